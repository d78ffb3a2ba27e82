"""Settings, read from environment variables with safe development defaults.

Production (DEBUG off) refuses to start without SECRET_KEY and turns on secure cookies, HSTS and
the other transport protections. See docs/operations.md for every variable.
"""

import ipaddress
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ya"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


TESTING = "pytest" in sys.modules or os.environ.get("SINERGI_TESTING") == "1"

DEBUG = env_bool("DEBUG", True)

# Runtime data (the embedded SQLite database, uploads, collected static files) lives in a data
# folder of the checkout unless SINERGI_DATA_DIR says otherwise. It is git-ignored.
DATA_DIR = Path(os.environ.get("SINERGI_DATA_DIR", PROJECT_DIR / "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY wajib diisi saat DEBUG mati / SECRET_KEY must be set when DEBUG is off."
        )
    SECRET_KEY = "dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "sinergi.core",
    "sinergi.regions",
    "sinergi.accounts",
    "sinergi.registry",
    "sinergi.health",
    "sinergi.purchasing",
    "sinergi.clinic",
    "sinergi.events",
    "sinergi.market",
    "sinergi.consignment",
    "sinergi.partnerships",
    "sinergi.assistance",
    "sinergi.insights",
    "sinergi.api",
    "sinergi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sinergi.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sinergi.core.middleware.HeadAsGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sinergi.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sinergi.core.notification_middleware.WhatsAppOfferMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sinergi.accounts.middleware.ActiveMembershipMiddleware",
    "sinergi.core.middleware.TextGuardMiddleware",
    "sinergi.core.middleware.FriendlyErrorsMiddleware",
]

ROOT_URLCONF = "sinergi.urls"
WSGI_APPLICATION = "sinergi.wsgi.application"
ASGI_APPLICATION = "sinergi.asgi.application"

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
                "sinergi.navigation.menu",
                "sinergi.core.context_processors.notification_count",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "template_partials.templatetags.partials",
                "sinergi.core.templatetags.sinergi",
            ],
        },
    }
]

# --- database -------------------------------------------------------------------------------
# DATABASE_URL in the usual URL form; unset means the embedded SQLite file in the data folder.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0 if TESTING else 60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tuned for a web app: write-ahead log so readers never wait for the writer, IMMEDIATE
    # transactions so two writers queue at BEGIN instead of failing with "database is locked"
    # halfway through, and a busy timeout long enough for an import batch to commit.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA cache_size=-64000;"
            "PRAGMA temp_store=MEMORY;"
            "PRAGMA mmap_size=268435456;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if TESTING else 600

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Login throttling (accounts.services.logins): one account from one client may fail
# LOGIN_FAILURE_LIMIT times, then waits LOGIN_BACKOFF_SECONDS, doubling with each further failure
# up to LOGIN_BACKOFF_MAX_SECONDS; a pair's failures are forgotten after LOGIN_FAILURE_WINDOW_MINUTES
# without a new one. One client, whatever the accounts, may fail LOGIN_CLIENT_FAILURE_LIMIT times
# per LOGIN_CLIENT_WINDOW_MINUTES. Nothing locks an account itself: its owner on another client
# signs in, and an e-mailed unlock link lets the owner past the wait on a throttled client.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("LOGIN_FAILURE_WINDOW_MINUTES", "1440"))
LOGIN_BACKOFF_SECONDS = int(os.environ.get("LOGIN_BACKOFF_SECONDS", "60"))
LOGIN_BACKOFF_MAX_SECONDS = int(os.environ.get("LOGIN_BACKOFF_MAX_SECONDS", "3600"))
LOGIN_CLIENT_FAILURE_LIMIT = int(os.environ.get("LOGIN_CLIENT_FAILURE_LIMIT", "20"))
LOGIN_CLIENT_WINDOW_MINUTES = int(os.environ.get("LOGIN_CLIENT_WINDOW_MINUTES", "15"))
LOGIN_UNLOCK_VALID_MINUTES = int(os.environ.get("LOGIN_UNLOCK_VALID_MINUTES", "60"))
# Password-reset and unlock e-mails: at most this many per address and per client in the window.
ACCOUNT_EMAIL_LIMIT_PER_ADDRESS = int(os.environ.get("ACCOUNT_EMAIL_LIMIT_PER_ADDRESS", "3"))
ACCOUNT_EMAIL_LIMIT_PER_CLIENT = int(os.environ.get("ACCOUNT_EMAIL_LIMIT_PER_CLIENT", "10"))
ACCOUNT_EMAIL_WINDOW_MINUTES = int(os.environ.get("ACCOUNT_EMAIL_WINDOW_MINUTES", "60"))
# The client's address behind a reverse proxy: SINERGI_CLIENT_IP_HEADER is read only when the
# request comes from one of SINERGI_TRUSTED_PROXIES (addresses or networks), and the right-most
# address in it that is not a trusted proxy is the client. Unset: REMOTE_ADDR is the client.
SINERGI_TRUSTED_PROXIES = env_list("SINERGI_TRUSTED_PROXIES")
SINERGI_CLIENT_IP_HEADER = os.environ.get("SINERGI_CLIENT_IP_HEADER", "X-Forwarded-For").strip()
for _proxy in SINERGI_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(
            f"SINERGI_TRUSTED_PROXIES: {_proxy!r} is not an address or network"
        ) from _exc
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "7"))

SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "sinergi_lang"
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
# Numbers are grouped on display by the `number` and `rupiah` filters only: an automatic separator
# would turn ids and years in form values and links into "1.234".
USE_THOUSAND_SEPARATOR = False

# --- static and uploads ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded sheets and attachments hold personal data: readable by the app's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
# Spreadsheet uploads (registry import, price lists, reports).
SINERGI_MAX_UPLOAD_BYTES = int(os.environ.get("SINERGI_MAX_UPLOAD_BYTES", str(200 * 1024 * 1024)))

# --- e-mail and notifications ---------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Sinergi <noreply@sinergi.local>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- background tasks -----------------------------------------------------------------------
# The database backend needs no broker: `sinergi db_worker` runs the queue. Tests run tasks at once.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# --- cache ----------------------------------------------------------------------------------
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A rejected form (an expired page, cookies off) explains itself in the site's layout.
CSRF_FAILURE_VIEW = "sinergi.core.views.csrf_failure"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The liveness probe answers over plain HTTP too: load balancers and process managers call it
    # directly on the app server, and it says nothing but "ok".
    SECURE_REDIRECT_EXEMPT = [r"^sehat/$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", True) else None

# The content security policy: only our own scripts and styles, no inline script.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# The API documentation page (Swagger UI) needs inline styles and its init script.
CONTENT_SECURITY_POLICY_DOCS = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("LOG_LEVEL", "INFO" if not TESTING else "WARNING"),
    },
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- domain settings ------------------------------------------------------------------------
# Reference decision 8: RAT due N months after the financial year ends; inactive after N years
# without RAT, warned one year earlier.
SINERGI_RAT_DUE_MONTHS = int(os.environ.get("SINERGI_RAT_DUE_MONTHS", "6"))
SINERGI_INACTIVE_AFTER_YEARS = int(os.environ.get("SINERGI_INACTIVE_AFTER_YEARS", "3"))
