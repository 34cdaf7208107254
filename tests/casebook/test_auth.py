"""Two-factor login, lockout, sessions and the admin: what a person at the door meets."""

import time

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casebook import sessions
from tests.conftest import give_second_factor, password_only_login

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def code(device) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def password_step(client, username="officer", password=PASSWORD, next_url="", **extra):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data, **extra)


def full_login(client, user, device, next_url=""):
    response = password_step(client, user.username, next_url=next_url)
    assert response.status_code == 302
    return client.post(response.url, {"token": code(device)})


def test_first_login_enrols_an_authenticator_and_shows_backup_codes(client, officer):
    response = password_step(client)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account:enrol"))
    assert client.get(reverse("cases:list")).url.startswith(reverse("account:verify"))  # not in yet

    page = client.get(response.url)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.text
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed

    done = client.post(response.url, {"token": code(device)})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == settings.CASEBOOK_BACKUP_CODES
    assert all(c in done.text for c in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("cases:list")).status_code == 200


def test_enrolment_refuses_a_wrong_code(client, officer):
    response = password_step(client)
    page = client.post(response.url, {"token": "000000"})
    assert page.status_code == 200
    assert "This code is not valid" in page.text
    assert not TOTPDevice.objects.get(user=officer).confirmed


def test_login_with_password_and_code(client, officer):
    device = give_second_factor(officer)
    response = password_step(client, next_url="/cases/new/")
    assert response.url.startswith(reverse("account:verify"))
    done = client.post(response.url, {"token": code(device)})
    assert done.status_code == 302
    assert done.url == "/cases/new/"
    assert client.get("/cases/new/").status_code == 200


def test_a_totp_code_is_accepted_only_once(officer):
    device = give_second_factor(officer)
    first = Client()
    token = code(device)
    response = password_step(first)
    assert first.post(response.url, {"token": token}).status_code == 302

    second = Client()
    response = password_step(second)
    refused = second.post(response.url, {"token": token})
    assert refused.status_code == 200
    assert "can be used only once" in refused.text
    assert second.get(reverse("cases:list")).status_code == 302


def test_a_backup_code_works_once(client, officer):
    device = give_second_factor(officer)
    password_step(client)
    client.post(reverse("account:enrol"))  # a verified device exists: sent to verify, nothing created
    first = Client()
    password_step(first)
    full = first.post(reverse("account:verify"), {"token": code(device)})
    assert full.status_code == 302
    page = first.post(reverse("account:backup_codes"))
    backup = page.context["codes"][0]

    second = Client()
    password_step(second)
    assert second.post(reverse("account:verify"), {"token": backup.upper()}).status_code == 302
    third = Client()
    password_step(third)
    assert third.post(reverse("account:verify"), {"token": backup}).status_code == 200
    assert not StaticToken.objects.filter(token=backup).exists()


def test_new_backup_codes_replace_the_old_ones(as_user, officer):
    client = as_user(officer)
    old = client.post(reverse("account:backup_codes")).context["codes"]
    new = client.post(reverse("account:backup_codes")).context["codes"]
    assert set(old).isdisjoint(new)
    assert set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True)) == set(new)
    assert "10" in client.get(reverse("account:security")).text


