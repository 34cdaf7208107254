"""Health endpoint, structured logs, Celery configuration and periodic commands."""

import json
import logging
import sys

import pytest
from django.urls import reverse

from casebook.logs import JsonFormatter, NoPersonalDataFilter
from tools import stack

HEALTH = "/health/"


@pytest.mark.django_db
def test_anonymous_health_says_ok_and_nothing_more(client, settings):
    settings.CASEBOOK_HEALTH_TOKEN = "a-token-for-monitoring"
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_details_need_the_token(client, settings):
    settings.CASEBOOK_HEALTH_TOKEN = "a-token-for-monitoring"
    detailed = client.get(HEALTH, headers={"Authorization": "Bearer a-token-for-monitoring"})
    assert detailed.json() == {
        "status": "ok",
        "checks": {"database": "ok", "storage": "ok", "queue": "not configured"},
    }
    wrong = client.get(HEALTH, headers={"Authorization": "Bearer a-token-for-monitorinG"})
    assert wrong.json() == {"status": "ok"}


@pytest.mark.django_db
def test_no_token_configured_means_no_details(client, settings):
    settings.CASEBOOK_HEALTH_TOKEN = ""
    assert client.get(HEALTH, headers={"Authorization": "Bearer "}).json() == {"status": "ok"}


@pytest.mark.django_db
def test_unreachable_queue_makes_health_unavailable_without_saying_why(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{stack.free_port()}/0"
    settings.CASEBOOK_HEALTH_TOKEN = "a-token-for-monitoring"
    anonymous = client.get(HEALTH)
    assert anonymous.status_code == 503
    assert anonymous.json() == {"status": "unavailable"}
    detailed = client.get(HEALTH, headers={"Authorization": "Bearer a-token-for-monitoring"})
    assert detailed.json()["checks"]["queue"] == "unavailable"
    assert detailed.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_health_checks_a_real_queue_and_store(client, settings, s3_storage):
    settings.CASEBOOK_HEALTH_TOKEN = "a-token-for-monitoring"
    try:
        with stack.redis() as redis_url:
            settings.CELERY_BROKER_URL = redis_url
            response = client.get(HEALTH, headers={"Authorization": "Bearer a-token-for-monitoring"})
    except stack.Unavailable as error:
        pytest.fail(f"Redis could not be started: {error}")
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "storage": "ok", "queue": "ok"}}


@pytest.mark.django_db
def test_health_refuses_writes(client):
    assert client.post(HEALTH).status_code == 405


def _record(message, *args, exc_info=None, **extra):
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, message, args, exc_info)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_logs_drop_query_strings_and_exception_messages():
    try:
        raise ValueError("duplicate key value (title)=(Name of the arrested blogger)")
    except ValueError:
        record = _record("Internal Server Error: %s", "/cases/?q=Name+of+the+blogger", exc_info=sys.exc_info())
    record.request = object()
    assert NoPersonalDataFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "Internal Server Error: /cases/?…"
    assert entry["exception"]["type"] == "builtins.ValueError"
    assert "blogger" not in json.dumps(entry)
    assert record.request is None


def test_logs_keep_only_known_extra_fields():
    record = _record("job done", job="0f0e", duration_ms=12, username="officer", email="someone@example.org")
    entry = json.loads(JsonFormatter().format(record))
    assert entry["job"] == "0f0e"
    assert entry["duration_ms"] == 12
    assert "username" not in entry
    assert "email" not in entry


def test_celery_acknowledges_late_and_takes_one_job_at_a_time():
    from casebook.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_serializer == "json"
    assert app.conf.broker_transport_options["visibility_timeout"] > app.conf.task_time_limit
    app.loader.import_default_modules()
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks


@pytest.mark.django_db
def test_periodic_command_missing_from_this_version_is_skipped(caplog):
    from casebook.tasks import run_management_command

    with caplog.at_level(logging.INFO, logger="casebook.tasks"):
        assert run_management_command.apply(args=["no_such_command"]).get() == "skipped"
    assert "skipped" in caplog.text


@pytest.mark.django_db
def test_periodic_command_that_exists_runs():
    from casebook.tasks import run_management_command

    assert run_management_command.apply(args=["check"]).get() == "ran"


def test_the_documented_production_configuration_passes_the_deploy_check(tmp_path):
    """deploy/env.example, its CHANGE-MEs filled in, is a configuration Django deems fit for production."""
    import secrets

    from tests.casebook.test_settings import manage
    from tests.test_deploy_files import documented_variables

    environment = {
        name: (secrets.token_urlsafe(64) if value == "CHANGE-ME" else value)
        for name, value in documented_variables().items()
    }
    environment["DATABASE_URL"] = "postgres://casebook:a-password@127.0.0.1:5432/casebook"
    environment["CASEBOOK_DATA_DIR"] = str(tmp_path)
    environment["CASEBOOK_STATIC_ROOT"] = str(tmp_path / "static")
    environment["CASEBOOK_MEDIA_ROOT"] = str(tmp_path / "media")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=environment, data_dir=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
