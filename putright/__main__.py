"""The `putright` console command: Django's management commands from any directory."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.config.settings.dev")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    # `putright send-reminders` runs the `send_reminders` command.
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    from putright.organisation.errors import CouncilNotSetUp

    try:
        execute_from_command_line(["putright", *args])
    except CouncilNotSetUp as error:
        # A command that needs the council on an installation not yet set up.
        sys.stderr.write(f"{error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
