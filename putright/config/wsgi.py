"""WSGI entry point for gunicorn: production settings unless development is asked for."""

import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

from putright.core.environment import EnvironmentProblem, configure

# gunicorn stops, rather than restarting workers for ever, when a worker exits with this.
WORKER_BOOT_ERROR = 3

try:
    configure()
except EnvironmentProblem as error:
    sys.stderr.write(f"{error}\n")
    sys.exit(WORKER_BOOT_ERROR)

try:
    application = get_wsgi_application()
except ImproperlyConfigured as error:
    sys.stderr.write(f"putright will not serve with these settings: {error}\n")
    sys.exit(WORKER_BOOT_ERROR)

from putright.core.checks import production_errors  # noqa: E402 - needs Django set up

_problems = production_errors()
if _problems:
    sys.stderr.write(
        "putright will not serve with these settings:\n" + "\n".join(_problems) + "\n"
    )
    sys.exit(WORKER_BOOT_ERROR)
