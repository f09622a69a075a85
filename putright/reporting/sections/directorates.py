"""One part per directorate, and issue natures by directorate (seed 003's table)."""

from __future__ import annotations

from collections.abc import Callable
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
    Table,
)
from putright.reporting.sections.common import (
    new_section,
)
from putright.reporting.sections.context import ReportContext
from putright.reporting.sections.overview import timeliness_text
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


def _informal(figures: DirectorateFigures, which: str) -> int:
    informal = figures.contacts[INFORMAL]
    return (
        informal["received"]
        if which == "received"
        else informal["previous_year"]["received"]
    )


def directorates_section(ctx: ReportContext) -> Section | None:
    section = new_section("directorates")
    active = breakdowns.directorates_active(
        periods=[ctx.period], directorate=ctx.directorate
    )
    if not active:
        return None
    figures = _directorate_figures(ctx, active)
    procedures = {p.code: p for p in Procedure.objects.all()}
    count = len(active)
    for label, key in (
        (ctx.period.label, "received"),
        (ctx.period.previous_year().label, "previous"),
    ):
        ctx.parts(
            ctx.k(label, "contacts", INFORMAL, "received"),
            [
                ctx.count(
                    ctx.k(label, "dir", d.name, "contacts", INFORMAL, "received"),
                    _informal(figures[d.pk], key),
                )
                for d in active
            ],
            exact=False,
        )
    for index, directorate in enumerate(active):
        ctx.progress(
            30 + int(15 * index / count), f"Writing the {directorate.name} section"
        )
        section.subsections.append(
            _one_directorate(ctx, directorate, figures[directorate.pk], procedures)
        )
    return section


def _one_directorate(
    ctx: ReportContext,
    directorate: Directorate,
    figures: DirectorateFigures,
    procedures: dict[str, Procedure],
) -> Section:
    sub = Section(
        key="directorates",
        title=f"{directorate.name} complaints activity {ctx.period.label}",
        anchor=f"directorate-{directorate.pk}",
    )
    sub.add(
        _informal_paragraph(
            ctx, directorate.name, figures.contacts[Kind.INFORMAL_COMPLAINT]
        )
    )
    sub.add(*_stage_paragraphs(ctx, directorate.name, figures))
    sub.add(_outcomes_table(ctx, directorate, figures.stages))
    sub.add(*_procedure_paragraphs(ctx, directorate.name, figures.stages, procedures))
    sub.add(_who_and_how(ctx, directorate.name, figures))
    sub.add(*_team_blocks(ctx, directorate, figures))
    return sub


