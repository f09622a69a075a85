"""Producing, sending and posting letters; templates checked before they are saved.

A casework event (an audit event the complaints services write, ADR 0009) becomes zero or
more `LetterRequest`s; `letter_issue` claims each by its idempotent key, renders it in the
recipient's language, stores its text and files, and emails it through notifications or
leaves it ready to post. Every write here is audited; no event holds a name or letter text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from putright.accounts import policy
from putright.accounts.models import User
from putright.accounts.policy import Capability
from putright.audit.models import AuditEvent
from putright.audit.services import audit_record
from putright.complaints import permissions
from putright.complaints.constants import ContactPreference, Kind, Language
from putright.complaints.models import Stage
from putright.core.errors import ServiceError
from putright.core.presentation import long_date
from putright.core.tasks import enqueue
from putright.correspondence import documents, values
from putright.correspondence.kinds import Audience, LetterKind, spec_for
from putright.correspondence.models import Letter, LetterTemplate
from putright.correspondence.placeholders import (
    TemplateInvalid,
    Value,
    template_check,
    template_render,
)
from putright.correspondence.samples import sample_values
from putright.notifications.models import NotificationEmail
from putright.notifications.tasks import send_notification_email
from putright.organisation.models import Council

logger = logging.getLogger(__name__)
STAFF_LANGUAGE = Language.ENGLISH
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class LetterRequest:
    """One letter to produce: what, about which stage, for whom, under which key."""

    kind: str
    stage_id: int
    key: str
    recipient_id: int | None = None  # staff notices
    actor_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


# -- templates ---------------------------------------------------------------------------


def template_for(kind: str, language: str) -> tuple[str, str]:
    """The council's subject and body for the kind and language, or the default."""
    row = LetterTemplate.objects.filter(kind=kind, language=language).first()
    if row is not None:
        return row.subject, row.body
    spec = spec_for(kind)
    with translation.override(language):
        return str(spec.subject), spec.default_body()


def letter_template_check(*, kind: str, subject: str, body: str) -> None:
    """Refuse a template that would not render, or lacks a placeholder its kind needs."""
    spec = spec_for(kind)
    allowed = set(spec.placeholders)
    try:
        template_check(subject, allowed=allowed, required=set())
    except TemplateInvalid as error:
        raise ServiceError(str(error), field="subject") from error
    try:
        template_check(body, allowed=allowed, required=set(spec.required))
    except TemplateInvalid as error:
        raise ServiceError(str(error), field="body") from error
    # And it renders: with every placeholder filled, something readable comes out.
    if not template_render(body, sample_values(kind)):
        raise ServiceError(
            gettext("The letter would be empty. Write at least one paragraph."),
            field="body",
        )


def letter_template_save(
    *, template: LetterTemplate, by: Any, subject: str, body: str
) -> LetterTemplate:
    """Save the council's wording for a kind and language, once it has been checked."""
    letter_template_check(kind=template.kind, subject=subject, body=body)
    with transaction.atomic():
        template.subject = subject.strip()
        template.body = body.strip()
        template.updated_by = by if getattr(by, "is_authenticated", False) else None
        template.save()
        audit_record(
            actor=by,
            verb="letter_template.saved",
            target=template,
            after={"kind": template.kind, "language": template.language},
        )
    return template


# -- rendering ---------------------------------------------------------------------------


def _subject(text: str, vals: dict[str, Value]) -> str:
    blocks = template_render(text, vals)
    return " ".join(block.text for block in blocks)[:200]


def _address(stage: Stage) -> tuple[str, ...]:
    case = stage.case
    name = case.contact_name or gettext("The complainant")
    if case.representative_name:
        name = gettext("%(representative)s, on behalf of %(complainant)s") % {
            "representative": case.representative_name,
            "complainant": name,
        }
    lines = [line.strip() for line in case.contact_address.splitlines()]
    return (name, *[line for line in lines if line])


@dataclass(frozen=True)
class Rendered:
    subject: str
    document: documents.LetterDocument


