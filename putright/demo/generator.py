"""Deterministic synthetic interchange rows (docs/interchange-format.md §4) for the demo council.

`generate_rows(records, seed, today)` returns two iterators of `dict[str, str]` rows, one for the
`contacts` file and one for the `ombudsman` file. The same arguments always give the same rows;
every random choice comes from `random.Random` instances seeded from `seed`.

How it stays fast and constant in memory at a million rows:
- a small *plan* first fixes the number of rows of every (year, team, kind) cell, so the total
  is exactly `records` (largest-remainder rounding of the expected volumes);
- each cell then draws its rows from its own `Random(f"{seed}:{year}:{team}:{kind}")`, so a
  cell can be generated again on its own: the Ombudsman stream regenerates one team-year of
  complaints at a time to link its enquiries to real complaint references and dates;
- stage 2 and 3 rows follow a stage 1 row of the same reference, received after its response.
  Escalations that cannot happen by `today` become service requests, keeping the count exact.

No date of an event (received, acknowledged, responded, decided) is after `today`; deadlines
(`due`, `extended_to`) of open cases may be.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from putright.complaints import deadlines
from putright.complaints.deadlines import BUILTIN_BY_CODE, ProcedureRule, StageRule
from putright.core import references
from putright.core.working_days import WorkingCalendar, get_calendar
from putright.demo import labelled, profiles
from putright.demo.profiles import TEAMS, TeamProfile
from putright.imports.columns import CONTACT_COLUMNS, OMBUDSMAN_COLUMNS

Row = dict[str, str]

DEFAULT_YEARS = 4
ONE_DAY = dt.timedelta(days=1)

# Row-producing kinds of the plan. Complaint stages are planned separately so that stage 2
# and 3 volumes are proportions of stage 1.
S1, S2, S3 = "complaint_1", "complaint_2", "complaint_3"
CONTACT_KINDS = (
    "service_request",
    "informal_complaint",
    "compliment",
    "comment",
    "mp_enquiry",
    "member_enquiry",
)
_PROFILE_FIELD = {
    S1: "complaints",
    "service_request": "requests",
    "informal_complaint": "informal",
    "compliment": "compliments",
    "comment": "comments",
    "mp_enquiry": "mp",
    "member_enquiry": "members",
}
# Escalation to stage 2 as a share of stage 1, and to stage 3 (children's only).
ESCALATION = {
    "lgsco_code": 0.12,
    "corporate_21": 0.12,
    "ho_code": 0.16,
    "children_1989": 0.13,
}
STAGE_3_RATE = 0.07

_OUTCOMES: dict[tuple[str, int], tuple[tuple[str, float], ...]] = {
    ("corporate", 1): (
        ("not_upheld", 35), ("partly_upheld", 37), ("upheld", 20), ("withdrawn", 4),
        ("refused", 3), ("out_of_jurisdiction", 1),
    ),
    ("corporate", 2): (
        ("not_upheld", 48), ("partly_upheld", 30), ("upheld", 12), ("withdrawn", 4),
        ("refused", 6),
    ),
    ("housing", 1): (
        ("not_upheld", 25), ("partly_upheld", 35), ("upheld", 32), ("withdrawn", 5),
        ("refused", 3),
    ),
    ("housing", 2): (
        ("not_upheld", 38), ("partly_upheld", 34), ("upheld", 20), ("withdrawn", 4),
        ("refused", 4),
    ),
    ("children", 1): (
        ("not_upheld", 34), ("partly_upheld", 50), ("upheld", 14), ("withdrawn", 2),
    ),
    ("children", 2): (("not_upheld", 20), ("partly_upheld", 65), ("upheld", 15)),
    ("children", 3): (("not_upheld", 40), ("partly_upheld", 45), ("upheld", 15)),
    ("adults", 1): (
        ("not_upheld", 36), ("partly_upheld", 36), ("upheld", 26), ("withdrawn", 2),
    ),
}  # fmt: skip
_OUTCOME_GROUP = {
    "lgsco_code": "corporate",
    "corporate_21": "corporate",
    "ho_code": "housing",
    "children_1989": "children",
    "adults_2009": "adults",
    "public_health_2012": "adults",
}
_DECIDED = ("upheld", "partly_upheld", "not_upheld")

_LGSCO_INVESTIGATED = (("upheld", 78), ("not_upheld", 22))
_LGSCO_ASSESSED = (
    ("closed_after_initial_enquiries", 58), ("referred_back_for_local_resolution", 17),
    ("advice_given", 13), ("incomplete_invalid", 12),
)  # fmt: skip
_HO_INVESTIGATED = (
    ("severe_maladministration", 4), ("maladministration", 32), ("service_failure", 25),
    ("reasonable_redress", 12), ("no_maladministration", 20), ("mediation", 3),
    ("withdrawn", 4),
)  # fmt: skip
_CONTACT_CH = profiles.CHANNELS["contact"]
# What the Ombudsman required when it found no fault, or did not investigate.
_NO_FAULT_WORDS = {
    "not_upheld": "No fault found; no further action.",
    "closed_after_initial_enquiries": "Closed after initial enquiries; not investigated.",
    "referred_back_for_local_resolution": (
        "Referred back to the council: the complaints procedure had not been completed."
    ),
    "advice_given": "Advice given; not investigated.",
    "incomplete_invalid": "Incomplete or invalid; no further action.",
    "no_maladministration": "No maladministration; the landlord met its obligations.",
    "outside_jurisdiction": "Outside the Ombudsman's jurisdiction; not investigated.",
    "mediation": "Resolved through mediation; the agreed actions were completed.",
    "withdrawn": "Withdrawn by the resident.",
}
_HO_FAULT = {"severe_maladministration", "maladministration", "service_failure"}


def _cum(pairs: Sequence[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    values = [value for value, _ in pairs]
    return values, list(itertools.accumulate(weight for _, weight in pairs))


def _pick(rng: random.Random, table: tuple[list[Any], list[float]]) -> Any:
    values, cum = table
    return values[bisect.bisect(cum, rng.random() * cum[-1])]


def _randint(rng: random.Random, low: int, high: int) -> int:
    """Like `rng.randint(low, high)`, about three times faster (one `random()` call)."""
    return low + int(rng.random() * (high - low + 1))


def _money(amount: float) -> str:
    return f"{amount:.2f}"


def financial_year_start(day: dt.date) -> int:
    """The first calendar year of the April-March financial year holding `day`."""
    return day.year if day.month >= 4 else day.year - 1


@dataclass
class _Case:
    """A complaint as generated: its stage rows and what the Ombudsman stream needs."""

    reference: str
    team: int
    rows: list[Row] = field(default_factory=list)
    final_responded: dt.date | None = None
    final_outcome: str = ""
    escalated: bool = False


def _contact_texts(kind: str, team: TeamProfile) -> Sequence[str]:
    """What a contact of this kind is about: thanks, comments, or the team's topics."""
    if kind == "compliment":
        return profiles.COMPLIMENTS
    if kind == "comment":
        return profiles.COMMENTS
    return team.topics


