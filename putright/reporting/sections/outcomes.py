"""Escalation, stage 2 and 3 outcomes, refusals, extensions, remedies and learning."""

from __future__ import annotations

from typing import Any

from putright.complaints.constants import LearningStatus
from putright.core.presentation import count_text
from putright.publication.models import PublishedText
from putright.publication.selectors import approved_wording
from putright.reporting import narrative
from putright.reporting.blocks import (
    Block,
    BulletList,
    Paragraph,
    Section,
    Table,
    format_cell,
)
from putright.reporting.sections.common import (
    new_section,
)
from putright.reporting.sections.context import ReportContext
from putright.statistics import breakdowns, engine
from putright.statistics.presentation import (
    LEARNING_CATEGORY_LABELS,
    LEARNING_LABELS,
    OUTCOME_LABELS,
    REMEDY_LABELS,
)

STAGE_WORDS = {2: "two", 3: "three"}
LIST_OUTCOMES = ("upheld", "partly_upheld", "not_upheld")


def escalation_section(ctx: ReportContext) -> Section:
    section = new_section("escalation")
    rates = breakdowns.escalation_rates(period=ctx.period, directorate=ctx.directorate)
    year = ctx.period.label
    keys: dict[str, dict[str, str]] = {}
    for step, stage in (("1_to_2", 1), ("2_to_3", 2)):
        r = rates[step]
        base = ctx.count(ctx.k(year, "escalation", step, "received"), r["received"])
        went = ctx.count(ctx.k(year, "escalation", step, "escalated"), r["escalated"])
        # The base is the stage's received count: shown or hidden with it.
        ctx.parts(ctx.k(year, "stage", stage, "received"), [base])
        ctx.parts(base, [went], exact=False)
        rate = ctx.k(year, "escalation", step, "percent")
        if ctx.disclosure is not None:
            ctx.disclosure.derived(rate, [base, went])
        keys[step] = {"received": base, "escalated": went, "percent": rate}
    inputs = [key for step in keys.values() for key in step.values()]
    fallback = (
        f"Stage one complaints that went on to stage two: "
        f"{ctx.say(rates['1_to_2']['escalated'], keys['1_to_2']['escalated'])} of "
        f"{ctx.say(rates['1_to_2']['received'], keys['1_to_2']['received'])}."
    )
    section.add(
        Paragraph(
            ctx.derived_text(
                narrative.escalation_sentence(rates=rates), inputs, fallback
            )
        ),
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
                    label,
                    ctx.n(rates[step]["received"], keys[step]["received"]),
                    ctx.n(rates[step]["escalated"], keys[step]["escalated"]),
                    ctx.derived(rates[step]["percent"], [keys[step]["percent"]]),
                ]
                for step, label in (
                    ("1_to_2", "Stage 1 to stage 2"),
                    ("2_to_3", "Stage 2 to stage 3"),
                )
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
        if any(s[str(stage)]["received"] for _, s in years):
            section.add(_stage_years_table(ctx, stage, years))
    section.add(*_refused_reviews(ctx))
    for stage in (2, 3):
        section.add(*_case_list(ctx, stage))
    return section


