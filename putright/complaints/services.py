"""Writes to procedures and complaint records. Every write is audited."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from putright.audit.services import audit_record, snapshot
from putright.complaints import attachments, clocks, deadlines, letters, permissions
from putright.complaints.constants import (
    ACKNOWLEDGED_KINDS,
    ALLOWED_TRANSITIONS,
    NON_DECISION_OUTCOMES,
    REFERENCE_PREFIXES,
    Kind,
    LearningStatus,
    Outcome,
    RemedyType,
    StageStatus,
)
from putright.complaints.models import (
    Attachment,
    Case,
    CaseNote,
    ComplainantType,
    IssueNature,
    LearningAction,
    Procedure,
    ProcedureStage,
    ReferenceSequence,
    RefusalReason,
    Remedy,
    RootCause,
    Stage,
)
from putright.organisation.models import Directorate, Team


def procedure_ensure_builtins() -> list[Procedure]:
    """Create the built-in procedure templates (DATA_FORMAT.md §3) that are missing.

    Existing rows are left alone, so a council that adjusted a built-in keeps its settings.
    """
    created = []
    with transaction.atomic():
        for rule in deadlines.BUILTIN_PROCEDURES:
            procedure, was_created = Procedure.objects.get_or_create(
                code=rule.code,
                defaults={
                    "name": rule.name,
                    "family": rule.family,
                    "day_basis": rule.day_basis,
                    "ombudsman": rule.ombudsman,
                    "is_builtin": True,
                },
            )
            if not was_created:
                continue
            created.append(procedure)
            ProcedureStage.objects.bulk_create(
                ProcedureStage(
                    procedure=procedure,
                    number=stage.stage,
                    acknowledge_days=stage.acknowledge_days,
                    respond_days=stage.respond_days,
                    respond_unit=stage.respond_unit,
                    respond_from=stage.respond_from,
                    extension_cap=stage.extension_cap,
                    needs_approval=rule.code in ("lgsco_code", "ho_code")
                    and stage.stage == 2,
                    panel_meeting_days=stage.panel_meeting_days,
                    panel_report_days=stage.panel_report_days,
                    council_response_days=stage.council_response_days,
                )
                for stage in rule.stages
            )
    return created


# -- casework ------------------------------------------------------------------------------


class CaseworkError(Exception):
    """A casework rule refused the change; the message is shown to the user as it is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StaleCaseError(CaseworkError):
    """The form was based on an older version of the case: nothing was changed."""

    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this case while you were working on it. Your changes "
            "have not been saved: check the case as it is now and try again."
        )


STAGE_AUDIT_FIELDS = [
    "status",
    "kind",
    "procedure",
    "directorate",
    "team",
    "handler",
    "received",
    "acknowledged",
    "acknowledge_due",
    "due",
    "extended_to",
    "extension_reason",
    "extension_beyond_cap",
    "responded",
    "outcome",
    "refusal_reason",
    "understanding",
    "response_reasons",
    "financial_remedy",
    "approved_at",
    "approved_by",
    "escalation_refused_on",
    "escalation_refusal_reason",
    "panel_meeting_on",
    "panel_report_on",
    "version",
]
CASE_AUDIT_FIELDS = ["kind", "is_closed", "closed_at", "converted_from", "version"]


def _today() -> dt.date:
    return timezone.localdate()


def _check_date(value: dt.date, *, field: str, label: str) -> None:
    if value > _today():
        raise CaseworkError(f"{label} must be today or in the past.", field=field)


def _require(user: Any, stage: Stage, action: str) -> None:
    if not permissions.can_act(user, stage, action):
        raise PermissionDenied("You cannot do this on this case.")


