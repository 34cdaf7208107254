"""The production stack end to end, on loopback, with the configuration files that ship.

PostgreSQL, an S3-compatible server and Redis (tools/stack.py), two gunicorn
processes and a Celery worker started from the commands of the systemd units
in deploy/systemd, and nginx running the site of deploy/nginx with TLS. Through
nginx: log in, create a case, upload evidence, make a long case file in the
background (killing the worker process that makes it, half-way), download
it; then back up, wipe the database and the bucket, restore, and find
everything again.

Each component that cannot start on this machine skips the test with the
reason; nothing else does.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import ipaddress
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.cases.entry import VIOLATION, entry
from tools import stack

pytestmark = pytest.mark.production

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
VENV_BIN = Path(sys.executable).parent
PASSWORD = "correct horse battery staple 42"
# The second factor of the smoke test's officer: single-use backup codes, one per login.
BACKUP_CODES = [f"smoke{number:04d}" for number in range(10)]
# The cookie names of the production settings (the __Host- prefix binds them to the site).
SESSION_COOKIE = "__Host-casebook-session"
CSRF_COOKIE = "__Host-casebook-csrf"
TITLE = "Blogger detained over a Facebook post"
# A long narrative, Arabic and English, so that the case file runs to many pages.
NARRATIVE = "\n\n".join(
    f"{number}. The blogger was summoned on day {number} and questioned about the post under article 23 of the "
    "cybercrime law; the prosecution extended the detention. "
    "استُدعي المدوّن مجدداً وسُئل عن المنشور بموجب المادة 23 من قانون الجرائم الإلكترونية."
    for number in range(1, 121)
)
# nginx refuses larger bodies before they reach the application.
BODY_LIMIT = "8m"


# --- The shipped configuration, rendered for this machine ---------------------------


def unit_command(unit: str, instance: str = "") -> list[str]:
    """The ExecStart of a shipped systemd unit, with /opt/casebook replaced by this checkout."""
    text = (DEPLOY / "systemd" / unit).read_text()
    line = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    line = line.removeprefix("ExecStart=").replace("%i", instance)
    line = line.replace("/opt/casebook/.venv/bin/", f"{VENV_BIN}/").replace("/opt/casebook/", f"{REPO}/")
    return shlex.split(line)


def render_site(values: dict[str, str]) -> str:
    """deploy/nginx/casebook.conf.template with its ${NAME}s filled in, as envsubst would."""
    template = (DEPLOY / "nginx" / "casebook.conf.template").read_text()
    return re.sub(r"\$\{([A-Z_]+)\}", lambda match: values[match.group(1)], template)


def nginx_main_config(folder: Path, site: Path) -> str:
    """The http block around the site, with every path nginx writes inside ``folder``."""
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}worker_processes 1;
daemon off;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder / "access.log"};
    sendfile on;
{temp}
    include {site};
}}
"""


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    return cert_path, key_path


