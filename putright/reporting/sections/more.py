"""More blocks for existing sections: the seed elements of issue 11 item 2.

Each builder takes the `ReportContext` and returns blocks that `build_report` appends to
the section named in `putright.reporting.sections.EXTRAS`. Figures use the same keys as
the other sections for the same figure (stage received by directorate, remedies by type,
Ombudsman decisions...), so a figure is hidden everywhere or nowhere; typed text appears in
the internal version only, and in the public one only as approved published wording.
"""

from __future__ import annotations

from typing import Any

from putright.complaints.constants import Ombudsman
from putright.core.presentation import percent_text
from putright.ombudsman.models import DECISIONS_BY_OMBUDSMAN
from putright.publication.models import PublishedText
from putright.publication.selectors import approved_wording
from putright.reporting.blocks import Block, BulletList, Paragraph, Table
from putright.reporting.sections.context import ReportContext
from putright.statistics import breakdowns, breakdowns_more
from putright.statistics.engine import percent
from putright.statistics.presentation import (
    DECISION_LABELS,
    LEARNING_LABELS,
    OMBUDSMAN_SHORT,
    RECOMMENDATION_LABELS,
    REMEDY_LABELS,
)

NO_TEAM = "No team recorded"
STAGE_NAMES = {1: "Stage 1", 2: "Stage 2", 3: "Stage 3"}


def _received_key(ctx: ReportContext, label: str, directorate: str) -> str:
    """Stage 1 received in a directorate: the key the directorates section uses."""
    return ctx.k(label, "dir", directorate, "stage", 1, "received")


def _team_key(ctx: ReportContext, label: str, directorate: str, team: str) -> str:
    return ctx.k(label, "dir", directorate, "stage", 1, "team", team, "received")


# -- directorates: teams over two years (seed 003) ----------------------------------------


def teams_over_years(ctx: ReportContext) -> list[Block]:
    # Team figures are for the council's own managers : in the public
    # version they are nearly all small, and protecting them hid the headline figures.
    if ctx.public:
        return []
    periods = ctx.periods[-2:]
    labels = [p.label for p in periods]
    rows = breakdowns_more.team_received_by_year(
        periods=periods, directorate=ctx.directorate
    )
    rows = [r for r in rows if any(r[y] for y in labels)]
    if not rows:
        return []
    by_directorate = breakdowns.received_by_directorate(
        periods=periods, stage=1, directorate=ctx.directorate
    )
    for d in by_directorate:
        for y in labels:
            ctx.count(_received_key(ctx, y, d["directorate"]), d[y])
    for y in labels:
        for d in {r["directorate"] for r in rows}:
            ctx.parts(
                _received_key(ctx, y, d),
                [
                    ctx.count(_team_key(ctx, y, d, r["team"]), r[y])
                    for r in rows
                    if r["directorate"] == d
                ],
                exact=False,
            )
    return [
        Table(
            key="teams_years",
            caption=f"Stage one complaints by team, {labels[0]} and {labels[-1]}",
            columns=["Directorate", "Team", *labels],
            rows=[
                [
                    r["directorate"],
                    r["team"],
                    *[
                        ctx.n(r[y], _team_key(ctx, y, r["directorate"], r["team"]))
                        for y in labels
                    ],
                ]
                for r in rows
            ],
            formats=["text", "text", *["count"] * len(labels)],
        )
    ]


# -- issues: natures over two years, and examples (seeds 002 and 003) ---------------------


def _nature_key(ctx: ReportContext, label: str, nature: str) -> str:
    """Stage 1 complaints of an issue nature: the key the issues section uses."""
    return ctx.k(label, "nature", nature)


def natures_over_years(ctx: ReportContext) -> list[Block]:
    periods = ctx.periods[-2:]
    labels = [p.label for p in periods]
    rows = breakdowns_more.issue_natures_by_year(
        periods=periods, directorate=ctx.directorate
    )
    rows = [r for r in rows if any(r[y] for y in labels)]
    if not rows:
        return []
    rows.sort(key=lambda r: (-r[labels[-1]], -r[labels[0]], r["nature"]))
    return [
        Table(
            key="issue_natures_years",
            caption=f"Stage one complaints by issue nature, {labels[0]} and {labels[-1]}",
            columns=["Issue nature", *labels],
            rows=[
                [
                    r["nature"],
                    *[ctx.n(r[y], _nature_key(ctx, y, r["nature"])) for y in labels],
                ]
                for r in rows
            ],
            formats=["text", *["count"] * len(labels)],
            note="A complaint can have more than one issue nature.",
        )
    ]


