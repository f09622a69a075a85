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
        figures = current[code]
        more = extra.get(code, {})
        name = OMBUDSMAN_LABELS[code]
        previous = ctx.stats[labels[-2]]["ombudsman"][code]["received"]
        comparison = engine.comparison(
            current=figures["received"],
            previous=previous,
            previous_label=labels[-2],
            noun=f"{OMBUDSMAN_SHORT[code]} enquiries",
        )
        sub = Section(key="ombudsman", title=name, anchor=f"ombudsman-{code}")
        sub.add(
            Paragraph(
                narrative.change_sentence(
                    comparison_sentence=comparison["sentence"],
                    current=figures["received"],
                    previous=previous,
                    noun="enquiry",
                ).replace("enquirys", "enquiries")
            )
        )
        rows: list[list[Any]] = [
            [
                "Enquiries received",
                *[ctx.stats[y]["ombudsman"][code]["received"] for y in labels],
            ],
            [
                "Detailed investigations",
                *[ctx.stats[y]["ombudsman"][code]["investigations"] for y in labels],
            ],
            [
                "Decisions made",
                *[ctx.stats[y]["ombudsman"][code]["decided"] for y in labels],
            ],
        ]
        sub.add(
            Table(
                key=f"omb_{code}_years",
                caption=f"{OMBUDSMAN_SHORT[code]} enquiries, investigations and decisions, {labels[0]} to {labels[-1]}",
                columns=["Measure", *labels],
                rows=rows,
                formats=["text", *["count"] * len(labels)],
            )
        )
        decisions = [
            [DECISION_LABELS[d], ctx.n(figures["decisions"].get(str(d), 0))]
            for d in DECISIONS_BY_OMBUDSMAN[code]
            if figures["decisions"].get(str(d), 0)
        ]
        if decisions:
            sub.add(
                Table(
                    key=f"omb_{code}_decisions",
                    caption=f"{OMBUDSMAN_SHORT[code]} decisions, {ctx.period.label}",
                    columns=["Decision", "Cases"],
                    rows=decisions,
                    formats=["text", "count"],
                )
            )
        if more:
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
                [
                    "Compliance with recommendations",
                    more["compliance_percent"],
                    "percent",
                ],
                ["Cases with a payment", more["payments"], "count"],
                ["Payments (GBP)", more["payments_total"], "gbp"],
            ]
            if "upheld_per_100k" in more and more["upheld_per_100k"] is not None:
                measures.append(
                    [
                        "Upheld decisions per 100,000 residents",
                        more["upheld_per_100k"],
                        "text",
                    ]
                )
            if (
                "upheld_per_10k_homes" in more
                and more["upheld_per_10k_homes"] is not None
            ):
                measures.append(
                    [
                        "Findings of fault per 10,000 homes",
                        more["upheld_per_10k_homes"],
                        "text",
                    ]
                )
            sub.add(
                Table(
                    key=f"omb_{code}_measures",
                    caption=f"{OMBUDSMAN_SHORT[code]} decisions made in {ctx.period.label}: outcomes, remedies and compliance",
                    columns=["Measure", ctx.period.label],
                    rows=[
                        [m[0], format_cell(m[1], m[2]) if m[2] != "text" else m[1]]
                        for m in measures
                    ],
                    formats=["text", "figure"],
                )
            )
            if more["upheld_percent"] is not None:
                sub.add(
                    Paragraph(
                        f"The {OMBUDSMAN_SHORT[code]} upheld {percent_text(more['upheld_percent'])} "
                        "of the complaints it investigated in detail; in "
                        f"{more['satisfactory_remedy']:,} of the upheld cases the council "
                        "had already offered a satisfactory remedy."
                    )
                )
        found = breakdowns.ombudsman_cases(
            period=ctx.period,
            ombudsman=code,
            directorate=ctx.directorate,
            with_summary=not ctx.public,
        )
        cases = found["cases"]
        if cases:
            columns = ["Reference", "Service", "Decision", "Required, and lessons"]
            if not ctx.public:
                columns.insert(3, "Complaint")
            case_rows = []
            for c in cases:
                service = c["directorate__name"] or ""
                if c["category"]:
                    service = (
                        f"{service} ({c['category']})" if service else c["category"]
                    )
                outcome = " ".join(
                    part.strip()
                    for part in (c["requirement"], c["lessons"])
                    if part.strip()
                )
                row = [
                    c["reference"],
                    service,
                    DECISION_LABELS.get(c["decision"], c["decision"]),
                    outcome,
                ]
                if not ctx.public:
                    row.insert(3, c.get("summary", ""))
                case_rows.append(row)
            sub.add(
                Table(
                    key=f"omb_{code}_cases",
                    caption=f"{OMBUDSMAN_SHORT[code]} decisions finding fault, {ctx.period.label}",
                    columns=columns,
                    rows=case_rows,
                    formats=["text"] * len(columns),
                    note=(
                        f"The {len(cases)} most recent of {found['total']:,} decisions "
                        "finding fault."
                        if found["total"] > len(cases)
                        else ""
                    ),
                )
            )
        section.subsections.append(sub)
    return section
