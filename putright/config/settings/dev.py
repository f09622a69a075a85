"""Settings for a laptop and for `make demo`: debug on, email to the file outbox."""

from pathlib import Path

from putright.config.settings.base import *  # noqa: F403
from putright.config.settings.base import (
    INSTALLED_APPS,
    PACKAGE_DIR,
    database_settings,
    env,
    logging_config,
)

# The demo council generator is a development tool: never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "putright.demo"]

DEBUG = env.bool("DEBUG", default=True)
# Each email is written to var/outbox/ as an .eml file (putright.notifications.outbox) and
# listed on the staff page /emails/.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="putright.notifications.outbox.OutboxBackend"
)

# Sign-in: `make demo` lets a person try every role without an authenticator app. The
# sign-in page says the second factor is off; production settings cannot switch it off.
PUTRIGHT_SECOND_FACTOR_REQUIRED = env.bool(
    "PUTRIGHT_SECOND_FACTOR_REQUIRED", default=False
)

# Safe to serve: the data folder is the checkout's var/ (where `make demo` keeps it),
# whichever directory a command runs from.
VAR_DIR = Path(env.str("PUTRIGHT_VAR_DIR", default=str(PACKAGE_DIR.parent / "var")))
VAR_DIR = VAR_DIR.resolve()
DATABASES = database_settings(VAR_DIR)
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
LOGGING = logging_config(
    level=env.str("LOG_LEVEL", default="WARNING"),
    fmt=env.str("LOG_FORMAT", default="text"),
)

# Background work: `make demo` runs without a worker process, so a queued task runs at
# once, inside the request that queued it (a demo council's report takes seconds). Set
# TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `putright db_worker` to try the queue.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default="django_tasks.backends.immediate.ImmediateBackend",
        )
    }
}
