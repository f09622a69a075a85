"""Escalation, stage 2 and 3 outcomes, refusals, extensions, remedies and learning."""

from __future__ import annotations

from typing import Any

from putright.publication.models import PublishedText
from putright.publication.selectors import approved_wording
from putright.reporting import narrative
from putright.reporting.blocks import (
    Block,
    BulletList,
    Paragraph,
    Section,
    Table,
    format_cell,
)
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
    year = ctx.period.label
    keys: dict[str, dict[str, str]] = {}
    for step, stage in (("1_to_2", 1), ("2_to_3", 2)):
        r = rates[step]
        base = ctx.count(ctx.k(year, "escalation", step, "received"), r["received"])
        went = ctx.count(ctx.k(year, "escalation", step, "escalated"), r["escalated"])
        # The base is the stage's received count: shown or hidden with it.
        ctx.parts(ctx.k(year, "stage", stage, "received"), [base])
        ctx.parts(base, [went], exact=False)
        rate = ctx.k(year, "escalation", step, "percent")
        if ctx.disclosure is not None:
            ctx.disclosure.derived(rate, [base, went])
        keys[step] = {"received": base, "escalated": went, "percent": rate}
    inputs = [key for step in keys.values() for key in step.values()]
    fallback = (
        f"Stage one complaints that went on to stage two: "
        f"{ctx.say(rates['1_to_2']['escalated'], keys['1_to_2']['escalated'])} of "
        f"{ctx.say(rates['1_to_2']['received'], keys['1_to_2']['received'])}."
    )
    section.add(
        Paragraph(
            ctx.derived_text(
                narrative.escalation_sentence(rates=rates), inputs, fallback
            )
        ),
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
                    label,
                    ctx.n(rates[step]["received"], keys[step]["received"]),
                    ctx.n(rates[step]["escalated"], keys[step]["escalated"]),
                    ctx.derived(rates[step]["percent"], [keys[step]["percent"]]),
                ]
                for step, label in (
                    ("1_to_2", "Stage 1 to stage 2"),
                    ("2_to_3", "Stage 2 to stage 3"),
                )
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
        if any(s[str(stage)]["received"] for _, s in years):
            section.add(_stage_years_table(ctx, stage, years))
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


