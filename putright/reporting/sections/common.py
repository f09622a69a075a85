"""Labels and small helpers shared by the section builders."""

from __future__ import annotations

from typing import Any

from putright.complaints.constants import (
    Channel,
    LearningStatus,
    Ombudsman,
    Outcome,
    RemedyType,
)
from putright.ombudsman.models import Decision
from putright.reporting.data import (
    SECTIONS,
    ReportContext,
    Section,
)

OUTCOME_LABELS = dict(Outcome.choices)
DECISION_LABELS = dict(Decision.choices)
OMBUDSMAN_LABELS = dict(Ombudsman.choices)
OMBUDSMAN_SHORT = {
    "lgsco": "LGSCO",
    "ho": "Housing Ombudsman",
    "spso": "SPSO",
    "psow": "PSOW",
    "nipso": "NIPSO",
}
CHANNEL_LABELS = dict(Channel.choices)
REMEDY_LABELS = dict(RemedyType.choices)
LEARNING_LABELS = dict(LearningStatus.choices)


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
