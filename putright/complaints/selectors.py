"""Reads of cases for pages, exports, counts and reminders, always scoped to the user.

Lists show one row per case: its current (latest) stage, with the deadline in force
(`extended_to`, else `due`). Every query starts from `permissions.stage_scope`/`case_scope`, so
lists, search, exports and counts can never include a case outside the user's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Exists, F, Model, OrderBy, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise

from putright.accounts.models import User
from putright.audit.constants import READ_PREFIX
from putright.complaints import clocks, lifecycle, permissions
from putright.complaints.constants import Kind, Outcome, StageStatus
from putright.complaints.models import Case, Remedy, Stage
from putright.core.presentation import long_date
from putright.core.working_days import WorkingCalendar

if TYPE_CHECKING:
    # django-stubs-ext is a test dependency: the annotation is for mypy only.
    from django_stubs_ext import WithAnnotations

VIEWS = {
    "mine": "My cases",
    "team": "My team's cases",
    "all": "All cases",
    "overdue": "Overdue",
    "due_soon": "Due in the next 5 working days",
    "awaiting_acknowledgement": "Awaiting acknowledgement",
    "awaiting_approval": "Awaiting approval",
    "overdue_remedies": "Overdue remedies",
}
SORTS: dict[str, tuple[str | OrderBy, ...]] = {
    "due": (F("deadline").asc(nulls_last=True), "case__reference"),
    "-due": (F("deadline").desc(nulls_last=True), "case__reference"),
    "received": ("received", "case__reference"),
    "-received": ("-received", "-case__reference"),
    "reference": ("case__reference",),
    "-reference": ("-case__reference",),
}
DUE_SOON_WORKING_DAYS = 5
OPEN_STATUSES = lifecycle.OPEN_STATUSES


@dataclass
class CaseFilters:
    """The list's parameters, from the query string (unknown values are ignored)."""

    view: str = "mine"
    state: str = "open"  # open (awaiting response), responded, closed, all
    directorate: int | None = None
    team: int | None = None
    kind: str = ""
    procedure: int | None = None
    stage: int | None = None
    q: str = ""
    sort: str = "due"
    mine: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    # The records behind a dashboard figure (`records`): every stage record, not only
    # each case's current stage, received (or responded) in a period, with the figure's
    # outcome, procedure family, day basis and timeliness.
    records: bool = False
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    outcome: str | None = None  # an Outcome value, or "" for no outcome yet
    family: str = ""
    basis: str = ""
    answered: bool = False
    within: str = (
        ""  # "due" (responded <= due) or "extended" (<= extended_to, else due)
    )

    @property
    def narrowed(self) -> bool:
        """Whether a figure's filters are set (the page says which)."""
        return bool(
            self.records
            or self.received_from
            or self.received_to
            or self.outcome is not None
            or self.family
            or self.basis
            or self.answered
            or self.within
        )


def _open_q() -> Q:
    """`lifecycle.is_open` as a query."""
    return Q(responded__isnull=True) & ~Q(status=StageStatus.CLOSED)


class StageDeadline(TypedDict):
    """The deadline in force on a listed stage: its extension, else its due date."""

    deadline: dt.date | None


def _current_stages() -> QuerySet[WithAnnotations[Stage, StageDeadline]]:
    later = Stage.objects.filter(
        case_id=OuterRef("case_id"), number__gt=OuterRef("number")
    )
    return Stage.objects.filter(~Exists(later)).annotate(
        deadline=Coalesce("extended_to", "due")
    )


def _today() -> dt.date:
    return timezone.localdate()


def due_soon_limit(today: dt.date | None = None) -> dt.date:
    """The last day of the 'due soon' window: five working days from today."""
    today = today or _today()
    return clocks.council_calendar().add_working_days(today, DUE_SOON_WORKING_DAYS)


