"""gunicorn entry point of the benchmark: the production WSGI app with the comparison admin added."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slt.settings")
application = get_wsgi_application()
settings.ROOT_URLCONF = "tests.benchmarks.urls"