def _lock_case(case: Case, version: int | None) -> Case:
    """Lock the case row and refuse a stale form (optimistic locking on `Case.version`)."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if version is not None and locked.version != version:
        raise StaleCaseError()
    return locked


def _lock_stage(stage: Stage, version: int | None) -> tuple[Case, Stage]:
    case = _lock_case(stage.case, version)
    locked = (
        Stage.objects.select_for_update(of=("self",))
        .select_related("procedure", "case")
        .get(pk=stage.pk)
    )
    locked.case = case
    return case, locked


def _transition(stage: Stage, new_status: str) -> None:
    if new_status != stage.status and new_status not in ALLOWED_TRANSITIONS.get(
        stage.status, frozenset()
    ):
        raise CaseworkError(
            f"A stage that is {stage.get_status_display().lower()} cannot become "
            f"{StageStatus(new_status).label.lower()}."
        )
    stage.status = new_status


def _bump_case(case: Case, fields: tuple[str, ...] = ()) -> None:
    case.version += 1
    case.save(update_fields=["version", "updated_at", *fields])


def _set_case_closed(case: Case, closed: bool) -> None:
    case.is_closed = closed
    case.closed_at = timezone.now() if closed else None
    _bump_case(case, ("is_closed", "closed_at"))


def _save_stage(stage: Stage, fields: list[str]) -> None:
    stage.version += 1
    stage.save(update_fields=sorted({*fields, "version", "updated_at"}))


def _commit_stage(
    stage: Stage,
    case: Case,
    *,
    by: Any,
    verb: str,
    before: dict[str, Any],
    fields: list[str],
    message: str = "",
) -> None:
    """Save the stage's changed fields, bump the case version and audit before/after."""
    _save_stage(stage, fields)
    _bump_case(case)
    _audit(
        by=by,
        verb=verb,
        target=stage,
        case=case,
        before=before,
        fields=STAGE_AUDIT_FIELDS,
        message=message,
    )


def _latest_stage(case: Case) -> Stage:
    return case.stages.select_related("procedure").order_by("-number").first()


def _set_clock(stage: Stage) -> list[str]:
    """Store the stage's deadlines and response days from its procedure (clocks.py)."""
    rule = stage.procedure.rule() if stage.procedure_id else None
    clocks.stage_set_clock(
        stage, rule=rule, cal=clocks.council_calendar(), due_given=rule is None
    )
    return list(clocks.CLOCK_FIELDS)


def _stage_rule(stage: Stage) -> deadlines.StageRule | None:
    rule = stage.procedure.rule() if stage.procedure_id else None
    return clocks.stage_rule(rule, stage.number)


def _initial_status(kind: str, rule: deadlines.StageRule | None) -> str:
    if kind not in ACKNOWLEDGED_KINDS:
        return StageStatus.IN_PROGRESS
    if rule is not None and rule.acknowledge_days is None:
        return StageStatus.IN_PROGRESS
    return StageStatus.AWAITING_ACKNOWLEDGEMENT


def stage_needs_approval(stage: Stage) -> bool:
    """Whether the procedure asks for a manager's approval of this stage's response."""
    if not stage.procedure_id:
        return False
    return ProcedureStage.objects.filter(
        procedure_id=stage.procedure_id, number=stage.number, needs_approval=True
    ).exists()


def _audit(
    *,
    by: Any,
    verb: str,
    target: Any,
    case: Case,
    before: dict[str, Any] | None,
    fields: list[str],
    message: str = "",
) -> None:
    audit_record(
        actor=by,
        verb=verb,
        target=target,
        case=case,
        before=before,
        after=snapshot(target, fields),
        message=message,
    )


def _next_reference(kind: str) -> str:
    """The next free reference for the kind's prefix this year; locked, so never twice."""
    prefix = REFERENCE_PREFIXES.get(kind, "CAS")
    year = _today().year
    try:
        with transaction.atomic():
            ReferenceSequence.objects.get_or_create(prefix=prefix, year=year)
    except IntegrityError:  # another process created it first
        pass
    sequence = ReferenceSequence.objects.select_for_update().get(
        prefix=prefix, year=year
    )
    while True:
        sequence.last_number += 1
        reference = f"{prefix}-{year}-{sequence.last_number:06d}"
        if not Case.objects.filter(reference=reference).exists():
            break
    sequence.save(update_fields=["last_number"])
    return reference


def _check_handler(stage: Stage, handler: Any) -> None:
    """A stage's handler is casework staff, and differs from the previous stage's (HO 6.13)."""
    if handler is None:
        return
    if not permissions.has_casework_access(handler):
        raise CaseworkError(
            "Choose a member of staff who works on cases.", field="handler"
        )
    if stage.number > 1:
        previous = (
            Stage.objects.filter(case_id=stage.case_id, number=stage.number - 1)
            .values_list("handler_id", flat=True)
            .first()
        )
        if previous is not None and previous == handler.pk:
            raise CaseworkError(
                f"Stage {stage.number} must be handled by someone other than the "
                f"officer who handled stage {stage.number - 1}.",
                field="handler",
            )


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
            reference=_next_reference(kind),
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
        stage.status = _initial_status(kind, _stage_rule(stage))
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
            _transition(stage, _initial_status(kind, _stage_rule(stage)))
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


