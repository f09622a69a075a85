"""Small helpers shared by the section builders (labels: `statistics.presentation`)."""

from __future__ import annotations

from typing import Any

from putright.reporting.blocks import SECTIONS, Section
from putright.reporting.sections.context import ReportContext


def new_section(key: str) -> Section:
    return Section(key=key, title=SECTIONS[key], anchor=f"section-{key}")


def current_figures(ctx: ReportContext) -> dict[str, Any]:
    return ctx.stats[ctx.period.label]


def stage_figures(ctx: ReportContext, label: str, stage: int) -> dict[str, Any]:
    return ctx.stats[label]["stages"][str(stage)]


def contact_received(ctx: ReportContext, label: str, kind: str) -> int:
    return ctx.stats[label]["contacts"][kind]["received"]


def ombudsman_received(ctx: ReportContext, label: str, code: str) -> int:
    return ctx.stats[label]["ombudsman"][code]["received"]


# -- sections -----------------------------------------------------------------------------


def shorten(name: str, limit: int = 38) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
