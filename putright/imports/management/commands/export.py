"""`putright export --out DIR [--format csv|xlsx]`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

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
        result = export_write(out=options["out"], fmt=str(options["fmt"]))  # type: ignore[arg-type]
        self.stdout.write(result.summary())
