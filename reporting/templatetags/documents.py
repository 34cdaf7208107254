"""Template helpers for documents: user text in its own language and direction, always escaped."""

import unicodedata

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html

register = template.Library()


def first_strong_direction(text: str) -> str:
    """ "rtl" or "ltr" after the first letter with a direction, as a browser decides ``dir="auto"``;
    "auto" when there is none. The PDF renderer does not resolve ``dir="auto"`` itself: an English
    answer in an Arabic document would take the page's direction and put its full stop first."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"


@register.simple_tag
def usertext(value, element="p"):
    """A block of user text with ``lang`` and ``dir`` of the language it is written in
    (for text of no known language, the direction of each paragraph's first letter)."""
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
        *[
            item
            for part in paragraphs
            for item in (
                language,
                first_strong_direction(part) if direction == "auto" else direction,
                linebreaksbr(conditional_escape(part)),
            )
        ],
    )
