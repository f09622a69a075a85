"""`putright send_reminders`: run from cron every few minutes; each reminder goes once.

The emails are sent by the worker (`putright db_worker`), which retries a failed send.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from putright.notifications.services import reminders_send


class Command(BaseCommand):
    help = (
        "Send deadline reminders to officers, overdue escalations to managers and the "
        "weekly summary to the complaints team. Safe to run repeatedly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be sent; send nothing.",
        )
        parser.add_argument(
            "--date", help="Run as if today were this date (YYYY-MM-DD), for testing."
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(
                    f"--date must be a date like 2026-03-02, not {options['date']!r}."
                ) from error
        run = reminders_send(today=today, dry_run=options["dry_run"])
        verb = "Would send" if options["dry_run"] else "Sent"
        total = sum(run.sent.values())
        self.stdout.write(
            f"{verb} {total} reminder{'s' if total != 1 else ''} in {run.emails} "
            f"email{'s' if run.emails != 1 else ''}; {run.skipped} already sent."
        )
        for kind, count in sorted(run.sent.items()):
            self.stdout.write(f"  {kind}: {count}")
        if run.queued:
            self.stdout.write(
                f"{run.queued} email{'s are' if run.queued != 1 else ' is'} queued: "
                "the worker (putright db_worker) sends them."
            )
        if run.retried:
            self.stdout.write(
                f"{run.retried} email{'s' if run.retried != 1 else ''} that failed "
                "before queued again."
            )
        if run.failed:
            raise CommandError(
                f"{run.failed} reminders failed; they will be retried on the next run. "
                "The reason is under Notification emails in the admin."
            )
