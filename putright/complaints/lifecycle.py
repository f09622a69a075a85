"""The stage lifecycle, in one place: statuses, transitions, first status, what each allows.

A pure module (no database): the services, the import writer, selectors, actions, letters and
the reminder job all ask it, so a record imported from a file is in the same status, offers
the same actions and gets the same reminders as the same record logged in the app.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy

from putright.complaints import deadlines
from putright.complaints.constants import Kind, LearningStatus, StageStatus

# Stage status changes a service (or an import) may make (STYLE.md §3.2); nothing else.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    StageStatus.AWAITING_ACKNOWLEDGEMENT: frozenset(
        {StageStatus.IN_PROGRESS, StageStatus.RESPONDED, StageStatus.CLOSED}
    ),
    StageStatus.IN_PROGRESS: frozenset(
        {StageStatus.AWAITING_APPROVAL, StageStatus.RESPONDED, StageStatus.CLOSED}
    ),
    StageStatus.AWAITING_APPROVAL: frozenset(
        {StageStatus.IN_PROGRESS, StageStatus.RESPONDED, StageStatus.CLOSED}
    ),
    StageStatus.RESPONDED: frozenset({StageStatus.CLOSED, StageStatus.IN_PROGRESS}),
    StageStatus.CLOSED: frozenset(
        {
            StageStatus.RESPONDED,
            StageStatus.IN_PROGRESS,
            StageStatus.AWAITING_ACKNOWLEDGEMENT,
        }
    ),
}

# Statuses of a stage still waiting for its response.
OPEN_STATUSES = (
    StageStatus.AWAITING_ACKNOWLEDGEMENT,
    StageStatus.IN_PROGRESS,
    StageStatus.AWAITING_APPROVAL,
)
# Statuses of a stage that has had its response (or ended without one).
ENDED_STATUSES = (StageStatus.RESPONDED, StageStatus.CLOSED)

# Kinds whose contacts are acknowledged before work starts.
ACKNOWLEDGED_KINDS = frozenset(
    {
        Kind.COMPLAINT,
        Kind.INFORMAL_COMPLAINT,
        Kind.SERVICE_REQUEST,
        Kind.MP_ENQUIRY,
        Kind.MEMBER_ENQUIRY,
    }
)

# Learning actions still outstanding: listed in response letters, need a due date (§8.5).
LEARNING_OPEN_STATUSES = (LearningStatus.OPEN, LearningStatus.IN_PROGRESS)

_WHILE_OPEN = frozenset(OPEN_STATUSES)
_AFTER_RESPONSE = frozenset(ENDED_STATUSES)
_ANY = frozenset(StageStatus.values)

# The casework actions (`actions.ACTIONS`) each status of the current stage allows. Other
# conditions (the kind, the stage number, the procedure) are checked by the action itself.
ACTION_STATUSES: dict[str, frozenset[str]] = {
    "triage": _WHILE_OPEN,
    "not-accepted": _WHILE_OPEN,
    "acknowledge": frozenset({StageStatus.AWAITING_ACKNOWLEDGEMENT}),
    "allocate": _WHILE_OPEN,
    "extend": _WHILE_OPEN,
    "respond": _WHILE_OPEN,
    # Sending an approved response: the approval returns the stage to in progress.
    "send": frozenset({StageStatus.IN_PROGRESS}),
    "panel": _WHILE_OPEN,
    "approve": frozenset({StageStatus.AWAITING_APPROVAL}),
    "escalate": _AFTER_RESPONSE,
    "refuse-escalation": _AFTER_RESPONSE,
    "withdraw": _WHILE_OPEN,
    "close": _AFTER_RESPONSE,
    "convert": _ANY,
    "reopen": _ANY,
    "add-action": _ANY,
    "note": _ANY,
    "attach": _ANY,
    "language": _ANY,
    "thank": _WHILE_OPEN,
}

# Compliments and comments have their own simple lifecycle: received, thanked, closed. No
# acknowledgement, decision, approval or escalation: the person is thanked, then it closes.
THANKED_KINDS = frozenset({Kind.COMPLIMENT, Kind.COMMENT})
THANKED_KIND_ACTIONS = frozenset(
    {
        "thank",
        "close",
        "allocate",
        "convert",
        "reopen",
        "add-action",
        "note",
        "attach",
        "language",
    }
)
_THANKED_LABELS: dict[str, str] = {
    StageStatus.AWAITING_ACKNOWLEDGEMENT: "Received",
    StageStatus.IN_PROGRESS: "Received",
    StageStatus.AWAITING_APPROVAL: "Received",
    StageStatus.RESPONDED: "Thanked",
    StageStatus.CLOSED: "Closed",
}


def transition_allowed(current: str, new: str) -> bool:
    """Whether a stage may go from one status to another (staying put is always allowed)."""
    return new == current or new in ALLOWED_TRANSITIONS.get(current, frozenset())


def is_open(*, status: str, responded: dt.date | None) -> bool:
    """A stage is open until it has its response or is closed."""
    return responded is None and status != StageStatus.CLOSED


def status_allows(status: str, action: str) -> bool:
    """Whether a stage in this status offers the action (unknown actions: never)."""
    return status in ACTION_STATUSES.get(action, frozenset())


def kind_allows(kind: str, action: str) -> bool:
    """Whether a contact of this kind has the action at all: a compliment or comment is
    thanked (not responded to); every other kind is responded to (never thanked)."""
    if kind in THANKED_KINDS:
        return action in THANKED_KIND_ACTIONS
    return action != "thank"


def status_label(kind: str, status: str) -> str:
    """The status as the case pages name it: a compliment is "Received", then "Thanked"."""
    if kind in THANKED_KINDS:
        return _THANKED_LABELS.get(status) or str(StageStatus(status).label)
    return str(StageStatus(status).label)


def awaits_acknowledgement(status: str) -> bool:
    """Only a stage awaiting acknowledgement can be acknowledged or reminded to be."""
    return status == StageStatus.AWAITING_ACKNOWLEDGEMENT


# Where a case stands, in the complainant's words (their follow page): one mapping from the
# current stage's status, here, so the page and anything else that tells them agree.
PROGRESS_RECEIVED = "received"
PROGRESS_LOOKING_INTO = "looking_into"
PROGRESS_ANSWERED = "answered"
PROGRESS_REVIEW_ASKED = "review_asked"
PROGRESS_CLOSED = "closed"
PROGRESS_LABELS = {
    PROGRESS_RECEIVED: gettext_lazy("Received"),
    PROGRESS_LOOKING_INTO: gettext_lazy("Being looked into"),
    PROGRESS_ANSWERED: gettext_lazy("Answered"),
    PROGRESS_REVIEW_ASKED: gettext_lazy("Review asked for"),
    PROGRESS_CLOSED: gettext_lazy("Closed"),
}


def complainant_progress(*, status: str, number: int, case_closed: bool) -> str:
    """Where the case stands for the complainant, from its current stage's status."""
    if case_closed or status == StageStatus.CLOSED:
        return PROGRESS_CLOSED
    if status == StageStatus.RESPONDED:
        return PROGRESS_ANSWERED
    if status == StageStatus.AWAITING_ACKNOWLEDGEMENT:
        return PROGRESS_REVIEW_ASKED if number > 1 else PROGRESS_RECEIVED
    return PROGRESS_LOOKING_INTO


