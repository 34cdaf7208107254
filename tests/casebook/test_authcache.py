"""The signed-in user, their permissions, roles and second factor come from the cache, and a change
to any of them takes effect at the next request (casebook/authcache.py)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from casebook.roles import Role
from tests.casebook.test_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db

AUTH_TABLES = ("django_session", "auth_user", "auth_permission", "auth_group", "otp_totp_totpdevice")


def auth_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured if any(f'FROM "{table}"' in query["sql"] for table in AUTH_TABLES)]


def test_a_page_reads_the_session_user_roles_and_device_from_the_cache(as_user, officer):
    client = as_user(officer)
    client.get(reverse("cases:list"))
    assert auth_queries(client, reverse("cases:list")) == []
    assert auth_queries(client, reverse("account:security")) == []


def test_a_role_taken_away_takes_effect_at_the_next_request(as_user, officer):
    client = as_user(officer)
    assert client.get(reverse("cases:create")).status_code == 200
    officer.groups.remove(Group.objects.get(name=Role.OFFICER))
    assert client.get(reverse("cases:create")).status_code == 403
    assert b"New case" not in client.get(reverse("cases:list")).content


def test_a_role_given_takes_effect_at_the_next_request(as_user, outsider):
    client = as_user(outsider)
    assert client.get(reverse("cases:create")).status_code == 403
    Group.objects.get(name=Role.OFFICER).user_set.add(outsider)
    assert client.get(reverse("cases:create")).status_code == 200


def test_a_permission_taken_from_a_role_takes_effect_at_the_next_request(as_user, officer):
    client = as_user(officer)
    assert client.get(reverse("cases:create")).status_code == 200
    group = Group.objects.get(name=Role.OFFICER)
    group.permissions.remove(group.permissions.get(codename="add_case"))
    assert client.get(reverse("cases:create")).status_code == 403


def test_a_deactivated_user_is_out_at_the_next_request(as_user, officer):
    client = as_user(officer)
    assert client.get(reverse("cases:list")).status_code == 200
    officer.is_active = False
    officer.save()
    assert client.get(reverse("cases:list")).url.startswith(reverse("login"))


def test_a_password_changed_elsewhere_ends_the_session(as_user, officer):
    client = as_user(officer)
    assert client.get(reverse("cases:list")).status_code == 200
    officer.set_password("a-new-password-for-the-officer")
    officer.save()
    assert client.get(reverse("cases:list")).url.startswith(reverse("login"))


def test_a_removed_authenticator_sends_back_to_the_second_factor(as_user, officer):
    client = as_user(officer)
    assert client.get(reverse("cases:list")).status_code == 200
    TOTPDevice.objects.filter(user=officer).delete()  # an administrator removes a lost phone
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account:verify"))


def test_an_old_cache_entry_is_never_used_after_a_change(as_user, officer, django_capture_on_commit_callbacks):
    """The generation is written again after the commit: an entry built during the change is stale."""
    from django.core.cache import cache

    from casebook import authcache

    client = as_user(officer)
    client.get(reverse("cases:list"))
    before = cache.get(authcache.GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        officer.groups.remove(Group.objects.get(name=Role.OFFICER))
        during = cache.get(authcache.GENERATION_KEY)
    after = cache.get(authcache.GENERATION_KEY)
    assert len({before, during, after}) == 3
    assert client.get(reverse("cases:create")).status_code == 403


def test_production_without_a_shared_cache_reads_the_database(tmp_path):
    """Several processes with their own memory could not see each other's changes."""
    code = "from django.conf import settings as s; print(s.CASEBOOK_AUTH_CACHE, s.SESSION_ENGINE)"
    redis = {"CASEBOOK_CACHE_URL": "redis://127.0.0.1:6379/1"}
    outcomes = {
        "production alone": manage("shell", "-c", code, env=PRODUCTION, data_dir=tmp_path),
        "production with Redis": manage("shell", "-c", code, env={**PRODUCTION, **redis}, data_dir=tmp_path),
        "embedded default": manage("shell", "-c", code, data_dir=tmp_path),
    }
    seen = {
        name: result.stdout.splitlines()[-1].split() if result.stdout else result.stderr
        for name, result in outcomes.items()
    }
    assert seen == {
        "production alone": ["False", "django.contrib.sessions.backends.db"],
        "production with Redis": ["True", "django.contrib.sessions.backends.cached_db"],
        "embedded default": ["True", "django.contrib.sessions.backends.cached_db"],
    }
