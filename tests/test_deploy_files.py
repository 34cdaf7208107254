"""The shipped deployment files agree with each other and with the settings.

Docker is not run here; the compose file is checked as data, every variable it
or the code reads is documented in deploy/env.example, and the nginx and
systemd files are the ones tests/test_production_smoke.py runs.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"


def documented_variables() -> dict[str, str]:
    names = {}
    for line in (DEPLOY / "env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            names[name] = value
    return names


def test_compose_file_runs_every_component():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "minio", "migrate", "web", "worker", "beat", "nginx"} <= set(services)
    assert services["web"]["deploy"]["replicas"] >= 2
    assert services["worker"]["command"][:4] == ["celery", "--app", "casebook", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "--app", "casebook", "beat"]
    assert "gunicorn" in services["web"]["command"]
    for name in ("web", "worker", "beat", "migrate"):
        assert services[name]["read_only"] is True
        assert services[name]["cap_drop"] == ["ALL"]
        assert services[name]["environment"]["CASEBOOK_CELERY_BROKER_URL"].startswith("redis://")
    nginx = services["nginx"]
    assert any(volume.startswith("./nginx/casebook.conf.template:") for volume in nginx["volumes"])


def test_every_variable_the_compose_file_uses_is_documented():
    text = (DEPLOY / "compose.yaml").read_text()
    used = set(re.findall(r"(?<!\$)\$\{([A-Z_][A-Z0-9_]*)", text))
    assert used, "the compose file reads its settings from deploy/.env"
    missing = used - set(documented_variables())
    assert not missing, f"add these to deploy/env.example with their meaning: {sorted(missing)}"


def test_every_variable_the_code_reads_is_documented():
    sources = [REPO / "casebook" / "settings.py", DEPLOY / "gunicorn.conf.py"]
    used = set()
    for source in sources:
        used |= set(re.findall(r"\"((?:CASEBOOK|NGINX)_[A-Z0-9_]+|DATABASE_URL)\"", source.read_text()))
    used |= set(re.findall(r"\$\{([A-Z_]+)\}", (DEPLOY / "nginx" / "casebook.conf.template").read_text()))
    missing = used - set(documented_variables())
    assert not missing, f"add these to deploy/env.example with their meaning: {sorted(missing)}"


def test_env_example_holds_no_secret():
    for name, value in documented_variables().items():
        if any(word in name for word in ("SECRET", "PASSWORD", "TOKEN")):
            assert value == "CHANGE-ME", name


def test_image_runs_unprivileged_with_the_document_fonts():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    packages = set(re.findall(r"[a-z0-9][a-z0-9.+-]+", dockerfile))
    system = (REPO / "scripts" / "system-packages.sh").read_text()
    run_packages = re.search(r"run_packages=\((.*?)\n\)", system, flags=re.DOTALL).group(1)
    needed = {
        word
        for word in re.findall(r"^\s*([a-z0-9][a-z0-9.+ -]*?)\s*(?:#|$)", run_packages, re.M)
        for word in word.split()
    }
    needed -= {"python3-venv", "gettext"}  # the image has its own Python; catalogs are compiled at build
    assert needed <= packages, sorted(needed - packages)


def test_systemd_units_run_shipped_files_as_the_service_user():
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    assert {unit.name for unit in units} >= {
        "casebook-web@.service",
        "casebook-worker.service",
        "casebook-beat.service",
        "casebook-backup.service",
    }
    for unit in units:
        text = unit.read_text()
        assert "User=casebook" in text, unit.name
        assert "EnvironmentFile=/etc/casebook/casebook.env" in text, unit.name
        assert "NoNewPrivileges=yes" in text, unit.name
        for path in re.findall(r"/opt/casebook/([\w./-]+)", text):
            if not path.startswith(".venv/"):
                assert (REPO / path).exists(), f"{unit.name} names {path}, which is not in the repository"


@pytest.mark.skipif(shutil.which("envsubst") is None, reason="envsubst is in the gettext package")
def test_render_script_fills_every_placeholder_and_keeps_nginx_variables(tmp_path):
    result = subprocess.run(
        [str(DEPLOY / "nginx" / "render.sh"), str(DEPLOY / "env.example")], capture_output=True, text=True, check=True
    )
    assert "${" not in result.stdout
    assert "server 127.0.0.1:8001; server 127.0.0.1:8002;" in result.stdout
    assert "$request_uri" in result.stdout
    assert "client_max_body_size 2100m;" in result.stdout
    incomplete = tmp_path / "incomplete.env"
    incomplete.write_text("CASEBOOK_SERVER_NAME=casebook.example.org\n")
    refused = subprocess.run([str(DEPLOY / "nginx" / "render.sh"), str(incomplete)], capture_output=True, text=True)
    assert refused.returncode != 0
    assert "is not set" in refused.stderr


def test_manage_script_runs_commands_with_the_environment_file(tmp_path):
    import getpass
    import secrets

    environment_file = tmp_path / "casebook.env"
    environment_file.write_text(
        (DEPLOY / "env.example")
        .read_text()
        .replace("CHANGE-ME", secrets.token_urlsafe(64))
        .replace("/var/lib/casebook/static", str(tmp_path / "static"))
        .replace("/var/lib/casebook/media", str(tmp_path / "media"))
        .replace("/var/lib/casebook", str(tmp_path))
    )
    result = subprocess.run(
        [str(DEPLOY / "manage.sh"), "check", "--deploy", "--fail-level", "WARNING"],
        env={"PATH": "/usr/bin:/bin", "CASEBOOK_ENV_FILE": str(environment_file), "CASEBOOK_USER": getpass.getuser()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