def _informal_paragraph(
    ctx: ReportContext, name: str, informal: dict[str, Any]
) -> Paragraph | None:
    if not (informal["received"] or informal["previous_year"]["received"]):
        return None
    before = informal["previous_year"]
    now_key = ctx.k(ctx.period.label, "dir", name, "contacts", INFORMAL, "received")
    then_key = ctx.k(before["year"], "dir", name, "contacts", INFORMAL, "received")
    return Paragraph(
        f"Informal complaints received: {ctx.say(informal['received'], now_key)}, "
        f"compared with {ctx.say(before['received'], then_key)} in {before['year']}."
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
        before = f["previous_year"]
        keys = ctx.stage(f, ctx.period.label, "dir", name, "stage", stage)
        then = ctx.k(before["year"], "dir", name, "stage", stage, "received")
        oldest = ctx.k(older["year"], "dir", name, "stage", stage, "received")
        change = ctx.derived_text(
            " " + f["sentence"] + ".",
            [keys["received"], ctx.count(then, before["received"])],
        )
        paragraphs.append(
            Paragraph(
                f"The council received {ctx.say(f['received'], keys['received'])} "
                f"{name} {narrative.STAGE_WORDS[stage]} complaints, compared with "
                f"{ctx.say(before['received'], then)} in {before['year']} and "
                f"{ctx.say(older['received'], oldest)} in {older['year']}.{change}"
            )
        )
        paragraphs.append(
            Paragraph(
                narrative.outcome_sentence(
                    received=f["received"],
                    outcomes=f["outcomes"],
                    noun=f"{narrative.STAGE_WORDS[stage]} complaints",
                    fmt=_sayer(ctx, keys),
                )
            )
        )
    return paragraphs


def _sayer(ctx: ReportContext, keys: dict[str, str]) -> Callable[[int, str], str]:
    def say(value: int, measure: str) -> str:
        return ctx.say(value, keys[measure])

    return say


INFORMAL = Kind.INFORMAL_COMPLAINT
OTHER_OUTCOMES = ("withdrawn", "refused", "out_of_jurisdiction", "other")


def _outcomes_table(
    ctx: ReportContext, directorate: Directorate, stages: dict[str, dict[str, Any]]
) -> Table:
    rows = []
    for stage in (1, 2, 3):
        f = stages[str(stage)]
        if stage == 3 and not f["received"]:
            continue
        scope = (ctx.period.label, "dir", directorate.name, "stage", stage)
        keys = ctx.stage(f, *scope)
        o = f["outcomes"]
        other = sum(o[k] for k in OTHER_OUTCOMES)
        other_key = ctx.count(ctx.k(*scope, "other_outcomes"), other)
        ctx.parts(other_key, [keys[k] for k in OTHER_OUTCOMES])
        ctx.parts(
            keys["received"],
            [
                keys["upheld"],
                keys["partly_upheld"],
                keys["not_upheld"],
                other_key,
                keys["undecided"],
            ],
        )
        rows.append(
            [
                f"Stage {stage}",
                ctx.n(f["received"], keys["received"]),
                ctx.n(o["upheld"], keys["upheld"]),
                ctx.n(o["partly_upheld"], keys["partly_upheld"]),
                ctx.n(o["not_upheld"], keys["not_upheld"]),
                ctx.n(other, other_key),
                ctx.n(o["undecided"], keys["undecided"]),
                ctx.derived(
                    f["within_timescale_percent"],
                    [keys["within_percent"]],
                ),
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
    name: str,
    stages: dict[str, dict[str, Any]],
    procedures: dict[str, Procedure],
) -> list[Paragraph]:
    paragraphs = []
    for stage in (1, 2):
        scope = (ctx.period.label, "dir", name, "stage", stage)
        by_procedure = stages[str(stage)]["by_procedure"]
        ctx.parts(
            ctx.k(*scope, "received"),
            [
                ctx.count(ctx.k(*scope, "proc", code, "received"), f["received"])
                for code, f in by_procedure.items()
            ],
        )
        for code, f in by_procedure.items():
            if f["received"] and code in procedures:
                text = timeliness_text(ctx, procedures[code], f, scope)
                paragraphs.append(Paragraph(f"Stage {stage}: {text}"))
    return paragraphs


def _who_and_how(
    ctx: ReportContext, name: str, figures: DirectorateFigures
) -> BulletList | None:
    scope = (ctx.period.label, "dir", name, "stage", 1)
    received = ctx.k(*scope, "received")
    groups = {}
    for measure, rows in (("type", figures.kinds), ("channel", figures.ways)):
        keys = {
            r["label"]: ctx.count(ctx.k(*scope, measure, r["label"]), r["count"])
            for r in rows
        }
        ctx.parts(received, list(keys.values()))
        # Only what was recorded: "not recorded (25)" says nothing to a reader.
        groups[measure] = [
            (r, keys[r["label"]]) for r in rows if r["label"] != breakdowns.NOT_RECORDED
        ]
    if not (groups["type"] or groups["channel"]):
        return None
    kind_text = ", ".join(
        f"{r['label'].lower()} ({ctx.say(r['count'], key)})"
        for r, key in groups["type"]
    )
    way_text = ", ".join(
        f"{CHANNEL_LABELS.get(r['label'], r['label']).lower()} "
        f"({ctx.say(r['count'], key)})"
        for r, key in groups["channel"]
    )
    items = []
    if kind_text:
        items.append(f"Stage one complaints were made by: {kind_text}.")
    if way_text:
        items.append(f"They arrived by: {way_text}.")
    commissioned = figures.commissioned
    if commissioned["commissioned"]:
        base = ctx.count(ctx.k(*scope, "commissioning_base"), commissioned["received"])
        about = ctx.count(ctx.k(*scope, "commissioned"), commissioned["commissioned"])
        ctx.parts(base, [about], exact=False)
        items.append(
            "Stage one complaints about commissioned or third-party providers: "
            f"{ctx.say(commissioned['commissioned'], about)} of "
            f"{ctx.say(commissioned['received'], base)}."
        )
    return BulletList(items)


def _team_blocks(
    ctx: ReportContext, directorate: Directorate, figures: DirectorateFigures
) -> list[Block]:
    teams = figures.teams
    if not teams:
        return []
    scope = (ctx.period.label, "dir", directorate.name, "stage", 1)

    def key(team: dict[str, Any], measure: str) -> str:
        return ctx.k(*scope, "team", team["team"], measure)

    for t in [*teams, *figures.teams_upheld]:
        ctx.count(key(t, "received"), t["received"])
        ctx.count(key(t, "upheld"), t["upheld"])
        ctx.parts(key(t, "received"), [key(t, "upheld")], exact=False)
    ctx.parts(
        ctx.k(*scope, "received"),
        [
            key(t, "received")
            for t in {t["team"]: t for t in [*teams, *figures.teams_upheld]}.values()
        ],
        exact=False,
    )
    top = teams[0]
    blocks: list[Block] = [
        Paragraph(
            f"The highest figure, {ctx.say(top['received'], key(top, 'received'))}, "
            f"referred to the {top['team']}."
        ),
        Table(
            key=f"dir_{directorate.pk}_teams",
            caption=f"{directorate.name}: teams with the most stage one complaints, "
            f"{ctx.period.label}",
            columns=["Team", "Received", "Upheld or partly upheld"],
            rows=[
                [
                    t["team"],
                    ctx.n(t["received"], key(t, "received")),
                    ctx.n(t["upheld"], key(t, "upheld")),
                ]
                for t in teams
            ],
            formats=["text", "count", "count"],
        ),
    ]
    if figures.teams_upheld:
        blocks.append(
            Paragraph(
                "Most complaints upheld or partly upheld: "
                + ", ".join(
                    f"{t['team']} ({ctx.say(t['upheld'], key(t, 'upheld'))})"
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
    year = ctx.period.label

    def key(nature: str, directorate: str | None = None) -> str:
        if directorate is None:
            return ctx.k(year, "nature", nature)
        return ctx.k(year, "nature", nature, "dir", directorate)

    for n in natures:
        ctx.count(key(n), totals[n])
        ctx.parts(
            key(n), [ctx.count(key(n, d), grid.get((n, d), 0)) for d in directorates]
        )
    table_rows = [
        [
            n,
            *[ctx.n(grid.get((n, d), 0), key(n, d)) for d in directorates],
            ctx.n(totals[n], key(n)),
        ]
        for n in natures
    ]
    top = natures[0]
    section.add(
        Paragraph(
            "Each stage one complaint is given one or more issue natures summarising "
            f"the concerns raised. The most common in {ctx.period.label} was "
            f"{top} ({ctx.say(totals[top], key(top))})."
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
            + "; ".join(f"{n} {ctx.say(totals[n], key(n))}" for n in natures[:10])
            + ".",
            spec=charts.horizontal_bars(
                rows=[
                    {"label": n, "value": ctx.n(totals[n], key(n))}
                    for n in natures[:10]
                ],
                x_title="Complaints",
            ),
        ),
    )
    return section
