"""Working days and calendar arithmetic (docs/deadline-rules.md §2, docs/regulatory-rules.md §7).

Pure: no database, no settings. A `WorkingCalendar` is built from a nation and the council's
closure days; everything that counts days (deadlines, response times, reminders, statistics)
goes through one.

Definitions, exactly as docs/deadline-rules.md §2 states them:
- a working day is Monday to Friday, not a bank holiday in the nation's calendar, not a
  closure day; Christmas Day, Boxing Day and Good Friday are never working days;
- `add_working_days(d, n)` is the n-th working day after d (d itself never counts);
- `working_days_between(a, b)` counts working days w with a < w <= b (0 when b <= a).

Internally every date has a working-day ordinal: the number of working days from the epoch up
to and including that date. Both operations become an index look-up, which keeps imports of a
million rows and per-record response times cheap. The same ordinals can be written into a SQL
calendar table so the database can count working days too.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays
from dateutil.easter import easter

NATIONS = ("england", "wales", "scotland", "northern_ireland")

# England and Wales share one bank-holiday calendar (BFDA 1971 Sch. 1).
_SUBDIVISION = {
    "england": "ENG",
    "wales": "WLS",
    "scotland": "SCT",
    "northern_ireland": "NIR",
}

# The range held in memory; it grows on demand when a date falls outside it.
_DEFAULT_FIRST_YEAR = 1990
_DEFAULT_LAST_YEAR = 2060


class WorkingCalendar:
    """The working days of one nation plus a council's closure days."""

    def __init__(
        self,
        nation: str = "england",
        closure_days: Iterable[dt.date] = (),
        *,
        first_year: int = _DEFAULT_FIRST_YEAR,
        last_year: int = _DEFAULT_LAST_YEAR,
    ) -> None:
        if nation not in _SUBDIVISION:
            raise ValueError(
                f"Unknown nation {nation!r}: use one of {', '.join(NATIONS)}."
            )
        self.nation = nation
        self.closure_days = frozenset(closure_days)
        self._build(first_year, last_year)

    # -- construction -------------------------------------------------------------------

    def _build(self, first_year: int, last_year: int) -> None:
        self.first_year = first_year
        self.last_year = last_year
        years = range(first_year, last_year + 1)
        bank = holidays.UnitedKingdom(subdiv=_SUBDIVISION[self.nation], years=years)
        non_working: set[dt.date] = set(bank.keys()) | set(self.closure_days)
        for year in years:
            # Common-law holidays named in the statutory definitions, whatever a feed says.
            non_working.add(dt.date(year, 12, 25))
            non_working.add(dt.date(year, 12, 26))
            non_working.add(easter(year) - dt.timedelta(days=2))
        self.holidays = frozenset(
            d for d in non_working if first_year <= d.year <= last_year
        )
        self._epoch = dt.date(first_year, 1, 1)
        self._end = dt.date(last_year, 12, 31)
        size = (self._end - self._epoch).days + 1
        ordinals = [0] * size
        working_dates: list[dt.date] = []
        count = 0
        day = self._epoch
        one = dt.timedelta(days=1)
        for i in range(size):
            if day.weekday() < 5 and day not in self.holidays:
                count += 1
                working_dates.append(day)
            ordinals[i] = count
            day += one
        self._ordinals = ordinals
        self._working_dates = working_dates

    def _ensure(self, *dates: dt.date) -> None:
        low = min(d.year for d in dates)
        high = max(d.year for d in dates)
        if low < self.first_year or high > self.last_year:
            self._build(min(low, self.first_year), max(high + 5, self.last_year))

    # -- the contract -------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        """Monday to Friday, not a bank holiday of the nation, not a closure day."""
        return day.weekday() < 5 and day not in self._holidays_for(day)

    def _holidays_for(self, day: dt.date) -> frozenset[dt.date]:
        self._ensure(day)
        return self.holidays

    def ordinal(self, day: dt.date) -> int:
        """Working days from the calendar's epoch up to and including `day`."""
        index = (day - self._epoch).days
        if 0 <= index < len(self._ordinals):  # fast path: within the range held
            return self._ordinals[index]
        self._ensure(day)
        return self._ordinals[(day - self._epoch).days]

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day`; `day` itself is never counted (n >= 0)."""
        if n < 0:
            raise ValueError("n must not be negative.")
        if n == 0:
            return day
        target = self.ordinal(day) + n
        while target > len(self._working_dates):
            self._build(self.first_year, self.last_year + 20)
        return self._working_dates[target - 1]

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days w with start < w <= end; 0 when end <= start."""
        if end <= start:
            return 0
        return self.ordinal(end) - self.ordinal(start)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day after `day`."""
        return self.add_working_days(day, 1)

    def working_days_in(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Working days w with start <= w <= end, in order."""
        self._ensure(start, end)
        lo = bisect.bisect_left(self._working_dates, start)
        hi = bisect.bisect_right(self._working_dates, end)
        return self._working_dates[lo:hi]

    def non_working_weekdays(self, year: int) -> list[dt.date]:
        """Bank holidays and closure days of a year that fall on a weekday."""
        self._ensure(dt.date(year, 1, 1))
        return sorted(d for d in self.holidays if d.year == year and d.weekday() < 5)


def calendar_days_between(start: dt.date, end: dt.date) -> int:
    """`(end - start).days`: docs/deadline-rules.md §2."""
    return (end - start).days


def add_calendar_days(day: dt.date, n: int) -> dt.date:
    return day + dt.timedelta(days=n)


def add_calendar_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later, clamped to the month's end.

    31 August + 6 months is 28 February (29 February in a leap year): the adult social care
    "6 months from receipt" deadline (SI 2009/309 reg 14).
    """
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


@lru_cache(maxsize=32)
def _cached(nation: str, closure_days: frozenset[dt.date]) -> WorkingCalendar:
    return WorkingCalendar(nation, closure_days)


def get_calendar(
    nation: str = "england", closure_days: Iterable[dt.date] = ()
) -> WorkingCalendar:
    """A shared calendar for a nation and set of closure days (built once, then cached)."""
    return _cached(nation, frozenset(closure_days))