def _refused_reviews(ctx: ReportContext) -> list[Block]:
    """Requests for a stage 2 or 3 review that were refused, and why (seed 002)."""
    year = ctx.period.label
    rows = breakdowns.escalation_refusals(
        period=ctx.period, directorate=ctx.directorate
    )
    if not rows:
        return [
            Paragraph(
                "No requests for a stage two or three review were refused in the year."
            )
        ]
    sentences, table_rows = [], []
    for stage in (2, 3):
        found = [r for r in rows if r["stage"] == stage]
        if not found:
            continue
        refused = sum(r["count"] for r in found)
        refused_key = ctx.count(ctx.k(year, "review_refused", stage), refused)
        reason_keys = [
            ctx.count(ctx.k(year, "review_refused", stage, r["label"]), r["count"])
            for r in found
        ]
        ctx.parts(refused_key, reason_keys)
        accepted = ctx.stats[year]["stages"][str(stage)]["received"]
        accepted_key = ctx.count(ctx.k(year, "stage", stage, "received"), accepted)
        requests_key = ctx.count(
            ctx.k(year, "review_requests", stage), accepted + refused
        )
        ctx.parts(requests_key, [accepted_key, refused_key])
        # Shown only while the requests, the refused and the accepted are all shown.
        sentences.append(
            ctx.derived_text(
                f"Of {count_text(accepted + refused)} requests for a stage "
                f"{STAGE_WORDS[stage]} review, {count_text(refused)} were refused.",
                [requests_key, refused_key, accepted_key],
                f"Requests for a stage {STAGE_WORDS[stage]} review refused: "
                f"{ctx.say(refused, refused_key)}.",
            )
        )
        table_rows += [
            [f"Stage {stage}", r["label"], ctx.n(r["count"], key)]
            for r, key in zip(found, reason_keys, strict=True)
        ]
    return [
        Paragraph(" ".join(sentences)),
        Table(
            key="reviews_refused",
            caption=f"Requests for a review refused, by reason, {year}",
            columns=["Review asked for", "Reason", "Requests refused"],
            rows=table_rows,
            formats=["text", "text", "count"],
            note="A refused request counts in the year it was refused; an accepted "
            "one in the year the request was received.",
        ),
    ]


