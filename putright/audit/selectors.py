"""Reads of the audit trail shared by the record-access page and its download."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from putright.audit.constants import READ_PREFIX
from putright.audit.models import AuditEvent


def read_event_list(
    *,
    user: Any = None,
    kind: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Who viewed or downloaded which record, newest first (RULES §8.9 accountability)."""
    events = AuditEvent.objects.filter(verb__startswith=READ_PREFIX)
    if user is not None:
        events = events.filter(actor=user)
    if kind:
        events = events.filter(verb=kind)
    if date_from is not None:
        events = events.filter(at__date__gte=date_from)
    if date_to is not None:
        events = events.filter(at__date__lte=date_to)
    # Only the columns the page shows: never the case's own fields.
    return (
        events.select_related("actor", "case")
        .only(
            "at",
            "verb",
            "target_type",
            "target_id",
            "target_label",
            "after",
            "actor__username",
            "case__reference",
        )
        .order_by("-at", "-pk")
    )
