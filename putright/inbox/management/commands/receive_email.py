"""`putright receive_email`: one message on standard input, from an MTA's pipe transport.

Postfix: `council-complaints: "| /usr/local/bin/putright receive_email"` (docs/running/
email-in.md). The exit status tells the MTA what to do: 0 once the message is kept (even
if reading it failed: it is tried again by `read_mailbox`), 75 (try later) when it could not
be kept, so the MTA queues it and nothing is lost.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from putright.inbox.models import InboundMessage
from putright.inbox.services import inbound_process, inbound_store

EX_DATAERR = 65
EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = (
        "Read one email (RFC 822) on standard input and log it as a contact awaiting "
        "triage, or add it to its case. For a mail server's pipe delivery."
    )

    def handle(self, *args, **options):
        raw = sys.stdin.buffer.read()
        if not raw.strip():
            raise CommandError("No email on standard input.", returncode=EX_DATAERR)
        try:
            message, _created = inbound_store(
                raw, source=InboundMessage.Source.FORWARDED
            )
        except (DatabaseError, OSError) as error:
            raise CommandError(
                f"The email could not be kept ({type(error).__name__}); the mail server "
                "will deliver it again later.",
                returncode=EX_TEMPFAIL,
            ) from error
        if message.status != InboundMessage.Status.PROCESSED:
            try:
                message = inbound_process(message)
            except DatabaseError:
                # Kept: `read_mailbox` reads it when the database is back.
                self.stderr.write(
                    f"Email {message.pk} is kept; the database failed while reading it."
                )
                return
        if message.status == InboundMessage.Status.PROCESSED:
            where = f" ({message.case.reference})" if message.case else ""
            self.stdout.write(
                f"Email {message.pk} {message.get_outcome_display().lower()}{where}."
            )
        else:
            # Kept: exit 0 so the mail server does not bounce it to the resident.
            self.stderr.write(
                f"Email {message.pk} is kept but could not be read: {message.error}"
            )
