"""The summary table, the three-year trends and the statutory and corporate procedures."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from putright.complaints.constants import (
    Family,
    Kind,
)
from putright.complaints.models import Procedure
from putright.core.presentation import long_date, percent_text, whole_days
from putright.reporting import charts, narrative
from putright.reporting.blocks import (
    BulletList,
    Chart,
    Paragraph,
    Section,
    Suppressed,
    Table,
)
from putright.reporting.sections.common import (
    contact_received,
    current_figures,
    new_section,
    ombudsman_received,
    shorten,
    stage_figures,
)
from putright.reporting.sections.context import ReportContext
from putright.statistics import breakdowns
from putright.statistics.presentation import (
    OMBUDSMAN_SHORT,
)


def summary_section(ctx: ReportContext) -> Section:
    section = new_section("summary")
    labels = [p.label for p in ctx.periods]
    where = f" about {ctx.directorate.name}" if ctx.directorate else ""
    section.add(
        Paragraph(
            f"This report gives an overview of how {ctx.council.name} handled "
            f"complaints, compliments and other feedback{where} received between "
            f"{long_date(ctx.period.start)} and {long_date(ctx.period.end)}, with "
            "the two years before for comparison. It covers statutory and corporate "
            "complaints, enquiries from the Ombudsmen, what the council learned and "
            "the improvements it made.",
            style="lead",
        )
    )
    candidates: list[tuple[str, Callable[[str], int], bool]] = [
        (
            "Service requests and informal complaints",
            lambda y: (
                contact_received(ctx, y, Kind.SERVICE_REQUEST)
                + contact_received(ctx, y, Kind.INFORMAL_COMPLAINT)
            ),
            False,
        ),
        ("Stage 1 complaints", lambda y: stage_figures(ctx, y, 1)["received"], True),
        ("Stage 2 complaints", lambda y: stage_figures(ctx, y, 2)["received"], True),
        ("Stage 3 complaints", lambda y: stage_figures(ctx, y, 3)["received"], False),
        (
            "Housing Ombudsman enquiries",
            lambda y: ombudsman_received(ctx, y, "ho"),
            False,
        ),
        ("LGSCO enquiries", lambda y: ombudsman_received(ctx, y, "lgsco"), False),
    ]
    for code in ("spso", "psow", "nipso"):
        candidates.append(
            (
                f"{OMBUDSMAN_SHORT[code]} enquiries",
                partial(ombudsman_received, ctx, code=code),
                False,
            )
        )
    candidates += [
        ("Compliments", lambda y: contact_received(ctx, y, Kind.COMPLIMENT), False),
        ("Comments", lambda y: contact_received(ctx, y, Kind.COMMENT), False),
        ("MP enquiries", lambda y: contact_received(ctx, y, Kind.MP_ENQUIRY), False),
        (
            "Member enquiries",
            lambda y: contact_received(ctx, y, Kind.MEMBER_ENQUIRY),
            False,
        ),
    ]
    rows = []
    totals = [0] * len(labels)
    for name, count, always in candidates:
        values = [count(y) for y in labels]
        if not always and not any(values):
            continue  # a kind of contact this council does not record
        rows.append([name, *values])
        totals = [a + b for a, b in zip(totals, values, strict=True)]
    rows.append(["Total number of enquiries", *totals])
    section.add(
        Table(
            key="summary",
            caption=f"Total number of enquiries received, {labels[0]} to {labels[-1]}",
            columns=["Type of enquiry", *labels],
            rows=rows,
            formats=["text", *["count"] * len(labels)],
            total_row=True,
        )
    )
    current = current_figures(ctx)
    sentences = []
    for stage in (1, 2):
        figures = current["stages"][str(stage)]
        sentences.append(
            narrative.change_sentence(
                comparison_sentence=figures["sentence"],
                current=figures["received"],
                previous=figures["previous_year"]["received"],
                noun=f"{narrative.STAGE_WORDS[stage]} complaint",
            )
        )
    first = current["stages"]["1"]
    if first["within_timescale_percent"] is not None:
        sentences.append(
            f"{percent_text(first['within_timescale_percent'])} of stage one complaints were "
            f"answered within timescale (the council's target is {ctx.target:g}%)."
        )
    section.add(BulletList(sentences))
    return section


def trends_section(ctx: ReportContext) -> Section:
    section = new_section("trends")
    labels = [p.label for p in ctx.periods]
    stages = [
        s
        for s in (1, 2, 3)
        if any(stage_figures(ctx, y, s)["received"] for y in labels)
    ]
    stages = stages or [1]
    rows = [
        [f"Stage {s}", *[stage_figures(ctx, y, s)["received"] for y in labels]]
        for s in stages
    ]
    section.add(
        Table(
            key="trends_stage",
            caption=f"Complaints received by stage, {labels[0]} to {labels[-1]}",
            columns=["Stage", *labels],
            rows=rows,
            formats=["text", *["count"] * len(labels)],
        ),
        Chart(
            key="trends_stage",
            title="Complaints received by stage over three years",
            description="Bar chart of complaints received at each stage in "
            + ", ".join(
                f"{y}: "
                + ", ".join(
                    f"stage {s} {stage_figures(ctx, y, s)['received']}" for s in stages
                )
                for y in labels
            )
            + ".",
            spec=charts.grouped_bars(
                rows=[
                    {
                        "category": f"Stage {s}",
                        "series": y,
                        "value": stage_figures(ctx, y, s)["received"],
                    }
                    for s in stages
                    for y in labels
                ],
                x_title="Stage",
                y_title="Complaints received",
                series_title="Year",
            ),
        ),
    )
    for stage in stages[:2]:
        figures = stage_figures(ctx, ctx.period.label, stage)
        section.add(
            Paragraph(
                narrative.change_sentence(
                    comparison_sentence=figures["sentence"],
                    current=figures["received"],
                    previous=figures["previous_year"]["received"],
                    noun=f"{narrative.STAGE_WORDS[stage]} complaint",
                )
            )
        )
    ctx.progress(15, "Comparing directorates over three years")
    for stage in stages[:2]:
        by_directorate = breakdowns.received_by_directorate(
            periods=ctx.periods, stage=stage, directorate=ctx.directorate
        )
        if not by_directorate:
            continue
        rows = [
            [r["directorate"], *[ctx.n(r[y]) for y in labels]] for r in by_directorate
        ]
        section.add(
            Table(
                key=f"trends_dir_s{stage}",
                caption=f"Stage {stage} complaints by directorate, {labels[0]} to {labels[-1]}",
                columns=["Directorate", *labels],
                rows=rows,
                formats=["text", *["count"] * len(labels)],
            )
        )
        changes = []
        for r in by_directorate:
            now, before = r[labels[-1]], r[labels[-2]]
            if ctx.public and 0 < min(now, before) < ctx.threshold:
                continue  # a change between small numbers would reveal them
            changes.append(
                f"{r['directorate']}: "
                + narrative.change_phrase(
                    current=now,
                    previous=before,
                    noun=f"{narrative.STAGE_WORDS[stage]} complaint",
                    previous_label=labels[-2],
                )
            )
        if changes:
            section.add(BulletList(changes))
        if len(by_directorate) > 1:
            section.add(
                Chart(
                    key=f"trends_dir_s{stage}",
                    title=f"Stage {stage} complaints by directorate over three years",
                    description=f"Bar chart of stage {stage} complaints by directorate: "
                    + "; ".join(
                        f"{r['directorate']} "
                        + ", ".join(f"{y} {ctx.say(r[y])}" for y in labels)
                        for r in by_directorate
                    )
                    + ".",
                    spec=charts.grouped_bars(
                        rows=[
                            {
                                "category": r["directorate"],
                                "series": y,
                                # a suppressed count is drawn as 0 in the public version
                                "value": r[y]
                                if not isinstance(ctx.n(r[y]), Suppressed)
                                else 0,
                            }
                            for r in by_directorate
                            for y in labels
                        ],
                        x_title="Directorate",
                        y_title="Complaints received",
                        series_title="Year",
                    ),
                )
            )
    return section


def _procedure_rows(
    ctx: ReportContext, label: str
) -> list[tuple[Procedure, int, dict[str, Any]]]:
    procedures = {p.code: p for p in Procedure.objects.all()}
    found = []
    for stage in ("1", "2", "3"):
        for code, figures in stage_figures(ctx, label, int(stage))[
            "by_procedure"
        ].items():
            if figures["received"] and code in procedures:
                found.append((procedures[code], int(stage), figures))
    found.sort(key=lambda t: (t[0].family != Family.STATUTORY, t[0].name, t[1]))
    return found


def procedures_section(ctx: ReportContext) -> Section | None:
    """Each statutory regime and the corporate procedure: received, outcomes, timeliness."""
    section = new_section("procedures")
    found = _procedure_rows(ctx, ctx.period.label)
    if not found:
        return None
    section.add(
        Paragraph(
            "Complaints about children's social care, adult social care and public "
            "health follow statutory procedures with their own timescales; the rest "
            "follow the council's corporate complaints procedure. Response times are "
            "given in each procedure's own day basis."
        )
    )
    rows = []
    for procedure, stage, f in found:
        o = f["outcomes"]
        average = f.get("average_response_days")
        unit = "calendar" if f.get("day_basis") == "calendar" else "working"
        rows.append(
            [
                procedure.name,
                f"Stage {stage}",
                ctx.n(f["received"]),
                ctx.n(o["upheld"]),
                ctx.n(o["partly_upheld"]),
                ctx.n(o["not_upheld"]),
                f"{whole_days(average)} {unit} days" if average is not None else None,
                f["within_timescale_percent"],
            ]
        )
    section.add(
        Table(
            key="procedures",
            caption=f"Complaints by procedure and stage, {ctx.period.label}",
            columns=[
                "Procedure",
                "Stage",
                "Received",
                "Upheld",
                "Partly upheld",
                "Not upheld",
                "Average response",
                "Within timescale",
            ],
            rows=rows,
            formats=["text", "text", *["count"] * 4, "days", "percent"],
            note=f"Target: {ctx.target:g}% of responses within timescale. Response "
            "times are in the procedure's own day basis.",
        )
    )
    for procedure, stage, f in found:
        if stage != 1:
            continue
        section.add(
            Paragraph(
                narrative.timeliness_sentence(
                    name=procedure.name,
                    received=f["received"],
                    average_days=f.get("average_response_days"),
                    day_basis=f.get("day_basis", "working"),
                    within_percent=f["within_timescale_percent"],
                    target=ctx.target,
                    fmt=ctx.say,
                )
            )
        )
    chart_rows = [
        {
            "label": f"{shorten(p.name)}, stage {s}",
            "value": f["within_timescale_percent"],
        }
        for p, s, f in found
        if f["within_timescale_percent"] is not None
    ]
    if chart_rows:
        section.add(
            Chart(
                key="timeliness",
                title="Responses within timescale by procedure (%)",
                description="Bar chart of the percentage answered within timescale: "
                + "; ".join(
                    f"{r['label']} {percent_text(r['value'])}" for r in chart_rows
                )
                + f". The line marks the target of {ctx.target:g}%.",
                spec=charts.horizontal_bars(
                    rows=chart_rows,
                    x_title="Answered within timescale (%)",
                    target=ctx.target,
                ),
            )
        )
    return section