def nature_examples(ctx: ReportContext) -> list[Block]:
    found = breakdowns_more.stage_examples_by_nature(
        period=ctx.period, directorate=ctx.directorate, limit=3
    )
    if ctx.public:
        published = approved_wording(
            purpose=PublishedText.Purpose.CASE_SUMMARY,
            source_ids=[e["id"] for examples in found.values() for e in examples],
        )
        texts = {
            nature: [published[e["id"]] for e in examples if e["id"] in published]
            for nature, examples in found.items()
        }
    else:
        texts = {
            nature: [e["summary"] for e in examples if e["summary"].strip()]
            for nature, examples in found.items()
        }
    items = [
        f"{nature}: " + "; ".join(t.strip().rstrip(".") for t in listed) + "."
        for nature, listed in sorted(texts.items())
        if listed
    ]
    if not items:
        return []
    if not ctx.public:
        return [
            Paragraph(
                "Examples of stage one complaints under each issue nature, most recent "
                "first (internal version only):",
                style="note",
            ),
            BulletList(items),
        ]
    year = ctx.period.label
    listing = ctx.guard(
        BulletList(items),
        [_nature_key(ctx, year, nature) for nature, listed in texts.items() if listed],
        "Examples of complaints are not shown, because they would reveal numbers too "
        "small to publish.",
    )
    return [
        Paragraph("Examples of stage one complaints under each issue nature:"),
        listing,
    ]


# -- escalation by directorate and team (seed 003) ----------------------------------------


def _escalation_directorates_table(year: str, rows: list[list[Any]]) -> Table:
    return Table(
        key="escalation_directorates",
        caption=f"Stage one complaints escalated to stage two, by directorate, {year}",
        columns=["Directorate", "Stage 1 received", "Escalated to stage 2", "Rate"],
        rows=rows,
        formats=["text", "count", "count", "percent"],
    )


def escalation_by_directorate(ctx: ReportContext) -> list[Block]:
    rows = breakdowns_more.escalation_by_team(
        period=ctx.period, directorate=ctx.directorate
    )
    if not rows:
        return []
    year = ctx.period.label

    def went_key(directorate: str, team: str | None = None) -> str:
        if team is None:
            return ctx.k(year, "escalation", "1_to_2", "dir", directorate, "escalated")
        return ctx.k(
            year, "escalation", "1_to_2", "dir", directorate, "team", team, "escalated"
        )

    directorates: dict[str, dict[str, int]] = {}
    for r in rows:
        d = directorates.setdefault(r["directorate"], {"received": 0, "escalated": 0})
        d["received"] += r["received"]
        d["escalated"] += r["escalated"]
    dir_rows = []
    for name, d in directorates.items():
        base = ctx.count(_received_key(ctx, year, name), d["received"])
        went = ctx.count(went_key(name), d["escalated"])
        ctx.parts(base, [went], exact=False)
        dir_rows.append(
            [
                name,
                ctx.n(d["received"], base),
                ctx.n(d["escalated"], went),
                ctx.derived(percent(d["escalated"], d["received"]), [base, went]),
            ]
        )
    ctx.parts(
        ctx.k(year, "stage", 1, "received"),
        [_received_key(ctx, year, name) for name in directorates],
    )
    ctx.parts(
        ctx.k(year, "escalation", "1_to_2", "escalated"),
        [went_key(name) for name in directorates],
    )
    if ctx.public:
        return [_escalation_directorates_table(year, dir_rows)]
    team_rows = []
    for name in directorates:
        team_keys = []
        went_keys = []
        for r in rows:
            if r["directorate"] != name:
                continue
            team = r["team"] or NO_TEAM
            base = ctx.count(_team_key(ctx, year, name, team), r["received"])
            went = ctx.count(went_key(name, team), r["escalated"])
            ctx.parts(base, [went], exact=False)
            team_keys.append(base)
            went_keys.append(went)
            team_rows.append(
                [
                    name,
                    team,
                    ctx.n(r["received"], base),
                    ctx.n(r["escalated"], went),
                    ctx.derived(percent(r["escalated"], r["received"]), [base, went]),
                ]
            )
        ctx.parts(_received_key(ctx, year, name), team_keys)
        ctx.parts(went_key(name), went_keys)
    return [
        _escalation_directorates_table(year, dir_rows),
        Table(
            key="escalation_teams",
            caption=f"Stage one complaints escalated to stage two, by team, {year}",
            columns=["Directorate", "Team", "Stage 1 received", "Escalated", "Rate"],
            rows=team_rows,
            formats=["text", "text", "count", "count", "percent"],
        ),
    ]


