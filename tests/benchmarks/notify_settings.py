"""Settings for the notifications benchmark's workers: the project's settings with Django's file mail
backend (one file per connection; the benchmark counts the X-SLT-Delivery headers in them)."""

import os

from slt.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["BENCH_MAIL_DIR"]
