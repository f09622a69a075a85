"""`putright demo`: the demo council with four years of records, loaded through the importer."""

from __future__ import annotations

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from putright.demo.services import (
    DEFAULT_SEED,
    DemoError,
    demo_has_cases,
    demo_load,
)


def parse_date(text: str) -> dt.date:
    """A YYYY-MM-DD date, or a clear message."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"--today {text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-22."
        ) from None


class Command(BaseCommand):
    help = "Load the demo council (settings, teams and four years of records)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Random seed (same seed, same data).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds cases.",
        )
        parser.add_argument(
            "--records",
            type=int,
            default=None,
            help="Contact rows to load (default: the demo council's own volume, "
            "about 23,000 over four years). Smaller is quicker for trying things out.",
        )
        parser.add_argument(
            "--today",
            default=None,
            help="Treat this date (YYYY-MM-DD) as today; nothing happens after it.",
        )

    def handle(self, *args: object, **options: object) -> None:
        today = (
            parse_date(str(options["today"]))
            if options["today"]
            else timezone.localdate()
        )
        if options["records"] is not None and options["records"] < 1:  # type: ignore[operator]
            raise CommandError("--records must be 1 or more.")
        if options["if_empty"] and demo_has_cases():
            self.stdout.write(
                "The database already holds cases: the demo was not loaded."
            )
            return
        started = time.perf_counter()
        try:
            summary = demo_load(
                seed=int(options["seed"]),  # type: ignore[call-overload]
                today=today,
                records=options["records"],  # type: ignore[arg-type]
            )
        except DemoError as exc:
            raise CommandError(f"The demo could not be loaded.\n{exc}") from None
        seconds = time.perf_counter() - started
        out = self.stdout
        out.write(self.style.SUCCESS(f"Loaded the demo council: {summary.council}."))
        out.write(summary.import_summary)
        kinds = sorted({k for counts in summary.volumes.values() for k in counts})
        width = max(len(k) for k in (*kinds, "Ombudsman: ho"))
        out.write("")
        out.write("Records received per financial year:")
        out.write(f"{'':{width}}  " + "  ".join(f"{y:>9}" for y in summary.years))
        for kind in kinds:
            cells = "  ".join(f"{summary.volumes[y][kind]:>9}" for y in summary.years)
            out.write(f"{kind:{width}}  {cells}")
        for ombudsman in ("lgsco", "ho"):
            cells = "  ".join(
                f"{summary.ombudsman[y][ombudsman]:>9}" for y in summary.years
            )
            out.write(f"{'Ombudsman: ' + ombudsman:{width}}  {cells}")
        out.write("")
        out.write(
            f"Learning actions: {summary.learning_actions}. "
            f"Stages allocated to demo staff: {summary.allocated}."
        )
        out.write(
            f"Recent cases worked through the services: {summary.today_cases}; "
            f"contacts from the front door and by email awaiting triage: {summary.public}."
        )
        out.write(
            f"Finished in {seconds:.1f} seconds. Sign in with `putright demo_users`."
        )
