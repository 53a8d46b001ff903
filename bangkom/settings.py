"""Settings for Bangkom, read from the environment.

Development needs no environment at all: SQLite under ``var/``, DEBUG on, a throwaway secret.
Production (``DEBUG=false``) refuses to start without ``SECRET_KEY``.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from bangkom.core.env import env_bool, env_int, env_list, env_str, is_strong_secret

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("BANGKOM_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
DEVELOPMENT_SECRET_KEY = "bangkom-development-only-not-secret"  # noqa: S105 - development default
SECRET_KEY = env_str("SECRET_KEY", "")
if not DEBUG and not is_strong_secret(SECRET_KEY, weak=DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY wajib diisi dengan kunci acak yang kuat di lingkungan produksi (DEBUG=false): "
        "minimal 50 karakter dengan minimal 5 karakter berbeda, misalnya keluaran "
        "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
    )
SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY

# Certificates: the instansi signing keys are stored encrypted with a key derived from this
# secret (docs/certificates.md). Development (DEBUG on) derives it from SECRET_KEY when unset;
# with DEBUG off, signing refuses to run without it. It must stay the same for the life of the
# keys, and be kept apart from database backups.
CREDENTIAL_KEY_SECRET = env_str("CREDENTIAL_KEY_SECRET", "") or (
    "development:" + SECRET_KEY if DEBUG else ""
)
# The public address of this installation, as printed in certificates' QR codes and credentials
# (issuer profile, status lists). It must not change once certificates are issued.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://localhost:8000").rstrip("/")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves its Swagger UI assets locally instead of from a CDN
    "axes",
    "django_tasks",
    "django_tasks_db",
    "bangkom.core",
    "bangkom.organisation",
    "bangkom.accounts",
    "bangkom.competencies",
    "bangkom.factors",
    "bangkom.assessments",
    "bangkom.needs",
    "bangkom.regional",
    "bangkom.surveys",
    "bangkom.planning",
    "bangkom.delivery",
    "bangkom.evaluation",
    "bangkom.recognition",
    "bangkom.dashboard",
    "bangkom.api",
]
# The demo regions and their accounts (published password): installed for development, the tests
# and `make run`, not in a production installation unless asked for.
DEMO = env_bool("BANGKOM_DEMO", DEBUG)
# An audit action without a human name (bangkom.core.audit_actions) is refused in development
# and in the tests, so none reaches the audit page as a bare code.
AUDIT_ACTIONS_STRICT = env_bool("AUDIT_ACTIONS_STRICT", DEBUG)
if DEMO:
    INSTALLED_APPS.append("bangkom.demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bangkom.core.middleware.LanguageMiddleware",
    "bangkom.core.middleware.QueryGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "bangkom.core.middleware.SessionLimitMiddleware",
    "bangkom.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "bangkom.urls"
WSGI_APPLICATION = "bangkom.wsgi.application"

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
                "bangkom.accounts.context_processors.navigation",
            ],
        },
    },
]

if not env_str("DATABASE_URL", ""):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'bangkom.sqlite3'}"),
        conn_max_age=(env_bool("DB_PERSISTENT", False) and 60) or 0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes; a writer waits up to 20 s for
    # the lock (a 20,000-row import holds it for about 5 s) instead of failing after 5.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "bangkom.accounts.backends.UsernameOrNipBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out after repeated failures (django-axes), for a cool-off period: per account, whatever
# spelling of its username or NIP was typed (bangkom/accounts/lockout.py), and per address after
# many failures across accounts. The address limit is higher than the account limit because a
# whole kantor often sits behind one NAT address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, low=1, high=1000)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 30, low=1, high=100_000)
AXES_COOLOFF_TIME = float(env_str("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "bangkom.accounts.lockout.lockout_username"
AXES_HANDLER = "bangkom.accounts.lockout.AccountAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# The address counter lives in bangkom/accounts/lockout.py, not in AXES_LOCKOUT_PARAMETERS,
# because axes has one limit for all its parameters.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, low=1, high=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "bangkom@localhost")

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Seconds the plan optimiser may search when run from the UI.
PLANNING_TIME_LIMIT = env_int("PLANNING_TIME_LIMIT", 60, low=1, high=3600)

# HTTPS: on by default in production (DEBUG=false); each can be turned off from the environment,
# e.g. when a reverse proxy terminates TLS and redirects by itself, or for a demo on localhost.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int(
    "SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, low=0, high=63_072_000
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# The preload flag only consents to the browsers' list; submitting the domain is the
# instansi's own step.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("SECURE_PROXY_SSL", False):  # behind a proxy that sets X-Forwarded-Proto
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every script and style is the app's own (vendored, no CDN); style attributes carry computed
# widths (bars, heatmap cells), hence 'unsafe-inline' for styles only.
CONTENT_SECURITY_POLICY = env_str(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
# A session lasts a working day at most, and ends after two hours without a request.
SESSION_MAX_AGE_SECONDS = env_int("SESSION_MAX_AGE_SECONDS", 10 * 3600, low=300, high=30 * 86400)
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 2 * 3600, low=60, high=30 * 86400)
SESSION_COOKIE_AGE = SESSION_MAX_AGE_SECONDS
# The language switch's choice is remembered for a year.
LANGUAGE_COOKIE_AGE = 365 * 86400

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
AXES_LOCKOUT_CALLABLE = "bangkom.accounts.views.locked_out"
