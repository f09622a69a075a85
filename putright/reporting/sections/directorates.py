"""One part per directorate, and issue natures by directorate (seed 003's table)."""

from __future__ import annotations

from putright.complaints.constants import (
    Kind,
)
from putright.complaints.models import Procedure
from putright.organisation.models import Directorate
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
    new_section,
)
from putright.reporting.sections.context import ReportContext
from putright.statistics import breakdowns, engine
from putright.statistics.presentation import (
    CHANNEL_LABELS,
)


def directorates_section(ctx: ReportContext) -> Section | None:
    section = new_section("directorates")
    active = breakdowns.directorates_active(
        periods=[ctx.period], directorate=ctx.directorate
    )
    if not active:
        return None
    labels = [p.label for p in ctx.periods]
    count = len(active)
    for index, directorate in enumerate(active):
        ctx.progress(
            30 + int(15 * index / count), f"Writing the {directorate.name} section"
        )
        section.subsections.append(_one_directorate(ctx, directorate, labels))
    return section


def _one_directorate(
    ctx: ReportContext, directorate: Directorate, labels: list[str]
) -> Section:
    name = directorate.name
    sub = Section(
        key="directorates",
        title=f"{name} complaints activity {ctx.period.label}",
        anchor=f"directorate-{directorate.pk}",
    )
    stats = engine.statistics_for(period=ctx.period, directorate=directorate)
    older = engine.stage_summary(
        period=ctx.period.previous_year(), directorate=directorate
    )
    stages = stats["stages"]
    contacts = stats["contacts"]
    informal = contacts[Kind.INFORMAL_COMPLAINT]
    if informal["received"] or informal["previous_year"]["received"]:
        sub.add(
            Paragraph(
                narrative.capitalise(
                    f"{ctx.say(informal['received'])} informal complaints were received, "
                    f"compared with {ctx.say(informal['previous_year']['received'])} in "
                    f"{informal['previous_year']['year']}."
                )
            )
        )
    for stage in (1, 2):
        figures = stages[str(stage)]
        if not figures["received"] and not figures["previous_year"]["received"]:
            continue
        sub.add(
            Paragraph(
                f"The council received {ctx.say(figures['received'])} {name} "
                f"{narrative.STAGE_WORDS[stage]} complaints, compared with "
                f"{ctx.say(figures['previous_year']['received'])} in "
                f"{figures['previous_year']['year']} and "
                f"{ctx.say(older[str(stage)]['previous_year']['received'])} in "
                f"{older[str(stage)]['previous_year']['year']}. "
                + figures["sentence"]
                + "."
            )
        )
        sub.add(
            Paragraph(
                narrative.outcome_sentence(
                    received=figures["received"],
                    outcomes=figures["outcomes"],
                    noun=f"{narrative.STAGE_WORDS[stage]} complaints",
                    fmt=ctx.say,
                )
            )
        )
    rows = []
    for stage in (1, 2, 3):
        f = stages[str(stage)]
        if stage == 3 and not f["received"]:
            continue
        o = f["outcomes"]
        other = sum(
            o[k] for k in ("withdrawn", "refused", "out_of_jurisdiction", "other")
        )
        rows.append(
            [
                f"Stage {stage}",
                ctx.n(f["received"]),
                ctx.n(o["upheld"]),
                ctx.n(o["partly_upheld"]),
                ctx.n(o["not_upheld"]),
                ctx.n(other),
                ctx.n(o["undecided"]),
                f["within_timescale_percent"],
            ]
        )
    sub.add(
        Table(
            key=f"dir_{directorate.pk}_outcomes",
            caption=f"{name}: complaints received and outcomes, {ctx.period.label}",
            columns=[
                "Stage",
                "Received",
                "Upheld",
                "Partly upheld",
                "Not upheld",
                "Other outcome",
                "No outcome yet",
                "Within timescale",
            ],
            rows=rows,
            formats=["text", *["count"] * 6, "percent"],
        )
    )
    for stage in (1, 2):
        for code, f in stages[str(stage)]["by_procedure"].items():
            if not f["received"]:
                continue
            proc = Procedure.objects.filter(code=code).only("name").first()
            sub.add(
                Paragraph(
                    f"Stage {stage}: "
                    + narrative.timeliness_sentence(
                        name=proc.name if proc else code,
                        received=f["received"],
                        average_days=f.get("average_response_days"),
                        day_basis=f.get("day_basis", "working"),
                        within_percent=f["within_timescale_percent"],
                        target=ctx.target,
                        fmt=ctx.say,
                    )
                )
            )
    # Only what was recorded: "not recorded (25)" says nothing to a reader.
    kinds = [
        r
        for r in breakdowns.complainant_types(
            period=ctx.period, directorate=directorate
        )
        if r["label"] != breakdowns.NOT_RECORDED
    ]
    ways = [
        r
        for r in breakdowns.channels(period=ctx.period, directorate=directorate)
        if r["label"] != breakdowns.NOT_RECORDED
    ]
    if kinds or ways:
        kind_text = ", ".join(
            f"{r['label'].lower()} ({ctx.say(r['count'])})" for r in kinds
        )
        way_text = ", ".join(
            f"{CHANNEL_LABELS.get(r['label'], r['label']).lower()} ({ctx.say(r['count'])})"
            for r in ways
        )
        items = []
        if kind_text:
            items.append(f"Stage one complaints were made by: {kind_text}.")
        if way_text:
            items.append(f"They arrived by: {way_text}.")
        commissioned = breakdowns.commissioned(
            period=ctx.period, directorate=directorate
        )
        if commissioned["commissioned"]:
            items.append(
                f"{ctx.say(commissioned['commissioned'])} of the "
                f"{ctx.say(commissioned['received'])} stage one complaints were about "
                "commissioned or third-party providers."
            )
        sub.add(BulletList(items))
    teams = breakdowns.teams_ranked(period=ctx.period, directorate=directorate)
    if teams:
        sub.add(
            Paragraph(narrative.top_team_sentence(teams=teams, fmt=ctx.say)),
            Table(
                key=f"dir_{directorate.pk}_teams",
                caption=f"{name}: teams with the most stage one complaints, {ctx.period.label}",
                columns=["Team", "Received", "Upheld or partly upheld"],
                rows=[
                    [t["team"], ctx.n(t["received"]), ctx.n(t["upheld"])] for t in teams
                ],
                formats=["text", "count", "count"],
            ),
        )
        upheld = breakdowns.teams_ranked(
            period=ctx.period, directorate=directorate, order="upheld", limit=3
        )
        if upheld:
            sub.add(
                Paragraph(
                    "Most complaints upheld or partly upheld: "
                    + ", ".join(f"{t['team']} ({ctx.say(t['upheld'])})" for t in upheld)
                    + "."
                )
            )
    return sub


