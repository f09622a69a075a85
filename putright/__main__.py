"""The `putright` console command: Django's management commands from any directory."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["putright", *sys.argv[1:]])


if __name__ == "__main__":
    main()
