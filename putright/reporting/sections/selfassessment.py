"""The first section of the annual report: the Complaint Handling Code self-assessment.

docs/regulatory-rules.md §1.9 puts the self-assessment first. The council's answers (complies,
commentary, action and target date, the governing body's sign-off) are the council's own
words; the evidence beside them is aggregate, each count going through `ctx.n` so the public
version suppresses small numbers (docs/counting-rules.md §6). Restrictions for unreasonable
behaviour are counted by directorate, suppressed the same way. Council-wide only: a
directorate's report has no self-assessment.
"""

from __future__ import annotations

from putright.core.presentation import share
from putright.reporting.blocks import Paragraph, Section, Table
from putright.reporting.sections.common import new_section
from putright.reporting.sections.context import ReportContext
from putright.selfassessment.evidence import Row, rows_by_measure
from putright.selfassessment.export import form_rows, sign_off_text
from putright.selfassessment.models import SelfAssessment
from putright.selfassessment.provisions import EVIDENCE
from putright.statistics import code_evidence


def _evidence_table(ctx: ReportContext, rows: dict[str, list[Row]]) -> Table:
    year = ctx.period.label
    table_rows = []
    for measure in EVIDENCE:
        for row in rows[measure]:
            if row.unit == "days":
                continue  # a longest extension describes one case: counts only
            key = ctx.count(ctx.k(year, "code", row.label), row.count or 0)
            cells = [row.label, ctx.n(row.count or 0, key)]
            if row.base is None:
                cells += ["", ""]
            else:
                base = ctx.count(ctx.k(year, "code", row.label, "base"), row.base)
                ctx.parts(base, [key], exact=False)
                cells += [
                    ctx.n(row.base, base),
                    ctx.derived(share(row.count or 0, row.base), [key, base]),
                ]
            table_rows.append(cells)
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
    section.add(_evidence_table(ctx, rows_by_measure(evidence)))
    _restrictions(ctx, section)
    return section