# -- remedies by directorate (seed 002) ---------------------------------------------------


def remedies_by_directorate(ctx: ReportContext) -> list[Block]:
    found = breakdowns_more.remedies_by_directorate(
        period=ctx.period, directorate=ctx.directorate
    )
    types_by_dir, payments = found["types"], found["payments"]
    blocks: list[Block] = []
    year = ctx.period.label
    if types_by_dir:
        codes = sorted(
            {c for t in types_by_dir.values() for c in t},
            key=lambda c: REMEDY_LABELS.get(c, c),
        )
        names = sorted(types_by_dir)

        def key(name: str | None, code: str | None) -> str:
            if name is None:
                return ctx.k(year, "remedy", code) if code else ctx.k(year, "remedies")
            if code is None:
                return ctx.k(year, "dir", name, "remedies")
            return ctx.k(year, "dir", name, "remedy", code)

        column = {c: sum(types_by_dir[n].get(c, 0) for n in names) for c in codes}
        grand = sum(column.values())
        for n in names:
            ctx.parts(
                ctx.count(key(n, None), sum(types_by_dir[n].values())),
                [ctx.count(key(n, c), types_by_dir[n].get(c, 0)) for c in codes],
            )
        for c in codes:
            ctx.parts(ctx.count(key(None, c), column[c]), [key(n, c) for n in names])
        ctx.count(key(None, None), grand)
        ctx.parts(key(None, None), [key(None, c) for c in codes])
        ctx.parts(key(None, None), [key(n, None) for n in names])
        rows: list[list[Any]] = [
            [
                n,
                *[ctx.n(types_by_dir[n].get(c, 0), key(n, c)) for c in codes],
                ctx.n(sum(types_by_dir[n].values()), key(n, None)),
            ]
            for n in names
        ]
        rows.append(
            [
                "All directorates",
                *[ctx.n(column[c], key(None, c)) for c in codes],
                ctx.n(grand, key(None, None)),
            ]
        )
        blocks.append(
            Table(
                key="remedies_directorates",
                caption=f"Remedies by directorate and type, {year}",
                columns=[
                    "Directorate",
                    *[REMEDY_LABELS.get(c, c) for c in codes],
                    "Total",
                ],
                rows=rows,
                formats=["text", *["count"] * (len(codes) + 1)],
                total_row=True,
            )
        )
    if payments:
        names = sorted(payments)
        keys = {
            n: ctx.count(ctx.k(year, "dir", n, "payments"), payments[n]["count"])
            for n in names
        }
        ctx.parts(ctx.k(year, "payments"), list(keys.values()))
        # One amount hidden could be worked out from the council's total beside the
        # others: the amounts are shown only while every directorate's count is.
        blocks.append(
            Table(
                key="payments_directorates",
                caption=f"Financial remedies by directorate, {year}",
                columns=[
                    "Directorate",
                    "Complaints with a financial remedy",
                    "Total paid",
                ],
                rows=[
                    [
                        n,
                        ctx.n(payments[n]["count"], keys[n]),
                        ctx.derived(payments[n]["total"], list(keys.values())),
                    ]
                    for n in names
                ],
                formats=["text", "count", "gbp"],
            )
        )
    return blocks


# -- learning by stage (seed 002) ---------------------------------------------------------