def stage_acknowledge(
    *,
    stage: Stage,
    by: Any,
    version: int,
    acknowledged: dt.date,
    understanding: str,
) -> Stage:
    """Acknowledge with the understanding of the complaint; starts the Code response clock."""
    if not understanding.strip():
        raise CaseworkError(
            "Set out your understanding of the complaint: the acknowledgement letter "
            "must include it.",
            field="understanding",
        )
    _check_date(acknowledged, field="acknowledged", label="The acknowledgement date")
    with transaction.atomic():
        case, stage = _lock_stage(stage, version)
        _require(by, stage, "acknowledge")
        if stage.status != StageStatus.AWAITING_ACKNOWLEDGEMENT:
            raise CaseworkError("This stage has already been acknowledged.")
        if acknowledged < stage.received:
            raise CaseworkError(
                "The acknowledgement cannot be before the date received.",
                field="acknowledged",
            )
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        _transition(stage, StageStatus.IN_PROGRESS)
        stage.acknowledged = acknowledged
        stage.understanding = understanding.strip()
        fields = ["status", "acknowledged", "understanding", *_set_clock(stage)]
        _commit_stage(
            stage, case, by=by, verb="stage.acknowledged", before=before, fields=fields
        )
    return stage


def stage_allocate(
    *, stage: Stage, by: Any, version: int, team: Team | None, handler: Any
) -> Stage:
    """Allocate a stage to a team and an officer; a later stage needs a new handler."""
    with transaction.atomic():
        case, stage = _lock_stage(stage, version)
        _require(by, stage, "allocate")
        if not stage.is_open:
            raise CaseworkError("Only an open stage can be allocated.")
        _check_handler(stage, handler)
        if (
            handler is not None
            and team is not None
            and handler.team_id not in (None, team.pk)
            and handler.directorate_id != team.directorate_id
        ):
            raise CaseworkError(
                "Choose an officer who works in the chosen team's directorate.",
                field="handler",
            )
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        stage.team = team
        if team is not None:
            stage.directorate = team.directorate
        stage.handler = handler
        _commit_stage(
            stage,
            case,
            by=by,
            verb="stage.allocated",
            before=before,
            fields=["team", "directorate", "handler"],
        )
    return stage


def stage_extension_limit(stage: Stage) -> dt.date | None:
    """The latest date an extension may reach without a recorded good reason."""
    rule = _stage_rule(stage)
    if rule is None or stage.due is None:
        return None
    return deadlines.extension_limit(rule, stage.due, clocks.council_calendar())


def stage_extend(
    *,
    stage: Stage,
    by: Any,
    version: int,
    extended_to: dt.date,
    reason: str,
    good_reason: str = "",
) -> Stage:
    """Extend with a reason and a new date; beyond the procedure's cap only with a good reason."""
    if not reason.strip():
        raise CaseworkError(
            "Give the reason for the extension: the complainant must be told why.",
            field="reason",
        )
    with transaction.atomic():
        case, stage = _lock_stage(stage, version)
        _require(by, stage, "extend")
        if not stage.is_open:
            raise CaseworkError("Only an open stage can be extended.")
        current = stage.effective_due
        if current is None:
            raise CaseworkError("This stage has no deadline to extend.")
        if extended_to <= current:
            raise CaseworkError(
                f"The new date must be after the current deadline, "
                f"{current:%-d %B %Y}.",
                field="extended_to",
            )
        limit = stage_extension_limit(stage)
        beyond = limit is not None and extended_to > limit
        if beyond and not good_reason.strip():
            raise CaseworkError(
                f"The procedure allows an extension to {limit:%-d %B %Y} at most. "
                f"A later date needs a recorded good reason.",
                field="good_reason",
            )
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        stage.extended_to = extended_to
        stage.extension_reason = reason.strip()
        if beyond:
            stage.extension_reason += "\nGood reason for exceeding the limit: " + (
                good_reason.strip()
            )
        _commit_stage(
            stage,
            case,
            by=by,
            verb="stage.extended",
            before=before,
            fields=["extended_to", "extension_reason", *_set_clock(stage)],
        )
    return stage