def test_password_only_user_reaches_nothing_but_the_second_step(officer, case):
    client = password_only_login(officer)
    give_second_factor(officer)
    for url in (reverse("cases:list"), reverse("cases:detail", args=[case.reference]), reverse("admin:index")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account:verify"))
    assert client.get(reverse("account:verify")).status_code == 200


# --- Lockout ------------------------------------------------------------------------


def fail(client, times, username="officer", **extra):
    for _ in range(times):
        response = password_step(client, username, password="not the password", **extra)
    return response


def test_lockout_after_repeated_failures_even_with_the_right_password(client, officer):
    give_second_factor(officer)
    assert fail(client, settings.AXES_FAILURE_LIMIT - 1).status_code == 200
    locked = fail(client, 1)
    assert locked.status_code == 429
    assert "Too many attempts" in locked.text
    assert password_step(client).status_code == 429


def test_lockout_is_per_user_and_address_so_others_are_not_locked_out(client, officer, other_officer):
    give_second_factor(officer)
    give_second_factor(other_officer)
    fail(client, settings.AXES_FAILURE_LIMIT, REMOTE_ADDR="203.0.113.66")
    assert password_step(client, REMOTE_ADDR="203.0.113.66").status_code == 429
    # The real user, from their own address, is not locked out by the attacker.
    assert password_step(Client(), REMOTE_ADDR="198.51.100.20").status_code == 302
    # Another account from the attacker's address is not locked either.
    assert password_step(Client(), "other_officer", REMOTE_ADDR="203.0.113.66").status_code == 302


def test_spoofed_forwarded_for_does_not_bypass_lockout(client, officer):
    fail(client, settings.AXES_FAILURE_LIMIT, REMOTE_ADDR="203.0.113.66")
    for forged in ("10.0.0.1", "198.51.100.20", "127.0.0.1, 10.9.9.9"):
        response = password_step(client, REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=forged)
        assert response.status_code == 429


def test_behind_a_trusted_proxy_only_the_address_it_saw_counts(client, officer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(settings.AXES_FAILURE_LIMIT):
        fail(client, 1, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.66", **proxy)
    # The forged left part changes nothing; the address the proxy saw stays locked.
    forged = password_step(client, HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.66", **proxy)
    assert forged.status_code == 429
    # Another client behind the same proxy is not locked out.
    assert password_step(Client(), HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy).status_code == 302


def test_wrong_second_factor_codes_are_throttled_and_lock_out(client, officer):
    device = give_second_factor(officer)
    password_step(client)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("account:verify"), {"token": "000000"})
        assert response.status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1  # django-otp's own back-off
    locked = client.post(reverse("account:verify"), {"token": "000000"})
    assert locked.status_code == 429
    # The session was ended: starting again needs the password, which is locked too.
    assert client.get(reverse("account:verify")).status_code == 302
    assert password_step(client).status_code == 429


def test_a_correct_password_does_not_wipe_the_count_of_wrong_codes(client, officer):
    give_second_factor(officer)
    password_step(client)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("account:verify"), {"token": "000000"})
    client.post(reverse("logout"))
    assert password_step(client).status_code == 302  # the password alone is still accepted…
    assert client.post(reverse("account:verify"), {"token": "000000"}).status_code == 429  # …the count goes on


def test_full_login_forgets_earlier_failures(client, officer):
    device = give_second_factor(officer)
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    full_login(client, officer, device)
    client.post(reverse("logout"))
    assert fail(Client(), settings.AXES_FAILURE_LIMIT - 1).status_code == 200  # counting starts again


# --- Sessions -----------------------------------------------------------------------


def test_session_id_changes_at_each_login_step(client, officer):
    device = give_second_factor(officer)
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    response = password_step(client)
    after_password = client.session.session_key
    client.post(response.url, {"token": code(device)})
    after_code = client.session.session_key
    assert len({before, after_password, after_code}) == 3


def age_session(client, **changes):
    session = client.session
    for key, seconds_ago in changes.items():
        session[key] = time.time() - seconds_ago
    session.save()


def test_idle_session_ends(as_user, officer, settings):
    client = as_user(officer)
    age_session(client, **{sessions.LAST_SEEN: settings.SESSION_IDLE_SECONDS + 5})
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "Your session ended" in client.get(response.url).text


def test_active_session_ends_after_its_absolute_lifetime(as_user, officer, settings):
    client = as_user(officer)
    age_session(client, **{sessions.LOGIN_AT: settings.SESSION_COOKIE_AGE + 5, sessions.LAST_SEEN: 10})
    assert client.get(reverse("cases:list")).url.startswith(reverse("login"))


def test_recent_activity_keeps_the_session(as_user, officer, settings):
    client = as_user(officer)
    age_session(client, **{sessions.LAST_SEEN: settings.SESSION_IDLE_SECONDS - 60})
    assert client.get(reverse("cases:list")).status_code == 200
    assert time.time() - client.session[sessions.LAST_SEEN] < 5


def test_logout_everywhere_ends_every_session(as_user, officer, partner):
    laptop, phone, someone_else = as_user(officer), as_user(officer), as_user(partner)
    assert phone.get(reverse("cases:list")).status_code == 200
    response = laptop.post(reverse("account:logout_everywhere"))
    assert response.status_code == 302
    for client in (laptop, phone):
        assert client.get(reverse("cases:list")).url.startswith(reverse("login"))
    assert someone_else.get(reverse("cases:list")).status_code == 200
    assert laptop.get(reverse("account:logout_everywhere")).status_code in (302, 405)


def test_logout_everywhere_needs_post(as_user, officer):
    assert as_user(officer).get(reverse("account:logout_everywhere")).status_code == 405


# --- Redirects after login --------------------------------------------------------------


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "http:evil.example"]
)
def test_next_cannot_send_to_another_site(client, officer, target):
    device = give_second_factor(officer)
    response = full_login(client, officer, device, next_url=target)
    assert response.status_code == 302
    assert "evil.example" not in response.url
    assert response.url == reverse("home")


def test_next_parameter_on_the_second_step_is_checked_too(client, officer):
    device = give_second_factor(officer)
    password_step(client)
    response = client.post(reverse("account:verify") + "?next=https://evil.example/", {"token": code(device)})
    assert response.url == reverse("home")


# --- Passwords, demo switch, admin ------------------------------------------------------


def test_production_hashes_with_argon2_and_wants_long_passwords():
    import casebook.settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with pytest.raises(ValidationError):
        validate_password("Tr0ub4dor&3")  # 11 characters
    validate_password("a long and unusual passphrase")


def test_demo_switch_lets_the_password_alone_log_in(client, officer, settings):
    settings.REQUIRE_2FA = False
    response = password_step(client)
    assert response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_admin_is_for_administrators_with_both_factors(as_user, administrator, officer, settings):
    assert as_user(administrator).get(reverse("admin:index")).status_code == 200
    officer.is_staff = True
    officer.save()
    assert as_user(officer).get(reverse("admin:index")).status_code == 403
    half = password_only_login(administrator)
    assert half.get(reverse("admin:index")).url.startswith(reverse("account:verify"))
    anonymous = Client().get(reverse("admin:index"), follow=True)
    assert anonymous.redirect_chain[-1][0].startswith(reverse("login"))
    assert "admin:login" not in anonymous.text and anonymous.status_code == 200
    assert Client().get(reverse("admin:login")).url.startswith(reverse("login"))
