"""Sections that other apps add to the case page.

``cases`` knows nothing of evidence or reports; those apps register a panel
here when they load, and the case page shows whatever is registered.
A panel is a callable ``(request, case) -> dict | None``; the dict names a
``template`` and carries that template's context.
"""

from collections.abc import Callable

_panels: list[Callable] = []


def register(panel: Callable) -> Callable:
    if panel not in _panels:
        _panels.append(panel)
    return panel


def panels_for(request, case) -> list[dict]:
    return [context for panel in _panels if (context := panel(request, case)) is not None]


# The same for a content item's page: ``(request, item) -> dict | None``.
_content_panels: list[Callable] = []


def register_content(panel: Callable) -> Callable:
    if panel not in _content_panels:
        _content_panels.append(panel)
    return panel


def content_panels_for(request, item) -> list[dict]:
    return [context for panel in _content_panels if (context := panel(request, item)) is not None]
