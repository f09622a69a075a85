"""`putright fail_stalled_work [--minutes N]`: give a message for work a stopped worker left.

Run from cron or the putright-stalled-work timer every 15 minutes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.core.tasks import runs_stalled_fail


class Command(BaseCommand):
    help = (
        "Mark failed the report runs, deadline recalculations and web imports left "
        "running by a worker that stopped mid-task, so their pages say so."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--minutes",
            default="120",
            help="Running for longer than this without progress (default 120).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            minutes = int(options["minutes"])
        except ValueError:
            minutes = 0
        if minutes < 1:
            raise CommandError(
                f"--minutes must be a whole number of 1 or more, not {options['minutes']!r}."
            )
        failed = runs_stalled_fail(older_than=dt.timedelta(minutes=minutes))
        for name, count in sorted(failed.items()):
            self.stdout.write(f"{count} stalled {name} marked failed.")
