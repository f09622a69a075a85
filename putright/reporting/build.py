"""Build the annual report, or a quarterly or half-year one: read the figures, run the
section builders, attach commentary.

A part-year report (`Period.quarter` set: `Q1`-`Q4` or `H1`/`H2`) counts that part of the
year and compares it with the same part of the two years before (Q2 against Q2), leaves
out the sections that only make sense for a whole year (`ANNUAL_ONLY`), and carries no
commentary (the council's commentary is written for the annual report). A period not yet
over (docs/counting-rules.md §5.8) says so on the cover and in the methods section.

`build_report()` reads the figures (the statistics engine for every docs/counting-rules.md §5 figure, the
breakdowns for the rest), has each builder in `putright.reporting.sections` write its part
and returns a `Report` (`putright.reporting.blocks`) for a renderer to lay out.

Audience: `public` applies docs/counting-rules.md §6 (every count below the council's
threshold hidden as "fewer than N", and anything from which one could be worked out hidden
too: `putright.reporting.disclosure_control`), and shows free text only as approved
published versions (`putright.publication`); `internal` adds stage 2 case summaries,
quoted compliments and learning examples as typed, for the complaints team only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from putright.core.periods import Period
from putright.core.presentation import long_date
from putright.organisation.models import Council, Directorate
from putright.reporting.blocks import (
    INTERNAL,
    PUBLIC,
    SECTIONS,
    BulletList,
    Chart,
    Paragraph,
    Report,
    Section,
    Table,
)
from putright.reporting.disclosure_control import disclosure_apply
from putright.reporting.sections import BUILDERS, EXTRAS
from putright.reporting.sections.context import ReportContext
from putright.reporting.selectors import commentary_for_year
from putright.statistics import engine

ANNUAL_TITLE = "Annual complaints performance and service improvement report"
QUARTER_TITLE = "Quarterly complaints report"
HALF_TITLE = "Half-year complaints report"
# Sections left out of a quarterly or half-year report: the Code self-assessment is of
# the council's handling over a whole year (docs/regulatory-rules.md §1.9).
ANNUAL_ONLY = frozenset({"self_assessment"})


def report_title(period: Period) -> str:
    """The report's title for its period: annual, quarterly or half-year."""
    if not period.is_part_year:
        return ANNUAL_TITLE
    return HALF_TITLE if period.is_half else QUARTER_TITLE


def period_text(period: Period, *, today: dt.date) -> str:
    """The dates the report covers, and, for a period not yet over, that it is not."""
    text = f"{long_date(period.start)} to {long_date(period.end)}"
    if period.end > today:  # §5.8: incomplete when the period ends after today
        text += (
            f". This period is not over: the figures are to {long_date(today)}, "
            "and are compared with the same part of the previous year"
        )
    return text


def incomplete_note(period: Period, *, today: dt.date) -> str | None:
    """The methods section's sentence for a period not yet over (None when it is over)."""
    if period.end <= today:
        return None
    before = period.previous_year()
    return (
        f"{period.full_label} is not over yet: it ends on {long_date(period.end)}, so "
        f"these figures are for {long_date(period.start)} to {long_date(today)} only "
        "and will change. As the council's dashboard does, the comparisons with "
        f"{before.full_label} are with the same part of that period (to the same day a "
        f"year earlier), not with the whole of {before.full_label}; the tables of "
        "earlier periods show those periods in full."
    )


