"""The audit log: who did what, when, from where; append-only and hash-chained.

Other apps call one function, inside the transaction of the action they record::

    from casebook.audit import Action, record

    record(actor=request.user, action=Action.CASE_VIEWED, case=case, request=request)

``case`` is anything with a ``reference`` (or the reference itself), ``target``
any model instance (kept as ``app_label.model`` and primary key, never its
text). ``request`` may be left out inside a web request: the address is taken
from the request being served. ``casebook`` never imports the other apps.
"""

from dataclasses import dataclass

from casebook.audit.actions import Action

__all__ = ["Action", "Entry", "record", "record_many"]


@dataclass(frozen=True)
class Entry:
    """One entry of several written at once: what was done, in which case, to which object."""

    action: str
    case: object = None
    target: object = None
    detail: dict | None = None


def record(*, actor, action, case=None, target=None, request=None, detail=None):
    """Append one entry to the audit log and return it."""
    from casebook.audit.log import append

    return append(actor=actor, action=action, case=case, target=target, request=request, detail=detail)


def record_many(*, actor, entries: "list[Entry]", request=None):
    """Append ``entries``, in order, as ``record`` would one by one (same actor, same request);
    return them. A batch that writes cases, persons and acts audits each as its own service would."""
    from casebook.audit.log import append_many

    return append_many(actor=actor, entries=entries, request=request)
