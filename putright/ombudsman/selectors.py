"""Reads of Ombudsman cases for the complaints team's pages."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from putright.ombudsman.models import OmbudsmanCase, Recommendation


def ombudsman_case_list(
    *, ombudsman: str = "", state: str = "", q: str = ""
) -> QuerySet[OmbudsmanCase]:
    """Ombudsman cases, newest first, with their pending recommendations counted."""
    qs = OmbudsmanCase.objects.select_related("case", "directorate").annotate(
        pending=Count(
            "recommendation_items",
            filter=Q(
                recommendation_items__compliance=Recommendation.Compliance.PENDING
            ),
        )
    )
    if ombudsman:
        qs = qs.filter(ombudsman=ombudsman)
    if state == "open":
        qs = qs.filter(decided__isnull=True)
    elif state == "decided":
        qs = qs.filter(decided__isnull=False)
    if q.strip():
        qs = qs.filter(
            Q(reference__icontains=q.strip())
            | Q(complaint_reference__icontains=q.strip())
        )
    return qs.order_by("-received", "-pk")
