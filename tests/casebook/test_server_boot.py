"""The real servers (gunicorn and runserver) on the embedded default: they boot and refuse a forged Host."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.urls import reverse

from tests.casebook.test_settings import manage

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(data_dir, **extra) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CASEBOOK_") and key not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update({"CASEBOOK_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "casebook.settings"})
    environment.update(extra)
    return environment


def get(port: int, path: str, host: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


def wait_until_serving(process, port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"the server stopped at boot:\n{output}")
        try:
            status, _ = get(port, "/health/", "127.0.0.1")
        except OSError:
            time.sleep(0.3)
            continue
        if status in (200, 503):
            return
    pytest.fail("the server did not answer within 60 s")


@pytest.fixture(scope="module")
def migrated_data(tmp_path_factory):
    """One migrated embedded default for the module's servers: they only read from it."""
    data_dir = tmp_path_factory.mktemp("server-boot")
    result = manage("migrate", "--noinput", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return data_dir


def start(command, environment):
    return subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def stop(process) -> str:
    process.terminate()
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output or ""


@pytest.mark.parametrize("level", ["warning", "Error"])
def test_gunicorn_boots_with_a_log_level_in_any_case(migrated_data, level):
    port = free_port()
    environment = server_environment(
        migrated_data, CASEBOOK_LOG_LEVEL=level, CASEBOOK_BIND=f"127.0.0.1:{port}", CASEBOOK_WEB_WORKERS="1"
    )
    process = start([str(GUNICORN), "--config", "deploy/gunicorn.conf.py", "casebook.wsgi"], environment)
    try:
        wait_until_serving(process, port)
        status, _ = get(port, reverse("login"), "127.0.0.1")
        assert status == 200
    finally:
        output = stop(process)
    assert "Traceback" not in output
    assert "Unknown level" not in output


def test_an_unknown_log_level_is_refused_with_a_clear_message(tmp_path):
    result = manage("check", env={"CASEBOOK_LOG_LEVEL": "loud"}, data_dir=tmp_path)
    assert result.returncode != 0
    assert "CASEBOOK_LOG_LEVEL must be one of" in result.stderr


@pytest.mark.parametrize("server", ["gunicorn", "runserver"])
def test_a_forged_host_header_gets_400_not_500(migrated_data, server):
    port = free_port()
    environment = server_environment(migrated_data, CASEBOOK_BIND=f"127.0.0.1:{port}", CASEBOOK_WEB_WORKERS="1")
    if server == "gunicorn":
        command = [str(GUNICORN), "--config", "deploy/gunicorn.conf.py", "casebook.wsgi"]
    else:
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    process = start(command, environment)
    try:
        wait_until_serving(process, port)
        for path in ("/", reverse("login"), reverse("cases:list"), "/does-not-exist/"):
            status, body = get(port, path, "attacker.example")
            assert status == 400, (path, status)
            assert "could not be understood" in body
    finally:
        output = stop(process)
    assert "AttributeError" not in output
