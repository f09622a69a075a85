"""Settings for a laptop and for `make demo`: debug on, email to the console."""

from putright.config.settings.base import *  # noqa: F403
from putright.config.settings.base import INSTALLED_APPS, env

# The demo council generator is a development tool: never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "putright.demo"]

DEBUG = env.bool("DEBUG", default=True)
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)

# Sign-in: `make demo` lets a person try every role without an authenticator app. The
# sign-in page says the second factor is off; production settings cannot switch it off.
PUTRIGHT_SECOND_FACTOR_REQUIRED = env.bool(
    "PUTRIGHT_SECOND_FACTOR_REQUIRED", default=False
)