class DemoGenerator:
    """The plan and the row factories for one (records, seed, today) request."""

    def __init__(
        self,
        records: int | None,
        seed: int,
        today: dt.date,
        *,
        years: int = DEFAULT_YEARS,
        closure_days: Iterable[dt.date] = (),
        council_procedure: bool = False,
        teams: Sequence[TeamProfile] = TEAMS,
        label_complaints: bool = False,
    ) -> None:
        if records is not None and records < 0:
            raise ValueError("The number of records must not be negative.")
        if years < 1:
            raise ValueError("At least one year is needed.")
        self.seed = seed
        self.today = today
        self.teams = tuple(teams)
        self.council_procedure = council_procedure
        # Bench only (putright.demo.labelled): which contacts were really complaints.
        self.label_complaints = label_complaints
        self.cal: WorkingCalendar = get_calendar("england", closure_days)
        current = financial_year_start(today)
        self.years = [current - years + 1 + i for i in range(years)]
        self._rules: dict[str, ProcedureRule] = dict(BUILTIN_BY_CODE)
        self._rules[profiles.COUNCIL_PROCEDURE.code] = profiles.COUNCIL_PROCEDURE
        self._days = {
            (year, season): self._day_weights(year, season)
            for year in self.years
            for season in profiles.SEASONS
        }
        self._tables: dict[Any, Any] = {}
        self._build_working_days()
        self._plan(records)

    # -- the plan -----------------------------------------------------------------------

    def _day_weights(
        self, year: int, season: str
    ) -> tuple[list[dt.date], list[float], float]:
        """Receipt dates of a year up to today, weighted by season and working day."""
        months = profiles.SEASONS[season]
        start, end = dt.date(year, 4, 1), min(dt.date(year + 1, 3, 31), self.today)
        days: list[dt.date] = []
        weights: list[float] = []
        day = start
        while day <= end:
            weight = months[day.month] / 30.4
            if not self.cal.is_working_day(day):
                weight *= 0.2
            days.append(day)
            weights.append(weight)
            day += ONE_DAY
        cum = list(itertools.accumulate(weights))
        if not cum:
            return days, cum, 0.0
        if end == dt.date(year + 1, 3, 31):
            return days, cum, 1.0
        # The share of a whole year's weight that has passed, for partial years.
        return days, cum, cum[-1] / self._full_year_weight(year, season)

    def _full_year_weight(self, year: int, season: str) -> float:
        months = profiles.SEASONS[season]
        total = 0.0
        day, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
        while day <= end:
            weight = months[day.month] / 30.4
            total += weight if self.cal.is_working_day(day) else weight * 0.2
            day += ONE_DAY
        return total

    def _trend(self, directorate: str, index: int) -> float:
        trend = profiles.TRENDS.get(directorate, (1.0,))
        return trend[index % len(trend)]

    def _plan(self, records: int | None) -> None:
        noise = random.Random(f"{self.seed}:plan")
        self.ombudsman_expected: dict[tuple[int, int, str], float] = {}
        expected: list[tuple[tuple[int, int, str], float]] = []
        for yi, year in enumerate(self.years):
            for ti, team in enumerate(self.teams):
                expected += self._expected_cells(noise, yi, year, ti, team)
        self._apportion(expected, records)
        self._plan_references(noise)

    def _expected_cells(
        self, noise: random.Random, yi: int, year: int, ti: int, team: TeamProfile
    ) -> list[tuple[tuple[int, int, str], float]]:
        """One team's expected rows in one year, per stage and kind (unscaled)."""
        share = self._days[(year, team.season)][2]
        trend = self._trend(team.directorate, yi) * math.exp(noise.gauss(0, 0.06))
        volume = share * trend
        s1 = team.complaints * volume
        expected = [((yi, ti, S1), s1)]
        procedure = self.procedure_for(team, year)
        rate = ESCALATION.get(procedure, 0.0)
        # A partial year has had less time to escalate.
        lag = 1.0 if share >= 0.99 else 0.7
        expected.append(((yi, ti, S2), s1 * rate * lag))
        if procedure == "children_1989":
            expected.append(((yi, ti, S3), s1 * STAGE_3_RATE * lag))
        for kind in CONTACT_KINDS:
            base = getattr(team, _PROFILE_FIELD[kind])
            expected.append(((yi, ti, kind), base * volume))
        for ombudsman in ("lgsco", "ho"):
            value = getattr(team, ombudsman) * volume
            if value:
                self.ombudsman_expected[(yi, ti, ombudsman)] = value
        return expected

    def _apportion(
        self, expected: list[tuple[tuple[int, int, str], float]], records: int | None
    ) -> None:
        """Scale to the target and round so the counts add up exactly (largest remainder)."""
        natural = sum(value for _, value in expected)
        target = round(natural) if records is None else records
        scale = target / natural if natural else 0.0
        self.scale = scale
        floors = []
        for key, value in expected:
            scaled = value * scale
            floors.append((key, int(scaled), scaled - int(scaled)))
        missing = target - sum(count for _, count, _ in floors)
        order = sorted(range(len(floors)), key=lambda i: (-floors[i][2], i))
        bonus = set(order[:missing])
        self.counts: dict[tuple[int, int, str], int] = {
            key: count + (1 if i in bonus else 0)
            for i, (key, count, _) in enumerate(floors)
        }
        self.records = target

    def _plan_references(self, noise: random.Random) -> None:
        # Reference numbers: every cell reserves its rows' worth in its year, in plan order;
        # a year's numbers are then scrambled by an affine permutation so that references
        # do not reveal the team or kind.
        self._offsets: dict[tuple[int, int, str], int] = {}
        self._year_size: dict[int, int] = {}
        self._year_perm: dict[int, tuple[int, int]] = {}
        for yi in range(len(self.years)):
            offset = 0
            for ti in range(len(self.teams)):
                for kind in (S1, *CONTACT_KINDS):
                    self._offsets[(yi, ti, kind)] = offset
                    offset += self._reserved(yi, ti, kind)
            size = max(offset, 1)
            multiplier = 7919
            while math.gcd(multiplier, size) != 1:
                multiplier += 2
            self._year_size[yi] = size
            self._year_perm[yi] = (multiplier, noise.randrange(size))

    def _reserved(self, yi: int, ti: int, kind: str) -> int:
        count = self.counts.get((yi, ti, kind), 0)
        if kind == S1:
            count += self.counts.get((yi, ti, S2), 0) + self.counts.get((yi, ti, S3), 0)
        return count

    def procedure_for(self, team: TeamProfile, year: int) -> str:
        """The council's own procedure before the LGSCO Code applied, if it has one."""
        if (
            self.council_procedure
            and team.procedure == "lgsco_code"
            and dt.date(year + 1, 3, 31) < profiles.LGSCO_CODE_FROM
        ):
            return profiles.COUNCIL_PROCEDURE.code
        return team.procedure

    def reference(self, yi: int, ti: int, kind: str, index: int) -> str:
        number = self._offsets[(yi, ti, kind)] + index
        multiplier, shift = self._year_perm[yi]
        scrambled = (number * multiplier + shift) % self._year_size[yi] + 1
        # The council's own series, so contacts logged after the demo number on from it.
        return references.format_reference(
            profiles.REFERENCE_PATTERN,
            prefix=profiles.REFERENCE_PREFIX,
            year=self.years[yi],
            number=scrambled,
        )

    # -- shared helpers -----------------------------------------------------------------

    def _table(self, key: Any, pairs: Sequence[tuple[Any, float]]) -> Any:
        table = self._tables.get(key)
        if table is None:
            table = self._tables[key] = _cum(pairs)
        return table

    def _received(self, rng: random.Random, yi: int, team: TeamProfile) -> dt.date:
        days, cum, _ = self._days[(self.years[yi], team.season)]
        return days[bisect.bisect(cum, rng.random() * cum[-1])]

    def _base(self, rng: random.Random, kind: str, team: TeamProfile) -> Row:
        row = dict.fromkeys(CONTACT_COLUMNS, "")
        row["kind"] = kind
        row["directorate"] = team.directorate
        row["team"] = team.name
        row["channel"] = _pick(
            rng, self._table(("ch", kind), profiles.CHANNELS.get(kind, _CONTACT_CH))
        )
        return row

    def _complainant(self, rng: random.Random, team: TeamProfile) -> str:
        return _pick(
            rng,
            self._table(
                ("ct", team.directorate), profiles.COMPLAINANT_TYPES[team.directorate]
            ),
        )

    def _natures(self, rng: random.Random, team: TeamProfile) -> str:
        table = self._table(
            ("in", team.directorate), profiles.ISSUE_NATURES[team.directorate]
        )
        first = _pick(rng, table)
        if rng.random() < 0.3:
            second = _pick(rng, table)
            if second != first:
                return f"{first};{second}"
        return first

    def _build_working_days(self) -> None:
        """A local index of working days around the generated years, for speed.

        Same answers as `WorkingCalendar.add_working_days` (checked in the tests); dates
        outside the index fall back to the calendar.
        """
        first = dt.date(self.years[0], 1, 1)
        last = dt.date(self.years[-1] + 3, 12, 31)
        self._base_ordinal = first.toordinal()
        counts: list[int] = []
        dates: list[dt.date] = []
        day = first
        while day <= last:
            if self.cal.is_working_day(day):
                dates.append(day)
            counts.append(len(dates))
            day += ONE_DAY
        self._wd_count = counts
        self._wd_dates = dates

    def _wd(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (docs/deadline-rules.md §2); n below 0 counts as 0."""
        if n <= 0:
            return day
        index = day.toordinal() - self._base_ordinal
        if 0 <= index < len(self._wd_count):
            target = self._wd_count[index] + n - 1
            if target < len(self._wd_dates):
                return self._wd_dates[target]
        return self.cal.add_working_days(day, n)

    def _on_or_before_today(self, day: dt.date | None) -> str:
        return day.isoformat() if day is not None and day <= self.today else ""

    # -- complaints ---------------------------------------------------------------------

    def _stage(
        self,
        rng: random.Random,
        row: Row,
        team: TeamProfile,
        procedure: str,
        number: int,
        received: dt.date,
    ) -> tuple[dt.date | None, str]:
        """Fill one stage's clock and outcome; return (responded or None, outcome)."""
        rule: StageRule = self._rules[procedure].stage(number)
        row["stage"] = str(number)
        row["procedure"] = procedure
        row["received"] = received.isoformat()
        acknowledged = self._acknowledged(rng, rule, received)
        due = deadlines.response_due(
            rule, received, self.cal, acknowledged=acknowledged
        )
        row["due"] = due.isoformat()
        outcome = self._outcome(rng, team, procedure, number)
        responded, extended_to, refusal = self._response(
            rng,
            rule,
            team,
            outcome,
            received=received,
            acknowledged=acknowledged,
            due=due,
        )
        if acknowledged and acknowledged > responded:
            acknowledged = responded
        row["acknowledged"] = self._on_or_before_today(acknowledged)
        if extended_to is not None and due <= self.today:
            row["extended_to"] = extended_to.isoformat()
        if responded > self.today:
            return None, ""
        row["responded"] = responded.isoformat()
        row["outcome"] = outcome
        row["refusal_reason"] = refusal
        if outcome in _DECIDED:
            self._findings(rng, row, team, outcome)
        return responded, outcome

    def _acknowledged(
        self, rng: random.Random, rule: StageRule, received: dt.date
    ) -> dt.date | None:
        """The acknowledgement date: mostly within the target, some a few days late."""
        if not rule.acknowledge_days:
            return None
        target = rule.acknowledge_days
        if rng.random() < 0.07:
            days = target + _randint(rng, 1, 4)
        else:
            days = _randint(rng, 0 if target > 2 else 1, target)
        return self._wd(received, days)

    def _outcome(
        self, rng: random.Random, team: TeamProfile, procedure: str, number: int
    ) -> str:
        group = _OUTCOME_GROUP[procedure]
        mix = _OUTCOMES.get((group, number)) or _OUTCOMES[(group, 1)]
        if team.upheld != 1.0:
            mix = tuple((o, w * team.upheld if o == "upheld" else w) for o, w in mix)
        return _pick(rng, self._table(("out", procedure, number, team.name), mix))

    def _response(
        self,
        rng: random.Random,
        rule: StageRule,
        team: TeamProfile,
        outcome: str,
        *,
        received: dt.date,
        acknowledged: dt.date | None,
        due: dt.date,
    ) -> tuple[dt.date, dt.date | None, str]:
        """When the stage is answered: (responded, extended_to or None, refusal reason)."""
        if outcome == "refused":
            responded = self._wd(acknowledged or received, _randint(rng, 0, 3))
            refusal = _pick(rng, self._table("refusal", profiles.REFUSAL_REASONS))
            return responded, None, refusal
        if outcome == "withdrawn":
            return self._wd(received, _randint(rng, 2, 15)), None, ""
        if rule.respond_unit == deadlines.CALENDAR_MONTHS:
            # Six months is the outer limit; councils answer most within a few weeks.
            extended_to = None
            responded = self._wd(received, int(rng.triangular(5, 45, 12)))
            if rng.random() < team.late:
                responded = self._wd(due, _randint(rng, 1, 20))
            elif rng.random() < 0.03:
                extended_to = deadlines.add_calendar_months(due, _randint(rng, 1, 2))
                responded = self._wd(due, _randint(rng, 1, 25))
            return responded, extended_to, ""
        span = max(self.cal.working_days_between(received, due), 1)
        if rng.random() >= team.late:
            responded = self._wd(
                received, int(rng.triangular(span * 0.3, span, span * 0.85)) + 1
            )
            return min(responded, due), None, ""
        responded, extended_to = self._late(rng, rule, due)
        return responded, extended_to, ""

    def _late(
        self, rng: random.Random, rule: StageRule, due: dt.date
    ) -> tuple[dt.date, dt.date | None]:
        """A late response: half with an agreed extension (some beyond the cap)."""
        if rng.random() < 0.5:
            # No extension agreed: most a few days late, some left to drift for weeks.
            days = (
                _randint(rng, 16, 60) if rng.random() < 0.25 else _randint(rng, 1, 15)
            )
            return self._wd(due, days), None
        limit = deadlines.extension_limit(rule, due, self.cal)
        if limit is None:
            extended_to = self._wd(due, _randint(rng, 5, 20))
        elif rng.random() < 0.15:
            extended_to = self._wd(limit, _randint(rng, 2, 10))
        else:
            extra = max(self.cal.working_days_between(due, limit), 1)
            extended_to = self._wd(due, _randint(rng, 1, extra))
        if rng.random() < 0.75:
            spread = max(self.cal.working_days_between(due, extended_to), 1)
            return self._wd(due, _randint(rng, 1, spread)), extended_to
        return self._wd(extended_to, _randint(rng, 1, 10)), extended_to

    def _findings(
        self, rng: random.Random, row: Row, team: TeamProfile, outcome: str
    ) -> None:
        """Root causes, remedies, financial remedy and learning of a decided stage."""
        if outcome == "not_upheld":
            row["remedies"] = "explanation" if rng.random() < 0.7 else ""
            if rng.random() < 0.3:
                row["root_causes"] = "Policy applied correctly"
            return
        causes = self._table("rc", profiles.ROOT_CAUSES)
        row["root_causes"] = _pick(rng, causes)
        remedies = ["apology"] if rng.random() < 0.9 else []
        for remedy, chance in (
            ("explanation", 0.5),
            ("service_action", 0.4),
            ("record_amended", 0.05),
            ("decision_changed", 0.06),
            ("policy_change", 0.03),
            ("training", 0.06),
        ):
            if rng.random() < chance:
                remedies.append(remedy)
        financial = 0.25 if team.directorate == "Housing" else 0.1
        if outcome == "upheld":
            financial *= 1.6
        if rng.random() < financial:
            remedies.append("financial")
            amount = round(rng.uniform(25, 300) * team.remedy_scale / 5) * 5
            row["financial_remedy"] = _money(max(amount, 25))
        row["remedies"] = ";".join(remedies)
        if rng.random() < (0.5 if outcome == "upheld" else 0.25):
            row["learning"] = rng.choice(profiles.LEARNING)

    def complaint_block(self, yi: int, ti: int) -> tuple[list[_Case], int]:
        """The complaints of one team-year, and how many planned escalations could not be."""
        team = self.teams[ti]
        year = self.years[yi]
        procedure = self.procedure_for(team, year)
        rng = random.Random(f"{self.seed}:{year}:{team.name}:complaints")
        n1 = self.counts.get((yi, ti, S1), 0)
        n2 = self.counts.get((yi, ti, S2), 0)
        n3 = self.counts.get((yi, ti, S3), 0)
        cases: list[_Case] = []
        for index in range(n1):
            case = _Case(self.reference(yi, ti, S1, index), ti)
            row = self._base(rng, "complaint", team)
            row["reference"] = case.reference
            row["complainant_type"] = self._complainant(rng, team)
            row["issue_natures"] = self._natures(rng, team)
            row["summary"] = rng.choice(team.topics)
            if team.commissioned and rng.random() < team.commissioned:
                row["commissioned"] = "true"
            received = self._received(rng, yi, team)
            case.final_responded, case.final_outcome = self._stage(
                rng, row, team, procedure, 1, received
            )
            case.rows.append(row)
            cases.append(case)
        short = self._escalate(rng, cases, team, procedure, 2, n2)
        short += self._escalate(rng, cases, team, procedure, 3, n3)
        return cases, short

    def _escalate(
        self,
        rng: random.Random,
        cases: list[_Case],
        team: TeamProfile,
        procedure: str,
        number: int,
        wanted: int,
    ) -> int:
        """Escalate `wanted` cases from stage number-1; return how many could not be."""
        if not wanted:
            return 0
        candidates = []
        for position, case in enumerate(cases):
            if len(case.rows) != number - 1 or case.final_outcome not in _DECIDED:
                continue
            gap = _randint(rng, 3, 35)
            received = case.final_responded + dt.timedelta(days=gap)  # type: ignore[operator]
            received = self._next_working_day(received)
            if received > self.today:
                continue
            # Complainants who were not upheld ask for a review more often.
            weight = 2.0 if case.final_outcome == "not_upheld" else 1.0
            candidates.append((rng.random() ** (1 / weight), position, received))
        candidates.sort(reverse=True)
        chosen = sorted(candidates[:wanted], key=lambda c: c[1])
        for _, position, received in chosen:
            case = cases[position]
            first = case.rows[0]
            row = dict(first)
            for column in (
                "acknowledged", "due", "extended_to", "responded", "outcome",
                "refusal_reason", "root_causes", "remedies", "financial_remedy",
                "learning",
            ):  # fmt: skip
                row[column] = ""
            row["channel"] = "email" if rng.random() < 0.85 else "letter"
            case.final_responded, case.final_outcome = self._stage(
                rng, row, team, procedure, number, received
            )
            case.rows.append(row)
            case.escalated = True
        return wanted - len(chosen)

    # -- other contacts -----------------------------------------------------------------

    def _contacts_cell(
        self,
        yi: int,
        ti: int,
        kind: str,
        count: int,
        first_index: int = 0,
        numbering: str | None = None,
    ) -> Iterator[Row]:
        """`count` rows of one kind; `numbering` is the plan cell whose references they use."""
        team = self.teams[ti]
        year = self.years[yi]
        numbering = numbering or kind
        rng = random.Random(f"{self.seed}:{year}:{team.name}:{kind}:{numbering}")
        texts = _contact_texts(kind, team)
        # Everything that does not change from row to row is looked up once per cell.
        template = dict.fromkeys(CONTACT_COLUMNS, "")
        template.update(kind=kind, directorate=team.directorate, team=team.name)
        channels = self._table(("ch", kind), profiles.CHANNELS.get(kind, _CONTACT_CH))
        days, cum, _ = self._days[(year, team.season)]
        day_total = cum[-1]
        is_mp = kind == "mp_enquiry"
        typed = kind in ("service_request", "informal_complaint", "member_enquiry")
        types = self._table(
            ("ct", team.directorate), profiles.COMPLAINANT_TYPES[team.directorate]
        )
        natures = kind == "informal_complaint"
        # A compliment is thanked and passed to the team, with no acknowledgement first.
        thanked = kind == "compliment"
        late_chance = team.late * 2
        random_ = rng.random
        wd = self._wd
        for index in range(first_index, first_index + count):
            row = template.copy()
            row["channel"] = _pick(rng, channels)
            row["reference"] = self.reference(yi, ti, numbering, index)
            received = days[bisect.bisect(cum, random_() * day_total)]
            row["received"] = received.isoformat()
            row["summary"] = texts[int(random_() * len(texts))]
            if is_mp:
                row["complainant_type"] = "mp"
                row["constituency"] = _pick(
                    rng, self._table("mp", profiles.CONSTITUENCIES)
                )
                row["due"] = wd(received, 10).isoformat()
            elif typed:
                row["complainant_type"] = _pick(rng, types)
            if natures:
                row["issue_natures"] = self._natures(rng, team)
            self._contact_reply(
                row, random_, received, thanked=thanked, late_chance=late_chance
            )
            if self.label_complaints:
                labelled.label_row(self.seed, row)
            yield row

    def _contact_reply(
        self,
        row: Row,
        random_: Callable[[], float],
        received: dt.date,
        *,
        thanked: bool,
        late_chance: float,
    ) -> None:
        """Acknowledged and responded dates of a contact (none after today)."""
        today = self.today
        wd = self._wd
        if thanked:
            responded = wd(received, 1 + int(random_() * 5))
            if responded <= today:
                row["responded"] = responded.isoformat()
            return
        acknowledged = wd(received, int(random_() * 3))
        if acknowledged <= today:
            row["acknowledged"] = acknowledged.isoformat()
        days_taken = 1 + int(random_() * 10)
        if random_() < late_chance:
            days_taken += 1 + int(random_() * 20)
        responded = wd(received, days_taken)
        if responded <= today:
            row["responded"] = responded.isoformat()

    def contacts(self) -> Iterator[Row]:
        """Every contact row, year by year and team by team: exactly `records` rows."""
        for yi in range(len(self.years)):
            for ti in range(len(self.teams)):
                cases, short = self.complaint_block(yi, ti)
                for case in cases:
                    yield from case.rows
                for kind in CONTACT_KINDS:
                    count = self.counts.get((yi, ti, kind), 0)
                    if count:
                        yield from self._contacts_cell(yi, ti, kind, count)
                if short:
                    # Planned escalations that could not happen by today: their reserved
                    # reference numbers (after the stage 1 ones) go to service requests.
                    yield from self._fillers(yi, ti, len(cases), short)

    def _fillers(self, yi: int, ti: int, first: int, count: int) -> Iterator[Row]:
        return self._contacts_cell(yi, ti, "service_request", count, first, S1)

    # -- Ombudsman ----------------------------------------------------------------------

    def ombudsman(self) -> Iterator[Row]:
        """Ombudsman enquiries, linked to complaints the council had answered before.

        Team by team, so only two team-years of complaints are held at once: an enquiry
        received in one year may concern a complaint answered the year before.
        """
        rng = random.Random(f"{self.seed}:ombudsman")
        counters = {"lgsco": _randint(rng, 1000, 4000), "ho": _randint(rng, 100, 900)}
        for ti, team in enumerate(self.teams):
            if not (team.lgsco or team.ho):
                continue
            previous: list[_Case] = []
            used: set[str] = set()
            for yi in range(len(self.years)):
                cases, _ = self.complaint_block(yi, ti)
                pool = [c for c in (*previous, *cases) if c.final_responded]
                for ombudsman in ("lgsco", "ho"):
                    expected = self.ombudsman_expected.get((yi, ti, ombudsman), 0.0)
                    expected *= self.scale
                    count = int(expected) + (rng.random() < expected - int(expected))
                    for _ in range(count):
                        counters[ombudsman] += _randint(rng, 1, 9)
                        received = self._next_working_day(self._received(rng, yi, team))
                        case = self._referred_case(rng, pool, used, received)
                        yield self._ombudsman_row(
                            rng, ombudsman, counters[ombudsman], team, received, case
                        )
                previous = cases

    def _next_working_day(self, day: dt.date) -> dt.date:
        if self.cal.is_working_day(day):
            return day
        return self.cal.next_working_day(day)

    def _referred_case(
        self,
        rng: random.Random,
        pool: list[_Case],
        used: set[str],
        received: dt.date,
    ) -> _Case | None:
        """A complaint answered 10 to 200 days before the enquiry; escalated ones first."""
        earliest = received - dt.timedelta(days=200)
        latest = received - dt.timedelta(days=10)
        candidates = [
            case
            for case in pool
            if case.reference not in used and earliest <= case.final_responded <= latest  # type: ignore[operator]
        ]
        if not candidates or rng.random() < 0.15:
            return None
        escalated = [case for case in candidates if case.escalated]
        if escalated and rng.random() < 0.7:
            candidates = escalated
        case = rng.choice(candidates)
        used.add(case.reference)
        return case

    def _ombudsman_row(
        self,
        rng: random.Random,
        ombudsman: str,
        number: int,
        team: TeamProfile,
        received: dt.date,
        case: _Case | None,
    ) -> Row:
        row = dict.fromkeys(OMBUDSMAN_COLUMNS, "")
        row["ombudsman"] = ombudsman
        row["directorate"] = team.directorate
        row["team"] = team.name
        row["category"] = team.category
        premature = case is None
        if case is not None:
            row["complaint_reference"] = case.reference
        row["received"] = received.isoformat()
        if ombudsman == "lgsco":
            row["reference"] = (
                f"{received.year % 100:02d} {number // 1000 % 1000:03d} {number % 1000:03d}"
            )
        else:
            row["reference"] = f"{received.year}{number:05d}"
        topic = rng.choice(team.topics)
        topic = topic[0].lower() + topic[1:]
        row["summary"] = f"{team.name} received one complaint in relation to {topic}."
        investigated = not premature and rng.random() < 0.4
        row["investigation"] = "true" if investigated else ""
        if investigated:
            decided = received + dt.timedelta(days=_randint(rng, 60, 300))
            table = _LGSCO_INVESTIGATED if ombudsman == "lgsco" else _HO_INVESTIGATED
            decision = _pick(rng, self._table(("omb", ombudsman), table))
        elif ombudsman == "lgsco":
            decided = received + dt.timedelta(days=_randint(rng, 10, 90))
            decision = (
                "referred_back_for_local_resolution"
                if premature
                else _pick(rng, self._table("lgsco_assessed", _LGSCO_ASSESSED))
            )
        else:
            # Most Housing Ombudsman enquiries are premature: sent back to the landlord.
            decided = received + dt.timedelta(days=_randint(rng, 10, 60))
            decision = rng.choice(("outside_jurisdiction", "withdrawn", "", "", ""))
        if decided > self.today or not decision:
            return row
        row["decided"] = decided.isoformat()
        row["decision"] = decision
        self._ombudsman_remedy(rng, row, ombudsman, team, decision, decided, topic)
        return row

    def _ombudsman_remedy(
        self,
        rng: random.Random,
        row: Row,
        ombudsman: str,
        team: TeamProfile,
        decision: str,
        decided: dt.date,
        topic: str,
    ) -> None:
        """Requirement, remedy, recommendations and lessons in the style of seed 000."""
        if decision == "reasonable_redress" or (
            decision == "upheld" and rng.random() < 0.15
        ):
            row["satisfactory_remedy_by_council"] = "true"
            who = "council" if ombudsman == "lgsco" else "landlord"
            row["requirement"] = (
                f"Fault found, but the {who} had already put things right; "
                "no further action required."
            )
            row["lessons"] = random.Random(f"text:{row['reference']}").choice(
                (
                    f"The {who}'s final response had already apologised and put "
                    "things right.",
                    f"Remedy already provided at the {who}'s final stage.",
                    f"The {who} had already offered a payment the Ombudsman thought "
                    "fair.",
                )
            )
            return
        if decision not in ("upheld", *_HO_FAULT):
            row["requirement"] = _NO_FAULT_WORDS[decision]
            row["lessons"] = "N/A"
            return
        amount = 0
        if rng.random() < 0.7:
            top = 1500 if decision == "severe_maladministration" else 600
            amount = round(rng.uniform(100, top) * team.remedy_scale / 50) * 50
            row["remedy_amount"] = _money(amount)
        recommendations = _randint(rng, 1, 4)
        row["recommendations"] = str(recommendations)
        on_time = late = 0
        for _ in range(recommendations):
            due = decided + dt.timedelta(days=_randint(rng, 28, 90))
            if due <= self.today:
                if rng.random() < 0.1:
                    late += 1
                else:
                    on_time += 1
        row["recommendations_on_time"] = str(on_time)
        row["recommendations_late"] = str(late)
        row["requirement"], row["lessons"] = _remedy_texts(
            random.Random(f"text:{row['reference']}"),
            who="council" if ombudsman == "lgsco" else "landlord",
            amount=amount,
            recommendations=recommendations,
            topic=topic,
        )


# What an Ombudsman requires after finding fault, and what the council then did: a few
# ways of saying each, chosen by a random seeded from the enquiry's reference (so the text
# varies without changing any other draw, and so any figure).
_APOLOGY = (
    ("apologise to the complainant in writing for the fault identified",
     "written apology sent to the complainant"),
    ("provide a written apology for the delay and the poor communication",
     "apology for the delay sent"),
    ("apologise to the resident in line with the Ombudsman's guidance on remedies",
     "apology sent, following the Ombudsman's guidance"),
)  # fmt: skip
_PAYMENT = (
    ("pay £{amount:,} to recognise the distress and the time and trouble of pursuing "
     "the complaint", "£{amount:,} paid to the complainant"),
    ("pay £{amount:,} for the avoidable distress caused",
     "payment of £{amount:,} made"),
)  # fmt: skip
_REVIEW = (
    ("review similar cases from the last 12 months ({topic}) and put right any that "
     "went the same way", "similar cases reviewed ({topic}); two more residents "
     "contacted"),
    ("explain to the Ombudsman what the {who} will change so the fault found "
     "({topic}) is not repeated", "the Ombudsman told of the changes made ({topic})"),
    ("check its procedure against what went wrong in this case ({topic}) and report "
     "the changes", "procedure checked and updated ({topic})"),
)  # fmt: skip
_STAFF = (
    ("remind staff of the complaints procedure timescales",
     "staff reminded of the complaints procedure timescales"),
    ("give staff guidance on updating complainants when a response will be late",
     "guidance on late responses issued to the team"),
    ("train complaint handlers to record the reason for every extension",
     "complaint handlers trained on recording extensions"),
)  # fmt: skip


def _remedy_texts(
    text: random.Random, *, who: str, amount: int, recommendations: int, topic: str
) -> tuple[str, str]:
    """The requirement and the lessons of a fault finding, as sentences."""
    soon = [text.choice(_APOLOGY)]
    if amount:
        soon.append(text.choice(_PAYMENT))
    later = []
    if recommendations > 1:
        later.append(text.choice(_REVIEW))
    if recommendations > 2:
        later.append(text.choice(_STAFF))

    def words(pairs: list[tuple[str, str]], index: int) -> list[str]:
        return [
            pair[index].format(amount=amount, topic=topic, who=who) for pair in pairs
        ]

    requirement = "Within one month: " + " and ".join(words(soon, 0)) + "."
    if later:
        requirement += " Within three months: " + "; ".join(words(later, 0)) + "."
    done = words(soon, 1) + words(later, 1)
    lessons = "; ".join(done) + "."
    return requirement, lessons[0].upper() + lessons[1:]


def generate_rows(
    records: int | None,
    seed: int,
    today: dt.date,
    *,
    years: int = DEFAULT_YEARS,
    closure_days: Iterable[dt.date] = (),
    council_procedure: bool = False,
) -> tuple[Iterator[Row], Iterator[Row]]:
    """Contacts and Ombudsman rows for `years` financial years ending with today's.

    `records` is the exact number of contact rows (None: the demo council's natural volume,
    about 600 stage 1 complaints a year). `council_procedure` uses the council's own
    `corporate_21` procedure for corporate complaints before April 2026; the target database
    must then have it configured (the `demo` command does).
    """
    generator = DemoGenerator(
        records,
        seed,
        today,
        years=years,
        closure_days=closure_days,
        council_procedure=council_procedure,
    )
    return generator.contacts(), generator.ombudsman()
