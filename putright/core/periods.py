"""Reporting periods (docs/interchange-format.md §1): the council's financial year, its
quarters and its halves.

The year label is `2022/2023`; inputs also accept `2022/23`, `2022-23` and `2022-2023`.
Q1 is the first three months of the year (April-June for an April start); H1 is the first
six months (April-September) and H2 the last six. Halves are a widening for part-year
reports (`parse_part`); `parse_quarter`, which the dashboard, the API and `putright stats`
use, still accepts quarters only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
HALVES = ("H1", "H2")
PARTS = QUARTERS + HALVES
# Each part of the year as (months from the year's start to its start, to its end).
_PART_MONTHS = {
    "Q1": (0, 3),
    "Q2": (3, 6),
    "Q3": (6, 9),
    "Q4": (9, 12),
    "H1": (0, 6),
    "H2": (6, 12),
}
_YEAR = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$")


class PeriodError(ValueError):
    """A year or quarter that cannot be understood; the message says what is accepted."""


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = month - 1 + months
    return year + index // 12, index % 12 + 1


@dataclass(frozen=True)
class Period:
    """A financial year, or one quarter or half of it.

    `quarter` holds the part of the year: `Q1` to `Q4`, or `H1` / `H2` for a half year
    (the field keeps its name so that every existing reader goes on working); None for
    the whole year.
    """

    first_year: int
    quarter: str | None = None
    start_month: int = 4

    @property
    def is_part_year(self) -> bool:
        return self.quarter is not None

    @property
    def is_half(self) -> bool:
        return self.quarter in HALVES

    @property
    def full_label(self) -> str:
        """The year label with the part of the year: `2025/2026 Q2`, `2025/2026 H1`."""
        return f"{self.label} {self.quarter}" if self.quarter else self.label

    @property
    def label(self) -> str:
        return f"{self.first_year}/{self.first_year + 1}"

    @property
    def short_label(self) -> str:
        return f"{self.first_year}/{(self.first_year + 1) % 100:02d}"

    @property
    def year_start(self) -> dt.date:
        return dt.date(self.first_year, self.start_month, 1)

    @property
    def year_end(self) -> dt.date:
        y, m = _add_months(self.first_year, self.start_month, 12)
        return dt.date(y, m, 1) - dt.timedelta(days=1)

    @property
    def start(self) -> dt.date:
        if self.quarter is None:
            return self.year_start
        y, m = _add_months(
            self.first_year, self.start_month, _PART_MONTHS[self.quarter][0]
        )
        return dt.date(y, m, 1)

    @property
    def end(self) -> dt.date:
        if self.quarter is None:
            return self.year_end
        y, m = _add_months(
            self.first_year, self.start_month, _PART_MONTHS[self.quarter][1]
        )
        return dt.date(y, m, 1) - dt.timedelta(days=1)

    def previous_year(self) -> Period:
        """The year before, with the same quarter (or half) filter."""
        return Period(self.first_year - 1, self.quarter, self.start_month)

    def whole_year(self) -> Period:
        return Period(self.first_year, None, self.start_month)

    def quarters(self) -> list[Period]:
        """The four quarters of the whole year (whatever part this period is)."""
        return [Period(self.first_year, q, self.start_month) for q in QUARTERS]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def parse_year(text: str, start_month: int = 4) -> Period:
    """Read `2022/2023`, `2022/23`, `2022-23` or `2022-2023`."""
    match = _YEAR.match(text or "")
    if not match:
        raise PeriodError(
            f"Year {text!r} is not recognised: write it like 2022/2023 or 2022/23."
        )
    first = int(match.group(1))
    second = match.group(2)
    expected = first + 1
    if len(second) == 2:
        ok = int(second) == expected % 100
    else:
        ok = int(second) == expected
    if not ok:
        raise PeriodError(
            f"Year {text!r} is not recognised: the second year must follow the first "
            f"(for example {first}/{expected})."
        )
    return Period(first, None, start_month)


def parse_quarter(text: str | None) -> str | None:
    if text is None or str(text).strip() == "":
        return None
    value = str(text).strip().upper()
    if value not in QUARTERS:
        raise PeriodError(f"Quarter {text!r} is not recognised: use Q1, Q2, Q3 or Q4.")
    return value


def parse_part(text: str | None) -> str | None:
    """A part of the year for a part-year report: `Q1`-`Q4`, `H1`, `H2`; blank for all."""
    if text is None or str(text).strip() == "":
        return None
    value = str(text).strip().upper()
    if value not in PARTS:
        raise PeriodError(
            f"Period {text!r} is not recognised: use Q1, Q2, Q3 or Q4 for a quarter, "
            "H1 or H2 for a half year, or leave it blank for the whole year."
        )
    return value


def period_for(year: str, quarter: str | None = None, start_month: int = 4) -> Period:
    base = parse_year(year, start_month)
    return Period(base.first_year, parse_quarter(quarter), start_month)


def year_of(day: dt.date, start_month: int = 4) -> Period:
    """The financial year a date falls in."""
    first = day.year if day.month >= start_month else day.year - 1
    return Period(first, None, start_month)


def quarter_of(day: dt.date, start_month: int = 4) -> str:
    months_in = (day.month - start_month) % 12
    return QUARTERS[months_in // 3]