def issues_section(ctx: ReportContext) -> Section | None:
    rows = breakdowns.issue_natures_by_directorate(
        period=ctx.period, directorate=ctx.directorate
    )
    if not rows:
        return None
    section = new_section("issues")
    directorates = sorted({r["directorate"] for r in rows})
    natures = sorted({r["nature"] for r in rows})
    grid = {(r["nature"], r["directorate"]): r["count"] for r in rows}
    totals = {n: sum(grid.get((n, d), 0) for d in directorates) for n in natures}
    natures.sort(key=lambda n: (-totals[n], n))
    table_rows = [
        [n, *[ctx.n(grid.get((n, d), 0)) for d in directorates], ctx.n(totals[n])]
        for n in natures
    ]
    top = natures[0]
    section.add(
        Paragraph(
            "Each stage one complaint is given one or more issue natures summarising "
            f"the concerns raised. The most common in {ctx.period.label} was "
            f"{top} ({ctx.say(totals[top])})."
        ),
        Table(
            key="issue_natures",
            caption=f"Stage one complaints by issue nature and directorate, {ctx.period.label}",
            columns=["Issue nature", *directorates, "Total"],
            rows=table_rows,
            formats=["text", *["count"] * (len(directorates) + 1)],
            note="A complaint can have more than one issue nature.",
        ),
        Chart(
            key="issue_natures",
            title="Stage one complaints by issue nature",
            description="Bar chart of stage one complaints by issue nature: "
            + "; ".join(f"{n} {ctx.say(totals[n])}" for n in natures[:10])
            + ".",
            spec=charts.horizontal_bars(
                rows=[
                    {
                        "label": n,
                        "value": 0
                        if isinstance(ctx.n(totals[n]), Suppressed)
                        else totals[n],
                    }
                    for n in natures[:10]
                ],
                x_title="Complaints",
            ),
        ),
    )
    return section
