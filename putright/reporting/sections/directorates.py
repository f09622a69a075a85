"""One part per directorate, and issue natures by directorate (seed 003's table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from putright.complaints.constants import (
    Kind,
)
from putright.complaints.models import Procedure
from putright.organisation.models import Directorate
from putright.reporting import charts, narrative
from putright.reporting.blocks import (
    Block,
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


@dataclass
class DirectorateFigures:
    """Everything one directorate's part shows, read for all directorates at once."""

    stages: dict[str, dict[str, Any]]
    older: dict[str, dict[str, Any]]  # the year before last, for its received counts
    contacts: dict[str, dict[str, Any]]
    kinds: list[dict[str, Any]]
    ways: list[dict[str, Any]]
    commissioned: dict[str, int]
    teams: list[dict[str, Any]]
    teams_upheld: list[dict[str, Any]]


def _directorate_figures(
    ctx: ReportContext, active: list[Directorate]
) -> dict[int, DirectorateFigures]:
    """One grouped query per figure for every directorate: no queries per directorate."""
    period = ctx.period
    stages = engine.stage_summaries_by_directorate(period=period, directorates=active)
    older = engine.stage_summaries_by_directorate(
        period=period.previous_year(), directorates=active
    )
    contacts = engine.contact_counts_by_directorate(period=period, directorates=active)
    kinds = breakdowns.complainant_types_by_directorate(
        period=period, directorates=active
    )
    ways = breakdowns.channels_by_directorate(period=period, directorates=active)
    commissioned = breakdowns.commissioned_by_directorate(
        period=period, directorates=active
    )
    teams = breakdowns.teams_ranked_by_directorate(
        period=period, directorates=active, orders={"received": 5, "upheld": 3}
    )
    return {
        d.pk: DirectorateFigures(
            stages=stages[d.pk],
            older=older[d.pk],
            contacts=contacts[d.pk],
            kinds=kinds[d.pk],
            ways=ways[d.pk],
            commissioned=commissioned[d.pk],
            teams=teams[d.pk]["received"],
            teams_upheld=teams[d.pk]["upheld"],
        )
        for d in active
    }


def directorates_section(ctx: ReportContext) -> Section | None:
    section = new_section("directorates")
    active = breakdowns.directorates_active(
        periods=[ctx.period], directorate=ctx.directorate
    )
    if not active:
        return None
    figures = _directorate_figures(ctx, active)
    procedure_names = dict(Procedure.objects.values_list("code", "name"))
    count = len(active)
    for index, directorate in enumerate(active):
        ctx.progress(
            30 + int(15 * index / count), f"Writing the {directorate.name} section"
        )
        section.subsections.append(
            _one_directorate(ctx, directorate, figures[directorate.pk], procedure_names)
        )
    return section


def _one_directorate(
    ctx: ReportContext,
    directorate: Directorate,
    figures: DirectorateFigures,
    procedure_names: dict[str, str],
) -> Section:
    sub = Section(
        key="directorates",
        title=f"{directorate.name} complaints activity {ctx.period.label}",
        anchor=f"directorate-{directorate.pk}",
    )
    sub.add(_informal_paragraph(ctx, figures.contacts[Kind.INFORMAL_COMPLAINT]))
    sub.add(*_stage_paragraphs(ctx, directorate.name, figures))
    sub.add(_outcomes_table(ctx, directorate, figures.stages))
    sub.add(*_procedure_paragraphs(ctx, figures.stages, procedure_names))
    sub.add(_who_and_how(ctx, figures))
    sub.add(*_team_blocks(ctx, directorate, figures))
    return sub


def _informal_paragraph(
    ctx: ReportContext, informal: dict[str, Any]
) -> Paragraph | None:
    if not (informal["received"] or informal["previous_year"]["received"]):
        return None
    return Paragraph(
        narrative.capitalise(
            f"{ctx.say(informal['received'])} informal complaints were received, "
            f"compared with {ctx.say(informal['previous_year']['received'])} in "
            f"{informal['previous_year']['year']}."
        )
    )


