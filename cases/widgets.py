"""A select rendered in Python: the list's filter form has a few hundred options (countries,
actors) and Django's template-per-option rendering made it the slowest part of the page.

The options of a list of choices are escaped and joined once, then reused for every page
that shows the same choices; only the chosen option differs, and it is marked on the copy.
Every value and label goes through ``escape`` (tests/cases/test_widgets.py feeds it hostile
text), which is what makes the ``mark_safe`` below sound.
"""

from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def _option(key: str) -> str:
    return f'<option value="{escape(key)}">'


@lru_cache(maxsize=512)
def _options(choices: tuple[tuple[str, str], ...]) -> str:
    return "".join(f"{_option(key)}{escape(label)}</option>" for key, label in choices)


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        chosen = {str(item) for item in (value if isinstance(value, (list, tuple)) else [value]) if item is not None}
        choices = tuple(("" if key is None else str(key), str(label)) for key, label in self.choices)
        options = _options(choices)
        for key in chosen:
            options = options.replace(_option(key), f'<option value="{escape(key)}" selected>', 1)
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))  # noqa: S308
