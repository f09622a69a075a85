"""LGSCO and Housing Ombudsman enquiries, decisions, compliance and cases (seed 000)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from putright.complaints.constants import (
    Ombudsman,
)
from putright.core.presentation import percent_text
from putright.ombudsman.models import DECISIONS_BY_OMBUDSMAN, FAULT_DECISIONS
from putright.publication.models import PublishedText
from putright.publication.selectors import approved_wording
from putright.reporting import narrative
from putright.reporting.blocks import Paragraph, Section, Table, format_cell
from putright.reporting.sections.benchmarks import benchmark_blocks, has_benchmarks
from putright.reporting.sections.common import (
    current_figures,
    new_section,
)
from putright.reporting.sections.context import ReportContext
from putright.statistics import breakdowns, engine
from putright.statistics.presentation import (
    DECISION_LABELS,
    OMBUDSMAN_LABELS,
    OMBUDSMAN_SHORT,
)

NO_DECISION = "Decision not recorded"


@dataclass
class _Breakdowns:
    """The section's further figures, each read once for every Ombudsman."""

    by_team: list[dict[str, Any]]
    by_category: list[dict[str, Any]]
    standing: dict[str, dict[str, int]]
    years: dict[str, dict[str, dict[str, Any]]]
    council_years: dict[str, dict[str, dict[str, Any]]] | None
    partial: dict[str, int]


def _breakdowns(ctx: ReportContext, used: list[str]) -> _Breakdowns:
    scope: dict[str, Any] = {"period": ctx.period, "directorate": ctx.directorate}
    return _Breakdowns(
        by_team=breakdowns.ombudsman_outcomes_by_team(**scope),
        by_category=breakdowns.ombudsman_investigations_by_category(**scope),
        standing=breakdowns.ombudsman_standing(**scope),
        years=breakdowns.ombudsman_upheld_years(
            periods=ctx.periods, directorate=ctx.directorate
        ),
        # A service's report sets its upheld rate beside the council's.
        council_years=(
            breakdowns.ombudsman_upheld_years(periods=ctx.periods)
            if ctx.directorate is not None
            else None
        ),
        partial=(
            breakdowns.ho_partial_maladministration(**scope)
            if Ombudsman.HO in used
            else {}
        ),
    )


def ombudsman_section(ctx: ReportContext) -> Section | None:
    current = current_figures(ctx)["ombudsman"]
    labels = [p.label for p in ctx.periods]
    used = [
        code
        for code in Ombudsman.values
        if any(ctx.stats[y]["ombudsman"][code]["received"] for y in labels)
        or current[code]["decided"]
        or has_benchmarks(ctx, code)
    ]
    if not used:
        return None
    section = new_section("ombudsman")
    extra = breakdowns.ombudsman_figures(
        period=ctx.period,
        directorate=ctx.directorate,
        population=ctx.council.population,
        homes=ctx.council.homes,
    )
    further = _breakdowns(ctx, used)
    for code in used:
        section.subsections.append(
            _one_ombudsman(
                ctx, code, current[code], extra.get(code, {}), labels, further
            )
        )
    return section


def _one_ombudsman(
    ctx: ReportContext,
    code: str,
    figures: dict[str, Any],
    more: dict[str, Any],
    labels: list[str],
    further: _Breakdowns,
) -> Section:
    sub = Section(
        key="ombudsman", title=OMBUDSMAN_LABELS[code], anchor=f"ombudsman-{code}"
    )
    sub.add(
        _comparison_paragraph(ctx, code, figures, labels),
        _years_table(ctx, code, labels),
        _standing_table(ctx, code, further.standing.get(code)),
        _decisions_table(ctx, code, figures),
    )
    sub.add(*_by_service_tables(ctx, code, figures, further.by_team))
    if more:
        sub.add(
            _category_table(ctx, code, more, further.by_category),
            _measures_table(ctx, code, more),
            _upheld_paragraph(ctx, code, more),
        )
    sub.add(_upheld_years_table(ctx, code, labels, further))
    if code == Ombudsman.HO:
        sub.add(_partial_table(ctx, figures, further.partial))
    sub.add(_cases_table(ctx, code), *benchmark_blocks(ctx, code))
    return sub


