"""Similar-authority comparisons (in the Ombudsman section) and the sampling of service
requests for complaints (in the methods section): issue 11 items 4 and 5."""

from __future__ import annotations

from typing import Any

from putright.core.presentation import plural
from putright.reporting.blocks import Block, Paragraph, Section, Table
from putright.reporting.sections.context import ReportContext
from putright.statistics import benchmarks, sampling
from putright.statistics.benchmarks import measure_text, type_label
from putright.statistics.presentation import OMBUDSMAN_SHORT


def has_benchmarks(ctx: ReportContext, code: str) -> bool:
    return benchmarks.comparison(code, ctx.period.label) is not None


def benchmark_blocks(ctx: ReportContext, code: str) -> list[Block]:
    """The council against the mean of similar authorities, with how many it is over.

    These are the Ombudsman's own published figures for every authority, so nothing in
    them is the council's case data to suppress. Council-wide figures only: a
    directorate's report leaves them out.
    """
    if ctx.directorate is not None:
        return []
    found = benchmarks.comparison(code, ctx.period.label)
    if found is None:
        return []
    short = OMBUDSMAN_SHORT.get(code, code.upper())
    kind = type_label(found["authority_type"]) if found["authority_type"] else ""
    if not kind or not found["similar_authorities"]:
        return [
            Paragraph(
                f"{short} figures for other authorities are held for "
                f"{ctx.period.label}, but none of the council's type, so no comparison "
                "with similar authorities is made."
            )
        ]
    rows = [
        [
            m["label"],
            measure_text(name, m["council"]),
            measure_text(name, m["mean"]),
            f"{m['authorities']:,}",
        ]
        for name, m in found["measures"].items()
    ]
    blocks: list[Block] = [
        Table(
            key=f"omb_{code}_benchmarks",
            caption=f"{short} figures for {ctx.period.label} compared with {kind}",
            columns=["Measure", "The council", "Average", "Authorities averaged"],
            rows=rows,
            formats=["text", "figure", "figure", "figure"],
            note=(
                f"From the {short}'s published figures for every authority. The "
                f"average is the mean over the {kind} with a figure, the council "
                "included; the last column says how many authorities that is."
                + (
                    ""
                    if found["council"]
                    else " The council's own row was not found in the data."
                )
            ),
        )
    ]
    sentence = _lead_sentence(found, kind)
    if sentence:
        blocks.insert(0, Paragraph(sentence))
    return blocks


def _lead_sentence(found: dict[str, Any], kind: str) -> str:
    name = next(iter(found["measures"]))
    lead = found["measures"][name]
    if lead["council"] is None or lead["mean"] is None:
        return ""
    return (
        f"{lead['label']}: {measure_text(name, lead['council'])} for the council, "
        f"compared with an average of {measure_text(name, lead['mean'])} over "
        f"{plural(lead['authorities'], 'authority', 'authorities')} "
        f"({kind}) in {found['year']}."
    )


def sampling_subsection(ctx: ReportContext) -> Section | None:
    """What the year's review of sampled service requests found (council-wide only)."""
    if ctx.directorate is not None:
        return None
    evidence = sampling.sampling_evidence(ctx.period)
    if not evidence["contacts"]:
        return None
    year = ctx.period.label
    key = ctx.k(year, "sampling")
    reviewed = ctx.count(f"{key}|reviewed", evidence["reviewed"])
    were = ctx.count(f"{key}|were", evidence["were_complaints"])
    ctx.parts(reviewed, [were], exact=False)
    text = (
        f"To check that complaints are recognised however they arrive, the complaints "
        f"team reviewed {ctx.say(evidence['reviewed'], reviewed)} closed service "
        "requests and informal complaints in "
        f"{year}: a random sample and those a documented rule flags as likely "
        f"complaints. Of these, {ctx.say(evidence['were_complaints'], were)} should "
        "have been handled as complaints."
    )
    sub = Section(
        key="methods",
        title="Service requests checked for complaints",
        anchor="sampling",
    )
    sub.add(Paragraph(text))
    if evidence["awaiting_review"]:
        sub.add(
            Paragraph(
                "Sampled contacts still awaiting review: "
                f"{ctx.say(evidence['awaiting_review'], f'{key}|awaiting')}.",
                style="note",
            )
        )
    return sub
