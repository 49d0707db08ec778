"""Settings for the real-worker crash test (test_worker_crash.py): the project's settings, with a file mail
backend that can hang like a mail server that stopped answering, a short lease and a short visibility
timeout so that the test does not wait ten minutes."""

import os

from slt.settings import *  # noqa: F403
from slt.settings import CELERY_BROKER_TRANSPORT_OPTIONS

EMAIL_BACKEND = "tests.notifications.crash_backend.StallingFileBackend"
EMAIL_FILE_PATH = os.environ["CRASH_MAIL_DIR"]
NOTIFICATIONS_LEASE = 5
NOTIFICATIONS_BATCH = 20
CELERY_BROKER_TRANSPORT_OPTIONS = {**CELERY_BROKER_TRANSPORT_OPTIONS, "visibility_timeout": 5}
