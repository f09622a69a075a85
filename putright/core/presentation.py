"""How figures and dates read wherever a person sees them: dashboard, `stats`, reports, letters.

One rounding rule for display: half up (a figure exactly halfway goes away from zero), done
with `Decimal` on the figure's shortest decimal text. So 12.5 days reads "13" and a share of
6.25% reads "6.3%" on every surface. Python's `round()` and format specs such as `:.0f` round
half to even on binary floats (12.5 -> 12, 6.25 -> 6.2), which is why they are not used for
figures. The statistics engine rounds its own figures the same way (half up, 1 decimal place).

Pure Python: no Django models, so every app may import it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext_noop

# Shown in place of a figure that cannot be worked out (no records, no denominator).
NO_FIGURE = "–"

Number = int | float | Decimal


def round_half_up(value: Number, places: int = 0) -> Decimal:
    """The figure rounded half up to `places` decimal places (the one display rule)."""
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def decimal_text(value: Number | None, places: int = 1) -> str:
    """`6.25` as `6.3`: a figure to a fixed number of decimal places, half up."""
    if value is None:
        return NO_FIGURE
    return f"{round_half_up(value, places):,}"


def percent_text(value: Number | None) -> str:
    """A percentage to one decimal place with its sign: `6.3%`."""
    if value is None:
        return NO_FIGURE
    return f"{decimal_text(value, 1)}%"


def share(part: int, whole: int) -> Decimal | None:
    """What percentage `part` is of `whole`, to one decimal place, half up; None over 0."""
    if not whole:
        return None
    return round_half_up(Decimal(part) * 100 / Decimal(whole), 1)


def share_text(part: int, whole: int) -> str:
    """`1` of `16` as `6.3%` (computed exactly, never through a binary float)."""
    return percent_text(share(part, whole))


def whole_days(value: Number | None) -> str:
    """A day average in whole days, half up, as councils publish them: 12.5 -> `13`."""
    if value is None:
        return NO_FIGURE
    return f"{round_half_up(value):,}"


def count_text(value: int) -> str:
    """A count with thousands separators: `1,234`."""
    return f"{value:,}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`1 complaint`, `2 complaints`, `1,234 enquiries` (with `plural_form`)."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count_text(count)} {word}"


def agreeing(count: int | str, singular: str, plural_form: str) -> str:
    """The word that agrees with a count: `1` was upheld, `2` or "fewer than 5" were upheld.

    `count` is the figure or the figure as written; anything written other than "1" (a
    figure of the public report still to be resolved, "fewer than 5", "not shown") takes
    the plural, since it never reads as one.
    """
    return singular if str(count).strip() == "1" else plural_form


def counted(count: int | str, singular: str, plural_form: str | None = None) -> str:
    """A count as written followed by the noun that agrees: `1 complaint`, `2 complaints`,
    `fewer than 5 complaints`."""
    written = count_text(count) if isinstance(count, int) else count
    return f"{written} {agreeing(count, singular, plural_form or singular + 's')}"


def money(value: Number | None) -> str:
    """An amount in pounds with pence: `£1,234.50`."""
    if value is None:
        return NO_FIGURE
    return f"£{round_half_up(value, 2):,}"


# Django's own Welsh catalogue spells July "Gorffenaf"; Welsh councils write "Gorffennaf".
# Marked here so that putright's catalogue (read before Django's) holds the right spelling.
_MONTH_NAMES_CORRECTED = (gettext_noop("July"),)


def long_date(value: dt.date | str) -> str:
    """`2022-04-01` (a date or ISO text) as `1 April 2022`, the GOV.UK date style."""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    # Django's date format names the month in the active language (a Welsh letter says
    # "1 Ebrill 2022"); in English it is the same text as "%-d %B %Y".
    return date_format(day, "j F Y")


def time_and_date(value: dt.datetime) -> str:
    """A moment as `15:50 on 1 December 2026` (when the report's data was extracted)."""
    return f"{value:%H:%M} on {long_date(value)}"


# Words a code spells that keep their capitals when shown as a label.
_CODE_WORDS = {"mp": "MP", "send": "SEND", "nhs": "NHS", "gp": "GP", "asb": "ASB"}
_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")


def vocabulary_label(name: str) -> str:
    """A vocabulary entry as a person reads it: `young_person` as `Young person`, `mp` as `MP`.

    Open vocabularies (who complained, issue natures, root causes) take whatever a council's
    file says; an entry written as a code (lower case, underscores, no spaces) is shown as
    words. An entry already written as words (`Service Delay`) is shown as it is.
    """
    if not _CODE.fullmatch(name):
        return name
    words = [_CODE_WORDS.get(word, word) for word in name.split("_")]
    first = words[0] if words[0] in _CODE_WORDS.values() else words[0].capitalize()
    return " ".join([first, *words[1:]])
