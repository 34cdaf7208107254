"""The real two-step login (password, then a TOTP code) for the benchmarks.

The benchmarks log in the way a person does, through the login page and the
second-factor page, so that a change to either step breaks them loudly instead
of leaving them to measure a redirect.
"""

from __future__ import annotations

import re

BENCH_PASSWORD = "benchmark-password-1"  # noqa: S105 - a throwaway account of a throwaway database


def ensure_user(username: str, role=None):
    """A user with a known password and a confirmed authenticator; returns (user, device)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    User = get_user_model()
    user, _created = User.objects.get_or_create(username=username)
    user.set_password(BENCH_PASSWORD)
    user.is_active = True
    user.save()
    if role is not None:
        user.groups.add(Group.objects.get(name=str(role)))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)
    return user, device


def current_code(device) -> str:
    """The code the user's authenticator shows now (each code is accepted once)."""
    from django_otp.oath import totp

    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return f"{code:0{device.digits}d}"


def wait_for_fresh_code(device) -> None:
    """A code is accepted once: after a login, wait for the next time step before another one."""
    import time

    device.refresh_from_db()
    while int((time.time() - device.t0) // device.step) <= (device.last_t or -1):
        time.sleep(0.5)


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    if match is None:
        raise SystemExit("no CSRF token on the page: has the login page changed?")
    return match.group(1)


def login_with_test_client(client, username: str, device) -> None:
    """Both steps through Django's test client; raises SystemExit if either step is refused."""
    page = client.get("/accounts/login/")
    response = client.post(
        "/accounts/login/",
        {"username": username, "password": BENCH_PASSWORD, "csrfmiddlewaretoken": csrf_token(page.text)},
    )
    if response.status_code != 302 or "/two-factor/" not in response["Location"]:
        raise SystemExit(f"password step refused: {response.status_code}")
    page = client.get(response["Location"])
    wait_for_fresh_code(device)
    response = client.post(
        response["Location"], {"token": current_code(device), "csrfmiddlewaretoken": csrf_token(page.text)}
    )
    if response.status_code != 302 or "/two-factor/" in response["Location"]:
        raise SystemExit(f"second-factor step refused: {response.status_code}")
