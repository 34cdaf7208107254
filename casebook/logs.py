"""Structured logs that carry no personal data.

Log lines leave the server (journald, a log collector), so they hold only what
an operator needs: when, how bad, which component, what happened, and for
errors the exception's type and where it was raised. Never the exception's
message (a database error quotes the values it refused), query strings (a
search for a person's name), request bodies, user names or addresses.
"""

import json
import logging
import re
import traceback
from datetime import UTC, datetime

QUERY_STRING = re.compile(r"\?[^\s\"']*")
# Attributes of a LogRecord that are not "extra" fields given by the caller.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
# Extra fields that may be logged: identifiers and measures, never free text.
ALLOWED_EXTRA = {"job", "kind", "status", "duration_ms", "status_code", "method", "command", "task", "attempt"}


class NoPersonalDataFilter(logging.Filter):
    """Removes query strings from messages and drops the request object Django attaches."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = QUERY_STRING.sub("?…", message)
        record.args = None
        if hasattr(record, "request"):
            record.request = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key in ALLOWED_EXTRA and key not in _STANDARD:
                entry[key] = value if isinstance(value, int | float | bool) else str(value)[:200]
        if record.exc_info and record.exc_info[0] is not None:
            kind, _value, trace = record.exc_info
            entry["exception"] = {
                "type": f"{kind.__module__}.{kind.__qualname__}",
                "frames": [
                    f"{frame.filename}:{frame.lineno} {frame.name}" for frame in traceback.extract_tb(trace)[-8:]
                ],
            }
        return json.dumps(entry, ensure_ascii=False)
