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
    # Background work: django-tasks and its database queue (see the TASKS setting).
    "django_tasks",
    "django_tasks_db",
    "putright.core",
    "putright.accounts",
    "putright.organisation",
    "putright.ombudsman",
    "putright.audit",
    # Before imports: its `export` and `import` commands add --everything to imports'.
    "putright.transfer",
    "putright.imports",
    "putright.statistics",
    "putright.reporting",
    "putright.api",
    "putright.notifications",
    # Data protection: retention, legal holds, subject access (issue 10).
    "putright.privacy",
    # Published versions of case text (issue 10, data protection).
    "putright.publication",
    # django-ninja's templates and static files, so the API docs need no CDN.
    "ninja",
]

MIDDLEWARE = [
    # Safe to serve: first, so every response (redirects too) carries its request id.
    "putright.core.logs.RequestLogMiddleware",
    # Robustness (issue 10): Permissions-Policy, no-store on downloads and staff pages.
    "putright.core.middleware.ResponseHeadersMiddleware",
    # Robustness (issue 10): on SQLite, one transaction per writing request, retried if locked.
    "putright.core.sqlite.SqliteRetryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # English or Welsh on the public pages (the resident's choice); English elsewhere.
    "putright.public.language.PublicLanguageMiddleware",
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

TEMPLATES: list[dict[str, Any]] = [
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
                # Robustness (issue 10): the busy timeout first, so switching to WAL
                # waits too.
                "init_command": (
                    "PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; "
                    "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA cache_size=-200000; PRAGMA temp_store=MEMORY;"
                ),
                "transaction_mode": "IMMEDIATE",
            }
        )
    databases["default"]["ATOMIC_REQUESTS"] = False
    # Robustness (issue 10): keep server database connections open between requests (a
    # new PostgreSQL connection forks a server process: most of a short page's time).
    if databases["default"]["ENGINE"] != "django.db.backends.sqlite3":
        databases["default"]["CONN_MAX_AGE"] = env.int(
            "DATABASE_CONN_MAX_AGE", default=60
        )
        databases["default"]["CONN_HEALTH_CHECKS"] = True
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

# Sign-in throttling (django-axes) is configured with the rest of sign-in, at the end.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "en-gb"
# Welsh councils offer their services in Welsh; the staff app stays in English
# (putright.public.language; docs/running/languages.md).
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

# Background work (docs/running/background-work.md): report runs, calendar recomputes,
# emails and web imports are queued in the database and run by `putright db_worker`.
# Tests and `make demo` choose the immediate backend, which runs a task as soon as it is
# queued, so they need no second process.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")
    }
}

# Safe to serve: JSON lines with the request id and user id, no personal data (LOG_FORMAT
# "json" or "text").
LOGGING = logging_config(
    level=env.str("LOG_LEVEL", default="WARNING"),
    fmt=env.str("LOG_FORMAT", default="json"),
)

# --- Sign-in (issue 10): single sign-on, second factor, throttling, sessions ----------------
# docs/running/sign-in.md explains every setting and environment variable below.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "putright.signin"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "putright.signin.middleware.SignInMiddleware",
)
AUTHENTICATION_BACKENDS += ["putright.signin.oidc.SingleSignOnBackend"]
TEMPLATES[0]["OPTIONS"]["context_processors"].append(
    "putright.signin.context_processors.sign_in"
)

