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
    Block,
    BulletList,
    Chart,
    Paragraph,
    Section,
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
from putright.statistics.engine import percent
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
    k = ctx.k
    candidates: list[tuple[str, Callable[[str], int], Callable[[str], str], bool]] = [
        (
            "Service requests and informal complaints",
            lambda y: (
                contact_received(ctx, y, Kind.SERVICE_REQUEST)
                + contact_received(ctx, y, Kind.INFORMAL_COMPLAINT)
            ),
            lambda y: k(y, "contacts", "requests_and_informal"),
            False,
        ),
    ]
    for stage in (1, 2, 3):
        candidates.append(
            (
                f"Stage {stage} complaints",
                partial(lambda y, s: stage_figures(ctx, y, s)["received"], s=stage),
                partial(lambda y, s: k(y, "stage", s, "received"), s=stage),
                stage < 3,
            )
        )
    for code in ("ho", "lgsco", "spso", "psow", "nipso"):
        candidates.append(
            (
                f"{OMBUDSMAN_SHORT[code]} enquiries"
                if code not in ("ho",)
                else "Housing Ombudsman enquiries",
                partial(ombudsman_received, ctx, code=code),
                partial(lambda y, c: k(y, "omb", c, "received"), c=code),
                False,
            )
        )
    for kind, name in (
        (Kind.COMPLIMENT, "Compliments"),
        (Kind.COMMENT, "Comments"),
        (Kind.MP_ENQUIRY, "MP enquiries"),
        (Kind.MEMBER_ENQUIRY, "Member enquiries"),
    ):
        candidates.append(
            (
                name,
                partial(contact_received, ctx, kind=kind),
                partial(lambda y, kd: k(y, "contacts", kd, "received"), kd=kind),
                False,
            )
        )
    for y in labels:
        ctx.parts(
            k(y, "contacts", "requests_and_informal"),
            [
                ctx.count(
                    k(y, "contacts", kind, "received"), contact_received(ctx, y, kind)
                )
                for kind in (Kind.SERVICE_REQUEST, Kind.INFORMAL_COMPLAINT)
            ],
        )
    rows = []
    totals = [0] * len(labels)
    row_keys: list[Callable[[str], str]] = []
    latest: list[int] = []  # each row's count in the report's year
    for name, count, key, always in candidates:
        values = [count(y) for y in labels]
        if not always and not any(values):
            continue  # a kind of contact this council does not record
        rows.append(
            [name, *[ctx.n(v, key(y)) for v, y in zip(values, labels, strict=True)]]
        )
        row_keys.append(key)
        latest.append(values[-1])
        totals = [a + b for a, b in zip(totals, values, strict=True)]
    for y in labels:
        ctx.parts(k(y, "enquiries"), [key(y) for key in row_keys])
    # Each kind's share of all the enquiries of the report's year (seed 002's
    # "categories of feedback": formal complaints, MP enquiries... as shares).
    year = labels[-1]
    for row, key, value in zip(rows, row_keys, latest, strict=True):
        row.append(
            ctx.derived(percent(value, totals[-1]), [key(year), k(year, "enquiries")])
        )
    rows.append(
        [
            "Total number of enquiries",
            *[ctx.n(t, k(y, "enquiries")) for t, y in zip(totals, labels, strict=True)],
            ctx.derived(percent(totals[-1], totals[-1]), [k(year, "enquiries")]),
        ]
    )
    section.add(
        Table(
            key="summary",
            caption=f"Total number of enquiries received, {labels[0]} to {labels[-1]}",
            columns=["Type of enquiry", *labels, f"Share, {year}"],
            rows=rows,
            formats=["text", *["count"] * len(labels), "percent"],
            total_row=True,
            note=f"Share: each type's part of all the enquiries received in {year}.",
        )
    )
    current = current_figures(ctx)
    sentences = [
        change_text(ctx, stage, current["stages"][str(stage)]) for stage in (1, 2)
    ]
    year, before = ctx.period.label, ctx.periods[-2].label
    rate_sentences, rate_rows = _stage_rates(ctx)
    sentences += rate_sentences
    section.add(BulletList([s for s in sentences if s]))
    if rate_rows:
        section.add(
            Table(
                key="summary_rates",
                caption=f"Upheld rate and answers within timescale, {before} and {year}",
                columns=["Measure", before, year],
                rows=rate_rows,
                formats=["text", "percent", "percent"],
                note="Upheld or partly upheld: of the complaints with an outcome "
                "(withdrawn and refused complaints included). Within timescale: of the "
                f"complaints answered. The council's target is {ctx.target:g}%.",
            )
        )
    return section


