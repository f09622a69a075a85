"""Email in: keep each message first, then make it a contact or add it to its case.

`inbound_store` writes the raw bytes and an `InboundMessage` before anything parses them;
`inbound_process` reads the message in one transaction and marks it processed, or, if
anything fails, rolls back and marks it failed with a message: `inbound_retry` (run by
`putright read_mailbox`) tries it again. A Message-ID already processed does nothing.
Once a case holds the original, the inbox's own copy of the bytes is deleted.
"""

from __future__ import annotations

import email.utils
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext

from putright.complaints import follow
from putright.complaints.constants import Language
from putright.complaints.models import Case, Procedure
from putright.complaints.services import (
    case_email_reply_add,
    case_receive_email,
    procedure_corporate_default,
)
from putright.complaints.services.intake import EMAIL_ORIGINAL_NAME
from putright.complaints.services.references import references_in
from putright.core.errors import ServiceError
from putright.inbox import parsing
from putright.inbox.models import InboundMessage
from putright.notifications.models import NotificationLog
from putright.notifications.services import public_email_queue
from putright.organisation.models import Council, Directorate

logger = logging.getLogger(__name__)
Status = InboundMessage.Status
Outcome = InboundMessage.Outcome


class InboxNotReady(ServiceError):
    """The council has not set up what a new contact needs; the message says what to set."""


@dataclass(frozen=True)
class Delivery:
    case: Case | None
    outcome: str


def _own_addresses() -> set[str]:
    """The council's own sending and receiving addresses: mail from them is a loop."""
    candidates = [
        *getattr(settings, "PUTRIGHT_INBOX_ADDRESS", []),
        settings.DEFAULT_FROM_EMAIL,
        getattr(settings, "SERVER_EMAIL", ""),
        getattr(settings, "PUTRIGHT_INBOX_IMAP_USER", ""),
    ]
    addresses = {email.utils.parseaddr(value)[1].lower() for value in candidates}
    return {address for address in addresses if "@" in address}


def inbound_store(raw: bytes, *, source: str) -> tuple[InboundMessage, bool]:
    """Keep a message's bytes before reading it: (record, created). Known keys are reused."""
    key, message_id = parsing.message_key(raw)
    existing = InboundMessage.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    message = InboundMessage(
        key=key, message_id=message_id, source=source, size=len(raw)
    )
    message.raw.save("message.eml", ContentFile(raw), save=False)
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:  # the same message arrived twice at once
        message.raw.delete(save=False)
        return InboundMessage.objects.get(key=key), False
    return message, True


def _triage_route() -> tuple[Directorate, Procedure]:
    name = getattr(settings, "PUTRIGHT_INBOX_DIRECTORATE", "")
    directorate = Directorate.objects.filter(name=name, is_active=True).first()
    if not name or directorate is None:
        raise InboxNotReady(
            "New contacts by email need a directorate: set PUTRIGHT_INBOX_DIRECTORATE to "
            "the name of the active directorate where the complaints team triages new "
            "contacts. The message is kept and tried again on the next run."
        )
    procedure = procedure_corporate_default()
    if procedure is None:
        raise InboxNotReady(
            "The council's corporate complaints procedure is not set up, so no contact "
            "can be logged (putright setup). The message is kept and tried again."
        )
    return directorate, procedure


def _uploads(
    parsed: parsing.ParsedEmail, raw: bytes
) -> tuple[list, SimpleUploadedFile]:
    documents = [
        SimpleUploadedFile(document.name or "attachment", document.content)
        for document in parsed.documents
    ]
    original = SimpleUploadedFile(EMAIL_ORIGINAL_NAME, raw, "message/rfc822")
    return documents, original


def _received(parsed: parsing.ParsedEmail):
    today = timezone.localdate()
    if parsed.sent is None:
        return today
    return min(timezone.localtime(parsed.sent).date(), today)


def _summary(parsed: parsing.ParsedEmail, mentioned: list[str]) -> str:
    # Stored on the case for staff, so written once in English like other case text.
    lines = [f"Subject: {parsed.subject or '(no subject)'}"]
    if mentioned:
        lines.append(
            f"This email mentions {', '.join(mentioned)} but did not come from that "
            "case's email address, so it was not added to it."
        )
    lines.append("")
    lines.append(parsed.text or "(The email has no text.)")
    return "\n".join(lines)


def _deliver(parsed: parsing.ParsedEmail, raw: bytes) -> Delivery:
    documents, original = _uploads(parsed, raw)
    mentioned = []
    for reference in references_in(parsed.subject):
        case = Case.objects.filter(reference__iexact=reference).first()
        if case is not None and follow.email_matches(case, parsed.sender_address):
            case_email_reply_add(
                case=case,
                text=f"Subject: {parsed.subject}\n\n{parsed.text}",
                documents=documents,
                original=original,
            )
            return Delivery(case, Outcome.REPLY)
        mentioned.append(reference)
    directorate, procedure = _triage_route()
    case = case_receive_email(
        directorate=directorate,
        procedure=procedure,
        received=_received(parsed),
        contact_name=parsed.sender_name,
        contact_email=parsed.sender_address,
        summary=_summary(parsed, mentioned),
        documents=documents,
        original=original,
    )
    return Delivery(case, Outcome.NEW_CONTACT)


