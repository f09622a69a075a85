"""`putright pending_uploads_purge [--hours N]`: remove documents of abandoned public forms.

Documents chosen on the complaint form wait as pending uploads until the resident presses
Send. Each new upload already removes those older than a day; run this daily (with
`clearsessions`) so that files of abandoned forms go even when nobody uploads again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.public.services import PENDING_UPLOAD_HOURS, pending_uploads_purge


class Command(BaseCommand):
    help = "Remove the documents of complaint forms abandoned before Send, with their files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hours",
            default=str(PENDING_UPLOAD_HOURS),
            help=f"Older than this many hours (default {PENDING_UPLOAD_HOURS}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            hours = int(options["hours"])
        except ValueError:
            hours = 0
        if hours < 1:
            raise CommandError(
                f"--hours must be a whole number of 1 or more, not {options['hours']!r}."
            )
        removed = pending_uploads_purge(hours=hours)
        self.stdout.write(f"{removed} pending document(s) removed.")