def letter_render(
    stage: Stage,
    kind: str,
    *,
    language: str,
    channel: str,
    subject: str | None = None,
    body: str | None = None,
    extra: dict[str, str] | None = None,
) -> Rendered:
    """The letter in `language`, from the council's template (or the one given)."""
    spec = spec_for(kind)
    with translation.override(language):
        if subject is None or body is None:
            subject, body = template_for(kind, language)
        if spec.audience == Audience.COMPLAINANT:
            vals = values.complainant_values(stage, kind, channel)
            address = _address(stage)
        else:
            vals = values.staff_values(stage, kind, **(extra or {}))
            address = ()
        council = Council.load()
        colour = council.brand_colour if _HEX_COLOUR.match(council.brand_colour) else ""
        title = _subject(subject, vals)
        doc = documents.LetterDocument(
            council=council.name_in(language),
            brand_colour=colour or "#1d70b8",
            title=title,
            language=language,
            address=address,
            reference=stage.case.reference,
            date=long_date(timezone.localdate()),
            blocks=template_render(body, vals),
            headings={
                "reference": gettext("Our reference"),
                "date": gettext("Date"),
            },
        )
    return Rendered(title, doc)


# -- issuing -----------------------------------------------------------------------------


def complainant_channel(stage: Stage) -> str:
    """Email when they chose it (or gave only an email address); otherwise post."""
    case = stage.case
    if not case.contact_email:
        return Letter.Channel.POST
    if case.contact_preference == ContactPreference.POST and case.contact_address:
        return Letter.Channel.POST
    return Letter.Channel.EMAIL


def _claim(request: LetterRequest, stage: Stage) -> Letter | None:
    spec = spec_for(request.kind)
    if spec.audience == Audience.COMPLAINANT:
        language = stage.case.language or Language.ENGLISH
        channel = complainant_channel(stage)
        recipient = None
        name = stage.case.representative_name or stage.case.contact_name
        to = stage.case.contact_email if channel == Letter.Channel.EMAIL else ""
    else:
        recipient = (
            User.objects.filter(pk=request.recipient_id).first()
            if request.recipient_id is not None
            else None
        )
        if recipient is None or not recipient.email:
            return None
        language, channel = STAFF_LANGUAGE, Letter.Channel.EMAIL
        name, to = recipient.get_full_name() or recipient.username, recipient.email
    try:
        with transaction.atomic():
            return Letter.objects.create(
                key=request.key,
                case=stage.case,
                stage=stage,
                kind=request.kind,
                audience=spec.audience,
                language=language,
                channel=channel,
                status=Letter.Status.QUEUED
                if channel == Letter.Channel.EMAIL
                else Letter.Status.TO_POST,
                recipient_user=recipient,
                recipient=name[:200],
                to=to,
                subject="",
                text="",
                created_by_id=request.actor_id,
            )
    except IntegrityError:  # produced already: by another handler or an earlier try
        return None


def _email_body(letter: Letter, text: str) -> str:
    if letter.audience == Audience.STAFF:
        return text
    with translation.override(letter.language):
        note = gettext(
            "Your letter is attached as a PDF. Please quote %(reference)s if you "
            "contact us."
        ) % {"reference": letter.case.reference}
    return f"{text}\n{note}\n"


def letter_issue(request: LetterRequest) -> Letter | None:
    """Produce a letter once: claim its key, render, store, then email it or leave it to post.

    Returns None when the key was taken already (it is never produced twice) or a staff
    recipient has no email address.
    """
    stage = Stage.objects.select_related("case", "procedure", "handler").get(
        pk=request.stage_id
    )
    with transaction.atomic():
        letter = _claim(request, stage)
        if letter is None:
            return None
        rendered = letter_render(
            stage,
            request.kind,
            language=letter.language,
            channel=letter.channel,
            extra=request.extra,
        )
        text = documents.as_text(rendered.document)
        letter.subject = rendered.subject
        letter.text = text
        stem = letter.file_stem
        if letter.audience == Audience.COMPLAINANT:
            letter.pdf.save(
                f"{stem}.pdf", ContentFile(documents.as_pdf(rendered.document)), False
            )
            letter.docx.save(
                f"{stem}.docx", ContentFile(documents.as_docx(rendered.document)), False
            )
        if letter.channel == Letter.Channel.EMAIL:
            letter.email = NotificationEmail.objects.create(
                key=letter.key,
                kind=NotificationEmail.LETTER,
                recipient=letter.recipient_user,
                to=letter.to,
                subject=letter.subject,
                body=_email_body(letter, text),
                case=letter.case,
                attachment=letter.pdf.name if letter.pdf else "",
                attachment_name=f"{stem}.pdf" if letter.pdf else "",
            )
        letter.save()
        if letter.channel == Letter.Channel.POST:
            _audit(letter, by=letter.created_by, verb="letter.prepared")
    if letter.email_id is not None:
        # After the letter's own transaction: the worker finds the rows committed.
        enqueue(send_notification_email, run_id=letter.email_id)
    return letter