def _stage_paragraphs(
    ctx: ReportContext, name: str, figures: DirectorateFigures
) -> list[Paragraph]:
    paragraphs = []
    for stage in (1, 2):
        f = figures.stages[str(stage)]
        if not f["received"] and not f["previous_year"]["received"]:
            continue
        older = figures.older[str(stage)]["previous_year"]
        paragraphs.append(
            Paragraph(
                f"The council received {ctx.say(f['received'])} {name} "
                f"{narrative.STAGE_WORDS[stage]} complaints, compared with "
                f"{ctx.say(f['previous_year']['received'])} in "
                f"{f['previous_year']['year']} and "
                f"{ctx.say(older['received'])} in {older['year']}. "
                + f["sentence"]
                + "."
            )
        )
        paragraphs.append(
            Paragraph(
                narrative.outcome_sentence(
                    received=f["received"],
                    outcomes=f["outcomes"],
                    noun=f"{narrative.STAGE_WORDS[stage]} complaints",
                    fmt=ctx.say,
                )
            )
        )
    return paragraphs


def _outcomes_table(
    ctx: ReportContext, directorate: Directorate, stages: dict[str, dict[str, Any]]
) -> Table:
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
    return Table(
        key=f"dir_{directorate.pk}_outcomes",
        caption=f"{directorate.name}: complaints received and outcomes, "
        f"{ctx.period.label}",
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


def _procedure_paragraphs(
    ctx: ReportContext,
    stages: dict[str, dict[str, Any]],
    procedure_names: dict[str, str],
) -> list[Paragraph]:
    return [
        Paragraph(
            f"Stage {stage}: "
            + narrative.timeliness_sentence(
                name=procedure_names.get(code, code),
                received=f["received"],
                average_days=f.get("average_response_days"),
                day_basis=f.get("day_basis", "working"),
                within_percent=f["within_timescale_percent"],
                target=ctx.target,
                fmt=ctx.say,
            )
        )
        for stage in (1, 2)
        for code, f in stages[str(stage)]["by_procedure"].items()
        if f["received"]
    ]


def _who_and_how(ctx: ReportContext, figures: DirectorateFigures) -> BulletList | None:
    # Only what was recorded: "not recorded (25)" says nothing to a reader.
    kinds = [r for r in figures.kinds if r["label"] != breakdowns.NOT_RECORDED]
    ways = [r for r in figures.ways if r["label"] != breakdowns.NOT_RECORDED]
    if not (kinds or ways):
        return None
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
    commissioned = figures.commissioned
    if commissioned["commissioned"]:
        items.append(
            f"{ctx.say(commissioned['commissioned'])} of the "
            f"{ctx.say(commissioned['received'])} stage one complaints were about "
            "commissioned or third-party providers."
        )
    return BulletList(items)


def _team_blocks(
    ctx: ReportContext, directorate: Directorate, figures: DirectorateFigures
) -> list[Block]:
    teams = figures.teams
    if not teams:
        return []
    blocks: list[Block] = [
        Paragraph(narrative.top_team_sentence(teams=teams, fmt=ctx.say)),
        Table(
            key=f"dir_{directorate.pk}_teams",
            caption=f"{directorate.name}: teams with the most stage one complaints, "
            f"{ctx.period.label}",
            columns=["Team", "Received", "Upheld or partly upheld"],
            rows=[[t["team"], ctx.n(t["received"]), ctx.n(t["upheld"])] for t in teams],
            formats=["text", "count", "count"],
        ),
    ]
    if figures.teams_upheld:
        blocks.append(
            Paragraph(
                "Most complaints upheld or partly upheld: "
                + ", ".join(
                    f"{t['team']} ({ctx.say(t['upheld'])})"
                    for t in figures.teams_upheld
                )
                + "."
            )
        )
    return blocks


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