def _comparison_paragraph(
    ctx: ReportContext, code: str, figures: dict[str, Any], labels: list[str]
) -> Paragraph:
    previous = ctx.stats[labels[-2]]["ombudsman"][code]["received"]
    comparison = engine.comparison(
        current=figures["received"],
        previous=previous,
        previous_label=labels[-2],
        noun=f"{OMBUDSMAN_SHORT[code]} enquiries",
    )
    text = narrative.change_sentence(
        comparison_sentence=comparison["sentence"],
        current=figures["received"],
        previous=previous,
        noun="enquiry",
    ).replace("enquirys", "enquiries")
    now = ctx.count(ctx.k(labels[-1], "omb", code, "received"), figures["received"])
    before = ctx.count(ctx.k(labels[-2], "omb", code, "received"), previous)
    fallback = (
        f"{OMBUDSMAN_SHORT[code]} enquiries received: {ctx.say(figures['received'], now)}"
        f" in {labels[-1]}, compared with {ctx.say(previous, before)} in {labels[-2]}."
    )
    return Paragraph(ctx.derived_text(text, [now, before], fallback))


def _years_table(ctx: ReportContext, code: str, labels: list[str]) -> Table:
    def row(measure: str, key: str) -> list[Any]:
        return [
            measure,
            *[
                ctx.n(ctx.stats[y]["ombudsman"][code][key], ctx.k(y, "omb", code, key))
                for y in labels
            ],
        ]

    return Table(
        key=f"omb_{code}_years",
        caption=f"{OMBUDSMAN_SHORT[code]} enquiries, investigations and decisions, "
        f"{labels[0]} to {labels[-1]}",
        columns=["Measure", *labels],
        rows=[
            row("Enquiries received", "received"),
            row("Detailed investigations", "investigations"),
            row("Decisions made", "decided"),
        ],
        formats=["text", *["count"] * len(labels)],
    )


def _decisions_table(
    ctx: ReportContext, code: str, figures: dict[str, Any]
) -> Table | None:
    year = ctx.period.label
    counts = figures["decisions"]
    # Every decision is shown: those not listed are known to be none.
    keys = {
        str(d): ctx.count(
            ctx.k(year, "omb", code, "decision", d), counts.get(str(d), 0), shown=True
        )
        for d in {*DECISIONS_BY_OMBUDSMAN[code], *counts}
    }
    ctx.parts(ctx.k(year, "omb", code, "decided"), list(keys.values()))
    decisions = [
        [DECISION_LABELS[d], ctx.n(counts.get(str(d), 0), keys[str(d)])]
        for d in DECISIONS_BY_OMBUDSMAN[code]
        if counts.get(str(d), 0)
    ]
    if not decisions:
        return None
    return Table(
        key=f"omb_{code}_decisions",
        caption=f"{OMBUDSMAN_SHORT[code]} decisions, {ctx.period.label}",
        columns=["Decision", "Cases"],
        rows=decisions,
        formats=["text", "count"],
    )


