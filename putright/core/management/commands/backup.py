"""`putright backup --out FILE`: a consistent copy of the SQLite database, safe while serving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.core.backup import BackupRefused, sqlite_backup
from putright.core.database import sqlite_path

PG_DUMP_HINT = (
    "This installation uses PostgreSQL: back it up with pg_dump, for example "
    "`pg_dump -Fc --file=/var/backups/putright/putright-$(date +%F).dump putright`, "
    "and restore with pg_restore (docs/running/serving.md)."
)


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to FILE with SQLite's online backup, consistent while "
        "the app runs. The copy holds personal data: keep it as safe as the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, required=True, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        source = sqlite_path()
        if source is None:
            raise CommandError(PG_DUMP_HINT, returncode=2)
        try:
            result = sqlite_backup(source=source, out=Path(options["out"]))
        except BackupRefused as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(result.summary())