def stage_is_panel(stage: Stage) -> bool:
    """Children's stage 3: the clock runs through a review panel (SI 2006/1738 regs 19-20)."""
    rule = _stage_rule(stage)
    return rule is not None and rule.respond_from == deadlines.FROM_PANEL


def stage_panel_record(
    *,
    stage: Stage,
    by: Any,
    version: int,
    panel_meeting_on: dt.date,
    panel_report_on: dt.date | None = None,
) -> Stage:
    """Record the review panel's meeting and report; the council's 15 days run from the report."""
    _check_date(panel_meeting_on, field="panel_meeting_on", label="The meeting date")
    if panel_report_on is not None:
        _check_date(panel_report_on, field="panel_report_on", label="The report date")
        if panel_report_on < panel_meeting_on:
            raise CaseworkError(
                "The panel cannot report before it meets.", field="panel_report_on"
            )
    with transaction.atomic():
        case, stage = _lock_stage(stage, version)
        _require(by, stage, "panel")
        if not stage_is_panel(stage) or not stage.is_open:
            raise CaseworkError("This stage has no review panel to record.")
        if panel_meeting_on < stage.received:
            raise CaseworkError(
                "The panel cannot meet before the request was received.",
                field="panel_meeting_on",
            )
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        stage.panel_meeting_on = panel_meeting_on
        stage.panel_report_on = panel_report_on
        fields = ["panel_meeting_on", "panel_report_on", *_set_clock(stage)]
        _commit_stage(
            stage,
            case,
            by=by,
            verb="stage.panel_recorded",
            before=before,
            fields=fields,
        )
    return stage


def _response_content(
    *,
    outcome: str,
    response_reasons: str,
    understanding: str,
    remedies: list[str],
    remedy_description: str,
    remedy_due: dt.date | None,
    financial_remedy: Decimal | None,
    issue_natures: list[IssueNature] | None,
    root_causes: list[RootCause] | None,
    learning: str,
) -> tuple[Any, ...]:
    """What an approver approved: the response's content, normalised for comparison."""
    has_remedies = bool(remedies)
    return (
        outcome,
        response_reasons.strip(),
        understanding.strip(),
        tuple(sorted(remedies)),
        remedy_description.strip() if has_remedies else "",
        remedy_due if has_remedies else None,
        Decimal(financial_remedy)
        if financial_remedy is not None and RemedyType.FINANCIAL in remedies
        else None,
        tuple(sorted(n.pk for n in issue_natures or [])),
        tuple(sorted(c.pk for c in root_causes or [])),
        learning.strip(),
    )


def _stage_response_content(stage: Stage) -> tuple[Any, ...]:
    remedies = list(stage.remedies.all())
    first = remedies[0] if remedies else None
    return _response_content(
        outcome=stage.outcome,
        response_reasons=stage.response_reasons,
        understanding=stage.understanding,
        remedies=[remedy.type for remedy in remedies],
        remedy_description=first.description if first else "",
        remedy_due=first.due if first else None,
        financial_remedy=stage.financial_remedy,
        issue_natures=list(stage.issue_natures.all()),
        root_causes=list(stage.root_causes.all()),
        learning=stage.learning,
    )