def _stage_rates(ctx: ReportContext) -> tuple[list[str], list[list[Any]]]:
    """Stages 1 and 2: the upheld rate, the outcomes' shares and the answers within
    timescale, each compared with the year before; sentences and the table's rows."""
    sentences: list[str] = []
    year, before = ctx.period.label, ctx.periods[-2].label
    rate_rows: list[list[Any]] = []
    for stage in (1, 2):
        now, then = stage_figures(ctx, year, stage), stage_figures(ctx, before, stage)
        if not (now["received"] or then["received"]):
            continue  # no stage two this year or last: nothing to compare
        keys = ctx.stage(now, year, "stage", stage)
        previous_keys = ctx.stage(then, before, "stage", stage)
        noun = f"{narrative.STAGE_WORDS[stage]} complaints"
        sentences += [
            rate_text(
                ctx,
                (now["upheld_percent"], keys["upheld_percent"]),
                (then["upheld_percent"], previous_keys["upheld_percent"]),
                subject=noun,
                measure="were upheld or partly upheld",
                previous_label=before,
            ),
            outcome_shares_text(ctx, now, keys, noun=noun),
            rate_text(
                ctx,
                (now["within_timescale_percent"], keys["within_percent"]),
                (then["within_timescale_percent"], previous_keys["within_percent"]),
                subject=noun,
                measure="were answered within timescale",
                previous_label=before,
                after=f" (the council's target is {ctx.target:g}%)",
            ),
        ]
        rate_rows += [
            [
                f"Stage {stage} complaints upheld or partly upheld",
                ctx.derived(then["upheld_percent"], [previous_keys["upheld_percent"]]),
                ctx.derived(now["upheld_percent"], [keys["upheld_percent"]]),
            ],
            [
                f"Stage {stage} complaints answered within timescale",
                ctx.derived(
                    then["within_timescale_percent"], [previous_keys["within_percent"]]
                ),
                ctx.derived(now["within_timescale_percent"], [keys["within_percent"]]),
            ],
        ]
    return sentences, rate_rows


def rate_text(
    ctx: ReportContext,
    now: tuple[float | None, str],
    then: tuple[float | None, str],
    *,
    subject: str,
    measure: str,
    previous_label: str,
    after: str = "",
) -> str:
    """A rate this year against last year's, each through disclosure control by its key.

    With last year's rate hidden, this year's alone; with this year's hidden, nothing.
    """
    alone = narrative.rate_sentence(
        percent=now[0], subject=subject, measure=measure, after=after
    )
    if not alone:
        return ""
    both = narrative.rate_sentence(
        percent=now[0],
        subject=subject,
        measure=measure,
        previous_percent=then[0],
        previous_label=previous_label,
        after=after,
    )
    return ctx.derived_text(
        both, [now[1], then[1]], ctx.derived_text(alone, [now[1]], "")
    )


def outcome_shares_text(
    ctx: ReportContext, figures: dict[str, Any], keys: dict[str, str], *, noun: str
) -> str:
    """How one stage's complaints with an outcome ended, each outcome with its share."""
    outcomes = figures["outcomes"]
    text = narrative.outcome_shares_sentence(outcomes=outcomes, noun=noun)
    if not text:
        return ""
    inputs = [keys["received"], *(keys[o] for o in outcomes if o in keys)]
    return ctx.derived_text(text, inputs, "")


def change_text(
    ctx: ReportContext, stage: int, figures: dict[str, Any], scope: tuple[Any, ...] = ()
) -> str:
    """The year-on-year sentence for one stage, or the two counts when it would reveal one."""
    noun = f"{narrative.STAGE_WORDS[stage]} complaint"
    year, before = ctx.period.label, figures["previous_year"]["year"]
    # §5.8: a period not yet over is compared with the same part of the one before.
    to_date = figures["previous_year"].get("to_date")
    previous = (to_date or figures["previous_year"])["received"]
    now = ctx.count(
        ctx.k(year, *scope, "stage", stage, "received"), figures["received"]
    )
    then_key = ctx.k(before, *scope, "stage", stage, "received")
    then = ctx.count(f"{then_key}|to_date" if to_date else then_key, previous)
    text = narrative.change_sentence(
        comparison_sentence=figures["sentence"],
        current=figures["received"],
        previous=previous,
        noun=noun,
    )
    fallback = (
        f"Stage {stage} complaints received: {ctx.say(figures['received'], now)} in "
        f"{year}, compared with {ctx.say(previous, then)} in {before}"
        f"{' to the same day' if to_date else ''}."
    )
    return ctx.derived_text(text, [now, then], fallback)


