"""Personas for every role plus an outsider, and the cases they meet."""

import os

import pytest
from django.test import Client
from guardian.shortcuts import assign_perm, remove_perm

from casebook.roles import Role
from cases.choices import Sensitivity
from tests.factories import CaseFactory, UserFactory


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=Role.OFFICER)


@pytest.fixture
def other_officer(db):
    return UserFactory(username="other_officer", role=Role.OFFICER)


@pytest.fixture
def partner(db):
    return UserFactory(username="partner", role=Role.PARTNER)


@pytest.fixture
def advocacy(db):
    return UserFactory(username="advocacy", role=Role.ADVOCACY)


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", role=Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def outsider(db):
    """Logged in, but holding no role at all."""
    return UserFactory(username="outsider")


@pytest.fixture
def case(officer):
    case = CaseFactory(created_by=officer)
    case.assigned_officers.add(officer)
    return case


@pytest.fixture
def shared_case(officer, partner):
    case = CaseFactory(created_by=officer, title="Shared with the partner")
    assign_perm("cases.view_case", partner, case)
    return case


@pytest.fixture
def revoked_case(officer, partner):
    case = CaseFactory(created_by=officer, title="Shared, then withdrawn")
    assign_perm("cases.view_case", partner, case)
    remove_perm("cases.view_case", partner, case)
    return case


@pytest.fixture
def restricted_case(officer):
    case = CaseFactory(created_by=officer, sensitivity=Sensitivity.RESTRICTED, title="Restricted source")
    case.assigned_officers.add(officer)
    return case


def give_second_factor(user) -> "TOTPDevice":  # noqa: F821
    """A confirmed authenticator for a persona, as if it had enrolled."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


class VerifiedClient(Client):
    """A test client whose ``force_login`` also passes the second factor.

    Most tests are about what a fully logged-in user may do; the two-factor
    step itself is tested in tests/casebook/test_auth.py. Use
    ``password_only_login`` for a user who stopped after the password.
    """

    def force_login(self, user, backend=None):
        from django_otp import DEVICE_ID_SESSION_KEY

        super().force_login(user, backend)
        device = give_second_factor(user)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def password_only_login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def login(user) -> Client:
    client = VerifiedClient()
    client.force_login(user)
    return client


@pytest.fixture
def client():
    """pytest-django's client, with a force_login that passes both factors."""
    return VerifiedClient()


@pytest.fixture
def as_user():
    return login


# --- Real components: an S3-compatible server and a browser -------------------------


@pytest.fixture(scope="session")
def s3_endpoint():
    """The S3-compatible server named by CASEBOOK_TEST_S3_ENDPOINT, or a throwaway one."""
    import os

    from tools import stack

    if endpoint := os.environ.get("CASEBOOK_TEST_S3_ENDPOINT"):
        yield endpoint
        return
    try:
        with stack.s3() as endpoint:
            yield endpoint
    except stack.Unavailable as error:
        pytest.fail(f"no S3-compatible server could be started: {error}")


@pytest.fixture
def s3_storage(s3_endpoint, settings):
    """Evidence and documents stored in a fresh private bucket for this test."""
    import uuid

    import boto3

    bucket = f"casebook-test-{uuid.uuid4().hex[:12]}"
    credentials = {
        "aws_access_key_id": os.environ.get("CASEBOOK_TEST_S3_ACCESS_KEY", "testing"),
        "aws_secret_access_key": os.environ.get("CASEBOOK_TEST_S3_SECRET_KEY", "testing"),
    }
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **credentials)
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": credentials["aws_access_key_id"],
                "secret_key": credentials["aws_secret_access_key"],
                "default_acl": "private",
                "file_overwrite": False,
                "object_parameters": {"ServerSideEncryption": "AES256"},
            },
        },
    }
    yield client, bucket


@pytest.fixture
def browser(live_server, transactional_db, monkeypatch):
    """Debian's Chromium driven by Playwright; the browser is never downloaded.

    Started after the database is ready: Playwright's synchronous API switches
    greenlets, and Django's per-context connections made before the switch
    (with the test database's restored contents) are not the ones seen after.
    """
    import shutil

    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CASEBOOK_CHROMIUM") or next(
        (
            path
            for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium")
            if shutil.which(path)
        ),
        None,
    )
    if executable is None:
        pytest.fail("Chromium is not installed (Debian package: chromium)")
    # Playwright's synchronous API runs an event loop in this thread; the
    # database calls the tests make around it are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
        # Connections opened by the test under Playwright's greenlet are its own.
        from django.db import connections

        connections.close_all()


@pytest.fixture(autouse=True)
def _audit_checkpoints_apart(settings, tmp_path):
    """Each test writes its audit checkpoints in its own folder."""
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"
    settings.AUDIT_CHECKPOINT_COPY_DIR = ""


@pytest.fixture(autouse=True)
def _language_apart():
    """Each test starts in the default language: a request through the test client (a language
    cookie, set_language) leaves its language active in the thread for the tests after it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _cache_apart():
    """Each test starts with an empty cache: cached drop-downs and lockouts name users by id,
    and the ids of one test's rolled-back users come back in the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def browser_login(page, base_url: str, user) -> None:
    """Log in through the pages, both factors: the password, then a code from the authenticator."""
    from django_otp.oath import totp

    device = give_second_factor(user)
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", "correct horse battery staple")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/accounts/two-factor/**")
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base_url}/")  # the home page: what is due


@pytest.fixture(autouse=True)
def _default_language_apart():
    """A request in Arabic leaves its language active in the test's thread: each test starts in the default."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