def learning_by_stage(ctx: ReportContext) -> list[Block]:
    found = breakdowns_more.learning_by_stage(
        period=ctx.period, directorate=ctx.directorate
    )
    counts = found["counts"]
    if not counts:
        return []
    year = ctx.period.label

    def key(stage: int) -> str:
        return ctx.k(year, "learning", "actions", "stage", stage)

    keys = {stage: ctx.count(key(stage), n) for stage, n in counts.items()}
    ctx.parts(ctx.k(year, "learning", "actions"), list(keys.values()))
    blocks: list[Block] = [
        Table(
            key="learning_stages",
            caption=f"Learning actions by stage of the complaint, {year}",
            columns=["Stage", "Actions"],
            rows=[
                [STAGE_NAMES.get(stage, f"Stage {stage}"), ctx.n(n, keys[stage])]
                for stage, n in counts.items()
            ],
            formats=["text", "count"],
        )
    ]
    actions = found["actions"]
    if ctx.public:
        published = approved_wording(
            purpose=PublishedText.Purpose.LEARNING_EXAMPLE,
            source_ids=[a["id"] for a in actions],
        )
        texts = [(a, published[a["id"]]) for a in actions if a["id"] in published]
    else:
        texts = [(a, a["description"]) for a in actions if a["description"].strip()]
    if not texts:
        return blocks
    items = BulletList(
        [
            f"Stage {a['stage']}, {a['team'] or a['directorate']}: {text.strip()} "
            f"({LEARNING_LABELS.get(a['status'], a['status']).lower()})"
            for a, text in texts
        ]
    )
    if not ctx.public:
        blocks += [
            Paragraph(
                "Learning from stage two and three reviews (internal version only):",
                style="note",
            ),
            items,
        ]
        return blocks
    listing = ctx.guard(
        items,
        [keys[s] for s in sorted({a["stage"] for a, _ in texts})],
        "Learning from stage two and three reviews is not shown, because it would "
        "reveal numbers too small to publish.",
    )
    return [*blocks, Paragraph("Learning from stage two and three reviews:"), listing]


# -- Ombudsman: investigated or not, remedies, kinds, categories (seeds 002 and 004) ------


def ombudsman_investigations(ctx: ReportContext) -> list[Block]:
    found = breakdowns_more.ombudsman_investigations(
        period=ctx.period, directorate=ctx.directorate
    )
    blocks: list[Block] = []
    for code in Ombudsman.values:  # in the order of the section's parts
        f = found.get(code)
        if f and f["decided"]:
            blocks += _investigation_blocks(ctx, code, f)
    return blocks


def _investigation_blocks(
    ctx: ReportContext, code: str, f: dict[str, Any]
) -> list[Block]:
    year = ctx.period.label
    short = OMBUDSMAN_SHORT[code]

    def key(measure: str) -> str:
        return ctx.k(year, "omb", code, measure)

    decided = ctx.count(key("decided"), f["decided"])
    inv = ctx.count(key("decided_investigated"), f["investigated"])
    rest = ctx.count(key("decided_not_investigated"), f["not_investigated"])
    remedy = ctx.count(key("investigated_remedy"), f["investigated_remedy"])
    recs = ctx.count(key("with_recommendations"), f["with_recommendations"])
    ctx.parts(decided, [inv, rest])
    ctx.parts(inv, [remedy], exact=False)
    ctx.parts(decided, [recs], exact=False)
    text = (
        f"Of the {f['decided']:,} {short} decisions made in {year}, "
        f"{f['investigated']:,} ({percent_text(f['investigated_percent'])}) "
        f"were investigated in detail and {f['not_investigated']:,} "
        f"({percent_text(f['not_investigated_percent'])}) were closed without a "
        f"detailed investigation; {f['investigated_remedy']:,} of the detailed "
        "investigations found a remedy was needed."
    )
    blocks: list[Block] = [
        Paragraph(
            ctx.derived_text(
                text,
                [decided, inv, rest, remedy],
                f"{short} decisions made in {year}: {ctx.say(f['decided'], decided)}.",
            )
        ),
        Table(
            key=f"omb_{code}_investigated",
            caption=f"{short} decisions investigated in detail, {year}",
            columns=["Measure", "Decisions", "Share of decisions"],
            rows=[
                ["Decisions made", ctx.n(f["decided"], decided), None],
                [
                    "Investigated in detail",
                    ctx.n(f["investigated"], inv),
                    ctx.derived(f["investigated_percent"], [decided, inv]),
                ],
                [
                    "Closed without a detailed investigation",
                    ctx.n(f["not_investigated"], rest),
                    ctx.derived(f["not_investigated_percent"], [decided, rest]),
                ],
                [
                    "Detailed investigations with a remedy",
                    ctx.n(f["investigated_remedy"], remedy),
                    ctx.derived(
                        percent(f["investigated_remedy"], f["decided"]),
                        [decided, remedy],
                    ),
                ],
                [
                    "Decisions with recommendations",
                    ctx.n(f["with_recommendations"], recs),
                    ctx.derived(
                        percent(f["with_recommendations"], f["decided"]),
                        [decided, recs],
                    ),
                ],
            ],
            formats=["text", "count", "percent"],
            note="A remedy is a payment or any recommendation made by the Ombudsman.",
        ),
    ]
    kinds = f["kinds"]
    if kinds:
        kind_keys = {
            k: ctx.count(key(f"recommendation_kind|{k}"), n) for k, n in kinds.items()
        }
        for k in kind_keys.values():
            ctx.parts(recs, [k], exact=False)
        blocks.append(
            Table(
                key=f"omb_{code}_recommendation_kinds",
                caption=f"{short} decisions with recommendations, by kind, {year}",
                columns=["Kind of recommendation", "Decisions"],
                rows=[
                    [RECOMMENDATION_LABELS.get(k, k), ctx.n(n, kind_keys[k])]
                    for k, n in kinds.items()
                ],
                formats=["text", "count"],
                note="A decision can include recommendations of more than one kind.",
            )
        )
    return blocks


