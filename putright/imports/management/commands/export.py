"""`putright export --out DIR [--format csv|xlsx]`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.imports.exports import FORMATS, export_write


class Command(BaseCommand):
    help = (
        "Export every contact record and Ombudsman case as interchange files "
        "(contacts.csv and ombudsman.csv, or one XLSX workbook) that import again "
        "unchanged. The files hold personal data: keep them safe."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, required=True, metavar="DIR")
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="csv")

    def handle(self, *args: object, **options: object) -> None:
        out = Path(str(options["out"]))
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out {out} is a file: give a folder to write into.")
        try:
            result = export_write(out=out, fmt=str(options["fmt"]))
        except OSError as error:
            raise CommandError(
                f"Cannot write the export to {out}: {error.strerror}."
            ) from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(result.summary())