def _view_q(user: Any, view: str, today: dt.date) -> Q:
    if view == "mine":
        return Q(handler=user)
    if view == "team":
        if user.team_id is not None:
            return Q(team_id=user.team_id)
        if user.directorate_id is not None:
            return Q(directorate_id=user.directorate_id)
        return Q(handler=user)
    if view == "overdue":
        return _open_q() & Q(deadline__lt=today)
    if view == "due_soon":
        return _open_q() & Q(deadline__gte=today, deadline__lte=due_soon_limit(today))
    if view == "awaiting_acknowledgement":
        return Q(status=StageStatus.AWAITING_ACKNOWLEDGEMENT)
    if view == "awaiting_approval":
        return Q(status=StageStatus.AWAITING_APPROVAL)
    if view == "overdue_remedies":
        overdue = _overdue_remedies(today).filter(stage__case_id=OuterRef("case_id"))
        return Q(Exists(overdue))
    return Q()


def _overdue_remedies(today: dt.date) -> QuerySet[Remedy]:
    """Remedies promised by a date now passed and not yet delivered (Code 7.1)."""
    return Remedy.objects.filter(delivered_on__isnull=True, due__lt=today)


def _state_q(state: str) -> Q:
    """The list's state filter: open (awaiting response), responded, closed, or all."""
    if state == "open":
        return _open_q() & Q(case__is_closed=False)
    if state == "responded":
        return Q(
            responded__isnull=False, case__is_closed=False, status=StageStatus.RESPONDED
        )
    if state == "closed":
        return Q(case__is_closed=True) | Q(status=StageStatus.CLOSED)
    return Q()


def _figure_q(filters: CaseFilters) -> Q:
    """The filters of a dashboard figure, as the statistics count (docs/counting-rules.md §5)."""
    q = Q()
    if filters.received_from:
        q &= Q(received__gte=filters.received_from)
    if filters.received_to:
        q &= Q(received__lte=filters.received_to)
    if filters.outcome is not None:
        q &= Q(outcome=filters.outcome)
    if filters.family:
        q &= Q(procedure__family=filters.family)
    if filters.basis:
        q &= Q(procedure__day_basis=filters.basis)
    if filters.answered or filters.within:
        q &= Q(responded__isnull=False)
    if filters.within == "due":
        q &= Q(responded__lte=F("due"))
    elif filters.within == "extended":
        q &= Q(responded__lte=Coalesce("extended_to", "due"))
    return q


def figure_description(filters: CaseFilters) -> str:
    """The figure filters in words, for the list's heading ("" when none is set)."""
    parts = []
    if filters.kind:
        noun = Kind(filters.kind).label.lower()
        parts.append(f"stage {filters.stage} {noun}" if filters.stage else noun)
    if filters.received_from or filters.received_to:
        start = (
            long_date(filters.received_from) if filters.received_from else "the start"
        )
        end = long_date(filters.received_to) if filters.received_to else "today"
        parts.append(f"received from {start} to {end}")
    if filters.family:
        parts.append(f"{filters.family} procedures")
    if filters.basis:
        parts.append(f"procedures counting {filters.basis} days")
    if filters.outcome is not None:
        parts.append(
            Outcome(filters.outcome).label.lower()
            if filters.outcome
            else "no outcome yet"
        )
    if filters.within == "due":
        parts.append("responded within timescale")
    elif filters.within == "extended":
        parts.append("responded within timescale or an agreed extension")
    elif filters.answered:
        parts.append("responded")
    return ", ".join(parts)


def case_list(*, user: Any, filters: CaseFilters) -> QuerySet[Stage]:
    """The current stage of each case in the user's scope, filtered, searched and sorted.

    With `filters.records` every stage record is listed (a case at stage 2 appears once
    for its stage 1 and once for its stage 2), as the statistics count them.
    """
    today = _today()
    base = (
        Stage.objects.filter(number__in=(1, 2, 3)).annotate(
            deadline=Coalesce("extended_to", "due")
        )
        if filters.records
        else _current_stages()
    )
    qs = base.filter(case__in=Case.objects.filter(permissions.case_scope(user)))
    qs = qs.filter(_figure_q(filters))
    qs = qs.filter(_view_q(user, filters.view, today))
    if filters.mine:
        qs = qs.filter(handler=user)
    qs = qs.filter(_state_q(filters.state))
    if filters.directorate:
        qs = qs.filter(directorate_id=filters.directorate)
    if filters.team:
        qs = qs.filter(team_id=filters.team)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.procedure:
        qs = qs.filter(procedure_id=filters.procedure)
    if filters.stage:
        qs = qs.filter(number=filters.stage)
    q = filters.q.strip()
    if q:
        qs = qs.filter(
            Q(case__reference__icontains=q)
            | Q(case__contact_name__icontains=q)
            | Q(case__representative_name__icontains=q)
        )
    order = SORTS.get(filters.sort, SORTS["due"])
    return qs.select_related(
        "case", "directorate", "team", "handler", "procedure"
    ).order_by(*order, "pk")


