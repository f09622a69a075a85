"""What a report is about: the year, optionally one directorate, the format and audience."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify

from putright.accounts import policy
from putright.core.periods import Period
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
    """What to report on: the year, optionally one directorate, the format and audience."""

    period: Period
    directorate: Directorate | None
    fmt: str
    audience: str

    @property
    def filename(self) -> str:
        parts = ["annual-complaints-report", self.period.label.replace("/", "-")]
        if self.directorate is not None:
            parts.append(slugify(self.directorate.name.replace("'", "")))
        parts.append(self.audience)
        return "-".join(parts) + f".{self.fmt}"


def report_parameters(
    *,
    year: str | Period,
    directorate: Directorate | str | int | None = None,
    fmt: str = "pdf",
    audience: str = PUBLIC,
    user: Any = None,
) -> ReportParameters:
    """Check and resolve report parameters as typed by a user (page or command line).

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
        # The one selection parser (§5 bad selections): a year such as 0001/02 or 9999/00
        # has no dates, and a year before the records or not yet begun has no report.
        typed = None if isinstance(directorate, Directorate) else directorate
        parsed = selection_parse(
            year=year, directorate=None if typed is None else str(typed)
        )
        if parsed.selection is None:
            raise ReportError(parsed.message)
        year = parsed.selection.period
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
    return ReportParameters(selection.period.whole_year(), chosen, fmt, audience)


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