def stage_response_save(
    *,
    stage: Stage,
    by: Any,
    version: int,
    outcome: str,
    response_reasons: str,
    understanding: str,
    remedies: list[str],
    remedy_description: str = "",
    remedy_due: dt.date | None = None,
    financial_remedy: Decimal | None = None,
    issue_natures: list[IssueNature] | None = None,
    root_causes: list[RootCause] | None = None,
    learning: str = "",
) -> Stage:
    """Record the response's content (decision, reasons, remedies); clears any approval."""
    if RemedyType.FINANCIAL in remedies and not financial_remedy:
        raise CaseworkError(
            "Enter the amount of the financial remedy in pounds.",
            field="financial_remedy",
        )
    if financial_remedy is not None and financial_remedy < 0:
        raise CaseworkError(
            "The financial remedy cannot be negative.", field="financial_remedy"
        )
    with transaction.atomic():
        case, stage = _lock_stage(stage, version)
        _require(by, stage, "respond")
        if not stage.is_open:
            raise CaseworkError("This stage has already been responded to.")
        content = _response_content(
            outcome=outcome,
            response_reasons=response_reasons,
            understanding=understanding,
            remedies=remedies,
            remedy_description=remedy_description,
            remedy_due=remedy_due,
            financial_remedy=financial_remedy,
            issue_natures=issue_natures,
            root_causes=root_causes,
            learning=learning,
        )
        if stage.response_saved_at and content == _stage_response_content(stage):
            # Nothing changed: keep any approval, so an approved response can be sent.
            return stage
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        before["remedies"] = sorted(stage.remedies.values_list("type", flat=True))
        if stage.status == StageStatus.AWAITING_APPROVAL:
            _transition(stage, StageStatus.IN_PROGRESS)
        stage.outcome = outcome
        stage.response_reasons = response_reasons.strip()
        stage.understanding = understanding.strip()
        stage.financial_remedy = (
            financial_remedy if RemedyType.FINANCIAL in remedies else None
        )
        stage.learning = learning.strip()
        stage.response_saved_at = timezone.now()
        stage.approved_at = None
        stage.approved_by = None
        stage.approval_requested_at = None
        stage.approval_requested_by = None
        _save_stage(
            stage,
            [
                "status",
                "outcome",
                "response_reasons",
                "understanding",
                "financial_remedy",
                "learning",
                "response_saved_at",
                "approved_at",
                "approved_by",
                "approval_requested_at",
                "approval_requested_by",
            ],
        )
        stage.remedies.exclude(type__in=remedies).delete()
        for remedy_type in remedies:
            Remedy.objects.update_or_create(
                stage=stage,
                type=remedy_type,
                defaults={
                    "amount": stage.financial_remedy
                    if remedy_type == RemedyType.FINANCIAL
                    else None,
                    "description": remedy_description.strip(),
                    "due": remedy_due,
                },
            )
        stage.issue_natures.set(issue_natures or [])
        stage.root_causes.set(root_causes or [])
        _bump_case(case)
        after_fields = STAGE_AUDIT_FIELDS
        audit_record(
            actor=by,
            verb="stage.response_saved",
            target=stage,
            case=case,
            before=before,
            after={
                **snapshot(stage, after_fields),
                "remedies": sorted(remedies),
                "issue_natures": sorted(str(n) for n in issue_natures or []),
                "root_causes": sorted(str(c) for c in root_causes or []),
            },
        )
    return stage


def learning_action_add(
    *,
    stage: Stage,
    by: Any,
    version: int,
    description: str,
    due: dt.date,
    owner: Any = None,
    owner_name: str = "",
) -> LearningAction:
    """Track an outstanding action or service improvement with an owner and a due date."""
    if not description.strip():
        raise CaseworkError("Describe the action.", field="description")
    if owner is None and not owner_name.strip():
        raise CaseworkError("Say who owns the action.", field="owner")
    with transaction.atomic():
        case, stage = _lock_stage(stage, version)
        _require(by, stage, "learning")
        action = LearningAction.objects.create(
            stage=stage,
            description=description.strip(),
            owner=owner,
            owner_name=owner_name.strip() or (str(owner) if owner else ""),
            due=due,
        )
        _save_stage(stage, [])
        _bump_case(case)
        audit_record(
            actor=by,
            verb="learning_action.added",
            target=action,
            case=case,
            after=snapshot(action, ["description", "owner_name", "due", "status"]),
        )
    return action


def learning_action_update(
    *,
    action: LearningAction,
    by: Any,
    version: int,
    status: str,
    completed_on: dt.date | None,
) -> LearningAction:
    """Move a learning action on; a complete one needs its completion date."""
    if status == LearningStatus.COMPLETE and completed_on is None:
        raise CaseworkError(
            "Enter the date the action was completed.", field="completed_on"
        )
    if completed_on is not None:
        _check_date(completed_on, field="completed_on", label="The completion date")
    with transaction.atomic():
        case, stage = _lock_stage(action.stage, version)
        _require(by, stage, "learning")
        action = LearningAction.objects.select_for_update().get(pk=action.pk)
        fields = ["status", "completed_on"]
        before = snapshot(action, fields)
        action.status = status
        action.completed_on = (
            completed_on if status == LearningStatus.COMPLETE else None
        )
        action.save(update_fields=[*fields, "updated_at"])
        _bump_case(case)
        audit_record(
            actor=by,
            verb="learning_action.updated",
            target=action,
            case=case,
            before=before,
            after=snapshot(action, fields),
        )
    return action


