"""Celery tasks of the reporting app: making a document in the background."""

import random

from celery import shared_task

from reporting import jobs

MAX_RETRIES = 5


def backoff_seconds(retries: int) -> int:
    """10 s, 20 s, 40 s... up to 10 minutes, with jitter so that retries do not march in step."""
    return min(600, 10 * 2**retries) + random.randint(0, 5)  # noqa: S311 - jitter, not a secret


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def run_job(self, job_id: str) -> str:
    """Run one document job; safe to deliver twice (see reporting.jobs.job_run)."""
    may_retry = self.request.retries < self.max_retries
    try:
        return jobs.job_run(job_id=job_id, may_retry=may_retry)
    except jobs.TransientJobError as error:
        raise self.retry(exc=error, countdown=backoff_seconds(self.request.retries)) from error