def _audit(letter: Letter, *, by: Any, verb: str) -> None:
    audit_record(
        actor=by,
        verb=verb,
        target=letter,
        case=letter.case,
        after={
            "kind": letter.kind,
            "channel": letter.channel,
            "language": letter.language,
            "audience": letter.audience,
        },
    )


def letter_email_sent(email: NotificationEmail) -> None:
    """The worker sent a letter's email: record the letter as sent (once)."""
    letter = (
        Letter.objects.select_related("case", "stage", "created_by")
        .filter(email=email, sent_at__isnull=True)
        .first()
    )
    if letter is None:
        return
    with transaction.atomic():
        taken = Letter.objects.filter(pk=letter.pk, sent_at__isnull=True).update(
            status=Letter.Status.SENT,
            sent_at=timezone.now(),
            sent_by=letter.created_by,
        )
        if taken:
            _audit(letter, by=letter.created_by, verb="letter.sent")


def letter_email_failed(letter: Letter) -> bool:
    """Its email failed every attempt: staff may post it instead."""
    return (
        letter.email is not None
        and letter.sent_at is None
        and letter.email.status == NotificationEmail.Status.FAILED
    )


def letter_mark_posted(*, letter: Letter, by: Any) -> Letter:
    """Record that a letter for post was printed and posted."""
    if not permissions.can_act(by, letter.stage, "note"):
        raise ServiceError(gettext("You cannot record letters on this case."))
    if letter.channel != Letter.Channel.POST and not letter_email_failed(letter):
        raise ServiceError(gettext("This letter goes by email; it cannot be posted."))
    with transaction.atomic():
        taken = Letter.objects.filter(pk=letter.pk, sent_at__isnull=True).update(
            status=Letter.Status.POSTED,
            channel=Letter.Channel.POST,
            sent_at=timezone.now(),
            sent_by=by,
        )
        if not taken:
            raise ServiceError(
                gettext("This letter has already been recorded as posted.")
            )
        _audit(letter, by=by, verb="letter.sent")
    letter.refresh_from_db()
    return letter


# -- from casework events to letters -----------------------------------------------------


def _stage_key(kind: str, stage: Stage, *parts: object) -> str:
    tail = "".join(f":{part}" for part in parts)
    return f"letter:{kind}:stage:{stage.pk}{tail}"


def _approvers(stage: Stage, requester_id: int | None) -> list[User]:
    managers = User.objects.filter(
        policy.staff_with(Capability.SERVICE_OVERSIGHT),
        directorate=stage.directorate_id,
    )
    chosen = [u for u in managers if permissions.can_act(u, stage, "approve")]
    if not chosen:
        team = User.objects.filter(policy.staff_with(Capability.ALL_CASES))
        chosen = [u for u in team if permissions.can_act(u, stage, "approve")]
    return [u for u in chosen if u.pk != requester_id and u.email]


def _allocation(stage: Stage, event: AuditEvent) -> list[LetterRequest]:
    if stage.handler_id is None or stage.handler_id == event.actor_id:
        return []
    key = _stage_key(LetterKind.ALLOCATION, stage, "officer", stage.handler_id)
    return [
        LetterRequest(
            LetterKind.ALLOCATION, stage.pk, key, stage.handler_id, event.actor_id
        )
    ]


def _acknowledged(stage: Stage, event: AuditEvent) -> list[LetterRequest]:
    kind = (
        LetterKind.ACKNOWLEDGEMENT
        if stage.number == 1
        else LetterKind.ESCALATION_ACKNOWLEDGEMENT
    )
    return [
        LetterRequest(kind, stage.pk, _stage_key(kind, stage), None, event.actor_id)
    ]


