"""Checking the whole audit log against itself and against the signed checkpoints."""

from casebook.audit import chain
from casebook.audit.checkpoints import read_checkpoints
from casebook.models import AuditEvent


def verify_audit_log(*, chunk_size: int = 20000) -> chain.Verification:
    checkpoints, checkpoint_problems = read_checkpoints()
    expected = {checkpoint.sequence: checkpoint.hash for checkpoint in checkpoints}
    rows = AuditEvent.objects.order_by("sequence").values_list(*chain.FIELDS, "hash").iterator(chunk_size=chunk_size)
    result = chain.walk(rows, expected)
    result.problems.extend(checkpoint_problems)
    if result.first_broken_sequence is None and checkpoints:
        latest = max(checkpoint.sequence for checkpoint in checkpoints)
        if latest > result.head_sequence:
            result.problems.append(
                f"the log ends at entry #{result.head_sequence} but a signed checkpoint names entry #{latest}: "
                "entries were removed from the end"
            )
    return result
