"""The reason every history record written by an import carries: ``import:<run id>``.

Set for the length of an import's batch; every historical record created
meanwhile in this thread (cases, persons, acts) takes it, unless its writer
gave another reason.
"""

import contextlib
import contextvars

from simple_history.signals import pre_create_historical_record

_reason: contextvars.ContextVar[str] = contextvars.ContextVar("import_history_reason", default="")

PREFIX = "import:"


@contextlib.contextmanager
def importing(run_id) -> None:
    token = _reason.set(f"{PREFIX}{run_id}")
    try:
        yield
    finally:
        _reason.reset(token)


def _stamp(sender, history_instance, **kwargs):
    reason = _reason.get()
    if reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason


def connect() -> None:
    pre_create_historical_record.connect(_stamp, dispatch_uid="imports.history_reason")
