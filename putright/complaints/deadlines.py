"""Deadline rules for complaint procedures (docs/deadline-rules.md §3, docs/regulatory-rules.md §8.4).

Pure: rules are plain dataclasses, dates come in and dates go out. The `Procedure` and
`ProcedureStage` models turn their configuration into these rules, so a council-defined
procedure (say three stages on 21 calendar days) runs through the same code as the built-ins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from putright.core.working_days import (
    WorkingCalendar,
    add_calendar_days,
    add_calendar_months,
)

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
CALENDAR_MONTHS = "calendar_months"
UNITS = (WORKING_DAYS, CALENDAR_DAYS, CALENDAR_MONTHS)

FROM_RECEIVED = "received"
FROM_ACKNOWLEDGEMENT = "acknowledgement"
FROM_PANEL = "panel"  # children's stage 3: meeting, then report, then council response
ANCHORS = (FROM_RECEIVED, FROM_ACKNOWLEDGEMENT, FROM_PANEL)


@dataclass(frozen=True)
class StageRule:
    """The clock of one stage of a procedure."""

    stage: int
    respond_days: int
    respond_unit: str = WORKING_DAYS
    respond_from: str = FROM_RECEIVED
    acknowledge_days: int | None = None  # working days from receipt; None: not required
    extension_cap: int | None = (
        None  # in respond_unit beyond the due date; None: by agreement
    )
    panel_meeting_days: int = 30
    panel_report_days: int = 5
    council_response_days: int = 15

    def __post_init__(self) -> None:
        if self.respond_unit not in UNITS:
            raise ValueError(f"Unknown unit {self.respond_unit!r}.")
        if self.respond_from not in ANCHORS:
            raise ValueError(f"Unknown clock start {self.respond_from!r}.")
        if self.respond_from == FROM_ACKNOWLEDGEMENT and self.acknowledge_days is None:
            raise ValueError(
                "A stage answered from the acknowledgement needs acknowledgement days."
            )


@dataclass(frozen=True)
class ProcedureRule:
    code: str
    name: str
    family: str  # "corporate" or "statutory"
    day_basis: str  # "working" or "calendar": the headline response time
    ombudsman: str  # lgsco, ho, spso, psow, nipso
    stages: tuple[StageRule, ...] = field(default_factory=tuple)

    def stage(self, number: int) -> StageRule:
        for rule in self.stages:
            if rule.stage == number:
                return rule
        raise KeyError(f"Procedure {self.code} has no stage {number}.")

    @property
    def stage_numbers(self) -> tuple[int, ...]:
        return tuple(rule.stage for rule in self.stages)


def _add(cal: WorkingCalendar, day: dt.date, n: int, unit: str) -> dt.date:
    if unit == WORKING_DAYS:
        return cal.add_working_days(day, n)
    if unit == CALENDAR_DAYS:
        return add_calendar_days(day, n)
    return add_calendar_months(day, n)


def acknowledge_due(
    rule: StageRule, received: dt.date, cal: WorkingCalendar
) -> dt.date | None:
    """Acknowledge within the stage's working days of receipt (Codes 6.2/6.11: 5 WD)."""
    if rule.acknowledge_days is None:
        return None
    return cal.add_working_days(received, rule.acknowledge_days)


def response_due(
    rule: StageRule,
    received: dt.date,
    cal: WorkingCalendar,
    *,
    acknowledged: dt.date | None = None,
    panel_meeting_on: dt.date | None = None,
    panel_report_on: dt.date | None = None,
) -> dt.date:
    """The original response deadline of a stage.

    From the acknowledgement (Complaint Handling Codes): a late acknowledgement counts as made on
    its deadline, so it never stretches the response clock; before acknowledgement the
    deadline assumes an acknowledgement on time.
    Children's stage 3 (SI 2006/1738 regs 19-20): panel within 30 WD of the request, report 5 WD
    after the meeting, council response 15 WD after the report; known dates replace estimates.
    """
    if rule.respond_from == FROM_ACKNOWLEDGEMENT:
        ack_due = cal.add_working_days(received, rule.acknowledge_days or 0)
        anchor = min(acknowledged, ack_due) if acknowledged else ack_due
        return _add(cal, anchor, rule.respond_days, rule.respond_unit)
    if rule.respond_from == FROM_PANEL:
        if panel_report_on:
            return cal.add_working_days(panel_report_on, rule.council_response_days)
        meeting = panel_meeting_on or cal.add_working_days(
            received, rule.panel_meeting_days
        )
        report = cal.add_working_days(meeting, rule.panel_report_days)
        return cal.add_working_days(report, rule.council_response_days)
    return _add(cal, received, rule.respond_days, rule.respond_unit)


