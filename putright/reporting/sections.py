"""The sections of the annual report: each builder turns figures into blocks and sentences.

`BUILDERS` lists them in reading order with the progress reached after each. Every figure
that DATA_FORMAT §5 defines comes from the statistics engine (already counted in
`ReportContext.stats`, or `engine.statistics_for` per directorate); the rest from
`putright.statistics.breakdowns`. Counts in breakdowns pass through `ctx.n` / `ctx.say`,
which suppress small numbers in the public version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from putright.complaints.constants import (
    Channel,
    Family,
    Kind,
    LearningStatus,
    Ombudsman,
    Outcome,
    RemedyType,
)
from putright.complaints.models import Procedure
from putright.ombudsman.models import DECISIONS_BY_OMBUDSMAN, Decision
from putright.organisation.models import Directorate
from putright.reporting import charts, narrative
from putright.reporting.data import (
    SECTIONS,
    BulletList,
    Chart,
    Paragraph,
    ReportContext,
    Section,
    Suppressed,
    Table,
    format_cell,
    long_date,
)
from putright.statistics import breakdowns, engine

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


def _section(key: str) -> Section:
    return Section(key=key, title=SECTIONS[key], anchor=f"section-{key}")


def _current(ctx: ReportContext) -> dict[str, Any]:
    return ctx.stats[ctx.period.label]


def _stage(ctx: ReportContext, label: str, stage: int) -> dict[str, Any]:
    return ctx.stats[label]["stages"][str(stage)]


def _contact(ctx: ReportContext, label: str, kind: str) -> int:
    return ctx.stats[label]["contacts"][kind]["received"]


def _ombudsman_received(ctx: ReportContext, label: str, code: str) -> int:
    return ctx.stats[label]["ombudsman"][code]["received"]


# -- sections -----------------------------------------------------------------------------


def _summary(ctx: ReportContext) -> Section:
    section = _section("summary")
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
                _contact(ctx, y, Kind.SERVICE_REQUEST)
                + _contact(ctx, y, Kind.INFORMAL_COMPLAINT)
            ),
            False,
        ),
        ("Stage 1 complaints", lambda y: _stage(ctx, y, 1)["received"], True),
        ("Stage 2 complaints", lambda y: _stage(ctx, y, 2)["received"], True),
        ("Stage 3 complaints", lambda y: _stage(ctx, y, 3)["received"], False),
        (
            "Housing Ombudsman enquiries",
            lambda y: _ombudsman_received(ctx, y, "ho"),
            False,
        ),
        ("LGSCO enquiries", lambda y: _ombudsman_received(ctx, y, "lgsco"), False),
    ]
    for code in ("spso", "psow", "nipso"):
        candidates.append(
            (
                f"{OMBUDSMAN_SHORT[code]} enquiries",
                lambda y, code=code: _ombudsman_received(ctx, y, code),
                False,
            )
        )
    candidates += [
        ("Compliments", lambda y: _contact(ctx, y, Kind.COMPLIMENT), False),
        ("Comments", lambda y: _contact(ctx, y, Kind.COMMENT), False),
        ("MP enquiries", lambda y: _contact(ctx, y, Kind.MP_ENQUIRY), False),
        ("Member enquiries", lambda y: _contact(ctx, y, Kind.MEMBER_ENQUIRY), False),
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
    current = _current(ctx)
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
            f"{first['within_timescale_percent']:.1f}% of stage one complaints were "
            f"answered within timescale (the council's target is {ctx.target:g}%)."
        )
    section.add(BulletList(sentences))
    return section


def _trends(ctx: ReportContext) -> Section:
    section = _section("trends")
    labels = [p.label for p in ctx.periods]
    stages = [
        s for s in (1, 2, 3) if any(_stage(ctx, y, s)["received"] for y in labels)
    ]
    stages = stages or [1]
    rows = [
        [f"Stage {s}", *[_stage(ctx, y, s)["received"] for y in labels]] for s in stages
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
                    f"stage {s} {_stage(ctx, y, s)['received']}" for s in stages
                )
                for y in labels
            )
            + ".",
            spec=charts.grouped_bars(
                rows=[
                    {
                        "category": f"Stage {s}",
                        "series": y,
                        "value": _stage(ctx, y, s)["received"],
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
        figures = _stage(ctx, ctx.period.label, stage)
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
        for code, figures in _stage(ctx, label, int(stage))["by_procedure"].items():
            if figures["received"] and code in procedures:
                found.append((procedures[code], int(stage), figures))
    found.sort(key=lambda t: (t[0].family != Family.STATUTORY, t[0].name, t[1]))
    return found


def _short(name: str, limit: int = 38) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _procedures(ctx: ReportContext) -> Section | None:
    """Each statutory regime and the corporate procedure: received, outcomes, timeliness."""
    section = _section("procedures")
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
                f"{average:.0f} {unit} days" if average is not None else None,
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
            formats=[
                "text",
                "text",
                "count",
                "count",
                "count",
                "count",
                "days",
                "percent",
            ],
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
            "label": f"{_short(p.name)}, stage {s}",
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
                + "; ".join(f"{r['label']} {r['value']:.1f}%" for r in chart_rows)
                + f". The line marks the target of {ctx.target:g}%.",
                spec=charts.horizontal_bars(
                    rows=chart_rows,
                    x_title="Answered within timescale (%)",
                    target=ctx.target,
                ),
            )
        )
    return section


def _directorates(ctx: ReportContext) -> Section | None:
    section = _section("directorates")
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
            formats=[
                "text",
                "count",
                "count",
                "count",
                "count",
                "count",
                "count",
                "percent",
            ],
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
    kinds = breakdowns.complainant_types(period=ctx.period, directorate=directorate)
    ways = breakdowns.channels(period=ctx.period, directorate=directorate)
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


def _issues(ctx: ReportContext) -> Section | None:
    rows = breakdowns.issue_natures_by_directorate(
        period=ctx.period, directorate=ctx.directorate
    )
    if not rows:
        return None
    section = _section("issues")
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


def _escalation(ctx: ReportContext) -> Section:
    section = _section("escalation")
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
                formats=[
                    "text",
                    "count",
                    "count",
                    "count",
                    "count",
                    "count",
                    "percent",
                ],
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


def _refusals(ctx: ReportContext) -> Section:
    section = _section("refusals")
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


def _remedies(ctx: ReportContext) -> Section:
    section = _section("remedies")
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


def _learning(ctx: ReportContext) -> Section:
    section = _section("learning")
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
    section.add(
        Paragraph(
            f"Learning was recorded on {found['records_with_learning']:,} complaints and "
            f"{total:,} improvement actions were agreed; "
            f"{statuses.get('complete', 0):,} have been completed."
        ),
        Table(
            key="learning_status",
            caption=f"Status of learning actions from complaints received in {ctx.period.label}",
            columns=["Status", "Actions"],
            rows=[[LEARNING_LABELS[k], v] for k, v in statuses.items()],
            formats=["text", "count"],
        ),
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


def _ombudsman(ctx: ReportContext) -> Section | None:
    current = _current(ctx)["ombudsman"]
    labels = [p.label for p in ctx.periods]
    used = [
        code
        for code in Ombudsman.values
        if any(ctx.stats[y]["ombudsman"][code]["received"] for y in labels)
        or current[code]["decided"]
    ]
    if not used:
        return None
    section = _section("ombudsman")
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
                    formats=["text", "text"],
                )
            )
            if more["upheld_percent"] is not None:
                sub.add(
                    Paragraph(
                        f"The {OMBUDSMAN_SHORT[code]} upheld {more['upheld_percent']:.1f}% "
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


def _compliments(ctx: ReportContext) -> Section | None:
    labels = [p.label for p in ctx.periods]
    section = _section("compliments")
    current = _current(ctx)["contacts"]
    compliments = current[Kind.COMPLIMENT]
    rows = breakdowns.received_by_directorate(
        periods=ctx.periods, kind=Kind.COMPLIMENT, directorate=ctx.directorate
    )
    if compliments["received"] or rows:
        section.add(
            Paragraph(
                narrative.change_sentence(
                    comparison_sentence=compliments["sentence"],
                    current=compliments["received"],
                    previous=compliments["previous_year"]["received"],
                    noun="compliment",
                )
            ),
            Table(
                key="compliments",
                caption=f"Compliments by directorate, {labels[0]} to {labels[-1]}",
                columns=["Directorate", *labels],
                rows=[[r["directorate"], *[ctx.n(r[y]) for y in labels]] for r in rows],
                formats=["text", *["count"] * len(labels)],
            ),
        )
        if not ctx.public:
            examples = breakdowns.compliment_examples(
                period=ctx.period, directorate=ctx.directorate
            )
            for e in examples:
                section.add(
                    Paragraph(
                        f"“{e['summary'].strip()}” ({e['team__name'] or e['directorate__name']})",
                        style="quote",
                    )
                )
    comments = current[Kind.COMMENT]
    if comments["received"] or comments["previous_year"]["received"]:
        section.add(
            Paragraph(
                narrative.change_sentence(
                    comparison_sentence=comments["sentence"],
                    current=comments["received"],
                    previous=comments["previous_year"]["received"],
                    noun="comment",
                )
            )
        )
    mps = breakdowns.mp_enquiries_by_constituency(
        period=ctx.period, directorate=ctx.directorate
    )
    if mps:
        received = sum(r["received"] for r in mps)
        responded = sum(r["responded"] for r in mps)
        within = sum(r["within"] for r in mps)
        share = engine.percent(within, responded)
        text = f"{received:,} MP enquiries were received"
        if share is not None:
            text += (
                f"; {share:.1f}% of those answered were answered within the target time"
            )
        section.add(
            Paragraph(text + "."),
            Table(
                key="mp_enquiries",
                caption=f"MP enquiries by constituency, {ctx.period.label}",
                columns=[
                    "Constituency",
                    "Received",
                    "Answered",
                    "Within target",
                    "Within target (%)",
                ],
                rows=[
                    [
                        r["constituency"],
                        ctx.n(r["received"]),
                        ctx.n(r["responded"]),
                        ctx.n(r["within"]),
                        r["percent"],
                    ]
                    for r in mps
                ],
                formats=["text", "count", "count", "count", "percent"],
            ),
        )
    if not section.blocks:
        return None
    return section


def _methods(ctx: ReportContext) -> Section:
    section = _section("methods")
    extracted = timezone.localtime()
    items = [
        f"Period: {long_date(ctx.period.start)} to {long_date(ctx.period.end)} "
        f"(the council's financial year {ctx.period.label}), compared with "
        f"{ctx.periods[1].label} and {ctx.periods[0].label}.",
        "A record counts in the year in which it was received. For stage two and "
        "three that is the date the escalation request was received, not the date of "
        "the original complaint.",
        "Response times run from the date received to the date of the response, "
        "in the procedure's own day basis: working days (Monday to Friday, excluding "
        "bank holidays and the council's closure days) or calendar days.",
        "Within timescale means answered on or before the original deadline; "
        "percentages are of the complaints answered, to one decimal place.",
        "Ombudsman enquiries count in the year the Ombudsman first contacted the "
        "council; decisions count in the year they were made.",
        f"Data extracted at {extracted:%H:%M on %d %B %Y}.",
    ]
    if ctx.public:
        items.append(
            f"To protect the people involved, counts below {ctx.threshold} in "
            "breakdowns are shown as “fewer than "
            f"{ctx.threshold}”, and no case details are included."
        )
    else:
        items.append(
            "This internal version includes short case summaries; it is not for "
            "publication and contains no names or contact details."
        )
    if ctx.directorate:
        items.append(
            f"Only records of the {ctx.directorate.name} directorate are included."
        )
    section.add(BulletList(items))
    return section


BUILDERS: list[tuple[str, Callable[[ReportContext], Section | None], int]] = [
    ("summary", _summary, 10),
    ("trends", _trends, 20),
    ("procedures", _procedures, 30),
    ("directorates", _directorates, 45),
    ("issues", _issues, 55),
    ("escalation", _escalation, 60),
    ("refusals", _refusals, 65),
    ("remedies", _remedies, 70),
    ("learning", _learning, 75),
    ("ombudsman", _ombudsman, 80),
    ("compliments", _compliments, 85),
    ("methods", _methods, 88),
]
