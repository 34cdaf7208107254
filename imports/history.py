"""The reason every history record written by an import carries: the code ``imported`` with the run's id.

Set for the length of an import's batch; every historical record created
meanwhile in this thread (cases, persons, acts) takes it, unless its writer
gave another reason.
"""

import contextlib
import contextvars

from simple_history.signals import pre_create_historical_record

from cases.reasons import reason_code

_reason: contextvars.ContextVar[str] = contextvars.ContextVar("import_history_reason", default="")


def import_reason(run_id) -> str:
    """As stored in the history; the history page puts it into words in the reader's language."""
    return reason_code("imported", run=run_id)


@contextlib.contextmanager
def importing(run_id) -> None:
    token = _reason.set(import_reason(run_id))
    try:
        yield
    finally:
        _reason.reset(token)


def current_reason() -> str:
    """The reason of the import whose batch is being written, for the versions written together
    (``bulk_history_create`` sends no signal); "" outside an import."""
    return _reason.get()


def _stamp(sender, history_instance, **kwargs):
    reason = _reason.get()
    if reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason


def connect() -> None:
    pre_create_historical_record.connect(_stamp, dispatch_uid="imports.history_reason")
