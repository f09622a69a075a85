"""The `putright` console command: Django's management commands from any directory.

It runs the production settings unless development is asked for (`PUTRIGHT_ENV=development`
or DJANGO_SETTINGS_MODULE), reads the council's env file, and refuses to run a command
against a missing or empty database (which SQLite would otherwise create on the spot).
"""

import sys

# Commands that may run before the database exists or has any tables: they create it,
# inspect the installation, or touch no data at all.
WITHOUT_DATABASE = frozenset(
    {
        "help",
        "version",
        "check",
        "migrate",
        "setup",
        "demo",
        "collectstatic",
        "makemigrations",
        "makemessages",
        "compilemessages",
        "generate",  # the demo generator writes interchange files, not the database
        "diffsettings",
    }
)
# Of those, the ones that create the database: its folder is made for them.
CREATES_DATABASE = frozenset({"migrate", "setup", "demo"})


def _fail(message: str, status: int = 2) -> None:
    sys.stderr.write(f"{message}\n")
    sys.exit(status)


def _prepare_database(command: str) -> None:
    from django.conf import settings
    from django.core.management import get_commands

    from putright.core.database import database_problem, sqlite_path

    if command not in get_commands() or not settings.PUTRIGHT_CHECK_DATABASE:
        return  # an unknown command (Django says so), or the test settings

    path = sqlite_path()
    if command in CREATES_DATABASE:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        return
    if command in WITHOUT_DATABASE:
        return
    problem = database_problem()
    if problem:
        _fail(problem)


def main() -> None:
    from django.core.exceptions import ImproperlyConfigured

    from putright.core.environment import EnvironmentProblem, configure

    try:
        configure()
    except EnvironmentProblem as error:
        _fail(str(error))
    args = sys.argv[1:]
    # `putright send-reminders` runs the `send_reminders` command.
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    command = args[0] if args and not args[0].startswith("-") else "help"

    import django
    from django.core.management import execute_from_command_line

    try:
        django.setup()
        _prepare_database(command)
    except ImproperlyConfigured as error:
        _fail(f"The settings are not usable: {error}")
    from putright.organisation.errors import CouncilNotSetUp

    try:
        execute_from_command_line(["putright", *args])
    except CouncilNotSetUp as error:
        # A command that needs the council on an installation not yet set up.
        _fail(str(error))


if __name__ == "__main__":
    main()
