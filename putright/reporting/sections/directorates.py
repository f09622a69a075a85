"""One part per directorate, and issue natures by directorate (seed 003's table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from putright.complaints.constants import (
    Kind,
)
from putright.complaints.models import Procedure, ProcedureStage
from putright.core.presentation import (
    count_text,
    percent_text,
    share_text,
    vocabulary_label,
)
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
from putright.statistics.engine import CONTACT_KINDS
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
    facts: dict[str, Any]  # service areas and the teams with the most compliments
    local: dict[tuple[int, str], dict[str, Any]]  # local targets by (stage, procedure)


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
    facts = breakdowns.team_facts_by_directorate(period=period, directorates=active)
    local = breakdowns.local_targets_by_directorate(period=period, directorates=active)
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
            facts=facts[d.pk],
            local=local[d.pk],
        )
        for d in active
    }


def directorates_section(ctx: ReportContext) -> Section | None:
    section = new_section("directorates")
    active = breakdowns.directorates_active(
        periods=[ctx.period], directorate=ctx.directorate
    )
    if not active:
        return None
    figures = _directorate_figures(ctx, active)
    procedures = {
        p.code: p for p in Procedure.objects.prefetch_related("stages").order_by()
    }
    count = len(active)
    for kind in CONTACT_KINDS:
        for label, key in (
            (ctx.period.label, "received"),
            (ctx.period.previous_year().label, "previous"),
        ):
            ctx.parts(
                ctx.k(label, "contacts", kind, "received"),
                [
                    ctx.count(
                        ctx.k(label, "dir", d.name, "contacts", kind, "received"),
                        _contact_count(figures[d.pk], kind, key),
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


def _contact_count(figures: DirectorateFigures, kind: str, which: str) -> int:
    contact = figures.contacts[kind]
    return (
        contact["received"]
        if which == "received"
        else contact["previous_year"]["received"]
    )


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
    sub.add(_received_table(ctx, directorate, figures))
    sub.add(*_stage_paragraphs(ctx, directorate.name, figures))
    sub.add(_outcomes_table(ctx, directorate, figures.stages))
    sub.add(_procedures_table(ctx, directorate, figures, procedures))
    sub.add(*_procedure_paragraphs(ctx, directorate.name, figures, procedures))
    sub.add(_who_and_how(ctx, directorate.name, figures))
    sub.add(*_team_blocks(ctx, directorate, figures))
    return sub


# The rows of "Enquiries received by type": contact kinds and complaint stages, in the
# order seed 001's directorate chapters list them.
RECEIVED_ROWS: tuple[tuple[str, str | int], ...] = (
    ("Service requests", Kind.SERVICE_REQUEST),
    ("Informal complaints", Kind.INFORMAL_COMPLAINT),
    ("Stage one complaints", 1),
    ("Stage two complaints", 2),
    ("Stage three complaints", 3),
    ("Compliments", Kind.COMPLIMENT),
    ("Comments", Kind.COMMENT),
    ("MP enquiries", Kind.MP_ENQUIRY),
    ("Member enquiries", Kind.MEMBER_ENQUIRY),
)


def _received_table(
    ctx: ReportContext, directorate: Directorate, figures: DirectorateFigures
) -> Table | None:
    """Every kind of contact about the directorate, this year and last (seed 001)."""
    name = directorate.name
    now, then = ctx.period.label, ctx.period.previous_year().label
    rows = []
    for label, what in RECEIVED_ROWS:
        if isinstance(what, int):
            f = figures.stages[str(what)]
            values = (f["received"], f["previous_year"]["received"])
            keys = [
                ctx.k(year, "dir", name, "stage", what, "received")
                for year in (now, then)
            ]
        else:
            c = figures.contacts[what]
            values = (c["received"], c["previous_year"]["received"])
            keys = [
                ctx.k(year, "dir", name, "contacts", what, "received")
                for year in (now, then)
            ]
        if not any(values):
            continue
        rows.append([label, ctx.n(values[0], keys[0]), ctx.n(values[1], keys[1])])
    if not rows:
        return None
    return Table(
        key=f"dir_{directorate.pk}_received",
        caption=f"{name}: enquiries received by type",
        columns=["Type of enquiry", now, then],
        rows=rows,
        formats=["text", "count", "count"],
        note="Only the types with any received in either year are listed.",
    )


def _agree(ctx: ReportContext, value: int, key: str, one: str, many: str) -> str:
    """`one` beside a count of 1 ("1 was upheld"), else `many` ("3 were upheld").

    In the public version a count that is hidden takes `many`, so the word never gives
    away a figure the report hides.
    """
    if value != 1:
        return many
    return ctx.derived_text(one, [key], fallback=many)


def _outcome_sentence(
    ctx: ReportContext, f: dict[str, Any], keys: dict[str, str], stage: int
) -> str:
    """How one stage's complaints ended, with singular and plural words right."""
    words = narrative.STAGE_WORDS[stage]
    received = f["received"]
    if not received:
        return f"No {words} complaints were received."
    o = f["outcomes"]

    def say(measure: str) -> str:
        value = received if measure == "received" else o.get(measure, 0)
        return ctx.say(value, keys[measure])

    noun = _agree(ctx, received, keys["received"], "complaint", "complaints")
    verb = _agree(ctx, o.get("upheld", 0), keys["upheld"], "was", "were")
    # A hidden total reads "Of the stage one complaints received", never "Of the not
    # shown ...".
    opening = ctx.derived_text(
        f"Of the {say('received')} {words} {noun} received, ",
        [keys["received"]],
        fallback=f"Of the {words} complaints received, ",
    )
    text = (
        f"{opening}{say('upheld')} {verb} "
        f"upheld (at fault), {say('partly_upheld')} partly upheld (partly at fault) "
        f"and {say('not_upheld')} not upheld (not at fault)"
    )
    if o.get("undecided"):
        text += f"; {say('undecided')} had no outcome recorded yet"
    return text + "."


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
        paragraphs.append(Paragraph(_outcome_sentence(ctx, f, keys, stage)))
    return paragraphs


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


