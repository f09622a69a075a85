"""Reads for the dashboard: the §5 figures arranged as seed 000 shows them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from putright.accounts import policy
from putright.accounts.policy import Capability
from putright.complaints.constants import Kind
from putright.core.presentation import long_date, percent_text, whole_days
from putright.ombudsman.models import OmbudsmanCase
from putright.organisation.models import Council, Directorate
from putright.publication.models import PublishedText
from putright.publication.selectors import approved_wording
from putright.statistics import charts, engine
from putright.statistics.disclosure import statistics_disclosed
from putright.statistics.drilldown import figure_links, ombudsman_links
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
OMBUDSMAN_CASES_PER_PAGE = 20


def sees_case_figures(user: Any) -> bool:
    """Whether the dashboard shows `user` every count as it is (§6: roles with case access).

    Reporting viewers and administrators see no case records, so the figures they see
    follow docs/counting-rules.md §6.2 like the public report's.
    """
    return policy.can(user, Capability.CASEWORK)


def sees_case_text(user: Any) -> bool:
    """Whether `user` may read Ombudsman case text as typed (the Ombudsman caseworkers)."""
    return policy.can(user, Capability.OMBUDSMAN)


def ombudsman_cases_decided(*, selection: engine.Selection) -> QuerySet[OmbudsmanCase]:
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
        .order_by("-decided", "reference")
    )


def ombudsman_cases_page(
    *, selection: engine.Selection, user: Any, page: str | None
) -> Page[Any]:
    """One page of the decided cases; without the Ombudsman role, approved wording only."""
    found = Paginator(
        ombudsman_cases_decided(selection=selection), OMBUDSMAN_CASES_PER_PAGE
    ).get_page(page)
    cases = list(found.object_list)
    if sees_case_text(user):
        for case in cases:
            case.finding = ""
    else:
        published = approved_wording(
            purpose=PublishedText.Purpose.OMBUDSMAN_FINDING,
            source_ids=[c.pk for c in cases],
        )
        for case in cases:
            # §6.1: no text as typed, no reference; only an approved published version.
            case.summary = case.requirement = case.lessons = case.reference = ""
            case.finding = published.get(case.pk, "")
    found.object_list = cases
    return found


def _shown(value: Any, write: Any) -> Any:
    """A figure written out, or as it is when hidden (already the text it reads as)."""
    return value if isinstance(value, str) else write(value)


def _family_rows(
    figures: dict[str, Any], links: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """Each family's panel: received, and an average per day basis over its own records."""
    families = []
    for family, label in FAMILY_LABELS.items():
        group = figures["by_family"][family]
        family_links = (links or {}).get("families", {}).get(family, {})
        bases = [
            {
                "key": basis,
                "label": DAY_BASIS_LABELS[basis],
                "received": part["received"],
                "hidden": isinstance(part["received"], str),
                "average_days": _shown(part["average_response_days"], whole_days),
                "link": family_links.get("bases", {}).get(basis),
            }
            for basis, part in group.get("by_day_basis", {}).items()
        ]
        families.append(
            {
                "key": family,
                "label": label,
                "received": group["received"],
                "average_days": _shown(group["average_response_days"], whole_days),
                "basis": DAY_BASIS_LABELS[group["day_basis"]],
                "bases": bases if len(bases) > 1 else [],
                "within_percent": _shown(
                    group["within_timescale_percent"], percent_text
                ),
                "responded": group["responded"],
                "link": family_links.get("received"),
            }
        )
    return families


def _quarter_chart(
    figures: dict[str, Any], *, noun: str, year: str, colour: str, chosen: str | None
) -> dict[str, Any] | None:
    """The year's quarters, the chosen one marked; None when there is nothing to draw."""
    by_quarter = figures["year_by_quarter"]
    if not any(n and not isinstance(n, str) for n in by_quarter.values()):
        return None
    # A hidden quarter is drawn as 0; the table beside the chart says what it is.
    drawn = {q: 0 if isinstance(n, str) else n for q, n in by_quarter.items()}
    return charts.quarterly_chart(
        by_quarter=drawn, subject=noun, year=year, colour=colour, chosen=chosen
    )