def worker_children(pid: int) -> list[int]:
    """The pool processes of a Celery worker (Linux /proc)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in children.read_text().split()] if children.exists() else []


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


# --- The running stack ------------------------------------------------------------------


class Stack:
    def __init__(self, folder: Path, exits: contextlib.ExitStack):
        self.folder = folder
        self.exits = exits
        self.processes: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, Path] = {}

    def start(self, name: str, command: list[str], port: int | None = None) -> None:
        log = self.folder / "logs" / f"{name}.log"
        log.parent.mkdir(exist_ok=True)
        with log.open("ab") as handle:
            process = subprocess.Popen(
                command, cwd=REPO, env=self.env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.processes[name], self.logs[name] = process, log
        if port is not None:
            try:
                stack.wait_for_port(port, timeout=60, process=process)
            except stack.Unavailable as error:
                pytest.fail(f"{name} did not start: {error}\n{self.log(name)[-3000:]}")

    def stop(self, *names: str) -> None:
        """Stop these processes together: ask all, then wait for each."""
        processes = [self.processes.pop(name, None) for name in names]
        processes = [process for process in processes if process is not None and process.poll() is None]
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def log(self, name: str) -> str:
        return self.logs[name].read_text(errors="replace")

    def manage(self, *arguments: str, timeout: int = 180) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"manage.py {' '.join(arguments)}:\n{result.stdout}\n{result.stderr}"
        return result

    def start_application(self) -> None:
        for name, port in self.web_ports.items():
            self.start(name, unit_command("casebook-web@.service", str(port)), port)
        self.start("worker", unit_command("casebook-worker.service"))

    def stop_application(self) -> None:
        self.stop(*self.web_ports, "worker")

    def stop_all(self) -> None:
        self.stop(*self.processes)


def _start_or_skip(exits: contextlib.ExitStack, component, what: str) -> str:
    try:
        return exits.enter_context(component())
    except stack.Unavailable as error:
        pytest.skip(f"production smoke test: {what} cannot start on this machine: {error}")


@pytest.fixture(scope="module")
def production():
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        pytest.skip("production smoke test: nginx is not installed (Debian package: nginx)")
    with contextlib.ExitStack() as exits:
        folder = Path(tempfile.mkdtemp(prefix="casebook-production-"))
        exits.callback(shutil.rmtree, folder, True)
        # nginx's workers may run as another user (nobody, when started as root).
        folder.chmod(0o755)
        database_server = _start_or_skip(exits, stack.postgres, "PostgreSQL")
        s3_endpoint = _start_or_skip(exits, stack.s3, "the S3-compatible server")
        redis_url = _start_or_skip(exits, stack.redis, "Redis")

        import boto3
        import psycopg

        admin_url = database_server.replace("postgres://", "postgresql://", 1)
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute("CREATE DATABASE casebook")
        bucket = f"casebook-{secrets.token_hex(4)}"
        s3 = boto3.client(
            "s3",
            endpoint_url=s3_endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        s3.create_bucket(Bucket=bucket)

        running = Stack(folder, exits)
        exits.callback(running.stop_all)
        https_port, http_port = stack.free_port(), stack.free_port()
        running.base = f"https://127.0.0.1:{https_port}"
        running.http_base = f"http://127.0.0.1:{http_port}"
        running.web_ports = {"web-1": stack.free_port(), "web-2": stack.free_port()}
        running.s3, running.bucket = s3, bucket
        running.admin_url = admin_url
        running.health_token = secrets.token_urlsafe(24)
        running.data_dir = folder / "data"
        static_root = folder / "static"
        running.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("CASEBOOK_", "DJANGO_")) and key != "DATABASE_URL"
        }
        running.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "casebook.settings",
                "CASEBOOK_PRODUCTION": "1",
                "CASEBOOK_SECRET_KEY": secrets.token_urlsafe(50),
                "CASEBOOK_ALLOWED_HOSTS": "127.0.0.1",
                "CASEBOOK_CSRF_TRUSTED_ORIGINS": running.base,
                "CASEBOOK_DATA_DIR": str(running.data_dir),
                "CASEBOOK_STATIC_ROOT": str(static_root),
                "DATABASE_URL": admin_url.rsplit("/", 1)[0] + "/casebook",
                "CASEBOOK_S3_BUCKET": bucket,
                "CASEBOOK_S3_ENDPOINT_URL": s3_endpoint,
                "CASEBOOK_S3_REGION": "us-east-1",
                "CASEBOOK_S3_ACCESS_KEY": "testing",
                "CASEBOOK_S3_SECRET_KEY": "testing",
                "CASEBOOK_CELERY_BROKER_URL": redis_url,
                "CASEBOOK_CACHE_URL": redis_url.rsplit("/", 1)[0] + "/1",
                "CASEBOOK_HEALTH_TOKEN": running.health_token,
                "CASEBOOK_LOG_FORMAT": "json",
                "CASEBOOK_WEB_WORKERS": "2",
                "CASEBOOK_WORKER_CONCURRENCY": "1",
                "CASEBOOK_FORWARDED_ALLOW_IPS": "127.0.0.1",
            }
        )

        running.manage("migrate", "--noinput")
        running.manage("collectstatic", "--noinput", "-v0")
        running.manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import Group, User; from casebook.roles import Role; "
            "from django_otp.plugins.otp_static.models import StaticDevice; "
            f"user = User.objects.create_user('officer', password={PASSWORD!r}); "
            "user.groups.add(Group.objects.get(name=Role.OFFICER)); "
            "device = StaticDevice.objects.create(user=user, name='backup codes', confirmed=True); "
            f"[device.token_set.create(token=code) for code in {BACKUP_CODES!r}]",
        )
        running.start_application()

        certificate, key = self_signed_certificate(folder)
        running.certificate = str(certificate)
        site = folder / "casebook.conf"
        site.write_text(
            render_site(
                {
                    "CASEBOOK_SERVER_NAME": "127.0.0.1",
                    "NGINX_UPSTREAM_SERVERS": " ".join(
                        f"server 127.0.0.1:{port};" for port in running.web_ports.values()
                    ),
                    "NGINX_HTTP_LISTEN": f"127.0.0.1:{http_port}",
                    "NGINX_HTTPS_LISTEN": f"127.0.0.1:{https_port}",
                    "NGINX_TLS_CERTIFICATE": str(certificate),
                    "NGINX_TLS_CERTIFICATE_KEY": str(key),
                    "NGINX_MAX_BODY_SIZE": BODY_LIMIT,
                    "CASEBOOK_STATIC_ROOT": str(static_root),
                }
            )
        )
        main = folder / "nginx.conf"
        main.write_text(nginx_main_config(folder, site))
        check = subprocess.run(
            [nginx, "-t", "-p", str(folder), "-c", str(main), "-e", str(folder / "error.log")],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, f"nginx refuses the shipped site:\n{check.stderr}"
        running.start("nginx", [nginx, "-p", str(folder), "-c", str(main), "-e", str(folder / "error.log")], https_port)
        yield running


# --- Through nginx, as a browser would ----------------------------------------------------


def browser_session(production):
    import requests

    session = requests.Session()
    # Only this test's certificate, and no proxy from the environment: everything is on loopback.
    session.trust_env = False
    session.verify = production.certificate
    return session


def post(session, production, path: str, data=None, files=None, follow=True):
    """A form submission with the CSRF token and the same-origin Referer HTTPS requires."""
    return session.post(
        production.base + path,
        data={**(data or {}), "csrfmiddlewaretoken": session.cookies.get(CSRF_COOKIE, "")},
        files=files,
        headers={"Referer": production.base + path},
        allow_redirects=follow,
        timeout=120,
    )


def log_in(session, production):
    """Both factors, through nginx: the password, then one of the officer's single-use backup codes."""
    page = session.get(production.base + "/accounts/login/", timeout=30)
    assert page.status_code == 200
    response = post(session, production, "/accounts/login/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 200
    assert response.url.startswith(production.base + "/accounts/two-factor/"), response.url
    response = post(session, production, "/accounts/two-factor/", {"token": BACKUP_CODES.pop()})
    assert response.status_code == 200
    assert response.url == production.base + "/", response.url  # the home page: what is due
    assert session.cookies.get(SESSION_COOKIE)


def test_health_and_proxy_policies(production):
    anonymous = browser_session(production).get(production.base + "/health/", timeout=30)
    assert anonymous.status_code == 200
    assert anonymous.json() == {"status": "ok"}
    detailed = browser_session(production).get(
        production.base + "/health/", headers={"Authorization": f"Bearer {production.health_token}"}, timeout=30
    )
    assert detailed.json() == {"status": "ok", "checks": {"database": "ok", "storage": "ok", "queue": "ok"}}

    plain = browser_session(production).get(production.http_base + "/cases/", allow_redirects=False, timeout=30)
    assert plain.status_code == 301
    assert plain.headers["Location"].startswith("https://")

    session = browser_session(production)
    login = session.get(production.base + "/accounts/login/", timeout=30)
    assert login.headers["Strict-Transport-Security"].count("max-age") == 1
    assert "nginx/" not in login.headers.get("Server", "")
    assert "default-src 'none'" in login.headers["Content-Security-Policy"]
    assert session.cookies.get(CSRF_COOKIE)
    assert all(cookie.secure for cookie in session.cookies)

    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]+\.css)"', login.text)
    assert stylesheet, "the page links the collected, hashed stylesheet"
    css = session.get(production.base + stylesheet.group(1), timeout=30)
    assert css.status_code == 200
    assert css.headers["Content-Type"].startswith("text/css")
    assert "/static/" not in production.log("web-1") + production.log("web-2"), "nginx serves static files itself"

    too_big = session.post(production.base + "/accounts/login/", data=b"x" * (9 * 1024 * 1024), timeout=60)
    assert too_big.status_code == 413


