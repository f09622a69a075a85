"""The annual complaints report as plain data: selector -> dataclasses -> renderer.

`build_report()` reads the figures (the statistics engine for every docs/counting-rules.md §5 figure, the
breakdowns for the rest), writes the narrative and returns a `Report`: sections holding
paragraphs, tables and chart specs in reading order. The HTML, PDF, Word and Excel renderers
only lay that out, so every format carries the same figures.

Audience: `public` suppresses breakdown counts below the council's threshold and leaves out
every free-text summary; `internal` adds stage 2 case summaries and quoted compliments (from
`summary` fields only: never names or contact details).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from putright.core.periods import Period
from putright.organisation.models import Council, Directorate
from putright.reporting import charts
from putright.statistics import engine

# Column formats aligned right as figures; "figure" is a figure already written as text.
NUMERIC_FORMATS = ("count", "percent", "days", "gbp", "figure")
PUBLIC = "public"
INTERNAL = "internal"

# Section keys (stable: the council's commentary is stored against them).
SECTIONS = {
    "summary": "Summary of enquiries received",
    "trends": "Trends over three years",
    "procedures": "Complaints by procedure",
    "directorates": "Complaints by directorate",
    "issues": "What complaints were about",
    "escalation": "Escalation and stage two and three outcomes",
    "refusals": "Complaints not accepted and extensions",
    "remedies": "Remedies",
    "learning": "Learning and service improvements",
    "ombudsman": "Ombudsman enquiries and decisions",
    "compliments": "Compliments, comments and MP enquiries",
    "methods": "Methods and counting rules",
}

# -- the report's building blocks ---------------------------------------------------------


@dataclass(frozen=True)
class Suppressed:
    """A count below the small-number threshold, hidden in the public report."""

    threshold: int

    def __str__(self) -> str:
        return f"fewer than {self.threshold}"


@dataclass
class Paragraph:
    text: str
    style: str = "body"  # body, lead, quote, note


@dataclass
class BulletList:
    items: list[str]


@dataclass
class Table:
    """A table with a caption; `formats` per column: text, count, percent, days, gbp."""

    key: str
    caption: str
    columns: list[str]
    rows: list[list[Any]]
    formats: list[str]
    total_row: bool = False
    note: str = ""

    @property
    def label_width(self) -> str:
        """How wide the first column is in print: narrow for text tables, wide for pairs."""
        if len(self.columns) <= 2:
            return "wide"
        if all(f == "text" for f in self.formats):
            return "narrow"
        return "compact" if len(self.columns) >= 7 else "normal"


@dataclass
class Chart:
    key: str
    title: str
    description: str  # the text alternative
    spec: dict[str, Any]
    _svg: str | None = None
    _png: bytes | None = None

    @property
    def svg(self) -> str:
        if self._svg is None:
            self._svg = charts.render_svg(self.spec)
        return self._svg

    @property
    def png(self) -> bytes:
        if self._png is None:
            self._png = charts.render_png(self.spec)
        return self._png

    @property
    def data_uri(self) -> str:
        return charts.svg_data_uri(self.svg)

    @property
    def png_data_uri(self) -> str:
        return charts.png_data_uri(self.png)


Block = Paragraph | BulletList | Table | Chart


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    commentary: list[str] = field(default_factory=list)
    anchor: str = ""

    def add(self, *blocks: Block | None) -> None:
        self.blocks.extend(b for b in blocks if b is not None)

    def tables(self) -> list[Table]:
        found = [b for b in self.blocks if isinstance(b, Table)]
        for sub in self.subsections:
            found.extend(sub.tables())
        return found

    def charts(self) -> list[Chart]:
        found = [b for b in self.blocks if isinstance(b, Chart)]
        for sub in self.subsections:
            found.extend(sub.charts())
        return found


@dataclass
class Report:
    title: str
    council_name: str
    year: str
    years: list[str]
    period_text: str
    directorate: str | None
    audience: str
    threshold: int
    extracted_at: dt.datetime
    sections: list[Section] = field(default_factory=list)

    @property
    def is_public(self) -> bool:
        return self.audience == PUBLIC

    @property
    def audience_label(self) -> str:
        if self.is_public:
            return "Public version: small numbers suppressed"
        return "Internal version: not for publication"

    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables()]

    def charts(self) -> list[Chart]:
        return [c for s in self.sections for c in s.charts()]


# -- formatting shared by the renderers ---------------------------------------------------


def format_cell(value: Any, fmt: str) -> str:
    """A cell as text: thousands separators, 1 dp percentages, whole days, pounds."""
    if value is None:
        return "–"
    if isinstance(value, Suppressed):
        return str(value)
    if fmt == "count" and isinstance(value, int):
        return f"{value:,}"
    if fmt == "percent" and isinstance(value, int | float):
        return f"{value:.1f}%"
    if fmt == "days" and isinstance(value, int | float):
        return f"{value:.0f}"
    if fmt == "gbp" and isinstance(value, int | float | Decimal):
        return f"£{value:,.2f}"
    return str(value)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# -- building -----------------------------------------------------------------------------


@dataclass
class ReportContext:
    """What every section builder needs: the years, scope, council, audience and figures."""

    period: Period
    periods: list[Period]  # oldest first, the report year last
    directorate: Directorate | None
    council: Council
    audience: str
    stats: dict[str, dict[str, Any]]  # engine figures by year label
    progress: Callable[[int, str], None]

    @property
    def public(self) -> bool:
        return self.audience == PUBLIC

    @property
    def threshold(self) -> int:
        return self.council.small_number_threshold

    def n(self, value: int) -> int | Suppressed:
        """A breakdown count, suppressed in the public report when small (but not zero)."""
        if self.public and 0 < value < self.threshold:
            return Suppressed(self.threshold)
        return value

    def say(self, value: int) -> str:
        return format_cell(self.n(value), "count")

    @property
    def target(self) -> float:
        return float(self.council.timescale_target_percent)


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
    from putright.reporting.sections import BUILDERS

    for key, builder, percent_done in BUILDERS:
        section = builder(ctx)
        if section is not None:
            report.sections.append(section)
        report_progress(percent_done, f"{SECTIONS[key]} done")
    _attach_commentary(report, year.label, directorate)
    return report


def _attach_commentary(
    report: Report, year_label: str, directorate: Directorate | None
) -> None:
    from putright.reporting.selectors import commentary_for_year

    texts = commentary_for_year(year=year_label, directorate=directorate)
    for section in report.sections:
        text = texts.get(section.key, "")
        section.commentary = [p.strip() for p in text.split("\n\n") if p.strip()]
