"""Remedies tracked to delivery: the date promised, the date delivered and by whom (Code 7.1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from putright.audit.services import audit_record, snapshot
from putright.complaints.models import Remedy
from putright.complaints.services.base import (
    CaseworkError,
    _bump_case,
    _check_date,
    _lock_stage,
    _require,
)

REMEDY_AUDIT_FIELDS = ["due", "delivered_on", "delivered_by"]


def remedy_deliver(
    *,
    remedy: Remedy,
    by: Any,
    version: int,
    due: dt.date | None,
    delivered_on: dt.date | None,
    delivered_by: Any = None,
) -> Remedy:
    """Record when a remedy is due and when, and by whom, it was delivered; audited."""
    if delivered_on is not None:
        _check_date(delivered_on, field="delivered_on", label="The date delivered")
    if delivered_on is None and delivered_by is not None:
        raise CaseworkError(
            "Enter the date the remedy was delivered, or leave who delivered it blank.",
            field="delivered_on",
        )
    with transaction.atomic():
        case, stage = _lock_stage(remedy.stage, version)
        _require(by, stage, "remedy")
        remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
        responded = stage.responded
        if delivered_on is not None and responded and delivered_on < responded:
            raise CaseworkError(
                "The date delivered cannot be before the response offering the remedy "
                "was sent.",
                field="delivered_on",
            )
        before = snapshot(remedy, REMEDY_AUDIT_FIELDS)
        remedy.due = due
        remedy.delivered_on = delivered_on
        if delivered_on is None:
            remedy.delivered_by = None
        else:
            remedy.delivered_by = delivered_by or (
                by if getattr(by, "is_authenticated", False) else None
            )
        remedy.save(update_fields=REMEDY_AUDIT_FIELDS)
        _bump_case(case)
        audit_record(
            actor=by,
            verb="remedy.delivered" if delivered_on else "remedy.updated",
            target=remedy,
            case=case,
            before=before,
            after=snapshot(remedy, REMEDY_AUDIT_FIELDS),
        )
    return remedy


def remedies_undelivered(case: Any) -> list[Remedy]:
    """The remedies offered at any stage of the case and not yet delivered."""
    return list(
        Remedy.objects.filter(stage__case=case, delivered_on__isnull=True)
        .select_related("stage")
        .order_by("stage__number", "type")
    )
