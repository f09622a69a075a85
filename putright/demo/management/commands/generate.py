"""`putright generate`: synthetic interchange files of any size, for tests and benchmarks."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from putright.demo.generator import generate_rows
from putright.demo.management.commands.demo import parse_date
from putright.demo.output import FORMATS, XLSX_MAX_ROWS, write_interchange
from putright.demo.services import DEFAULT_SEED


class Command(BaseCommand):
    help = (
        "Write synthetic contacts and Ombudsman records for four financial years in the "
        "interchange format (contacts.csv and ombudsman.csv, or one XLSX workbook)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--records",
            required=True,
            help="Number of contact rows to write (a whole number, 1 or more).",
        )
        parser.add_argument(
            "--out", required=True, help="Folder to write into (created if missing)."
        )
        parser.add_argument("--seed", default=str(DEFAULT_SEED), help="Random seed.")
        parser.add_argument("--format", default="csv", help="csv (default) or xlsx.")
        parser.add_argument(
            "--today",
            default=None,
            help="Treat this date (YYYY-MM-DD) as today; nothing happens after it.",
        )

    def handle(self, *args: object, **options: object) -> None:
        records = _whole_number(str(options["records"]), "--records", minimum=1)
        seed = _whole_number(str(options["seed"]), "--seed", minimum=0)
        fmt = str(options["format"]).lower()
        if fmt not in FORMATS:
            raise CommandError(f"--format {fmt!r} is not known: use csv or xlsx.")
        if fmt == "xlsx" and records > XLSX_MAX_ROWS:
            raise CommandError(
                f"An XLSX worksheet holds at most {XLSX_MAX_ROWS:,} rows: "
                "use --format csv for more records."
            )
        today = (
            parse_date(str(options["today"]))
            if options["today"]
            else timezone.localdate()
        )
        out = Path(str(options["out"]))
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out {out} is a file: give a folder to write into.")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(
                f"Cannot create the folder {out}: {exc.strerror}."
            ) from None
        started = time.perf_counter()
        contacts, ombudsman = generate_rows(records, seed, today)
        show = records >= 100_000

        def progress(name: str, count: int) -> None:
            elapsed = time.perf_counter() - started
            print(f"{name}: {count:,} rows written ({elapsed:.0f} s)", file=sys.stderr)

        try:
            written = write_interchange(
                contacts=contacts,
                ombudsman=ombudsman,
                out=out,
                fmt=fmt,
                progress=progress if show else None,
            )
        except OSError as exc:
            raise CommandError(f"Cannot write to {out}: {exc.strerror}.") from None
        seconds = time.perf_counter() - started
        paths = [str(v) for k, v in written.items() if k.endswith("_path")]
        self.stdout.write(
            f"Wrote {written['contacts']:,} contact rows and {written['ombudsman']:,} "
            f"Ombudsman rows to {', '.join(paths)} in {seconds:.1f} seconds."
        )


def _whole_number(text: str, option: str, *, minimum: int) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise CommandError(f"{option} {text!r} is not a whole number.") from None
    if value < minimum:
        raise CommandError(f"{option} must be {minimum} or more, not {value}.")
    return value
