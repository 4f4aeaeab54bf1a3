"""Settings for the portal, read from the environment.

With nothing set, the portal runs on SQLite with files under ``var/`` (the embedded
default). Every variable is listed in ``.env.example``.
"""

import datetime
import email.utils
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from portail.settings import caches, csp, editor, permissions_policy
from portail.settings.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A server keeps its settings outside the code (ENV_FILE=/etc/cuf/env, as the systemd
# units read them); the environment wins over the file.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY doit être défini quand DEBUG est désactivé (production)."
        )
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"

# Signs backup archives; a restore refuses what it cannot authenticate. Kept outside the
# archives, apart from SECRET_KEY (cuf.operations.backups).
BACKUP_KEY = env.str("BACKUP_KEY", default="")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS doit être défini quand DEBUG est désactivé.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = env.str("SITE_NAME", default="Le portail de la coopération décentralisée")

# Who publishes the portal: shown on the contact, legal notice and accessibility pages.
# The defaults are placeholders for development; production sets the real ones.
ORGANISATION = {
    "name": env.str("ORGANISATION_NAME", default="Cités Unies France"),
    "address": env.str("ORGANISATION_ADDRESS", default=""),
    "email": env.str("CONTACT_EMAIL", default="contact@example.org"),
    "phone": env.str("CONTACT_PHONE", default=""),
    "publication_director": env.str("PUBLICATION_DIRECTOR", default=""),
    "host": env.str("HOSTING_PROVIDER", default=""),
    "accessibility_plan": env.str("ACCESSIBILITY_PLAN_URL", default=""),
}

INSTALLED_APPS = [
    "cuf.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "taggit",
    "django_ckeditor_5",
    "reversion",
    "reversion_compare",
    "adminsortable2",
    # django-axes, under a name editors read ("Tentatives de connexion", not "Axes").
    "cuf.accounts.login_attempts.LoginAttemptsConfig",
    # Two-factor sign-in for staff (cuf.accounts.two_factor): TOTP and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Background jobs: Django's tasks API (the django-tasks backport), its queue in the
    # database (django-tasks-db, under its French name with the portal's admin).
    "django_tasks",
    "cuf.admin.jobs.BackgroundJobsConfig",
    "cuf.apps.CufConfig",
    "communiques",
    "agenda",
    "actualites",
    "resources",
    "search",
    "spip_import",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy: the powerful browser features the portal never uses are off.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After static files, before sessions: a page served from the cache opens no session.
    "cuf.publishing.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the portal speaks French only, and it would add
    # "Vary: Accept-Language" to every answer, splitting every shared cache by language.
    "django.middleware.common.CommonMiddleware",
    # 405 with Allow for a method the view does not answer, before the CSRF check.
    "cuf.operations.methods.AllowedMethodsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The second factor: which device this session passed, then the admin refused to
    # whoever must pass one and has not.
    "django_otp.middleware.OTPMiddleware",
    "cuf.accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cuf.operations.csp.PortalCSPMiddleware",
    # Before any view reads the body; after authentication, which sets the limit, and
    # inside the security headers, which its refusals carry too.
    "cuf.operations.request_limits.BodyLimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
    # The old SPIP site's addresses (spip.php?article12, IMG/…): permanent redirects to
    # what they became, when it is public.
    "spip_import.middleware.LegacyAddressMiddleware",
]

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portail.urls"
WSGI_APPLICATION = "portail.wsgi.application"

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
                "cuf.public.context_processors.site",
            ],
        },
    },
]