def panel_meeting_due(
    rule: StageRule, received: dt.date, cal: WorkingCalendar
) -> dt.date:
    """Children's review panel meets within 30 working days of the request (reg 19)."""
    return cal.add_working_days(received, rule.panel_meeting_days)


def panel_report_due(
    rule: StageRule, meeting_on: dt.date, cal: WorkingCalendar
) -> dt.date:
    """The panel reports within 5 working days of its meeting (reg 20)."""
    return cal.add_working_days(meeting_on, rule.panel_report_days)


def extension_limit(
    rule: StageRule, due: dt.date, cal: WorkingCalendar
) -> dt.date | None:
    """The latest date an extension may reach without a recorded good reason.

    None when the procedure sets no cap (an agreed date, e.g. adult social care).
    """
    if rule.extension_cap is None:
        return None
    return _add(cal, due, rule.extension_cap, rule.respond_unit)


def extension_within_cap(
    rule: StageRule, due: dt.date, extended_to: dt.date, cal: WorkingCalendar
) -> bool:
    limit = extension_limit(rule, due, cal)
    return limit is None or extended_to <= limit


def _code_stages(ack: int, s1: int, s2: int) -> tuple[StageRule, ...]:
    return (
        StageRule(1, s1, WORKING_DAYS, FROM_ACKNOWLEDGEMENT, ack, extension_cap=s1),
        StageRule(2, s2, WORKING_DAYS, FROM_ACKNOWLEDGEMENT, ack, extension_cap=s2),
    )


def _mchp_stages() -> tuple[StageRule, ...]:
    return (
        StageRule(1, 5, WORKING_DAYS, FROM_RECEIVED, None, extension_cap=5),
        StageRule(2, 20, WORKING_DAYS, FROM_RECEIVED, 3, extension_cap=None),
    )


def _six_months() -> tuple[StageRule, ...]:
    return (StageRule(1, 6, CALENDAR_MONTHS, FROM_RECEIVED, 3, extension_cap=None),)


BUILTIN_PROCEDURES: tuple[ProcedureRule, ...] = (
    ProcedureRule(
        "lgsco_code",
        "LGSCO Complaint Handling Code",
        "corporate",
        "working",
        "lgsco",
        _code_stages(5, 10, 20),
    ),
    ProcedureRule(
        "ho_code",
        "Housing Ombudsman Complaint Handling Code",
        "corporate",
        "working",
        "ho",
        _code_stages(5, 10, 20),
    ),
    ProcedureRule(
        "children_1989",
        "Children Act 1989 representations procedure",
        "statutory",
        "working",
        "lgsco",
        (
            StageRule(1, 10, WORKING_DAYS, FROM_RECEIVED, 2, extension_cap=10),
            StageRule(2, 25, WORKING_DAYS, FROM_RECEIVED, 2, extension_cap=40),
            StageRule(3, 50, WORKING_DAYS, FROM_PANEL, 2, extension_cap=None),
        ),
    ),
    ProcedureRule(
        "adults_2009",
        "Adult social care complaints (2009 Regulations)",
        "statutory",
        "working",
        "lgsco",
        _six_months(),
    ),
    ProcedureRule(
        "public_health_2012",
        "Public health complaints (2012 Regulations)",
        "statutory",
        "working",
        "lgsco",
        _six_months(),
    ),
    ProcedureRule(
        "spso_mchp",
        "SPSO model complaints handling procedure",
        "corporate",
        "working",
        "spso",
        _mchp_stages(),
    ),
    ProcedureRule(
        "psow_model",
        "PSOW model concerns and complaints policy",
        "corporate",
        "working",
        "psow",
        (
            StageRule(1, 10, WORKING_DAYS, FROM_RECEIVED, None, extension_cap=None),
            StageRule(2, 20, WORKING_DAYS, FROM_RECEIVED, 5, extension_cap=None),
        ),
    ),
    ProcedureRule(
        "nipso_mchp",
        "NIPSO model complaints handling procedure",
        "corporate",
        "working",
        "nipso",
        _mchp_stages(),
    ),
)

BUILTIN_BY_CODE = {rule.code: rule for rule in BUILTIN_PROCEDURES}
