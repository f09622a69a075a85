"""Withdrawing, closing and reopening a case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from putright.audit.services import snapshot
from putright.complaints import lifecycle
from putright.complaints.constants import (
    NON_DECISION_OUTCOMES,
    Outcome,
    StageStatus,
)
from putright.complaints.models import (
    Case,
    CaseNote,
)
from putright.complaints.services.base import (
    CASE_AUDIT_FIELDS,
    STAGE_AUDIT_FIELDS,
    CaseworkError,
    _audit,
    _check_date,
    _latest_stage,
    _lock_case,
    _require,
    _save_stage,
    _set_case_closed,
    _set_clock,
    _stage_rule,
    _transition,
)
from putright.complaints.services.remedies import remedies_undelivered
from putright.core.presentation import long_date

# The reason is part of the case record (kept, anonymised and disclosed with the case),
# not of the audit trail, which holds no typed text.
_NOTED = "The reason is in the case notes."


def _note_reason(case: Case, by: Any, heading: str, reason: str) -> None:
    author = by if getattr(by, "is_authenticated", False) else None
    CaseNote.objects.create(
        case=case, author=author, text=f"{heading}: {reason.strip()}"
    )


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
            message=f"Withdrawn on {long_date(withdrawn_on)}. {_NOTED}",
        )
        _note_reason(case, by, f"Withdrawn on {long_date(withdrawn_on)}", reason)
        _audit(
            by=by,
            verb="case.closed",
            target=case,
            case=case,
            before=before_case,
            fields=CASE_AUDIT_FIELDS,
        )
    return case


def case_close(
    *,
    case: Case,
    by: Any,
    version: int,
    confirm_undelivered: bool = False,
    undelivered_reason: str = "",
) -> Case:
    """Close a case once every stage has its response; open actions stay tracked (§8.5).

    A remedy not yet delivered is a promise still owed: closing needs a confirmation and
    the reason, kept as a case note.
    """
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
        undelivered = remedies_undelivered(case)
        if undelivered:
            _check_undelivered(confirm_undelivered, undelivered_reason)
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
            message=_undelivered_message(len(undelivered)) if undelivered else "",
        )
        if undelivered:
            names = ", ".join(
                f"{remedy.get_type_display()} (stage {remedy.stage.number})"
                for remedy in undelivered
            )
            _note_reason(
                case,
                by,
                f"Closed with remedies not yet delivered: {names}",
                undelivered_reason,
            )
    return case


def _check_undelivered(confirmed: bool, reason: str) -> None:
    if not confirmed:
        raise CaseworkError(
            "Confirm that the case should close although remedies have not been "
            "delivered.",
            field="confirm_undelivered",
        )
    if not reason.strip():
        raise CaseworkError(
            "Give the reason for closing before the remedies are delivered.",
            field="undelivered_reason",
        )


def _undelivered_message(count: int) -> str:
    remedies = "remedy" if count == 1 else "remedies"
    return f"Closed with {count} {remedies} not yet delivered. {_NOTED}"


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
                target = lifecycle.initial_status(
                    kind=stage.kind, rule=_stage_rule(stage)
                )
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
            message=_NOTED,
        )
        _audit(
            by=by,
            verb="case.reopened",
            target=case,
            case=case,
            before=before_case,
            fields=CASE_AUDIT_FIELDS,
        )
        _note_reason(case, by, "Reopened", reason)
    return case
