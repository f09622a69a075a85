"""Settings for the test suite: fast hashing, in-memory email, lockout kept on."""

from putright.config.settings.base import *  # noqa: F403
from putright.config.settings.base import INSTALLED_APPS

# The demo council generator is a development tool: never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "putright.demo"]

DEBUG = False
# pytest-django creates and migrates its own test database; the configured one is unused.
PUTRIGHT_CHECK_DATABASE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Sign-in: most tests sign in with force_login; the sign-in tests turn the second factor
# on themselves (putright/signin/tests/, tests/browser/test_sign_in.py).
PUTRIGHT_SECOND_FACTOR_REQUIRED = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# WhiteNoise serves from the finders in tests; there is no collected static directory.
import warnings  # noqa: E402

warnings.filterwarnings(
    "ignore", message="No directory at", module="django.core.handlers"
)

# Background work: a queued task runs at once, in the test's process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
