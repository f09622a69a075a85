"""Build the annual report: read the figures, run the section builders, attach commentary.

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

from collections.abc import Callable

from django.utils import timezone

from putright.core.periods import Period
from putright.core.presentation import long_date
from putright.organisation.models import Council, Directorate
from putright.reporting.blocks import INTERNAL, PUBLIC, SECTIONS, Report
from putright.reporting.disclosure_control import disclosure_apply
from putright.reporting.sections import BUILDERS, EXTRAS
from putright.reporting.sections.context import ReportContext
from putright.reporting.selectors import commentary_for_year
from putright.statistics import engine


def build_report(
    *,
    period: Period,
    directorate: Directorate | None = None,
    audience: str = PUBLIC,
    progress: Callable[[int, str], None] | None = None,
) -> Report:
    """Assemble the annual report (docs/regulatory-rules.md §1.9) for a year from the records."""
    if audience not in (PUBLIC, INTERNAL):
        raise ValueError(
            f"Audience {audience!r} is not recognised: use public or internal."
        )
    year = period.whole_year()
    periods = [
        Period(year.first_year - back, None, year.start_month) for back in (2, 1, 0)
    ]
    report_progress = progress or (lambda _percent, _message: None)
    council = Council.load()
    report_progress(5, "Counting the year's figures")
    stats = {
        p.label: engine.statistics_for(period=p, directorate=directorate)
        for p in periods
    }
    ctx = ReportContext(
        period=year,
        periods=periods,
        directorate=directorate,
        council=council,
        audience=audience,
        stats=stats,
        progress=report_progress,
    )
    title = "Annual complaints performance and service improvement report"
    report = Report(
        title=title,
        council_name=council.name,
        year=year.label,
        years=[p.label for p in periods],
        period_text=f"{long_date(year.start)} to {long_date(year.end)}",
        directorate=directorate.name if directorate else None,
        audience=audience,
        threshold=council.small_number_threshold,
        extracted_at=timezone.localtime(),
    )
    for key, builder, percent_done in BUILDERS:
        section = builder(ctx)
        if section is not None:
            for extra in EXTRAS.get(key, []):
                section.blocks.extend(extra(ctx))
            report.sections.append(section)
        report_progress(percent_done, f"{SECTIONS[key]} done")
    disclosure_apply(report, ctx)
    report.disclosure = ctx.disclosure
    _attach_commentary(report, year.label, directorate)
    return report


def _attach_commentary(
    report: Report, year_label: str, directorate: Directorate | None
) -> None:
    texts = commentary_for_year(year=year_label, directorate=directorate)
    for section in report.sections:
        text = texts.get(section.key, "")
        section.commentary = [p.strip() for p in text.split("\n\n") if p.strip()]
