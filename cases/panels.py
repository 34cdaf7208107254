"""Sections that other apps add to the case page.

``cases`` knows nothing of evidence or reports; those apps register a panel
here when they load, and the case page shows whatever is registered.
A panel is a callable ``(request, case) -> dict | None``; the dict names a
``template`` and carries that template's context.

A panel that lists rows may say where they are: ``rows(case_id)`` returns a
queryset that has a row whenever the panel has something to list (it may have
more: a panel of the user's own jobs may name all the case's jobs). The case
page asks for all of them in its one "which lists have rows" query
(``cases.selectors.case_sections_present``), and such a panel is then called
as ``panel(request, case, empty=True)`` when there is nothing, and skips its
own reads.
"""

from collections.abc import Callable

from django.db.models import QuerySet

_panels: list[Callable] = []
_rows: dict[Callable, Callable[[int], QuerySet]] = {}


def register(panel: Callable, *, rows: Callable[[int], QuerySet] | None = None) -> Callable:
    if panel not in _panels:
        _panels.append(panel)
    if rows is not None:
        _rows[panel] = rows
    return panel


def section_name(panel: Callable) -> str:
    return f"panel:{panel.__module__}.{panel.__qualname__}"


def panel_rows() -> dict[str, Callable[[int], QuerySet]]:
    """The registered panels' row querysets, by the section name the case page asks them under."""
    return {section_name(panel): rows for panel, rows in _rows.items() if panel in _panels}


def panels_for(request, case, present: frozenset[str] | None = None) -> list[dict]:
    """The panels' contexts; ``present``: the sections that have rows (all of them when not given)."""
    contexts = []
    for panel in _panels:
        if present is not None and panel in _rows and section_name(panel) not in present:
            context = panel(request, case, empty=True)
        else:
            context = panel(request, case)
        if context is not None:
            contexts.append(context)
    return contexts


# The same for a content item's page: ``(request, item) -> dict | None``.
_content_panels: list[Callable] = []


def register_content(panel: Callable) -> Callable:
    if panel not in _content_panels:
        _content_panels.append(panel)
    return panel


def content_panels_for(request, item) -> list[dict]:
    return [context for panel in _content_panels if (context := panel(request, item)) is not None]
