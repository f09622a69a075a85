"""The stored clock of a stage: deadlines and response times (docs/deadline-rules.md §2-§3).

One place computes what a `Stage` stores about time, so imports, casework services and the
recompute after closure days change cannot disagree:

- `acknowledge_due`: the procedure's acknowledgement deadline (None when it sets none);
- `due`: the original response deadline, computed only when none was given explicitly;
- `panel_meeting_due` / `panel_report_due`: children's stage 3 review panel chain;
- `extension_beyond_cap`: the agreed extension goes past `deadlines.extension_limit`;
- `response_calendar_days` / `response_working_days`: received to responded (None while open).

Contacts that are not complaints have no procedure: their `due` stays as given and only the
response times are computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from putright.complaints import deadlines
from putright.complaints.models import Case, Procedure, Stage
from putright.core.working_days import WorkingCalendar, get_calendar

CLOCK_FIELDS = [
    "acknowledge_due",
    "due",
    "panel_meeting_due",
    "panel_report_due",
    "extension_beyond_cap",
    "response_calendar_days",
    "response_working_days",
]


@dataclass(frozen=True)
class Clock:
    """The stored clock values of one stage."""

    acknowledge_due: dt.date | None
    due: dt.date | None
    panel_meeting_due: dt.date | None
    panel_report_due: dt.date | None
    extension_beyond_cap: bool
    response_calendar_days: int | None
    response_working_days: int | None


def council_calendar() -> WorkingCalendar:
    """The council's working days: its nation's bank holidays plus its closure days."""
    from putright.organisation.models import Council

    council = Council.load()
    return get_calendar(council.nation, council.closure_dates())


def procedure_rules() -> dict[int, deadlines.ProcedureRule]:
    """Every procedure's rules by procedure id, in two queries (cache for bulk work)."""
    procedures = Procedure.objects.prefetch_related("stages")
    return {procedure.pk: procedure.rule() for procedure in procedures}


def stage_rule(
    rule: deadlines.ProcedureRule | None, number: int
) -> deadlines.StageRule | None:
    """The rule of stage `number`, or None when there is no procedure or no such stage."""
    if rule is None:
        return None
    try:
        return rule.stage(number)
    except KeyError:
        return None


def clock_compute(
    *,
    rule: deadlines.StageRule | None,
    cal: WorkingCalendar,
    received: dt.date,
    acknowledged: dt.date | None = None,
    due: dt.date | None = None,
    extended_to: dt.date | None = None,
    responded: dt.date | None = None,
    panel_meeting_on: dt.date | None = None,
    panel_report_on: dt.date | None = None,
) -> Clock:
    """A stage's deadlines from its procedure stage rule; an explicit `due` is kept."""
    ack_due = meeting_due = report_due = None
    beyond_cap = False
    if rule is not None:
        ack_due = deadlines.acknowledge_due(rule, received, cal)
        if due is None:
            due = deadlines.response_due(
                rule,
                received,
                cal,
                acknowledged=acknowledged,
                panel_meeting_on=panel_meeting_on,
                panel_report_on=panel_report_on,
            )
        if rule.respond_from == deadlines.FROM_PANEL:
            meeting_due = deadlines.panel_meeting_due(rule, received, cal)
            report_due = deadlines.panel_report_due(
                rule, panel_meeting_on or meeting_due, cal
            )
        if extended_to is not None:
            limit = deadlines.extension_limit(rule, due, cal)
            beyond_cap = limit is not None and extended_to > limit
    calendar_days = working_days = None
    if responded is not None:
        calendar_days = (responded - received).days
        working_days = cal.working_days_between(received, responded)
    return Clock(
        acknowledge_due=ack_due,
        due=due,
        panel_meeting_due=meeting_due,
        panel_report_due=report_due,
        extension_beyond_cap=beyond_cap,
        response_calendar_days=calendar_days,
        response_working_days=working_days,
    )


def stage_set_clock(
    stage: Stage,
    *,
    rule: deadlines.ProcedureRule | None,
    cal: WorkingCalendar,
    due_given: bool = True,
) -> Clock:
    """Set a stage's stored clock in memory (the caller saves); `due_given=False` recomputes it."""
    clock = clock_compute(
        rule=stage_rule(rule, stage.number),
        cal=cal,
        received=stage.received,
        acknowledged=stage.acknowledged,
        due=stage.due if due_given else None,
        extended_to=stage.extended_to,
        responded=stage.responded,
        panel_meeting_on=stage.panel_meeting_on,
        panel_report_on=stage.panel_report_on,
    )
    for name in CLOCK_FIELDS:
        setattr(stage, name, getattr(clock, name))
    return clock


def _chunks(ids: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def clocks_recompute(
    *,
    previous: WorkingCalendar | None = None,
    cal: WorkingCalendar | None = None,
    chunk_size: int = 2000,
) -> int:
    """Recompute every stored clock after closure days change; returns rows changed.

    Response times, acknowledgement and panel deadlines and the extension flag always follow
    the new calendar. A stored `due` is recomputed only when it equals what the `previous`
    calendar gives, i.e. it was computed rather than agreed or imported; without `previous`
    every `due` is kept.
    """
    cal = cal or council_calendar()
    rules = procedure_rules()
    ids = list(Stage.objects.order_by("pk").values_list("pk", flat=True))
    changed = 0
    with transaction.atomic():
        for chunk in _chunks(ids, chunk_size):
            dirty = []
            for stage in Stage.objects.filter(pk__in=chunk).only(
                "case",
                "number",
                "procedure_id",
                "received",
                "acknowledged",
                "extended_to",
                "responded",
                "panel_meeting_on",
                "panel_report_on",
                *CLOCK_FIELDS,
            ):
                rule = rules.get(stage.procedure_id) if stage.procedure_id else None
                before = tuple(getattr(stage, name) for name in CLOCK_FIELDS)
                recompute_due = False
                if previous is not None and stage.due is not None:
                    old = clock_compute(
                        rule=stage_rule(rule, stage.number),
                        cal=previous,
                        received=stage.received,
                        acknowledged=stage.acknowledged,
                        panel_meeting_on=stage.panel_meeting_on,
                        panel_report_on=stage.panel_report_on,
                    )
                    recompute_due = old.due == stage.due
                stage_set_clock(stage, rule=rule, cal=cal, due_given=not recompute_due)
                if tuple(getattr(stage, name) for name in CLOCK_FIELDS) != before:
                    dirty.append(stage)
            if dirty:
                Stage.objects.bulk_update(dirty, CLOCK_FIELDS, batch_size=500)
                # A changed clock is a change to the case: forms opened before it are stale.
                Case.objects.filter(pk__in={s.case_id for s in dirty}).update(
                    version=F("version") + 1
                )
                changed += len(dirty)
    return changed
