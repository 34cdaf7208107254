#!/usr/bin/env python3
"""Pages over HTTP through gunicorn with the production settings, at 100,000 cases or more.

    .venv/bin/python benchmarks/pages.py                          # 100,000 cases, a throwaway PostgreSQL
    DATABASE_URL=postgres://.../casebook_bench .venv/bin/python benchmarks/pages.py --cases 1000000
    .venv/bin/python benchmarks/pages.py --smoke                  # does it still run? (make test)

Seeds the database with ``manage.py seed_cases`` up to ``--cases`` (a database
that already holds them is reused; the search indexes are built once at the
end), starts Redis (the production cache and session store) and gunicorn with
``deploy/gunicorn.conf.py`` and the production settings on loopback, one
worker with two threads, then logs in through the real two-step login (the
password page, then a TOTP code) and times each request below over HTTP with
one keep-alive connection. Requests go in rounds, every request once per
round, so that each sees the same load on a shared machine.

Reported for each request: p50 and p95 in ms, the number of SQL queries (the
``X-Casebook-Queries`` header added by ``benchmarks/pages_settings.py`` only),
the size of the response, and p50 divided by the floor's p50 (the floor is a
bare login-required view of the benchmark's own URL configuration: what every
page pays for the middleware, the session, the user and the second factor).
The load average is printed before and after: figures from a busy machine
are not the quiet machine's.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import stack  # noqa: E402

ARABIC_COMMON = "اعتقال"
ENGLISH_COMMON = "blogger"
EDITS_OF_THE_HISTORY_CASE = 10


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def loadavg() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


class Browser:
    """One keep-alive HTTP connection with a cookie jar, as a browser behind the proxy would be."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, bytes]:
        headers = {
            "Host": "127.0.0.1",
            # The reverse proxy of deploy/ says the client came over HTTPS.
            "X-Forwarded-Proto": "https",
            "Accept-Language": "en",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1{path}"
            headers["Origin"] = "https://127.0.0.1"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            # The server closed an idle keep-alive connection (while a login waited for a fresh
            # code): a browser opens a new one and sends the request again.
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, dict(response.headers.items()), content

    def get(self, path: str) -> tuple[int, dict, bytes]:
        return self.request("GET", path)

    def post(self, path: str) -> tuple[int, dict, bytes]:
        """A form with nothing but the CSRF token (the secret of the CSRF cookie is a valid token)."""
        token = next(value for name, value in self.cookies.items() if "csrf" in name)
        return self.request("POST", path, {"csrfmiddlewaretoken": token})

    def login(self, username: str, device) -> None:
        """The two steps a person takes: the password page, then the second-factor page."""
        from benchmarks.login import BENCH_PASSWORD, csrf_token, current_code, wait_for_fresh_code

        _status, _headers, page = self.get("/accounts/login/")
        form = {"username": username, "password": BENCH_PASSWORD, "csrfmiddlewaretoken": csrf_token(page.decode())}
        status, headers, _content = self.request("POST", "/accounts/login/", form)
        if status != 302 or "/two-factor/" not in headers.get("Location", ""):
            raise SystemExit(f"password step refused for {username}: {status}")
        verify = headers["Location"]
        _status, _headers, page = self.get(verify)
        wait_for_fresh_code(device)
        form = {"token": current_code(device), "csrfmiddlewaretoken": csrf_token(page.decode())}
        status, headers, _content = self.request("POST", verify, form)
        if status != 302 or "/two-factor/" in headers.get("Location", ""):
            raise SystemExit(f"second-factor step refused for {username}: {status}")


def prepare_database(cases: int, environment: dict) -> None:
    """Migrations, then cases up to ``cases`` with ``seed_cases`` (kept for the next run)."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], check=True, env=environment)  # noqa: S603
    import django

    django.setup()
    from cases.models import Case

    present = Case.objects.count()
    if present < cases:
        print(f"seeding {cases - present:,} cases (there are {present:,})…", flush=True)
        started = time.monotonic()
        subprocess.run(  # noqa: S603
            [*manage, "seed_cases", "--cases", str(cases - present), "--defer-search-index"],
            check=True,
            env=environment,
            stdout=subprocess.DEVNULL,
        )
        print(f"  seeded in {time.monotonic() - started:.0f} s", flush=True)
        with django.db.connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE") if django.db.connection.vendor == "postgresql" else None


def prepare_history_case(officer_username: str) -> str:
    """A case edited ``EDITS_OF_THE_HISTORY_CASE`` times through the services, for the history page."""
    from django.contrib.auth import get_user_model

    from cases import services
    from cases.models import Case, Tag

    officer = get_user_model().objects.get(username=officer_username)
    case = Case.objects.filter(sensitivity="normal", archived_at__isnull=True).order_by("id").first()
    edits = case.history.count() - 1
    tag = Tag.objects.order_by("id").first()
    for number in range(edits, EDITS_OF_THE_HISTORY_CASE):
        services.case_update(actor=officer, case=case, title=f"{case.title.split(' [')[0]} [{number + 1}]")
        if number % 2:
            case.tags.add(tag)
        else:
            case.tags.remove(tag)
    return case.reference


def requests_to_time(browser: Browser, history_reference: str, quick: bool) -> list[tuple[str, str, str, str]]:
    """(name, method, path, who): the officer's requests, then the legal partner's list."""
    from cases.models import Case, Tag

    _status, _headers, page = browser.get("/cases/?size=25")
    path = "/cases/?size=25"
    for _ in range(3):
        _status, _headers, page = browser.get(path)
        match = re.search(rb'rel="next" href="\?([^"]+)"', page)
        if match is None:
            raise SystemExit("the case list has no fourth page: seed more cases")
        path = "/cases/?" + match.group(1).decode().replace("&amp;", "&")
    tag = Tag.objects.filter(name="elections").first() or Tag.objects.order_by("id").first()
    combined = {"status": "verified", "tag": tag.pk, "date_from": "2024-01-01", "date_to": "2025-12-31"}
    case = Case.objects.filter(sensitivity="normal", archived_at__isnull=True).order_by("-id").first()
    plan = [
        ("floor: a bare login-required view", "GET", "/benchmark/floor/"),
        ("case list, first page (25 rows)", "GET", "/cases/"),
        ("case list, 4th page", "GET", path),
        ("filter status=verified", "GET", "/cases/?status=verified"),
        ("status + tag + date range", "GET", "/cases/?" + urlencode(combined)),
        ("Arabic search, common word", "GET", "/cases/?" + urlencode({"q": ARABIC_COMMON})),
        ("English search", "GET", "/cases/?" + urlencode({"q": ENGLISH_COMMON})),
        ("one case page", "GET", f"/cases/{case.reference}/"),
        (f"history page ({EDITS_OF_THE_HISTORY_CASE} edits)", "GET", f"/cases/{history_reference}/history/"),
    ]
    if not quick:
        # Without a broker the document is made in the request and sent at once.
        plan.append(("case-file PDF of one case", "POST", f"/reports/case/{case.reference}/case-file/"))
    plan = [(name, method, path, "officer") for name, method, path in plan]
    plan.append(("legal partner's list (cases shared)", "GET", "/cases/", "partner"))
    return plan


def run(args) -> int:
    work = Path(tempfile.mkdtemp(prefix="casebook-pages-bench-"))
    environment = {
        **os.environ,
        "CASEBOOK_DATA_DIR": str(work / "data"),
        "CASEBOOK_STATIC_ROOT": str(work / "static"),
        "CASEBOOK_AUDIT_CHECKPOINT_DIR": str(work / "checkpoints"),
        "CASEBOOK_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "benchmarks.pages_settings",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(environment)
    with contextlib.ExitStack() as stack_of_services:
        stack_of_services.callback(shutil.rmtree, work, ignore_errors=True)
        if "DATABASE_URL" not in os.environ:
            url = stack_of_services.enter_context(stack.postgres())
            os.environ["DATABASE_URL"] = environment["DATABASE_URL"] = url
        cache = stack_of_services.enter_context(stack.redis())
        prepare_database(args.cases, environment)
        from django.db import connection

        from benchmarks.login import ensure_user
        from casebook.roles import Role
        from cases.models import Case

        officer, officer_device = ensure_user("bench_officer", Role.OFFICER)
        partner, partner_device = ensure_user("bench_partner", Role.PARTNER)
        history_reference = prepare_history_case(officer.username)
        total = Case.objects.count()
        connection.close()

        port = stack.free_port()
        server_environment = {
            **environment,
            "CASEBOOK_PRODUCTION": "1",
            "CASEBOOK_SECRET_KEY": secrets.token_urlsafe(50),
            "CASEBOOK_SSL_REDIRECT": "0",
            "CASEBOOK_HSTS_SECONDS": "0",
            "CASEBOOK_CACHE_URL": cache,
            "CASEBOOK_BIND": f"127.0.0.1:{port}",
            "CASEBOOK_WEB_WORKERS": "1",
            "CASEBOOK_WEB_THREADS": "2",
            "CASEBOOK_ALLOWED_HOSTS": "127.0.0.1",
        }
        subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
            check=True,
            env=server_environment,
        )
        gunicorn = Path(sys.executable).with_name("gunicorn")
        log = open(work / "gunicorn.log", "wb")  # noqa: SIM115
        server = subprocess.Popen(  # noqa: S603
            [str(gunicorn), "-c", str(ROOT / "deploy/gunicorn.conf.py"), "--access-logfile", "-", "casebook.wsgi"],
            cwd=ROOT,
            env=server_environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        stack_of_services.callback(lambda: (server.terminate(), server.wait(timeout=30), log.close()))
        stack.wait_for_port(port, timeout=60, process=server)

        browser, partner_browser = Browser(port), Browser(port)
        browser.login(officer.username, officer_device)
        partner_browser.login(partner.username, partner_device)
        browsers = {"officer": browser, "partner": partner_browser}
        plan = requests_to_time(browser, history_reference, quick=args.smoke)
        print(f"PostgreSQL, {total:,} cases; gunicorn (production settings), 1 worker, 2 threads; Redis cache")
        print(f"load average before: {loadavg()} ({os.cpu_count()} processors)", flush=True)
        timings: dict[str, list[float]] = {name: [] for name, _method, _path, _who in plan}
        queries: dict[str, set[int]] = {name: set() for name, _method, _path, _who in plan}
        sizes: dict[str, int] = {}
        for round_number in range(args.warmup + args.rounds):
            for name, method, path, who in plan:
                client = browsers[who]
                started = time.perf_counter()
                status, headers, content = client.post(path) if method == "POST" else client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                if status != 200:
                    raise SystemExit(f"{name}: {path} answered {status} {headers.get('Location', '')}")
                if round_number >= args.warmup:
                    timings[name].append(elapsed)
                    queries[name].add(int(headers.get("X-Casebook-Queries", -1)))
                    sizes[name] = len(content)
        after = loadavg()
        floor = statistics.median(timings[plan[0][0]])
        print(f"\n{'request':<40}{'p50 ms':>9}{'p95 ms':>9}{'÷ floor':>9}{'queries':>9}{'KiB':>7}")
        for name, _method, _path, _who in plan:
            p50, p95 = statistics.median(timings[name]), percentile(timings[name], 0.95)
            counts = "/".join(str(count) for count in sorted(queries[name]))
            print(f"{name:<40}{p50:>9.1f}{p95:>9.1f}{p50 / floor:>9.1f}{counts:>9}{sizes[name] / 1024:>7.0f}")
        print(f"\n{args.rounds} rounds (after {args.warmup} to warm up); load average after: {after}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="cases in the database (seeded if fewer)")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="120 cases, two rounds, no PDF: only checks that it runs")
    args = parser.parse_args()
    if args.smoke:
        args.cases, args.rounds, args.warmup = 120, 2, 1
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
