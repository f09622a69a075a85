"""Escalation to the next stage, or its refusal with reasons."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from putright.audit.services import snapshot
from putright.complaints import clocks, lifecycle
from putright.complaints.constants import (
    NON_DECISION_OUTCOMES,
    Kind,
    StageStatus,
)
from putright.complaints.models import (
    Case,
    RefusalReason,
    Stage,
)
from putright.complaints.services.base import (
    STAGE_AUDIT_FIELDS,
    CaseworkError,
    _audit,
    _check_date,
    _check_directorate_move,
    _check_handler,
    _commit_stage,
    _latest_stage,
    _lock_case,
    _require,
    _save_stage,
    _set_case_closed,
    _set_clock,
    _stage_rule,
    _transition,
)
from putright.organisation.models import Team


def _escalation_source(case: Case) -> Stage:
    stage = _latest_stage(case)
    if stage.kind != Kind.COMPLAINT:
        raise CaseworkError("Only complaints can be escalated.")
    if stage.responded is None or stage.outcome in NON_DECISION_OUTCOMES:
        raise CaseworkError(
            f"Stage {stage.number} must be responded to before it can be escalated."
        )
    procedure = stage.procedure
    # A complaint always has a procedure: logging and the import both require one.
    if (
        procedure is None
        or clocks.stage_rule(procedure.rule(), stage.number + 1) is None
    ):
        raise CaseworkError(
            f"{procedure} has no stage {stage.number + 1}: the complainant can "
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
        # _escalation_source has refused a stage with no response date.
        if previous.responded is not None and received < previous.responded:
            raise CaseworkError(
                f"The request cannot be before the stage {previous.number} response.",
                field="received",
            )
        _check_directorate_move(
            by,
            current_directorate_id=previous.directorate_id,
            team=team,
            handler=handler,
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
        stage.status = lifecycle.initial_status(
            kind=stage.kind, rule=_stage_rule(stage)
        )
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
