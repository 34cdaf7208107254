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


def write_checkpoint(*, sequence: int, head_hash: str) -> Checkpoint:
    """Append one signed checkpoint; the file is only ever appended to."""
    created_at = timezone.now().isoformat()
    checkpoint = Checkpoint(sequence, head_hash, created_at, _sign(sequence, head_hash, created_at))
    path = checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    line = json.dumps(checkpoint.__dict__, separators=(",", ":")) + "\n"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(descriptor, line.encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return checkpoint


def read_checkpoints() -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints whose signature holds, and a problem for each line that does not."""
    path = checkpoint_path()
    if not path.exists():
        return [], []
    valid, problems = [], []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            checkpoint = Checkpoint(**json.loads(line))
            expected = _sign(checkpoint.sequence, checkpoint.hash, checkpoint.created_at)
        except (ValueError, TypeError):
            problems.append(f"checkpoint line {number}: unreadable")
            continue
        if not hmac.compare_digest(expected, checkpoint.signature):
            problems.append(f"checkpoint line {number}: bad signature (forged or signed with another key)")
            continue
        valid.append(checkpoint)
    return valid, problems
