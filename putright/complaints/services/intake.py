"""Logging and triaging contacts: references, not accepted, service request to complaint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from putright.audit.services import audit_record, snapshot
from putright.complaints import attachments, lifecycle, permissions
from putright.complaints.constants import (
    Channel,
    Kind,
    Language,
    Outcome,
    StageStatus,
)
from putright.complaints.models import (
    Case,
    CaseNote,
    ComplainantType,
    Procedure,
    RefusalReason,
    Stage,
)
from putright.complaints.services.base import (
    CASE_AUDIT_FIELDS,
    PUBLIC_ACTOR,
    STAGE_AUDIT_FIELDS,
    CaseworkError,
    _audit,
    _bump_case,
    _check_date,
    _check_handler,
    _latest_stage,
    _lock_case,
    _require,
    _save_stage,
    _set_case_closed,
    _set_clock,
    _stage_rule,
    _today,
    _transition,
)
from putright.complaints.services.records import _attachment_store
from putright.complaints.services.references import reference_next
from putright.organisation.models import Directorate, Team


def case_log(
    *,
    by: Any,
    kind: str,
    channel: str,
    received: dt.date,
    directorate: Directorate,
    team: Team | None = None,
    procedure: Procedure | None = None,
    handler: Any = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    contact_address: str = "",
    representative_name: str = "",
    complainant_type: ComplainantType | None = None,
    is_vulnerable: bool = False,
    reasonable_adjustments: str = "",
    outcome_sought: str = "",
    summary: str = "",
    constituency: str = "",
    is_commissioned: bool = False,
    converted_from: Case | None = None,
) -> Case:
    """Log a contact of any kind from any channel; a complaint starts its stage 1 clock."""
    if not permissions.may_log_into(
        by, directorate.pk if directorate else None, team.pk if team else None
    ):
        raise CaseworkError(
            "You can log contacts only for your own service and team.",
            field="directorate",
        )
    return _case_create(
        by=by,
        kind=kind,
        channel=channel,
        received=received,
        directorate=directorate,
        team=team,
        procedure=procedure,
        handler=handler,
        converted_from=converted_from,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        contact_address=contact_address,
        representative_name=representative_name,
        complainant_type=complainant_type,
        is_vulnerable=is_vulnerable,
        reasonable_adjustments=reasonable_adjustments,
        outcome_sought=outcome_sought,
        summary=summary,
        constituency=constituency,
        is_commissioned=is_commissioned,
    )


def _case_create(
    *,
    by: Any,
    kind: str,
    channel: str,
    received: dt.date,
    directorate: Directorate,
    team: Team | None,
    procedure: Procedure | None,
    handler: Any,
    converted_from: Case | None,
    **contact: Any,
) -> Case:
    if team is not None and team.directorate_id != directorate.pk:
        raise CaseworkError("Choose a team in the chosen directorate.", field="team")
    _check_date(received, field="received", label="The date received")
    if kind == Kind.COMPLAINT and procedure is None:
        raise CaseworkError(
            "Choose the procedure that applies to this complaint.", field="procedure"
        )
    if kind != Kind.COMPLAINT:
        procedure = None
    with transaction.atomic():
        stage_fields = {
            name: contact.pop(name)
            for name in (
                "complainant_type",
                "summary",
                "constituency",
                "is_commissioned",
            )
        }
        case = Case.objects.create(
            reference=reference_next(_today().year),
            kind=kind,
            converted_from=converted_from,
            **contact,
        )
        stage = Stage(
            case=case,
            number=1,
            kind=kind,
            procedure=procedure,
            directorate=directorate,
            team=team,
            handler=handler,
            received=received,
            channel=channel,
            **stage_fields,
        )
        _check_handler(stage, handler)
        stage.status = lifecycle.initial_status(kind=kind, rule=_stage_rule(stage))
        _set_clock(stage)
        stage.save()
        audit_record(
            actor=by,
            verb="case.logged",
            target=case,
            case=case,
            after=snapshot(case, CASE_AUDIT_FIELDS),
        )
        _audit(
            by=by,
            verb="stage.created",
            target=stage,
            case=case,
            before=None,
            fields=STAGE_AUDIT_FIELDS,
        )
    return case


def case_triage(
    *, case: Case, by: Any, version: int, kind: str, procedure: Procedure | None
) -> Case:
    """Triage a contact as a complaint, service request, comment, compliment or enquiry."""
    with transaction.atomic():
        case = _lock_case(case, version)
        stage = _latest_stage(case)
        _require(by, stage, "triage")
        if stage.number != 1 or not stage.is_open:
            raise CaseworkError(
                "Only a contact whose first stage is still open can be triaged."
            )
        if kind == Kind.COMPLAINT and procedure is None:
            raise CaseworkError(
                "Choose the procedure that applies to this complaint.",
                field="procedure",
            )
        before_case = snapshot(case, CASE_AUDIT_FIELDS)
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        case.kind = stage.kind = kind
        stage.procedure = procedure if kind == Kind.COMPLAINT else None
        if stage.acknowledged is None:
            _transition(
                stage, lifecycle.initial_status(kind=kind, rule=_stage_rule(stage))
            )
        _save_stage(stage, ["kind", "procedure", "status", *_set_clock(stage)])
        _bump_case(case, ("kind",))
        _audit(
            by=by,
            verb="case.triaged",
            target=case,
            case=case,
            before=before_case,
            fields=CASE_AUDIT_FIELDS,
        )
        _audit(
            by=by,
            verb="stage.triaged",
            target=stage,
            case=case,
            before=before,
            fields=STAGE_AUDIT_FIELDS,
        )
    return case


def case_refuse(
    *,
    case: Case,
    by: Any,
    version: int,
    reason: RefusalReason,
    details: str,
    decided_on: dt.date,
) -> Stage:
    """Do not accept a complaint: a coded reason and a letter saying why (Code 2.4, §8.3)."""
    if not details.strip():
        raise CaseworkError(
            "Explain why the complaint is not accepted: the letter must say why.",
            field="details",
        )
    _check_date(decided_on, field="decided_on", label="The date of the decision")
    with transaction.atomic():
        case = _lock_case(case, version)
        stage = _latest_stage(case)
        _require(by, stage, "refuse")
        if stage.number != 1 or not stage.is_open:
            raise CaseworkError("Only a new contact can be not accepted.")
        if stage.kind != Kind.COMPLAINT:
            raise CaseworkError("Only complaints are accepted or not accepted.")
        if decided_on < stage.received:
            raise CaseworkError(
                "The decision cannot be before the complaint was received.",
                field="decided_on",
            )
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        _transition(stage, StageStatus.CLOSED)
        stage.outcome = Outcome.REFUSED
        stage.refusal_reason = reason
        stage.refusal_details = details.strip()
        stage.responded = decided_on
        fields = ["status", "outcome", "refusal_reason", "refusal_details", "responded"]
        _save_stage(stage, [*fields, *_set_clock(stage)])
        _set_case_closed(case, True)
        _audit(
            by=by,
            verb="stage.not_accepted",
            target=stage,
            case=case,
            before=before,
            fields=STAGE_AUDIT_FIELDS,
            message=str(reason),
        )
    return stage


def case_convert_to_complaint(
    *,
    case: Case,
    by: Any,
    version: int,
    procedure: Procedure,
    received: dt.date,
    summary: str = "",
) -> Case:
    """Raise a complaint from a service request, linked to it; the request stays open (§8.2)."""
    with transaction.atomic():
        source = _lock_case(case, version)
        stage = _latest_stage(source)
        _require(by, stage, "convert")
        if source.kind != Kind.SERVICE_REQUEST:
            raise CaseworkError("Only a service request can be raised as a complaint.")
        if received < stage.received:
            raise CaseworkError(
                "The complaint cannot be received before the service request.",
                field="received",
            )
        complaint = _case_create(
            by=by,
            kind=Kind.COMPLAINT,
            channel=stage.channel,
            received=received,
            directorate=stage.directorate,
            team=stage.team,
            procedure=procedure,
            handler=None,
            contact_name=source.contact_name,
            contact_email=source.contact_email,
            contact_phone=source.contact_phone,
            contact_address=source.contact_address,
            representative_name=source.representative_name,
            complainant_type=stage.complainant_type,
            is_vulnerable=source.is_vulnerable,
            reasonable_adjustments=source.reasonable_adjustments,
            outcome_sought=source.outcome_sought,
            summary=summary or stage.summary,
            constituency="",
            is_commissioned=stage.is_commissioned,
            converted_from=source,
        )
        _bump_case(source)
        audit_record(
            actor=by,
            verb="case.converted",
            target=source,
            case=source,
            after={"complaint": complaint.reference},
        )
    return complaint


# The actor recorded in the audit trail for contacts sent through the public front door.


def case_submit_public(
    *,
    kind: str,
    directorate: Directorate,
    team: Team | None = None,
    procedure: Procedure | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    contact_address: str = "",
    representative_name: str = "",
    complainant_type: ComplainantType | None = None,
    reasonable_adjustments: str = "",
    contact_preference: str = "",
    outcome_sought: str = "",
    summary: str = "",
    consent_confirmed: bool = False,
    language: str = Language.ENGLISH,
) -> Case:
    """Log a contact a resident sent online: channel web form, received today, awaiting triage.

    No member of staff acts, so the system is the actor and no team scope applies; the
    complaints team triages it like any new contact.
    """
    if kind not in (Kind.COMPLAINT, Kind.COMPLIMENT, Kind.COMMENT):
        raise CaseworkError(
            "The public form sends complaints, compliments and comments."
        )
    if representative_name and not consent_confirmed:
        raise CaseworkError(
            "Confirm that the person the complaint is about agrees to it.",
            field="consent",
        )
    with transaction.atomic():
        case = _case_create(
            by=PUBLIC_ACTOR,
            kind=kind,
            channel=Channel.WEB_FORM,
            received=_today(),
            directorate=directorate,
            team=team,
            procedure=procedure,
            handler=None,
            converted_from=None,
            contact_name=contact_name,
            contact_email=contact_email,
            contact_phone=contact_phone,
            contact_address=contact_address,
            representative_name=representative_name,
            complainant_type=complainant_type,
            is_vulnerable=False,
            reasonable_adjustments=reasonable_adjustments,
            contact_preference=contact_preference,
            outcome_sought=outcome_sought,
            summary=summary,
            constituency="",
            is_commissioned=False,
            language=language if language in Language.values else Language.ENGLISH,
        )
        if consent_confirmed:
            audit_record(
                actor=PUBLIC_ACTOR,
                verb="case.consent_confirmed",
                target=case,
                case=case,
                message="The representative confirmed the person's consent.",
            )
    return case


# The actor recorded in the audit trail for contacts and replies that arrive by email.
EMAIL_ACTOR = "email in"
# The heading of a note that holds an email the complainant sent to the council.
EMAIL_NOTE_HEADING = "Email from the complainant"
# The name the original message is kept under on the case.
EMAIL_ORIGINAL_NAME = "original-message.eml"


def _email_documents_keep(
    case: Case,
    documents: Sequence[UploadedFile],
    original: UploadedFile | None,
    original_description: str = "The email as it arrived",
) -> list[str]:
    """Keep an email's attachments that pass the casework checks; note each refused one.

    The original message is the council's record of what arrived: it is kept whatever it
    holds (it is only ever downloaded, never shown), so a refused attachment is not lost.
    """
    refused = []
    for upload in documents:
        try:
            kind = attachments.check_upload(upload)
        except attachments.AttachmentRejected as error:
            refused.append(
                f"“{attachments.clean_name(upload.name or 'attachment')}”: "
                f"{error.message}"
            )
            continue
        _attachment_store(
            case=case,
            by=EMAIL_ACTOR,
            upload=upload,
            content_type=kind.content_type,
            description="Attached to an email",
        )
    if original is not None:
        _attachment_store(
            case=case,
            by=EMAIL_ACTOR,
            upload=original,
            content_type=attachments.EMAIL.content_type,
            description=original_description,
        )
    if refused:
        note = CaseNote.objects.create(
            case=case,
            author=None,
            text="Attachments of the email that were not kept (the original message "
            f"on the case still holds them):\n{chr(10).join(refused)}",
        )
        audit_record(
            actor=EMAIL_ACTOR,
            verb="case.email_attachment_refused",
            target=note,
            case=case,
            after={"refused": len(refused)},
        )
    return refused


def case_receive_email(
    *,
    directorate: Directorate,
    procedure: Procedure,
    received: dt.date,
    contact_name: str = "",
    contact_email: str = "",
    summary: str = "",
    documents: Sequence[UploadedFile] = (),
    original: UploadedFile | None = None,
) -> Case:
    """Log an email to the council's mailbox: channel email, awaiting triage, with its files.

    Like the public form, no member of staff acts: the system is the actor and the complaints
    team triages it. `received` is the message's date (never after today).
    """
    with transaction.atomic():
        case = _case_create(
            by=EMAIL_ACTOR,
            kind=Kind.COMPLAINT,
            channel=Channel.EMAIL,
            received=min(received, _today()),
            directorate=directorate,
            team=None,
            procedure=procedure,
            handler=None,
            converted_from=None,
            contact_name=contact_name[:200],
            contact_email=contact_email,
            contact_phone="",
            contact_address="",
            representative_name="",
            complainant_type=None,
            is_vulnerable=False,
            reasonable_adjustments="",
            outcome_sought="",
            summary=summary,
            constituency="",
            is_commissioned=False,
        )
        _email_documents_keep(case, documents, original)
    return case


def case_email_reply_add(
    *,
    case: Case,
    text: str,
    documents: Sequence[UploadedFile] = (),
    original: UploadedFile | None = None,
) -> CaseNote:
    """Add an email the complainant sent about their case: a note, its files, the original.

    The caller has checked that it came from the case's own address (`follow.email_matches`).
    """
    with transaction.atomic():
        case = _lock_case(case, None)
        note = CaseNote.objects.create(
            case=case, author=None, text=f"{EMAIL_NOTE_HEADING}\n\n{text.strip()}"
        )
        _bump_case(case)
        audit_record(
            actor=EMAIL_ACTOR,
            verb="case.email_received",
            target=note,
            case=case,
            after={"note": note.pk},
        )
        _email_documents_keep(
            case, documents, original, "The complainant's email as it arrived"
        )
    return note
