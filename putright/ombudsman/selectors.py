"""Reads of Ombudsman cases: every one for the complaints team, a head of service's own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from putright.accounts import policy
from putright.accounts.policy import Capability
from putright.complaints.models import Stage
from putright.ombudsman.models import OmbudsmanCase, Recommendation


def ombudsman_scope(user: Any) -> Q:
    """The Ombudsman cases `user` may read: every one with the Ombudsman capability; for
    a head of service, those about their directorate (or, with no directorate recorded,
    about a complaint with a stage in it); for anyone else, none."""
    if policy.can(user, Capability.OMBUDSMAN):
        return Q()
    own = getattr(user, "directorate_id", None)
    if not policy.can(user, Capability.OMBUDSMAN_READ) or own is None:
        return Q(pk__in=[])
    stages = Stage.objects.filter(directorate_id=own).values("case_id")
    return Q(directorate_id=own) | Q(directorate__isnull=True, case_id__in=stages)


def sees_every_ombudsman_case(user: Any, *, directorate_id: int | None) -> bool:
    """Whether every Ombudsman case of a service (None: all services) is in `user`'s scope."""
    if policy.can(user, Capability.OMBUDSMAN):
        return True
    own = getattr(user, "directorate_id", None)
    return (
        policy.can(user, Capability.OMBUDSMAN_READ)
        and own is not None
        and directorate_id == own
    )


def ombudsman_case_get_for_user(*, user: Any, pk: int) -> OmbudsmanCase:
    """One Ombudsman case in the user's scope; outside it, a 404 that shows nothing."""
    return get_object_or_404(
        OmbudsmanCase.objects.filter(ombudsman_scope(user)).select_related(
            "case", "directorate", "team"
        ),
        pk=pk,
    )


@dataclass(frozen=True)
class FigureFilters:
    """The filters of a dashboard Ombudsman figure (docs/counting-rules.md §5): cases
    received, or decided, in a period; in a service and team; investigations; a decision."""

    directorate: int | None = None
    team: int | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    decided_from: dt.date | None = None
    decided_to: dt.date | None = None
    investigation: bool = False
    decision: str = ""

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def q(self) -> Q:
        found = Q()
        for name, lookup in (
            ("directorate", "directorate_id"),
            ("team", "team_id"),
            ("received_from", "received__gte"),
            ("received_to", "received__lte"),
            ("decided_from", "decided__gte"),
            ("decided_to", "decided__lte"),
            ("decision", "decision"),
        ):
            if getattr(self, name):
                found &= Q(**{lookup: getattr(self, name)})
        if self.investigation:
            found &= Q(is_investigation=True)
        return found


def ombudsman_case_list(
    *,
    user: Any,
    ombudsman: str = "",
    state: str = "",
    q: str = "",
    figure: FigureFilters | None = None,
) -> QuerySet[OmbudsmanCase]:
    """Ombudsman cases in the user's scope, newest first, pending recommendations counted."""
    qs = OmbudsmanCase.objects.filter(ombudsman_scope(user))
    if figure:
        qs = qs.filter(figure.q())
    qs = qs.select_related("case", "directorate").annotate(
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
