"""`putright import FILE [FILE ...] [--map FILE] [--dry-run] [--progress]`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from putright.imports.mapping import Mapping, MappingError
from putright.imports.services import import_files

HELP = """\
Import contact records and Ombudsman cases from CSV or XLSX files (docs/interchange-format.md §4).

A contacts file has a "kind" column, an Ombudsman file an "ombudsman" column. XLSX
workbooks may hold sheets named "contacts" and "ombudsman", or a single sheet. The import
is all or nothing: any problem is listed as "row N, column C: value V: reason", nothing is
saved and the exit status is 1. Re-importing a file creates no duplicates: (reference,
stage) identifies a contact record and the reference an Ombudsman case.

--map FILE reads another system's export. The map is JSON, every key optional:
  {"columns": {"Case Ref": "reference", "Date Received": "received"},
   "ignore": ["Officer"],
   "values": {"outcome": {"Upheld": "upheld", "Part Upheld": "partly_upheld"}},
   "date_formats": ["%d/%m/%Y"]}
See putright/imports/README.md.
"""


class Command(BaseCommand):
    help = HELP

    def create_parser(
        self, prog_name: str, subcommand: str, **kwargs: Any
    ) -> CommandParser:
        from argparse import RawDescriptionHelpFormatter

        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files",
            nargs="+",
            type=Path,
            metavar="FILE",
            help="CSV or XLSX files to import together, all or nothing",
        )
        parser.add_argument(
            "--map",
            dest="map_file",
            type=Path,
            metavar="FILE",
            help="column map (JSON)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check and count everything, then save nothing",
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="show progress even when standard error is not a terminal",
        )

    def handle(self, *args: object, **options: object) -> None:
        mapping = None
        if options["map_file"]:
            try:
                mapping = Mapping.load(options["map_file"])  # type: ignore[arg-type]
            except MappingError as error:
                raise CommandError(str(error), returncode=2) from error
        progress = bool(options["progress"]) or sys.stderr.isatty()
        try:
            result = import_files(
                list(options["files"]),  # type: ignore[call-overload]
                mapping=mapping,
                dry_run=bool(options["dry_run"]),
                progress=progress,
            )
        except DatabaseError as error:
            raise CommandError(
                f"The import stopped and nothing was saved: {error}"
            ) from error
        if not result.ok:
            self.stderr.write(result.summary())
            raise SystemExit(1)
        self.stdout.write(result.summary())
