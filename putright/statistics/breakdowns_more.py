"""More aggregations for the annual report: the seed elements of issue 11 item 2.

House style of `putright.statistics.breakdowns`: each figure family is one grouped query for
every directorate (and team, Ombudsman) at once, never one per directorate or team. Plain
dicts and lists come back, ordered for display; only the functions named `*_examples` and
`*_cases` return typed text (`summary`, `lessons`, `description`), for the internal report
or for looking up approved published wording by id.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from putright.complaints.models import LearningAction, Remedy, Stage
from putright.core.periods import Period
from putright.ombudsman.models import Recommendation
from putright.organisation.models import Directorate, Team
from putright.statistics.breakdowns import NOT_RECORDED, ZERO, _pounds, stages_in
from putright.statistics.engine import monthly_counts, ombudsman_queryset, percent


def remedies_by_directorate(
    *, period: Period, directorate: Directorate | None = None
) -> dict[str, Any]:
    """Remedies by directorate and type, and financial remedies by directorate (seed 002).

    `types`: {directorate name: {remedy type: count}}; `payments`: {directorate name:
    {"count", "total"}}. Two queries.
    """
    stages = stages_in(period=period, directorate=directorate)
    rows = (
        Remedy.objects.filter(stage__in=stages)
        .values("stage__directorate__name", "type")
        .annotate(count=Count("id"))
        .order_by("stage__directorate__name", "type")
    )
    types: dict[str, dict[str, int]] = {}
    for r in rows:
        name = r["stage__directorate__name"] or NOT_RECORDED
        types.setdefault(name, {})[r["type"]] = r["count"]
    paid = (
        stages.filter(financial_remedy__gt=0)
        .values("directorate__name")
        .annotate(count=Count("id"), total=Coalesce(Sum("financial_remedy"), ZERO))
        .order_by("directorate__name")
    )
    payments = {
        r["directorate__name"] or NOT_RECORDED: {
            "count": r["count"],
            "total": _pounds(r["total"]),
        }
        for r in paid
    }
    return {"types": types, "payments": payments}


def stage_examples_by_nature(
    *,
    period: Period,
    directorate: Directorate | None = None,
    stage: int = 1,
    limit: int = 3,
) -> dict[str, list[dict[str, Any]]]:
    """Up to `limit` complaints of a stage under each issue nature, most recent first.

    {nature: [{"id", "directorate", "team", "summary"}]}; the summary is typed text, for
    the internal report (the public one shows approved published wording by `id`).
    """
    through = Stage.issue_natures.through
    rows = (
        through.objects.filter(
            stage__in=stages_in(period=period, directorate=directorate, stage=stage)
        )
        .values(
            "issuenature__name",
            "stage_id",
            "stage__summary",
            "stage__directorate__name",
            "stage__team__name",
        )
        .order_by("issuenature__name", "-stage__received", "-stage_id")
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        listed = found.setdefault(r["issuenature__name"], [])
        if len(listed) < limit:
            listed.append(
                {
                    "id": r["stage_id"],
                    "directorate": r["stage__directorate__name"],
                    "team": r["stage__team__name"],
                    "summary": r["stage__summary"],
                }
            )
    return found


def learning_by_stage(
    *, period: Period, directorate: Directorate | None = None, limit: int = 20
) -> dict[str, Any]:
    """Learning actions by the stage of the complaint they came from (seed 002).

    `counts`: {stage number: actions}; `actions`: the actions from stage 2 and 3 reviews,
    with their typed description (internal) and id (for approved published wording).
    """
    actions = LearningAction.objects.filter(
        stage__in=stages_in(period=period, directorate=directorate)
    )
    counts = {
        r["stage__number"]: r["count"]
        for r in actions.values("stage__number")
        .annotate(count=Count("id"))
        .order_by("stage__number")
    }
    reviews = (
        actions.filter(stage__number__gte=2)
        .values(
            "id",
            "description",
            "status",
            "stage__number",
            "stage__directorate__name",
            "stage__team__name",
        )
        .order_by(
            "stage__number", "stage__directorate__name", "-stage__received", "pk"
        )[:limit]
    )
    return {
        "counts": counts,
        "actions": [
            {
                "id": a["id"],
                "stage": a["stage__number"],
                "directorate": a["stage__directorate__name"],
                "team": a["stage__team__name"],
                "description": a["description"],
                "status": a["status"],
            }
            for a in reviews
        ],
    }


def _decided(period: Period, directorate: Directorate | None) -> Any:
    """Ombudsman cases decided in the period, as the engine's `decided` counts them."""
    return ombudsman_queryset(directorate=directorate).filter(
        decided__range=(period.start, period.end)
    )


def ombudsman_investigations(
    *, period: Period, directorate: Directorate | None = None
) -> dict[str, dict[str, Any]]:
    """Per Ombudsman, of the cases decided in the period: investigated in detail or not,
    investigations with a remedy, and cases with recommendations of each kind (seed 002).

    A remedy is a payment or any recommendation. Two queries.
    """
    items = Recommendation.objects.filter(ombudsman_case=OuterRef("pk"))
    rows = (
        _decided(period, directorate)
        .annotate(has_items=Exists(items))
        .values("ombudsman")
        .annotate(
            decided=Count("id"),
            investigated=Count("id", filter=Q(is_investigation=True)),
            investigated_remedy=Count(
                "id",
                filter=Q(is_investigation=True)
                & (
                    Q(remedy_amount__gt=0)
                    | Q(recommendations__gt=0)
                    | Q(has_items=True)
                ),
            ),
            with_recommendations=Count(
                "id", filter=Q(recommendations__gt=0) | Q(has_items=True)
            ),
        )
        .order_by("ombudsman")
    )
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        code = r.pop("ombudsman")
        r["not_investigated"] = r["decided"] - r["investigated"]
        r["investigated_percent"] = percent(r["investigated"], r["decided"])
        r["not_investigated_percent"] = percent(r["not_investigated"], r["decided"])
        r["kinds"] = {}
        out[code] = r
    kinds = (
        Recommendation.objects.filter(ombudsman_case__in=_decided(period, directorate))
        .values("ombudsman_case__ombudsman", "type")
        .annotate(cases=Count("ombudsman_case_id", distinct=True))
        .order_by("ombudsman_case__ombudsman", "-cases", "type")
    )
    for k in kinds:
        figures = out.get(k["ombudsman_case__ombudsman"])
        if figures is not None:
            figures["kinds"][k["type"]] = k["cases"]
    return out


