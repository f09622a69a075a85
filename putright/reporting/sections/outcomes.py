"""Escalation, stage 2 and 3 outcomes, refusals, extensions, remedies and learning."""

from __future__ import annotations

from typing import Any

from putright.reporting import narrative
from putright.reporting.blocks import BulletList, Paragraph, Section, Table, format_cell
from putright.reporting.sections.common import (
    new_section,
)
from putright.reporting.sections.context import ReportContext
from putright.statistics import breakdowns, engine
from putright.statistics.presentation import (
    LEARNING_LABELS,
    OUTCOME_LABELS,
    REMEDY_LABELS,
)


def escalation_section(ctx: ReportContext) -> Section:
    section = new_section("escalation")
    rates = breakdowns.escalation_rates(period=ctx.period, directorate=ctx.directorate)
    section.add(
        Paragraph(narrative.escalation_sentence(rates=rates)),
        Table(
            key="escalation",
            caption=f"Escalation rates, complaints received in {ctx.period.label}",
            columns=[
                "Escalation",
                "Complaints at the earlier stage",
                "Escalated",
                "Rate",
            ],
            rows=[
                [
                    "Stage 1 to stage 2",
                    rates["1_to_2"]["received"],
                    rates["1_to_2"]["escalated"],
                    rates["1_to_2"]["percent"],
                ],
                [
                    "Stage 2 to stage 3",
                    rates["2_to_3"]["received"],
                    rates["2_to_3"]["escalated"],
                    rates["2_to_3"]["percent"],
                ],
            ],
            formats=["text", "count", "count", "percent"],
        ),
    )
    # Four years, as councils table their stage two reviews (seed 002).
    earliest = ctx.periods[0].previous_year()
    early = engine.stage_summary(period=earliest, directorate=ctx.directorate)
    years: list[tuple[str, dict[str, Any]]] = [(earliest.label, early)]
    years += [(p.label, ctx.stats[p.label]["stages"]) for p in ctx.periods]
    for stage in (2, 3):
        if not any(s[str(stage)]["received"] for _, s in years):
            continue
        rows = []
        for label, stages in years:
            f = stages[str(stage)]
            o = f["outcomes"]
            rows.append(
                [
                    label,
                    f["received"],
                    o["upheld"],
                    o["partly_upheld"],
                    o["not_upheld"],
                    f["received"] - o["upheld"] - o["partly_upheld"] - o["not_upheld"],
                    f["within_timescale_percent"],
                ]
            )
        section.add(
            Table(
                key=f"stage{stage}_years",
                caption=f"Stage {stage} complaints and outcomes over four years",
                columns=[
                    "Year",
                    "Received",
                    "Upheld",
                    "Partly upheld",
                    "Not upheld",
                    "Other or no outcome yet",
                    "Within timescale",
                ],
                rows=rows,
                formats=["text", *["count"] * 5, "percent"],
            )
        )
    if not ctx.public:
        summaries = breakdowns.stage_summaries(
            period=ctx.period, directorate=ctx.directorate, stage=2
        )
        if summaries:
            section.add(
                Paragraph(
                    "Stage two complaints (internal version only):", style="note"
                ),
                BulletList(
                    [
                        f"{s['team__name'] or s['directorate__name']}: "
                        f"{s['summary'].strip()}; outcome "
                        f"{OUTCOME_LABELS.get(s['outcome'], 'not yet decided').lower()}."
                        for s in summaries
                    ]
                ),
            )
    return section


