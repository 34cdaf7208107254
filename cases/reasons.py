"""Why a version of a record was written, stored as a code and put into words when shown.

The reasons the application gives a version (archived, restored, removed) are
stored in django-simple-history's ``history_change_reason`` as codes with their
parameters, so that the Arabic history reads in Arabic. A reason an officer
typed (a transition note) is kept and shown as typed.
"""

import re

from django.utils.translation import pgettext_lazy

# Reasons the application gives a version are stored as codes (``reason_code``) and put into
# words when shown; a reason an officer typed (a transition note) is shown as typed.
REASON_PREFIX = "casebook:"
REASONS = {
    "archived": pgettext_lazy("history reason", "archived"),
    "unarchived": pgettext_lazy("history reason", "restored from the archive"),
    "removed": pgettext_lazy("history reason", "removed"),
    "restored": pgettext_lazy("history reason", "restored version %(version)s"),
    "imported": pgettext_lazy("history reason", "imported from a spreadsheet (import %(run)s)"),
}
# The English sentences stored before the codes, read as the codes they stand for.
_LEGACY_REASONS = {
    "archived": ("archived", {}),
    "restored from the archive": ("unarchived", {}),
    "removed": ("removed", {}),
}
_LEGACY_RESTORED = re.compile(r"^restored version (\d+)$")


def reason_code(code: str, **parameters) -> str:
    """A version's reason as stored: ``casebook:restored:version=12``."""
    if code not in REASONS:
        raise ValueError(f"unknown history reason {code!r}")
    return ":".join([REASON_PREFIX + code, *(f"{key}={value}" for key, value in sorted(parameters.items()))])


def reason_text(stored: str) -> str:
    """A stored reason in the active language."""
    if not stored:
        return ""
    code, parameters = None, {}
    if stored.startswith(REASON_PREFIX):
        code, *pairs = stored[len(REASON_PREFIX) :].split(":")
        parameters = dict(pair.split("=", 1) for pair in pairs if "=" in pair)
    elif stored in _LEGACY_REASONS:
        code, parameters = _LEGACY_REASONS[stored]
    elif match := _LEGACY_RESTORED.match(stored):
        code, parameters = "restored", {"version": match.group(1)}
    if code not in REASONS:
        return stored
    try:
        return str(REASONS[code]) % parameters if parameters else str(REASONS[code])
    except (KeyError, ValueError, TypeError):
        return stored
