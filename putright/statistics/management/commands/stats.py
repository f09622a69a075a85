"""`putright stats`: the §5 statistics as readable tables, or as JSON with `--json`."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.statistics import engine
from putright.statistics.presentation import text_report
from putright.statistics.selection import selection_parse


class Command(BaseCommand):
    help = (
        "Complaint statistics for a year (or quarter), optionally one service or team. "
        "Same figures as the dashboard and the API."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year",
            help="Financial year, e.g. 2022/2023 or 2022/23 (default: the latest with "
            "complaints).",
        )
        parser.add_argument("--quarter", help="Q1, Q2, Q3 or Q4 (default: whole year).")
        parser.add_argument("--directorate", help="Service name or id (default: all).")
        parser.add_argument("--team", help="Team name or id within the service.")
        parser.add_argument(
            "--json", action="store_true", help="Print the figures as JSON."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        parsed = selection_parse(
            year=options["year"],
            quarter=options["quarter"],
            directorate=options["directorate"],
            team=options["team"],
        )
        if parsed.selection is None:
            raise CommandError(parsed.message, returncode=2)
        selection = parsed.selection
        stats = engine.statistics_for(
            period=selection.period,
            directorate=selection.directorate,
            team=selection.team,
        )
        if options["json"]:
            self.stdout.write(json.dumps(stats, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(text_report(stats), ending="")