if "DATABASE_URL" not in env:
    # The embedded default: SQLite in var/, created on first use.
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A kept connection is checked before a request reuses it: after a database restart each
# thread opens a new one, instead of failing its next request on the dead one.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A database that is down or stuck must not hold a request: connecting gives up after
# DB_CONNECT_TIMEOUT seconds and a statement after DB_STATEMENT_TIMEOUT (0: no limit, which
# manage.py sets for maintenance commands); the visitor then gets the 503 page
# (cuf.public.views.server_error).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    statement_ms = int(env.float("DB_STATEMENT_TIMEOUT", default=10) * 1000)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": env.int("DB_CONNECT_TIMEOUT", default=5),
            "options": f"-c statement_timeout={statement_ms}",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server's threads and the job worker write to one file: a transaction takes
    # the write lock when it starts (a read turned write later fails at once when another
    # writer holds it), and a writer waits its turn rather than failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The default cache (CACHE_URL) and the pages' own (PAGE_CACHE_URL): portail.settings.caches.
CACHES = caches.caches_from(env, VAR_DIR)
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Anonymous pages come from the cache (cuf.publishing.page_cache), never stale: a write moves the
# content version (in the database) on, and no page outlives the next scheduled
# publication or end of publication. PAGE_CACHE=false renders every page.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
# How long a browser or a proxy in front may keep a page without asking again (bounded by
# the next boundary too). 0, the default, keeps the portal's promise that a change shows
# at the next request: they ask each time, and get a 304 while nothing changed.
PAGE_MAX_AGE = env.int("PAGE_MAX_AGE", default=0)

# The JSON API (api/): requests a client (by its address, as throttling reads it) may make
# in a minute before it is answered 429 with Retry-After; counted in the shared cache.
API_RATE_LIMIT_PER_MINUTE = env.int("API_RATE_LIMIT_PER_MINUTE", default=300)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
# The portal's own wording of a few of Django's and the libraries' sentences (no "objet"):
# locale/fr/LC_MESSAGES/django.po, compiled to django.mo (manage.py compilemessages).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Uploads live outside the web root, in the "protected" storage, and are served only
# through the portal's views (cuf.files): a content item's files once the item is
# published, the rich-text editor's images at unguessable addresses
# (cuf.files.views.editor_image). No model stores its files in the default storage
# (MEDIA_ROOT).
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
PROTECTED_MEDIA_ROOT = env.path("PROTECTED_MEDIA_ROOT", default=VAR_DIR / "protected")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "protected": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PROTECTED_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Several app servers share one private S3-compatible bucket instead of a local disk
# (django-storages; its setting names). Objects are private: nothing is ever linked to
# the bucket, files still pass through the portal's publication check (cuf.files.serving
# reads them by byte range), so the bucket needs no public endpoint.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["protected"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            # Self-hosted stores (SeaweedFS, MinIO, Garage) answer at one address.
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="path"),
            # Signed links in the current scheme (the older one is refused by most stores).
            "signature_version": "s3v4",
            "default_acl": None,
            "querystring_auth": True,
            # As on a disk: a name is never silently replaced (renditions rely on it).
            "file_overwrite": False,
        },
    }

# Upload limits, in megabytes, by kind of file.
UPLOAD_MAX_MB = {
    "document": env.int("UPLOAD_MAX_MB_DOCUMENT", default=20),
    "image": env.int("UPLOAD_MAX_MB_IMAGE", default=10),
    "audio": env.int("UPLOAD_MAX_MB_AUDIO", default=100),
    "video": env.int("UPLOAD_MAX_MB_VIDEO", default=500),
}
# Behind nginx: the portal checks who may read a protected file, then nginx sends it
# (X-Accel-Redirect to this internal location, which deploy/nginx.conf maps to
# PROTECTED_MEDIA_ROOT, or fetches from the bucket): workers are not held by downloads,
# nginx answers byte ranges.
PROTECTED_FILES_ACCEL = env.bool("PROTECTED_FILES_ACCEL", default=False)
PROTECTED_FILES_ACCEL_LOCATION = "/fichiers-proteges/"
PROTECTED_OBJECTS_ACCEL_LOCATION = "/objets-proteges/"
# The largest body an anonymous request may send (login and search forms are tiny); staff
# may send the largest upload above (cuf.operations.request_limits). Fields of a form outside its
# files, and the number of fields, are capped too.
ANONYMOUS_MAX_BODY_KB = env.int("ANONYMOUS_MAX_BODY_KB", default=256)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 50
# Largest image, in pixels, that Pillow will decode (its decompression-bomb guard).
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)

