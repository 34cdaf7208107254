"""Celery task of the imports app: writing a large import in a worker."""

from celery import shared_task

from imports import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def run_import(run_id: str) -> str:
    """Safe to deliver twice: a second delivery goes on from the last batch committed."""
    return services.import_execute(run_id=run_id)
