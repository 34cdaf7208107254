"""Template helpers for documents: user text in its own language and direction, always escaped."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html

register = template.Library()


@register.simple_tag
def usertext(value, element="p"):
    """A block of user text with ``lang`` and ``dir`` of the language it is written in."""
    if not value:
        return ""
    language = getattr(value, "language", "")
    direction = getattr(value, "direction", "auto")
    text = getattr(value, "text", value)
    paragraphs = [part for part in str(text).replace("\r\n", "\n").split("\n\n") if part.strip()]
    tag = "p" if element not in {"p", "span", "div"} else element
    lang = ' lang="{}"' if language else "{}"
    return format_html(
        "".join(f'<{tag}{lang} dir="{{}}" class="user">{{}}</{tag}>' for _part in paragraphs),
        *[item for part in paragraphs for item in (language, direction, linebreaksbr(conditional_escape(part)))],
    )