TAGGIT_CASE_INSENSITIVE = True
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

LOGIN_URL = "admin:login"
# Where a login lands when its "next" is missing or refused (Django's default,
# /accounts/profile/, does not exist here).
LOGIN_REDIRECT_URL = "admin:index"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed attempts for one account
# from one address, that pair is locked out for AXES_COOLOFF_MINUTES, and the login page
# says so in French (templates/axes/lockout.html). Another address is not locked out, so
# an attacker cannot lock an editor out of the office.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
# Forgotten passwords: messages sent per hour, per client address and per e-mail address.
PASSWORD_RESET_LIMIT = env.int("PASSWORD_RESET_LIMIT", default=5)
# How long a password reset link works (Django's setting, in seconds): one hour.
PASSWORD_RESET_TIMEOUT = 3600
# How long an invitation to choose one's password works (cuf.accounts.invitations), in days.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# Successful logins are in Django's own last_login; only failures are worth a table.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Two-factor sign-in (cuf.accounts.two_factor): every staff account without DEBUG (an
# editor publishes to a public body's site); with DEBUG (`make run`) the password alone.
ADMIN_2FA_REQUIRED = env.bool("ADMIN_2FA_REQUIRED", default=not DEBUG)
ADMIN_2FA_SUPERUSERS = not DEBUG
# The name authenticator applications show beside the code.
OTP_TOTP_ISSUER = SITE_NAME

# /health/: anyone gets the cheap check (database, a cache read); the deep one (cache
# write, storage write/read/delete, job queue) needs this token ("Authorization: Bearer
# …") or a request from one of these client addresses (e.g. 127.0.0.1 for a local monitor).
HEALTH_TOKEN = env.str("HEALTH_TOKEN", default="")
HEALTH_ALLOWED_ADDRESSES = env.list("HEALTH_ALLOWED_ADDRESSES", default=[])

# Shareable preview links (cuf.publishing.previews): how long a link works after it is made.
PREVIEW_LINK_MAX_AGE = datetime.timedelta(days=env.int("PREVIEW_LINK_DAYS", default=7))

# Security: production defaults, relaxed only when DEBUG is on.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# A load balancer probes each app server over plain HTTP, and counts a redirect as a failure.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the portal add to X-Forwarded-For (nginx alone: 1; a load
# balancer then nginx: 2). The client's address is read that many entries from the right
# (cuf.accounts.throttling.client_address; throttles count an IPv6 client by its /64);
# without a proxy, X-Forwarded-For is ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_TLS_PROXY else 0)
AXES_CLIENT_IP_CALLABLE = "cuf.accounts.throttling.throttled_address"
AXES_USERNAME_CALLABLE = "cuf.accounts.throttling.attempted_username"

# Content-Security-Policy (portail.settings.csp).
CONTENT_SECURITY_POLICY = csp.CONTENT_SECURITY_POLICY
# Permissions-Policy (portail.settings.permissions_policy).
PERMISSIONS_POLICY = permissions_policy.PERMISSIONS_POLICY

