"""Working a stage: acknowledge, allocate, extend, review panel dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from putright.audit.services import snapshot
from putright.complaints import clocks, deadlines, lifecycle
from putright.complaints.constants import (
    StageStatus,
)
from putright.complaints.models import (
    Stage,
)
from putright.complaints.services.base import (
    STAGE_AUDIT_FIELDS,
    CaseworkError,
    _check_date,
    _check_directorate_move,
    _check_handler,
    _commit_stage,
    _lock_stage,
    _require,
    _set_clock,
    _stage_rule,
    _transition,
)
from putright.core.presentation import long_date
from putright.organisation.models import Team


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
        if not lifecycle.status_allows(stage.status, "acknowledge"):
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
        _check_directorate_move(
            by, current_directorate_id=stage.directorate_id, team=team, handler=handler
        )
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
                f"{long_date(current)}.",
                field="extended_to",
            )
        limit = stage_extension_limit(stage)
        beyond = limit is not None and extended_to > limit
        if limit is not None and beyond and not good_reason.strip():
            raise CaseworkError(
                f"The procedure allows an extension to {long_date(limit)} at most. "
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