def _check_letter_complete(stage: Stage) -> None:
    if stage.kind != Kind.COMPLAINT:
        if not stage.outcome and stage.kind in (Kind.INFORMAL_COMPLAINT,):
            raise CaseworkError("Record the outcome first.")
        return
    missing = letters.response_letter_missing(stage)
    if missing:
        raise CaseworkError(
            "The response letter is missing: " + "; ".join(missing) + "."
        )


def stage_approval_request(*, stage: Stage, by: Any, version: int) -> Stage:
    """Ask a manager to approve a complete response before it is sent."""
    with transaction.atomic():
        case, stage = _lock_stage(stage, version)
        _require(by, stage, "request_approval")
        if not stage_needs_approval(stage):
            raise CaseworkError("This stage's response does not need approval.")
        _check_letter_complete(stage)
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        _transition(stage, StageStatus.AWAITING_APPROVAL)
        stage.approval_requested_at = timezone.now()
        stage.approval_requested_by = by
        _commit_stage(
            stage,
            case,
            by=by,
            verb="stage.approval_requested",
            before=before,
            fields=["status", "approval_requested_at", "approval_requested_by"],
        )
    return stage


def stage_approval_decide(
    *, stage: Stage, by: Any, version: int, approve: bool, comment: str = ""
) -> Stage:
    """A manager approves the response, or returns it with a comment for changes."""
    if not approve and not comment.strip():
        raise CaseworkError(
            "Say what needs to change before the response can be approved.",
            field="comment",
        )
    with transaction.atomic():
        case, stage = _lock_stage(stage, version)
        _require(by, stage, "approve")
        if stage.status != StageStatus.AWAITING_APPROVAL:
            raise CaseworkError("This response is not awaiting approval.")
        if stage.approval_requested_by_id == by.pk:
            raise CaseworkError(
                "A response must be approved by someone other than the person who "
                "asked for approval."
            )
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        _transition(stage, StageStatus.IN_PROGRESS)
        stage.approval_comment = comment.strip()
        if approve:
            stage.approved_at = timezone.now()
            stage.approved_by = by
        _commit_stage(
            stage,
            case,
            by=by,
            verb="stage.approved" if approve else "stage.returned",
            before=before,
            fields=["status", "approval_comment", "approved_at", "approved_by"],
            message=comment.strip(),
        )
    return stage


def stage_respond(*, stage: Stage, by: Any, version: int, responded: dt.date) -> Stage:
    """Send the stage response: blocked while the letter lacks any Code content (§1.6)."""
    _check_date(responded, field="responded", label="The response date")
    with transaction.atomic():
        case, stage = _lock_stage(stage, version)
        _require(by, stage, "respond")
        if not stage.is_open:
            raise CaseworkError("This stage has already been responded to.")
        if responded < stage.received:
            raise CaseworkError(
                "The response cannot be before the date received.", field="responded"
            )
        if stage.kind == Kind.COMPLAINT and not stage.outcome:
            raise CaseworkError("Record the decision and reasons first.")
        _check_letter_complete(stage)
        if stage_needs_approval(stage) and not stage.is_approved:
            raise CaseworkError(
                "This procedure needs a manager to approve the response before it is "
                "sent."
            )
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        _transition(stage, StageStatus.RESPONDED)
        stage.responded = responded
        _commit_stage(
            stage,
            case,
            by=by,
            verb="stage.responded",
            before=before,
            fields=["status", "responded", *_set_clock(stage)],
        )
    return stage


def _escalation_source(case: Case) -> Stage:
    stage = _latest_stage(case)
    if stage.kind != Kind.COMPLAINT:
        raise CaseworkError("Only complaints can be escalated.")
    if stage.responded is None or stage.outcome in NON_DECISION_OUTCOMES:
        raise CaseworkError(
            f"Stage {stage.number} must be responded to before it can be escalated."
        )
    if clocks.stage_rule(stage.procedure.rule(), stage.number + 1) is None:
        raise CaseworkError(
            f"{stage.procedure} has no stage {stage.number + 1}: the complainant can "
            f"go to the Ombudsman."
        )
    return stage


