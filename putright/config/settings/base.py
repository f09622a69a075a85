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
    # Data protection: retention, legal holds, subject access (issue 10).
    "putright.privacy",
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

# Sign-in throttling (django-axes) is configured with the rest of sign-in, at the end.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

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
