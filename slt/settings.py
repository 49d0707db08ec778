"""Settings for the SLT platform: one module, configured from the environment (see README)."""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Debugging shows the product's own 404 page too; DJANGO_DEBUG_TECHNICAL_404=1 brings back Django's.
DEBUG_TECHNICAL_404 = env.bool("DJANGO_DEBUG_TECHNICAL_404", default=False)

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
    # Before slt.accounts: their admin modules register first, so that slt.accounts.admin_signin can replace them.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "slt.accounts.lockout_app.LockoutConfig",  # django-axes, named for Django admin
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
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, so that static files keep their long cache and carry no policy of their own.
    "slt.core.security.ContentSecurityPolicyMiddleware",
    "slt.core.security.NoStoreMiddleware",
    "slt.audit.middleware.RequestIdMiddleware",
    "slt.core.middleware.ProductNotFoundPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "slt.accounts.middleware.LanguageMiddleware",
    "slt.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "slt.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
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
                "slt.core.context_processors.branding",
                "slt.notifications.context_processors.unread_notices",
                "slt.accounts.context_processors.sign_in",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Per connection, for the site's short queries: no JIT (it compiles a large plan for tens of milliseconds that
    # a web query never wins back; DJANGO_DB_JIT=1 leaves it to the server) and no parallel workers by default (on
    # a small server they take the cores the other requests are waiting for; DJANGO_DB_PARALLEL_WORKERS=2 allows two).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    server_options = [options.get("options", "")]
    if not env.bool("DJANGO_DB_JIT", default=False):
        server_options.append("-c jit=off")
    server_options.append(f"-c max_parallel_workers_per_gather={env.int('DJANGO_DB_PARALLEL_WORKERS', default=0)}")
    options["options"] = " ".join(option for option in server_options if option)
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
    {
        "NAME": "slt.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("DJANGO_PASSWORD_MIN_LENGTH", default=12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username or address before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # OpenID Connect (the municipality's identity provider); does nothing unless OIDC_RP_CLIENT_ID is set.
    "slt.accounts.oidc.OIDCBackend",
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

# Sign-in (README "Sign-in", docs/security.md).
# Two-factor authentication (TOTP + recovery codes) is required for administrators, coordinators, police,
# radicalisation contacts and youth coordinators (slt.accounts.roles.must_use_second_factor) and offered to
# everyone else. DJANGO_REQUIRE_2FA=0 relaxes it for a demo: every page then shows a "demo" banner.
REQUIRE_SECOND_FACTOR = env.bool("DJANGO_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = env.str("DJANGO_OTP_ISSUER", default="SLT")
# Lockout (django-axes): AXES_FAILURE_LIMIT failed sign-ins for one username, or from one address, lock it
# for AXES_COOLOFF_MINUTES. Behind a proxy, DJANGO_TRUSTED_PROXY_COUNT says how many set X-Forwarded-For.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "slt.accounts.views.locked_out"
# A success does not wipe the count: it would let an attacker with an account of their own reset it.
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ADMIN = False  # slt.accounts.admin_signin registers an audited admin instead
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit log already
AXES_VERBOSE = False
# The client's address as the audit log sees it (DJANGO_TRUSTED_PROXY_COUNT): one rule for both.
AXES_CLIENT_IP_CALLABLE = "slt.audit.middleware.client_ip"
# Password reset e-mails: at most this many per address and per client address in PASSWORD_RESET_WINDOW seconds.
PASSWORD_RESET_PER_ADDRESS = env.int("PASSWORD_RESET_PER_ADDRESS", default=3)
PASSWORD_RESET_PER_IP = env.int("PASSWORD_RESET_PER_IP", default=10)
PASSWORD_RESET_WINDOW = env.int("PASSWORD_RESET_WINDOW_SECONDS", default=3600)
# OpenID Connect (optional; off while OIDC_RP_CLIENT_ID is unset). Users are matched by e-mail to existing
# active users, never created. OIDC_ENTRA_TENANT_ID fills in Microsoft Entra ID's endpoints.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_ENTRA_TENANT_ID = env.str("OIDC_ENTRA_TENANT_ID", default="")
_ENTRA = f"https://login.microsoftonline.com/{OIDC_ENTRA_TENANT_ID}" if OIDC_ENTRA_TENANT_ID else ""
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str(
    "OIDC_OP_AUTHORIZATION_ENDPOINT", default=f"{_ENTRA}/oauth2/v2.0/authorize" if _ENTRA else ""
)
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default=f"{_ENTRA}/oauth2/v2.0/token" if _ENTRA else "")
OIDC_OP_USER_ENDPOINT = env.str(
    "OIDC_OP_USER_ENDPOINT", default="https://graph.microsoft.com/oidc/userinfo" if _ENTRA else ""
)
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default=f"{_ENTRA}/discovery/v2.0/keys" if _ENTRA else "")
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default=f"{_ENTRA}/v2.0" if _ENTRA else "")
# Or: the provider's /.well-known/openid-configuration, for whatever endpoint above is left unset.
OIDC_OP_DISCOVERY_URL = env.str("OIDC_OP_DISCOVERY_URL", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="")
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)
OIDC_CALLBACK_CLASS = "slt.accounts.oidc.CallbackView"
OIDC_AUTHENTICATE_CLASS = "slt.accounts.oidc.AuthenticateView"
# Whether a sign-in through the identity provider stands in for this platform's second factor (set it only
# when the provider enforces multi-factor authentication for every user of the platform).
OIDC_COUNTS_AS_SECOND_FACTOR = env.bool("OIDC_COUNTS_AS_SECOND_FACTOR", default=False)

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

