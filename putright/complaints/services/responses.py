"""Responding, in one place: the draft's content, approval, and sending (docs/regulatory-rules.md §1.6).

`stage_response_submit` is what the response form calls: it saves the draft and takes the
step the officer chose (save only, send for approval, or send) in one transaction. When the
step is refused (say the letter lacks some §1.6 content) the draft stays saved and the
reason is returned, so the page can say "Draft saved, but not sent".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from putright.audit.services import audit_record, snapshot
from putright.complaints import letters, lifecycle
from putright.complaints.constants import (
    Kind,
    RemedyType,
    StageStatus,
)
from putright.complaints.models import (
    IssueNature,
    Remedy,
    RootCause,
    Stage,
)
from putright.complaints.services.base import (
    STAGE_AUDIT_FIELDS,
    CaseworkError,
    _bump_case,
    _check_date,
    _commit_stage,
    _lock_stage,
    _require,
    _save_stage,
    _set_clock,
    _transition,
    stage_needs_approval,
)


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


# The stage fields a saved draft response writes.
RESPONSE_FIELDS = [
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
]


def _check_financial_remedy(
    remedies: list[str], financial_remedy: Decimal | None
) -> None:
    if RemedyType.FINANCIAL in remedies and not financial_remedy:
        raise CaseworkError(
            "Enter the amount of the financial remedy in pounds.",
            field="financial_remedy",
        )
    if financial_remedy is not None and financial_remedy < 0:
        raise CaseworkError(
            "The financial remedy cannot be negative.", field="financial_remedy"
        )


def _clear_approval(stage: Stage) -> None:
    """A changed draft is a new draft: any approval, or request for one, lapses."""
    stage.response_saved_at = timezone.now()
    stage.approved_at = None
    stage.approved_by = None
    stage.approval_requested_at = None
    stage.approval_requested_by = None


def _set_remedies(
    stage: Stage, remedies: list[str], *, description: str, due: dt.date | None
) -> None:
    stage.remedies.exclude(type__in=remedies).delete()
    for remedy_type in remedies:
        Remedy.objects.update_or_create(
            stage=stage,
            type=remedy_type,
            defaults={
                "amount": stage.financial_remedy
                if remedy_type == RemedyType.FINANCIAL
                else None,
                "description": description,
                "due": due,
            },
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
    _check_financial_remedy(remedies, financial_remedy)
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
        _clear_approval(stage)
        _save_stage(stage, RESPONSE_FIELDS)
        _set_remedies(
            stage, remedies, description=remedy_description.strip(), due=remedy_due
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
        if not lifecycle.status_allows(stage.status, "approve"):
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
        )
    return stage


def stage_thank(*, stage: Stage, by: Any, version: int, thanked: dt.date) -> Stage:
    """Record that the person was thanked for a compliment or comment: it is then
    "Thanked" and may be closed (`lifecycle.THANKED_KINDS`)."""
    if stage.kind not in lifecycle.THANKED_KINDS:
        raise CaseworkError("Only a compliment or a comment is thanked.")
    _check_date(thanked, field="thanked", label="The date thanked")
    if thanked < stage.received:
        raise CaseworkError(
            "The thanks cannot be before the date received.", field="thanked"
        )
    return stage_respond(stage=stage, by=by, version=version, responded=thanked)


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


# What the officer may do with the response form, and what each reports when done.
RESPONSE_STEPS = {
    "save": "Draft response saved.",
    "approval": "Response sent for approval.",
    "send": "Response recorded as sent.",
}


@dataclass(frozen=True)
class ResponseSubmitted:
    """The saved stage, what happened, and why the chosen step was refused (if it was)."""

    stage: Stage
    message: str
    refused: str = ""
    # What the letter lacks, by form field, when that is why the step was refused.
    gaps: list[tuple[str | None, str]] = field(default_factory=list)


def _response_step(
    *, stage: Stage, by: Any, step: str, responded: dt.date | None
) -> Stage:
    version = stage.case.version
    if step == "approval":
        return stage_approval_request(stage=stage, by=by, version=version)
    if step == "send":
        if responded is None:
            raise CaseworkError(
                "Enter the date the response is sent.", field="responded"
            )
        return stage_respond(stage=stage, by=by, version=version, responded=responded)
    return stage


def stage_response_submit(
    *,
    stage: Stage,
    by: Any,
    version: int,
    step: str,
    responded: dt.date | None = None,
    outcome: str = "",
    response_reasons: str = "",
    understanding: str = "",
    remedies: list[str] | None = None,
    remedy_description: str = "",
    remedy_due: dt.date | None = None,
    financial_remedy: Decimal | None = None,
    issue_natures: list[IssueNature] | None = None,
    root_causes: list[RootCause] | None = None,
    learning: str = "",
) -> ResponseSubmitted:
    """Save the draft response, then send it for approval or send it, in one transaction;
    a refused step keeps the draft (§1.6 content missing, approval needed)."""
    if step not in RESPONSE_STEPS:
        raise ValueError(f"Unknown response step {step!r}.")
    with transaction.atomic():
        stage = stage_response_save(
            stage=stage,
            by=by,
            version=version,
            outcome=outcome,
            response_reasons=response_reasons,
            understanding=understanding,
            remedies=remedies or [],
            remedy_description=remedy_description,
            remedy_due=remedy_due,
            financial_remedy=financial_remedy,
            issue_natures=issue_natures,
            root_causes=root_causes,
            learning=learning,
        )
        try:
            with transaction.atomic():
                stage = _response_step(
                    stage=stage, by=by, step=step, responded=responded
                )
        except CaseworkError as error:
            gaps = [(error.field or None, error.message)]
            if stage.kind == Kind.COMPLAINT and step != "save":
                gaps = [
                    (gap.field, gap.error)
                    for gap in letters.response_letter_gaps(stage)
                ] or gaps
            return ResponseSubmitted(
                stage=stage, message="", refused=error.message, gaps=gaps
            )
    return ResponseSubmitted(stage=stage, message=RESPONSE_STEPS[step])
