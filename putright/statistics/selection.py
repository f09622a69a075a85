"""The one reader of a statistics selection typed by a person (docs/counting-rules.md §5).

`putright stats`, `GET /api/v1/stats` and the dashboard form all call `selection_parse`, so a
bad selection is refused the same way everywhere: a malformed year or quarter, a year that
has not started, a year more than one year before the earliest record, an unknown service or
team. Each caller reports the errors its own way (exit status 2, HTTP 400, an error summary).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils import timezone

from putright.core.inputs import control_character
from putright.core.periods import (
    Period,
    PeriodError,
    parse_quarter,
    parse_year,
    year_of,
)
from putright.organisation.models import Council, Directorate, Team
from putright.statistics import engine
from putright.statistics.models import MonthlyCount

FIELDS = ("year", "quarter", "directorate", "team")


@dataclass(frozen=True)
class SelectionError:
    """One thing wrong with a selection: the parameter and a sentence for the user."""

    field: str
    message: str


@dataclass(frozen=True)
class ParsedSelection:
    """A typed selection, or the reasons it was refused (never both)."""

    selection: engine.Selection | None = None
    errors: list[SelectionError] = field(default_factory=list)

    @property
    def message(self) -> str:
        """Every error as one paragraph, for a command line or a JSON `detail`."""
        return " ".join(error.message for error in self.errors)


def _earliest_year(start_month: int) -> int | None:
    """The first financial year with any record in the roll-up (None when empty)."""
    first = MonthlyCount.objects.filter(records__gt=0).aggregate(first=Min("month"))
    if first["first"] is None:
        return None
    return year_of(first["first"], start_month).first_year


def _parse_period(
    year: str | None, quarter: str | None, *, start_month: int, today: dt.date
) -> tuple[Period | None, list[SelectionError]]:
    errors = []
    period = None
    try:
        period = parse_year(year, start_month) if year else engine.default_year()
    except PeriodError as error:
        errors.append(SelectionError("year", str(error)))
    try:
        found_quarter = parse_quarter(quarter)
    except PeriodError as error:
        errors.append(SelectionError("quarter", str(error)))
        found_quarter = None
    if period is None:
        return None, errors
    out_of_range = _year_in_range(
        period, typed=year or period.label, start_month=start_month, today=today
    )
    if out_of_range is not None:
        return None, [*errors, out_of_range]
    period = Period(period.first_year, found_quarter, start_month)
    if found_quarter is not None and period.start > today:
        errors.append(
            SelectionError(
                "quarter",
                f"{found_quarter} of {period.label} has not started yet: choose a "
                "quarter that has begun.",
            )
        )
    return (None if errors else period), errors


def _year_in_range(
    period: Period, *, typed: str, start_month: int, today: dt.date
) -> SelectionError | None:
    # Compared as year numbers first: a year such as 0000/01 or 9999/00 has no dates.
    current = year_of(today, start_month).first_year
    if period.first_year > current:
        return SelectionError(
            "year",
            f"Year {typed!r} has not started yet: choose "
            f"{Period(current).label} or an earlier year.",
        )
    earliest = _earliest_year(start_month)
    floor = (earliest if earliest is not None else current - 1) - 1
    if period.first_year < floor:
        return SelectionError(
            "year",
            f"Year {typed!r} is before the council's records: choose "
            f"{Period(floor).label} or a later year.",
        )
    return None


def _parse_scope(
    directorate: str | None, team: str | None
) -> tuple[Directorate | None, Team | None, list[SelectionError]]:
    try:
        found_directorate = engine.resolve_directorate(directorate)
    except engine.StatisticsError as error:
        return None, None, [SelectionError("directorate", str(error))]
    try:
        found_team = engine.resolve_team(team, found_directorate)
    except engine.StatisticsError as error:
        return found_directorate, None, [SelectionError("team", str(error))]
    if found_team is not None and found_directorate is None:
        found_directorate = found_team.directorate
    return found_directorate, found_team, []


def selection_parse(
    *,
    year: str | None = None,
    quarter: str | None = None,
    directorate: str | None = None,
    team: str | None = None,
    today: dt.date | None = None,
) -> ParsedSelection:
    """Read a selection as typed; refuse bad ones with specific messages (§5 bad selections)."""
    typed = {"year": year, "quarter": quarter, "directorate": directorate, "team": team}
    hidden = [
        SelectionError(
            name,
            f"The {name} contains a hidden control character ({code}): type it again.",
        )
        for name, value in typed.items()
        if value and (code := control_character(value))
    ]
    if hidden:
        return ParsedSelection(errors=hidden)
    today = today or timezone.localdate()
    start_month = Council.load().financial_year_start_month
    period, errors = _parse_period(year, quarter, start_month=start_month, today=today)
    found_directorate, found_team, scope_errors = _parse_scope(directorate, team)
    errors = [*errors, *scope_errors]
    if errors or period is None:
        return ParsedSelection(errors=errors)
    return ParsedSelection(
        selection=engine.Selection(period, found_directorate, found_team)
    )
