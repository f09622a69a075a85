"""`putright read_mailbox`: run from cron or a systemd timer every few minutes.

Reads the council's IMAP mailbox (PUTRIGHT_INBOX_IMAP_*), and tries again every kept email
that failed before (from the mailbox or the forwarding address). A mailbox that cannot be
reached exits 1 with one line saying why.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from putright.inbox.imap import MailboxUnavailable, mailbox_read


class Command(BaseCommand):
    help = (
        "Read new emails from the council's mailbox into contacts awaiting triage, and "
        "try again the emails that failed before. Safe to run repeatedly."
    )

    def handle(self, *args, **options):
        try:
            run = mailbox_read()
        except MailboxUnavailable as error:
            raise CommandError(error.message) from error
        except DatabaseError as error:
            raise CommandError(
                f"The database could not be reached ({type(error).__name__}); unread "
                "emails stay in the mailbox for the next run."
            ) from error
        if not run.mailbox:
            self.stdout.write(
                "No mailbox is set up (PUTRIGHT_INBOX_IMAP_HOST); only kept emails were "
                "tried again."
            )
        else:
            self.stdout.write(
                f"Read {run.fetched} email{'s' if run.fetched != 1 else ''}: "
                f"{run.processed} processed, {run.already} processed before."
            )
        if run.retried:
            self.stdout.write(f"Tried {run.retried} kept email(s) again.")
        if run.failed:
            raise CommandError(
                f"{len(run.failed)} email(s) could not be read; they are kept and tried "
                "again on the next run. The reason is under Inbound emails in the admin."
            )