def stages_open_current() -> QuerySet[WithAnnotations[Stage, StageDeadline]]:
    """Every open case's current stage, for the reminder job (no user scope: a system read)."""
    return (
        _current_stages()
        .filter(_open_q(), case__is_closed=False)
        .select_related("case", "directorate", "team", "handler")
    )


def open_cases_by_directorate(today: dt.date | None = None) -> list[dict[str, Any]]:
    """Open cases per service: open, overdue, due soon, awaiting acknowledgement (seed 003)."""
    today = today or _today()
    rows = (
        stages_open_current()
        .values("directorate__name")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(deadline__lt=today)),
            due_soon=Count(
                "pk",
                filter=Q(deadline__gte=today, deadline__lte=due_soon_limit(today)),
            ),
            awaiting_acknowledgement=Count(
                "pk", filter=Q(status=StageStatus.AWAITING_ACKNOWLEDGEMENT)
            ),
        )
        .order_by("directorate__name")
    )
    return list(rows)


def case_counts(*, user: Any) -> dict[str, int]:
    """The user's work at a glance: my overdue, due soon, awaiting acknowledgement."""
    today = _today()
    base = _current_stages().filter(
        _open_q(),
        case__in=Case.objects.filter(permissions.case_scope(user)),
        case__is_closed=False,
    )
    if user.role == User.Role.SERVICE_OFFICER:
        base = base.filter(handler=user)
    # The same rows as the list's "Overdue remedies" view, open or closed.
    remedies = _current_stages().filter(
        _view_q(user, "overdue_remedies", today),
        case__in=Case.objects.filter(permissions.case_scope(user)),
    )
    if user.role == User.Role.SERVICE_OFFICER:
        remedies = remedies.filter(handler=user)
    return {**_stage_counts(base, user, today), "overdue_remedies": remedies.count()}


def _stage_counts(base: QuerySet[Any], user: Any, today: dt.date) -> dict[str, int]:
    return base.aggregate(
        overdue=Count("pk", filter=_view_q(user, "overdue", today)),
        due_soon=Count("pk", filter=_view_q(user, "due_soon", today)),
        awaiting_acknowledgement=Count(
            "pk", filter=Q(status=StageStatus.AWAITING_ACKNOWLEDGEMENT)
        ),
        awaiting_approval=Count("pk", filter=Q(status=StageStatus.AWAITING_APPROVAL)),
        open=Count("pk"),
    )


def case_get_for_user(*, user: Any, reference: str) -> Case:
    """The case if the user may see it; otherwise 404, never its data."""
    case = (
        Case.objects.filter(permissions.case_scope(user), reference=reference)
        .select_related("converted_from")
        .first()
    )
    if case is None:
        raise Http404("No such case.")
    return case


CASE_PAGE_STAGE_RELATIONS = (
    "procedure",
    "directorate",
    "team",
    "handler",
    "refusal_reason",
    "complainant_type",
    "approved_by",
    "approval_requested_by",
    "escalation_refusal_reason",
)
# `procedure__stages` serves `Procedure.rule()` and the approval check without a query.
CASE_PAGE_STAGE_PREFETCHES = (
    "remedies__delivered_by",
    "learning_actions",
    "issue_natures",
    "root_causes",
    "procedure__stages",
)


def case_stages(case: Case) -> list[Stage]:
    """A case's stages with everything the case page shows."""
    return list(
        case.stages.select_related(*CASE_PAGE_STAGE_RELATIONS)
        .prefetch_related(*CASE_PAGE_STAGE_PREFETCHES)
        .order_by("number")
    )


@dataclass
class CaseDetail:
    """What the case page shows, read in a fixed number of queries."""

    case: Case
    stages: Sequence[Stage]
    notes: list[Any]
    attachments: list[Any]
    ombudsman_cases: list[Any]
    linked: list[Case]
    restrictions: list[Any] = field(default_factory=list)


