"""Settings for the SLT platform: one module, configured from the environment (see README)."""

import sys
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        sys.exit(
            "DJANGO_SECRET_KEY is not set: set it to a long random value (or set DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS",
    default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else [],
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "slt.accounts",
    "slt.audit",
    "slt.notifications",
    "slt.core",
    "coordination",
    "walks",
    "extremism",
    "youthfollowup",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "slt.audit.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "slt.accounts.middleware.LanguageMiddleware",
    "slt.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "slt.urls"
WSGI_APPLICATION = "slt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "slt.core.context_processors.navigation",
                "slt.notifications.context_processors.unread_notices",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes the write lock when it begins, and a second writer waits for it (up to 20 s)
    # instead of failing with "database is locked" halfway through: read-then-write services stay correct.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
    # Tests use a file as well: SQLite's shared in-memory database locks table by table and answers
    # "database table is locked" at once, without waiting, so it would not behave as the real file does.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", str(VAR_DIR / "test-db.sqlite3"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 30 minutes idle and after 12 hours in all (slt.accounts.middleware).
SESSION_IDLE_TIMEOUT = env.int("DJANGO_SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_MAX_AGE = env.int("DJANGO_SESSION_MAX_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_MAX_AGE
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "slt_language"
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Safety walks: map tiles from a configurable server (no CDN for code; tiles may be unavailable and the map still works).
WALKS_TILE_URL = env.str("WALKS_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
WALKS_TILE_ATTRIBUTION = env.str("WALKS_TILE_ATTRIBUTION", default="© OpenStreetMap contributors")
# The municipality's bounding box (south, west, north, east) and map centre (lat, lng); default Sandnes.
WALKS_BOUNDS = tuple(env.list("WALKS_BOUNDS", cast=float, default=[58.70, 5.60, 58.95, 6.10]))
WALKS_MAP_CENTER = tuple(env.list("WALKS_MAP_CENTER", cast=float, default=[58.8517, 5.7359]))
WALKS_MAP_ZOOM = env.int("WALKS_MAP_ZOOM", default=15)
WALKS_PHOTO_MAX_BYTES = env.int("WALKS_PHOTO_MAX_BYTES", default=10 * 1024 * 1024)
WALKS_PHOTOS_PER_OBSERVATION = env.int("WALKS_PHOTOS_PER_OBSERVATION", default=5)
# A photo with more pixels is refused before it is decoded; a larger photo is stored scaled down to this side.
WALKS_PHOTO_MAX_PIXELS = env.int("WALKS_PHOTO_MAX_PIXELS", default=40_000_000)
WALKS_PHOTO_MAX_SIDE = env.int("WALKS_PHOTO_MAX_SIDE", default=2560)

# Preventing radicalisation: a closed case is kept this many years, then the retention job applies its date.
EXTREMISM_RETENTION_YEARS = env.int("EXTREMISM_RETENTION_YEARS", default=5)

# Youth follow-up (ungdomsoppfølging).
# A closed case keeps its data this many years after the end; the retention job then anonymises it.
YOUTH_RETENTION_YEARS = env.int("YOUTH_RETENTION_YEARS", default=5)
# A LOCAL rule, not the law: the law sets no limit on the statutory maximum penalty of the offence. The
# check warns before a "suitable" decision on an offence whose maximum penalty is above the limit, and the
# decision is saved only when the user confirms. Set YOUTH_MAX_PENALTY_CHECK=0 to switch it off.
YOUTH_MAX_PENALTY_CHECK = env.bool("YOUTH_MAX_PENALTY_CHECK", default=True)
YOUTH_MAX_PENALTY_YEARS = env.int("YOUTH_MAX_PENALTY_YEARS", default=1)
# Local practice: days from the prosecutor's decision until the youth plan should be approved.
YOUTH_PLAN_DUE_DAYS = env.int("YOUTH_PLAN_DUE_DAYS", default=30)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: console in development, SMTP from EMAIL_URL in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="SLT <ikke-svar@slt.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A mail server that hangs must not hold up the other deliveries: every SMTP call gives up after this.
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=10)
# Absolute links in e-mails and calendar feeds.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Notifications (slt.notifications; docs/notifications.md): tries per delivery, the first retry's wait
# (doubled each time), the lease after which a delivery stuck in "sending" is taken again, deliveries per
# sender batch, and how long in-app notices are kept.
NOTIFICATIONS_MAX_TRIES = env.int("NOTIFICATIONS_MAX_TRIES", default=5)
NOTIFICATIONS_RETRY_BACKOFF = env.int("NOTIFICATIONS_RETRY_BACKOFF_SECONDS", default=60)
NOTIFICATIONS_LEASE = env.int("NOTIFICATIONS_LEASE_SECONDS", default=10 * 60)
NOTIFICATIONS_BATCH = env.int("NOTIFICATIONS_BATCH", default=500)
NOTIFICATIONS_KEEP_DAYS = env.int("NOTIFICATIONS_KEEP_DAYS", default=90)
# PostgreSQL: when on, the sender's commits do not wait for the disk (a database crash may resend the last instant's mail).
NOTIFICATIONS_RELAXED_COMMIT = env.bool("NOTIFICATIONS_RELAXED_COMMIT", default=False)

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport under var/.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_DATA_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_RESULT_BACKEND = f"file://{CELERY_DATA_DIR / 'results'}"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        "store_processed": False,
    }
CELERY_TIMEZONE = TIME_ZONE

# Cache (aggregated statistics only, never personal data): Redis when REDIS_URL is set, otherwise files
# under var/, so that nothing is kept in process memory between requests.
# Redis down or slow: reads miss and writes are dropped (slt.core.cache), so pages compute instead of failing;
# every Redis call (cache and broker checks) gives up after REDIS_SOCKET_TIMEOUT seconds.
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=0.5)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "slt.core.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": REDIS_SOCKET_TIMEOUT, "socket_timeout": REDIS_SOCKET_TIMEOUT},
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": VAR_DIR / "cache"}
    }
CACHES["default"]["KEY_PREFIX"] = "slt"
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# A task is acknowledged when it has run, not when it was received: a worker killed mid-task leaves the
# message for another worker (the delivery table makes a second run harmless).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
if REDIS_URL:
    # An unacknowledged message goes back to the queue after this long (longer than any task runs).
    CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
CELERY_BEAT_SCHEDULE = {
    "notifications-dispatch": {"task": "slt.notifications.tasks.dispatch", "schedule": 5 * 60},
    "notifications-weekly-digest": {
        "task": "slt.notifications.tasks.weekly_digest",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
    },
    "notifications-prune": {"task": "slt.notifications.tasks.prune", "schedule": crontab(minute=30, hour=3)},
    # The statistics are computed here, not while a user waits (coordination/statistics.py).
    "coordination-statistics": {
        "task": "coordination.tasks.refresh_statistics",
        "schedule": env.int("STATISTICS_REFRESH_SECONDS", default=10 * 60),
    },
}
# /healthz answers within this many seconds: a check that has not answered by then counts as down.
HEALTHZ_TIMEOUT = env.float("HEALTHZ_TIMEOUT", default=1.5)

# Security: on by default whenever debug is off.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}