def _procedure_rows(
    figures: DirectorateFigures,
) -> list[tuple[int, str, dict[str, Any], int]]:
    """(stage, procedure code, this year's figures, last year's received) of each
    procedure with complaints at that stage in either year, stage by stage."""
    found = []
    for stage in (1, 2, 3):
        now = figures.stages[str(stage)]["by_procedure"]
        before = figures.older[str(stage)]["by_procedure"]
        for code in sorted(set(now) | set(before)):
            f = now.get(code) or _NO_FIGURES
            previous = before[code]["received"] if code in before else 0
            if f["received"] or previous:
                found.append((stage, code, f, previous))
    return found


_NO_FIGURES: dict[str, Any] = {
    "received": 0,
    "outcomes": dict.fromkeys(engine.OUTCOME_KEYS, 0),
    "responded": 0,
    "responded_within_timescale": 0,
    "responded_within_extended_timescale": 0,
    "within_timescale_percent": None,
    "within_extended_timescale_percent": None,
}


def _procedure_keys(
    ctx: ReportContext,
    name: str,
    stage: int,
    code: str,
    f: dict[str, Any],
) -> dict[str, str]:
    """Register one procedure's figures at one stage of a directorate: the stage's
    counts and those answered late but by the agreed extension.

    Last year's count per procedure is shown in the internal version only: beside the
    directorates' totals it bounds a small directorate's count in the year before, and
    hiding it cost the council's own total in the demo report.
    """
    scope = (ctx.period.label, "dir", name, "stage", stage)
    keys = ctx.stage(f, *scope, "proc", code)
    within = f["responded_within_timescale"]
    keys["outside"] = ctx.count(
        ctx.k(*scope, "proc", code, "outside"), f["responded"] - within
    )
    keys["extension"] = ctx.count(
        ctx.k(*scope, "proc", code, "within_extension"),
        f["responded_within_extended_timescale"] - within,
    )
    keys["within_extended"] = ctx.count(
        ctx.k(*scope, "proc", code, "within_extended"),
        f["responded_within_extended_timescale"],
    )
    # None of these counts is shown in the public version: they are the inputs of the
    # shares shown instead, each hidden when one of its counts is small. They are not
    # related to the shown counts, which would hide the procedure's within-timescale
    # share whenever few were late (the best performance, hidden for it).
    return keys


