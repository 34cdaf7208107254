#!/usr/bin/env python3
"""A large spreadsheet imported: time and peak memory (target: 100,000 rows in under 5 minutes on PostgreSQL).

    .venv/bin/python tools/stack.py postgres -- .venv/bin/python benchmarks/import.py
    .venv/bin/python benchmarks/import.py --rows 10000            # SQLite, quicker
    .venv/bin/python benchmarks/import.py --format xlsx           # the same rows as a workbook

Builds a throwaway database (a temporary SQLite file, or the database named by
DATABASE_URL, which must be empty and disposable) and a generated takedown
log: one row per case with a title, a country, a date (day, month or year
precision), a platform and a violation type written as people write them
("FB", "فيسبوك", "حذف محتوى"), a person's name and a link; every tenth row
carries an unknown country and is refused. The file is uploaded through the
import service and written by the same code the background job runs (batches
of ``CASEBOOK_IMPORT_BATCH`` cases, each with its history, audit entries and
search columns), then imported a second time, which must change nothing.

Reported: rows per second and wall time of the first import and of the
re-import, and the peak resident memory the import added over the process's
memory before it (VmHWM reset through /proc/self/clear_refs), with the peak
after a tenth of the rows for comparison: flat memory means the two are close.
"""

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MiB = 1024 * 1024

PLATFORMS = ["FB", "فيسبوك", "facebook", "X", "تويتر", "YouTube", "TikTok", "Telegram"]
TYPES = ["حذف محتوى", "content removal", "account suspension", "arrest", "اعتقال", "حظر"]
COUNTRIES = ["Egypt", "مصر", "TN", "Jordan", "الأردن", "Lebanon", "SA", "Morocco"]
HEADER = ["Row id", "العنوان", "Country", "التاريخ", "المنصة", "Violation", "الاسم", "Link"]


def make_rows(count: int):
    rng = random.Random(42)  # noqa: S311 - reproducible sample data, not a secret
    for number in range(1, count + 1):
        day = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        date = (day, day[:7], day[:4])[number % 3]
        country = "Atlantis" if number % 10 == 0 else rng.choice(COUNTRIES)
        yield [
            str(number),
            f"حذف منشور رقم {number} للمدون {rng.randint(1, 5000)}",
            country,
            date,
            rng.choice(PLATFORMS),
            rng.choice(TYPES),
            f"سمير الحداد {number}",
            f"https://example.org/post/{number}",
        ]


def write_file(path: Path, count: int, file_format: str) -> None:
    if file_format == "csv":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(make_rows(count))
        return
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Log")
    sheet.append(HEADER)
    for row in make_rows(count):
        sheet.append(row)
    workbook.save(path)


def proc_status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument(
        "--preview-only",
        action="store_true",
        help="read, map and classify every row as the preview does, without writing: the reading path alone",
    )
    parser.add_argument("--smoke", action="store_true", help="a few rows, to show the script still runs (make test)")
    options = parser.parse_args()
    if options.smoke:
        options.rows = 30

    data_dir = tempfile.mkdtemp(prefix="casebook-bench-")
    os.environ.setdefault("CASEBOOK_DATA_DIR", data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "casebook.settings"
    os.environ.setdefault("CASEBOOK_LOG_LEVEL", "WARNING")
    os.environ.setdefault("CASEBOOK_EVIDENCE_FSYNC", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection

    from casebook.roles import Role
    from cases.models import Case
    from imports import services
    from imports.models import ImportRun
    from imports.services import preview as preview_service
    from imports.services import running

    settings.IMPORT_MAX_ROWS = max(settings.IMPORT_MAX_ROWS, options.rows)
    call_command("migrate", verbosity=0)
    if Case.objects.exists():
        sys.exit("The database already holds cases: point DATABASE_URL at a throwaway database.")
    from django.contrib.auth.models import Group, User

    officer = User.objects.create_user("bench-officer")
    officer.groups.add(Group.objects.get(name=Role.OFFICER))

    path = Path(data_dir) / f"takedowns.{options.format}"
    print(f"Writing {options.rows:,} rows as {options.format}…", flush=True)
    write_file(path, options.rows, options.format)
    print(f"File: {path.stat().st_size / MiB:.1f} MiB; database: {connection.vendor}", flush=True)
    mapping = {
        "columns": {
            "0": "external_id",
            "1": "title",
            "2": "country",
            "3": "start_date",
            "4": "platform",
            "5": "violation_type",
            "6": "person_name",
            "7": "content_concerned",
        },
        "defaults": {"sensitivity": "sensitive", "verification_level": "unverified"},
        "source": "benchmark",
    }

    def run_once(label: str) -> ImportRun:
        uploaded = SimpleUploadedFile(path.name, path.read_bytes())
        run = services.import_upload(actor=User.objects.get(pk=officer.pk), uploaded=uploaded)
        del uploaded
        baseline = proc_status("VmRSS")
        reset_peak()
        tenth = {}
        write_batch = running._write_batch

        def write_and_measure(**kwargs):
            # The peak after a tenth of the rows, taken between two batches: flat memory keeps it near the end's.
            write_batch(**kwargs)
            if "peak" not in tenth and kwargs["run"].groups_done >= options.rows // 10:
                tenth["peak"] = proc_status("VmHWM") - baseline

        running._write_batch = write_and_measure
        started, cpu = time.perf_counter(), time.process_time()
        settings.CASEBOOK_BACKGROUND_JOBS = False  # the job runs here, as a worker would run it
        run = services.import_start(actor=run.requested_by, run=run, mapping=mapping)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = proc_status("VmHWM") - baseline
        running._write_batch = write_batch
        run.refresh_from_db()
        print(
            f"{label}: {run.rows_total:,} rows in {elapsed:.1f} s ({run.rows_total / elapsed:,.0f} rows/s); "
            f"new {run.created:,}, updated {run.updated:,}, unchanged {run.unchanged:,}, refused {run.refused:,}; "
            f"peak extra memory {peak / MiB:.0f} MiB (after a tenth of the rows: "
            f"{tenth.get('peak', 0) / MiB:.0f} MiB); this process's CPU {cpu:.1f} s, load average "
            f"{os.getloadavg()[0]:.1f} (the rest of the time is the database's or other programs')",
            flush=True,
        )
        return run

    if options.preview_only:
        preview_service.PREVIEW_ROWS = options.rows + 1
        uploaded = SimpleUploadedFile(path.name, path.read_bytes())
        run = services.import_upload(actor=officer, uploaded=uploaded)
        del uploaded
        baseline = proc_status("VmRSS")
        reset_peak()
        started = time.perf_counter()
        preview = services.import_preview(actor=officer, run=run, mapping=mapping)
        elapsed = time.perf_counter() - started
        print(
            f"Preview of every row: {preview.rows_seen:,} rows in {elapsed:.1f} s "
            f"({preview.rows_seen / elapsed:,.0f} rows/s); {preview.counts}; "
            f"peak extra memory {(proc_status('VmHWM') - baseline) / MiB:.0f} MiB",
            flush=True,
        )
        return

    first = run_once("First import")
    again = run_once("Same file again")
    assert again.created == 0 and again.updated == 0, "a second import of the same file changed cases"
    print(f"Target: 100,000 rows in under 300 s on PostgreSQL; first import {first.rows_total:,} rows.")


if __name__ == "__main__":
    main()