def _related_exists(name: str) -> Exists:
    # The reverse relation's model, so the Ombudsman app (a layer above) is not imported.
    model = Case._meta.get_field(name).related_model
    if not (isinstance(model, type) and issubclass(model, Model)):
        raise TypeError(f"Case.{name} is not a relation to a model.")
    return Exists(model._default_manager.filter(case_id=OuterRef("case_id")))


def case_detail(*, user: Any, reference: str) -> CaseDetail:
    """The case page's case, stages and lists, if the user may see it; otherwise 404.

    The case comes with its stages (one query); notes, documents, Ombudsman cases and
    linked cases are read only when the stage query's EXISTS columns say there are some.
    """
    # The reference is filtered on the joined case row, not only inside the scope
    # subquery: with a dozen joins PostgreSQL plans an IN-subquery last and scanned every
    # stage (140 ms on the demo council); this way it starts from the reference's index.
    scoped = Stage.objects.filter(case__reference=reference)
    scope = permissions.case_scope(user)
    if scope:
        scoped = scoped.filter(case__in=Case.objects.filter(scope, reference=reference))
    stages = list(
        scoped.select_related(
            "case", "case__converted_from", *CASE_PAGE_STAGE_RELATIONS
        )
        .prefetch_related(*CASE_PAGE_STAGE_PREFETCHES)
        .annotate(
            case_has_notes=_related_exists("notes"),
            case_has_attachments=_related_exists("attachments"),
            case_has_ombudsman=_related_exists("ombudsman_cases"),
            case_has_restrictions=_related_exists("restrictions"),
            case_has_converted_to=Exists(
                Case.objects.filter(converted_from_id=OuterRef("case_id"))
            ),
        )
        .order_by("number")
    )
    if not stages:
        raise Http404("No such case.")
    case = stages[0].case
    for stage in stages:
        stage.case = case
    first = stages[0]
    return CaseDetail(
        case=case,
        stages=stages,
        notes=list(case.notes.select_related("author")) if first.case_has_notes else [],
        attachments=(
            list(case.attachments.select_related("uploaded_by"))
            if first.case_has_attachments
            else []
        ),
        ombudsman_cases=(
            list(case.ombudsman_cases.all()) if first.case_has_ombudsman else []
        ),
        linked=(
            case_linked(case, user)
            if case.converted_from_id or first.case_has_converted_to
            else []
        ),
        restrictions=(
            list(case.restrictions.select_related("approved_by"))
            if first.case_has_restrictions
            else []
        ),
    )


VERB_LABELS = {
    "case.logged": "Contact logged",
    "case.consent_confirmed": "Consent of the person affected confirmed",
    "case.email_received": "Email from the complainant added",
    "case.email_attachment_refused": "Attachments of an email not kept",
    "stage.created": "Stage opened",
    "case.triaged": "Contact triaged",
    "stage.triaged": "Stage reclassified",
    "stage.not_accepted": "Complaint not accepted",
    "case.converted": "Complaint raised from this service request",
    "stage.acknowledged": "Acknowledged",
    "stage.allocated": "Allocated",
    "stage.extended": "Deadline extended",
    "stage.response_saved": "Draft response saved",
    "learning_action.added": "Action added",
    "learning_action.updated": "Action updated",
    "remedy.updated": "Remedy due date changed",
    "remedy.delivered": "Remedy delivered",
    "stage.approval_requested": "Approval requested",
    "stage.approved": "Response approved",
    "stage.returned": "Response returned for changes",
    "stage.responded": "Response sent",
    "stage.escalated": "Escalated",
    "stage.escalation_refused": "Escalation refused",
    "stage.withdrawn": "Withdrawn",
    "stage.panel_recorded": "Review panel dates recorded",
    "stage.closed": "Stage closed",
    "case.closed": "Case closed",
    "stage.reopened": "Stage reopened",
    "case.reopened": "Case reopened",
    "case.note_added": "Note added",
    "case.attachment_added": "Document uploaded",
    "case.information_added": "Added by the complainant",
    "stage.escalation_requested": "Review asked for by the complainant",
    "case.follow_link_sent": "New follow link emailed to the complainant",
    # Written by putright.correspondence, which reacts to the events above.
    "letter.sent": "Letter sent",
    "letter.prepared": "Letter ready to post",
    "ombudsman.logged": "Ombudsman case recorded",
    "ombudsman.decided": "Ombudsman decision recorded",
    "ombudsman.recommendation_added": "Ombudsman recommendation added",
    "ombudsman.recommendation_updated": "Ombudsman recommendation updated",
    "ombudsman.finding_added": "Housing Ombudsman finding recorded",
    "ombudsman.finding_removed": "Housing Ombudsman finding removed",
}
# Fields shown as "was → now" in the timeline (personal data is never in audit values).
TIMELINE_FIELDS = {
    "status": "Status",
    "handler": "Officer",
    "team": "Team",
    "acknowledged": "Acknowledged",
    "due": "Due",
    "extended_to": "Extended to",
    "responded": "Responded",
    "outcome": "Outcome",
    "kind": "Kind",
    "procedure": "Procedure",
}


