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
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce

from putright.complaints.constants import Kind, LearningStatus, Ombudsman, Outcome
from putright.complaints.models import LearningAction, Remedy, Stage
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
