"""Reads for the dashboard: the §5 figures arranged as seed 000 shows them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet

from putright.complaints.constants import Kind
from putright.core.presentation import long_date, percent_text, whole_days
from putright.ombudsman.models import OmbudsmanCase
from putright.organisation.models import Council, Directorate
from putright.statistics import charts, engine
from putright.statistics.presentation import (
    CONTACT_LABELS,
    DAY_BASIS_LABELS,
    DECISION_LABELS,
    FAMILY_LABELS,
    MAIN_OUTCOMES,
    OMBUDSMAN_LABELS,
    OMBUDSMAN_SHORT,
    OUTCOME_EXPLAINED,
    selection_title,
)

# The order seed 000 lists other contacts in.
CONTACT_ORDER = (
    Kind.INFORMAL_COMPLAINT,
    Kind.COMPLIMENT,
    Kind.SERVICE_REQUEST,
    Kind.COMMENT,
    Kind.MP_ENQUIRY,
    Kind.MEMBER_ENQUIRY,
)
OMBUDSMAN_CASE_LIMIT = 50


def ombudsman_cases_decided(
    *, selection: engine.Selection, limit: int = OMBUDSMAN_CASE_LIMIT
) -> QuerySet[OmbudsmanCase]:
    """Ombudsman cases decided in the period, in scope, most recent first (seed 000's table)."""
    period = selection.period
    return (
        engine.ombudsman_queryset(
            directorate=selection.directorate, team=selection.team
        )
        .filter(decided__range=(period.start, period.end))
        .select_related("directorate")
        .only(
            "reference",
            "ombudsman",
            "decided",
            "decision",
            "summary",
            "requirement",
            "lessons",
            "remedy_amount",
            "directorate__name",
        )
        .order_by("-decided", "reference")[:limit]
    )


def _stage_panel(
    key: str, figures: dict[str, Any], *, target: float, year: str, colour: str
) -> dict[str, Any]:
    noun = f"stage {key} complaints"
    cards = [
        {
            "label": f"Stage {key} complaints {OUTCOME_EXPLAINED[o][0].lower()}"
            f"{OUTCOME_EXPLAINED[o][1:]}",
            "value": figures["outcomes"][o],
            "key": o,
        }
        for o in MAIN_OUTCOMES
    ]
    others = [
        {"label": OUTCOME_EXPLAINED[o], "value": n, "key": o}
        for o, n in figures["outcomes"].items()
        if o not in MAIN_OUTCOMES and n
    ]
    families = []
    for family, label in FAMILY_LABELS.items():
        group = figures["by_family"][family]
        families.append(
            {
                "key": family,
                "label": label,
                "received": group["received"],
                "average_days": whole_days(group["average_response_days"]),
                "basis": DAY_BASIS_LABELS[group["day_basis"]],
                "within_percent": percent_text(group["within_timescale_percent"]),
                "responded": group["responded"],
            }
        )
    percent = figures["within_timescale_percent"]
    chart = None
    if figures["received"]:
        chart = charts.quarterly_chart(
            by_quarter=figures["by_quarter"], subject=noun, year=year, colour=colour
        )
    return {
        "key": key,
        "title": f"Stage {key} complaints",
        "received": figures["received"],
        "cards": cards,
        "other_outcomes": others,
        "families": families,
        "responded": figures["responded"],
        "within_percent": percent_text(percent),
        "within_extended_percent": percent_text(
            figures["within_extended_timescale_percent"]
        ),
        "meets_target": None if percent is None else percent >= target,
        "average_calendar": whole_days(figures["average_response_calendar_days"]),
        "average_working": whole_days(figures["average_response_working_days"]),
        "previous_year": figures["previous_year"],
        "difference": figures["difference"],
        "direction": figures["direction"],
        "sentence": figures["sentence"],
        "by_quarter": figures["by_quarter"],
        "chart": chart,
        "chart_id": f"chart-stage-{key}",
    }


def _ombudsman_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for code, figures in summary.items():
        if code not in ("lgsco", "ho") and not (
            figures["received"] or figures["decided"]
        ):
            continue
        rows.append(
            {
                "code": code,
                "short": OMBUDSMAN_SHORT[code],
                "label": OMBUDSMAN_LABELS[code],
                "received": figures["received"],
                "investigations": figures["investigations"],
                "decided": figures["decided"],
                "decisions": [
                    {"label": DECISION_LABELS.get(d, d), "value": n}
                    for d, n in figures["decisions"].items()
                    if n
                ],
            }
        )
    return rows


def dashboard_data(*, selection: engine.Selection) -> dict[str, Any]:
    """Everything the dashboard shows for a selection, from one call of the engine."""
    council = Council.load()
    stats = engine.statistics_for(
        period=selection.period,
        directorate=selection.directorate,
        team=selection.team,
    )
    target = stats["timescale_target_percent"]
    colour = council.brand_colour or "#1d4f91"
    stages = [
        _stage_panel(k, f, target=target, year=stats["year"], colour=colour)
        for k, f in stats["stages"].items()
    ]
    contacts = [
        {"key": kind, "label": CONTACT_LABELS[kind], **stats["contacts"][kind]}
        for kind in CONTACT_ORDER
    ]
    query = {"year": stats["year"]}
    if stats["quarter"]:
        query["quarter"] = stats["quarter"]
    if selection.directorate is not None:
        query["directorate"] = selection.directorate.name
    if selection.team is not None:
        query["team"] = selection.team.name
    return {
        "stats": stats,
        "title": selection_title(stats),
        "start": long_date(stats["start"]),
        "end": long_date(stats["end"]),
        "target": target,
        "stages": stages,
        "contacts": contacts,
        "ombudsman_rows": _ombudsman_rows(stats["ombudsman"]),
        "ombudsman_cases": list(ombudsman_cases_decided(selection=selection)),
        "ombudsman_case_limit": OMBUDSMAN_CASE_LIMIT,
        "query_string": urlencode(query),
        "previous_year": stats["stages"]["1"]["previous_year"]["year"],
        "year_short": selection.period.short_label,
        "previous_short": selection.period.previous_year().short_label,
    }


def dashboard_options(
    *, selection: engine.Selection | None, raw: dict[str, str]
) -> dict[str, Any]:
    """Choices for the service, year and quarter selectors, and which are chosen."""
    start_month = Council.load().financial_year_start_month
    years = [p.label for p in engine.years_with_records(start_month)]
    if selection is not None and selection.period.label not in years:
        years.append(selection.period.label)
        years.sort()
    return {
        "directorate_options": list(
            Directorate.objects.filter(is_active=True)
            .order_by("name")
            .values_list("name", flat=True)
        ),
        "year_options": list(reversed(years)),
        "quarter_options": ["Q1", "Q2", "Q3", "Q4"],
        "selected": _selected(selection, raw),
    }


def _selected(
    selection: engine.Selection | None, raw: dict[str, str]
) -> dict[str, str]:
    if selection is None:
        return {k: raw.get(k, "") for k in ("directorate", "team", "year", "quarter")}
    return {
        "directorate": selection.directorate.name if selection.directorate else "",
        "team": selection.team.name if selection.team else "",
        "year": selection.period.label,
        "quarter": selection.period.quarter or "",
    }
