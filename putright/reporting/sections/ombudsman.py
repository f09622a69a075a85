"""LGSCO and Housing Ombudsman enquiries, decisions, compliance and cases (seed 000)."""

from __future__ import annotations

from typing import Any

from putright.complaints.constants import (
    Ombudsman,
)
from putright.core.presentation import percent_text
from putright.ombudsman.models import DECISIONS_BY_OMBUDSMAN
from putright.reporting import narrative
from putright.reporting.blocks import Paragraph, Section, Table, format_cell
from putright.reporting.sections.common import (
    current_figures,
    new_section,
)
from putright.reporting.sections.context import ReportContext
from putright.statistics import breakdowns, engine
from putright.statistics.presentation import (
    DECISION_LABELS,
    OMBUDSMAN_LABELS,
    OMBUDSMAN_SHORT,
)


def ombudsman_section(ctx: ReportContext) -> Section | None:
    current = current_figures(ctx)["ombudsman"]
    labels = [p.label for p in ctx.periods]
    used = [
        code
        for code in Ombudsman.values
        if any(ctx.stats[y]["ombudsman"][code]["received"] for y in labels)
        or current[code]["decided"]
    ]
    if not used:
        return None
    section = new_section("ombudsman")
    extra = breakdowns.ombudsman_figures(
        period=ctx.period,
        directorate=ctx.directorate,
        population=ctx.council.population,
        homes=ctx.council.homes,
    )
    for code in used:
        section.subsections.append(
            _one_ombudsman(ctx, code, current[code], extra.get(code, {}), labels)
        )
    return section


def _one_ombudsman(
    ctx: ReportContext,
    code: str,
    figures: dict[str, Any],
    more: dict[str, Any],
    labels: list[str],
) -> Section:
    sub = Section(
        key="ombudsman", title=OMBUDSMAN_LABELS[code], anchor=f"ombudsman-{code}"
    )
    sub.add(
        _comparison_paragraph(ctx, code, figures, labels),
        _years_table(ctx, code, labels),
        _decisions_table(ctx, code, figures),
    )
    if more:
        sub.add(_measures_table(ctx, code, more), _upheld_paragraph(code, more))
    sub.add(_cases_table(ctx, code))
    return sub


def _comparison_paragraph(
    ctx: ReportContext, code: str, figures: dict[str, Any], labels: list[str]
) -> Paragraph:
    previous = ctx.stats[labels[-2]]["ombudsman"][code]["received"]
    comparison = engine.comparison(
        current=figures["received"],
        previous=previous,
        previous_label=labels[-2],
        noun=f"{OMBUDSMAN_SHORT[code]} enquiries",
    )
    return Paragraph(
        narrative.change_sentence(
            comparison_sentence=comparison["sentence"],
            current=figures["received"],
            previous=previous,
            noun="enquiry",
        ).replace("enquirys", "enquiries")
    )


def _years_table(ctx: ReportContext, code: str, labels: list[str]) -> Table:
    def row(measure: str, key: str) -> list[Any]:
        return [measure, *[ctx.stats[y]["ombudsman"][code][key] for y in labels]]

    return Table(
        key=f"omb_{code}_years",
        caption=f"{OMBUDSMAN_SHORT[code]} enquiries, investigations and decisions, "
        f"{labels[0]} to {labels[-1]}",
        columns=["Measure", *labels],
        rows=[
            row("Enquiries received", "received"),
            row("Detailed investigations", "investigations"),
            row("Decisions made", "decided"),
        ],
        formats=["text", *["count"] * len(labels)],
    )


def _decisions_table(
    ctx: ReportContext, code: str, figures: dict[str, Any]
) -> Table | None:
    decisions = [
        [DECISION_LABELS[d], ctx.n(figures["decisions"].get(str(d), 0))]
        for d in DECISIONS_BY_OMBUDSMAN[code]
        if figures["decisions"].get(str(d), 0)
    ]
    if not decisions:
        return None
    return Table(
        key=f"omb_{code}_decisions",
        caption=f"{OMBUDSMAN_SHORT[code]} decisions, {ctx.period.label}",
        columns=["Decision", "Cases"],
        rows=decisions,
        formats=["text", "count"],
    )


def _measures_table(ctx: ReportContext, code: str, more: dict[str, Any]) -> Table:
    measures: list[list[Any]] = [
        ["Upheld (fault found)", more["upheld"], "count"],
        [
            "Upheld rate of detailed investigations",
            more["upheld_percent"],
            "percent",
        ],
        [
            "Satisfactory remedy by the council before the Ombudsman's involvement",
            more["satisfactory_remedy"],
            "count",
        ],
        ["Recommendations made", more["recommendations"], "count"],
        ["Complied with on time", more["on_time"], "count"],
        ["Complied with late", more["late"], "count"],
        ["Compliance with recommendations", more["compliance_percent"], "percent"],
        ["Cases with a payment", more["payments"], "count"],
        ["Payments (GBP)", more["payments_total"], "gbp"],
    ]
    rates = (
        ("upheld_per_100k", "Upheld decisions per 100,000 residents"),
        ("upheld_per_10k_homes", "Findings of fault per 10,000 homes"),
    )
    for key, measure in rates:
        if more.get(key) is not None:
            measures.append([measure, more[key], "text"])
    return Table(
        key=f"omb_{code}_measures",
        caption=f"{OMBUDSMAN_SHORT[code]} decisions made in {ctx.period.label}: "
        "outcomes, remedies and compliance",
        columns=["Measure", ctx.period.label],
        rows=[
            [m[0], format_cell(m[1], m[2]) if m[2] != "text" else m[1]]
            for m in measures
        ],
        formats=["text", "figure"],
    )


def _upheld_paragraph(code: str, more: dict[str, Any]) -> Paragraph | None:
    if more["upheld_percent"] is None:
        return None
    return Paragraph(
        f"The {OMBUDSMAN_SHORT[code]} upheld {percent_text(more['upheld_percent'])} "
        "of the complaints it investigated in detail; in "
        f"{more['satisfactory_remedy']:,} of the upheld cases the council "
        "had already offered a satisfactory remedy."
    )


def _case_row(ctx: ReportContext, case: dict[str, Any]) -> list[str]:
    service = case["directorate__name"] or ""
    if case["category"]:
        service = f"{service} ({case['category']})" if service else case["category"]
    outcome = " ".join(
        part.strip() for part in (case["requirement"], case["lessons"]) if part.strip()
    )
    row = [
        case["reference"],
        service,
        DECISION_LABELS.get(case["decision"], case["decision"]),
        outcome,
    ]
    if not ctx.public:
        row.insert(3, case.get("summary", ""))
    return row


def _cases_table(ctx: ReportContext, code: str) -> Table | None:
    found = breakdowns.ombudsman_cases(
        period=ctx.period,
        ombudsman=code,
        directorate=ctx.directorate,
        with_summary=not ctx.public,
    )
    cases = found["cases"]
    if not cases:
        return None
    columns = ["Reference", "Service", "Decision", "Required, and lessons"]
    if not ctx.public:
        columns.insert(3, "Complaint")
    return Table(
        key=f"omb_{code}_cases",
        caption=f"{OMBUDSMAN_SHORT[code]} decisions finding fault, {ctx.period.label}",
        columns=columns,
        rows=[_case_row(ctx, c) for c in cases],
        formats=["text"] * len(columns),
        note=(
            f"The {len(cases)} most recent of {found['total']:,} decisions "
            "finding fault."
            if found["total"] > len(cases)
            else ""
        ),
    )
