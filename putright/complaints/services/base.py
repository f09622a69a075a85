"""What every casework write shares: errors, locking, versions, transitions, clocks, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from putright.audit.services import audit_record, snapshot
from putright.complaints import clocks, deadlines, lifecycle, permissions
from putright.complaints.constants import StageStatus
from putright.complaints.models import (
    Case,
    Stage,
)
from putright.core.errors import ServiceError


class CaseworkError(ServiceError):
    """A casework rule refused the change; the message is shown to the user as it is."""


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


# The actor of what a resident does online (the public form, the follow page): no member of
# staff acts, so no team scope applies.
PUBLIC_ACTOR = "public web form"

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
    if not lifecycle.transition_allowed(stage.status, new_status):
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
    # A case is created with its first stage, so there is always one.
    return case.stages.select_related("procedure").order_by("-number")[0]


def _set_clock(stage: Stage) -> list[str]:
    """Store the stage's deadlines and response days from its procedure (clocks.py)."""
    rule = stage.procedure.rule() if stage.procedure is not None else None
    clocks.stage_set_clock(
        stage, rule=rule, cal=clocks.council_calendar(), due_given=rule is None
    )
    return list(clocks.CLOCK_FIELDS)


def _stage_rule(stage: Stage) -> deadlines.StageRule | None:
    rule = stage.procedure.rule() if stage.procedure is not None else None
    return clocks.stage_rule(rule, stage.number)


def stage_needs_approval(stage: Stage) -> bool:
    """Whether the procedure asks for a manager's approval of this stage's response."""
    if stage.procedure is None:  # no query: Django does not load a null foreign key
        return False
    # Reads the procedure's stages, so a prefetch (`procedure__stages`) serves it.
    return any(
        rule.number == stage.number and rule.needs_approval
        for rule in stage.procedure.stages.all()
    )


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


def _check_directorate_move(
    by: Any, *, current_directorate_id: int | None, team: Any, handler: Any
) -> None:
    """Only the complaints team moves a case between directorates (ADR 0006, the policy's
    all-cases capability); a manager allocates within the stage's own directorate."""
    if permissions.is_complaints_team(by):
        return
    if team is not None and team.directorate_id != current_directorate_id:
        raise CaseworkError(
            "Only the complaints team can move a case to another directorate. Choose "
            "a team in this case's directorate, or ask the complaints team to move it.",
            field="team",
        )
    if (
        handler is not None
        and handler.directorate_id is not None
        and handler.directorate_id != current_directorate_id
    ):
        raise CaseworkError(
            "Only the complaints team can give a case to an officer in another "
            "directorate. Choose an officer in this case's directorate.",
            field="handler",
        )