def _measures_table(ctx: ReportContext, code: str, more: dict[str, Any]) -> Table:
    year = ctx.period.label

    def key(measure: str) -> str:
        return ctx.k(year, "omb", code, measure)

    for name in (
        "upheld",
        "investigations_decided",
        "satisfactory_remedy",
        "recommendations",
        "on_time",
        "late",
        "payments",
    ):
        ctx.count(key(name), more[name])
    ctx.parts(key("upheld"), [key(f"decision|{d}") for d in FAULT_DECISIONS])
    ctx.parts(key("upheld"), [key("satisfactory_remedy")], exact=False)
    ctx.parts(key("investigations_decided"), [key("upheld")], exact=False)
    ctx.parts(key("decided"), [key("investigations_decided")], exact=False)
    ctx.parts(key("recommendations"), [key("on_time"), key("late")], exact=False)
    upheld_rate = [key("upheld"), key("investigations_decided")]
    compliance = [key("on_time"), key("late"), key("recommendations")]
    measures: list[list[Any]] = [
        ["Upheld (fault found)", ctx.n(more["upheld"], key("upheld"))],
        [
            "Upheld rate of detailed investigations",
            ctx.derived(
                format_cell(more["upheld_percent"], "percent"),
                upheld_rate,
                key("upheld_percent"),
            ),
        ],
        [
            "Satisfactory remedy by the council before the Ombudsman's involvement",
            ctx.n(more["satisfactory_remedy"], key("satisfactory_remedy")),
        ],
        [
            "Satisfactory remedy rate of upheld cases",
            ctx.derived(
                format_cell(more["satisfactory_remedy_percent"], "percent"),
                [key("satisfactory_remedy"), key("upheld")],
                key("satisfactory_remedy_percent"),
            ),
        ],
        [
            "Recommendations made",
            ctx.n(more["recommendations"], key("recommendations")),
        ],
        ["Complied with on time", ctx.n(more["on_time"], key("on_time"))],
        ["Complied with late", ctx.n(more["late"], key("late"))],
        [
            "Compliance with recommendations",
            ctx.derived(
                format_cell(more["compliance_percent"], "percent"),
                compliance,
                key("compliance_percent"),
            ),
        ],
        ["Cases with a payment", ctx.n(more["payments"], key("payments"))],
        [
            "Payments (GBP)",
            ctx.derived(
                format_cell(more["payments_total"], "gbp"),
                [key("payments")],
                key("payments_total"),
            ),
        ],
    ]
    rates = (
        ("upheld_per_100k", "Upheld decisions per 100,000 residents"),
        ("upheld_per_10k_homes", "Findings of fault per 10,000 homes"),
    )
    for name, measure in rates:
        if more.get(name) is not None:
            measures.append(
                [measure, ctx.derived(more[name], [key("upheld")], key(name))]
            )
    rows = [
        [m[0], format_cell(m[1], "count") if isinstance(m[1], int) else m[1]]
        for m in measures
    ]
    return Table(
        key=f"omb_{code}_measures",
        caption=f"{OMBUDSMAN_SHORT[code]} decisions made in {ctx.period.label}: "
        "outcomes, remedies and compliance",
        columns=["Measure", ctx.period.label],
        rows=rows,
        formats=["text", "figure"],
    )


def _upheld_paragraph(
    ctx: ReportContext, code: str, more: dict[str, Any]
) -> Paragraph | None:
    if more["upheld_percent"] is None:
        return None
    year = ctx.period.label
    inputs = [
        ctx.k(year, "omb", code, "upheld_percent"),
        ctx.k(year, "omb", code, "satisfactory_remedy"),
    ]
    text = (
        f"The {OMBUDSMAN_SHORT[code]} upheld {percent_text(more['upheld_percent'])} "
        "of the complaints it investigated in detail; in "
        f"{more['satisfactory_remedy']:,} of the upheld cases the council "
        "had already offered a satisfactory remedy."
    )
    return Paragraph(ctx.derived_text(text, inputs))


def _case_row(
    ctx: ReportContext, case: dict[str, Any], published: dict[int, str]
) -> list[str]:
    service = case["directorate__name"] or ""
    if case["category"]:
        service = f"{service} ({case['category']})" if service else case["category"]
    decision = DECISION_LABELS.get(case["decision"], case["decision"])
    if ctx.public:
        # No reference, and no text as typed: only a published version (§6.1).
        finding = published.get(case["id"], "No published summary.")
        return [service, decision, finding]
    outcome = " ".join(
        part.strip() for part in (case["requirement"], case["lessons"]) if part.strip()
    )
    return [case["reference"], service, decision, case.get("summary", ""), outcome]


