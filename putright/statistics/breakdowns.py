"""Further aggregations for the annual report, beyond the docs/counting-rules.md §5 figures.

Every function is one or two SQL aggregations (GROUP BY with conditional counts) over the
records received in a period, optionally in one directorate; none loops over rows in Python.
They return plain dicts and lists of dicts, ordered for display, and hold no personal data
except the functions named `*_summaries` / `*_examples`, which return `summary` text for the
internal report only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import (
    Coalesce,
    ExtractDay,
    ExtractMonth,
    ExtractYear,
    RowNumber,
)

from putright.complaints.constants import Kind, LearningStatus, Ombudsman, Outcome
from putright.complaints.models import LearningAction, ProcedureStage, Remedy, Stage
from putright.core.periods import Period
from putright.core.presentation import vocabulary_label
from putright.ombudsman.models import FAULT_DECISIONS
from putright.organisation.models import Directorate, Team
from putright.statistics.engine import (
    filtered_stages,
    monthly_counts,
    ombudsman_queryset,
    percent,
)

UPHELD_OUTCOMES = (Outcome.UPHELD, Outcome.PARTLY_UPHELD)
NOT_RECORDED = "Not recorded"
ZERO = Decimal("0.00")


def _per_100k(count: int, population: int) -> float | None:
    if not population:
        return None
    return round(count * 100_000 / population, 2)


def _pounds(value: Decimal | int | None) -> Decimal:
    """A money sum to the penny (SQLite returns sums without trailing zeros)."""
    return Decimal(value or 0).quantize(Decimal("0.01"))


def stages_in(
    *,
    period: Period,
    directorate: Directorate | None = None,
    kind: str = Kind.COMPLAINT,
    stage: int | None = None,
) -> QuerySet[Stage]:
    """Records of one kind received in the period (the engine's selection), optionally one stage."""
    qs = filtered_stages(period=period, directorate=directorate, kinds=(kind,))
    if stage is not None:
        qs = qs.filter(number=stage)
    return qs


def directorates_active(
    *, periods: list[Period], directorate: Directorate | None = None
) -> list[Directorate]:
    """Directorates with any record in the periods, in name order."""
    start = min(p.start for p in periods)
    end = max(p.end for p in periods)
    ids = Stage.objects.filter(received__gte=start, received__lte=end)
    if directorate is not None:
        ids = ids.filter(directorate=directorate)
    return list(
        Directorate.objects.filter(pk__in=ids.values("directorate_id")).order_by("name")
    )


def procedures_used(
    *, period: Period, directorate: Directorate | None = None
) -> list[dict[str, Any]]:
    """Procedures with complaints in the period: code, name, family, day basis, count."""
    rows = (
        stages_in(period=period, directorate=directorate)
        .filter(procedure__isnull=False)
        .values(
            "procedure__code",
            "procedure__name",
            "procedure__family",
            "procedure__day_basis",
        )
        .annotate(received=Count("id"))
        .order_by("procedure__family", "procedure__name")
    )
    return [
        {
            "code": r["procedure__code"],
            "name": r["procedure__name"],
            "family": r["procedure__family"],
            "day_basis": r["procedure__day_basis"],
            "received": r["received"],
        }
        for r in rows
    ]


def issue_natures_by_directorate(
    *, period: Period, directorate: Directorate | None = None, stage: int = 1
) -> list[dict[str, Any]]:
    """Complaints by issue nature and directorate (seed 003); a complaint may count under several."""
    through = Stage.issue_natures.through
    rows = (
        through.objects.filter(
            stage__in=stages_in(period=period, directorate=directorate, stage=stage)
        )
        .values("stage__directorate__name", "issuenature__name")
        .annotate(count=Count("stage_id"))
        .order_by("stage__directorate__name", "-count", "issuenature__name")
    )
    return [
        {
            "directorate": r["stage__directorate__name"],
            "nature": r["issuenature__name"],
            "count": r["count"],
        }
        for r in rows
    ]


def _label(value: str | None, blank_label: str, field: str) -> str:
    """A vocabulary entry as words (`young_person` as `Young person`); channels stay codes."""
    if not value:
        return blank_label
    return vocabulary_label(value) if field.endswith("__name") else value


def _grouped(
    qs: QuerySet[Stage], field: str, *, blank_label: str = NOT_RECORDED
) -> list[dict[str, Any]]:
    rows = (
        qs.values(field)
        .annotate(count=Count("id"))
        .order_by("-count", F(field).asc(nulls_last=True))
    )
    return [
        {"label": _label(r[field], blank_label, field), "count": r["count"]}
        for r in rows
    ]


def _grouped_by_directorate(
    qs: QuerySet[Stage],
    field: str,
    ids: list[int],
    *,
    blank_label: str = NOT_RECORDED,
) -> dict[int, list[dict[str, Any]]]:
    """`_grouped` for each directorate (by pk), in one query however many there are."""
    found: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    rows = (
        qs.filter(directorate_id__in=ids)
        .values("directorate_id", field)
        .annotate(count=Count("id"))
        .order_by("directorate_id", "-count", F(field).asc(nulls_last=True))
    )
    for r in rows:
        found[r["directorate_id"]].append(
            {"label": _label(r[field], blank_label, field), "count": r["count"]}
        )
    return found


def complainant_types(
    *, period: Period, directorate: Directorate | None = None, stage: int = 1
) -> list[dict[str, Any]]:
    """Who complained (parent, advocate, tenant...), most frequent first."""
    qs = stages_in(period=period, directorate=directorate, stage=stage)
    return _grouped(qs, "complainant_type__name")


def complainant_types_by_directorate(
    *, period: Period, directorates: list[Directorate], stage: int = 1
) -> dict[int, list[dict[str, Any]]]:
    """`complainant_types` of each directorate (by pk), in one query."""
    qs = stages_in(period=period, stage=stage)
    ids = [d.pk for d in directorates]
    return _grouped_by_directorate(qs, "complainant_type__name", ids)


def channels(
    *, period: Period, directorate: Directorate | None = None, stage: int = 1
) -> list[dict[str, Any]]:
    """How complaints arrived (email, web form, letter...), most frequent first."""
    qs = stages_in(period=period, directorate=directorate, stage=stage)
    return _grouped(qs, "channel")


def channels_by_directorate(
    *, period: Period, directorates: list[Directorate], stage: int = 1
) -> dict[int, list[dict[str, Any]]]:
    """`channels` of each directorate (by pk), in one query."""
    qs = stages_in(period=period, stage=stage)
    return _grouped_by_directorate(qs, "channel", [d.pk for d in directorates])


def commissioned(
    *, period: Period, directorate: Directorate | None = None, stage: int = 1
) -> dict[str, int]:
    """Complaints about commissioned or third-party providers, against the total."""
    return stages_in(period=period, directorate=directorate, stage=stage).aggregate(
        received=Count("id"),
        commissioned=Count("id", filter=Q(is_commissioned=True)),
    )


def commissioned_by_directorate(
    *, period: Period, directorates: list[Directorate], stage: int = 1
) -> dict[int, dict[str, int]]:
    """`commissioned` of each directorate (by pk), in one query."""
    ids = [d.pk for d in directorates]
    found = {pk: {"received": 0, "commissioned": 0} for pk in ids}
    rows = (
        stages_in(period=period, stage=stage)
        .filter(directorate_id__in=ids)
        .values("directorate_id")
        .annotate(
            received=Count("id"),
            commissioned=Count("id", filter=Q(is_commissioned=True)),
        )
        .order_by()
    )
    for r in rows:
        found[r["directorate_id"]] = {
            "received": r["received"],
            "commissioned": r["commissioned"],
        }
    return found


def _rank_teams(
    rows: list[dict[str, Any]], teams: dict[int, Team], order: str, limit: int
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [
        {
            "team": teams[r["team_id"]].name,
            "directorate": teams[r["team_id"]].directorate.name,
            "received": r["received"] or 0,
            "upheld": r["upheld"] or 0,
        }
        for r in rows
        if r["team_id"] in teams
    ]
    if order == "upheld":
        found = [t for t in found if t["upheld"]]
        found.sort(key=lambda t: (-t["upheld"], -t["received"], t["team"]))
    else:
        found.sort(key=lambda t: (-t["received"], -t["upheld"], t["team"]))
    return found[:limit]


def _teams_of(rows: list[dict[str, Any]]) -> dict[int, Team]:
    return {
        t.pk: t
        for t in Team.objects.select_related("directorate").filter(
            pk__in={r["team_id"] for r in rows}
        )
    }


def teams_ranked(
    *,
    period: Period,
    directorate: Directorate | None = None,
    stage: int = 1,
    order: str = "received",
    limit: int = 5,
) -> list[dict[str, Any]]:
    """Teams with the most complaints (order="received") or most upheld (order="upheld")."""
    rows = (
        monthly_counts(start=period.start, end=period.end, directorate=directorate)
        .filter(number=stage)
        .exclude(team_id=0)
        .values("team_id")
        .annotate(
            received=Sum("records"),
            upheld=Sum("records", filter=Q(outcome__in=UPHELD_OUTCOMES)),
        )
        .order_by()
    )
    found: list[dict[str, Any]] = list(rows)
    return _rank_teams(found, _teams_of(found), order, limit)


def teams_ranked_by_directorate(
    *,
    period: Period,
    directorates: list[Directorate],
    stage: int = 1,
    orders: dict[str, int],
) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """`teams_ranked` of each directorate (by pk) for each order and its limit, in two queries."""
    ids = [d.pk for d in directorates]
    rows = list(
        monthly_counts(start=period.start, end=period.end)
        .filter(number=stage, directorate_id__in=ids)
        .exclude(team_id=0)
        .values("directorate_id", "team_id")
        .annotate(
            received=Sum("records"),
            upheld=Sum("records", filter=Q(outcome__in=UPHELD_OUTCOMES)),
        )
        .order_by()
    )
    teams = _teams_of(rows)
    by_directorate: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    for r in rows:
        by_directorate[r["directorate_id"]].append(r)
    return {
        pk: {
            order: _rank_teams(by_directorate[pk], teams, order, limit)
            for order, limit in orders.items()
        }
        for pk in ids
    }


def escalation_rates(
    *, period: Period, directorate: Directorate | None = None
) -> dict[str, dict[str, Any]]:
    """Of the complaints at stage N received in the period, how many went on to stage N+1."""
    result: dict[str, dict[str, Any]] = {}
    for from_stage in (1, 2):
        escalated_cases = Stage.objects.filter(number=from_stage + 1).values("case_id")
        totals = stages_in(
            period=period, directorate=directorate, stage=from_stage
        ).aggregate(
            received=Count("id"),
            escalated=Count("id", filter=Q(case_id__in=escalated_cases)),
        )
        totals["percent"] = percent(totals["escalated"], totals["received"])
        result[f"{from_stage}_to_{from_stage + 1}"] = totals
    return result


def refusals_by_reason(
    *, period: Period, directorate: Directorate | None = None
) -> list[dict[str, Any]]:
    """Complaints not accepted, by reason (Code 8.1 asks for a summary of these)."""
    qs = stages_in(period=period, directorate=directorate).filter(
        outcome=Outcome.REFUSED
    )
    return _grouped(qs, "refusal_reason__name")


def extensions(
    *, period: Period, directorate: Directorate | None = None
) -> list[dict[str, Any]]:
    """Extensions agreed at each stage and how long they were, in calendar days past the due date."""
    length = ExpressionWrapper(
        F("extended_to") - F("due"), output_field=DurationField()
    )
    rows = (
        stages_in(period=period, directorate=directorate)
        .values("number")
        .annotate(
            received=Count("id"),
            extended=Count("id", filter=Q(extended_to__isnull=False)),
            beyond_cap=Count("id", filter=Q(extension_beyond_cap=True)),
            average=Avg(length, filter=Q(extended_to__isnull=False, due__isnull=False)),
            longest=Max(length, filter=Q(extended_to__isnull=False, due__isnull=False)),
        )
        .order_by("number")
    )
    out = []
    for r in rows:
        out.append(
            {
                "stage": r["number"],
                "received": r["received"],
                "extended": r["extended"],
                "percent": percent(r["extended"], r["received"]),
                "beyond_cap": r["beyond_cap"],
                "average_days": _days(r["average"]),
                "longest_days": _days(r["longest"]),
            }
        )
    return out


def _days(value: Any) -> float | None:
    """A duration from the database as days (SQLite and PostgreSQL return it differently)."""
    if value is None:
        return None
    if hasattr(value, "total_seconds"):
        return round(value.total_seconds() / 86400, 1)
    return round(float(value) / 86_400_000_000, 1)  # microseconds


def remedies(
    *, period: Period, directorate: Directorate | None = None
) -> dict[str, Any]:
    """Remedies offered (Code 7.1): counts by type, and financial remedies with their GBP total."""
    stages = stages_in(period=period, directorate=directorate)
    by_type = (
        Remedy.objects.filter(stage__in=stages)
        .values("type")
        .annotate(count=Count("id"))
        .order_by("-count", "type")
    )
    payments = stages.filter(financial_remedy__gt=0).aggregate(
        count=Count("id"), total=Coalesce(Sum("financial_remedy"), ZERO)
    )
    return {
        "by_type": {r["type"]: r["count"] for r in by_type},
        "payments": payments["count"],
        "payments_total": _pounds(payments["total"]),
    }


def learning(
    *, period: Period, directorate: Directorate | None = None, limit: int = 10
) -> dict[str, Any]:
    """Learning recorded from complaints and the status of the actions it produced."""
    stages = stages_in(period=period, directorate=directorate)
    status_rows = (
        LearningAction.objects.filter(stage__in=stages)
        .values("status")
        .annotate(count=Count("id"))
    )
    statuses = {s.value: 0 for s in LearningStatus}
    statuses.update({r["status"]: r["count"] for r in status_rows})
    with_learning = stages.exclude(learning="").count()
    actions = (
        LearningAction.objects.filter(stage__in=stages)
        .values("id", "description", "status", "stage__directorate__name")
        .order_by("stage__directorate__name", "due", "pk")[:limit]
    )
    return {
        "records_with_learning": with_learning,
        "statuses": statuses,
        "actions": [
            {
                "id": a["id"],
                "directorate": a["stage__directorate__name"],
                "description": a["description"],
                "status": a["status"],
            }
            for a in actions
        ],
        "learning_examples": list(
            stages.exclude(learning="")
            .values_list("learning", flat=True)
            .order_by("-received", "pk")[:limit]
        ),
    }


def ombudsman_figures(
    *,
    period: Period,
    directorate: Directorate | None = None,
    population: int = 0,
    homes: int = 0,
) -> dict[str, dict[str, Any]]:
    """Per Ombudsman, of decisions made in the period: upheld rate, remedies, compliance."""
    # Decisions count in the period they were made, as the engine's `decided` does.
    qs = ombudsman_queryset(directorate=directorate).filter(
        decided__gte=period.start, decided__lte=period.end
    )
    rows = (
        qs.values("ombudsman")
        .annotate(
            decided=Count("id"),
            investigations_decided=Count(
                "id", filter=Q(is_investigation=True) & ~Q(decision="")
            ),
            upheld=Count("id", filter=Q(decision__in=FAULT_DECISIONS)),
            satisfactory_remedy=Count(
                "id",
                filter=Q(
                    decision__in=FAULT_DECISIONS, satisfactory_remedy_by_council=True
                ),
            ),
            payments=Count("id", filter=Q(remedy_amount__gt=0)),
            payments_total=Coalesce(Sum("remedy_amount"), ZERO),
            recommendations=Coalesce(
                Sum("recommendations"), 0, output_field=IntegerField()
            ),
            on_time=Coalesce(
                Sum("recommendations_on_time"), 0, output_field=IntegerField()
            ),
            late=Coalesce(Sum("recommendations_late"), 0, output_field=IntegerField()),
        )
        .order_by("ombudsman")
    )
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        code = r.pop("ombudsman")
        base = homes if code == Ombudsman.HO else population
        r["payments_total"] = _pounds(r["payments_total"])
        r["upheld_percent"] = percent(r["upheld"], r["investigations_decided"])
        r["satisfactory_remedy_percent"] = percent(
            r["satisfactory_remedy"], r["upheld"]
        )
        r["compliance_percent"] = percent(
            r["on_time"] + r["late"], r["recommendations"]
        )
        r["on_time_percent"] = percent(r["on_time"], r["recommendations"])
        if code == Ombudsman.HO:
            r["upheld_per_10k_homes"] = (
                round(r["upheld"] * 10_000 / base, 2) if base else None
            )
        else:
            r["upheld_per_100k"] = _per_100k(r["upheld"], base)
        out[code] = r
    return out


def ombudsman_decisions_by_directorate(
    *, period: Period, directorate: Directorate | None = None
) -> list[dict[str, Any]]:
    """Ombudsman decisions by directorate and decision, for the cross-tabulation."""
    qs = ombudsman_queryset(directorate=directorate).filter(
        decided__gte=period.start, decided__lte=period.end
    )
    rows = (
        qs.values("directorate__name", "ombudsman", "decision")
        .annotate(count=Count("id"))
        .order_by("directorate__name", "ombudsman", "decision")
    )
    return [
        {
            "directorate": r["directorate__name"] or "Not recorded",
            "ombudsman": r["ombudsman"],
            "decision": r["decision"],
            "count": r["count"],
        }
        for r in rows
    ]


def ombudsman_cases(
    *,
    period: Period,
    ombudsman: str,
    directorate: Directorate | None = None,
    fault_only: bool = True,
    with_summary: bool = False,
    limit: int = 30,
) -> dict[str, Any]:
    """Ombudsman cases decided in the period for the table of cases (seed 000), newest first.

    By default only decisions that found fault, which are the ones with requirements and
    lessons; `total` says how many there were, `cases` holds at most `limit` of them.
    """
    qs = ombudsman_queryset(directorate=directorate).filter(
        ombudsman=ombudsman, decided__gte=period.start, decided__lte=period.end
    )
    if fault_only:
        qs = qs.filter(decision__in=FAULT_DECISIONS)
    else:
        qs = qs.exclude(decision="")
    fields = [
        "id",
        "reference",
        "ombudsman",
        "directorate__name",
        "category",
        "decided",
        "decision",
        "remedy_amount",
        "requirement",
        "lessons",
    ]
    if with_summary:
        fields.append("summary")
    return {
        "total": qs.count(),
        "cases": list(qs.values(*fields).order_by("-decided", "reference")[:limit]),
    }


def received_by_directorate(
    *,
    periods: list[Period],
    kind: str = Kind.COMPLAINT,
    stage: int | None = None,
    directorate: Directorate | None = None,
) -> list[dict[str, Any]]:
    """Records of one kind (and stage) by directorate, one count column per period."""
    start = min(p.start for p in periods)
    end = max(p.end for p in periods)
    qs = monthly_counts(start=start, end=end, directorate=directorate, kinds=(kind,))
    if stage is not None:
        qs = qs.filter(number=stage)
    sums = {
        f"n{i}": Sum("records", filter=Q(month__range=(p.start, p.end)))
        for i, p in enumerate(periods)
    }
    rows = list(qs.values("directorate_id").annotate(**sums).order_by())
    names = dict(
        Directorate.objects.filter(
            pk__in=[r["directorate_id"] for r in rows]
        ).values_list("pk", "name")
    )
    found = [
        {
            "directorate": names[r["directorate_id"]],
            **{p.label: r[f"n{i}"] or 0 for i, p in enumerate(periods)},
        }
        for r in rows
        if r["directorate_id"] in names
    ]
    return sorted(found, key=lambda r: r["directorate"])


def mp_enquiries_by_constituency(
    *, period: Period, directorate: Directorate | None = None
) -> list[dict[str, Any]]:
    """MP enquiries by constituency, with the share answered within the target date."""
    rows = (
        stages_in(period=period, directorate=directorate, kind=Kind.MP_ENQUIRY)
        .values("constituency")
        .annotate(
            n_received=Count("id"),
            n_responded=Count("id", filter=Q(responded__isnull=False)),
            n_within=Count(
                "id",
                filter=Q(responded__isnull=False, due__isnull=False)
                & Q(responded__lte=F("due")),
            ),
        )
        .order_by("-n_received", "constituency")
    )
    return [
        {
            "constituency": r["constituency"] or "Not recorded",
            "received": r["n_received"],
            "responded": r["n_responded"],
            "within": r["n_within"],
            "percent": percent(r["n_within"], r["n_responded"]),
        }
        for r in rows
    ]


def stage_summaries(
    *,
    period: Period,
    directorate: Directorate | None = None,
    stage: int = 2,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Case summaries of one stage, for the internal report only (no names or contact details)."""
    rows = (
        stages_in(period=period, directorate=directorate, stage=stage)
        .exclude(summary="")
        .values("team__name", "directorate__name", "outcome", "summary")
        .order_by("directorate__name", "team__name", "received", "pk")[:limit]
    )
    return [dict(row) for row in rows]


def compliment_ids(
    *, period: Period, directorate: Directorate | None = None, limit: int = 200
) -> list[int]:
    """The compliments of the period, newest first: ids only, for their published quotes."""
    return list(
        stages_in(period=period, directorate=directorate, kind=Kind.COMPLIMENT)
        .order_by("-received", "-pk")
        .values_list("id", flat=True)[:limit]
    )


def compliment_examples(
    *, period: Period, directorate: Directorate | None = None, limit: int = 5
) -> list[dict[str, Any]]:
    """A few compliments' summaries to quote in the internal report."""
    rows = (
        stages_in(period=period, directorate=directorate, kind=Kind.COMPLIMENT)
        .exclude(summary="")
        .values("directorate__name", "team__name", "summary")
        .order_by("-received", "pk")[:limit]
    )
    return [dict(row) for row in rows]


# -- Ombudsman outcomes by service, category, standing and year (issue 11 item 2) ------


def ombudsman_outcomes_by_team(
    *, period: Period, directorate: Directorate | None = None
) -> list[dict[str, Any]]:
    """Ombudsman decisions made in the period by Ombudsman, directorate, team and
    decision (a decided row with no decision has decision ""), in one query."""
    qs = ombudsman_queryset(directorate=directorate).filter(
        decided__gte=period.start, decided__lte=period.end
    )
    rows = (
        qs.values(
            "ombudsman",
            "directorate_id",
            "directorate__name",
            "team_id",
            "team__name",
            "decision",
        )
        .annotate(count=Count("id"))
        .order_by("ombudsman", "directorate__name", "team__name", "decision")
    )
    return [
        {
            "ombudsman": r["ombudsman"],
            "directorate_id": r["directorate_id"],
            "directorate": r["directorate__name"] or NOT_RECORDED,
            "team_id": r["team_id"],
            "team": r["team__name"] or "",
            "decision": r["decision"],
            "count": r["count"],
        }
        for r in rows
    ]


def ombudsman_investigations_by_category(
    *, period: Period, directorate: Directorate | None = None
) -> list[dict[str, Any]]:
    """Detailed investigations decided in the period (those with a decision, as
    `ombudsman_figures`' `investigations_decided`) by Ombudsman and the Ombudsman's own
    category: how many found fault (`upheld`) and how many did not."""
    qs = ombudsman_queryset(directorate=directorate).filter(
        decided__gte=period.start,
        decided__lte=period.end,
        is_investigation=True,
    )
    rows = (
        qs.exclude(decision="")
        .values("ombudsman", "category")
        .annotate(
            total=Count("id"),
            upheld=Count("id", filter=Q(decision__in=FAULT_DECISIONS)),
        )
        .order_by("ombudsman", "category")
    )
    return [
        {
            "ombudsman": r["ombudsman"],
            "category": r["category"].strip() or NOT_RECORDED,
            "upheld": r["upheld"],
            "not_upheld": r["total"] - r["upheld"],
            "total": r["total"],
        }
        for r in rows
    ]


def ombudsman_standing(
    *, period: Period, directorate: Directorate | None = None
) -> dict[str, dict[str, int]]:
    """Per Ombudsman, where the enquiries stood on the last day of the period.

    Of the enquiries received in the period (`received`, as the engine counts it): decided
    without a detailed investigation (`assessment_decided`), still at initial assessment
    (`assessment_open`), passed to a detailed investigation (`investigations`, as the
    engine's) and of those decided (`investigations_decided`) or not yet
    (`investigations_open`). And `awaiting`: every enquiry received by the end of the
    period, in any year, with no decision by then. "Decided" is by the decision date.
    """
    end = period.end
    received_in = Q(received__gte=period.start, received__lte=end)
    decided_by_end = Q(decided__isnull=False, decided__lte=end)
    open_at_end = Q(received__lte=end) & ~decided_by_end
    investigated = Q(is_investigation=True)
    rows = (
        ombudsman_queryset(directorate=directorate)
        .filter(received_in | open_at_end)
        .values("ombudsman")
        .annotate(
            n_received=Count("id", filter=received_in),
            n_assessment_decided=Count(
                "id", filter=received_in & ~investigated & decided_by_end
            ),
            n_assessment_open=Count(
                "id", filter=received_in & ~investigated & ~decided_by_end
            ),
            n_investigations=Count("id", filter=received_in & investigated),
            n_investigations_decided=Count(
                "id", filter=received_in & investigated & decided_by_end
            ),
            n_investigations_open=Count(
                "id", filter=received_in & investigated & ~decided_by_end
            ),
            n_awaiting=Count("id", filter=open_at_end),
        )
        .order_by("ombudsman")
    )
    return {
        r["ombudsman"]: {k[2:]: v for k, v in r.items() if k.startswith("n_")}
        for r in rows
    }


def ombudsman_upheld_years(
    *, periods: list[Period], directorate: Directorate | None = None
) -> dict[str, dict[str, dict[str, Any]]]:
    """Per year label and Ombudsman: detailed investigations decided, upheld (fault
    found), upheld with a satisfactory remedy by the council, and the two rates, counted
    as `ombudsman_figures` counts them, for all the years in one query."""
    qs = ombudsman_queryset(directorate=directorate)
    if not periods:
        return {}
    annotations: dict[str, Any] = {}
    for i, p in enumerate(periods):
        decided_in = Q(decided__gte=p.start, decided__lte=p.end)
        fault = decided_in & Q(decision__in=FAULT_DECISIONS)
        annotations[f"y{i}_investigations_decided"] = Count(
            "id", filter=decided_in & Q(is_investigation=True) & ~Q(decision="")
        )
        annotations[f"y{i}_upheld"] = Count("id", filter=fault)
        annotations[f"y{i}_satisfactory_remedy"] = Count(
            "id", filter=fault & Q(satisfactory_remedy_by_council=True)
        )
    rows = (
        qs.filter(
            decided__gte=min(p.start for p in periods),
            decided__lte=max(p.end for p in periods),
        )
        .values("ombudsman")
        .annotate(**annotations)
        .order_by("ombudsman")
    )
    out: dict[str, dict[str, dict[str, Any]]] = {p.label: {} for p in periods}
    for r in rows:
        for i, p in enumerate(periods):
            figures = {
                name: r[f"y{i}_{name}"]
                for name in ("investigations_decided", "upheld", "satisfactory_remedy")
            }
            figures["upheld_percent"] = percent(
                figures["upheld"], figures["investigations_decided"]
            )
            figures["satisfactory_remedy_percent"] = percent(
                figures["satisfactory_remedy"], figures["upheld"]
            )
            out[p.label][r["ombudsman"]] = figures
    return out


def ho_partial_maladministration(
    *, period: Period, directorate: Directorate | None = None
) -> dict[str, int]:
    """Housing Ombudsman cases decided in the period with findings recorded on each part
    of the complaint (`with_findings`), and of those the cases of partial
    maladministration (`partial`): some findings of severe maladministration,
    maladministration or service failure and some of no maladministration."""
    from putright.ombudsman.models import MALADMINISTRATION_FINDINGS, Decision

    qs = (
        ombudsman_queryset(directorate=directorate)
        .filter(
            ombudsman=Ombudsman.HO, decided__gte=period.start, decided__lte=period.end
        )
        .annotate(
            n_findings=Count("findings"),
            n_fault=Count(
                "findings", filter=Q(findings__finding__in=MALADMINISTRATION_FINDINGS)
            ),
            n_none=Count(
                "findings",
                filter=Q(findings__finding=Decision.NO_MALADMINISTRATION),
            ),
        )
        .filter(n_findings__gt=0)
    )
    figures = qs.aggregate(
        with_findings=Count("id"),
        partial=Count("id", filter=Q(n_fault__gt=0, n_none__gt=0)),
    )
    return {k: v or 0 for k, v in figures.items()}


# -- issue 11 item 2: root causes, refused reviews, channels, MP enquiries, learning --------


def root_causes(
    *,
    period: Period,
    directorate: Directorate | None = None,
    stages: tuple[int, ...] = (1, 2),
) -> dict[str, Any]:
    """Complaint responses (stage 1 and 2) by root cause, council-wide and by directorate.

    A response is a stage record of the period that has been answered. One response may
    name several causes, so the causes add up to at least `with_cause`, the responses with
    any cause recorded (the base of each cause's percentage, as seed 004's table). Two
    queries: the answered records by directorate, and the causes by directorate.
    """
    answered = stages_in(period=period, directorate=directorate).filter(
        number__in=stages, responded__isnull=False
    )
    totals = (
        answered.values("directorate__name")
        .annotate(
            # The join to the causes repeats a record per cause: count records once.
            responses=Count("id", distinct=True),
            with_cause=Count("id", filter=Q(root_causes__isnull=False), distinct=True),
        )
        .order_by("directorate__name")
    )
    through = Stage.root_causes.through
    cause_rows = (
        through.objects.filter(stage__in=answered)
        .values("stage__directorate__name", "rootcause__name")
        .annotate(count=Count("stage_id", distinct=True))
        .order_by("stage__directorate__name", "-count", "rootcause__name")
    )
    by_directorate: dict[str, dict[str, Any]] = {
        r["directorate__name"]: {
            "responses": r["responses"],
            "with_cause": r["with_cause"],
            "causes": [],
        }
        for r in totals
    }
    council: dict[str, int] = {}
    for r in cause_rows:
        name, cause = r["stage__directorate__name"], r["rootcause__name"]
        found = by_directorate[name]
        found["causes"].append({"label": cause, "count": r["count"]})
        council[cause] = council.get(cause, 0) + r["count"]
    for found in by_directorate.values():
        for c in found["causes"]:
            c["percent"] = percent(c["count"], found["with_cause"])
    with_cause = sum(d["with_cause"] for d in by_directorate.values())
    return {
        "responses": sum(d["responses"] for d in by_directorate.values()),
        "with_cause": with_cause,
        "causes": [
            {"label": label, "count": n, "percent": percent(n, with_cause)}
            for label, n in sorted(council.items(), key=lambda c: (-c[1], c[0]))
        ],
        "by_directorate": by_directorate,
    }


def escalation_refusals(
    *, period: Period, directorate: Directorate | None = None
) -> list[dict[str, Any]]:
    """Requests for a review at the next stage refused in the period, by stage and reason.

    They count in the year the refusal was decided (`escalation_refused_on`): a refused
    request opens no record of the next stage to count it by. `stage` is the review asked
    for (2 or 3), most refused first within it.
    """
    qs = Stage.objects.filter(
        kind=Kind.COMPLAINT, escalation_refused_on__range=(period.start, period.end)
    )
    if directorate is not None:
        qs = qs.filter(directorate=directorate)
    rows = (
        qs.values("number", "escalation_refusal_reason__name")
        .annotate(count=Count("id"))
        .order_by("number", "-count", "escalation_refusal_reason__name")
    )
    return [
        {
            "stage": r["number"] + 1,
            "label": r["escalation_refusal_reason__name"] or NOT_RECORDED,
            "count": r["count"],
        }
        for r in rows
    ]


FEEDBACK_KINDS = (
    Kind.COMPLAINT,
    Kind.INFORMAL_COMPLAINT,
    Kind.COMPLIMENT,
    Kind.COMMENT,
    Kind.SERVICE_REQUEST,
    Kind.MP_ENQUIRY,
    Kind.MEMBER_ENQUIRY,
)


def channels_by_kind(
    *, period: Period, directorate: Directorate | None = None
) -> list[dict[str, Any]]:
    """How every kind of feedback arrived (seed 002's method of contact), by directorate.

    Complaints count at stage 1 (how the complaint was first made); `channel` is the
    stored code, blank when not recorded. One query.
    """
    rows = (
        filtered_stages(period=period, directorate=directorate, kinds=FEEDBACK_KINDS)
        .filter(number=1)
        .values("directorate__name", "kind", "channel")
        .annotate(count=Count("id"))
        .order_by("directorate__name", "kind", "channel")
    )
    return [
        {
            "directorate": r["directorate__name"],
            "kind": r["kind"],
            "channel": r["channel"] or NOT_RECORDED,
            "count": r["count"],
        }
        for r in rows
    ]


def mp_enquiries_by_directorate(
    *, period: Period, directorate: Directorate | None = None
) -> list[dict[str, Any]]:
    """MP enquiries by directorate (seed 003), with the share answered within the target."""
    rows = (
        stages_in(period=period, directorate=directorate, kind=Kind.MP_ENQUIRY)
        .values("directorate__name")
        .annotate(
            n_received=Count("id"),
            n_responded=Count("id", filter=Q(responded__isnull=False)),
            n_within=Count(
                "id",
                filter=Q(responded__isnull=False, due__isnull=False)
                & Q(responded__lte=F("due")),
            ),
        )
        .order_by("directorate__name")
    )
    return [
        {
            "directorate": r["directorate__name"],
            "received": r["n_received"],
            "responded": r["n_responded"],
            "within": r["n_within"],
            "percent": percent(r["n_within"], r["n_responded"]),
        }
        for r in rows
    ]


def learning_by_category(
    *, period: Period, directorate: Directorate | None = None
) -> dict[str, Any]:
    """Learning actions of the period's complaints by kind and by directorate, one query.

    `by_category` maps each `LearningCategory` code ("" for not categorised) to its count;
    `by_directorate` maps directorate name to {"actions", "complete"}.
    """
    rows = (
        LearningAction.objects.filter(
            stage__in=stages_in(period=period, directorate=directorate)
        )
        .values("stage__directorate__name", "category")
        .annotate(
            count=Count("id"),
            complete=Count("id", filter=Q(status=LearningStatus.COMPLETE)),
        )
        .order_by("stage__directorate__name", "category")
    )
    by_category: dict[str, int] = {}
    by_directorate: dict[str, dict[str, int]] = {}
    for r in rows:
        by_category[r["category"]] = by_category.get(r["category"], 0) + r["count"]
        found = by_directorate.setdefault(
            r["stage__directorate__name"], {"actions": 0, "complete": 0}
        )
        found["actions"] += r["count"]
        found["complete"] += r["complete"]
    return {"by_category": by_category, "by_directorate": by_directorate}


def learning_actions_by_directorate(
    *, period: Period, directorate: Directorate | None = None, per_directorate: int = 3
) -> dict[str, list[dict[str, Any]]]:
    """A few learning actions of each directorate (completed ones first), in one query."""
    done_first = Case(
        When(status=LearningStatus.COMPLETE, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    rows = (
        LearningAction.objects.filter(
            stage__in=stages_in(period=period, directorate=directorate)
        )
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("stage__directorate_id")],
                order_by=[
                    done_first.asc(),
                    F("due").asc(nulls_last=True),
                    F("pk").asc(),
                ],
            )
        )
        .filter(place__lte=per_directorate)
        .values(
            "id",
            "description",
            "status",
            "category",
            "stage__directorate__name",
            "place",
        )
        .order_by("stage__directorate__name", "place")
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for a in rows:
        found.setdefault(a["stage__directorate__name"], []).append(
            {
                "id": a["id"],
                "description": a["description"],
                "status": a["status"],
                "category": a["category"],
            }
        )
    return found


def stage_list(
    *,
    period: Period,
    directorate: Directorate | None = None,
    stage: int = 2,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """The records of one stage for the public case list: ids, directorate and outcome only.

    The public report shows each with its approved published case summary, never the
    summary as typed (`stage_summaries`).
    """
    rows = (
        stages_in(period=period, directorate=directorate, stage=stage)
        .values("id", "directorate__name", "outcome")
        .order_by("directorate__name", "received", "pk")[:limit]
    )
    return [dict(row) for row in rows]


def team_facts_by_directorate(
    *, period: Period, directorates: list[Directorate]
) -> dict[int, dict[str, Any]]:
    """Per directorate (by pk): how many teams had a stage 1 complaint, and the teams with
    the most compliments, in three queries however many directorates there are.

    `service_areas` is seed 001's "the 25 complaints received covered 17 separate service
    areas": distinct teams with at least one stage 1 complaint received in the period
    (complaints with no team count in no area). `most_compliments` lists the team or teams
    (a tie lists each, by name) with the most compliments received, with their count.
    """
    ids = [d.pk for d in directorates]
    found: dict[int, dict[str, Any]] = {
        pk: {"service_areas": 0, "most_compliments": []} for pk in ids
    }
    areas = (
        monthly_counts(start=period.start, end=period.end)
        .filter(number=1, directorate_id__in=ids, records__gt=0)
        .exclude(team_id=0)
        .values("directorate_id")
        .annotate(teams=Count("team_id", distinct=True))
        .order_by()
    )
    for r in areas:
        found[r["directorate_id"]]["service_areas"] = r["teams"]
    rows = list(
        monthly_counts(start=period.start, end=period.end, kinds=(Kind.COMPLIMENT,))
        .filter(directorate_id__in=ids)
        .exclude(team_id=0)
        .values("directorate_id", "team_id")
        .annotate(received=Sum("records"))
        .order_by()
    )
    teams = _teams_of(rows)
    best: dict[int, int] = {}
    for r in rows:
        if r["team_id"] in teams and (r["received"] or 0) > 0:
            best[r["directorate_id"]] = max(
                best.get(r["directorate_id"], 0), r["received"]
            )
    for r in rows:
        pk = r["directorate_id"]
        if r["team_id"] in teams and best.get(pk) and r["received"] == best[pk]:
            found[pk]["most_compliments"].append(
                {"team": teams[r["team_id"]].name, "received": r["received"]}
            )
    for facts in found.values():
        facts["most_compliments"].sort(key=lambda t: t["team"])
    return found


def _within_local_target(target: ProcedureStage) -> Q:
    """A stage answered within its procedure stage's local target, counted from receipt.

    Working and calendar days compare the stored response time (docs/deadline-rules.md
    §2); calendar months compare the date: answered by the same day of the month
    `n` months on (or the last day of a shorter month), as `deadlines` adds months.
    """
    days = target.local_target_days
    if target.local_target_unit == ProcedureStage.Unit.WORKING_DAYS:
        return Q(response_working_days__lte=days)
    if target.local_target_unit == ProcedureStage.Unit.CALENDAR_DAYS:
        return Q(response_calendar_days__lte=days)
    return Q(months_after__lt=days) | Q(
        months_after=days, day_answered__lte=F("day_received")
    )


def local_targets_by_directorate(
    *, period: Period, directorates: list[Directorate]
) -> dict[int, dict[tuple[int, str], dict[str, Any]]]:
    """Complaints answered within the council's local target (docs/counting-rules.md §5.10).

    Per directorate (by pk), per (stage number, procedure code) of every procedure stage
    with a local target: the target (`days`, `unit`), `responded` (complaints received
    in the period and answered), `within` (of those, answered within the local target)
    and `percent`. Two queries however many directorates and targets there are.
    """
    ids = [d.pk for d in directorates]
    found: dict[int, dict[tuple[int, str], dict[str, Any]]] = {pk: {} for pk in ids}
    targets = list(
        ProcedureStage.objects.filter(local_target_days__isnull=False).select_related(
            "procedure"
        )
    )
    if not targets:
        return found
    which = Q(pk__in=[])
    within = Q(pk__in=[])
    for t in targets:
        this = Q(procedure_id=t.procedure_id, number=t.number)
        which |= this
        within |= this & _within_local_target(t)
    rows = (
        stages_in(period=period)
        .filter(which, directorate_id__in=ids, responded__isnull=False)
        .alias(
            months_after=(
                ExtractYear("responded") * 12
                + ExtractMonth("responded")
                - ExtractYear("received") * 12
                - ExtractMonth("received")
            ),
            day_answered=ExtractDay("responded"),
            day_received=ExtractDay("received"),
        )
        .values("directorate_id", "number", "procedure_id")
        .annotate(responded=Count("id"), within=Count("id", filter=within))
        .order_by()
    )
    by_stage = {(t.procedure_id, t.number): t for t in targets}
    for r in rows:
        t = by_stage[(r["procedure_id"], r["number"])]
        found[r["directorate_id"]][(t.number, t.procedure.code)] = {
            "days": t.local_target_days,
            "unit": t.local_target_unit,
            "responded": r["responded"],
            "within": r["within"],
            "percent": percent(r["within"], r["responded"]),
        }
    return found
