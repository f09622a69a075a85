"""The statistics of docs/counting-rules.md §5: the one implementation of the counting rules.

The dashboard page, the JSON API (`GET /api/v1/stats`), `putright stats` and the annual report
all call this module, so their figures are identical by construction. Every figure is summed
by the database (GROUP BY with conditional sums); Python only folds the handful of grouped
rows into the §5 structure. Complaint and contact figures read `MonthlyCount`, a roll-up of
the records per month received (a year or quarter is always whole months) kept in step by
database triggers (`rollup.py`), so a million records cost a few thousand rows. Response
times are the stored per-record columns `Stage.response_calendar_days` and
`Stage.response_working_days` (kept in step with the calendar by
`putright.complaints.clocks`), summed and counted in the roll-up.

Public functions (stable: other modules build on them):

- `statistics_for(*, period, directorate=None, team=None) -> dict`: the whole §5 structure
  (`year`, `quarter`, `directorate`, `team`, `start`, `end`, `stages`, `contacts`,
  `ombudsman`) plus `timescale_target_percent`.
- `selection_for(*, year, quarter=None, directorate=None, team=None) -> Selection`: parse
  user input (strings or objects); raises `PeriodError` or `StatisticsError` with a message
  fit to show a user.
- `resolve_directorate(value)` and `resolve_team(value, directorate=None)`: name
  (case-insensitive exact) or id; raise `StatisticsError`.
- `filtered_stages(*, period, directorate=None, team=None, kinds=(complaint,))`: the Stage
  queryset of a selection (records received in the period), for breakdowns the roll-up
  does not hold.
- `monthly_counts(*, start, end, directorate=None, team=None, kinds=(complaint,))`: the
  roll-up rows of a selection.
- `stage_summary(*, period, directorate=None, team=None) -> dict`: `{"1": ..., "2": ...,
  "3": ...}` each with received, outcomes, responded, within timescale (original and
  extended), percentages, averages in both day bases, `by_family`, `by_procedure`,
  `by_quarter` and the previous-year comparison with its sentence.
- `contact_counts(*, period, directorate=None, team=None) -> dict`: every non-complaint kind
  with received, `by_quarter` and the previous-year comparison.
- `stage_summaries_by_directorate(*, period, directorates)` and
  `contact_counts_by_directorate(*, period, directorates)`: the same figures for each
  directorate (keyed by pk) in a fixed number of queries, for the annual report.
- `ombudsman_summary(*, period, directorate=None, team=None) -> dict`: per Ombudsman code,
  received, investigations, decided and decisions by code (the Ombudsman rows' own dates and
  directorate).
- `comparison(*, current, previous, previous_label, noun) -> dict`: difference, direction
  and the plain-English sentence.
- `average(total, count)` and `percent(part, whole)`: the 1 decimal place rounding rules.

Rounding is half up on exact integer sums (`Decimal`), so SQLite and PostgreSQL agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.utils import timezone

from putright.complaints.constants import DayBasis, Family, Kind, Ombudsman, Outcome
from putright.complaints.models import Procedure, Stage
from putright.core.inputs import EARLIEST_DATE, latest_date, parse_id
from putright.core.periods import QUARTERS, Period, PeriodError, period_for, year_of
from putright.core.presentation import long_date
from putright.ombudsman.models import DECISIONS_BY_OMBUDSMAN, OmbudsmanCase
from putright.organisation.models import Council, Directorate, Team
from putright.statistics.models import MonthlyCount

__all__ = [
    "CONTACT_KINDS",
    "OUTCOME_KEYS",
    "STAGE_KEYS",
    "PeriodError",
    "Selection",
    "StatisticsError",
    "average",
    "comparison",
    "default_year",
    "contact_counts",
    "contact_counts_by_directorate",
    "filtered_stages",
    "monthly_counts",
    "ombudsman_summary",
    "percent",
    "resolve_directorate",
    "resolve_team",
    "selection_for",
    "stage_summaries_by_directorate",
    "stage_summary",
    "statistics_for",
    "years_with_records",
]

STAGE_KEYS = ("1", "2", "3")
STAGE_NUMBERS = (1, 2, 3)
OUTCOME_KEYS = (*Outcome.values, "undecided")
CONTACT_KINDS = tuple(k for k in Kind.values if k != Kind.COMPLAINT)
FAMILY_KEYS = tuple(Family.values)
_TENTH = Decimal("0.1")


class StatisticsError(ValueError):
    """A selection that cannot be understood; the message is written for the user."""


@dataclass(frozen=True)
class Selection:
    """What to count: a year or quarter, optionally one directorate and team."""

    period: Period
    directorate: Directorate | None = None
    team: Team | None = None


# -- rounding rules (docs/deadline-rules.md §2, docs/counting-rules.md §5) ---------------


def average(total: int | None, count: int | None) -> float | None:
    """Mean to 1 decimal place, half up; None over no records."""
    if not count:
        return None
    value = (Decimal(total or 0) / Decimal(count)).quantize(_TENTH, ROUND_HALF_UP)
    return float(value)


def percent(part: int | None, whole: int | None) -> float | None:
    """Percentage to 1 decimal place, half up; None when the denominator is 0."""
    if not whole:
        return None
    value = (Decimal(part or 0) * 100 / Decimal(whole)).quantize(_TENTH, ROUND_HALF_UP)
    return float(value)


def comparison(
    *, current: int, previous: int, previous_label: str, noun: str
) -> dict[str, Any]:
    """Difference, direction and the §5 sentence comparing this year with the last."""
    difference = current - previous
    if difference > 0:
        direction, phrase = "increase", "an increase"
    elif difference < 0:
        direction, phrase = "decrease", "a decrease"
    else:
        direction, phrase = "no change", "no change"
    return {
        "difference": difference,
        "direction": direction,
        "sentence": (
            f"In comparison to {previous_label} {phrase} has been seen in the number "
            f"of {noun} received"
        ),
    }


# -- resolving user input ---------------------------------------------------------------


def _clean_name(value: str) -> str:
    # People type a straight apostrophe for the curly one and vice versa.
    return " ".join(value.replace("\u2019", "'").split())


def resolve_directorate(value: Directorate | str | int | None) -> Directorate | None:
    """A directorate by object, id or name (case-insensitive exact); None for all."""
    if value is None or isinstance(value, Directorate):
        return value
    text = _clean_name(str(value))
    if not text or text.lower() in ("all", "all services"):
        return None
    for candidate in (text, text.replace("'", "\u2019")):
        found = Directorate.objects.filter(name__iexact=candidate).first()
        if found is not None:
            return found
    if (number := parse_id(text)) is not None:
        found = Directorate.objects.filter(pk=number).first()
        if found is not None:
            return found
    names = ", ".join(
        Directorate.objects.order_by("name").values_list("name", flat=True)
    )
    raise StatisticsError(
        f"Service {text!r} is not recognised: choose one of {names or 'none yet'}, "
        "or leave it blank for all services."
    )


def resolve_team(
    value: Team | str | int | None, directorate: Directorate | None = None
) -> Team | None:
    """A team by object, id or name (case-insensitive exact), within the directorate."""
    if value is None:
        return None
    if isinstance(value, Team):
        team = value
    else:
        text = _clean_name(str(value))
        if not text:
            return None
        teams = Team.objects.select_related("directorate").filter(name__iexact=text)
        if directorate is not None:
            teams = teams.filter(directorate=directorate)
        found = list(teams[:2])
        if not found and (number := parse_id(text)) is not None:
            found = list(Team.objects.select_related("directorate").filter(pk=number))
        if len(found) > 1:
            raise StatisticsError(
                f"Team {text!r} exists in more than one service: name the service too."
            )
        if not found:
            where = f" in {directorate.name}" if directorate else ""
            raise StatisticsError(f"Team {text!r} is not recognised{where}.")
        team = found[0]
    if directorate is not None and team.directorate_id != directorate.pk:
        raise StatisticsError(f"Team {team.name!r} is not part of {directorate.name}.")
    return team


def selection_for(
    *,
    year: str | Period,
    quarter: str | None = None,
    directorate: Directorate | str | int | None = None,
    team: Team | str | int | None = None,
) -> Selection:
    """Parse a year, quarter, directorate and team as typed by a user."""
    if isinstance(year, Period):
        period = year
    else:
        start_month = Council.load().financial_year_start_month
        period = period_for(year, quarter, start_month)
    found_directorate = resolve_directorate(directorate)
    found_team = resolve_team(team, found_directorate)
    if found_team is not None and found_directorate is None:
        found_directorate = found_team.directorate
    return Selection(period, found_directorate, found_team)


# -- querysets ----------------------------------------------------------------------------


def _scope(
    queryset: QuerySet, directorate: Directorate | None, team: Team | None
) -> QuerySet:
    if directorate is not None:
        queryset = queryset.filter(directorate_id=directorate.pk)
    if team is not None:
        queryset = queryset.filter(team_id=team.pk)
    return queryset


def filtered_stages(
    *,
    period: Period,
    directorate: Directorate | None = None,
    team: Team | None = None,
    kinds: Iterable[str] = (Kind.COMPLAINT,),
) -> QuerySet[Stage]:
    """Records received in the period (stage 2/3: the escalation request), in scope."""
    kinds = tuple(kinds)
    # Naming every stage number lets the (kind, number, received) index serve a range.
    queryset = Stage.objects.filter(
        number__in=STAGE_NUMBERS, received__range=(period.start, period.end)
    )
    queryset = (
        queryset.filter(kind=kinds[0])
        if len(kinds) == 1
        else queryset.filter(kind__in=kinds)
    )
    return _scope(queryset, directorate, team)


def monthly_counts(
    *,
    start: dt.date,
    end: dt.date,
    directorate: Directorate | None = None,
    team: Team | None = None,
    kinds: Iterable[str] = (Kind.COMPLAINT,),
) -> QuerySet[MonthlyCount]:
    """Roll-up rows of records received in the months from `start` to `end`, in scope."""
    kinds = tuple(kinds)
    queryset = MonthlyCount.objects.filter(
        number__in=STAGE_NUMBERS, month__range=(start, end)
    )
    queryset = (
        queryset.filter(kind=kinds[0])
        if len(kinds) == 1
        else queryset.filter(kind__in=kinds)
    )
    if directorate is not None:
        queryset = queryset.filter(directorate_id=directorate.pk)
    if team is not None:
        queryset = queryset.filter(team_id=team.pk)
    return queryset


def _quarter_sums(period: Period) -> dict[str, Sum]:
    return {
        f"q_{q.quarter}": Sum("records", filter=Q(month__range=(q.start, q.end)))
        for q in period.whole_year().quarters()
    }


def _stage_aggregates(period: Period) -> dict[str, Any]:
    aggregates: dict[str, Any] = {"n_received": Sum("records")}
    for outcome in Outcome.values:
        aggregates[f"o_{outcome}"] = Sum("records", filter=Q(outcome=outcome))
    aggregates["o_undecided"] = Sum("records", filter=Q(outcome=""))
    aggregates["n_responded"] = Sum("responded")
    aggregates["within"] = Sum("within_due")
    aggregates["within_ext"] = Sum("within_extended")
    aggregates["cal_sum"] = Sum("calendar_days_sum")
    aggregates["cal_n"] = Sum("calendar_days_count")
    aggregates["wd_sum"] = Sum("working_days_sum")
    aggregates["wd_n"] = Sum("working_days_count")
    aggregates.update(_quarter_sums(period))
    return aggregates


_SUMMED = (
    "n_received",
    "n_responded",
    "within",
    "within_ext",
    "cal_sum",
    "cal_n",
    "wd_sum",
    "wd_n",
    *(f"o_{o}" for o in OUTCOME_KEYS),
    *(f"q_{q}" for q in QUARTERS),
)


def _empty_totals() -> dict[str, int]:
    return dict.fromkeys(_SUMMED, 0)


def _add(totals: dict[str, int], row: dict[str, Any]) -> None:
    for key in _SUMMED:
        totals[key] += row.get(key) or 0


def _figures(totals: dict[str, int], day_basis: str | None = None) -> dict[str, Any]:
    """The §5 keys of one group (a stage, family or procedure) from its summed counts."""
    figures: dict[str, Any] = {
        "received": totals["n_received"],
        "outcomes": {o: totals[f"o_{o}"] for o in OUTCOME_KEYS},
        "responded": totals["n_responded"],
        "responded_within_timescale": totals["within"],
        "responded_within_extended_timescale": totals["within_ext"],
        "within_timescale_percent": percent(totals["within"], totals["n_responded"]),
        # Upheld or partly upheld, of the records with an outcome (§5.4).
        "upheld_percent": percent(
            totals["o_upheld"] + totals["o_partly_upheld"],
            totals["n_received"] - totals["o_undecided"],
        ),
        "within_extended_timescale_percent": percent(
            totals["within_ext"], totals["n_responded"]
        ),
        "average_response_calendar_days": average(totals["cal_sum"], totals["cal_n"]),
        "average_response_working_days": average(totals["wd_sum"], totals["wd_n"]),
    }
    if day_basis is not None:
        figures["day_basis"] = day_basis
        figures["average_response_days"] = figures[
            "average_response_calendar_days"
            if day_basis == DayBasis.CALENDAR
            else "average_response_working_days"
        ]
    return figures


DAY_BASIS_KEYS = (DayBasis.WORKING.value, DayBasis.CALENDAR.value)


def _family_basis(configured: dict[str, int]) -> str:
    """A family's headline day basis: the one with the most weight (`_procedure_bases`).

    It never depends on the selection's records, so the label stays the same from year
    to year and between services.
    """
    if configured.get(DayBasis.CALENDAR, 0) > configured.get(DayBasis.WORKING, 0):
        return DayBasis.CALENDAR
    return DayBasis.WORKING


def _family_figures(
    totals: dict[str, int],
    by_basis: dict[str, dict[str, int]],
    configured: dict[str, int],
) -> dict[str, Any]:
    """A family's figures, its average in each day basis over that basis's records only.

    A family can hold procedures on working days (the Housing Code) and on calendar days
    (a council's own 21-day policy); `by_day_basis` keeps each basis's records apart, so an
    average is never a mix of the two. Every basis the family's procedures use is listed,
    with zeros when a year has none of its records (a stable table).
    """
    basis = _family_basis(configured)
    figures = _figures(totals, basis)
    used = {b for b, n in configured.items() if n} | set(by_basis)
    figures["by_day_basis"] = {
        b: _figures(by_basis.get(b) or _empty_totals(), b)
        for b in DAY_BASIS_KEYS
        if b in used
    }
    headline = figures["by_day_basis"].get(basis)
    figures["average_response_days"] = (
        headline["average_response_days"] if headline else None
    )
    return figures


def _procedure_bases() -> tuple[dict[int, dict[str, Any]], dict[str, dict[str, int]]]:
    """Every procedure's code, family and day basis, and each family's weight per basis.

    The weight is the number of complaint records ever received under the family's
    procedures of that basis (all years, all services: the same for every selection), or,
    before any record, the number of its active procedures of that basis.
    """
    procedures: dict[int, dict[str, Any]] = {
        p["pk"]: dict(p)
        for p in Procedure.objects.values(
            "pk", "code", "family", "day_basis", "is_active"
        )
    }
    ever = dict(
        MonthlyCount.objects.filter(kind=Kind.COMPLAINT, procedure_id__isnull=False)
        .values("procedure_id")
        .annotate(n=Sum("records"))
        .order_by()
        .values_list("procedure_id", "n")
    )
    configured_basis: dict[str, dict[str, int]] = {f: {} for f in FAMILY_KEYS}
    recorded_basis: dict[str, dict[str, int]] = {f: {} for f in FAMILY_KEYS}
    for pk, p in procedures.items():
        if p["family"] not in configured_basis:
            continue
        if p["is_active"]:
            basis = configured_basis[p["family"]]
            basis[p["day_basis"]] = basis.get(p["day_basis"], 0) + 1
        if ever.get(pk):
            basis = recorded_basis[p["family"]]
            basis[p["day_basis"]] = basis.get(p["day_basis"], 0) + ever[pk]
    weights = {
        f: recorded_basis[f] if any(recorded_basis[f].values()) else configured_basis[f]
        for f in FAMILY_KEYS
    }
    return procedures, weights


def stage_summary(
    *,
    period: Period,
    directorate: Directorate | None = None,
    team: Team | None = None,
) -> dict[str, dict[str, Any]]:
    """Complaints by stage: received, outcomes, timeliness, response times, comparison."""
    procedures, configured_basis = _procedure_bases()
    previous = period.previous_year()
    rows = list(
        monthly_counts(
            start=period.start, end=period.end, directorate=directorate, team=team
        )
        .values("number", "procedure_id")
        .annotate(**_stage_aggregates(period))
        .order_by()
    )
    previous_rows = dict(
        monthly_counts(
            start=previous.start, end=previous.end, directorate=directorate, team=team
        )
        .values("number")
        .annotate(n=Sum("records"))
        .order_by()
        .values_list("number", "n")
    )
    return _fold_stages(period, rows, previous_rows, procedures, configured_basis)


def stage_summaries_by_directorate(
    *, period: Period, directorates: Iterable[Directorate]
) -> dict[int, dict[str, dict[str, Any]]]:
    """`stage_summary` of each directorate (by pk), in three queries however many there are."""
    ids = [d.pk for d in directorates]
    procedures, configured_basis = _procedure_bases()
    previous = period.previous_year()
    rows: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    for row in (
        monthly_counts(start=period.start, end=period.end)
        .filter(directorate_id__in=ids)
        .values("directorate_id", "number", "procedure_id")
        .annotate(**_stage_aggregates(period))
        .order_by()
    ):
        rows[row["directorate_id"]].append(row)
    previous_rows: dict[int, dict[int, int]] = {pk: {} for pk in ids}
    for pk, number, n in (
        monthly_counts(start=previous.start, end=previous.end)
        .filter(directorate_id__in=ids)
        .values("directorate_id", "number")
        .annotate(n=Sum("records"))
        .order_by()
        .values_list("directorate_id", "number", "n")
    ):
        previous_rows[pk][number] = n
    return {
        pk: _fold_stages(
            period, rows[pk], previous_rows[pk], procedures, configured_basis
        )
        for pk in ids
    }


def _fold_stages(
    period: Period,
    rows: list[dict[str, Any]],
    previous_rows: dict[int, int],
    procedures: dict[int, dict[str, Any]],
    configured_basis: dict[str, dict[str, int]],
) -> dict[str, dict[str, Any]]:
    """The §5 stage figures from the grouped roll-up rows of one selection."""
    previous = period.previous_year()
    stages: dict[str, dict[str, Any]] = {}
    for key in STAGE_KEYS:
        number = int(key)
        totals = _empty_totals()
        families = {f: _empty_totals() for f in FAMILY_KEYS}
        family_basis: dict[str, dict[str, dict[str, int]]] = {
            f: {} for f in FAMILY_KEYS
        }
        by_procedure: dict[str, dict[str, int]] = {}
        procedure_basis: dict[str, str] = {}
        for row in rows:
            if row["number"] != number:
                continue
            _add(totals, row)
            procedure = procedures.get(row["procedure_id"])
            if procedure is None:
                continue
            code, family = procedure["code"], procedure["family"]
            by_procedure.setdefault(code, _empty_totals())
            _add(by_procedure[code], row)
            procedure_basis[code] = procedure["day_basis"]
            if family in families:
                _add(families[family], row)
                by_basis = family_basis[family]
                by_basis.setdefault(procedure["day_basis"], _empty_totals())
                _add(by_basis[procedure["day_basis"]], row)
        figures = _figures(totals)
        figures["by_family"] = {
            f: _family_figures(families[f], family_basis[f], configured_basis[f])
            for f in FAMILY_KEYS
        }
        figures["by_procedure"] = {
            code: _figures(by_procedure[code], procedure_basis[code])
            for code in sorted(by_procedure)
        }
        figures["by_quarter"] = {q: totals[f"q_{q}"] for q in QUARTERS}
        previous_received = previous_rows.get(number) or 0
        figures["previous_year"] = {
            "year": previous.label,
            "received": previous_received,
        }
        figures.update(
            comparison(
                current=totals["n_received"],
                previous=previous_received,
                previous_label=previous.label,
                noun=f"stage {number} complaints",
            )
        )
        stages[key] = figures
    return stages


_CONTACT_NOUNS: dict[str, str] = {
    Kind.INFORMAL_COMPLAINT: "informal complaints",
    Kind.SERVICE_REQUEST: "service requests",
    Kind.COMMENT: "comments",
    Kind.COMPLIMENT: "compliments",
    Kind.MP_ENQUIRY: "MP enquiries",
    Kind.MEMBER_ENQUIRY: "member enquiries",
}


def _contact_aggregates(period: Period) -> dict[str, Sum]:
    previous = period.previous_year()
    return {
        "n_received": Sum("records", filter=Q(month__range=(period.start, period.end))),
        "n_previous": Sum(
            "records", filter=Q(month__range=(previous.start, previous.end))
        ),
        **_quarter_sums(period),
    }


def contact_counts(
    *,
    period: Period,
    directorate: Directorate | None = None,
    team: Team | None = None,
) -> dict[str, dict[str, Any]]:
    """Other contacts by kind: received this year and last, difference and direction."""
    previous = period.previous_year()
    # One range from the start of the previous year to the end of this period; the
    # conditional sums then pick out the two periods.
    queryset = monthly_counts(
        start=previous.start,
        end=period.end,
        directorate=directorate,
        team=team,
        kinds=CONTACT_KINDS,
    )
    rows = {
        row["kind"]: row
        for row in queryset.values("kind")
        .annotate(**_contact_aggregates(period))
        .order_by()
    }
    return _fold_contacts(period, rows)


def contact_counts_by_directorate(
    *, period: Period, directorates: Iterable[Directorate]
) -> dict[int, dict[str, dict[str, Any]]]:
    """`contact_counts` of each directorate (by pk), in one query however many there are."""
    ids = [d.pk for d in directorates]
    previous = period.previous_year()
    rows: dict[int, dict[str, dict[str, Any]]] = {pk: {} for pk in ids}
    for row in (
        monthly_counts(start=previous.start, end=period.end, kinds=CONTACT_KINDS)
        .filter(directorate_id__in=ids)
        .values("directorate_id", "kind")
        .annotate(**_contact_aggregates(period))
        .order_by()
    ):
        rows[row["directorate_id"]][row["kind"]] = row
    return {pk: _fold_contacts(period, rows[pk]) for pk in ids}


def _fold_contacts(
    period: Period, rows: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    previous = period.previous_year()
    contacts: dict[str, dict[str, Any]] = {}
    for kind in CONTACT_KINDS:
        row = rows.get(kind, {})
        received, before = row.get("n_received") or 0, row.get("n_previous") or 0
        figures: dict[str, Any] = {
            "received": received,
            "by_quarter": {q: row.get(f"q_{q}") or 0 for q in QUARTERS},
            "previous_year": {"year": previous.label, "received": before},
        }
        figures.update(
            comparison(
                current=received,
                previous=before,
                previous_label=previous.label,
                noun=_CONTACT_NOUNS[kind],
            )
        )
        contacts[kind] = figures
    return contacts


def ombudsman_queryset(
    *, directorate: Directorate | None = None, team: Team | None = None
) -> QuerySet[OmbudsmanCase]:
    """Ombudsman rows in scope, by their own directorate and team."""
    return _scope(OmbudsmanCase.objects.all(), directorate, team)


def ombudsman_summary(
    *,
    period: Period,
    directorate: Directorate | None = None,
    team: Team | None = None,
) -> dict[str, dict[str, Any]]:
    """Ombudsman enquiries received, investigations, and decisions made in the period."""
    received_in = Q(received__range=(period.start, period.end))
    decided_in = Q(decided__range=(period.start, period.end))
    rows = (
        ombudsman_queryset(directorate=directorate, team=team)
        .filter(received_in | decided_in)
        .values("ombudsman", "decision")
        .annotate(
            n_received=Count("pk", filter=received_in),
            n_investigations=Count("pk", filter=received_in & Q(is_investigation=True)),
            n_decided=Count("pk", filter=decided_in),
        )
        .order_by()
    )
    summary: dict[str, dict[str, Any]] = {
        code: {
            "received": 0,
            "investigations": 0,
            "decided": 0,
            "decisions": {str(d): 0 for d in DECISIONS_BY_OMBUDSMAN[code]},
        }
        for code in Ombudsman.values
    }
    for row in rows:
        figures = summary.get(row["ombudsman"])
        if figures is None:
            continue
        figures["received"] += row["n_received"]
        figures["investigations"] += row["n_investigations"]
        figures["decided"] += row["n_decided"]
        if row["n_decided"] and row["decision"]:
            decisions = figures["decisions"]
            decisions[row["decision"]] = (
                decisions.get(row["decision"], 0) + row["n_decided"]
            )
    return summary


def _year_earlier(day: dt.date) -> dt.date:
    """The same day of the year before (28 February for the 29th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _to_date_counts(
    *,
    start: dt.date,
    end: dt.date,
    directorate: Directorate | None,
    team: Team | None,
) -> tuple[dict[int, int], dict[str, int]]:
    """Stage and contact records received from `start` to `end` (any day, not whole months)."""
    queryset = _scope(
        Stage.objects.filter(number__in=STAGE_NUMBERS, received__range=(start, end)),
        directorate,
        team,
    )
    stages = dict(
        queryset.filter(kind=Kind.COMPLAINT)
        .values("number")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("number", "n")
    )
    contacts = dict(
        queryset.filter(kind__in=CONTACT_KINDS)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("kind", "n")
    )
    return stages, contacts


def so_far_comparison(
    *,
    current: int,
    previous: int,
    label: str,
    previous_label: str,
    as_of: dt.date,
    noun: str,
) -> dict[str, Any]:
    """The §5 comparison of a period not yet over with the same part of the year before."""
    found = comparison(
        current=current, previous=previous, previous_label=previous_label, noun=noun
    )
    phrase = {"increase": "an increase", "decrease": "a decrease"}.get(
        found["direction"], "no change"
    )
    found["sentence"] = (
        f"So far in {label} (to {long_date(as_of)}) {phrase} has been seen in the "
        f"number of {noun} received, compared with the same period of {previous_label}"
    )
    return found


def _incomplete_apply(
    stats: dict[str, Any],
    *,
    period: Period,
    today: dt.date,
    directorate: Directorate | None,
    team: Team | None,
) -> None:
    """§5 periods not yet over: compare with the previous year cut at the same day."""
    previous = period.previous_year()
    cut = min(_year_earlier(today), previous.end)
    stage_counts, contact_counts_ = _to_date_counts(
        start=previous.start, end=cut, directorate=directorate, team=team
    )
    label = f"{period.quarter} {period.label}" if period.quarter else period.label
    groups = [
        (figures, stage_counts.get(int(key), 0), f"stage {key} complaints")
        for key, figures in stats["stages"].items()
    ] + [
        (figures, contact_counts_.get(kind, 0), _CONTACT_NOUNS[kind])
        for kind, figures in stats["contacts"].items()
    ]
    for figures, received, noun in groups:
        figures["previous_year"]["to_date"] = {
            "start": previous.start.isoformat(),
            "end": cut.isoformat(),
            "received": received,
        }
        figures.update(
            so_far_comparison(
                current=figures["received"],
                previous=received,
                label=label,
                previous_label=previous.label,
                as_of=today,
                noun=noun,
            )
        )


def _year_by_quarter_apply(
    stats: dict[str, Any],
    *,
    period: Period,
    directorate: Directorate | None,
    team: Team | None,
) -> None:
    """`year_by_quarter`: each quarter of the whole year, also when one quarter is chosen.

    `by_quarter` splits the selection (§5), so with a quarter chosen only that quarter is
    non-zero; a chart of the year draws `year_by_quarter` and marks the chosen quarter.
    """
    groups = [
        *(
            (figures, (Kind.COMPLAINT, int(k)))
            for k, figures in stats["stages"].items()
        ),
        *((figures, (kind, 1)) for kind, figures in stats["contacts"].items()),
    ]
    if period.quarter is None:
        for figures, _key in groups:
            figures["year_by_quarter"] = dict(figures["by_quarter"])
        return
    year = period.whole_year()
    rows = {
        (row["kind"], row["number"]): row
        for row in monthly_counts(
            start=year.start,
            end=year.end,
            directorate=directorate,
            team=team,
            kinds=Kind.values,
        )
        .values("kind", "number")
        .annotate(**_quarter_sums(year))
        .order_by()
    }
    for figures, key in groups:
        row = rows.get(key, {})
        if key[0] != Kind.COMPLAINT:
            # Other contacts count every stage number, as `contact_counts` does.
            row = {
                f"q_{q}": sum(
                    r.get(f"q_{q}") or 0 for k, r in rows.items() if k[0] == key[0]
                )
                for q in QUARTERS
            }
        figures["year_by_quarter"] = {q: row.get(f"q_{q}") or 0 for q in QUARTERS}


def statistics_for(
    *,
    period: Period,
    directorate: Directorate | str | int | None = None,
    team: Team | str | int | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The whole of docs/counting-rules.md §5 for one selection, as plain JSON-ready values.

    A selection that ends after `today` (the council's local date) is incomplete: it
    carries `complete: false` and `as_of`, and its comparisons are with the same part of
    the previous year (`previous_year.to_date`).
    """
    selection = selection_for(year=period, directorate=directorate, team=team)
    directorate, team = selection.directorate, selection.team
    council = Council.load()
    today = today or timezone.localdate()
    complete = period.end <= today  # §5: incomplete when the selection ends after today
    stats = {
        "year": period.label,
        "quarter": period.quarter,
        "directorate": selection.directorate.name if selection.directorate else None,
        "team": selection.team.name if selection.team else None,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "complete": complete,
        "as_of": None if complete else today.isoformat(),
        "timescale_target_percent": float(council.timescale_target_percent),
        "stages": stage_summary(period=period, directorate=directorate, team=team),
        "contacts": contact_counts(period=period, directorate=directorate, team=team),
        "ombudsman": ombudsman_summary(
            period=period, directorate=directorate, team=team
        ),
    }
    _year_by_quarter_apply(stats, period=period, directorate=directorate, team=team)
    if not complete:
        _incomplete_apply(
            stats, period=period, today=today, directorate=directorate, team=team
        )
    return stats


def years_with_records(start_month: int = 4) -> list[Period]:
    """Financial years from the first to the last complaint received (for selectors)."""
    # The roll-up is a few thousand rows; MIN and MAX together would scan the records.
    bounds = MonthlyCount.objects.filter(
        kind=Kind.COMPLAINT, number=1, records__gt=0
    ).aggregate(first=Min("month"), last=Max("month"))
    first: dt.date | None = bounds["first"]
    last: dt.date | None = bounds["last"]
    if first is None or last is None:
        current = year_of(dt.date.today(), start_month)
        return [current.previous_year(), current]
    # Only years a record could be entered for: a stray date stored before the inputs were
    # bounded (year 1, year 9999) must not add two thousand years to every picker.
    today = dt.date.today()
    first = min(max(first, EARLIEST_DATE), today)
    last = max(min(last, latest_date(today)), first)
    first_year = year_of(first, start_month).first_year
    last_year = year_of(last, start_month).first_year
    return [Period(y, None, start_month) for y in range(first_year, last_year + 1)]


def default_year() -> Period:
    """The year a dashboard opens on: the latest with complaints, else the current one."""
    return years_with_records(Council.load().financial_year_start_month)[-1]
