"""The annual report's building blocks: plain dataclasses the renderers lay out.

A report is selector -> dataclasses -> renderer: `putright.reporting.build` fills these from
the figures, and the HTML, PDF, Word and Excel renderers only lay them out, so every format
carries the same figures. This module imports no builder and no renderer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from putright.core.presentation import (
    NO_FIGURE,
    count_text,
    money,
    percent_text,
    whole_days,
)
from putright.reporting import charts

# Column formats aligned right as figures; "figure" is a figure already written as text.
NUMERIC_FORMATS = ("count", "percent", "days", "gbp", "figure")
PUBLIC = "public"
INTERNAL = "internal"

# Section keys (stable: the council's commentary is stored against them).
SECTIONS = {
    "self_assessment": "Complaint Handling Code self-assessment",
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
    """A figure hidden in the public report (docs/counting-rules.md §6.2).

    A count below the small-number threshold reads "fewer than N"; a figure hidden so that
    no small count can be worked out from it (secondary suppression) reads "not shown".
    """

    threshold: int
    secondary: bool = False

    def __str__(self) -> str:
        if self.secondary:
            return "not shown"
        return f"fewer than {self.threshold}"


@dataclass(frozen=True)
class Figure:
    """A figure of the public report before disclosure control: its key and its value.

    Builders put these in tables and chart data; `putright.reporting.disclosure_control`
    replaces each with its value, or with `Suppressed`, before any renderer sees it.
    """

    key: str
    value: Any


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
    # The public version's figures and how they relate (statistics.disclosure), kept for
    # checks of what can be worked out; no renderer reads it.
    disclosure: Any = field(default=None, repr=False)

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
    """A cell as text: thousands separators, 1 dp percentages, whole days, pounds (half up)."""
    if value is None:
        return NO_FIGURE
    if isinstance(value, Suppressed):
        return str(value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return str(value)
    if fmt in ("count", "figure") and isinstance(value, int):
        return count_text(value)
    if fmt == "percent":
        return percent_text(value)
    if fmt == "days":
        return whole_days(value)
    if fmt == "gbp":
        return money(value)
    return str(value)