def _stage_panel(
    key: str,
    figures: dict[str, Any],
    *,
    target: float,
    stats: dict[str, Any],
    colour: str,
    links: dict[str, Any] | None,
) -> dict[str, Any]:
    noun = f"stage {key} complaints"
    outcome_links = (links or {}).get("outcomes", {})
    cards = [
        {
            "label": f"Stage {key} complaints {OUTCOME_EXPLAINED[o][0].lower()}"
            f"{OUTCOME_EXPLAINED[o][1:]}",
            "value": figures["outcomes"][o],
            "key": o,
            "link": outcome_links.get(o),
        }
        for o in MAIN_OUTCOMES
    ]
    others = [
        {
            "label": OUTCOME_EXPLAINED[o],
            "value": n,
            "key": o,
            "link": outcome_links.get(o),
        }
        for o, n in figures["outcomes"].items()
        if o not in MAIN_OUTCOMES and n
    ]
    percent = figures["within_timescale_percent"]
    chosen = stats["quarter"]
    quarter_links = (links or {}).get("quarters", {})
    return {
        "key": key,
        "title": f"Stage {key} complaints",
        "received": figures["received"],
        "cards": cards,
        "other_outcomes": others,
        "families": _family_rows(figures, links),
        "responded": figures["responded"],
        "within": figures["responded_within_timescale"],
        "within_percent": _shown(percent, percent_text),
        "within_extended_percent": _shown(
            figures["within_extended_timescale_percent"], percent_text
        ),
        "meets_target": None
        if percent is None or isinstance(percent, str)
        else percent >= target,
        "target_hidden": isinstance(percent, str),
        "average_calendar": _shown(
            figures["average_response_calendar_days"], whole_days
        ),
        "average_working": _shown(figures["average_response_working_days"], whole_days),
        "previous_year": figures["previous_year"],
        "difference": figures["difference"],
        "direction": figures["direction"],
        "sentence": figures["sentence"],
        "quarters": [
            {
                "quarter": q,
                "count": n,
                "chosen": q == chosen,
                "link": quarter_links.get(q),
            }
            for q, n in figures["year_by_quarter"].items()
        ],
        "chart": _quarter_chart(
            figures, noun=noun, year=stats["year"], colour=colour, chosen=chosen
        ),
        "chart_id": f"chart-stage-{key}",
        "links": links or {},
    }


def _ombudsman_rows(
    summary: dict[str, Any], links: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    rows = []
    for code, figures in summary.items():
        row_links = (links or {}).get(code, {})
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
                    {
                        "key": d,
                        "label": DECISION_LABELS.get(d, d),
                        "value": n,
                        "link": row_links.get("decisions", {}).get(d),
                    }
                    for d, n in figures["decisions"].items()
                    if n
                ],
                "links": row_links,
            }
        )
    return rows


def dashboard_data(
    *, selection: engine.Selection, user: Any = None, page: str | None = None
) -> dict[str, Any]:
    """Everything the dashboard shows for a selection, from one call of the engine.

    For staff without case access the figures follow §6.2 (`statistics_disclosed`), and
    the list of decided Ombudsman cases goes whenever it would reveal a hidden count.
    """
    council = Council.load()
    stats = engine.statistics_for(
        period=selection.period,
        directorate=selection.directorate,
        team=selection.team,
    )
    restricted = not sees_case_figures(user)
    if restricted:
        stats = statistics_disclosed(
            stats, threshold=council.small_number_threshold, as_text=True
        )
    target = stats["timescale_target_percent"]
    colour = council.brand_colour or "#1d4f91"
    links = figure_links(selection=selection, stats=stats, user=user)
    stages = [
        _stage_panel(
            k,
            f,
            target=target,
            stats=stats,
            colour=colour,
            links=links["stages"][k] if links else None,
        )
        for k, f in stats["stages"].items()
    ]
    contacts = [
        {
            "key": kind,
            "label": CONTACT_LABELS[kind],
            **stats["contacts"][kind],
            "links": links["contacts"][kind] if links else {},
        }
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
        "ombudsman_rows": _ombudsman_rows(
            stats["ombudsman"],
            None
            if restricted
            else ombudsman_links(selection=selection, stats=stats, user=user),
        ),
        "ombudsman_cases": ombudsman_cases_page(
            selection=selection, user=user, page=page
        ),
        "ombudsman_cases_hidden": restricted
        and any(path.startswith("ombudsman.") for path in stats["suppressed"]),
        "restricted": restricted,
        "query_string": urlencode(query),
        "previous_year": stats["stages"]["1"]["previous_year"]["year"],
        "as_of": long_date(stats["as_of"]) if stats["as_of"] else None,
        "to_date_end": long_date(
            stats["stages"]["1"]["previous_year"]["to_date"]["end"]
        )
        if stats["as_of"]
        else None,
        "links": links is not None,
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


def published_panels(stats: dict[str, Any]) -> dict[str, Any]:
    """The dashboard's panels for published figures already hidden as text (no links)."""
    council = Council.load()
    target = stats["timescale_target_percent"]
    colour = council.brand_colour or "#1d4f91"
    previous = stats["stages"]["1"]["previous_year"]
    return {
        "stats": stats,
        "title": selection_title(stats),
        "start": long_date(stats["start"]),
        "end": long_date(stats["end"]),
        "target": target,
        "stages": [
            _stage_panel(k, f, target=target, stats=stats, colour=colour, links=None)
            for k, f in stats["stages"].items()
        ],
        "contacts": [
            {"key": kind, "label": CONTACT_LABELS[kind], **stats["contacts"][kind]}
            for kind in CONTACT_ORDER
        ],
        "ombudsman_rows": _ombudsman_rows(stats["ombudsman"]),
        "previous_year": previous["year"],
        "as_of": long_date(stats["as_of"]) if stats["as_of"] else None,
        "to_date_end": long_date(previous["to_date"]["end"])
        if stats["as_of"]
        else None,
        "year_short": stats["year"][:5] + stats["year"][-2:],
        "previous_short": previous["year"][:5] + previous["year"][-2:],
    }
