#!/usr/bin/env python3
"""Server time and queries per request of the case list, at any scale.

    manage.py seed_cases --cases 1000000 --defer-search-index     # once, on the database to measure
    DATABASE_URL=postgres://.../casebook_bench python benchmarks/case_list.py [--runs 50]
    python benchmarks/case_list.py --smoke    # a few seeded cases, one run: does it still run? (make test)

Requests go through the whole Django stack in-process (middleware, session,
permissions, filters, template) with the test client, as the seeded users
``bench_officer`` and ``bench_partner``. For each scenario and page size it
reports p50 and p95 of the server time and the number of SQL queries per
request. Scenarios: the officer's list, a filtered list (type, country,
status), an Arabic search, the list three pages deep, and a legal partner's
list (who sees only the cases shared with them).
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebook.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from cases.models import Case  # noqa: E402

SCENARIOS = [
    ("officer list", "bench_officer", {}),
    ("filtered list", "bench_officer", {"violation_type": "arrest", "country": "EG", "status": "verified"}),
    ("Arabic search", "bench_officer", {"q": "اعتقال المدون"}),
    ("Arabic search, rare", "bench_officer", {"q": "الإسكندرية فيسبوك"}),
    ("overdue interventions", "bench_officer", {"overdue": "true"}),
    ("partner list", "bench_partner", {}),
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(client: Client, params: dict, runs: int, warmup: int) -> tuple[float, float, int, int]:
    timings, queries, rows = [], set(), 0
    for number in range(warmup + runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/cases/", params)
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{params}: HTTP {response.status_code}")
        if number >= warmup:
            timings.append(elapsed * 1000)
            queries.add(len(captured.captured_queries))
            rows = response.content.count(b'<tr class="case-row"')
    return percentile(timings, 0.5), percentile(timings, 0.95), max(queries), rows


def deep_params(client: Client, size: int, pages: int) -> dict:
    """The query string of the page ``pages`` deep, followed through the "next" cursors."""
    params: dict = {"size": size}
    for _ in range(pages):
        html = client.get("/cases/", params).content.decode()
        cursor = html.split('rel="next" href="?')[1].split("after=")[1].split('"')[0]
        params = {"size": size, "after": cursor}
    return params


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--sizes", default="25,100")
    parser.add_argument("--smoke", action="store_true", help="seed 120 cases if none, one run of each scenario")
    args = parser.parse_args()
    if args.smoke:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        if not get_user_model().objects.filter(username="bench_officer").exists():
            call_command("seed_cases", cases=120, shared=5, verbosity=0)
        args.runs, args.warmup, args.sizes = 1, 0, "25"
    # No test instrumentation (it slows template rendering); just let the client's host in.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    User = get_user_model()
    clients = {}
    for username in {user for _name, user, _params in SCENARIOS}:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        # Both factors, as after a real login: the page pays for loading the device like any other.
        device, _created = TOTPDevice.objects.get_or_create(user=user, name="benchmark", defaults={"confirmed": True})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        clients[username] = client
    total = Case.objects.count()
    print(f"{connection.vendor} {connection.settings_dict['NAME']}: {total:,} cases\n")
    print(f"{'scenario':<24}{'rows/page':>10}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'shown':>7}")
    for size in (int(size) for size in args.sizes.split(",")):
        scenarios = [*SCENARIOS, ("officer list, page 4", "bench_officer", None)]
        for name, username, params in scenarios:
            client = clients[username]
            if params is None:
                params = deep_params(client, size, 3)
            p50, p95, queries, rows = measure(client, {"size": size, **params}, args.runs, args.warmup)
            print(f"{name:<24}{size:>10}{p50:>9.1f}{p95:>9.1f}{queries:>9}{rows:>7}")


if __name__ == "__main__":
    main()