# Free-text fields: the audit trail keeps only that they changed, never the words.
TIMELINE_TEXT_FIELDS = {
    "extension_reason": "Reasons for the extension",
    "understanding": "Understanding of the complaint",
    "response_reasons": "Reasons for the decision",
    "approval_comment": "Approval comment",
    "escalation_refusal_details": "Reasons for refusing escalation",
    "refusal_details": "Reasons for not accepting",
    "description": "Description",
    "owner_name": "Owner",
}


_VALUE_LABELS: dict[str, dict[str, str | Promise]] = {
    "status": dict(StageStatus.choices),
    "outcome": dict(Outcome.choices),
    "kind": dict(Kind.choices),
}


def _readable(name: str, value: Any) -> str:
    """An audit value as a person reads it: labels for codes, dates in words."""
    if value in (None, ""):
        return "none"
    if name in _VALUE_LABELS:
        return str(_VALUE_LABELS[name].get(value, value))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return long_date(value)
        except ValueError:
            return value
    return str(value)


def _event_label(event: Any) -> str:
    label = VERB_LABELS.get(event.verb, event.verb)
    if event.verb.startswith("letter."):  # the letter's kind, stage and channel
        label = f"{label}: {event.target_label}"
    return label


def case_timeline(case: Case, limit: int = 200) -> list[dict[str, Any]]:
    """The case's history from its audit events, newest first, with what changed."""
    # Reads (who opened the case) are on the administrators' record-access page, not here.
    events = case.audit_events.exclude(verb__startswith=READ_PREFIX).order_by(
        "-at", "-pk"
    )[:limit]
    timeline = []
    for event in events:
        changes = [
            (
                label,
                _readable(name, event.before.get(name)),
                _readable(name, event.after.get(name)),
            )
            for name, label in TIMELINE_FIELDS.items()
            if name in event.after
            and event.before
            and event.before.get(name) != event.after.get(name)
        ]
        edited = [
            label
            for name, label in TIMELINE_TEXT_FIELDS.items()
            if isinstance(event.after.get(name), dict)
            and event.after[name].get("text") == "changed"
        ]
        timeline.append(
            {
                "event": event,
                "label": _event_label(event),
                "changes": changes,
                "edited": edited,
            }
        )
    return timeline


def case_linked(case: Case, user: Any) -> list[Case]:
    """Cases linked by conversion, limited to those the user may see."""
    ids = [case.converted_from_id] if case.converted_from_id else []
    ids += list(case.converted_to.values_list("pk", flat=True))
    return list(Case.objects.filter(permissions.case_scope(user), pk__in=ids))


def stage_clock(
    stage: Stage, today: dt.date | None = None, cal: WorkingCalendar | None = None
) -> dict[str, Any]:
    """Working days left or overdue against the deadline in force, for tags and lists."""
    today = today or _today()
    due = stage.effective_due
    if not stage.is_open or due is None:
        return {"state": "none", "days": None, "due": due}
    cal = cal or clocks.council_calendar()
    if due < today:
        return {
            "state": "overdue",
            "days": cal.working_days_between(due, today),
            "due": due,
        }
    days = cal.working_days_between(today, due)
    state = "due_soon" if days <= DUE_SOON_WORKING_DAYS else "on_track"
    return {"state": state, "days": days, "due": due}