def _reply_text(language: str, outcome: str, values: dict[str, str]) -> tuple[str, str]:
    """The auto-reply's subject and body in one language."""
    with translation.override(language):
        if outcome == Outcome.REPLY:
            subject = gettext("Your email is added to your case %(reference)s")
            lead = gettext(
                "Thank you for your email. We have added it to your case, reference "
                "%(reference)s, and the person dealing with it will see it."
            )
        else:
            subject = gettext("We have received your email: reference %(reference)s")
            lead = gettext(
                "Thank you for your email to %(council)s. We have recorded it with the "
                "reference %(reference)s and will tell you what happens next."
            )
        keep = gettext(
            "If you write to us again about this, keep the reference in the subject "
            "line so that your email goes to the same case."
        )
        automatic = gettext(
            "This is an automatic reply. You do not need to reply to it."
        )
    council = Council.load().name_in(language)
    values = {**values, "council": council}
    return subject % values, f"{lead % values}\n\n{keep}\n\n{automatic}\n\n{council}\n"


def _reply_languages(case: Case) -> list[str]:
    """The case's language; for a Welsh council, Welsh then English unless it is Welsh.

    An email does not say which language its sender reads, and a council in Wales must
    not answer in English alone (the Welsh language standards), so it answers in both.
    """
    language = case.language or Language.ENGLISH
    if Council.load().nation == Council.Nation.WALES and language != Language.WELSH:
        return [Language.WELSH, Language.ENGLISH]
    return [language]


def _auto_reply(
    message: InboundMessage, parsed: parsing.ParsedEmail, delivery: Delivery
) -> None:
    """Tell the sender the reference, once per message; never to automatic mail or ourselves."""
    case = delivery.case
    if case is None or not parsed.sender_address or parsed.automatic:
        return
    texts = [
        _reply_text(language, delivery.outcome, {"reference": case.reference})
        for language in _reply_languages(case)
    ]
    public_email_queue(
        key=f"inbox-reply:{message.key}",
        kind=NotificationLog.Kind.EMAIL_RECEIPT,
        to=parsed.sender_address,
        subject=" / ".join(subject for subject, _body in texts),
        body="\n---\n\n".join(body for _subject, body in texts),
    )


def _process(message: InboundMessage) -> InboundMessage:
    with message.raw.open("rb") as handle:
        raw = handle.read()
    parsed = parsing.parse(raw)
    if parsed.sender_address and parsed.sender_address in _own_addresses():
        delivery = Delivery(None, Outcome.OWN_ADDRESS)
    else:
        delivery = _deliver(parsed, raw)
        _auto_reply(message, parsed, delivery)
    message.status = Status.PROCESSED
    message.outcome = delivery.outcome
    message.case = delivery.case
    message.error = ""
    message.processed_at = timezone.now()
    fields = ["status", "outcome", "case", "error", "processed_at", "updated_at"]
    if delivery.case is not None:
        # The case now holds the original: no second copy outlives the case's retention.
        storage, name = message.raw.storage, message.raw.name
        message.raw = ""
        fields.append("raw")
        transaction.on_commit(lambda: storage.delete(name))
    message.save(update_fields=fields)
    return message


def _failure(error: BaseException) -> str:
    if isinstance(error, ServiceError):
        return str(error.message)
    if isinstance(error, parsing.EmailUnreadable):
        return error.message
    # Only the kind of error: its text may quote the message, which stays in the case.
    return (
        f"The message could not be read ({type(error).__name__}). It is kept and tried "
        "again on the next run; if it fails again, open the original in an email program."
    )


def inbound_process(message: InboundMessage) -> InboundMessage:
    """Read one kept message into the casework, once; a failure leaves it failed, kept."""
    try:
        with transaction.atomic():
            # The claim: a second process waits here, then finds it processed.
            claimed = InboundMessage.objects.filter(
                pk=message.pk, status__in=[Status.RECEIVED, Status.FAILED]
            ).update(attempts=F("attempts") + 1, updated_at=timezone.now())
            locked = InboundMessage.objects.get(pk=message.pk)
            if not claimed:
                return locked
            return _process(locked)
    except Exception as error:  # noqa: BLE001 - a broken message is kept, never lost
        reason = _failure(error)
        logger.warning("Inbound email %s failed: %s", message.pk, type(error).__name__)
    InboundMessage.objects.filter(pk=message.pk).exclude(
        status=Status.PROCESSED
    ).update(
        status=Status.FAILED,
        error=reason,
        attempts=F("attempts") + 1,
        updated_at=timezone.now(),
    )
    return InboundMessage.objects.get(pk=message.pk)


def inbound_receive(raw: bytes, *, source: str) -> InboundMessage:
    """Keep one message and read it (a known Message-ID is not read twice)."""
    message, _created = inbound_store(raw, source=source)
    if message.status == Status.PROCESSED:
        return message
    return inbound_process(message)


def inbound_retry() -> list[InboundMessage]:
    """Read again every kept message that is not processed yet, oldest first."""
    pending = InboundMessage.objects.exclude(status=Status.PROCESSED).order_by(
        "created_at", "pk"
    )
    return [inbound_process(message) for message in pending]