def _cases_table(ctx: ReportContext, code: str) -> Table | None:
    found = breakdowns.ombudsman_cases(
        period=ctx.period,
        ombudsman=code,
        directorate=ctx.directorate,
        with_summary=not ctx.public,
    )
    cases = found["cases"]
    if not cases:
        return None
    published: dict[int, str] = {}
    if ctx.public:
        columns = ["Service", "Decision", "Published finding"]
        published = approved_wording(
            purpose=PublishedText.Purpose.OMBUDSMAN_FINDING,
            source_ids=[c["id"] for c in cases],
        )
    else:
        columns = [
            "Reference",
            "Service",
            "Decision",
            "Complaint",
            "Required, and lessons",
        ]
    table = Table(
        key=f"omb_{code}_cases",
        caption=f"{OMBUDSMAN_SHORT[code]} decisions finding fault, {ctx.period.label}",
        columns=columns,
        rows=[_case_row(ctx, c, published) for c in cases],
        formats=["text"] * len(columns),
        note=(
            f"The {len(cases)} most recent of {found['total']:,} decisions "
            "finding fault."
            if found["total"] > len(cases)
            else ""
        ),
    )
    # The list shows how many decisions of each kind there were: it goes with them.
    year = ctx.period.label
    return ctx.guard(
        table,
        [ctx.k(year, "omb", code, "decision", d) for d in FAULT_DECISIONS]
        + [ctx.k(year, "omb", code, "upheld")],
        f"The list of {OMBUDSMAN_SHORT[code]} decisions finding fault is not shown, "
        "because it would reveal numbers too small to publish.",
    )


# -- Further figures (issue 11 item 2) ---------------------------------------------------


def _standing_table(
    ctx: ReportContext, code: str, standing: dict[str, int] | None
) -> Table | None:
    """Where the year's enquiries stood at the year end (seed 001: initial assessment
    enquiries, passed to investigation, awaiting outcome)."""
    if not standing or not (standing["received"] or standing["awaiting"]):
        return None
    year = ctx.period.label

    def key(name: str) -> str:
        return ctx.k(year, "omb", code, name)

    def stand(name: str) -> str:
        return ctx.k(year, "omb", code, "stand", name)

    names = {
        "received": key("received"),
        "investigations": key("investigations"),
        **{
            n: stand(n)
            for n in (
                "assessment_decided",
                "assessment_open",
                "investigations_decided",
                "investigations_open",
                "awaiting",
            )
        },
    }
    for name, k in names.items():
        ctx.count(k, standing[name])
    ctx.parts(
        names["received"],
        [
            names["assessment_decided"],
            names["assessment_open"],
            names["investigations"],
        ],
        exact=True,
    )
    ctx.parts(
        names["investigations"],
        [names["investigations_decided"], names["investigations_open"]],
        exact=True,
    )
    ctx.parts(
        names["awaiting"],
        [names["assessment_open"], names["investigations_open"]],
        exact=False,
    )
    rows = [
        ["Enquiries received", "received"],
        ["Decided at initial assessment", "assessment_decided"],
        ["Still at initial assessment at the year end", "assessment_open"],
        ["Passed to a detailed investigation", "investigations"],
        ["Investigated and decided by the year end", "investigations_decided"],
        ["Still under investigation at the year end", "investigations_open"],
        [
            "All enquiries awaiting a decision at the year end, "
            "including those received in earlier years",
            "awaiting",
        ],
    ]
    return Table(
        key=f"omb_{code}_standing",
        caption=f"{OMBUDSMAN_SHORT[code]} enquiries received in {year}: "
        "where they stood at the year end",
        columns=["Measure", year],
        rows=[[m, ctx.n(standing[n], names[n])] for m, n in rows],
        formats=["text", "count"],
    )


