"""The Celery application: workers and the scheduler run `celery --app casebook ...`.

Its settings are the ``CELERY_*`` names of ``casebook.settings``; tasks live in
each app's ``tasks.py``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebook.settings")

app = Celery("casebook")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
