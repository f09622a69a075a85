"""`putright export --out DIR [--format csv|xlsx]`, and `putright export --everything --out DIR`.

Without --everything this is the imports app's command, unchanged (contacts.csv and
ombudsman.csv); this app is listed before imports so its version of the command is the one run.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from putright.imports.management.commands.export import Command as InterchangeExport
from putright.transfer.everything import TransferError, export_everything


class Command(InterchangeExport):
    help = (
        InterchangeExport.help
        + " With --everything: the whole record (people, organisation, cases, letters, "
        "files, Ombudsman cases, audit events...) as documented in "
        "docs/export-everything.md, which `putright import DIR` loads into an empty database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--everything",
            action="store_true",
            help="export every record and stored file (docs/export-everything.md)",
        )

    def handle(self, *args: object, **options: object) -> None:
        if not options["everything"]:
            super().handle(*args, **options)
            return
        out = Path(str(options["out"]))
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out {out} is a file: give a folder to write into.")
        try:
            result = export_everything(out=out)
        except TransferError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                f"Cannot write the export to {out}: {error.strerror}."
            ) from error
        self.stdout.write(result.summary(f"Exported to {out}:"))
        self.stdout.write("The folder holds personal data: keep it safe.")
