"""Responding: the response's content, outstanding actions, approval, sending."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from putright.audit.services import audit_record, snapshot
from putright.complaints import letters, lifecycle
from putright.complaints.constants import (
    Kind,
    LearningStatus,
    RemedyType,
    StageStatus,
)
from putright.complaints.models import (
    IssueNature,
    LearningAction,
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
