"""Escalation to the next stage, or its refusal with reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from putright.audit.services import snapshot
from putright.complaints import clocks, letters, lifecycle
from putright.complaints.constants import (
    NON_DECISION_OUTCOMES,
    Channel,
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
    _today,
    _transition,
)
from putright.complaints.services.intake import PUBLIC_ACTOR
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


def _next_stage_open(
    case: Case,
    previous: Stage,
    *,
    team: Team | None,
    handler: Any,
    received: dt.date,
    channel: str,
    reasons: str,
) -> Stage:
    """Open the stage after `previous` with its own clock; close a responded `previous`.

    Both ways of escalating (staff recording the request, the complainant asking on their
    follow page) go through here, so the new stage is made one way. Call inside the
    caller's transaction, with the case locked.
    """
    stage = Stage(
        case=case,
        number=previous.number + 1,
        kind=previous.kind,
        procedure=previous.procedure,
        directorate=team.directorate if team else previous.directorate,
        team=team,
        handler=handler,
        received=received,
        channel=channel,
        complainant_type=previous.complainant_type,
        summary=reasons.strip(),
        is_commissioned=previous.is_commissioned,
        constituency=previous.constituency,
    )
    _check_handler(stage, handler)
    stage.status = lifecycle.initial_status(kind=stage.kind, rule=_stage_rule(stage))
    _set_clock(stage)
    stage.save()
    if previous.status == StageStatus.RESPONDED:
        _transition(previous, StageStatus.CLOSED)
        _save_stage(previous, ["status"])
    _set_case_closed(case, False)
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
        stage = _next_stage_open(
            case,
            previous,
            team=team,
            handler=handler,
            received=received,
            channel=previous.channel,
            reasons=reasons,
        )
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


# What the complainant's follow page may offer about a review (the next stage).
REVIEW_AVAILABLE = "available"
REVIEW_ASKED = "asked"  # a later stage is open: asked for already
REVIEW_NOT_YET = "not_yet"  # the current stage has no response yet
REVIEW_NO_NEXT_STAGE = (
    "no_next_stage"  # the procedure's last stage: the Ombudsman is next
)
REVIEW_TOO_LATE = "too_late"  # the window after the response has passed
REVIEW_NOT_OFFERED = "not_offered"  # not a complaint, or ended without a decision


@dataclass(frozen=True)
class ReviewOffer:
    """Whether the complainant may ask for the next stage now, and until when."""

    state: str
    stage: Stage
    deadline: dt.date | None = None
    next_number: int | None = None


def stage_review_offer(case: Case, today: dt.date | None = None) -> ReviewOffer:
    """The review the complainant may ask for, from the case's latest stage (no writes)."""
    today = today or timezone.localdate()
    stage = _latest_stage(case)
    if stage.kind != Kind.COMPLAINT:
        return ReviewOffer(REVIEW_NOT_OFFERED, stage)
    if stage.is_open:
        return ReviewOffer(REVIEW_ASKED if stage.number > 1 else REVIEW_NOT_YET, stage)
    if stage.responded is None or stage.outcome in NON_DECISION_OUTCOMES:
        return ReviewOffer(REVIEW_NOT_OFFERED, stage)
    next_number = letters.next_stage_number(stage)
    if next_number is None:
        return ReviewOffer(REVIEW_NO_NEXT_STAGE, stage)
    deadline = letters.escalation_deadline(stage)
    if deadline is not None and today > deadline:
        return ReviewOffer(REVIEW_TOO_LATE, stage, deadline, next_number)
    return ReviewOffer(REVIEW_AVAILABLE, stage, deadline, next_number)


def stage_escalation_request_public(*, case: Case, reasons: str) -> Stage:
    """The complainant asks for the next stage on their follow page.

    The new stage is received today, awaiting acknowledgement (as the lifecycle says for
    its procedure stage), with the previous stage's directorate and team and no officer;
    the actor is the public form. Asking twice (a double submit) returns the stage the
    first request created. Refused, with a CaseworkError, when the procedure has no next
    stage or the window after the response has passed.
    """
    if not reasons.strip():
        raise CaseworkError(
            gettext("Tell us why you are asking for a review."), field="reasons"
        )
    try:
        return _review_stage_create(case, reasons)
    except IntegrityError:
        # Two presses at once: the other one created the stage (one stage per number).
        stage = stage_review_offer(case).stage
        if stage.number == 1:
            raise
        return stage


def _review_stage_create(case: Case, reasons: str) -> Stage:
    with transaction.atomic():
        case = _lock_case(case, None)
        offer = stage_review_offer(case)
        if offer.state == REVIEW_ASKED:
            return offer.stage
        if offer.state != REVIEW_AVAILABLE:
            raise CaseworkError(_REVIEW_REFUSALS[offer.state](), field="reasons")
        previous = offer.stage
        stage = _next_stage_open(
            case,
            previous,
            team=previous.team,
            handler=None,
            received=_today(),
            channel=Channel.WEB_FORM,
            reasons=reasons,
        )
        _audit(
            by=PUBLIC_ACTOR,
            verb="stage.escalation_requested",
            target=stage,
            case=case,
            before=None,
            fields=STAGE_AUDIT_FIELDS,
            message="Asked for by the complainant on their follow page.",
        )
    return stage


_REVIEW_REFUSALS = {
    REVIEW_NOT_YET: lambda: gettext(
        "You can ask for a review once we have sent you our answer."
    ),
    REVIEW_NO_NEXT_STAGE: lambda: gettext(
        "The council's complaints procedure has no further stage. If you are not "
        "happy with our answer, you can ask the Ombudsman to look at your complaint."
    ),
    REVIEW_TOO_LATE: lambda: gettext(
        "The time for asking for a review has passed. Contact the complaints team "
        "if there is a reason you could not ask sooner, or ask the Ombudsman to look "
        "at your complaint."
    ),
    REVIEW_NOT_OFFERED: lambda: gettext(
        "A review cannot be asked for on this case. Contact the complaints team."
    ),
}
