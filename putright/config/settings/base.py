"""Settings shared by every environment. Everything configurable comes from the environment."""

from pathlib import Path

import environ

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

# Where the SQLite database, uploads and generated reports live. Defaults to ./var/ in the
# directory the command is run from, so `make demo` keeps its data beside the checkout.
VAR_DIR = Path(env.str("PUTRIGHT_VAR_DIR", default=str(Path.cwd() / "var"))).resolve()

SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
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
    "putright.complaints",
    "putright.ombudsman",
    "putright.audit",
    "putright.imports",
    "putright.statistics",
    "putright.reporting",
    "putright.api",
    "putright.notifications",
    # Published versions of case text (issue 10, data protection).
    "putright.publication",
    # django-ninja's templates and static files, so the API docs need no CDN.
    "ninja",
]

MIDDLEWARE = [
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

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'putright.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _sqlite_name = str(DATABASES["default"].get("NAME", ""))
    if _sqlite_name and _sqlite_name != ":memory:":
        # A fresh checkout has no ./var/: create the database's folder on first use.
        Path(_sqlite_name).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the dashboard read while an import writes; IMMEDIATE avoids lock upgrades.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; "
                "PRAGMA cache_size=-200000; PRAGMA temp_store=MEMORY;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False

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
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="complaints@council.example")

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