def _by_directorate(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        grouped.setdefault(r["directorate__name"], []).append(r)
    return grouped


def _outcome_text(outcome: str) -> str:
    return OUTCOME_LABELS.get(outcome, "not yet decided").lower()


def _case_list(ctx: ReportContext, stage: int) -> list[Block]:
    """The stage's cases grouped by directorate (seed 001): summaries as typed internally,
    publicly only approved published wording, and no list that would reveal a hidden count."""
    word = STAGE_WORDS[stage]
    if not ctx.public:
        summaries = breakdowns.stage_summaries(
            period=ctx.period, directorate=ctx.directorate, stage=stage
        )
        if not summaries:
            return []
        blocks: list[Block] = [
            Paragraph(f"Stage {word} complaints (internal version only):", style="note")
        ]
        for name, cases in _by_directorate(summaries).items():
            blocks.append(Paragraph(f"{name}:"))
            blocks.append(
                BulletList(
                    [
                        f"{s['team__name'] or name}: {s['summary'].strip()}; outcome "
                        f"{_outcome_text(s['outcome'])}."
                        for s in cases
                    ]
                )
            )
        return blocks
    return _published_case_list(ctx, stage)


def _published_case_list(ctx: ReportContext, stage: int) -> list[Block]:
    year = ctx.period.label
    rows = breakdowns.stage_list(
        period=ctx.period, directorate=ctx.directorate, stage=stage
    )
    published = approved_wording(
        purpose=PublishedText.Purpose.CASE_SUMMARY, source_ids=[r["id"] for r in rows]
    )
    if not published:
        return []
    # Every case listed shows that its directorate's stage count, and its outcome's count,
    # is at least one: the list is shown only while those figures are.
    figures = ctx.stats[year]["stages"][str(stage)]
    council = ctx.count(ctx.k(year, "stage", stage, "received"), figures["received"])

    def outcome_key(*scope: Any, outcome: str) -> str:
        return ctx.k(*scope, outcome if outcome in LIST_OUTCOMES else "other_or_none")

    blocks: list[Block] = [
        Paragraph(
            f"Stage {STAGE_WORDS[stage]} complaints, in the wording the council has approved for "
            "publication:"
        )
    ]
    for name, cases in _by_directorate(rows).items():
        listed = [r for r in cases if r["id"] in published]
        if not listed:
            continue
        scope = (year, "dir", name, "stage", stage)
        inputs = [council, ctx.count(ctx.k(*scope, "received"), len(cases))]
        for r in listed:
            inputs.append(outcome_key(year, "stage", stage, outcome=r["outcome"]))
            for own in (
                outcome_key(*scope, outcome=r["outcome"]),
                ctx.k(*scope, r["outcome"] or "undecided"),
            ):
                if ctx.disclosure is not None and own in ctx.disclosure.values:
                    inputs.append(own)
        blocks.append(
            ctx.guard(
                BulletList(
                    [
                        f"{name}: {published[r['id']].strip()} (outcome "
                        f"{_outcome_text(r['outcome'])})"
                        for r in listed
                    ]
                ),
                sorted(set(inputs)),
                f"The {name} cases are not listed, because they would reveal numbers "
                "too small to publish.",
            )
        )
    return blocks


def _stage_years_table(
    ctx: ReportContext, stage: int, years: list[tuple[str, dict[str, Any]]]
) -> Table:
    rows = []
    for label, stages in years:
        f = stages[str(stage)]
        o = f["outcomes"]
        keys = ctx.stage(f, label, "stage", stage)
        rest = f["received"] - o["upheld"] - o["partly_upheld"] - o["not_upheld"]
        rest_key = ctx.count(ctx.k(label, "stage", stage, "other_or_none"), rest)
        ctx.parts(
            keys["received"],
            [keys["upheld"], keys["partly_upheld"], keys["not_upheld"], rest_key],
        )
        rows.append(
            [
                label,
                ctx.n(f["received"], keys["received"]),
                ctx.n(o["upheld"], keys["upheld"]),
                ctx.n(o["partly_upheld"], keys["partly_upheld"]),
                ctx.n(o["not_upheld"], keys["not_upheld"]),
                ctx.n(rest, rest_key),
                ctx.derived(f["within_timescale_percent"], [keys["within_percent"]]),
            ]
        )
    return Table(
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
        formats=["text", *["count"] * 5, "percent"],
    )


def refusals_section(ctx: ReportContext) -> Section:
    section = new_section("refusals")
    year = ctx.period.label
    refused = breakdowns.refusals_by_reason(
        period=ctx.period, directorate=ctx.directorate
    )
    total = sum(r["count"] for r in refused)
    if refused:
        total_key = ctx.count(ctx.k(year, "refused"), total)
        reason_keys = [
            ctx.count(ctx.k(year, "refused", r["label"]), r["count"]) for r in refused
        ]
        ctx.parts(total_key, reason_keys)
        section.add(
            Paragraph(
                "Complaints not accepted under the complaints procedure: "
                f"{ctx.say(total, total_key)}. The Complaint Handling Code asks "
                "councils to summarise the reasons."
            ),
            Table(
                key="refusals",
                caption=f"Complaints not accepted, by reason, {ctx.period.label}",
                columns=["Reason", "Complaints"],
                rows=[
                    [r["label"], ctx.n(r["count"], key)]
                    for r, key in zip(refused, reason_keys, strict=True)
                ],
                formats=["text", "count"],
            ),
        )
    else:
        section.add(Paragraph("No complaints were refused in the year."))
    rows = breakdowns.extensions(period=ctx.period, directorate=ctx.directorate)
    if any(r["extended"] for r in rows):
        section.add(_extensions_table(ctx, rows))
    else:
        section.add(Paragraph("No response deadlines were extended in the year."))
    return section


def _extensions_table(ctx: ReportContext, rows: list[dict[str, Any]]) -> Table:
    year = ctx.period.label
    table_rows = []
    for r in rows:

        def key(measure: str, stage: int = r["stage"]) -> str:
            return ctx.k(year, "extensions", stage, measure)

        base = ctx.count(key("received"), r["received"])
        extended = ctx.count(key("extended"), r["extended"])
        beyond = ctx.count(key("beyond_cap"), r["beyond_cap"])
        ctx.parts(base, [extended], exact=False)
        ctx.parts(extended, [beyond], exact=False)
        # Lengths of a few extensions describe those cases: they go with the count.
        table_rows.append(
            [
                f"Stage {r['stage']}",
                ctx.n(r["received"], base),
                ctx.n(r["extended"], extended),
                ctx.derived(r["percent"], [base, extended]),
                ctx.derived(r["average_days"], [extended]),
                ctx.derived(r["longest_days"], [extended]),
                ctx.n(r["beyond_cap"], beyond),
            ]
        )
    return Table(
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
        rows=table_rows,
        formats=["text", "count", "count", "percent", "days", "days", "count"],
        note="Extensions are measured in calendar days beyond the original "
        "deadline; 'beyond limit' counts extensions longer than the "
        "procedure allows.",
    )


def remedies_section(ctx: ReportContext) -> Section:
    section = new_section("remedies")
    year = ctx.period.label
    found = breakdowns.remedies(period=ctx.period, directorate=ctx.directorate)
    by_type = found["by_type"]
    if not by_type and not found["payments"]:
        section.add(
            Paragraph("No remedies were recorded for complaints received in the year.")
        )
        return section
    keys = {
        code: ctx.count(ctx.k(year, "remedy", code), count)
        for code, count in {"apology": 0, **by_type}.items()
    }
    payments = ctx.count(ctx.k(year, "payments"), found["payments"])
    total = ctx.derived_text(
        format_cell(found["payments_total"], "gbp"), [payments], "an amount not shown"
    )
    section.add(
        Paragraph(
            "Where a complaint was upheld the council put things right. The council "
            f"gave {ctx.say(by_type.get('apology', 0), keys['apology'])} apologies "
            f"and paid {ctx.say(found['payments'], payments)} financial remedies, "
            f"totalling {total}."
        )
    )
    if by_type:
        section.add(
            Table(
                key="remedies",
                caption=f"Remedies by type, {ctx.period.label}",
                columns=["Remedy", "Number"],
                rows=[
                    [REMEDY_LABELS.get(code, code), ctx.n(count, keys[code])]
                    for code, count in by_type.items()
                ],
                formats=["text", "count"],
            )
        )
    section.add(
        Table(
            key="payments",
            caption=f"Financial remedies, {ctx.period.label}",
            columns=["Complaints with a financial remedy", "Total paid"],
            rows=[
                [
                    ctx.n(found["payments"], payments),
                    ctx.derived(found["payments_total"], [payments]),
                ]
            ],
            formats=["count", "gbp"],
        )
    )
    return section


def learning_section(ctx: ReportContext) -> Section:
    section = new_section("learning")
    year = ctx.period.label
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
    records = ctx.count(
        ctx.k(year, "learning", "records"), found["records_with_learning"]
    )
    if not total:
        section.add(
            Paragraph(
                f"Learning was recorded on {ctx.say(found['records_with_learning'], records)} "
                "complaints; no improvement actions are being tracked for them."
            )
        )
    else:
        total_key = ctx.count(ctx.k(year, "learning", "actions"), total)
        keys = {
            status: ctx.count(ctx.k(year, "learning", "actions", status), count)
            for status, count in statuses.items()
        }
        ctx.parts(total_key, list(keys.values()))
        section.add(
            Paragraph(
                f"Learning was recorded on {ctx.say(found['records_with_learning'], records)} "
                f"complaints and {ctx.say(total, total_key)} improvement actions were "
                f"agreed, of which {ctx.say(statuses.get('complete', 0), keys['complete'])} "
                "have been completed."
            ),
            Table(
                key="learning_status",
                caption="Status of learning actions from complaints received in "
                f"{ctx.period.label}",
                columns=["Status", "Actions"],
                rows=[
                    [LEARNING_LABELS[k], ctx.n(v, keys[k])] for k, v in statuses.items()
                ],
                formats=["text", "count"],
            ),
        )
    if total:
        section.add(*_learning_kinds(ctx, total_key))
    if not ctx.public and found["learning_examples"]:
        # Free text from the case records: internal version only.
        section.add(
            Paragraph(
                "Examples of learning recorded (internal version only):", style="note"
            ),
            BulletList([text.strip() for text in found["learning_examples"][:5]]),
        )
    section.add(*_improvements(ctx))
    causes = _root_causes(ctx)
    if causes is not None:
        section.subsections.append(causes)
    return section


def _learning_kinds(ctx: ReportContext, total_key: str) -> list[Block]:
    """Learning actions by kind of improvement and by directorate."""
    year = ctx.period.label
    found = breakdowns.learning_by_category(
        period=ctx.period, directorate=ctx.directorate
    )
    by_category = found["by_category"]
    order = [code for code in LEARNING_CATEGORY_LABELS if code in by_category]
    category_keys = {
        code: ctx.count(ctx.k(year, "learning", "category", code), by_category[code])
        for code in order
    }
    ctx.parts(total_key, list(category_keys.values()))
    blocks: list[Block] = [
        Table(
            key="learning_kinds",
            caption=f"Learning actions by kind of improvement, {year}",
            columns=["Kind of improvement", "Actions"],
            rows=[
                [LEARNING_CATEGORY_LABELS[code], ctx.n(by_category[code], key)]
                for code, key in category_keys.items()
            ],
            formats=["text", "count"],
        )
    ]
    by_directorate = found["by_directorate"]
    if len(by_directorate) < 2:
        return blocks
    complete = ctx.k(year, "learning", "actions", LearningStatus.COMPLETE)
    action_keys, complete_keys, rows = [], [], []
    for name, counts in by_directorate.items():
        actions = ctx.count(
            ctx.k(year, "dir", name, "learning", "actions"), counts["actions"]
        )
        done = ctx.count(
            ctx.k(year, "dir", name, "learning", "actions", LearningStatus.COMPLETE),
            counts["complete"],
        )
        ctx.parts(actions, [done], exact=False)
        action_keys.append(actions)
        complete_keys.append(done)
        rows.append(
            [
                name,
                ctx.n(counts["actions"], actions),
                ctx.n(counts["complete"], done),
                ctx.derived(
                    engine.percent(counts["complete"], counts["actions"]),
                    [actions, done],
                ),
            ]
        )
    ctx.parts(total_key, action_keys)
    ctx.parts(complete, complete_keys)
    blocks.append(
        Table(
            key="learning_directorates",
            caption=f"Learning actions by directorate, {year}",
            columns=["Directorate", "Actions", "Completed", "Completed (%)"],
            rows=rows,
            formats=["text", "count", "count", "percent"],
        )
    )
    return blocks


def _improvements(ctx: ReportContext) -> list[Block]:
    """A few improvements of each directorate: as typed internally; publicly only
    approved wording, and only while the counts a listing reveals are shown."""
    year = ctx.period.label
    grouped = breakdowns.learning_actions_by_directorate(
        period=ctx.period, directorate=ctx.directorate
    )
    published: dict[int, str] = {}
    if ctx.public:
        published = approved_wording(
            purpose=PublishedText.Purpose.LEARNING_EXAMPLE,
            source_ids=[a["id"] for actions in grouped.values() for a in actions],
        )
    status_keys = [
        ctx.k(year, "learning", "actions", status) for status in LEARNING_LABELS
    ]
    blocks: list[Block] = []
    for name, actions in grouped.items():
        if ctx.public:
            items = [
                f"{published[a['id']].strip()} ({_status_text(a)})"
                for a in actions
                if a["id"] in published
            ]
        else:
            items = [f"{a['description'].strip()} ({_status_text(a)})" for a in actions]
        if not items:
            continue
        own = ctx.k(year, "dir", name, "learning", "actions")
        inputs = [*status_keys]
        if ctx.disclosure is not None and own in ctx.disclosure.values:
            inputs.append(own)
        blocks.append(Paragraph(f"{name}:"))
        blocks.append(
            ctx.guard(
                BulletList(items),
                inputs,
                "Examples of improvements are not shown, because they would reveal "
                "numbers too small to publish.",
            )
        )
    if not blocks:
        return []
    return [
        Paragraph("Service improvements made as a result of complaints include:"),
        *blocks,
    ]


def _status_text(action: dict[str, Any]) -> str:
    kind = LEARNING_CATEGORY_LABELS.get(action["category"], "")
    status = LEARNING_LABELS.get(action["status"], action["status"]).lower()
    if action["category"]:
        return f"{kind.lower()}, {status}"
    return status


def _cause_parts(
    ctx: ReportContext,
    with_cause: str,
    value: int,
    causes: list[dict[str, Any]],
    keys: dict[str, str],
) -> None:
    """Each cause is at most the responses with a cause; when no response names two
    causes they add up to it exactly, and a reader may take them so."""
    if sum(c["count"] for c in causes) == value:
        ctx.parts(with_cause, list(keys.values()), exact=True)
        return
    for k in keys.values():
        ctx.parts(with_cause, [k], exact=False)


def _root_causes(ctx: ReportContext) -> Section | None:
    """Stage 1 and 2 responses by root cause (seed 004's Cause / Count / % table)."""
    year = ctx.period.label
    found = breakdowns.root_causes(period=ctx.period, directorate=ctx.directorate)
    section = Section(
        key="root_causes",
        title="Root causes of complaints",
        anchor="section-root-causes",
    )
    if not found["with_cause"]:
        if found["responses"]:
            section.add(
                Paragraph(
                    "No root cause was recorded on the stage one and two responses "
                    "of the year."
                )
            )
            return section
        return None

    def key(*scope: Any) -> str:
        return ctx.k(year, *scope, "root_cause")

    responses = ctx.count(ctx.k(year, "responses", "stage1and2"), found["responses"])
    with_cause = ctx.count(key("with_cause"), found["with_cause"])
    ctx.parts(responses, [with_cause], exact=False)
    cause_keys = {}
    for c in found["causes"]:
        cause_keys[c["label"]] = ctx.count(key("cause", c["label"]), c["count"])
    _cause_parts(ctx, with_cause, found["with_cause"], found["causes"], cause_keys)
    dir_with, dir_responses = [], []
    dir_cause_keys: dict[str, list[str]] = {label: [] for label in cause_keys}
    dir_rows = []
    for name, d in found["by_directorate"].items():
        d_responses = ctx.count(
            ctx.k(year, "dir", name, "responses", "stage1and2"), d["responses"]
        )
        d_with = ctx.count(key("dir", name, "with_cause"), d["with_cause"])
        ctx.parts(d_responses, [d_with], exact=False)
        dir_with.append(d_with)
        dir_responses.append(d_responses)
        own: dict[str, str] = {}
        for c in d["causes"]:
            ck = ctx.count(key("dir", name, "cause", c["label"]), c["count"])
            own[c["label"]] = ck
            dir_cause_keys[c["label"]].append(ck)
            dir_rows.append(
                [
                    name,
                    c["label"],
                    ctx.n(c["count"], ck),
                    ctx.derived(c["percent"], [ck, d_with]),
                ]
            )
        _cause_parts(ctx, d_with, d["with_cause"], d["causes"], own)
    ctx.parts(with_cause, dir_with)
    ctx.parts(responses, dir_responses)
    for label, parts in dir_cause_keys.items():
        ctx.parts(cause_keys[label], parts)
    share = engine.percent(found["with_cause"], found["responses"])
    section.add(
        Paragraph(
            f"A root cause was recorded on {ctx.say(found['with_cause'], with_cause)} "
            f"of the {ctx.say(found['responses'], responses)} stage one and two "
            "responses of the year"
            + ctx.derived_text(
                f" ({format_cell(share, 'percent')})", [with_cause, responses]
            )
            + ". A response may name more than one cause, so the percentages, which "
            "are of the responses with a cause recorded, can add up to more than 100%."
        ),
        Table(
            key="root_causes",
            caption=f"Root causes of complaints, stage one and two responses, {year}",
            columns=["Cause", "Count", "%"],
            rows=[
                [
                    c["label"],
                    ctx.n(c["count"], cause_keys[c["label"]]),
                    ctx.derived(c["percent"], [cause_keys[c["label"]], with_cause]),
                ]
                for c in found["causes"]
            ],
            formats=["text", "count", "percent"],
        ),
    )
    if len(found["by_directorate"]) > 1:
        section.add(
            Table(
                key="root_causes_directorates",
                caption=f"Root causes of complaints by directorate, {year}",
                columns=["Directorate", "Cause", "Count", "%"],
                rows=dir_rows,
                formats=["text", "text", "count", "percent"],
            )
        )
    return section
