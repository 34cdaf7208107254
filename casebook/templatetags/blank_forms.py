"""A blank form's fields, rendered once per language and kept for the life of the process.

The case page offers half a dozen empty forms (a review note, a link, an upload,
an archive reason…) on every view; rendering their widgets through Django's
form templates was a quarter of the page's template time. A form class that
reads nothing per request (no choices from the database, no initial values
computed when it is made) says so with ``renders_alike_when_blank = True``; a
blank instance of it is rendered once per (class, prefix, ids, initial values,
template, language). A bound form, with its values and errors, is always
rendered afresh, and so is every form while DEBUG is on (templates being edited).
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language

register = template.Library()

FIELDS_TEMPLATE = "form_fields.html"

_rendered: dict[tuple, str] = {}


def _key(form, template_name: str) -> tuple | None:
    if form.is_bound or settings.DEBUG or not getattr(form, "renders_alike_when_blank", False):
        return None
    try:
        initial = tuple(sorted(form.initial.items()))
        hash(initial)
    except TypeError:
        return None
    return (type(form), form.prefix, form.auto_id, initial, template_name, get_language())


@register.simple_tag
def form_fields(form, template_name: str = FIELDS_TEMPLATE) -> str:
    """``template_name`` (the label, widget, hint and errors of each field) rendered for ``form``."""
    key = _key(form, template_name)
    if key is None:
        return render_to_string(template_name, {"form": form})
    html = _rendered.get(key)
    if html is None:
        html = _rendered[key] = render_to_string(template_name, {"form": form})
    return html
