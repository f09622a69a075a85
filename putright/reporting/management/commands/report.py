"""`putright report`: write the annual complaints report, or a quarterly or half-year one,
to a file."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.accounts.models import User
from putright.reporting.generation import report_generate
from putright.reporting.parameters import (
    AUDIENCES,
    FORMATS,
    ReportError,
    report_parameters,
)


class Command(BaseCommand):
    help = (
        "Write the annual complaints performance and service improvement report for a "
        "year, or a quarterly or half-year report (--period), as HTML, PDF, Word or "
        "Excel."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="e.g. 2022/2023")
        parser.add_argument(
            "--period",
            help="part of the year: Q1 to Q4 for a quarterly report, H1 or H2 for a "
            "half-year report (default: the whole year)",
        )
        parser.add_argument("--directorate", help="one directorate (default: all)")
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="pdf")
        parser.add_argument("--output", required=True, help="file to write")
        parser.add_argument(
            "--audience",
            choices=AUDIENCES,
            default="public",
            help="public (default: small numbers suppressed, no case details) or "
            "internal",
        )
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help="generate as this user, with their role's access (the internal version "
            "only for the complaints team, or a manager's own directorate); without it "
            "the command runs as the complaints team",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        if output.parent and not output.parent.exists():
            raise CommandError(f"Folder {str(output.parent)!r} does not exist.")
        user = None
        if options["as_user"]:
            user = User.objects.filter(
                username=options["as_user"], is_active=True
            ).first()
            if user is None:
                raise CommandError(
                    f"There is no active user called {options['as_user']!r}."
                )
        try:
            parameters = report_parameters(
                year=options["year"],
                period=options["period"],
                directorate=options["directorate"],
                fmt=options["fmt"],
                audience=options["audience"],
                user=user,
            )
        except ReportError as error:
            raise CommandError(str(error)) from error
        started = time.monotonic()
        verbose = options["verbosity"] > 1 or sys.stderr.isatty()

        def progress(percent: int, message: str) -> None:
            if verbose:
                self.stderr.write(f"{percent:3d}%  {message}")

        content = report_generate(parameters=parameters, progress=progress)
        output.write_bytes(content)
        self.stdout.write(
            f"Wrote {output} ({len(content):,} bytes, {parameters.fmt}, "
            f"{parameters.audience}) in {time.monotonic() - started:.1f} s."
        )
