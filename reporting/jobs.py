"""Documents made in the background: a registry of builders and the jobs that run them.

A *builder* makes one kind of document from JSON parameters and returns the
``Report`` it kept. ``job_submit`` records a ``Job`` for the user who asks and
runs it on a Celery worker when a broker is configured
(``CASEBOOK_CELERY_BROKER_URL``), at once in the request otherwise.

Running a job is idempotent: the job row is locked while it runs and a job
already done is not made again, so a job delivered twice (a worker that died
mid-job, acknowledged late) produces one document. A job that fails says so on
its status page, in the requester's language, without technical detail.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise

from reporting.models import Job, Report

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Builder:
    name: str
    label: str | Promise
    build: Callable[..., Report]  # build(*, actor, parameters) -> Report
    authorize: Callable[[Any, dict], None]  # raises Http404 or PermissionDenied
    filename: Callable[[dict], str]


_builders: dict[str, Builder] = {}


def register_builder(
    name: str,
    *,
    label,
    build: Callable[..., Report],
    authorize: Callable[[Any, dict], None],
    filename: Callable[[dict], str],
) -> Builder:
    """Make a kind of document available to jobs; called when an app loads."""
    builder = Builder(name=name, label=label, build=build, authorize=authorize, filename=filename)
    _builders[name] = builder
    return builder


def builder_for(name: str) -> Builder:
    try:
        return _builders[name]
    except KeyError:
        raise LookupError(f"No document builder named {name!r}") from None


# Errors worth another attempt later: the database, the object store or the
# network were briefly unavailable. Anything else fails the job at once.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
try:
    from botocore.exceptions import BotoCoreError, ConnectionClosedError

    TRANSIENT_ERRORS += (BotoCoreError, ConnectionClosedError)
except ImportError:  # pragma: no cover - boto3 is a runtime dependency
    pass


class TransientJobError(Exception):
    """Raised by ``job_run`` when another attempt may succeed."""


def job_submit(*, actor, kind: str, parameters: dict, case=None) -> Job:
    """Record a job for ``actor`` and start it; returns the job (done, failed or queued).

    Raises Http404 or PermissionDenied, as the builder's access check does,
    when the user may not have this document.
    """
    builder = builder_for(kind)
    builder.authorize(actor, parameters)
    with transaction.atomic():
        job = Job(kind=kind, parameters=parameters, case=case, requested_by=actor)
        job.full_clean()
        job.save()
    if not settings.CASEBOOK_BACKGROUND_JOBS:
        job_run(job_id=job.pk, may_retry=False)
        job.refresh_from_db()
        return job
    # Sent once the job row is committed, so that the worker always finds it.
    transaction.on_commit(lambda: _enqueue(job))
    job.refresh_from_db()
    return job


def _enqueue(job: Job) -> None:
    from reporting.tasks import run_job

    try:
        run_job.delay(str(job.pk))
    except Exception as error:  # the broker is down: say so now rather than leave the job waiting
        logger.error("job could not be queued (%s)", type(error).__name__, extra={"job": str(job.pk), "kind": job.kind})
        _finish(job.pk, status=Job.Status.FAILED, error=Job.Error.QUEUE_UNAVAILABLE)


def _finish(job_id, *, status: str, error="", report: Report | None = None) -> None:
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.status == Job.Status.DONE:
            return
        job.status = status
        job.error = error
        job.report = report
        job.finished_at = timezone.now()
        job.full_clean()
        job.save(update_fields=["status", "error", "report", "finished_at"])


def job_run(*, job_id, may_retry: bool) -> str:
    """Make the document of one job, once. Returns the job's status afterwards.

    Raises TransientJobError when ``may_retry`` and the failure may pass; the
    caller (the Celery task) tries again later. Every other failure is
    recorded on the job for the user who asked.
    """
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in (Job.Status.DONE, Job.Status.FAILED):
            return job.status if job else "missing"
        job.status = Job.Status.RUNNING
        job.attempts += 1
        job.started_at = job.started_at or timezone.now()
        job.save(update_fields=["status", "attempts", "started_at"])
    log = {"job": str(job.pk), "kind": job.kind, "attempt": job.attempts}
    logger.info("job started", extra=log)
    started = timezone.now()
    try:
        with _lock_while_building():
            # Held until the document is kept: a second delivery of the same job
            # waits here, then finds it done.
            locked = Job.objects.select_for_update().get(pk=job_id)
            if locked.status == Job.Status.DONE:
                return locked.status
            builder = builder_for(locked.kind)
            builder.authorize(locked.requested_by, locked.parameters)
            report = builder.build(actor=locked.requested_by, parameters=locked.parameters)
            locked.status = Job.Status.DONE
            locked.report = report
            locked.error = ""
            locked.finished_at = timezone.now()
            locked.save(update_fields=["status", "report", "error", "finished_at"])
    except (Http404, PermissionDenied):
        logger.info("job refused: access withdrawn", extra=log)
        _finish(job_id, status=Job.Status.FAILED, error=Job.Error.ACCESS_WITHDRAWN)
        return Job.Status.FAILED
    except TRANSIENT_ERRORS as error:
        logger.warning("job interrupted (%s)", type(error).__name__, extra=log)
        if may_retry:
            _requeue(job_id)
            raise TransientJobError(type(error).__name__) from error
        _finish(job_id, status=Job.Status.FAILED, error=Job.Error.SERVICE_UNAVAILABLE)
        return Job.Status.FAILED
    except ValidationError:
        # The document's own checks (or the choices it was asked with) refused it.
        logger.info("job refused by the document's checks", extra=log)
        _finish(job_id, status=Job.Status.FAILED, error=Job.Error.REFUSED)
        return Job.Status.FAILED
    except DatabaseError:
        logger.exception("job failed", extra=log)
        _finish(job_id, status=Job.Status.FAILED, error=Job.Error.DATABASE_ERROR)
        return Job.Status.FAILED
    except Exception:
        logger.exception("job failed", extra=log)
        _finish(job_id, status=Job.Status.FAILED, error=Job.Error.FAILED)
        return Job.Status.FAILED
    duration = round((timezone.now() - started).total_seconds() * 1000)
    logger.info("job done", extra={**log, "duration_ms": duration})
    return Job.Status.DONE


def _lock_while_building():
    """A transaction holding the job's row lock, where the database has row locks.

    SQLite has none and would lock the whole database for the rendering's
    length; there jobs run in the request that asked for them, only once.
    """
    if connection.features.has_select_for_update:
        return transaction.atomic()
    return contextlib.nullcontext()


def _requeue(job_id) -> None:
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.status == Job.Status.RUNNING:
            job.status = Job.Status.QUEUED
            job.save(update_fields=["status"])


def job_get_for_user(user, pk) -> Job:
    """The job with this key; raises Http404 for missing jobs and for other users' jobs alike.

    The builder's access check runs again, so that a job whose case was since
    withdrawn from the user is hidden too.
    """
    job = Job.objects.select_related("report").filter(pk=pk, requested_by_id=user.pk).first()
    if job is None:
        raise Http404
    try:
        builder_for(job.kind).authorize(user, job.parameters)
    except (PermissionDenied, LookupError):
        raise Http404 from None
    return job


def jobs_for_case(*, user, case, limit: int = 5) -> list[Job]:
    """The user's own recent document jobs for a case, for the case page."""
    return list(Job.objects.filter(requested_by_id=user.pk, case=case).order_by("-created_at")[:limit])