def build_report(
    *,
    period: Period,
    directorate: Directorate | None = None,
    audience: str = PUBLIC,
    progress: Callable[[int, str], None] | None = None,
    today: dt.date | None = None,
) -> Report:
    """Assemble the annual report (docs/regulatory-rules.md §1.9), or a quarterly or
    half-year report when `period` is part of a year, from the records."""
    if audience not in (PUBLIC, INTERNAL):
        raise ValueError(
            f"Audience {audience!r} is not recognised: use public or internal."
        )
    today = today or timezone.localdate()
    # The same part of the two years before: Q2 against Q2, a year against years.
    periods = [
        Period(period.first_year - back, period.quarter, period.start_month)
        for back in (2, 1, 0)
    ]
    current = periods[-1]
    report_progress = progress or (lambda _percent, _message: None)
    council = Council.load()
    report_progress(
        5,
        "Counting the period's figures"
        if current.is_part_year
        else "Counting the year's figures",
    )
    stats = {
        p.label: engine.statistics_for(period=p, directorate=directorate, today=today)
        for p in periods
    }
    ctx = ReportContext(
        period=current,
        periods=periods,
        directorate=directorate,
        council=council,
        audience=audience,
        stats=stats,
        progress=report_progress,
    )
    report = Report(
        title=report_title(current),
        council_name=council.name,
        year=current.full_label,
        years=[p.full_label for p in periods],
        period_text=period_text(current, today=today),
        directorate=directorate.name if directorate else None,
        audience=audience,
        threshold=council.small_number_threshold,
        extracted_at=timezone.localtime(),
    )
    for key, builder, percent_done in BUILDERS:
        if current.is_part_year and key in ANNUAL_ONLY:
            continue
        section = builder(ctx)
        if section is not None:
            for extra in EXTRAS.get(key, []):
                section.blocks.extend(extra(ctx))
            report.sections.append(section)
        report_progress(percent_done, f"{SECTIONS[key]} done")
    _methods_note(report, incomplete_note(current, today=today))
    disclosure_apply(report, ctx)
    report.disclosure = ctx.disclosure
    if current.quarter:  # a quarter or a half year
        _name_the_part(report, current.quarter)
    if not current.is_part_year:
        _attach_commentary(report, current.label, directorate)
    return report


# A year label not already with its part ("2024/2025", not "2024/2025 Q2" or
# "Q2 2024/2025").
YEAR_LABEL = re.compile(r"(?<![QH][1-4] )\b(\d{4}/\d{4})\b(?! ?[QH][1-4]\b)")


def _name_the_part(report: Report, part: str) -> None:
    """In a part-year report every year the sections name is that part of the year.

    The builders write years ("2024/2025"), as the figures are keyed by year; every
    period of a part-year report is the same part of its year (Q2 against Q2), so each
    caption, heading, column, cell and sentence says which: "2024/2025 Q2".
    """

    def say(value: Any) -> Any:
        if isinstance(value, str):
            return YEAR_LABEL.sub(lambda m: f"{m.group(1)} {part}", value)
        if isinstance(value, list):
            return [say(v) for v in value]
        if isinstance(value, dict):
            return {say(k): say(v) for k, v in value.items()}
        return value

    def section(s: Section) -> None:
        s.title = say(s.title)
        for block in s.blocks:
            _name_in_block(block, say)
        for sub in s.subsections:
            section(sub)

    for s in report.sections:
        section(s)


def _name_in_block(block: Any, say: Callable[[Any], Any]) -> None:
    if isinstance(block, Table):
        block.caption = say(block.caption)
        block.columns = say(block.columns)
        block.rows = say(block.rows)
        block.note = say(block.note)
    elif isinstance(block, Paragraph):
        block.text = say(block.text)
    elif isinstance(block, BulletList):
        block.items = say(block.items)
    elif isinstance(block, Chart):
        block.title = say(block.title)
        block.description = say(block.description)
        block.spec = say(block.spec)


def _methods_note(report: Report, note: str | None) -> None:
    """Open the methods section with the incomplete-period note (§5.8), if there is one."""
    if note is None:
        return
    for section in report.sections:
        if section.key == "methods":
            section.blocks.insert(0, Paragraph(note, style="note"))
            return


def _attach_commentary(
    report: Report, year_label: str, directorate: Directorate | None
) -> None:
    texts = commentary_for_year(year=year_label, directorate=directorate)
    for section in report.sections:
        text = texts.get(section.key, "")
        section.commentary = [p.strip() for p in text.split("\n\n") if p.strip()]