def stage_escalate(
    *,
    case: Case,
    by: Any,
    version: int,
    received: dt.date,
    handler: Any = None,
    team: Team | None = None,
    reasons: str = "",
) -> Stage:
    """Escalate at the complainant's request: a new stage, a new clock, a new handler."""
    _check_date(received, field="received", label="The date of the request")
    with transaction.atomic():
        case = _lock_case(case, version)
        previous = _escalation_source(case)
        _require(by, previous, "escalate")
        if received < previous.responded:
            raise CaseworkError(
                f"The request cannot be before the stage {previous.number} response.",
                field="received",
            )
        team = team or previous.team
        stage = Stage(
            case=case,
            number=previous.number + 1,
            kind=previous.kind,
            procedure=previous.procedure,
            directorate=team.directorate if team else previous.directorate,
            team=team,
            handler=handler,
            received=received,
            channel=previous.channel,
            complainant_type=previous.complainant_type,
            summary=reasons.strip(),
            is_commissioned=previous.is_commissioned,
            constituency=previous.constituency,
        )
        _check_handler(stage, handler)
        stage.status = _initial_status(stage.kind, _stage_rule(stage))
        _set_clock(stage)
        stage.save()
        if previous.status == StageStatus.RESPONDED:
            _transition(previous, StageStatus.CLOSED)
            _save_stage(previous, ["status"])
        _set_case_closed(case, False)
        _audit(
            by=by,
            verb="stage.escalated",
            target=stage,
            case=case,
            before=None,
            fields=STAGE_AUDIT_FIELDS,
            message=reasons.strip(),
        )
    return stage


def stage_escalation_refuse(
    *,
    case: Case,
    by: Any,
    version: int,
    refused_on: dt.date,
    reason: RefusalReason,
    details: str,
) -> Stage:
    """Refuse escalation only for a valid exclusion, with reasons in writing (Code 5.7)."""
    if not details.strip():
        raise CaseworkError(
            "Explain why the escalation is refused: the letter must say why.",
            field="details",
        )
    _check_date(refused_on, field="refused_on", label="The date of the decision")
    with transaction.atomic():
        case = _lock_case(case, version)
        stage = _escalation_source(case)
        _require(by, stage, "refuse_escalation")
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        stage.escalation_refused_on = refused_on
        stage.escalation_refusal_reason = reason
        stage.escalation_refusal_details = details.strip()
        _commit_stage(
            stage,
            case,
            by=by,
            verb="stage.escalation_refused",
            before=before,
            fields=[
                "escalation_refused_on",
                "escalation_refusal_reason",
                "escalation_refusal_details",
            ],
            message=str(reason),
        )
    return stage


def case_withdraw(
    *, case: Case, by: Any, version: int, withdrawn_on: dt.date, reason: str
) -> Case:
    """The complainant withdraws: the open stage ends as withdrawn and the case closes."""
    if not reason.strip():
        raise CaseworkError("Record how the complainant withdrew.", field="reason")
    _check_date(withdrawn_on, field="withdrawn_on", label="The date of withdrawal")
    with transaction.atomic():
        case = _lock_case(case, version)
        stage = _latest_stage(case)
        _require(by, stage, "withdraw")
        if not stage.is_open:
            raise CaseworkError("Only an open case can be withdrawn.")
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        before_case = snapshot(case, CASE_AUDIT_FIELDS)
        _transition(stage, StageStatus.CLOSED)
        stage.outcome = Outcome.WITHDRAWN
        _save_stage(stage, ["status", "outcome"])
        _set_case_closed(case, True)
        _audit(
            by=by,
            verb="stage.withdrawn",
            target=stage,
            case=case,
            before=before,
            fields=STAGE_AUDIT_FIELDS,
            message=f"Withdrawn on {withdrawn_on:%-d %B %Y}: {reason.strip()}",
        )
        _audit(
            by=by,
            verb="case.closed",
            target=case,
            case=case,
            before=before_case,
            fields=CASE_AUDIT_FIELDS,
        )
    return case