def _group_by_service(
    rows: list[dict[str, Any]],
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Decision counts by directorate (keyed by id, "none" when not recorded), and each
    team's decisions and findings of fault."""
    services: dict[str, dict[str, Any]] = {}
    teams: dict[str, dict[str, Any]] = {}
    for r in rows:
        dkey = str(r["directorate_id"] or "none")
        service = services.setdefault(
            dkey, {"name": r["directorate"], "counts": Counter()}
        )
        service["counts"][r["decision"]] += r["count"]
        if r["team_id"] is None:
            continue
        team = teams.setdefault(
            str(r["team_id"]),
            {
                "name": r["team"],
                "service": r["directorate"],
                "dkey": dkey,
                "decided": 0,
                "fault": 0,
            },
        )
        team["decided"] += r["count"]
        team["fault"] += r["count"] if r["decision"] in FAULT_DECISIONS else 0
    return services, teams


def _by_service_tables(
    ctx: ReportContext, code: str, figures: dict[str, Any], rows: list[dict[str, Any]]
) -> list[Table]:
    """Every decision in the Ombudsman's vocabulary by directorate, and the teams with
    decisions (seeds 002 and 004)."""
    mine = [r for r in rows if r["ombudsman"] == code]
    if not mine:
        return []
    vocabulary = [str(d) for d in DECISIONS_BY_OMBUDSMAN[code]]
    present = {r["decision"] for r in mine}
    decisions = vocabulary + sorted(present - {*vocabulary, ""})
    if "" in present:
        decisions.append("")
    services, teams = _group_by_service(mine)
    tables = [_directorate_table(ctx, code, figures, decisions, services)]
    # By team for the council's own managers only: in the public version the team
    # figures are nearly all small, and protecting them hid the Ombudsman's headline rates.
    if teams and not ctx.public:
        tables.append(_team_table(ctx, code, services, teams))
    return tables


def _directorate_table(
    ctx: ReportContext,
    code: str,
    figures: dict[str, Any],
    decisions: list[str],
    services: dict[str, dict[str, Any]],
) -> Table:
    year = ctx.period.label

    def key(*bits: Any) -> str:
        return ctx.k(year, "omb", code, *bits)

    totals: Counter[str] = Counter()
    for service in services.values():
        totals.update(service["counts"])
    # The column totals are the decisions table's figures (registered there too).
    decided = ctx.count(key("decided"), figures["decided"])
    for d in decisions:
        ctx.count(key("decision", d), totals[d])
    table_rows: list[list[Any]] = []
    for dkey, service in services.items():
        counts = service["counts"]
        cells = {
            d: ctx.count(key("dir", dkey, "decision", d), counts[d]) for d in decisions
        }
        row_total = ctx.count(key("dir", dkey, "decided"), sum(counts.values()))
        fault = ctx.count(
            key("dir", dkey, "fault"), sum(counts[d] for d in FAULT_DECISIONS)
        )
        ctx.parts(row_total, list(cells.values()), exact=True)
        ctx.parts(
            fault, [cells[d] for d in decisions if d in FAULT_DECISIONS], exact=True
        )
        ctx.parts(row_total, [fault], exact=False)
        service["keys"] = (row_total, fault)
        table_rows.append(
            [
                service["name"],
                *[ctx.n(counts[d], cells[d]) for d in decisions],
                ctx.n(sum(counts.values()), row_total),
            ]
        )
    for d in decisions:
        ctx.parts(
            key("decision", d),
            [key("dir", k, "decision", d) for k in services],
            exact=True,
        )
    ctx.parts(decided, [s["keys"][0] for s in services.values()], exact=True)
    table_rows.append(
        [
            "Total",
            *[ctx.n(totals[d], key("decision", d)) for d in decisions],
            ctx.n(figures["decided"], decided),
        ]
    )
    return Table(
        key=f"omb_{code}_by_directorate",
        caption=f"{OMBUDSMAN_SHORT[code]} decisions by service, {year}",
        columns=[
            "Service",
            *[DECISION_LABELS.get(d, d) if d else NO_DECISION for d in decisions],
            "Total",
        ],
        rows=table_rows,
        formats=["text", *["count"] * (len(decisions) + 1)],
        total_row=True,
    )


def _team_table(
    ctx: ReportContext,
    code: str,
    services: dict[str, dict[str, Any]],
    teams: dict[str, dict[str, Any]],
) -> Table:
    year = ctx.period.label
    team_rows = []
    by_service: dict[str, list[tuple[str, str]]] = {}
    for tkey, team in teams.items():
        decided = ctx.count(
            ctx.k(year, "omb", code, "team", tkey, "decided"), team["decided"]
        )
        fault = ctx.count(
            ctx.k(year, "omb", code, "team", tkey, "fault"), team["fault"]
        )
        ctx.parts(decided, [fault], exact=False)
        by_service.setdefault(team["dkey"], []).append((decided, fault))
        team_rows.append(
            [
                team["name"],
                team["service"],
                ctx.n(team["decided"], decided),
                ctx.n(team["fault"], fault),
            ]
        )
    # A service's decisions are at least its teams' (some may have no team recorded).
    for dkey, keys in by_service.items():
        service_decided, service_fault = services[dkey]["keys"]
        ctx.parts(service_decided, [k[0] for k in keys], exact=None)
        ctx.parts(service_fault, [k[1] for k in keys], exact=None)
    return Table(
        key=f"omb_{code}_by_team",
        caption=f"{OMBUDSMAN_SHORT[code]} decisions by team, {year}",
        columns=["Team", "Service", "Decisions", "Finding fault"],
        rows=team_rows,
        formats=["text", "text", "count", "count"],
    )


def _category_table(
    ctx: ReportContext,
    code: str,
    more: dict[str, Any],
    rows: list[dict[str, Any]],
) -> Table | None:
    """Detailed investigations decided, by the Ombudsman's own category (seed 001)."""
    mine = [r for r in rows if r["ombudsman"] == code]
    if not mine:
        return None
    year = ctx.period.label

    def key(*bits: Any) -> str:
        return ctx.k(year, "omb", code, *bits)

    total = ctx.count(key("investigations_decided"), more["investigations_decided"])
    upheld = ctx.count(key("investigations_upheld"), sum(r["upheld"] for r in mine))
    not_upheld = ctx.count(
        key("investigations_not_upheld"), sum(r["not_upheld"] for r in mine)
    )
    ctx.parts(total, [upheld, not_upheld], exact=True)
    ctx.parts(key("upheld"), [upheld], exact=False)
    table_rows: list[list[Any]] = []
    cells: dict[str, list[str]] = {"upheld": [], "not_upheld": [], "total": []}
    for r in mine:
        keys = {n: key("category", r["category"], n) for n in cells}
        for n, k in keys.items():
            ctx.count(k, r[n])
            cells[n].append(k)
        ctx.parts(keys["total"], [keys["upheld"], keys["not_upheld"]], exact=True)
        table_rows.append([r["category"], *[ctx.n(r[n], keys[n]) for n in cells]])
    ctx.parts(upheld, cells["upheld"], exact=True)
    ctx.parts(not_upheld, cells["not_upheld"], exact=True)
    ctx.parts(total, cells["total"], exact=True)
    table_rows.append(
        [
            "Total",
            ctx.n(sum(r["upheld"] for r in mine), upheld),
            ctx.n(sum(r["not_upheld"] for r in mine), not_upheld),
            ctx.n(more["investigations_decided"], total),
        ]
    )
    return Table(
        key=f"omb_{code}_by_category",
        caption=f"{OMBUDSMAN_SHORT[code]} detailed investigations decided in {year}, "
        "by the Ombudsman's category",
        columns=["Category", "Upheld (fault found)", "Not upheld", "Total"],
        rows=table_rows,
        formats=["text", "count", "count", "count"],
        total_row=True,
    )


def _upheld_years_table(
    ctx: ReportContext, code: str, labels: list[str], further: _Breakdowns
) -> Table | None:
    """The upheld rate of detailed investigations over three years (seed 002), with the
    satisfactory-remedy rate, and in a service's report the council's upheld rate."""
    empty = {"investigations_decided": 0, "upheld": 0, "satisfactory_remedy": 0}
    years = {y: further.years.get(y, {}).get(code) or empty for y in labels}
    if not any(f["investigations_decided"] or f["upheld"] for f in years.values()):
        return None
    council = further.council_years
    columns = [
        "Year",
        "Detailed investigations decided",
        "Upheld (fault found)",
        "Upheld rate",
        "Satisfactory remedy by the council",
        "Satisfactory remedy rate of upheld cases",
    ]
    if council is not None:
        columns.append("Council's upheld rate")
    rows: list[list[Any]] = []
    for y in labels:
        f = years[y]

        def key(name: str, y: str = y) -> str:
            return ctx.k(y, "omb", code, name)

        for name in ("investigations_decided", "upheld", "satisfactory_remedy"):
            ctx.count(key(name), f[name])
        ctx.parts(key("upheld"), [key("satisfactory_remedy")], exact=False)
        ctx.parts(key("decided"), [key("investigations_decided")], exact=False)
        ctx.parts(key("decided"), [key("upheld")], exact=False)
        row = [
            y,
            ctx.n(f["investigations_decided"], key("investigations_decided")),
            ctx.n(f["upheld"], key("upheld")),
            ctx.derived(
                format_cell(
                    engine.percent(f["upheld"], f["investigations_decided"]), "percent"
                ),
                [key("upheld"), key("investigations_decided")],
                key("upheld_percent"),
            ),
            ctx.n(f["satisfactory_remedy"], key("satisfactory_remedy")),
            ctx.derived(
                format_cell(
                    engine.percent(f["satisfactory_remedy"], f["upheld"]), "percent"
                ),
                [key("satisfactory_remedy"), key("upheld")],
                key("satisfactory_remedy_percent"),
            ),
        ]
        if council is not None:
            c = council.get(y, {}).get(code) or empty
            c_upheld = ctx.count(
                ctx.k(y, "council", "omb", code, "upheld"), c["upheld"]
            )
            c_base = ctx.count(
                ctx.k(y, "council", "omb", code, "investigations_decided"),
                c["investigations_decided"],
            )
            ctx.parts(c_upheld, [key("upheld")], exact=False)
            ctx.parts(c_base, [key("investigations_decided")], exact=False)
            row.append(
                ctx.derived(
                    format_cell(
                        engine.percent(c["upheld"], c["investigations_decided"]),
                        "percent",
                    ),
                    [c_upheld, c_base],
                    ctx.k(y, "council", "omb", code, "upheld_percent"),
                )
            )
        rows.append([format_cell(v, "count") if isinstance(v, int) else v for v in row])
    return Table(
        key=f"omb_{code}_upheld_years",
        caption=f"{OMBUDSMAN_SHORT[code]} upheld rate of detailed investigations, "
        f"{labels[0]} to {labels[-1]}",
        columns=columns,
        rows=rows,
        formats=["text", *["figure"] * (len(columns) - 1)],
        note="The upheld rate is the share of detailed investigations decided in the "
        "year that found fault; the satisfactory remedy rate is the share of upheld "
        "cases in which the Ombudsman found the council had already offered a "
        "satisfactory remedy.",
    )


def _partial_table(
    ctx: ReportContext, figures: dict[str, Any], partial: dict[str, int]
) -> Table | None:
    """Housing Ombudsman cases with findings on each part of the complaint, and those
    of partial maladministration (seed 004)."""
    if not partial.get("with_findings"):
        return None
    year = ctx.period.label
    code = Ombudsman.HO

    def key(name: str) -> str:
        return ctx.k(year, "omb", code, name)

    decided = ctx.count(key("decided"), figures["decided"])
    with_findings = ctx.count(key("with_findings"), partial["with_findings"])
    cases = ctx.count(key("partial_maladministration"), partial["partial"])
    ctx.parts(decided, [with_findings], exact=False)
    ctx.parts(with_findings, [cases], exact=False)
    return Table(
        key="omb_ho_partial",
        caption=f"Housing Ombudsman findings on each part of the complaint, {year}",
        columns=["Measure", year],
        rows=[
            [
                "Decisions with a finding recorded on each part of the complaint",
                ctx.n(partial["with_findings"], with_findings),
            ],
            [
                "Partial maladministration: maladministration or service failure on "
                "some parts, no maladministration on others",
                ctx.n(partial["partial"], cases),
            ],
        ],
        formats=["text", "count"],
    )