def ombudsman_categories(ctx: ReportContext) -> list[Block]:
    """Housing Ombudsman enquiries by category (seed 004)."""
    found = breakdowns_more.ombudsman_received_by_category(
        period=ctx.period, directorate=ctx.directorate
    )
    year = ctx.period.label
    blocks: list[Block] = []
    for code in (Ombudsman.HO,):
        rows = found.get(code)
        if not rows:
            continue
        keys = [
            ctx.count(ctx.k(year, "omb", code, "category", r["label"]), r["count"])
            for r in rows
        ]
        ctx.parts(ctx.k(year, "omb", code, "received"), keys)
        blocks.append(
            Table(
                key=f"omb_{code}_categories",
                caption=f"{OMBUDSMAN_SHORT[code]} enquiries by category, {year}",
                columns=["Category", "Enquiries"],
                rows=[
                    [r["label"], ctx.n(r["count"], k)]
                    for r, k in zip(rows, keys, strict=True)
                ],
                formats=["text", "count"],
            )
        )
    return blocks


def ombudsman_not_investigated(ctx: ReportContext) -> list[Block]:
    """Cases closed after initial enquiries or not investigated, with the Ombudsman's
    view (seed 002): as typed internally; publicly only approved published findings."""
    found = breakdowns_more.ombudsman_not_investigated_cases(
        period=ctx.period, directorate=ctx.directorate, with_text=not ctx.public
    )
    year = ctx.period.label
    blocks: list[Block] = []
    for code in Ombudsman.values:
        cases = found.get(code)
        if not cases:
            continue
        short = OMBUDSMAN_SHORT[code]
        caption = f"{short} cases closed without a detailed investigation, {year}"
        if not ctx.public:
            blocks.append(
                Table(
                    key=f"omb_{code}_not_investigated",
                    caption=caption + " (internal version only)",
                    columns=[
                        "Reference",
                        "Team",
                        "Decision",
                        "Complaint",
                        "Ombudsman's view",
                    ],
                    rows=[
                        [
                            c["reference"],
                            c["team__name"] or c["directorate__name"] or "",
                            DECISION_LABELS.get(c["decision"], c["decision"]),
                            c["summary"].strip(),
                            c["lessons"].strip(),
                        ]
                        for c in cases
                    ],
                    formats=["text"] * 5,
                )
            )
            continue
        published = approved_wording(
            purpose=PublishedText.Purpose.OMBUDSMAN_FINDING,
            source_ids=[c["id"] for c in cases],
        )
        shown = [c for c in cases if c["id"] in published]
        if not shown:
            continue
        table = Table(
            key=f"omb_{code}_not_investigated",
            caption=caption,
            columns=["Team", "Decision", "Published finding"],
            rows=[
                [
                    c["team__name"] or c["directorate__name"] or "",
                    DECISION_LABELS.get(c["decision"], c["decision"]),
                    published[c["id"]].strip(),
                ]
                for c in shown
            ],
            formats=["text"] * 3,
        )
        decisions = sorted({str(c["decision"]) for c in shown})
        blocks.append(
            ctx.guard(
                table,
                [ctx.k(year, "omb", code, "decided_not_investigated")]
                + [
                    ctx.k(year, "omb", code, "decision", d)
                    for d in decisions
                    if d in {str(x) for x in DECISIONS_BY_OMBUDSMAN[code]}
                ],
                f"The list of {short} cases closed without a detailed investigation is "
                "not shown, because it would reveal numbers too small to publish.",
            )
        )
    return blocks