def case_close(*, case: Case, by: Any, version: int) -> Case:
    """Close a case once every stage has its response; open actions stay tracked (§8.5)."""
    with transaction.atomic():
        case = _lock_case(case, version)
        stages = list(case.stages.select_for_update().order_by("number"))
        _require(by, stages[-1], "close")
        if case.is_closed:
            raise CaseworkError("This case is already closed.")
        if any(stage.is_open for stage in stages):
            raise CaseworkError(
                "Respond to the open stage, or record a withdrawal, before closing."
            )
        before_case = snapshot(case, CASE_AUDIT_FIELDS)
        for stage in stages:
            if stage.status == StageStatus.RESPONDED:
                before = snapshot(stage, STAGE_AUDIT_FIELDS)
                _transition(stage, StageStatus.CLOSED)
                _save_stage(stage, ["status"])
                _audit(
                    by=by,
                    verb="stage.closed",
                    target=stage,
                    case=case,
                    before=before,
                    fields=STAGE_AUDIT_FIELDS,
                )
        _set_case_closed(case, True)
        _audit(
            by=by,
            verb="case.closed",
            target=case,
            case=case,
            before=before_case,
            fields=CASE_AUDIT_FIELDS,
        )
    return case


def case_reopen(*, case: Case, by: Any, version: int, reason: str) -> Case:
    """Reopen a closed case with a recorded reason; a withdrawal or refusal is undone."""
    if not reason.strip():
        raise CaseworkError("Give the reason for reopening the case.", field="reason")
    with transaction.atomic():
        case = _lock_case(case, version)
        stage = _latest_stage(case)
        _require(by, stage, "reopen")
        if not case.is_closed:
            raise CaseworkError("This case is open already.")
        before = snapshot(stage, STAGE_AUDIT_FIELDS)
        before_case = snapshot(case, CASE_AUDIT_FIELDS)
        if stage.outcome in NON_DECISION_OUTCOMES:
            target = StageStatus.IN_PROGRESS
            if stage.acknowledged is None:
                target = _initial_status(stage.kind, _stage_rule(stage))
            _transition(stage, target)
            stage.outcome = ""
            stage.responded = None
            stage.refusal_reason = None
            fields = ["status", "outcome", "responded", "refusal_reason"]
            _save_stage(stage, [*fields, *_set_clock(stage)])
        elif stage.status == StageStatus.CLOSED:
            _transition(stage, StageStatus.RESPONDED)
            _save_stage(stage, ["status"])
        _set_case_closed(case, False)
        _audit(
            by=by,
            verb="stage.reopened",
            target=stage,
            case=case,
            before=before,
            fields=STAGE_AUDIT_FIELDS,
            message=reason.strip(),
        )
        _audit(
            by=by,
            verb="case.reopened",
            target=case,
            case=case,
            before=before_case,
            fields=CASE_AUDIT_FIELDS,
            message=reason.strip(),
        )
    return case


def case_note_add(*, case: Case, by: Any, text: str) -> CaseNote:
    """Add a note to the case record (Code §5: keep a full record)."""
    if not text.strip():
        raise CaseworkError("Enter the note.", field="text")
    with transaction.atomic():
        case = _lock_case(case, None)
        _require(by, _latest_stage(case), "note")
        note = CaseNote.objects.create(case=case, author=by, text=text.strip())
        _bump_case(case)
        audit_record(
            actor=by,
            verb="case.note_added",
            target=note,
            case=case,
            after={"note": note.pk},
        )
    return note


def attachment_add(
    *, case: Case, by: Any, upload: UploadedFile, description: str = ""
) -> Attachment:
    """Store a document under a random name after checking its size and real type."""
    try:
        kind = attachments.check_upload(upload)
    except attachments.AttachmentRejected as error:
        raise CaseworkError(error.message, field="file") from error
    with transaction.atomic():
        case = _lock_case(case, None)
        _require(by, _latest_stage(case), "attach")
        upload.seek(0)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        attachment = Attachment(
            case=case,
            original_name=attachments.clean_name(upload.name or "document"),
            content_type=kind.content_type,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            description=description.strip(),
            uploaded_by=by,
        )
        attachment.file.save("upload", upload, save=False)
        attachment.save()
        _bump_case(case)
        audit_record(
            actor=by,
            verb="case.attachment_added",
            target=attachment,
            case=case,
            after=snapshot(attachment, ["original_name", "content_type", "size"]),
        )
    return attachment