# The municipality that runs the installation: its name and logo (a PNG under static/) on pages, reports,
# minutes and Django admin (slt.core.branding).
SLT_MUNICIPALITY_NAME = env.str("SLT_MUNICIPALITY_NAME", default="Sandnes kommune")
SLT_MUNICIPALITY_LOGO = env.str("SLT_MUNICIPALITY_LOGO", default="img/kommune-logo.png")

# Meetings: the largest attachment (PDF, office document or image) a meeting or agenda item may get.
MEETING_ATTACHMENT_MAX_BYTES = env.int("MEETING_ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)

# Safety walks: map tiles from a configurable server (no CDN for code; tiles may be unavailable and the map still works).
# Default: Kartverket's open topographic cache (WMTS, web mercator; Leaflet's {z}/{y}/{x} order as Kartverket has it).
WALKS_TILE_URL = env.str(
    "WALKS_TILE_URL", default="https://cache.kartverket.no/v1/wmts/1.0.0/topo/default/webmercator/{z}/{y}/{x}.png"
)
WALKS_TILE_ATTRIBUTION = env.str("WALKS_TILE_ATTRIBUTION", default="© Kartverket")
# The PDF report's map: tiles fetched server-side at render time (seconds per tile, cached seconds, highest zoom).
WALKS_TILE_TIMEOUT = env.float("WALKS_TILE_TIMEOUT", default=3.0)
WALKS_TILE_CACHE_SECONDS = env.int("WALKS_TILE_CACHE_SECONDS", default=7 * 24 * 3600)
WALKS_TILE_MAX_ZOOM = env.int("WALKS_TILE_MAX_ZOOM", default=18)
# The municipality's bounding box (south, west, north, east) and map centre (lat, lng); default Sandnes.
WALKS_BOUNDS = tuple(env.list("WALKS_BOUNDS", cast=float, default=[58.70, 5.60, 58.95, 6.10]))
WALKS_MAP_CENTER = tuple(env.list("WALKS_MAP_CENTER", cast=float, default=[58.8517, 5.7359]))
WALKS_MAP_ZOOM = env.int("WALKS_MAP_ZOOM", default=15)
WALKS_PHOTO_MAX_BYTES = env.int("WALKS_PHOTO_MAX_BYTES", default=10 * 1024 * 1024)
WALKS_PHOTOS_PER_OBSERVATION = env.int("WALKS_PHOTOS_PER_OBSERVATION", default=5)
# A photo with more pixels is refused before it is decoded; a larger photo is stored scaled down to this side.
WALKS_PHOTO_MAX_PIXELS = env.int("WALKS_PHOTO_MAX_PIXELS", default=40_000_000)
WALKS_PHOTO_MAX_SIDE = env.int("WALKS_PHOTO_MAX_SIDE", default=2560)

# Retention (slt.core.retention, docs/retention.md): a closed concern keeps its identity and free text this
# many years after it was closed, then the daily job anonymises it; photos of safety walks published more
# than RETENTION_WALK_PHOTO_DAYS days ago are deleted (unset: kept); audit events older than
# RETENTION_AUDIT_DAYS days are deleted with one summary event (0: kept for ever).
CONCERN_RETENTION_YEARS = env.int("CONCERN_RETENTION_YEARS", default=3)
RETENTION_WALK_PHOTO_DAYS = env.int("RETENTION_WALK_PHOTO_DAYS", default=None)
RETENTION_AUDIT_DAYS = env.int("RETENTION_AUDIT_DAYS", default=6 * 365)

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
    # Anonymise closed cases past their date, delete old walk photos, expired sessions and old audit events.
    "retention-daily": {"task": "slt.core.tasks.apply_retention", "schedule": crontab(minute=30, hour=2)},
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
# How many proxies of our own stand in front of the application. 0: the client's address (audit log) is
# REMOTE_ADDR and X-Forwarded-For is ignored; N: the N-th address from the right of X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# A form with a stale or missing CSRF token gets the product's page (with the reason only while debugging).
CSRF_FAILURE_VIEW = "slt.core.views.csrf_failure"
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"


# Content-Security-Policy (django-csp; README "Security headers"): code and styles from this site only, scripts
# also with the response's nonce; no inline script, no inline style, no eval. The map tiles' origin is taken
# from WALKS_TILE_URL at each response (slt.core.security). DJANGO_CSP_FORM_ACTION / DJANGO_CSP_CONNECT_SRC add
# origins (e.g. an OpenID Connect provider that forms post to); settings that configure such a provider
# append its origin to CSP_FORM_ACTION_SOURCES / CSP_CONNECT_SOURCES, the very lists the policy below uses.
CSP_REPORT_PATH = "/csp-report/"
CSP_FORM_ACTION_SOURCES = [SELF, *env.list("DJANGO_CSP_FORM_ACTION", default=[])]
CSP_CONNECT_SOURCES = [SELF, *env.list("DJANGO_CSP_CONNECT_SRC", default=[])]
# Violation reports are always logged (logger "slt.security"); when this is on (default: in debug) the last
# ones are also kept in the cache, for the browser tests and for a developer to read.
CSP_STORE_REPORTS = env.bool("DJANGO_CSP_STORE_REPORTS", default=DEBUG)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": CSP_CONNECT_SOURCES,
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": CSP_FORM_ACTION_SOURCES,
        "frame-ancestors": [NONE],
        "report-uri": CSP_REPORT_PATH,
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # django-axes logs every sign-in at INFO; the audit log has them already.
    "loggers": {"axes": {"level": "WARNING"}},
}
