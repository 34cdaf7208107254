"""Headers and page content that hold on every page: strict CSP, nothing inline, production flags."""

import json
import re

import pytest
from django.urls import reverse

from tests.casebook.test_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def assert_strict(response, url):
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy, url
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
    assert "frame-ancestors 'none'" in policy, url
    text = response.content.decode()
    assert not INLINE_SCRIPT.search(text), f"inline script on {url}"
    assert not EVENT_HANDLER.search(text), f"inline event handler on {url}"
    assert not STYLE_ATTRIBUTE.search(text), f"inline style on {url}"
    assert "<style" not in text.lower(), f"style element on {url}"
    assert not JAVASCRIPT_URL.search(text), f"javascript: URL on {url}"


def test_every_page_has_a_strict_policy_and_nothing_inline(as_user, client, administrator, officer, case):
    admin = as_user(administrator)
    pages = [
        reverse("cases:list"),
        reverse("cases:create"),
        reverse("cases:detail", args=[case.reference]),
        reverse("cases:history", args=[case.reference]),
        reverse("audit:list"),
        reverse("account:security"),
    ]
    for url in pages:
        response = admin.get(url)
        assert response.status_code == 200, url
        assert_strict(response, url)
    response = admin.post(reverse("account:backup_codes"))
    assert_strict(response, "backup codes")
    for url in (reverse("login"),):
        assert_strict(client.get(url), url)
    officer_first_time = client
    officer_first_time.post(reverse("login"), {"username": "officer", "password": "correct horse battery staple"})
    enrol = officer_first_time.get(reverse("account:enrol"))
    assert enrol.status_code == 200
    assert_strict(enrol, "enrol")
    assert "img-src 'self' data:" in enrol["Content-Security-Policy"]


def test_error_pages_are_strict_too(as_user, officer):
    client = as_user(officer)
    for response in (client.get("/cases/DR-1999-0001/"), client.get(reverse("audit:list"))):
        assert response.status_code in (403, 404)
        assert "default-src 'none'" in response["Content-Security-Policy"]


def test_frames_and_sniffing_refused(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


PROBE = """
import json
from django.test import Client
client = Client()
health = client.get("/health/", secure=True, HTTP_HOST="casebook.example.org")
login = client.get("/accounts/login/", secure=True, HTTP_HOST="casebook.example.org")
insecure = client.get("/accounts/login/", HTTP_HOST="casebook.example.org")
cookie = login.cookies.get("__Host-casebook-csrf")
print(json.dumps({
    "hsts": login.get("Strict-Transport-Security"),
    "redirect": insecure.status_code, "location": insecure.get("Location"),
    "cookie": cookie and {"secure": cookie["secure"], "httponly": cookie["httponly"], "samesite": cookie["samesite"]},
    "health": health.status_code,
}))
"""


def test_production_sends_hsts_and_secure_cookies(tmp_path):
    collected = manage("collectstatic", "--noinput", env=PRODUCTION, data_dir=tmp_path)
    assert collected.returncode == 0, collected.stderr
    result = manage("shell", "-c", PROBE, env=PRODUCTION, data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert found["redirect"] == 301 and found["location"].startswith("https://")
    assert found["cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_production_refuses_to_turn_off_two_factors(tmp_path):
    result = manage("check", env={**PRODUCTION, "CASEBOOK_REQUIRE_2FA": "0"}, data_dir=tmp_path)
    assert result.returncode != 0
    assert "CASEBOOK_REQUIRE_2FA cannot be turned off in production" in result.stderr
