"""`putright import FILE ...` (the imports app's command), and `putright import DIR`.

A folder written by `putright export --everything` is loaded whole into an empty database
(docs/export-everything.md); anything else goes to the imports app's command, unchanged.
"""

from __future__ import annotations

import importlib
import tempfile
from pathlib import Path

from django.core.management.base import CommandError
from django.db import DatabaseError

from putright.transfer.everything import (
    TransferError,
    import_everything,
    is_everything_folder,
    is_everything_zip,
    zip_unpack,
)

# "import" is a keyword, so the module is loaded by name.
InterchangeImport = importlib.import_module(
    "putright.imports.management.commands.import"
).Command


class Command(InterchangeImport):  # type: ignore[misc,valid-type]
    help = (
        InterchangeImport.help
        + "\nA folder written by `putright export --everything`, or the zip of one that "
        "the app's Export everything page gives, is loaded whole into an empty database "
        "(docs/export-everything.md); given with other files, or into a database that "
        "holds records, it is refused.\n"
    )

    def handle(self, *args: object, **options: object) -> None:
        files = [Path(str(f)) for f in options["files"]]  # type: ignore[attr-defined]
        folders = [f for f in files if f.is_dir() or is_everything_zip(f)]
        if not folders:
            super().handle(*args, **options)
            return
        if len(files) > 1 or options["map_file"] or options["dry_run"]:
            raise CommandError(
                "An export folder is imported on its own, with no --map or --dry-run: "
                f"putright import {folders[0]}"
            )
        if folders[0].is_file():
            with tempfile.TemporaryDirectory(prefix="putright-import-") as scratch:
                try:
                    folder = zip_unpack(folders[0], Path(scratch))
                except TransferError as error:
                    raise CommandError(str(error)) from error
                self._everything(folder, shown=folders[0])
            return
        self._everything(folders[0], shown=folders[0])

    def _everything(self, folder: Path, *, shown: Path) -> None:
        if not is_everything_folder(folder):
            raise CommandError(
                f"{folder} is a folder without a manifest.json: give the folder written "
                "by `putright export --everything`, or CSV or XLSX files."
            )
        try:
            result = import_everything(folder=folder)
        except TransferError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(
                f"The import stopped and nothing was saved: {error}"
            ) from error
        self.stdout.write(result.summary(f"Imported from {shown}:"))