def trends_section(ctx: ReportContext) -> Section:
    section = new_section("trends")
    labels = [p.label for p in ctx.periods]
    k = ctx.k
    stages = [
        s
        for s in (1, 2, 3)
        if any(stage_figures(ctx, y, s)["received"] for y in labels)
    ]
    stages = stages or [1]

    def received(y: str, s: int) -> Any:
        return ctx.n(stage_figures(ctx, y, s)["received"], k(y, "stage", s, "received"))

    def said(y: str, s: int) -> str:
        return ctx.say(
            stage_figures(ctx, y, s)["received"], k(y, "stage", s, "received")
        )

    rows = [[f"Stage {s}", *[received(y, s) for y in labels]] for s in stages]
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
                f"{y}: " + ", ".join(f"stage {s} {said(y, s)}" for s in stages)
                for y in labels
            )
            + ".",
            spec=charts.grouped_bars(
                rows=[
                    {"category": f"Stage {s}", "series": y, "value": received(y, s)}
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
        section.add(Paragraph(change_text(ctx, stage, figures)))
    ctx.progress(15, "Comparing directorates over three years")
    for stage in stages[:2]:
        section.add(*_directorate_trend(ctx, stage, labels))
    return section


def _directorate_trend(
    ctx: ReportContext, stage: int, labels: list[str]
) -> list[Block]:
    """One stage's complaints by directorate over three years: table, changes, chart."""
    k = ctx.k
    blocks: list[Block] = []
    by_directorate = breakdowns.received_by_directorate(
        periods=ctx.periods, stage=stage, directorate=ctx.directorate
    )
    if not by_directorate:
        return blocks

    def key(r: dict[str, Any], y: str, s: int = stage) -> str:
        return k(y, "dir", r["directorate"], "stage", s, "received")

    for y in labels:
        ctx.parts(
            k(y, "stage", stage, "received"),
            [ctx.count(key(r, y), r[y]) for r in by_directorate],
        )
    rows = [
        [r["directorate"], *[ctx.n(r[y], key(r, y)) for y in labels]]
        for r in by_directorate
    ]
    blocks.append(
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
        changes.append(
            ctx.derived_text(
                f"{r['directorate']}: "
                + narrative.change_phrase(
                    current=now,
                    previous=before,
                    noun=f"{narrative.STAGE_WORDS[stage]} complaint",
                    previous_label=labels[-2],
                ),
                [key(r, labels[-1]), key(r, labels[-2])],
            )
        )
    if changes:
        blocks.append(BulletList(changes))
    if len(by_directorate) > 1:
        blocks.append(
            Chart(
                key=f"trends_dir_s{stage}",
                title=f"Stage {stage} complaints by directorate over three years",
                description=f"Bar chart of stage {stage} complaints by directorate: "
                + "; ".join(
                    f"{r['directorate']} "
                    + ", ".join(f"{y} {ctx.say(r[y], key(r, y))}" for y in labels)
                    for r in by_directorate
                )
                + ".",
                spec=charts.grouped_bars(
                    rows=[
                        {
                            "category": r["directorate"],
                            "series": y,
                            # a hidden count is drawn as 0 in the public version
                            "value": ctx.n(r[y], key(r, y)),
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
    return blocks


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
    year = ctx.period.label
    by_stage: dict[int, list[str]] = {}
    for procedure, stage, f in found:
        keys = ctx.stage(f, year, "stage", stage, "proc", procedure.code)
        by_stage.setdefault(stage, []).append(keys["received"])
        o = f["outcomes"]
        average = f.get("average_response_days")
        unit = "calendar" if f.get("day_basis") == "calendar" else "working"
        rows.append(
            [
                procedure.name,
                f"Stage {stage}",
                ctx.n(f["received"], keys["received"]),
                ctx.n(o["upheld"], keys["upheld"]),
                ctx.n(o["partly_upheld"], keys["partly_upheld"]),
                ctx.n(o["not_upheld"], keys["not_upheld"]),
                ctx.derived(
                    f"{whole_days(average)} {unit} days"
                    if average is not None
                    else None,
                    [keys["responded"]],
                    keys["average"],
                ),
                ctx.derived(
                    f["within_timescale_percent"],
                    [keys["within_percent"]],
                ),
            ]
        )
    for stage, procedure_keys in by_stage.items():
        ctx.parts(ctx.k(year, "stage", stage, "received"), procedure_keys)
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
    before = ctx.periods[-2].label
    section.add(_procedures_compared(ctx, found))
    for procedure, stage, f in found:
        if stage != 1:
            continue
        earlier = _previous_procedure(ctx, procedure, stage)
        section.add(
            Paragraph(
                timeliness_text(
                    ctx,
                    procedure,
                    f,
                    (year, "stage", 1),
                    previous=(earlier, (before, "stage", 1)) if earlier else None,
                )
            )
        )
    chart_rows = [
        {
            "label": f"{shorten(p.name)}, stage {s}",
            "value": ctx.derived(
                f["within_timescale_percent"],
                [ctx.k(year, "stage", s, "proc", p.code, "within_percent")],
            ),
            "text": ctx.derived_text(
                percent_text(f["within_timescale_percent"]),
                [ctx.k(year, "stage", s, "proc", p.code, "within_percent")],
                "not shown",
            ),
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
                + "; ".join(f"{r['label']} {r.pop('text')}" for r in chart_rows)
                + f". The line marks the target of {ctx.target:g}%.",
                spec=charts.horizontal_bars(
                    rows=chart_rows,
                    x_title="Answered within timescale (%)",
                    target=ctx.target,
                ),
            )
        )
    return section


def _previous_procedure(
    ctx: ReportContext, procedure: Procedure, stage: int
) -> dict[str, Any] | None:
    """The procedure's figures at this stage the year before, if it had any records."""
    before = stage_figures(ctx, ctx.periods[-2].label, stage)["by_procedure"]
    figures = before.get(procedure.code)
    return figures if figures and figures["received"] else None


def _procedures_compared(
    ctx: ReportContext, found: list[tuple[Procedure, int, dict[str, Any]]]
) -> Table:
    """Each procedure's upheld rate, average response and answers in time, both years."""
    year, before = ctx.period.label, ctx.periods[-2].label
    rows = []
    previous_parts: dict[int, list[str]] = {}
    for procedure, stage, f in found:
        keys = ctx.stage(f, year, "stage", stage, "proc", procedure.code)
        earlier = _previous_procedure(ctx, procedure, stage)
        old: dict[str, str] = {}
        if earlier is not None:
            old = ctx.stage(earlier, before, "stage", stage, "proc", procedure.code)
            previous_parts.setdefault(stage, []).append(old["received"])

        def rate(figures: Any, name: str, key: str, k: dict[str, str]) -> Any:
            value = figures.get(name) if figures else None
            return ctx.derived(value, [k[key]]) if k else value

        rows.append(
            [
                procedure.name,
                f"Stage {stage}",
                rate(earlier, "upheld_percent", "upheld_percent", old),
                rate(f, "upheld_percent", "upheld_percent", keys),
                rate(earlier, "average_response_days", "average", old),
                rate(f, "average_response_days", "average", keys),
                rate(earlier, "within_timescale_percent", "within_percent", old),
                rate(f, "within_timescale_percent", "within_percent", keys),
            ]
        )
    for stage, procedure_keys in previous_parts.items():
        ctx.parts(ctx.k(before, "stage", stage, "received"), procedure_keys)
    return Table(
        key="procedures_compared",
        caption=f"Upheld rate and response times by procedure, {before} and {year}",
        columns=[
            "Procedure",
            "Stage",
            f"Upheld or partly upheld, {before}",
            f"Upheld or partly upheld, {year}",
            f"Average response (days), {before}",
            f"Average response (days), {year}",
            f"Within timescale, {before}",
            f"Within timescale, {year}",
        ],
        rows=rows,
        formats=[
            "text",
            "text",
            "percent",
            "percent",
            "days",
            "days",
            "percent",
            "percent",
        ],
        note="Upheld or partly upheld: of the complaints with an outcome. Average "
        "response in the procedure's own day basis (working or calendar days). A dash: "
        "no complaints under the procedure at that stage that year.",
    )


def timeliness_text(
    ctx: ReportContext,
    procedure: Procedure,
    f: dict[str, Any],
    scope: tuple[Any, ...],
    previous: tuple[dict[str, Any], tuple[Any, ...]] | None = None,
) -> str:
    """How quickly one procedure's complaints were answered, without revealing a count.

    `previous`: the procedure's figures the year before and their scope, to compare the
    average response and the share answered in time with.
    """
    keys = ctx.stage(f, *scope, "proc", procedure.code)
    received = ctx.say(f["received"], keys["received"])
    inputs = [keys["received"], keys["average"], keys["within_percent"]]
    sentence = partial(
        narrative.timeliness_sentence,
        name=procedure.name,
        received=f["received"],
        average_days=f.get("average_response_days"),
        day_basis=f.get("day_basis", "working"),
        within_percent=f["within_timescale_percent"],
        target=ctx.target,
    )
    fallback = f"Complaints handled under the {procedure.name}: {received}."
    alone = ctx.derived_text(sentence(), inputs, fallback)
    if previous is None:
        return alone
    figures, previous_scope = previous
    old = ctx.stage(figures, *previous_scope, "proc", procedure.code)
    compared = sentence(
        previous={
            "year": previous_scope[0],
            "average_days": figures.get("average_response_days"),
            "within_percent": figures["within_timescale_percent"],
        }
    )
    return ctx.derived_text(
        compared, [*inputs, old["average"], old["within_percent"]], alone
    )