def ombudsman_not_investigated_cases(
    *,
    period: Period,
    directorate: Directorate | None = None,
    with_text: bool = False,
    limit: int = 30,
) -> dict[str, list[dict[str, Any]]]:
    """Cases decided in the period without a detailed investigation, per Ombudsman,
    newest first (seed 002's "Closed after initial enquiries" and "Not investigating").

    The complaint (`summary`) and the Ombudsman's view (`lessons`) are typed text: only
    with `with_text`, for the internal report.
    """
    fields = [
        "id",
        "reference",
        "ombudsman",
        "decision",
        "decided",
        "category",
        "directorate__name",
        "team__name",
    ]
    if with_text:
        fields += ["summary", "lessons"]
    rows = (
        _decided(period, directorate)
        .filter(is_investigation=False)
        .exclude(decision="")
        .values(*fields)
        .order_by("ombudsman", "-decided", "reference")
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        listed = found.setdefault(r["ombudsman"], [])
        if len(listed) < limit:
            listed.append(r)
    return found


def ombudsman_received_by_category(
    *, period: Period, directorate: Directorate | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Ombudsman enquiries received in the period by category, per Ombudsman (seed 004)."""
    rows = (
        ombudsman_queryset(directorate=directorate)
        .filter(received__range=(period.start, period.end))
        .values("ombudsman", "category")
        .annotate(count=Count("id"))
        .order_by("ombudsman", "-count", "category")
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        found.setdefault(r["ombudsman"], []).append(
            {"label": r["category"] or NOT_RECORDED, "count": r["count"]}
        )
    return found


def team_received_by_year(
    *, periods: list[Period], directorate: Directorate | None = None, stage: int = 1
) -> list[dict[str, Any]]:
    """Complaints of a stage received by each team, one count per period (seed 003).

    [{"team", "directorate", <period label>: count...}] by directorate and team name;
    records with no team are left out. Two queries.
    """
    start = min(p.start for p in periods)
    end = max(p.end for p in periods)
    sums = {
        f"n{i}": Sum("records", filter=Q(month__range=(p.start, p.end)))
        for i, p in enumerate(periods)
    }
    rows = list(
        monthly_counts(start=start, end=end, directorate=directorate)
        .filter(number=stage)
        .exclude(team_id=0)
        .values("team_id")
        .annotate(**sums)
        .order_by()
    )
    teams = {
        t.pk: t
        for t in Team.objects.select_related("directorate").filter(
            pk__in=[r["team_id"] for r in rows]
        )
    }
    found = [
        {
            "team": teams[r["team_id"]].name,
            "directorate": teams[r["team_id"]].directorate.name,
            **{p.label: r[f"n{i}"] or 0 for i, p in enumerate(periods)},
        }
        for r in rows
        if r["team_id"] in teams
    ]
    return sorted(found, key=lambda r: (r["directorate"], r["team"]))


def issue_natures_by_year(
    *, periods: list[Period], directorate: Directorate | None = None, stage: int = 1
) -> list[dict[str, Any]]:
    """Complaints of a stage by issue nature, one count per period (seed 003).

    A complaint may count under several natures. One query.
    """
    through = Stage.issue_natures.through
    stages = stages_in(period=periods[0], directorate=directorate, stage=stage)
    for p in periods[1:]:
        stages = stages | stages_in(period=p, directorate=directorate, stage=stage)
    sums = {
        f"n{i}": Count("stage_id", filter=Q(stage__received__range=(p.start, p.end)))
        for i, p in enumerate(periods)
    }
    rows = (
        through.objects.filter(stage__in=stages)
        .values("issuenature__name")
        .annotate(**sums)
        .order_by("issuenature__name")
    )
    return [
        {
            "nature": r["issuenature__name"],
            **{p.label: r[f"n{i}"] for i, p in enumerate(periods)},
        }
        for r in rows
    ]


def escalation_by_team(
    *, period: Period, directorate: Directorate | None = None, stage: int = 1
) -> list[dict[str, Any]]:
    """Complaints of a stage received in the period, and how many went on to the next
    stage, by directorate and team (seed 003). One query."""
    escalated_cases = Stage.objects.filter(number=stage + 1).values("case_id")
    rows = (
        stages_in(period=period, directorate=directorate, stage=stage)
        .values("directorate__name", "team__name")
        .annotate(
            received=Count("id"),
            escalated=Count("id", filter=Q(case_id__in=escalated_cases)),
        )
        .order_by("directorate__name", "team__name")
    )
    return [
        {
            "directorate": r["directorate__name"] or NOT_RECORDED,
            "team": r["team__name"],
            "received": r["received"],
            "escalated": r["escalated"],
        }
        for r in rows
    ]
