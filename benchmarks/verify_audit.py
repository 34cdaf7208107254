#!/usr/bin/env python3
"""How long ``manage.py verify_audit`` takes on a large audit log (target: 100,000 events in under 5 s).

    .venv/bin/python benchmarks/verify_audit.py                       # SQLite, 100,000 events
    .venv/bin/python benchmarks/verify_audit.py --events 1000000
    .venv/bin/python benchmarks/verify_audit.py --smoke           # does it still run? (make test)
    .venv/bin/python tools/stack.py postgres -- .venv/bin/python benchmarks/verify_audit.py

Builds a throwaway database (a temporary SQLite file, or the database named by
DATABASE_URL, which must be empty and disposable), fills the audit log with a
valid chain through the same hashing code as ``casebook.audit.record``, then
times the full verification several times and reports the best and the median.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="200 events, one run: only checks that it runs")
    options = parser.parse_args()
    if options.smoke:
        options.events, options.repeat = 200, 1

    os.environ.setdefault("CASEBOOK_DATA_DIR", tempfile.mkdtemp(prefix="casebook-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "casebook.settings"
    os.environ.setdefault("CASEBOOK_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from casebook.audit import Action, chain
    from casebook.audit.checkpoints import write_checkpoint
    from casebook.audit.verify import verify_audit_log
    from casebook.models import AuditEvent

    call_command("migrate", verbosity=0)
    if AuditEvent.objects.exists():
        sys.exit("The audit table is not empty: point DATABASE_URL at a throwaway database.")

    print(f"Filling the audit log with {options.events:,} events on {connection.vendor}…", flush=True)
    started = time.perf_counter()
    actions = [Action.CASE_VIEWED, Action.EVIDENCE_DOWNLOADED, Action.LOGIN, Action.REPORT_EXPORTED]
    moment = timezone.now() - timedelta(days=365)
    previous = chain.GENESIS
    batch = []
    for sequence in range(1, options.events + 1):
        moment += timedelta(milliseconds=317)
        values = (
            sequence,
            moment,
            (sequence % 40) + 1,
            f"user{sequence % 40}",
            actions[sequence % len(actions)].value,
            f"DR-2026-{sequence % 5000:04d}",
            "evidence.evidenceitem" if sequence % 4 == 1 else "",
            str(sequence % 9000) if sequence % 4 == 1 else "",
            f"198.51.100.{sequence % 250}",
            '{"sha256": "' + "ab" * 32 + '"}' if sequence % 4 == 3 else "",
            previous,
        )
        entry_hash = chain.entry_hash(values)
        batch.append(AuditEvent(**dict(zip(chain.FIELDS, values, strict=True)), hash=entry_hash))
        previous = entry_hash
        if len(batch) == 10_000:
            with transaction.atomic():
                AuditEvent.objects.bulk_create(batch)
            batch = []
    if batch:
        with transaction.atomic():
            AuditEvent.objects.bulk_create(batch)
    print(f"  filled in {time.perf_counter() - started:.1f} s")
    # As the application would have: the head is covered by a signed checkpoint.
    write_checkpoint(sequence=options.events, head_hash=previous)

    timings = []
    for _ in range(options.repeat):
        started = time.perf_counter()
        result = verify_audit_log()
        timings.append(time.perf_counter() - started)
        assert result.ok and result.count == options.events, result.problems
    print(f"verify_audit on {options.events:,} events ({connection.vendor}, {options.repeat} runs):")
    print(f"  best {min(timings):.2f} s, median {statistics.median(timings):.2f} s (target: under 5 s for 100,000)")
    started = time.perf_counter()
    call_command("verify_audit")
    print(f"  the management command itself: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
