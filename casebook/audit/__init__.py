"""The audit log: who did what, when, from where; append-only and hash-chained.

Other apps call one function, inside the transaction of the action they record::

    from casebook.audit import Action, record

    record(actor=request.user, action=Action.CASE_VIEWED, case=case, request=request)

``case`` is anything with a ``reference`` (or the reference itself), ``target``
any model instance (kept as ``app_label.model`` and primary key, never its
text). ``request`` may be left out inside a web request: the address is taken
from the request being served. ``casebook`` never imports the other apps.
"""

from casebook.audit.actions import Action

__all__ = ["Action", "record", "record_many"]


def record(*, actor, action, case=None, target=None, request=None, detail=None):
    """Append one entry to the audit log and return it."""
    from casebook.audit.log import append

    return append(actor=actor, action=action, case=case, target=target, request=request, detail=detail)


def record_many(*, actor, action, cases, target=None, request=None, detail=None):
    """Append one entry per case, in order, as ``record`` would one by one; return them."""
    from casebook.audit.log import append_many

    return append_many(actor=actor, action=action, cases=cases, target=target, request=request, detail=detail)