def refusals_section(ctx: ReportContext) -> Section:
    section = new_section("refusals")
    refused = breakdowns.refusals_by_reason(
        period=ctx.period, directorate=ctx.directorate
    )
    total = sum(r["count"] for r in refused)
    if refused:
        section.add(
            Paragraph(
                f"{ctx.say(total)} complaints were not accepted under the complaints "
                "procedure. The Complaint Handling Code asks councils to summarise the "
                "reasons."
            ),
            Table(
                key="refusals",
                caption=f"Complaints not accepted, by reason, {ctx.period.label}",
                columns=["Reason", "Complaints"],
                rows=[[r["label"], ctx.n(r["count"])] for r in refused],
                formats=["text", "count"],
            ),
        )
    else:
        section.add(Paragraph("No complaints were refused in the year."))
    rows = breakdowns.extensions(period=ctx.period, directorate=ctx.directorate)
    if any(r["extended"] for r in rows):
        section.add(
            Table(
                key="extensions",
                caption=f"Extensions of the response deadline, {ctx.period.label}",
                columns=[
                    "Stage",
                    "Complaints",
                    "Extended",
                    "Share",
                    "Average days",
                    "Longest days",
                    "Beyond limit",
                ],
                rows=[
                    [
                        f"Stage {r['stage']}",
                        r["received"],
                        ctx.n(r["extended"]),
                        r["percent"],
                        r["average_days"],
                        r["longest_days"],
                        ctx.n(r["beyond_cap"]),
                    ]
                    for r in rows
                ],
                formats=["text", "count", "count", "percent", "days", "days", "count"],
                note="Extensions are measured in calendar days beyond the original "
                "deadline; 'beyond limit' counts extensions longer than the "
                "procedure allows.",
            )
        )
    else:
        section.add(Paragraph("No response deadlines were extended in the year."))
    return section


def remedies_section(ctx: ReportContext) -> Section:
    section = new_section("remedies")
    found = breakdowns.remedies(period=ctx.period, directorate=ctx.directorate)
    by_type = found["by_type"]
    rows = [
        [REMEDY_LABELS.get(code, code), ctx.n(count)] for code, count in by_type.items()
    ]
    if not rows and not found["payments"]:
        section.add(
            Paragraph("No remedies were recorded for complaints received in the year.")
        )
        return section
    section.add(
        Paragraph(
            f"Where a complaint was upheld the council put things right. "
            f"{ctx.say(by_type.get('apology', 0))} apologies were given and "
            f"{ctx.say(found['payments'])} financial remedies were paid, totalling "
            f"{format_cell(found['payments_total'], 'gbp')}."
        )
    )
    if rows:
        section.add(
            Table(
                key="remedies",
                caption=f"Remedies by type, {ctx.period.label}",
                columns=["Remedy", "Number"],
                rows=rows,
                formats=["text", "count"],
            )
        )
    section.add(
        Table(
            key="payments",
            caption=f"Financial remedies, {ctx.period.label}",
            columns=["Complaints with a financial remedy", "Total paid"],
            rows=[[ctx.n(found["payments"]), found["payments_total"]]],
            formats=["count", "gbp"],
        )
    )
    return section


def learning_section(ctx: ReportContext) -> Section:
    section = new_section("learning")
    found = breakdowns.learning(period=ctx.period, directorate=ctx.directorate)
    statuses = found["statuses"]
    total = sum(statuses.values())
    if not total and not found["records_with_learning"]:
        section.add(
            Paragraph(
                "No learning or improvement actions were recorded for complaints "
                "received in the year."
            )
        )
        return section
    if not total:
        section.add(
            Paragraph(
                f"Learning was recorded on {found['records_with_learning']:,} "
                "complaints; no improvement actions are being tracked for them."
            )
        )
    else:
        section.add(
            Paragraph(
                f"Learning was recorded on {found['records_with_learning']:,} "
                f"complaints and {total:,} improvement actions were agreed; "
                f"{statuses.get('complete', 0):,} have been completed."
            ),
            Table(
                key="learning_status",
                caption="Status of learning actions from complaints received in "
                f"{ctx.period.label}",
                columns=["Status", "Actions"],
                rows=[[LEARNING_LABELS[k], v] for k, v in statuses.items()],
                formats=["text", "count"],
            ),
        )
    if not ctx.public and found["learning_examples"]:
        # Free text from the case records: internal version only.
        section.add(
            Paragraph(
                "Examples of learning recorded (internal version only):", style="note"
            ),
            BulletList([text.strip() for text in found["learning_examples"][:5]]),
        )
    actions = found["actions"]
    if actions:
        section.add(
            Paragraph("Service improvements made as a result of complaints include:"),
            BulletList(
                [
                    f"{a['directorate']}: {a['description'].strip()} "
                    f"({LEARNING_LABELS.get(a['status'], a['status']).lower()})"
                    for a in actions
                ]
            ),
        )
    return section
