"""The first section of the annual report: the Complaint Handling Code self-assessment.

docs/regulatory-rules.md §1.9 puts the self-assessment first. The council's answers (complies,
commentary, action and target date, the governing body's sign-off) are the council's own
words; the evidence beside them is aggregate, each count going through `ctx.n` so the public
version suppresses small numbers (docs/counting-rules.md §6). Restrictions for unreasonable
behaviour are counted by directorate, suppressed the same way. Council-wide only: a
directorate's report has no self-assessment.
"""

from __future__ import annotations

from typing import Any

from putright.core.presentation import share
from putright.reporting.blocks import Paragraph, Section, Table
from putright.reporting.sections.common import new_section
from putright.reporting.sections.context import ReportContext
from putright.selfassessment.evidence import Row, rows_by_measure
from putright.selfassessment.export import form_rows, sign_off_text
from putright.selfassessment.models import SelfAssessment
from putright.selfassessment.provisions import EVIDENCE
from putright.statistics import code_evidence


def _relations(ctx: ReportContext, ev: dict[str, Any]) -> None:
    """How the evidence's counts add up, and how they sit inside the report's own stage
    totals, so that disclosure control hides whatever would let a small number be worked
    out (the Code's records are part of every stage's total; the rest are registered as
    figures not shown)."""
    year = ctx.period.label

    def key(name: str) -> str:
        return ctx.k(year, "code", name)

    for n in (1, 2):
        everything = ev["extensions"][str(n)]["received"]
        accepted = ev["timeliness"][str(n)]["received"]
        engine_total = ctx.stats[year]["stages"][str(n)]["received"]
        ctx.count(key(f"s{n}_all"), everything)
        ctx.count(key(f"s{n}_accepted"), accepted)
        # Refusals per stage follow from the table (not accepted, and stage 2's figures).
        ctx.count(key(f"s{n}_refused"), everything - accepted, shown=True)
        # Records outside the Code (statutory procedures) can be worked out from the
        # procedures section: treated as known, so the Code's totals are protected as the
        # stage totals themselves are.
        ctx.count(key(f"s{n}_outside"), engine_total - everything, shown=True)
        ctx.count(key(f"s{n}_responded"), ev["timeliness"][str(n)]["responded"])
        engine = ctx.count(ctx.k(year, "stage", n, "received"), engine_total)
        ctx.parts(engine, [key(f"s{n}_all"), key(f"s{n}_outside")], exact=True)
        ctx.parts(
            key(f"s{n}_all"),
            [key(f"s{n}_accepted"), key(f"s{n}_refused")],
            exact=True,
        )
        ctx.parts(key(f"s{n}_accepted"), [key(f"s{n}_responded")], exact=False)
    ctx.count(key("s12_all"), ev["exclusions"]["received"])
    ctx.parts(key("s12_all"), [key("s1_all"), key("s2_all")], exact=True)
    ctx.count(key("refused"), ev["exclusions"]["refused"])
    ctx.parts(key("refused"), [key("s1_refused"), key("s2_refused")], exact=True)
    esc = ev["escalations"]
    ctx.count(key("esc_requests"), esc["requests"])
    ctx.count(key("esc_refused"), esc["refused"])
    ctx.parts(key("esc_requests"), [key("s2_all"), key("esc_refused")], exact=True)
    rem = ev["remedies"]
    for name, value in (
        ("rem_dated", rem["with_date"]),
        ("rem_on_time", rem["on_time"]),
        ("rem_late", rem["late"]),
        ("rem_outstanding", rem["outstanding"]),
    ):
        ctx.count(key(name), value)
    ctx.parts(
        key("rem_dated"),
        [key("rem_on_time"), key("rem_late"), key("rem_outstanding")],
        exact=True,
    )


