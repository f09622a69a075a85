"""LGSCO and Housing Ombudsman enquiries, decisions, compliance and cases (seed 000)."""

from __future__ import annotations

from typing import Any

from putright.complaints.constants import (
    Ombudsman,
)
from putright.core.presentation import percent_text
from putright.ombudsman.models import DECISIONS_BY_OMBUDSMAN, FAULT_DECISIONS
from putright.publication.models import PublishedText
from putright.publication.selectors import approved_wording
from putright.reporting import narrative
from putright.reporting.blocks import Paragraph, Section, Table, format_cell
from putright.reporting.sections.benchmarks import benchmark_blocks, has_benchmarks
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
        or has_benchmarks(ctx, code)
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
        sub.add(_measures_table(ctx, code, more), _upheld_paragraph(ctx, code, more))
    sub.add(_cases_table(ctx, code), *benchmark_blocks(ctx, code))
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
    text = narrative.change_sentence(
        comparison_sentence=comparison["sentence"],
        current=figures["received"],
        previous=previous,
        noun="enquiry",
    ).replace("enquirys", "enquiries")
    now = ctx.count(ctx.k(labels[-1], "omb", code, "received"), figures["received"])
    before = ctx.count(ctx.k(labels[-2], "omb", code, "received"), previous)
    fallback = (
        f"{OMBUDSMAN_SHORT[code]} enquiries received: {ctx.say(figures['received'], now)}"
        f" in {labels[-1]}, compared with {ctx.say(previous, before)} in {labels[-2]}."
    )
    return Paragraph(ctx.derived_text(text, [now, before], fallback))


