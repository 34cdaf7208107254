"""The hash chain: a canonical serialisation of each entry and the walk that checks it."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

GENESIS = "0" * 64
VERSION = 1
# The fields that the hash covers, in order. Changing this list breaks every
# existing chain: add a new VERSION instead.
FIELDS = (
    "sequence",
    "created_at",
    "actor_id",
    "actor_name",
    "action",
    "case_reference",
    "target_type",
    "target_id",
    "ip_address",
    "detail",
    "previous_hash",
)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NAIVE_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def microseconds(moment: datetime | str) -> int:
    """A moment as whole microseconds since 1970 UTC: exact, and the same on every database.

    Accepts an aware datetime, a naive one in UTC, or the text SQLite stores.
    """
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        return (moment - _NAIVE_EPOCH) // _MICROSECOND
    return (moment - _EPOCH) // _MICROSECOND


def entry_hash(values: tuple | list) -> str:
    """SHA-256 of the canonical form of one entry, given in FIELDS order.

    The canonical form is a compact JSON array (UTF-8, no escaping of non-ASCII,
    fixed order, the time in microseconds), so that no two different entries
    serialise alike.
    """
    sequence, created_at, *rest = values
    payload = _ENCODER.encode([VERSION, sequence, microseconds(created_at), *rest])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class Verification:
    count: int = 0
    head_sequence: int = 0
    head_hash: str = GENESIS
    problems: list[str] = field(default_factory=list)
    first_broken_sequence: int | None = None
    # The newest entry named by a valid signed checkpoint, and how many entries follow it:
    # those could be cut from the end without any checkpoint telling.
    latest_checkpoint: int = 0
    unprotected: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def walk(rows, checkpoints: dict[int, str] | None = None) -> Verification:
    """Check an ordered stream of (FIELDS..., hash) rows; stop at the first broken link.

    A row is broken when its sequence is not the next one (a deleted or
    inserted entry), when its previous_hash is not the hash of the row before
    (a deleted, inserted or reordered entry), or when its own hash is not the
    hash of its content (an edited entry). Known checkpoints (sequence -> hash)
    must match the chain where it passes them.
    """
    result = Verification()
    checkpoints = checkpoints or {}
    expected_sequence = 1
    previous = GENESIS
    for row in rows:
        values, stored_hash = row[:-1], row[-1]
        sequence, previous_hash = values[0], values[-1]
        computed = entry_hash(values)
        if sequence != expected_sequence:
            problem = (
                f"entry #{sequence}: expected entry #{expected_sequence} here (an entry is missing or was inserted)"
            )
        elif previous_hash != previous:
            problem = f"entry #{sequence}: does not follow the entry before it (deleted, inserted or reordered entry)"
        elif computed != stored_hash:
            problem = f"entry #{sequence}: its content does not match its hash (edited entry)"
        elif sequence in checkpoints and checkpoints[sequence] != stored_hash:
            problem = f"entry #{sequence}: differs from the signed checkpoint (the chain was rewritten)"
        else:
            problem = ""
        if problem:
            result.problems.append(problem)
            result.first_broken_sequence = sequence
            return result
        result.count += 1
        result.head_sequence = sequence
        result.head_hash = stored_hash
        previous = stored_hash
        expected_sequence = sequence + 1
    return result
