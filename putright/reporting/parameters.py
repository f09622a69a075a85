"""What a report is about: the year or part of it, optionally one directorate, the format
and audience."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from putright.accounts import policy
from putright.core.periods import Period, PeriodError, parse_part
from putright.organisation.models import Directorate
from putright.reporting.blocks import INTERNAL, PUBLIC
from putright.statistics.engine import selection_for
from putright.statistics.selection import selection_parse

FORMATS = ("html", "pdf", "docx", "xlsx")
AUDIENCES = (PUBLIC, INTERNAL)


class ReportError(ValueError):
    """Report parameters that cannot be used; the message is written for the user."""


@dataclass(frozen=True)
class ReportParameters:
    """What to report on: the year or a quarter or half of it, optionally one directorate,
    the format and audience."""

    period: Period
    directorate: Directorate | None
    fmt: str
    audience: str

    @property
    def filename(self) -> str:
        if self.period.is_half:
            kind = "half-year"
        elif self.period.is_part_year:
            kind = "quarterly"
        else:
            kind = "annual"
        parts = [f"{kind}-complaints-report", self.period.label.replace("/", "-")]
        if self.period.quarter:
            parts.append(self.period.quarter.lower())
        if self.directorate is not None:
            parts.append(slugify(self.directorate.name.replace("'", "")))
        parts.append(self.audience)
        return "-".join(parts) + f".{self.fmt}"


def report_parameters(
    *,
    year: str | Period,
    period: str | None = None,
    directorate: Directorate | str | int | None = None,
    fmt: str = "pdf",
    audience: str = PUBLIC,
    user: Any = None,
    today: dt.date | None = None,
) -> ReportParameters:
    """Check and resolve report parameters as typed by a user (page or command line).

    `period` is the part of the year typed with it: `Q1`-`Q4` for a quarterly report,
    `H1`/`H2` for a half-year one, blank for the annual report. A part that has not begun
    is refused, as the dashboard refuses a quarter that has not begun (§5.9); one that has
    begun but not ended is reported as incomplete (§5.8). A `Period` for `year` keeps
    its own part and `period` is not read.

    With `user`, the internal version is refused unless the role policy lets that user
    read it for the chosen scope (docs/counting-rules.md §6: the complaints team, or a
    manager for their own directorate). Without one (the command line run with no
    `--as`), the caller is the complaints team by convention.
    """
    fmt = (fmt or "").strip().lower()
    if fmt not in FORMATS:
        raise ReportError(
            f"Format {fmt!r} is not recognised: use html, pdf, docx or xlsx."
        )
    audience = (audience or "").strip().lower()
    if audience not in AUDIENCES:
        raise ReportError(
            f"Audience {audience!r} is not recognised: use public or internal."
        )
    if isinstance(year, str):
        year = _typed_period(year, period, directorate, today or timezone.localdate())
    try:
        selection = selection_for(year=year, directorate=directorate)
    except ValueError as error:  # PeriodError and StatisticsError carry user messages
        raise ReportError(str(error)) from error
    chosen = selection.directorate
    if (
        audience == INTERNAL
        and user is not None
        and not policy.may_read_internal_report(user, chosen.pk if chosen else None)
    ):
        raise ReportError(_internal_refusal(user))
    return ReportParameters(selection.period, chosen, fmt, audience)


def _typed_period(
    year: str,
    part: str | None,
    directorate: Directorate | str | int | None,
    today: dt.date,
) -> Period:
    """The year through the one selection parser, then the part of it (§5.9)."""
    # The selection parser refuses a year such as 0001/02 or 9999/00 (no dates), and a
    # year before the records or not yet begun: such a year has no report.
    typed = None if isinstance(directorate, Directorate) else directorate
    parsed = selection_parse(
        year=year, directorate=None if typed is None else str(typed), today=today
    )
    messages = [] if parsed.selection is not None else [parsed.message]
    try:
        found_part = parse_part(part)
    except PeriodError as error:
        messages.append(str(error))
        found_part = None
    if parsed.selection is None or messages:
        raise ReportError(" ".join(messages))
    whole = parsed.selection.period
    chosen = Period(whole.first_year, found_part, whole.start_month)
    if chosen.start > today:
        raise ReportError(
            f"{found_part} of {chosen.label} has not started yet: choose a part of the "
            "year that has begun, or the whole year."
        )
    return chosen


def _internal_refusal(user: Any) -> str:
    own = getattr(user, "directorate", None)
    if policy.can(user, policy.Capability.INTERNAL_REPORT) and own is not None:
        return (
            "You may generate the internal version only for your own directorate, "
            f"{own.name}: choose it, or choose the public version."
        )
    return (
        "The internal version is for the complaints team only (and for managers, "
        "their own directorate): choose the public version."
    )