def _years_table(ctx: ReportContext, code: str, labels: list[str]) -> Table:
    def row(measure: str, key: str) -> list[Any]:
        return [
            measure,
            *[
                ctx.n(ctx.stats[y]["ombudsman"][code][key], ctx.k(y, "omb", code, key))
                for y in labels
            ],
        ]

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
    year = ctx.period.label
    counts = figures["decisions"]
    # Every decision is shown: those not listed are known to be none.
    keys = {
        str(d): ctx.count(
            ctx.k(year, "omb", code, "decision", d), counts.get(str(d), 0), shown=True
        )
        for d in {*DECISIONS_BY_OMBUDSMAN[code], *counts}
    }
    ctx.parts(ctx.k(year, "omb", code, "decided"), list(keys.values()))
    decisions = [
        [DECISION_LABELS[d], ctx.n(counts.get(str(d), 0), keys[str(d)])]
        for d in DECISIONS_BY_OMBUDSMAN[code]
        if counts.get(str(d), 0)
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
    year = ctx.period.label

    def key(measure: str) -> str:
        return ctx.k(year, "omb", code, measure)

    for name in (
        "upheld",
        "investigations_decided",
        "satisfactory_remedy",
        "recommendations",
        "on_time",
        "late",
        "payments",
    ):
        ctx.count(key(name), more[name])
    ctx.parts(key("upheld"), [key(f"decision|{d}") for d in FAULT_DECISIONS])
    ctx.parts(key("upheld"), [key("satisfactory_remedy")], exact=False)
    ctx.parts(key("investigations_decided"), [key("upheld")], exact=False)
    ctx.parts(key("decided"), [key("investigations_decided")], exact=False)
    ctx.parts(key("recommendations"), [key("on_time"), key("late")], exact=False)
    upheld_rate = [key("upheld"), key("investigations_decided")]
    compliance = [key("on_time"), key("late"), key("recommendations")]
    measures: list[list[Any]] = [
        ["Upheld (fault found)", ctx.n(more["upheld"], key("upheld"))],
        [
            "Upheld rate of detailed investigations",
            ctx.derived(
                format_cell(more["upheld_percent"], "percent"),
                upheld_rate,
                key("upheld_percent"),
            ),
        ],
        [
            "Satisfactory remedy by the council before the Ombudsman's involvement",
            ctx.n(more["satisfactory_remedy"], key("satisfactory_remedy")),
        ],
        [
            "Recommendations made",
            ctx.n(more["recommendations"], key("recommendations")),
        ],
        ["Complied with on time", ctx.n(more["on_time"], key("on_time"))],
        ["Complied with late", ctx.n(more["late"], key("late"))],
        [
            "Compliance with recommendations",
            ctx.derived(
                format_cell(more["compliance_percent"], "percent"),
                compliance,
                key("compliance_percent"),
            ),
        ],
        ["Cases with a payment", ctx.n(more["payments"], key("payments"))],
        [
            "Payments (GBP)",
            ctx.derived(
                format_cell(more["payments_total"], "gbp"),
                [key("payments")],
                key("payments_total"),
            ),
        ],
    ]
    rates = (
        ("upheld_per_100k", "Upheld decisions per 100,000 residents"),
        ("upheld_per_10k_homes", "Findings of fault per 10,000 homes"),
    )
    for name, measure in rates:
        if more.get(name) is not None:
            measures.append(
                [measure, ctx.derived(more[name], [key("upheld")], key(name))]
            )
    rows = [
        [m[0], format_cell(m[1], "count") if isinstance(m[1], int) else m[1]]
        for m in measures
    ]
    return Table(
        key=f"omb_{code}_measures",
        caption=f"{OMBUDSMAN_SHORT[code]} decisions made in {ctx.period.label}: "
        "outcomes, remedies and compliance",
        columns=["Measure", ctx.period.label],
        rows=rows,
        formats=["text", "figure"],
    )


def _upheld_paragraph(
    ctx: ReportContext, code: str, more: dict[str, Any]
) -> Paragraph | None:
    if more["upheld_percent"] is None:
        return None
    year = ctx.period.label
    inputs = [
        ctx.k(year, "omb", code, "upheld_percent"),
        ctx.k(year, "omb", code, "satisfactory_remedy"),
    ]
    text = (
        f"The {OMBUDSMAN_SHORT[code]} upheld {percent_text(more['upheld_percent'])} "
        "of the complaints it investigated in detail; in "
        f"{more['satisfactory_remedy']:,} of the upheld cases the council "
        "had already offered a satisfactory remedy."
    )
    return Paragraph(ctx.derived_text(text, inputs))


def _case_row(
    ctx: ReportContext, case: dict[str, Any], published: dict[int, str]
) -> list[str]:
    service = case["directorate__name"] or ""
    if case["category"]:
        service = f"{service} ({case['category']})" if service else case["category"]
    decision = DECISION_LABELS.get(case["decision"], case["decision"])
    if ctx.public:
        # No reference, and no text as typed: only a published version (§6.1).
        finding = published.get(case["id"], "No published summary.")
        return [service, decision, finding]
    outcome = " ".join(
        part.strip() for part in (case["requirement"], case["lessons"]) if part.strip()
    )
    return [case["reference"], service, decision, case.get("summary", ""), outcome]


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
    published: dict[int, str] = {}
    if ctx.public:
        columns = ["Service", "Decision", "Published finding"]
        published = approved_wording(
            purpose=PublishedText.Purpose.OMBUDSMAN_FINDING,
            source_ids=[c["id"] for c in cases],
        )
    else:
        columns = [
            "Reference",
            "Service",
            "Decision",
            "Complaint",
            "Required, and lessons",
        ]
    table = Table(
        key=f"omb_{code}_cases",
        caption=f"{OMBUDSMAN_SHORT[code]} decisions finding fault, {ctx.period.label}",
        columns=columns,
        rows=[_case_row(ctx, c, published) for c in cases],
        formats=["text"] * len(columns),
        note=(
            f"The {len(cases)} most recent of {found['total']:,} decisions "
            "finding fault."
            if found["total"] > len(cases)
            else ""
        ),
    )
    # The list shows how many decisions of each kind there were: it goes with them.
    year = ctx.period.label
    return ctx.guard(
        table,
        [ctx.k(year, "omb", code, "decision", d) for d in FAULT_DECISIONS]
        + [ctx.k(year, "omb", code, "upheld")],
        f"The list of {OMBUDSMAN_SHORT[code]} decisions finding fault is not shown, "
        "because it would reveal numbers too small to publish.",
    )