def _evidence_table(ctx: ReportContext, rows: dict[str, list[Row]]) -> Table:
    year = ctx.period.label
    table_rows = []
    reasons: dict[str, list[str]] = {}
    for measure in EVIDENCE:
        for row in rows[measure]:
            if row.unit == "days":
                continue  # a longest extension describes one case: counts only
            key = ctx.count(ctx.k(year, "code", row.key or row.label), row.count or 0)
            cells = [row.label, ctx.n(row.count or 0, key)]
            if row.base is None:
                cells += ["", ""]
            else:
                base = ctx.count(
                    ctx.k(year, "code", row.base_key or f"{row.label}|base"), row.base
                )
                ctx.parts(base, [key], exact=False)
                if ":" in row.key:  # a reason: the reasons add up to their total
                    reasons.setdefault(base, []).append(key)
                cells += [
                    ctx.n(row.base, base),
                    ctx.derived(share(row.count or 0, row.base), [key, base]),
                ]
            table_rows.append(cells)
    for total, parts in reasons.items():
        ctx.parts(total, parts, exact=True)
    return Table(
        key="self_assessment_evidence",
        caption=f"Evidence from the records for the Code, {year}",
        columns=["Measure", "Number", "Out of", "Percentage"],
        rows=table_rows,
        formats=["text", "count", "count", "percent"],
        note="Complaints under the council's corporate and housing procedures, to "
        "which the Code applies. Working days exclude weekends and bank holidays.",
    )


def _answers_table(ctx: ReportContext, assessment: SelfAssessment) -> Table:
    rows = []
    for _number, _title, provisions in form_rows(assessment, {}):
        for row in provisions:
            rows.append(
                [
                    row.number_text,
                    row.provision.summary,
                    row.complies_text,
                    row.answer.commentary if row.answer else "",
                    row.action_text,
                ]
            )
    return Table(
        key="self_assessment",
        caption=f"The council's self-assessment against the Code, {assessment.label}",
        columns=["Provision", "Requirement", "Complies", "Commentary", "Action"],
        rows=rows,
        formats=["text", "text", "text", "text", "text"],
    )


def _restrictions(ctx: ReportContext, section: Section) -> None:
    year = ctx.period.label
    rows = code_evidence.restrictions_by_directorate(ctx.period)
    if not rows:
        section.add(
            Paragraph("No restrictions for unreasonable behaviour began in the year.")
        )
        return
    total = sum(r["count"] for r in rows)
    total_key = ctx.count(ctx.k(year, "restrictions"), total)
    keys = [
        ctx.count(ctx.k(year, "restrictions", r["label"]), r["count"]) for r in rows
    ]
    ctx.parts(total_key, keys)
    section.add(
        Paragraph(
            "Restrictions on contact for unreasonable behaviour that began in the "
            f"year: {ctx.say(total, total_key)}."
        ),
        Table(
            key="restrictions",
            caption=f"Restrictions for unreasonable behaviour, by directorate, {year}",
            columns=["Directorate", "Restrictions"],
            rows=[
                [r["label"], ctx.n(r["count"], k)]
                for r, k in zip(rows, keys, strict=True)
            ],
            formats=["text", "count"],
        ),
    )


def self_assessment_section(ctx: ReportContext) -> Section | None:
    if ctx.directorate is not None:
        return None
    assessment = SelfAssessment.objects.filter(first_year=ctx.period.first_year).first()
    evidence = code_evidence.evidence(ctx.period)
    if assessment is None and not evidence["exclusions"]["received"]:
        return None
    section = new_section("self_assessment")
    if assessment is None:
        section.add(
            Paragraph(
                f"No self-assessment against the Complaint Handling Code has been "
                f"recorded for {ctx.period.label}."
            )
        )
    else:
        answers = list(assessment.answers.exclude(complies__isnull=True))
        complying = sum(1 for a in answers if a.complies)
        section.add(
            Paragraph(
                f"The council assessed itself against {len(answers)} provisions of the "
                f"Complaint Handling Code and complies with {complying}. "
                + sign_off_text(assessment)
            ),
            _answers_table(ctx, assessment),
        )
    _relations(ctx, evidence)
    section.add(_evidence_table(ctx, rows_by_measure(evidence)))
    _restrictions(ctx, section)
    return section