def initial_status(*, kind: str, rule: deadlines.StageRule | None) -> StageStatus:
    """A new stage: awaiting acknowledgement if its kind and procedure stage ask for one."""
    if kind not in ACKNOWLEDGED_KINDS:
        return StageStatus.IN_PROGRESS
    if rule is not None and rule.acknowledge_days is None:
        return StageStatus.IN_PROGRESS
    return StageStatus.AWAITING_ACKNOWLEDGEMENT


def imported_status(
    *,
    kind: str,
    rule: deadlines.StageRule | None,
    acknowledged: dt.date | None,
    responded: dt.date | None,
) -> StageStatus:
    """An imported record's status from its dates: as if each had been recorded in the app."""
    if responded is not None:
        return StageStatus.RESPONDED
    if acknowledged is not None or initial_status(kind=kind, rule=rule) == (
        StageStatus.IN_PROGRESS
    ):
        return StageStatus.IN_PROGRESS
    return StageStatus.AWAITING_ACKNOWLEDGEMENT


def unfinished_stage_sql(alias: str) -> str:
    """SQL true for a stage that keeps its case open after an import: no response, or no
    outcome. An import closes a case (and its responded stages) when none of its stages is
    unfinished, as if `case_close` had been run, and never reopens a closed case."""
    return f"({alias}.responded IS NULL OR {alias}.outcome = '')"


def reimported_status(
    *,
    current: str,
    kind: str,
    rule: deadlines.StageRule | None,
    acknowledged: tuple[dt.date | None, dt.date | None],
    responded: tuple[dt.date | None, dt.date | None],
) -> str:
    """A stored record's status after an import: it moves only when a date that sets it
    comes or goes (`(before, after)` pairs), and only along an allowed transition."""
    was_acknowledged, now_acknowledged = acknowledged
    was_responded, now_responded = responded
    responded_changed = (was_responded is None) != (now_responded is None)
    acknowledged_changed = (was_acknowledged is None) != (now_acknowledged is None)
    if not responded_changed and not (
        acknowledged_changed and current in OPEN_STATUSES
    ):
        return current
    new = imported_status(
        kind=kind, rule=rule, acknowledged=now_acknowledged, responded=now_responded
    )
    if new in OPEN_STATUSES and current == StageStatus.AWAITING_APPROVAL:
        return current  # the draft response is still with the approver
    for candidate in (new, StageStatus.IN_PROGRESS):
        if transition_allowed(current, candidate):
            return candidate
    return current
