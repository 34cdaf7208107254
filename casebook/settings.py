"""Casebook settings, read from the environment.

Without any variable set, Casebook runs on the embedded default: SQLite and
files in ``data/``, a secret key generated once and kept there. Production
values come only from variables (see ``deploy/env.example``).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DATA_DIR = Path(env.str("CASEBOOK_DATA_DIR", default=str(BASE_DIR / "data")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = env.bool("CASEBOOK_PRODUCTION", default=False)
DEBUG = env.bool("CASEBOOK_DEBUG", default=False)


def _secret_key() -> str:
    """The key from the environment, or one generated once and kept in the data folder."""
    if key := env.str("CASEBOOK_SECRET_KEY", default=""):
        return key
    if PRODUCTION:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("CASEBOOK_SECRET_KEY must be set in production.")
    path = DATA_DIR / "secret_key"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env.list("CASEBOOK_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CASEBOOK_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "casebook.apps.CasebookAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "django_countries",
    "guardian",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "casebook",
    "cases",
    "evidence",
    "reporting",
    "api",
    "imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's middleware, with the verifying device read from the cache (casebook/authcache.py).
    "casebook.authcache.CachedOTPMiddleware",
    "casebook.middleware.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "casebook.middleware.SecondFactorMiddleware",
    "casebook.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it turns a lockout raised anywhere into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "casebook.urls"
WSGI_APPLICATION = "casebook.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "casebook.context_processors.roles",
            ],
        },
    },
]

# Database: SQLite in the data folder unless DATABASE_URL names another.
if "DATABASE_URL" in os.environ:
    DATABASES = {"default": env.db("DATABASE_URL")}
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CASEBOOK_DB_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Plain cursors: server-side ones (WITH HOLD outside transactions) made every drop-down of a
    # form a materialised cursor, and they do not survive a transaction-pooling proxy either.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "casebook.sqlite3",
            "OPTIONS": {
                # Writers queue for the lock instead of failing; WAL lets readers
                # go on while one writes.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out client is refused before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's model backend; the user, their permissions and roles kept in the cache.
    "casebook.authcache.CachedModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# No guardian anonymous user: an anonymous visitor never holds a permission.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False
GUARDIAN_MONKEY_PATCH_GROUP = False

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Authentication: two factors, lockout, sessions -----------------------------------
# Two factors (TOTP or a single-use backup code) for every role. Only a local
# demo may turn this off, never a production deployment.
REQUIRE_2FA = env.bool("CASEBOOK_REQUIRE_2FA", default=True)
if PRODUCTION and not REQUIRE_2FA:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("CASEBOOK_REQUIRE_2FA cannot be turned off in production.")
OTP_TOTP_ISSUER = env.str("CASEBOOK_TOTP_ISSUER", default="Casebook")
# Each failed code doubles the wait before the next one may be tried.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
CASEBOOK_BACKUP_CODES = 10
# Administrators may remove a lost authenticator in the admin, never read its key.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Lockout (django-axes): five failures lock the pair (user name, client address)
# for a while, so an attacker elsewhere cannot lock the real user out. Failures of
# the second factor count too. The client address is REMOTE_ADDR unless the
# number of trusted reverse proxies in front of Casebook is given; then it is
# read from the right of X-Forwarded-For, so a forged left part changes nothing.
TRUSTED_PROXY_COUNT = env.int("CASEBOOK_TRUSTED_PROXY_COUNT", default=0)
AXES_ENABLED = True
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = env.int("CASEBOOK_LOCKOUT_FAILURES", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("CASEBOOK_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "casebook.security.client_ip"
AXES_LOCKOUT_CALLABLE = "casebook.auth_views.locked_out"
# Failures are forgotten only after both factors (casebook.auth_views), so that a
# stolen password cannot be used to wipe the count of wrong codes.
AXES_RESET_ON_SUCCESS = False
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit log
AXES_SENSITIVE_PARAMETERS = ["password", "token", "otp_token", "csrfmiddlewaretoken"]
AXES_ENABLE_ADMIN = False

# Sessions: a new id at each login and after the second factor; ended after
# CASEBOOK_SESSION_IDLE_SECONDS without a request and CASEBOOK_SESSION_SECONDS
# after login, whatever happens.
SESSION_IDLE_SECONDS = env.int("CASEBOOK_SESSION_IDLE_SECONDS", default=30 * 60)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("CASEBOOK_TIME_ZONE", default="UTC")
# A content item still down and not checked for this many days is listed on the home page again.
CASEBOOK_RECHECK_DAYS = env.int("CASEBOOK_RECHECK_DAYS", default=14)
USE_I18N = True
# Formats Django leaves out for a language (casebook/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["casebook.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("CASEBOOK_STATIC_ROOT", default=str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Served by WhiteNoise from the source folders in the embedded default, from
# the collected files in production.
WHITENOISE_USE_FINDERS = not PRODUCTION

MEDIA_ROOT = Path(env.str("CASEBOOK_MEDIA_ROOT", default=str(DATA_DIR / "media")))
# Uploads stream to a temporary file next to the media folder, so that keeping
# the original is a rename on the same file system, not a second copy.
FILE_UPLOAD_TEMP_DIR = str(DATA_DIR / "tmp")
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
FILE_UPLOAD_HANDLERS = ["evidence.uploads.HashingUploadHandler"]
# The sensitivity a new case is offered with. Advocacy officers read normal cases only unless
# cleared, so a stricter default hides every new case from them until someone lowers it.
CASEBOOK_DEFAULT_SENSITIVITY = env.str("CASEBOOK_DEFAULT_SENSITIVITY", default="normal")
if CASEBOOK_DEFAULT_SENSITIVITY not in ("normal", "sensitive", "restricted"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("CASEBOOK_DEFAULT_SENSITIVITY must be normal, sensitive or restricted.")
CASEBOOK_MAX_UPLOAD_BYTES = env.int("CASEBOOK_MAX_UPLOAD_BYTES", default=2 * 1024**3)

# Evidence and documents go through Django's storage API: local files by
# default, an S3-compatible service when a bucket is named.
S3_BUCKET = env.str("CASEBOOK_S3_BUCKET", default="")
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("CASEBOOK_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("CASEBOOK_S3_REGION", default="") or None,
            "access_key": env.str("CASEBOOK_S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("CASEBOOK_S3_SECRET_KEY", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "object_parameters": {"ServerSideEncryption": env.str("CASEBOOK_S3_SSE", default="AES256")},
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
        # Public files, read by the reverse proxy's own user, unlike uploads (0600).
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}

# --- Evidence (evidence/) -------------------------------------------------------------
# Limits of the intake checks, the verification after writing, and working copies.
# CASEBOOK_MAX_UPLOAD_BYTES above bounds each file.
EVIDENCE_MAX_IMAGE_PIXELS = env.int("CASEBOOK_EVIDENCE_MAX_IMAGE_PIXELS", default=100_000_000)
EVIDENCE_ARCHIVE_MAX_MEMBERS = env.int("CASEBOOK_EVIDENCE_ARCHIVE_MAX_MEMBERS", default=500)
EVIDENCE_ARCHIVE_MAX_TOTAL_BYTES = env.int("CASEBOOK_EVIDENCE_ARCHIVE_MAX_TOTAL_BYTES", default=4 * 1024**3)
EVIDENCE_ARCHIVE_MAX_RATIO = env.int("CASEBOOK_EVIDENCE_ARCHIVE_MAX_RATIO", default=100)
# Received files are flushed to the disk before they are kept, so that a power
# cut after the record is committed cannot lose the bytes the record vouches for.
EVIDENCE_FSYNC = env.bool("CASEBOOK_EVIDENCE_FSYNC", default=True)
# Downloads up to this size are checked before the first byte is sent, so that a
# mismatch gets a clear refusal; larger ones are checked while they stream and
# cut short before their last bytes on a mismatch.
EVIDENCE_VERIFY_BEFORE_SENDING_BYTES = env.int("CASEBOOK_EVIDENCE_VERIFY_BEFORE_SENDING_BYTES", default=64 * 1024**2)
EVIDENCE_THUMBNAIL_PIXELS = 320
EVIDENCE_PREVIEW_PIXELS = 1280
# Unreferenced files younger than this may belong to an upload in progress.
EVIDENCE_ORPHAN_GRACE_SECONDS = env.int("CASEBOOK_EVIDENCE_ORPHAN_GRACE_SECONDS", default=3600)
# --- End of evidence ------------------------------------------------------------------

# --- Imports (imports/) ---------------------------------------------------------------
# A sheet with more rows is refused before it is read whole; a workbook sheet whose XML
# would expand beyond IMPORT_MAX_SHEET_BYTES likewise. Cases are written this many at a
# time, each batch all or nothing.
IMPORT_MAX_ROWS = env.int("CASEBOOK_IMPORT_MAX_ROWS", default=200_000)
IMPORT_MAX_SHEET_BYTES = env.int("CASEBOOK_IMPORT_MAX_SHEET_BYTES", default=512 * 1024**2)
IMPORT_BATCH = env.int("CASEBOOK_IMPORT_BATCH", default=200)
# The rows an import refused hold personal data: they can be downloaded for this many days
# after the import ends, then ``purge_imports`` deletes them. A file uploaded and never
# imported is deleted after IMPORT_UPLOAD_DAYS (the file of an import that ends goes at once).
IMPORT_REFUSED_DAYS = env.int("CASEBOOK_IMPORT_REFUSED_DAYS", default=14)
IMPORT_UPLOAD_DAYS = env.int("CASEBOOK_IMPORT_UPLOAD_DAYS", default=2)

# Content Security Policy: the app's own files only, nothing inline. A page that
# ever needs an inline element must carry the request's nonce (csp_nonce); the
# nonce is only added to the header when a template uses it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# Refuse oversized requests with a clear message (casebook.views.bad_request);
# evidence files stream to disk and are limited by CASEBOOK_MAX_UPLOAD_BYTES.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("CASEBOOK_MAX_FORM_BYTES", default=2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
CSRF_FAILURE_VIEW = "casebook.views.csrf_failure"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("CASEBOOK_SESSION_SECONDS", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

if PRODUCTION:
    DEBUG = False
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("CASEBOOK_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("CASEBOOK_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind the reverse proxy of deploy/, which sets this header itself.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SESSION_COOKIE_NAME = "__Host-casebook-session"
    CSRF_COOKIE_NAME = "__Host-casebook-csrf"

# --- Audit log --------------------------------------------------------------------
# Signed checkpoints of the chain's head are written outside the database, so that
# cutting the tail of the table can be detected (manage.py audit_checkpoint, then
# manage.py verify_audit). Keep this folder on another disk or copy it off-site.
AUDIT_CHECKPOINT_DIR = Path(env.str("CASEBOOK_AUDIT_CHECKPOINT_DIR", default=str(DATA_DIR / "audit-checkpoints")))
# A second, append-only copy of every checkpoint, on another disk or a mount that the
# application's host cannot rewrite: deleting or cutting the first file is then caught.
AUDIT_CHECKPOINT_COPY_DIR = env.str("CASEBOOK_AUDIT_CHECKPOINT_COPY_DIR", default="")
# A checkpoint every so many entries, besides one at each backup and each verify_audit.
AUDIT_CHECKPOINT_EVERY = env.int("CASEBOOK_AUDIT_CHECKPOINT_EVERY", default=100)
# The key that signs checkpoints; derived from SECRET_KEY unless given. A backup holds
# neither: keep it apart (README, "Backup and restore"), restore asks for it.
AUDIT_SIGNING_KEY = env.str("CASEBOOK_AUDIT_SIGNING_KEY", default="")

# --- Production operations: background work, cache, health, logs (deploy/README.md) ---
# Without a broker, long jobs run inside the request (the embedded default).
# With one, they go to Celery workers; a job's state lives in the database
# (reporting.Job), so no result backend is needed.
CELERY_BROKER_URL = env.str("CASEBOOK_CELERY_BROKER_URL", default="")
CASEBOOK_BACKGROUND_JOBS = bool(CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a job whose worker dies is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a long job does not hold others hostage
CELERY_WORKER_CONCURRENCY = env.int("CASEBOOK_WORKER_CONCURRENCY", default=2)
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = env.int("CASEBOOK_JOB_TIME_LIMIT", default=30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
# Redis redelivers an unacknowledged job after this long; longer than any job.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Periodic maintenance, each a management command run by name: a command that
# this version does not have is skipped and logged (casebook.tasks).
CELERY_BEAT_SCHEDULE = {
    "evidence-fixity-sweep": {
        "task": "casebook.tasks.run_management_command",
        "schedule": env.int("CASEBOOK_FIXITY_SWEEP_SECONDS", default=24 * 3600),
        "args": ["verify_evidence"],
    },
    "audit-checkpoint": {
        "task": "casebook.tasks.run_management_command",
        "schedule": env.int("CASEBOOK_AUDIT_CHECKPOINT_SECONDS", default=3600),
        "args": ["audit_checkpoint"],
    },
    "import-retention": {
        "task": "casebook.tasks.run_management_command",
        "schedule": env.int("CASEBOOK_IMPORT_PURGE_SECONDS", default=24 * 3600),
        "args": ["purge_imports"],
    },
    "audit-verification": {
        "task": "casebook.tasks.run_management_command",
        "schedule": env.int("CASEBOOK_AUDIT_VERIFY_SECONDS", default=24 * 3600),
        "args": ["verify_audit"],
    },
}

# A shared cache (Redis) when several web processes run; the local memory of the
# one process otherwise.
if CACHE_URL := env.str("CASEBOOK_CACHE_URL", default=""):
    CACHES = {"default": env.cache_url_config(CACHE_URL)}
    if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        CACHES["default"]["BACKEND"] = "casebook.cache.RedisCache"  # one client per pool, not per operation
# Sessions, and the signed-in user with their permissions, roles and second factor
# (casebook/authcache.py), are read from the cache when every process sees the same
# cache: with a shared one, or in the embedded default's single process. Sessions are
# written through to the database, so that "log out everywhere" finds them all.
# A production deployment without a shared cache reads them from the database.
CASEBOOK_AUTH_CACHE = bool(CACHE_URL) or not PRODUCTION
CASEBOOK_AUTH_CACHE_SECONDS = env.int("CASEBOOK_AUTH_CACHE_SECONDS", default=300)
if CASEBOOK_AUTH_CACHE:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The API (/api/v1/): tokens only, JSON only, errors in one shape (api.errors).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Casebook API",
    "DESCRIPTION": "Cases, their records and evidence, with the same per-case rights as the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "cases.choices.Status",
        "InterventionStatusEnum": "cases.choices.InterventionStatus",
        "InterventionKindEnum": "cases.choices.InterventionKind",
        "DatePrecisionEnum": "cases.choices.DatePrecision",
        "JobStatusEnum": "reporting.models.Job.Status",
        "EvidenceKindEnum": "evidence.models.EvidenceItem.Kind",
        "ConsentKindEnum": "cases.choices.ConsentKind",
        "ConsentStatusEnum": "cases.choices.ConsentStatus",
        "ConsentMethodEnum": "cases.choices.ConsentMethod",
    },
}
# Calls per token, and wrong tokens per client address per hour before it is refused for an hour.
CASEBOOK_API_RATE = env.str("CASEBOOK_API_RATE", default="300/minute")
CASEBOOK_API_FAILED_LOGINS_PER_HOUR = env.int("CASEBOOK_API_FAILED_LOGINS_PER_HOUR", default=20)

# /health/ says ok or unavailable to anyone; the details need this token.
CASEBOOK_HEALTH_TOKEN = env.str("CASEBOOK_HEALTH_TOKEN", default="")


def _log_level() -> str:
    """CASEBOOK_LOG_LEVEL in any case (``warning``, ``Warning``), checked before logging starts."""
    import logging

    level = env.str("CASEBOOK_LOG_LEVEL", default="INFO").strip().upper()
    if level not in logging.getLevelNamesMapping():
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"CASEBOOK_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (got {level!r})."
        )
    return level


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "casebook.logs.JsonFormatter"},
    },
    "filters": {"no_personal_data": {"()": "casebook.logs.NoPersonalDataFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("CASEBOOK_LOG_FORMAT", default="plain"),
            "filters": ["no_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": _log_level()},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
# --- end of production operations ---
