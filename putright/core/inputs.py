"""Limits every input path applies, so a bad value is refused with a sentence, never a 500.

One home for: the range of dates a council's records can hold, the characters text may
contain, and the ids a URL or filter may name. Forms (`core.forms`), the import checker, the
list filters and the URL converter all call these.
"""

from __future__ import annotations

import datetime as dt
import re

from putright.core.presentation import long_date

# The largest id a database column holds (a signed 64-bit integer). SQLite raises
# OverflowError beyond it and PostgreSQL a DataError, so a larger number is "no such record".
MAX_ID = 2**63 - 1

# Statutory complaint procedures and the councils' records start long after 1990; an
# earlier date is a typing slip (a year of 1 or 0202) that would also widen every year picker.
EARLIEST_DATE = dt.date(1990, 1, 1)
# A deadline or an agreed extension may lie ahead, but not by more than a year.
LATEST_AHEAD = dt.timedelta(days=366)

# C0 and C1 control characters except tab, newline and carriage return. NUL ends a string in
# PostgreSQL (it refuses it) and the others cannot be seen, printed or read aloud.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def parse_id(value: object) -> int | None:
    """A record id typed in a URL or filter, or None when it cannot name a record."""
    text = str(value).strip() if value is not None else ""
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def latest_date(today: dt.date) -> dt.date:
    """The last date a record may carry: a year ahead of today."""
    return today + LATEST_AHEAD


def date_out_of_range(value: dt.date, today: dt.date) -> str | None:
    """Why a date cannot be a council record's date, or None when it can."""
    if value < EARLIEST_DATE:
        return "The date must be on or after 1 January 1990."
    latest = latest_date(today)
    if value > latest:
        return f"The date must be no later than {long_date(latest)}."
    return None


def control_character(text: str) -> str | None:
    """The first forbidden control character in the text, shown as U+XXXX, or None."""
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def visible(text: str) -> str:
    """The text with each control character replaced by its U+XXXX code, for a message."""
    return _CONTROL.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


class IdConverter:
    """A path converter for record ids: numbers a database can hold, else no match (404)."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)
