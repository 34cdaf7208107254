"""Benchmark of document generation (PRODUCT.md section 8).

    .venv/bin/python benchmarks/documents.py [--runs 5] [--cases 500] [--evidence 50]
    .venv/bin/python benchmarks/documents.py --smoke     # does it still run? (make test)

Builds a throwaway database (SQLite in a temporary folder, or the database
named by DATABASE_URL) with one case holding 50 evidence images and 500 cases
for the statistics report, then times:

- the case file with its 50 evidence items (images read through the storage
  API, downscaled and embedded), target under 3 s;
- the statistics report over 500 cases, with its SVG charts;

each split into the app's own work (loading the records, applying the profile,
building the data, rendering the template, fetching and re-encoding images)
and WeasyPrint's own work (parsing, layout and writing the PDF). The overhead
is the app's share of the total; target under 15 %. Peak memory is given as
the Python heap peak (tracemalloc) and the process's resident high-water mark.
"""

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CASEBOOK_DATA_DIR", tempfile.mkdtemp(prefix="casebook-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebook.settings")
os.environ.setdefault("CASEBOOK_LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from PIL import Image  # noqa: E402

TARGET_SECONDS = 3.0
TARGET_OVERHEAD = 0.15


def screenshot(number: int) -> bytes:
    """A phone-screenshot-sized PNG, different for every item."""
    image = Image.new("RGB", (1080, 1920), (240, 240, 240))
    for row in range(0, 1920, 60):
        colour = ((number * 37 + row) % 255, (row * 3) % 255, (number * 11) % 255)
        image.paste(colour, (40, row, 1040, row + 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def build_data(*, evidence: int, cases: int):
    import datetime as dt
    import hashlib

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from casebook.roles import Role
    from cases import services
    from cases.models import Actor, ActorType, Platform, ViolationType
    from evidence.models import CustodyEvent, EvidenceItem
    from evidence.services import custody_record, original_name_for

    officer = get_user_model().objects.create_user("bench-officer")  # no password: never logs in
    officer.groups.add(Group.objects.get(name=Role.OFFICER))
    officer = get_user_model().objects.get(pk=officer.pk)

    types = list(ViolationType.objects.all())
    platforms = list(Platform.objects.all())
    actor_type = ActorType.objects.first()
    actors = [Actor.objects.create(name_en=f"Agency {n}", actor_type=actor_type) for n in range(8)]
    today = dt.date.today()
    chosen = []
    for number in range(cases):
        case = services.case_create(
            actor=officer,
            title=f"حالة رقم {number}: تعليق حساب بعد منشور",
            narrative="علّق حساب المدون بعد نشره عن الاحتجاجات. " * 6,
            narrative_translation="The blogger's account was suspended after a post about the protests. " * 6,
            language="ar",
            country=["LB", "EG", "TN", "JO", "MA", "IQ"][number % 6],
            start_date=today - dt.timedelta(days=number % 700 + 1),
            sensitivity="normal",
        )
        person = services.person_save(
            actor=officer,
            case=case,
            name=f"شخص {number}",
            pseudonym=f"P{number}",
            refresh=False,
            consent_public_status="given" if number % 2 == 0 else "not_asked",
            consent_public_date=today if number % 2 == 0 else None,
            consent_public_method="written" if number % 2 == 0 else "",
        )
        violation = services.violation_save(
            actor=officer,
            case=case,
            refresh=False,
            violation_type=types[number % len(types)],
            platform=platforms[number % len(platforms)],
            date=today - dt.timedelta(days=number % 700 + 1),
            description="Account suspended.",
            affected_persons=[person],
            actors=[actors[number % len(actors)]],
            content_concerned=f"https://example.org/post/{number}",
        )
        services.intervention_save(
            actor=officer,
            case=case,
            kind="platform_escalation",
            recipient="Platform",
            violation=violation,
            platform=violation.platform,
            status=["sent", "actioned", "refused", "no_response"][number % 4],
            sent_on=violation.date,
            response_date=violation.date + dt.timedelta(days=number % 20) if number % 4 in (1, 2) else None,
        )
        chosen.append(case)
    case_file_case = chosen[0]
    for number in range(evidence):
        data = screenshot(number)
        sha256 = hashlib.sha256(data).hexdigest()
        name = default_storage.save(original_name_for(sha256), ContentFile(data))
        item = EvidenceItem.objects.create(
            case=case_file_case,
            file=name,
            sha256=sha256,
            size=len(data),
            media_type="image/png",
            original_name=f"screenshot-{number:02d}.png",
            uploaded_by=officer,
        )
        custody_record(item=item, action=CustodyEvent.Action.UPLOADED, actor=officer)
        custody_record(item=item, action=CustodyEvent.Action.VIEWED, actor=officer)
    return officer, case_file_case, chosen


def measure(label, *, officer, template, cases, profile, runs):
    from reporting.pdf import render_document
    from reporting.services import prepare_document

    results = []
    # The first run warms fonts and caches and is not counted; the last one traces
    # memory (tracemalloc slows Python down, so it is kept out of the timed runs).
    for run in range(runs + 2):
        tracing = run == runs + 1
        if tracing:
            tracemalloc.start()
        started, started_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            prepared = prepare_document(
                actor=officer,
                template=template,
                cases=cases,
                profile=profile,
                language="ar",
                options={"organisation": "Benchmark"},
            )
        built, built_cpu = time.perf_counter(), time.process_time()
        rendering = render_document(
            prepared.document.template, prepared.data, evidence=prepared.data.get("evidence_files")
        )
        total, total_cpu = time.perf_counter() - started, time.process_time() - started_cpu
        if tracing:
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        elif run == 0:
            first = (total, rendering.fetch_seconds)
        else:
            results.append(
                {
                    "total": total,
                    "total_cpu": total_cpu,
                    "build_cpu": built_cpu - started_cpu,
                    "weasyprint_cpu": rendering.weasyprint_cpu,
                    # Per run, so that the share compares times of the same run.
                    "overhead": 1 - rendering.weasyprint_seconds / total,
                    "overhead_cpu": 1 - rendering.weasyprint_cpu / total_cpu,
                    "build": built - started,
                    "template": rendering.template_seconds,
                    "fetch": rendering.fetch_seconds,
                    "weasyprint": rendering.weasyprint_seconds,
                    "queries": len(queries),
                    "size": len(rendering.pdf),
                    "refused": len(rendering.refused),
                }
            )
    median = {key: statistics.median(result[key] for result in results) for key in results[0]}
    median["peak"] = peak
    overhead, overhead_cpu = median["overhead"], median["overhead_cpu"]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{label} ({runs} runs, median)")
    print(f"  total              {median['total']:.3f} s")
    print(f"  app: build data    {median['build']:.3f} s  ({median['queries']:.0f} queries)")
    print(f"  app: template      {median['template']:.3f} s")
    print(f"  app: fetch images  {median['fetch']:.3f} s")
    print(f"  WeasyPrint itself  {median['weasyprint']:.3f} s")
    print(f"  overhead           {overhead:.1%} of the total (target < {TARGET_OVERHEAD:.0%})")
    print(
        f"  processor time     {median['total_cpu']:.3f} s, of which WeasyPrint {median['weasyprint_cpu']:.3f} s,"
        f" build {median['build_cpu']:.3f} s: overhead {overhead_cpu:.1%}"
    )
    print(f"  peak Python heap   {median['peak'] / 2**20:.1f} MiB; process RSS high-water {rss:.0f} MiB")
    print(f"  PDF                {median['size'] / 1024:.0f} KiB; refused fetches {median['refused']:.0f}")
    print(f"  first run          {first[0]:.3f} s, of which {first[1]:.3f} s fetching (print copies made then)")
    return median, overhead


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--evidence", type=int, default=50)
    parser.add_argument("--smoke", action="store_true", help="a few cases, one run: only checks that it runs")
    arguments = parser.parse_args()
    if arguments.smoke:
        arguments.runs, arguments.cases, arguments.evidence = 1, 3, 2

    call_command("migrate", verbosity=0)
    call_command("compilemessages", verbosity=0, ignore=[".venv"]) if not (
        ROOT / "locale/ar/LC_MESSAGES/django.mo"
    ).exists() else None
    print(
        f"load average before: {' '.join(f'{value:.2f}' for value in os.getloadavg())} on {os.cpu_count()} processors"
    )
    print(f"database: {connection.vendor}; preparing {arguments.cases} cases, {arguments.evidence} evidence images…")
    started = time.perf_counter()
    officer, case_file_case, cases = build_data(evidence=arguments.evidence, cases=arguments.cases)
    print(f"prepared in {time.perf_counter() - started:.0f} s")

    case_file, case_file_overhead = measure(
        f"Case file with {arguments.evidence} evidence images",
        officer=officer,
        template="case_file",
        cases=[case_file_case],
        profile="internal",
        runs=arguments.runs,
    )
    _stats, stats_overhead = measure(
        f"Statistics report over {arguments.cases} cases",
        officer=officer,
        template="statistics",
        cases=cases,
        profile="statistics",
        runs=arguments.runs,
    )
    print("\nTargets")
    print(f"  case file under {TARGET_SECONDS:.0f} s: {'met' if case_file['total'] < TARGET_SECONDS else 'NOT met'}")
    for label, overhead in (("case file", case_file_overhead), ("statistics", stats_overhead)):
        print(f"  {label} overhead under {TARGET_OVERHEAD:.0%}: {'met' if overhead < TARGET_OVERHEAD else 'NOT met'}")


if __name__ == "__main__":
    main()
