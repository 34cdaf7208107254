import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, env=None, data_dir):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CASEBOOK_") and key not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update({"CASEBOOK_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "casebook.settings"})
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "CASEBOOK_PRODUCTION": "1",
    "CASEBOOK_SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "CASEBOOK_ALLOWED_HOSTS": "casebook.example.org",
}


def test_production_settings_pass_deploy_check(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION, data_dir=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {key: value for key, value in PRODUCTION.items() if key != "CASEBOOK_SECRET_KEY"}
    result = manage("check", env=env, data_dir=tmp_path)
    assert result.returncode != 0
    assert "CASEBOOK_SECRET_KEY must be set" in result.stderr


def test_embedded_default_generates_a_private_secret_key_once(tmp_path):
    assert manage("check", data_dir=tmp_path).returncode == 0
    key_file = tmp_path / "secret_key"
    first = key_file.read_text()
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert len(first) > 50
    assert manage("check", data_dir=tmp_path).returncode == 0
    assert key_file.read_text() == first


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(as_user, officer):
    response = as_user(officer).get(reverse("cases:list"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script" not in response.text
    assert " style=" not in response.text
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_arabic_pages_are_right_to_left(as_user, officer):
    client = as_user(officer)
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/cases/"})
    assert response.status_code == 302
    page = client.get(reverse("cases:list"))
    assert '<html lang="ar" dir="rtl">' in page.text
    assert "قضية جديدة" in page.text
    english = client.post(reverse("set_language"), {"language": "en", "next": "/cases/"})
    assert english.status_code == 302
    assert '<html lang="en" dir="ltr">' in client.get(reverse("cases:list")).text


def test_language_switch_does_not_redirect_elsewhere(client):
    response = client.post(reverse("set_language"), {"language": "ar", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response.get("Location", "")


def test_assets_are_served_by_the_app(client):
    page = client.get(reverse("login"))
    assert "http://" not in page.text.replace('xmlns="http://www.w3.org', "")
    assert "https://" not in page.text
