"""`putright import_benchmarks FILE --kind KIND`: the Ombudsmen's figures for many
authorities (docs/interchange-format.md §4.4), for similar-authority comparisons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.statistics.benchmarks import KINDS, BenchmarkFileError, import_benchmarks


class Command(BaseCommand):
    help = (
        "Import similar-authority benchmark data: a §4.4 file of the LGSCO's or the "
        "Housing Ombudsman's figures (--kind lgsco or ho), or the Housing Ombudsman's "
        "per-finding data (--kind ho_findings; CSV, optionally gzipped). All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file (.csv or .csv.gz).")
        parser.add_argument(
            "--kind",
            choices=KINDS,
            help="What the file holds (default: told from its columns).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            result = import_benchmarks(path, options["kind"])
        except BenchmarkFileError as exc:
            for problem in exc.problems[:200]:
                self.stderr.write(problem)
            if len(exc.problems) > 200:
                self.stderr.write(f"... and {len(exc.problems) - 200:,} more problems.")
            raise CommandError(
                f"{path.name}: not imported ({len(exc.problems):,} problems); "
                "nothing was changed."
            ) from None
        self.stdout.write(result.summary())
