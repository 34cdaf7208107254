"""Periodic maintenance run by the Celery scheduler (see CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task
from django.core.management import call_command, get_commands

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=3)
def run_management_command(name: str) -> str:
    """Run a maintenance command by name; one this version does not have is skipped.

    Returns "ran" or "skipped". The checks themselves (fixity, audit chain) are
    idempotent, so running one twice after a redelivery does no harm.
    """
    if name not in get_commands():
        logger.info("periodic command skipped: not installed", extra={"command": name})
        return "skipped"
    logger.info("periodic command started", extra={"command": name})
    call_command(name)
    logger.info("periodic command finished", extra={"command": name})
    return "ran"
