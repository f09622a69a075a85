"""Compliments, comments, MP enquiries, and the methods note."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from putright.complaints.constants import (
    Kind,
)
from putright.core.presentation import long_date, percent_text, time_and_date
from putright.publication.models import PublishedText
from putright.publication.selectors import approved_wording
from putright.reporting import narrative
from putright.reporting.blocks import Block, BulletList, Paragraph, Section, Table
from putright.reporting.sections.benchmarks import sampling_subsection
from putright.reporting.sections.common import (
    current_figures,
    new_section,
)
from putright.reporting.sections.context import ReportContext
from putright.statistics import breakdowns, engine
from putright.statistics.presentation import CHANNEL_LABELS, CONTACT_LABELS

CHANNEL_ORDER = [*CHANNEL_LABELS, breakdowns.NOT_RECORDED]


def compliments_section(ctx: ReportContext) -> Section | None:
    labels = [p.label for p in ctx.periods]
    section = new_section("compliments")
    current = current_figures(ctx)["contacts"]
    compliments = current[Kind.COMPLIMENT]
    rows = breakdowns.received_by_directorate(
        periods=ctx.periods, kind=Kind.COMPLIMENT, directorate=ctx.directorate
    )
    if compliments["received"] or rows:

        def key(r: dict[str, Any], y: str) -> str:
            return ctx.k(
                y, "dir", r["directorate"], "contacts", Kind.COMPLIMENT, "received"
            )

        for y in labels:
            ctx.parts(
                ctx.k(y, "contacts", Kind.COMPLIMENT, "received"),
                [ctx.count(key(r, y), r[y]) for r in rows],
            )
        section.add(
            Paragraph(_change_text(ctx, Kind.COMPLIMENT, compliments, "compliment")),
            Table(
                key="compliments",
                caption=f"Compliments by directorate, {labels[0]} to {labels[-1]}",
                columns=["Directorate", *labels],
                rows=[
                    [r["directorate"], *[ctx.n(r[y], key(r, y)) for y in labels]]
                    for r in rows
                ],
                formats=["text", *["count"] * len(labels)],
            ),
        )
        section.add(*_quotes(ctx))
    comments = current[Kind.COMMENT]
    if comments["received"] or comments["previous_year"]["received"]:
        section.add(Paragraph(_change_text(ctx, Kind.COMMENT, comments, "comment")))
    mps = breakdowns.mp_enquiries_by_constituency(
        period=ctx.period, directorate=ctx.directorate
    )
    if mps:
        section.add(*_mp_blocks(ctx, mps))
        section.add(*_mp_directorates(ctx))
    section.add(*_channels(ctx))
    if not section.blocks:
        return None
    return section


def _change_text(
    ctx: ReportContext, kind: str, figures: dict[str, Any], noun: str
) -> str:
    year = ctx.period.label
    before = figures["previous_year"]
    # §5.8: a period not yet over is compared with the same part of the one before.
    to_date = before.get("to_date")
    previous = (to_date or before)["received"]
    now = ctx.count(ctx.k(year, "contacts", kind, "received"), figures["received"])
    then_key = ctx.k(before["year"], "contacts", kind, "received")
    then = ctx.count(f"{then_key}|to_date" if to_date else then_key, previous)
    text = narrative.change_sentence(
        comparison_sentence=figures["sentence"],
        current=figures["received"],
        previous=previous,
        noun=noun,
    )
    fallback = (
        f"{noun.capitalize()}s received: {ctx.say(figures['received'], now)} in "
        f"{year}, compared with {ctx.say(previous, then)} in "
        f"{before['year']}{' to the same day' if to_date else ''}."
    )
    return ctx.derived_text(text, [now, then], fallback)


def _quotes(ctx: ReportContext) -> list[Block]:
    """Compliments quoted: as recorded internally; publicly only approved quotes."""
    if not ctx.public:
        examples = breakdowns.compliment_examples(
            period=ctx.period, directorate=ctx.directorate
        )
        return [
            Paragraph(
                f"“{e['summary'].strip()}” ({e['team__name'] or e['directorate__name']})",
                style="quote",
            )
            for e in examples
        ]
    published = approved_wording(
        purpose=PublishedText.Purpose.COMPLIMENT_QUOTE,
        source_ids=breakdowns.compliment_ids(
            period=ctx.period, directorate=ctx.directorate
        ),
    )
    return [
        Paragraph(f"“{wording.strip()}”", style="quote")
        for wording in list(published.values())[:5]
    ]


def _mp_blocks(ctx: ReportContext, mps: list[dict[str, Any]]) -> list[Block]:
    year = ctx.period.label
    received = sum(r["received"] for r in mps)
    responded = sum(r["responded"] for r in mps)
    within = sum(r["within"] for r in mps)

    def key(r: dict[str, Any] | None, measure: str) -> str:
        where = r["constituency"] if r is not None else "all"
        return ctx.k(year, "mp", where, measure)

    totals = {"received": received, "responded": responded, "within": within}
    for measure, value in totals.items():
        ctx.count(key(None, measure), value)
        ctx.parts(
            key(None, measure), [ctx.count(key(r, measure), r[measure]) for r in mps]
        )
    for r in [None, *mps]:
        ctx.parts(key(r, "received"), [key(r, "responded")], exact=False)
        ctx.parts(key(r, "responded"), [key(r, "within")], exact=False)
    # The enquiries in the summary table are these, shown or hidden with them.
    ctx.parts(
        ctx.k(year, "contacts", Kind.MP_ENQUIRY, "received"), [key(None, "received")]
    )
    share = engine.percent(within, responded)
    text = f"MP enquiries received: {ctx.say(received, key(None, 'received'))}"
    if share is not None:
        text += ctx.derived_text(
            f"; {percent_text(share)} of those answered were answered within the "
            "target time",
            [key(None, "responded"), key(None, "within")],
        )
    return [
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
                    ctx.n(r["received"], key(r, "received")),
                    ctx.n(r["responded"], key(r, "responded")),
                    ctx.n(r["within"], key(r, "within")),
                    ctx.derived(r["percent"], [key(r, "responded"), key(r, "within")]),
                ]
                for r in mps
            ],
            formats=["text", "count", "count", "count", "percent"],
        ),
    ]


def _mp_directorates(ctx: ReportContext) -> list[Block]:
    """MP enquiries by directorate (seed 003), beside the constituencies."""
    year = ctx.period.label
    rows = breakdowns.mp_enquiries_by_directorate(
        period=ctx.period, directorate=ctx.directorate
    )
    if len(rows) < 2:
        return []

    def key(r: dict[str, Any] | None, measure: str) -> str:
        if r is None:
            return ctx.k(year, "mp", "all", measure)
        return ctx.k(year, "mp", "dir", r["directorate"], measure)

    for measure in ("received", "responded", "within"):
        ctx.parts(
            key(None, measure), [ctx.count(key(r, measure), r[measure]) for r in rows]
        )
    for r in rows:
        ctx.parts(key(r, "received"), [key(r, "responded")], exact=False)
        ctx.parts(key(r, "responded"), [key(r, "within")], exact=False)
    return [
        Table(
            key="mp_enquiries_directorates",
            caption=f"MP enquiries by directorate, {year}",
            columns=[
                "Directorate",
                "Received",
                "Answered",
                "Within target",
                "Within target (%)",
            ],
            rows=[
                [
                    r["directorate"],
                    ctx.n(r["received"], key(r, "received")),
                    ctx.n(r["responded"], key(r, "responded")),
                    ctx.n(r["within"], key(r, "within")),
                    ctx.derived(r["percent"], [key(r, "responded"), key(r, "within")]),
                ]
                for r in rows
            ],
            formats=["text", "count", "count", "count", "percent"],
        )
    ]


def _kind_total_key(ctx: ReportContext, kind: str) -> str:
    year = ctx.period.label
    if kind == Kind.COMPLAINT:
        return ctx.k(year, "stage", 1, "received")
    return ctx.k(year, "contacts", kind, "received")


def _channel_key(ctx: ReportContext, kind: str, channel: str, *scope: Any) -> str:
    """Stage 1 complaints by channel share their keys with the directorate sections."""
    year = ctx.period.label
    if kind == Kind.COMPLAINT:
        return ctx.k(year, *scope, "stage", 1, "channel", channel)
    return ctx.k(year, *scope, "contacts", kind, "channel", channel)


def _channels(ctx: ReportContext) -> list[Block]:
    """How each kind of feedback reached the council (seed 002's method of contact)."""
    rows = breakdowns.channels_by_kind(period=ctx.period, directorate=ctx.directorate)
    if not rows:
        return []
    counts: dict[str, dict[str, int]] = {}
    parts: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for r in rows:
        kind, channel = r["kind"], r["channel"]
        found = counts.setdefault(kind, {})
        found[channel] = found.get(channel, 0) + r["count"]
        parts.setdefault((kind, channel), []).append(
            (_channel_key(ctx, kind, channel, "dir", r["directorate"]), r["count"])
        )
    # A kind that came by one way only says no more than its total: left out, so that
    # hiding that one cell never hides the kind's total everywhere.
    kinds = [
        k
        for k in breakdowns.FEEDBACK_KINDS
        if k in counts and sum(1 for n in counts[k].values() if n) > 1
    ]
    if not kinds:
        return []
    channels = [c for c in CHANNEL_ORDER if any(c in counts[k] for k in kinds)]
    table_rows = []
    for kind in kinds:
        total = ctx.count(_kind_total_key(ctx, kind), sum(counts[kind].values()))
        keys = {
            c: ctx.count(_channel_key(ctx, kind, c), counts[kind].get(c, 0))
            for c in channels
        }
        ctx.parts(total, list(keys.values()))
        for c, key in keys.items():
            ctx.parts(key, [ctx.count(part, n) for part, n in parts.get((kind, c), [])])
        table_rows.append(
            [
                "Complaints (stage 1)"
                if kind == Kind.COMPLAINT
                else CONTACT_LABELS.get(kind, kind),
                *[ctx.n(counts[kind].get(c, 0), keys[c]) for c in channels],
                ctx.n(sum(counts[kind].values()), total),
            ]
        )
    return [
        Table(
            key="feedback_channels",
            caption="How feedback was received, by kind and method of contact, "
            f"{ctx.period.label}",
            columns=[
                "Kind",
                *[CHANNEL_LABELS.get(c, c) for c in channels],
                "Total",
            ],
            rows=table_rows,
            formats=["text", *["count"] * (len(channels) + 1)],
        )
    ]


def methods_section(ctx: ReportContext) -> Section:
    section = new_section("methods")
    extracted = timezone.localtime()
    items = [
        f"Period: {long_date(ctx.period.start)} to {long_date(ctx.period.end)} "
        f"(the council's financial year {ctx.period.full_label}), compared with "
        f"{ctx.periods[1].full_label} and {ctx.periods[0].full_label}.",
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
        f"Data extracted at {time_and_date(extracted)}.",
    ]
    if ctx.public:
        items.append(
            f"To protect the people involved, counts from 1 to {ctx.threshold - 1} "
            f"are shown as “fewer than {ctx.threshold}”, and figures from which "
            "one could be worked out (a total, a percentage, an average or a list "
            "of cases) as “not shown”. Case details appear only in wording the "
            "council's complaints team has approved for publication."
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
    sampled = sampling_subsection(ctx)
    if sampled is not None:
        section.subsections.append(sampled)
    return section