def _extended(stage: Stage, event: AuditEvent) -> list[LetterRequest]:
    if stage.extended_to is None:
        return []
    key = _stage_key(LetterKind.EXTENSION, stage, stage.extended_to.isoformat())
    return [LetterRequest(LetterKind.EXTENSION, stage.pk, key, None, event.actor_id)]


def _responded(stage: Stage, event: AuditEvent) -> list[LetterRequest]:
    if stage.kind != Kind.COMPLAINT:
        return []
    key = _stage_key(LetterKind.RESPONSE, stage)
    return [LetterRequest(LetterKind.RESPONSE, stage.pk, key, None, event.actor_id)]


def _approval_requested(stage: Stage, event: AuditEvent) -> list[LetterRequest]:
    requested = stage.approval_requested_at
    stamp = requested.strftime("%Y%m%dT%H%M%S%f") if requested else event.pk
    requester = User.objects.filter(pk=event.actor_id or 0).first()
    extra = (
        {"requested_by": (requester.get_full_name() or requester.username)}
        if requester
        else {}
    )
    return [
        LetterRequest(
            LetterKind.APPROVAL_REQUEST,
            stage.pk,
            _stage_key(LetterKind.APPROVAL_REQUEST, stage, stamp, "user", user.pk),
            user.pk,
            event.actor_id,
            extra,
        )
        for user in _approvers(stage, event.actor_id)
    ]


def _approval_decided(stage: Stage, event: AuditEvent) -> list[LetterRequest]:
    requester = stage.approval_requested_by_id
    if requester is None or requester == event.actor_id:
        return []
    with translation.override(STAFF_LANGUAGE):
        decision = (
            gettext("approved")
            if event.verb == "stage.approved"
            else gettext("returned for changes")
        )
    key = _stage_key(LetterKind.APPROVAL_DECISION, stage, "event", event.pk)
    return [
        LetterRequest(
            LetterKind.APPROVAL_DECISION,
            stage.pk,
            key,
            requester,
            event.actor_id,
            {"decision": decision},
        )
    ]


HANDLERS = {
    "stage.created": (_allocation,),
    "stage.acknowledged": (_acknowledged,),
    "stage.allocated": (_allocation,),
    "stage.escalated": (_allocation,),
    "stage.extended": (_extended,),
    "stage.approval_requested": (_approval_requested,),
    "stage.approved": (_approval_decided,),
    "stage.returned": (_approval_decided,),
    "stage.responded": (_responded,),
}


def letters_for_event(event_id: int) -> list[Letter]:
    """Produce the letters a casework event calls for; safe to run twice for one event."""
    event = AuditEvent.objects.filter(pk=event_id).first()
    if event is None or event.verb not in HANDLERS:
        return []
    if event.target_type != "complaints.stage":
        return []
    stage = (
        Stage.objects.select_related("case", "handler", "procedure")
        .filter(pk=event.target_id)
        .first()
    )
    if stage is None or stage.case.kind != Kind.COMPLAINT:
        return []
    produced = []
    for handler in HANDLERS[event.verb]:
        for request in handler(stage, event):
            letter = letter_issue(request)
            if letter is not None:
                produced.append(letter)
    return produced


# -- retention ---------------------------------------------------------------------------


def letters_anonymise(case_ids: list[int]) -> int:
    """Blank the letters of anonymised cases (ADR 0008): text, recipient, files, emails.

    Called by retention inside its transaction. The rows stay (what went, when, how);
    the files go from storage once the transaction commits. Returns the files removed.
    """
    names = []
    for letter in Letter.objects.filter(case_id__in=case_ids):
        names += [f for f in (letter.pdf, letter.docx) if f]
    Letter.objects.filter(case_id__in=case_ids).update(
        text="", subject="", recipient="", to="", pdf="", docx=""
    )
    NotificationEmail.objects.filter(case_id__in=case_ids).update(
        body="", subject="", to="", attachment="", attachment_name=""
    )
    for stored in names:
        transaction.on_commit(partial(stored.storage.delete, stored.name))
    return len(names)
