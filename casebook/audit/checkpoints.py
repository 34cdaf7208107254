"""Signed checkpoints of the chain's head, kept outside the database.

Each line of ``checkpoints.jsonl`` names an entry (its sequence and hash) and
carries an HMAC-SHA256 made with a key the database does not hold. Someone who
cuts the tail of the table, or rewrites the chain and recomputes every hash,
cannot make it agree with a checkpoint written before.
"""

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

FILE_NAME = "checkpoints.jsonl"


@dataclass(frozen=True)
class Checkpoint:
    sequence: int
    hash: str
    created_at: str
    signature: str


def _key() -> bytes:
    if settings.AUDIT_SIGNING_KEY:
        return settings.AUDIT_SIGNING_KEY.encode()
    return salted_hmac("casebook.audit.checkpoint", "signing-key", algorithm="sha256").hexdigest().encode()


def _sign(sequence: int, head_hash: str, created_at: str) -> str:
    message = f"{sequence}:{head_hash}:{created_at}".encode()
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()


def checkpoint_path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR) / FILE_NAME


def copy_path() -> Path | None:
    """The second copy of the checkpoints, where one is configured (outside ``data/``)."""
    folder = settings.AUDIT_CHECKPOINT_COPY_DIR
    return Path(folder) / FILE_NAME if folder else None


def _append(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(descriptor, line.encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_checkpoint(*, sequence: int, head_hash: str) -> Checkpoint:
    """Append one signed checkpoint to the file and to its copy; both are only ever appended to."""
    created_at = timezone.now().isoformat()
    checkpoint = Checkpoint(sequence, head_hash, created_at, _sign(sequence, head_hash, created_at))
    line = json.dumps(checkpoint.__dict__, separators=(",", ":")) + "\n"
    for path in filter(None, (checkpoint_path(), copy_path())):
        _append(path, line)
    return checkpoint


def append_lines(lines: list[str]) -> None:
    """Put checkpoints back (a restore), each line as it was signed."""
    for path in filter(None, (checkpoint_path(), copy_path())):
        known = set(path.read_text().splitlines()) if path.exists() else set()
        for line in lines:
            if line.strip() and line not in known:
                _append(path, line + "\n")


def _read(path: Path, label: str) -> tuple[list[Checkpoint], list[str]]:
    valid, problems = [], []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            checkpoint = Checkpoint(**json.loads(line))
            expected = _sign(checkpoint.sequence, checkpoint.hash, checkpoint.created_at)
        except (ValueError, TypeError):
            problems.append(f"{label} line {number}: unreadable")
            continue
        if not hmac.compare_digest(expected, checkpoint.signature):
            problems.append(f"{label} line {number}: bad signature (forged or signed with another key)")
            continue
        valid.append(checkpoint)
    return valid, problems


def read_checkpoints() -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints whose signature holds, from the file and its copy, and a problem for each
    line that does not hold, and for a file that lost checkpoints its copy still has."""
    path, copy = checkpoint_path(), copy_path()
    valid, problems = _read(path, "checkpoint") if path.exists() else ([], [])
    if copy is None:
        return valid, problems
    copied, copy_problems = _read(copy, "checkpoint copy") if copy.exists() else ([], [])
    problems += copy_problems
    lost = set(copied) - set(valid)
    if lost:
        where = "is missing" if not path.exists() else f"lacks {len(lost)} of them"
        problems.append(
            f"the checkpoint file {path} {where}, but its copy in {copy.parent} holds them: the file was removed or cut"
        )
    return sorted(set(valid) | set(copied), key=lambda checkpoint: checkpoint.sequence), problems


def check_lines(lines: list[str]) -> list[str]:
    """Problems of checkpoint lines taken from elsewhere (a backup), with the current key."""
    problems = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            checkpoint = Checkpoint(**json.loads(line))
        except (ValueError, TypeError):
            problems.append(f"line {number}: unreadable")
            continue
        expected = _sign(checkpoint.sequence, checkpoint.hash, checkpoint.created_at)
        if not hmac.compare_digest(expected, checkpoint.signature):
            problems.append(f"line {number}: bad signature")
    return problems
