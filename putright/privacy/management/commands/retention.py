"""`putright retention [--dry-run]`: anonymise the cases past their retention period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.complaints.constants import Kind
from putright.privacy.models import LegalHold
from putright.privacy.retention import (
    RetentionResult,
    retention_apply,
    retention_policies,
    retention_policy_set,
)


def _policy(text: str) -> tuple[str, int]:
    kind, _, years = text.partition("=")
    try:
        return kind.strip(), int(years)
    except ValueError:
        raise CommandError(
            f"--set-policy {text!r} is not KIND=YEARS: write it like complaint=6.",
            returncode=2,
        ) from None


class Command(BaseCommand):
    help = (
        "Anonymise every case past its retention period (default 6 years after "
        "closure) and not under a legal hold; statistics stay the same. Safe to run "
        "every night."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be anonymised, and change nothing.",
        )
        parser.add_argument(
            "--today", help="Treat this date (YYYY-MM-DD) as today (for testing)."
        )
        parser.add_argument(
            "--set-policy",
            action="append",
            default=[],
            metavar="KIND=YEARS",
            help="Set how long a kind of contact is kept, e.g. complaint=6 "
            "(repeatable; nothing is anonymised in the same call).",
        )
        parser.add_argument(
            "--show-policy", action="store_true", help="Print the policy and stop."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["set_policy"]:
            wanted = [_policy(text) for text in options["set_policy"]]
            for kind, years in wanted:  # check every one before changing any
                if kind not in Kind.values or not 1 <= years <= 100:
                    raise CommandError(
                        f"--set-policy {kind}={years}: the kind must be one of "
                        f"{', '.join(Kind.values)} and the years between 1 and 100.",
                        returncode=2,
                    )
            for kind, years in wanted:
                retention_policy_set(kind=kind, years=years, by=None)
        if options["set_policy"] or options["show_policy"]:
            for kind, years in sorted(retention_policies().items()):
                self.stdout.write(f"{Kind(kind).label}: kept {years} years")
            return
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today {options['today']!r} is not a date: write it as "
                    "YYYY-MM-DD, e.g. 2026-11-22.",
                    returncode=2,
                ) from None
        result = retention_apply(today=today, dry_run=options["dry_run"])
        self.stdout.write(self._report(result), ending="")

    def _report(self, result: RetentionResult) -> str:
        counts = result.counts()
        verb = "Would anonymise" if result.dry_run else "Anonymised"
        lines = [
            f"Retention on {counts['today']}"
            + (" (dry run: nothing changed)" if result.dry_run else ""),
            f"{verb} {counts['expired']} cases past their retention period.",
        ]
        lines.append(
            f"Files {'to remove' if result.dry_run else 'removed'}: "
            f"{counts['files_removed']}."
        )
        held = counts["held"]
        lines.append(f"Held back: {sum(held.values())}.")
        for reason, count in sorted(held.items()):
            lines.append(f"  {LegalHold.Reason(reason).label}: {count}")
        lines += [
            f"Not yet due: {counts['not_due']}. Still open: {counts['still_open']}. "
            f"Anonymised before: {counts['already_anonymised']}.",
        ]
        if result.run is not None:
            lines.append(f"Disposal log: run {result.run.pk}.")
        return "\n".join(lines) + "\n"
