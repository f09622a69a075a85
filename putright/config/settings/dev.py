"""Settings for a laptop and for `make demo`: debug on, email to the console."""

from putright.config.settings.base import *  # noqa: F403
from putright.config.settings.base import env

DEBUG = env.bool("DEBUG", default=True)
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