def test_case_evidence_background_report_backup_and_restore(production):
    session = browser_session(production)
    log_in(session, production)

    # A case, through the form.
    created = post(
        session,
        production,
        "/cases/new/",
        entry(
            case={
                "title": TITLE,
                "language": "en",
                "narrative": NARRATIVE,
                "title_translation": "",
                "country": "EG",
                "place": "",
                "start_0": "2025-03-14",
                "sensitivity": "sensitive",
            },
            violations=[{**VIOLATION, "violation_type": "arrest", "platform": "facebook", "when_0": "2025-03-14"}],
        ),
    )
    assert created.status_code == 200, created.text[:2000]
    match = re.search(r"/cases/([A-Z]{2}-\d{4}-\d{4})/$", created.url)
    assert match, created.url
    reference = match.group(1)

    # Evidence, stored in the bucket and nowhere on the web processes' disk.
    screenshot = png_bytes()
    uploaded = post(
        session,
        production,
        f"/evidence/case/{reference}/upload/",
        {"description": "Screenshot of the post"},
        files={"files": ("screenshot.png", screenshot, "image/png")},
    )
    assert uploaded.status_code == 200
    digest = hashlib.sha256(screenshot).hexdigest()
    assert digest in uploaded.text
    key = f"evidence/originals/{digest[:2]}/{digest[2:4]}/{digest}"
    head = production.s3.head_object(Bucket=production.bucket, Key=key)
    assert head["ContentLength"] == len(screenshot)
    assert head.get("ServerSideEncryption") == "AES256"
    assert [path for path in production.data_dir.rglob("*") if path.is_file()] == []
    item_page = re.search(r'href="(/evidence/\d+/)"', uploaded.text)
    assert item_page
    evidence_download = item_page.group(1) + "download/"

    # The case file, made by the worker while the browser waits on the status page.
    asked = post(session, production, f"/reports/case/{reference}/case-file/", {"language": "en"}, follow=False)
    assert asked.status_code == 302, asked.text[:2000]
    status_path = asked.headers["Location"]
    job_id = re.fullmatch(r"/reports/jobs/([0-9a-f-]{36})/", status_path).group(1)
    deadline = time.monotonic() + 120
    killed = False
    while True:
        status = session.get(production.base + status_path, timeout=30)
        assert status.status_code == 200
        if "/download/" in status.text:
            break
        assert "Refresh" in status.headers, "a waiting job's page reloads by itself"
        if not killed and "Being made" in status.text:
            # The worker process making the document dies mid-job: the job is delivered again.
            for child in worker_children(production.processes["worker"].pid):
                os.kill(child, signal.SIGKILL)
            killed = True
        assert production.processes["worker"].poll() is None, production.log("worker")[-3000:]
        assert time.monotonic() < deadline, f"the job is not done after 2 minutes:\n{production.log('worker')[-3000:]}"
        time.sleep(0.2)
    assert "Refresh" not in status.headers
    worker_log = [json.loads(line) for line in production.log("worker").splitlines() if line.startswith("{")]
    assert any(entry.get("job") == job_id and entry["message"] == "job done" for entry in worker_log)
    assert killed, "the status page showed the job being made"
    attempts = [
        entry["attempt"] for entry in worker_log if entry.get("job") == job_id and entry["message"] == "job started"
    ]
    assert attempts == [1, 2], "the job cut short was run again, once"
    web_logs = production.log("web-1") + production.log("web-2")
    assert f'"job": "{job_id}"' not in web_logs, "the document was made by the worker, not a web process"

    document = session.get(production.base + f"/reports/jobs/{job_id}/download/", timeout=60)
    assert document.status_code == 200
    assert document.content.startswith(b"%PDF")
    assert document.headers["Content-Disposition"].startswith("attachment;")
    report_sha256 = hashlib.sha256(document.content).hexdigest()
    assert document.headers["X-Casebook-SHA256"] == report_sha256
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", "-"], input=document.content, capture_output=True, check=True).stdout
        pages = int(re.search(rb"Pages:\s+(\d+)", info).group(1))
        assert pages >= 5, f"a long case file, not {pages} pages"

    # Both web processes served this session: nothing was kept in one of them.
    for name in production.web_ports:
        assert '"path": "/cases/' in production.log(name) or '"path": "/reports/' in production.log(name), name
    # The logs hold no personal data: not the title, not the user name, not a client address.
    everything = web_logs + production.log("worker")
    assert TITLE not in everything
    assert "officer" not in everything

    # Back up, wipe the database and the bucket, restore.
    backup_dir = production.folder / "backup"
    production.manage("backup", str(backup_dir))
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    stored = {item["name"] for item in manifest["objects"]}
    assert key in stored
    assert any(name.startswith("reports/") for name in stored)

    production.stop_application()
    import psycopg

    with psycopg.connect(production.admin_url, autocommit=True) as admin:
        admin.execute("DROP DATABASE casebook WITH (FORCE)")
        admin.execute("CREATE DATABASE casebook")
    objects = production.s3.list_objects_v2(Bucket=production.bucket).get("Contents", [])
    production.s3.delete_objects(
        Bucket=production.bucket, Delete={"Objects": [{"Key": item["Key"]} for item in objects]}
    )
    assert production.s3.list_objects_v2(Bucket=production.bucket).get("KeyCount", 0) == 0

    restored = production.manage("restore", str(backup_dir))
    assert "row counts match the backup" in restored.stdout
    assert "evidence.EvidenceItem 1" in restored.stdout
    assert "reporting.Report 1" in restored.stdout
    assert "restore verified" in restored.stdout
    production.start_application()

    # The same browser session is still valid: sessions live in the restored database.
    case_page = session.get(production.base + f"/cases/{reference}/", timeout=30)
    assert case_page.status_code == 200
    assert TITLE in case_page.text
    evidence = session.get(production.base + evidence_download, timeout=30)
    assert evidence.status_code == 200
    assert evidence.content == screenshot
    again = session.get(production.base + f"/reports/jobs/{job_id}/download/", timeout=60)
    assert again.status_code == 200
    assert hashlib.sha256(again.content).hexdigest() == report_sha256