# Throttling: failures lock the (username, address) pair, and an address that fails for
# many different usernames (password spraying); never a username on its own, so nobody
# can lock an officer out from elsewhere.
AXES_HANDLER = "putright.signin.throttle.SignInThrottle"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("PUTRIGHT_SIGNIN_FAILURE_LIMIT", default=5)
PUTRIGHT_SIGNIN_ADDRESS_USERNAME_LIMIT = env.int(
    "PUTRIGHT_SIGNIN_ADDRESS_USERNAME_LIMIT", default=10
)
AXES_COOLOFF_TIME = env.int("PUTRIGHT_SIGNIN_LOCKOUT_MINUTES", default=30) / 60
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "putright.signin.throttle.lockout_response"
# Behind the council's reverse proxy, the client's address is the last one the proxy
# added to X-Forwarded-For; 0 (no proxy) uses the connection's address.
PUTRIGHT_TRUSTED_PROXY_COUNT = env.int("PUTRIGHT_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "putright.signin.throttle.client_address"

# Sessions: signed out after idle minutes, and after the absolute limit whatever happens.
PUTRIGHT_SESSION_IDLE_MINUTES = env.int("PUTRIGHT_SESSION_IDLE_MINUTES", default=30)
PUTRIGHT_SESSION_MAX_HOURS = env.int("PUTRIGHT_SESSION_MAX_HOURS", default=10)
SESSION_COOKIE_AGE = PUTRIGHT_SESSION_MAX_HOURS * 3600

# Second factor (TOTP) for every role that sees case data, and for administrators.
# Always on outside development; dev.py lets `make demo` switch it off and says so.
PUTRIGHT_SECOND_FACTOR_REQUIRED = True
OTP_TOTP_ISSUER = env.str("PUTRIGHT_OTP_ISSUER", default="putright")
PASSWORD_RESET_TIMEOUT = 3600  # a reset link works for one hour

# Single sign-on over OpenID Connect (mozilla-django-oidc). Off until a client id is set.
PUTRIGHT_OIDC_ISSUER = env.str("PUTRIGHT_OIDC_ISSUER", default="").rstrip("/")
OIDC_RP_CLIENT_ID = env.str("PUTRIGHT_OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("PUTRIGHT_OIDC_CLIENT_SECRET", default="")
OIDC_RP_SCOPES = env.str("PUTRIGHT_OIDC_SCOPES", default="openid email profile")
OIDC_RP_SIGN_ALGO = env.str("PUTRIGHT_OIDC_SIGN_ALGO", default="RS256")
# Endpoints come from the issuer's discovery document unless set here.
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str(
    "PUTRIGHT_OIDC_AUTHORIZATION_ENDPOINT", default=""
)
OIDC_OP_TOKEN_ENDPOINT = env.str("PUTRIGHT_OIDC_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("PUTRIGHT_OIDC_USERINFO_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("PUTRIGHT_OIDC_JWKS_ENDPOINT", default="")
PUTRIGHT_OIDC_END_SESSION_ENDPOINT = env.str(
    "PUTRIGHT_OIDC_END_SESSION_ENDPOINT", default=""
)
PUTRIGHT_OIDC_PROVIDER_LOGOUT = env.bool("PUTRIGHT_OIDC_PROVIDER_LOGOUT", default=True)
PUTRIGHT_OIDC_ROLE_MAP = env.json("PUTRIGHT_OIDC_ROLE_MAP", default={})
PUTRIGHT_OIDC_GROUPS_CLAIM = env.str("PUTRIGHT_OIDC_GROUPS_CLAIM", default="groups")
PUTRIGHT_OIDC_DIRECTORATE_CLAIM = env.str("PUTRIGHT_OIDC_DIRECTORATE_CLAIM", default="")
PUTRIGHT_OIDC_TEAM_CLAIM = env.str("PUTRIGHT_OIDC_TEAM_CLAIM", default="")
PUTRIGHT_OIDC_BUTTON_LABEL = env.str(
    "PUTRIGHT_OIDC_BUTTON_LABEL", default="Sign in with your council account"
)
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # needed to end the session at the provider
OIDC_TIMEOUT = 15
OIDC_AUTHENTICATION_CALLBACK_URL = "signin:sso_callback"
# Signing out may redirect to the provider's end-session page after a form post.
for _url in (PUTRIGHT_OIDC_ISSUER, PUTRIGHT_OIDC_END_SESSION_ENDPOINT):
    if _url.startswith("https://") or _url.startswith("http://"):
        _origin = "/".join(_url.split("/")[:3])
        _form_action = CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"]
        if _origin not in _form_action:
            _form_action.append(_origin)

AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# The public front door (issue 9): sends accepted per hour from one address and per email
# address. Counted in the cache: use a shared cache when several workers serve the site.
INSTALLED_APPS += ["putright.public"]
PUTRIGHT_PUBLIC_ADDRESS_LIMIT = env.int("PUTRIGHT_PUBLIC_ADDRESS_LIMIT", default=20)
PUTRIGHT_PUBLIC_EMAIL_LIMIT = env.int("PUTRIGHT_PUBLIC_EMAIL_LIMIT", default=5)

# Email in (issue 9): the council's mailbox read by `putright read_mailbox` (IMAP over TLS
# or STARTTLS) and the forwarding address piped to `putright receive_email`
# (docs/running/email-in.md). New contacts go to PUTRIGHT_INBOX_DIRECTORATE for triage.
INSTALLED_APPS += ["putright.inbox"]
PUTRIGHT_INBOX_IMAP_HOST = env.str("PUTRIGHT_INBOX_IMAP_HOST", default="")
PUTRIGHT_INBOX_IMAP_PORT = env.int("PUTRIGHT_INBOX_IMAP_PORT", default=0)  # 993 / 143
PUTRIGHT_INBOX_IMAP_SECURITY = env.str("PUTRIGHT_INBOX_IMAP_SECURITY", default="ssl")
PUTRIGHT_INBOX_IMAP_USER = env.str("PUTRIGHT_INBOX_IMAP_USER", default="")
PUTRIGHT_INBOX_IMAP_PASSWORD = env.str("PUTRIGHT_INBOX_IMAP_PASSWORD", default="")
PUTRIGHT_INBOX_IMAP_FOLDER = env.str("PUTRIGHT_INBOX_IMAP_FOLDER", default="INBOX")
PUTRIGHT_INBOX_IMAP_PROCESSED_FOLDER = env.str(
    "PUTRIGHT_INBOX_IMAP_PROCESSED_FOLDER", default=""
)
PUTRIGHT_INBOX_IMAP_CA_FILE = env.str("PUTRIGHT_INBOX_IMAP_CA_FILE", default="")
PUTRIGHT_INBOX_ADDRESS = env.list("PUTRIGHT_INBOX_ADDRESS", default=[])
PUTRIGHT_INBOX_DIRECTORATE = env.str("PUTRIGHT_INBOX_DIRECTORATE", default="")

# Correspondence (issue 9 item 3): letters and notices that follow casework (ADR 0009).
# Letters name the officer and give their email; with none, this complaints-team address.
INSTALLED_APPS += ["putright.correspondence"]
NOTIFY_LETTER_TEMPLATE_ID = env.str("NOTIFY_LETTER_TEMPLATE_ID", default="")
PUTRIGHT_COMPLAINTS_EMAIL = env.str(
    "PUTRIGHT_COMPLAINTS_EMAIL", default=DEFAULT_FROM_EMAIL
)
INSTALLED_APPS += ["putright.selfassessment"]
