"""Settings shared by every environment. Everything configurable comes from the environment."""

from pathlib import Path
from typing import Any

import environ

from putright.config.storage import default_storage
from putright.core.logs import logging_config

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

# Safe to serve: one data location. The SQLite database, uploads and generated reports live
# in PUTRIGHT_VAR_DIR (default /var/lib/putright; the development settings use the
# checkout's var/), never in the current directory, so every command sees the same data.
VAR_DIR = Path(env.str("PUTRIGHT_VAR_DIR", default="/var/lib/putright")).resolve()
# `putright COMMAND` refuses a missing or unmigrated database (putright/__main__.py).
PUTRIGHT_CHECK_DATABASE = True

# Refused in production (putright/core/checks.py).
DEVELOPMENT_SECRET_KEY = "insecure-development-key-change-me"  # noqa: S105 - refused
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
PUTRIGHT_PRODUCTION = False
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Safe to serve: first, so its `createsuperuser` (which gives a role) replaces Django's.
    "putright.complaints",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "putright.core",
    "putright.accounts",
    "putright.organisation",
    "putright.ombudsman",
    "putright.audit",
    "putright.imports",
    "putright.statistics",
    "putright.reporting",
    "putright.api",
    "putright.notifications",
    # django-ninja's templates and static files, so the API docs need no CDN.
    "ninja",
]

MIDDLEWARE = [
    # Safe to serve: first, so every response (redirects too) carries its request id.
    "putright.core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "putright.organisation.middleware.CouncilMiddleware",
]

ROOT_URLCONF = "putright.config.urls"
# Safe to serve: a branded page, not Django's, when a form's CSRF check fails.
CSRF_FAILURE_VIEW = "putright.config.views.csrf_failure"
WSGI_APPLICATION = "putright.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "putright.organisation.context_processors.council",
            ],
        },
    },
]


def database_settings(var_dir: Path) -> dict[str, dict[str, Any]]:
    """DATABASE_URL, or SQLite in the data folder (WAL, immediate write transactions)."""
    databases = {
        "default": env.db_url(
            "DATABASE_URL", default=f"sqlite:///{var_dir / 'putright.sqlite3'}"
        )
    }
    if databases["default"]["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the dashboard read while an import writes; IMMEDIATE avoids lock upgrades.
        databases["default"].setdefault("OPTIONS", {}).update(
            {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; "
                    "PRAGMA cache_size=-200000; PRAGMA temp_store=MEMORY;"
                ),
                "transaction_mode": "IMMEDIATE",
            }
        )
    databases["default"]["ATOMIC_REQUESTS"] = False
    return databases


DATABASES = database_settings(VAR_DIR)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login lockout (django-axes): five failures lock the username for 30 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5
# Lock by username only: council staff often share one proxy address, so locking an
# address would lock out a whole office after one person's mistakes.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "en-gb"
# Welsh councils offer their services in Welsh; the staff app stays in English.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
# The catalogues travel inside the package (`make messages` refreshes them).
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
# Never served: attachments and reports are downloaded through the app after the
# case-scope check (safe to serve; see docs/running/serving.md).
MEDIA_URL = "/media/"
STORAGES = {
    "default": default_storage(env),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="complaints@council.example")
# Safe to serve: the council's mail relay (reminders, password reset).
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 30
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Reminders (`putright send-reminders`): email by default, or GOV.UK Notify
# ("putright.notifications.backends.NotifyBackend" with the `notify` extra installed).
PUTRIGHT_NOTIFICATION_BACKEND = env.str(
    "PUTRIGHT_NOTIFICATION_BACKEND",
    default="putright.notifications.backends.EmailBackend",
)
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
NOTIFY_EMAIL_TEMPLATE_ID = env.str("NOTIFY_EMAIL_TEMPLATE_ID", default="")
# The address links in reminder emails point to.
PUTRIGHT_BASE_URL = env.str("PUTRIGHT_BASE_URL", default="http://127.0.0.1:8000")
# Working days the complainant has to ask for the next stage (shown in response letters).
PUTRIGHT_ESCALATION_WINDOW_WORKING_DAYS = env.int(
    "PUTRIGHT_ESCALATION_WINDOW_WORKING_DAYS", default=20
)

# Content security policy: no inline script; charts' data arrive as JSON script elements.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Background tasks (django-tasks). The immediate backend runs a task in-process as soon as it
# is queued (demo, tests, one-machine installs); a council running a worker sets
# TASKS_BACKEND to a queue backend such as django-tasks-db's and runs its worker command.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Safe to serve: JSON lines with the request id and user id, no personal data (LOG_FORMAT
# "json" or "text").
LOGGING = logging_config(
    level=env.str("LOG_LEVEL", default="WARNING"),
    fmt=env.str("LOG_FORMAT", default="json"),
)

AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
