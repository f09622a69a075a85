"""Compliments, comments, MP enquiries, and the methods note."""

from __future__ import annotations

from django.utils import timezone

from putright.complaints.constants import (
    Kind,
)
from putright.core.presentation import long_date, percent_text, time_and_date
from putright.reporting import narrative
from putright.reporting.blocks import BulletList, Paragraph, Section, Table
from putright.reporting.sections.common import (
    current_figures,
    new_section,
)
from putright.reporting.sections.context import ReportContext
from putright.statistics import breakdowns, engine


def compliments_section(ctx: ReportContext) -> Section | None:
    labels = [p.label for p in ctx.periods]
    section = new_section("compliments")
    current = current_figures(ctx)["contacts"]
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
            text += f"; {percent_text(share)} of those answered were answered within the target time"
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


def methods_section(ctx: ReportContext) -> Section:
    section = new_section("methods")
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
        f"Data extracted at {time_and_date(extracted)}.",
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