def _procedures_table(
    ctx: ReportContext,
    directorate: Directorate,
    figures: DirectorateFigures,
    procedures: dict[str, Procedure],
) -> Table | None:
    """Outcomes and timeliness per procedure inside the directorate (seed 003)."""
    rows = []
    for stage, code, f, previous in _procedure_rows(figures):
        keys = _procedure_keys(ctx, directorate.name, stage, code, f)
        o = f["outcomes"]
        procedure = procedures.get(code)
        rows.append(
            [
                procedure.name if procedure else code,
                f"Stage {stage}",
                ctx.n(f["received"], keys["received"]),
                *([] if ctx.public else [previous]),
                ctx.n(o["upheld"], keys["upheld"]),
                ctx.n(o["partly_upheld"], keys["partly_upheld"]),
                ctx.n(o["not_upheld"], keys["not_upheld"]),
                ctx.derived(f["within_timescale_percent"], [keys["within_percent"]]),
                ctx.derived(
                    f.get("within_extended_timescale_percent"),
                    [
                        keys["received"],
                        keys["responded"],
                        keys["within_extended"],
                        keys["extension"],
                    ],
                ),
            ]
        )
    if not rows:
        return None
    return Table(
        key=f"dir_{directorate.pk}_procedures",
        caption=f"{directorate.name}: complaints by procedure, {ctx.period.label}",
        columns=[
            "Procedure",
            "Stage",
            "Received",
            *([] if ctx.public else [f"Received {ctx.period.previous_year().label}"]),
            "Upheld",
            "Partly upheld",
            "Not upheld",
            "Within time limit",
            "Within time limit or agreed extension",
        ],
        rows=rows,
        formats=[
            "text",
            "text",
            *["count"] * (4 if ctx.public else 5),
            "percent",
            "percent",
        ],
        note="The time limit is the procedure's own, in its own day basis; the "
        "percentages are of the complaints answered. An extension is a later date "
        "agreed with the complainant.",
    )


def _limit_text(rule: ProcedureStage | None) -> str:
    """A procedure stage's time limit in words: "21 calendar days", "6 calendar months"."""
    if rule is None:
        return "the time limit"
    text = _amount(rule.respond_days, rule.respond_unit)
    if rule.respond_from == ProcedureStage.Anchor.ACKNOWLEDGEMENT:
        text += " of the acknowledgement"
    elif rule.respond_from == ProcedureStage.Anchor.PANEL:
        text += " of the review panel"
    return text


def _amount(days: int, unit: str) -> str:
    word = UNIT_WORDS.get(unit, unit)
    return f"{days:,} {word if days != 1 else word.removesuffix('s')}"


UNIT_WORDS: dict[str, str] = {
    ProcedureStage.Unit.WORKING_DAYS.value: "working days",
    ProcedureStage.Unit.CALENDAR_DAYS.value: "calendar days",
    ProcedureStage.Unit.CALENDAR_MONTHS.value: "calendar months",
}


def _stage_rule(procedure: Procedure, stage: int) -> ProcedureStage | None:
    # `stages` is prefetched: no query per procedure.
    return next((s for s in procedure.stages.all() if s.number == stage), None)


def _procedure_paragraphs(
    ctx: ReportContext,
    name: str,
    figures: DirectorateFigures,
    procedures: dict[str, Procedure],
) -> list[Paragraph]:
    paragraphs = []
    for stage in (1, 2):
        scope = (ctx.period.label, "dir", name, "stage", stage)
        by_procedure = figures.stages[str(stage)]["by_procedure"]
        ctx.parts(
            ctx.k(*scope, "received"),
            [
                ctx.count(ctx.k(*scope, "proc", code, "received"), f["received"])
                for code, f in by_procedure.items()
            ],
        )
    for stage, code, f, previous in _procedure_rows(figures):
        if stage == 3 or code not in procedures or not f["received"]:
            continue
        procedure = procedures[code]
        scope = (ctx.period.label, "dir", name, "stage", stage)
        keys = _procedure_keys(ctx, name, stage, code, f)
        rule = _stage_rule(procedure, stage)
        # Each sentence after the first starts with its space, so one the public
        # version leaves out leaves no gap.
        text = f"Stage {stage}: {timeliness_text(ctx, procedure, f, scope)}"
        text += _answered_sentence(ctx, f, keys, _limit_text(rule))
        if not ctx.public:
            verb = "was" if previous == 1 else "were"
            text += (
                f" In {ctx.period.previous_year().label}, {count_text(previous)} "
                f"{verb} received."
            )
        local = figures.local.get((stage, code))
        if local is not None:
            text += _local_sentence(
                ctx, local, (*scope, "proc", code), keys["received"]
            )
        paragraphs.append(Paragraph(text))
    return paragraphs