# Errors reach people: mailed to ADMINS ("Nom <adresse>, …" or addresses, comma
# separated) through EMAIL_URL (smtp://user:password@host:587, default: the local SMTP
# server), and sent to Sentry when SENTRY_DSN is set. Logs go to stdout, one JSON object a
# line (LOG_FORMAT=json, the default in production) or plain text (LOG_FORMAT=text, the
# default with DEBUG), for whatever collects the service's output.
ADMINS = [
    (name.strip() or address, address)
    for name, address in (
        email.utils.parseaddr(entry) for entry in env.list("ADMINS", default=[]) if entry.strip()
    )
    if address
]
SERVER_EMAIL = env.str("SERVER_EMAIL", default="portail@localhost")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=SERVER_EMAIL)
vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))
LOGGING = logging_config(
    log_format=env.str("LOG_FORMAT", default="text" if DEBUG else "json"),
    level=env.str("LOG_LEVEL", default="INFO"),
)
if env.str("SENTRY_DSN", default=""):
    import sentry_sdk

    sentry_sdk.init(
        dsn=env.str("SENTRY_DSN"),
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=0,
        # Visitors' addresses, cookies and form fields stay out of reports.
        send_default_pii=False,
    )

# Rich text: the editor's toolbar (portail.settings.editor) and where its images go.
CKEDITOR_5_CONFIGS = editor.CKEDITOR_5_CONFIGS
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
# Images uploaded from the editor go through the portal's own checks
# (cuf.files.views.editor_upload) instead of the library's view, which trusts the file's
# extension.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "editor_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp"]

# History: two versions name the same author when they hold the same author id (the
# library otherwise calls every foreign key changed as soon as anything else changed).
REVERSION_COMPARE_FOREIGN_OBJECTS_AS_ID = True

# --- Background jobs, site address, mail and PDF limits ------------------------------------
# Slow work runs in a worker process, never in a web request: PDF text, every mail. Django's
# tasks API through the django-tasks backport (the code moves to django.tasks unchanged on
# a later Django), with its database backend: the queue is a table of the database the
# portal already has, so several app servers share it and no broker is needed. The worker:
# `python manage.py db_worker` (deploy/cuf-worker.service; `make run` starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The portal's public address, for every absolute link written outside a request (mails,
# and later feeds, calendars and the API): never the Host header of whoever asked.
# Production must set it (checked by `check --deploy`); locally `make run` sets it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")

# Mail leaves through a job (cuf.operations.mail): EMAIL_BACKEND queues each message; the worker
# delivers it through EMAIL_DELIVERY_BACKEND, retrying while the mail server is away.
# Production delivers through EMAIL_URL; without it, with DEBUG (`make run`), each message
# is written as a file under MAIL_DIR (var/mail/ by default), where it can be read.
MAIL_DIR = env.path("MAIL_DIR", default=VAR_DIR / "mail")
if "EMAIL_URL" not in env and DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = MAIL_DIR
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND  # noqa: F821 (set from EMAIL_URL above)
EMAIL_BACKEND = "cuf.operations.mail.QueuedEmailBackend"
# Error reports cannot wait for a queue that lives in the database they may be about:
# they leave at once, through the delivery backend.
LOGGING["handlers"]["mail_admins"]["email_backend"] = EMAIL_DELIVERY_BACKEND
# Waits between delivery attempts of one message, in seconds; after the last, the job is
# recorded as failed (admin: Tâches de fond).
MAIL_RETRY_DELAYS = [30, 120, 600, 3600, 4 * 3600]
# A mail server that accepts the connection and then says nothing frees the worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# PDF text is read in a child process of the worker, under limits (cuf.files.limits): CPU
# seconds and memory for the child, and pypdf's own budgets on parsing work and decoded
# bytes. A file that reaches one is marked "texte illisible" and stays downloadable. The
# upload check (does pypdf open it at all?) runs in the web request under its own, shorter
# CPU limit.
PDF_LIMITS = {
    "cpu_seconds": env.int("PDF_CPU_SECONDS", default=5),
    "check_cpu_seconds": env.int("PDF_CHECK_CPU_SECONDS", default=2),
    "memory_mb": env.int("PDF_MEMORY_MB", default=512),
    # Tokens (operators and operands) read from one page's content stream, and from all
    # the pages of one file together.
    "page_tokens": 200_000,
    "file_tokens": 1_000_000,
    # Bytes one stream may decode to (a 20 MB upload may inflate a lot).
    "stream_bytes": 50_000_000,
}