def _stage_years_table(
    ctx: ReportContext, stage: int, years: list[tuple[str, dict[str, Any]]]
) -> Table:
    rows = []
    for label, stages in years:
        f = stages[str(stage)]
        o = f["outcomes"]
        keys = ctx.stage(f, label, "stage", stage)
        rest = f["received"] - o["upheld"] - o["partly_upheld"] - o["not_upheld"]
        rest_key = ctx.count(ctx.k(label, "stage", stage, "other_or_none"), rest)
        ctx.parts(
            keys["received"],
            [keys["upheld"], keys["partly_upheld"], keys["not_upheld"], rest_key],
        )
        rows.append(
            [
                label,
                ctx.n(f["received"], keys["received"]),
                ctx.n(o["upheld"], keys["upheld"]),
                ctx.n(o["partly_upheld"], keys["partly_upheld"]),
                ctx.n(o["not_upheld"], keys["not_upheld"]),
                ctx.n(rest, rest_key),
                ctx.derived(f["within_timescale_percent"], [keys["within_percent"]]),
            ]
        )
    return Table(
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


def refusals_section(ctx: ReportContext) -> Section:
    section = new_section("refusals")
    year = ctx.period.label
    refused = breakdowns.refusals_by_reason(
        period=ctx.period, directorate=ctx.directorate
    )
    total = sum(r["count"] for r in refused)
    if refused:
        total_key = ctx.count(ctx.k(year, "refused"), total)
        reason_keys = [
            ctx.count(ctx.k(year, "refused", r["label"]), r["count"]) for r in refused
        ]
        ctx.parts(total_key, reason_keys)
        section.add(
            Paragraph(
                "Complaints not accepted under the complaints procedure: "
                f"{ctx.say(total, total_key)}. The Complaint Handling Code asks "
                "councils to summarise the reasons."
            ),
            Table(
                key="refusals",
                caption=f"Complaints not accepted, by reason, {ctx.period.label}",
                columns=["Reason", "Complaints"],
                rows=[
                    [r["label"], ctx.n(r["count"], key)]
                    for r, key in zip(refused, reason_keys, strict=True)
                ],
                formats=["text", "count"],
            ),
        )
    else:
        section.add(Paragraph("No complaints were refused in the year."))
    rows = breakdowns.extensions(period=ctx.period, directorate=ctx.directorate)
    if any(r["extended"] for r in rows):
        section.add(_extensions_table(ctx, rows))
    else:
        section.add(Paragraph("No response deadlines were extended in the year."))
    return section


def _extensions_table(ctx: ReportContext, rows: list[dict[str, Any]]) -> Table:
    year = ctx.period.label
    table_rows = []
    for r in rows:

        def key(measure: str, stage: int = r["stage"]) -> str:
            return ctx.k(year, "extensions", stage, measure)

        base = ctx.count(key("received"), r["received"])
        extended = ctx.count(key("extended"), r["extended"])
        beyond = ctx.count(key("beyond_cap"), r["beyond_cap"])
        ctx.parts(base, [extended], exact=False)
        ctx.parts(extended, [beyond], exact=False)
        # Lengths of a few extensions describe those cases: they go with the count.
        table_rows.append(
            [
                f"Stage {r['stage']}",
                ctx.n(r["received"], base),
                ctx.n(r["extended"], extended),
                ctx.derived(r["percent"], [base, extended]),
                ctx.derived(r["average_days"], [extended]),
                ctx.derived(r["longest_days"], [extended]),
                ctx.n(r["beyond_cap"], beyond),
            ]
        )
    return Table(
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
        rows=table_rows,
        formats=["text", "count", "count", "percent", "days", "days", "count"],
        note="Extensions are measured in calendar days beyond the original "
        "deadline; 'beyond limit' counts extensions longer than the "
        "procedure allows.",
    )


def remedies_section(ctx: ReportContext) -> Section:
    section = new_section("remedies")
    year = ctx.period.label
    found = breakdowns.remedies(period=ctx.period, directorate=ctx.directorate)
    by_type = found["by_type"]
    if not by_type and not found["payments"]:
        section.add(
            Paragraph("No remedies were recorded for complaints received in the year.")
        )
        return section
    keys = {
        code: ctx.count(ctx.k(year, "remedy", code), count)
        for code, count in {"apology": 0, **by_type}.items()
    }
    payments = ctx.count(ctx.k(year, "payments"), found["payments"])
    total = ctx.derived_text(
        format_cell(found["payments_total"], "gbp"), [payments], "an amount not shown"
    )
    section.add(
        Paragraph(
            "Where a complaint was upheld the council put things right. The council "
            f"gave {ctx.say(by_type.get('apology', 0), keys['apology'])} apologies "
            f"and paid {ctx.say(found['payments'], payments)} financial remedies, "
            f"totalling {total}."
        )
    )
    if by_type:
        section.add(
            Table(
                key="remedies",
                caption=f"Remedies by type, {ctx.period.label}",
                columns=["Remedy", "Number"],
                rows=[
                    [REMEDY_LABELS.get(code, code), ctx.n(count, keys[code])]
                    for code, count in by_type.items()
                ],
                formats=["text", "count"],
            )
        )
    section.add(
        Table(
            key="payments",
            caption=f"Financial remedies, {ctx.period.label}",
            columns=["Complaints with a financial remedy", "Total paid"],
            rows=[
                [
                    ctx.n(found["payments"], payments),
                    ctx.derived(found["payments_total"], [payments]),
                ]
            ],
            formats=["count", "gbp"],
        )
    )
    return section


def learning_section(ctx: ReportContext) -> Section:
    section = new_section("learning")
    year = ctx.period.label
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
    records = ctx.count(
        ctx.k(year, "learning", "records"), found["records_with_learning"]
    )
    if not total:
        section.add(
            Paragraph(
                f"Learning was recorded on {ctx.say(found['records_with_learning'], records)} "
                "complaints; no improvement actions are being tracked for them."
            )
        )
    else:
        total_key = ctx.count(ctx.k(year, "learning", "actions"), total)
        keys = {
            status: ctx.count(ctx.k(year, "learning", "actions", status), count)
            for status, count in statuses.items()
        }
        ctx.parts(total_key, list(keys.values()))
        section.add(
            Paragraph(
                f"Learning was recorded on {ctx.say(found['records_with_learning'], records)} "
                f"complaints and {ctx.say(total, total_key)} improvement actions were "
                f"agreed, of which {ctx.say(statuses.get('complete', 0), keys['complete'])} "
                "have been completed."
            ),
            Table(
                key="learning_status",
                caption="Status of learning actions from complaints received in "
                f"{ctx.period.label}",
                columns=["Status", "Actions"],
                rows=[
                    [LEARNING_LABELS[k], ctx.n(v, keys[k])] for k, v in statuses.items()
                ],
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
    section.add(*_improvements(ctx, found["actions"]))
    return section


def _improvements(ctx: ReportContext, actions: list[dict[str, Any]]) -> list[Block]:
    """The improvements made: as typed internally; publicly only approved wording."""
    if ctx.public:
        published = approved_wording(
            purpose=PublishedText.Purpose.LEARNING_EXAMPLE,
            source_ids=[a["id"] for a in actions],
        )
        items = [
            f"{a['directorate']}: {published[a['id']].strip()} "
            f"({LEARNING_LABELS.get(a['status'], a['status']).lower()})"
            for a in actions
            if a["id"] in published
        ]
    else:
        items = [
            f"{a['directorate']}: {a['description'].strip()} "
            f"({LEARNING_LABELS.get(a['status'], a['status']).lower()})"
            for a in actions
        ]
    if not items:
        return []
    year = ctx.period.label
    listing = ctx.guard(
        BulletList(items),
        [ctx.k(year, "learning", "actions", status) for status in LEARNING_LABELS],
        "Examples of improvements are not shown, because they would reveal numbers "
        "too small to publish.",
    )
    return [
        Paragraph("Service improvements made as a result of complaints include:"),
        listing,
    ]