def _answered_sentence(
    ctx: ReportContext, f: dict[str, Any], keys: dict[str, str], limit: str
) -> str:
    """Seed 001's "83 of the 90 cases were responded to within 21 calendar days and 7
    outside", and how many of the late ones met an agreed extension.

    The public version gives the shares, not the counts: the number answered bounds
    the number received under each procedure, which would give a small one away.
    """
    responded = f["responded"]
    if not responded:
        return ""
    within = f["responded_within_timescale"]
    outside = responded - within
    extension = f["responded_within_extended_timescale"] - within
    if ctx.public:
        text = ctx.derived_text(
            f" Of the complaints answered, {share_text(within, responded)} were "
            f"answered within {limit}.",
            [keys["received"], keys["responded"], keys["within"], keys["outside"]],
        )
        if outside:
            text += ctx.derived_text(
                f" Of those answered late, {share_text(extension, outside)} were "
                "answered by the extended date agreed with the complainant.",
                [keys["received"], keys["outside"], keys["extension"]],
            )
        return text
    noun = "complaint" if responded == 1 else "complaints"
    verb = "was" if within == 1 else "were"
    text = (
        f" Of the {count_text(responded)} {noun} answered, {count_text(within)} "
        f"{verb} answered within {limit} and {count_text(outside)} outside it."
    )
    if outside:
        verb = "was" if extension == 1 else "were"
        text += (
            f" Of those answered late, {count_text(extension)} {verb} answered by "
            "the extended date agreed with the complainant."
        )
    return text


def _local_sentence(
    ctx: ReportContext,
    local: dict[str, Any],
    scope: tuple[Any, ...],
    received: str,
) -> str:
    """ "Answered within the council's local target of 20 working days: 31 of 39 (79.5%)".

    As `_answered_sentence`, the public version gives the share only.
    """
    responded = ctx.count(ctx.k(*scope, "local_responded"), local["responded"])
    within = ctx.count(ctx.k(*scope, "local_within"), local["within"])
    outside = ctx.count(
        ctx.k(*scope, "local_outside"), local["responded"] - local["within"]
    )
    target = (
        " Answered within the council's local target of "
        f"{_amount(local['days'], local['unit'])}"
    )
    if ctx.public:
        return ctx.derived_text(
            f"{target}: {percent_text(local['percent'])} of those answered.",
            # With the procedure's received hidden, a share could give the number
            # answered, and so the received, away.
            [received, responded, within, outside],
        )
    return (
        f"{target}: {count_text(local['within'])} of "
        f"{count_text(local['responded'])} ({percent_text(local['percent'])})."
    )


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
        f"{_in_sentence(r['label'])} ({ctx.say(r['count'], key)})"
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
            " ".join(
                t
                for t in (
                    _service_areas_sentence(ctx, figures, scope),
                    "The highest figure, "
                    f"{ctx.say(top['received'], key(top, 'received'))}, "
                    f"referred to the {top['team']}.",
                )
                if t
            )
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
    compliments = _compliments_paragraph(ctx, directorate.name, figures)
    if compliments is not None:
        blocks.append(compliments)
    return blocks


def _in_sentence(label: str) -> str:
    """A vocabulary entry inside a sentence: `young_person` as "young person", `MP` kept."""
    text = vocabulary_label(label)
    if text[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def _service_areas_sentence(
    ctx: ReportContext, figures: DirectorateFigures, scope: tuple[Any, ...]
) -> str:
    """Seed 001's "The 25 complaints received covered 17 separate service areas"."""
    areas = figures.facts["service_areas"]
    received = figures.stages["1"]["received"]
    if not areas:
        return ""
    key = ctx.k(*scope, "received")
    noun = _agree(ctx, received, key, "complaint", "complaints")
    area = "service area" if areas == 1 else "separate service areas"
    # The number of teams is not a count of people, but it says how the received are
    # spread, so it is shown only while the stage one total is.
    return ctx.derived_text(
        f"The {ctx.say(received, key)} stage one {noun} received covered "
        f"{areas:,} {area}.",
        [key],
    )


def _compliments_paragraph(
    ctx: ReportContext, name: str, figures: DirectorateFigures
) -> Paragraph | None:
    """The team (or teams, when tied) with the most compliments."""
    best = figures.facts["most_compliments"]
    if not best:
        return None
    year = ctx.period.label
    total = ctx.k(year, "dir", name, "contacts", Kind.COMPLIMENT, "received")
    keys = [
        ctx.count(
            ctx.k(year, "dir", name, "compliments", "team", t["team"]), t["received"]
        )
        for t in best
    ]
    ctx.parts(total, keys, exact=False)
    if len(best) == 1:
        team = best[0]
        return Paragraph(
            f"The {team['team']} received the most compliments "
            f"({ctx.say(team['received'], keys[0])})."
        )
    names = ", ".join(t["team"] for t in best[:-1]) + f" and {best[-1]['team']}"
    return Paragraph(
        f"The {names} received the most compliments "
        f"({ctx.say(best[0]['received'], keys[0])} each)."
    )


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
