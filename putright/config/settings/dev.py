"""Settings for a laptop and for `make demo`: debug on, email to the console."""

from putright.config.settings.base import *  # noqa: F403
from putright.config.settings.base import INSTALLED_APPS, env

# The demo council generator is a development tool: never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "putright.demo"]

DEBUG = env.bool("DEBUG", default=True)
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
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
