"""Restrictions on contact for unreasonable behaviour: recorded, approved, reviewed, ended.

Only the complaints team records one (`Capability.ALL_CASES`), and a manager or the
complaints team approves it (`SERVICE_OVERSIGHT` or `ALL_CASES`), as the LGSCO's guidance on
unreasonable complainant behaviour asks for a senior officer's decision and a review date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from putright.accounts.policy import Capability, can
from putright.audit.services import audit_record, snapshot
from putright.complaints.models import Case, Restriction
from putright.complaints.services.base import CaseworkError, _bump_case, _lock_case

AUDIT_FIELDS = [
    "starts_on",
    "reason",
    "reason_details",
    "restricts",
    "review_on",
    "approved_by",
    "ended_on",
]
# The longest a restriction may run before it is looked at again.
LONGEST_REVIEW_DAYS = 366


def may_approve(user: Any) -> bool:
    return bool(user) and (
        can(user, Capability.ALL_CASES) or can(user, Capability.SERVICE_OVERSIGHT)
    )


def _check(
    *,
    starts_on: dt.date,
    review_on: dt.date,
    reason: str,
    restricts: str,
    approved_by: Any,
) -> None:
    if reason not in Restriction.Reason.values:
        raise CaseworkError("Choose the reason for the restriction.", field="reason")
    if not restricts.strip():
        raise CaseworkError("Say what is restricted.", field="restricts")
    if review_on <= starts_on:
        raise CaseworkError(
            "The review date must be after the date the restriction starts.",
            field="review_on",
        )
    if (review_on - starts_on).days > LONGEST_REVIEW_DAYS:
        raise CaseworkError(
            "Review the restriction within 12 months of the date it starts.",
            field="review_on",
        )
    if approved_by is None or not may_approve(approved_by):
        raise CaseworkError(
            "The restriction must be approved by a manager or the complaints team.",
            field="approved_by",
        )


def restriction_record(
    *,
    case: Case,
    by: Any,
    starts_on: dt.date,
    reason: str,
    restricts: str,
    review_on: dt.date,
    approved_by: Any,
    reason_details: str = "",
) -> Restriction:
    """Record a restriction on the case; the complaints team only."""
    if not can(by, Capability.ALL_CASES):
        raise PermissionDenied("Only the complaints team records restrictions.")
    _check(
        starts_on=starts_on,
        review_on=review_on,
        reason=reason,
        restricts=restricts,
        approved_by=approved_by,
    )
    with transaction.atomic():
        locked = _lock_case(case, None)
        restriction = Restriction.objects.create(
            case=locked,
            starts_on=starts_on,
            reason=reason,
            reason_details=reason_details.strip(),
            restricts=restricts.strip(),
            review_on=review_on,
            approved_by=approved_by,
            recorded_by=by if getattr(by, "is_authenticated", False) else None,
        )
        _bump_case(locked)
        audit_record(
            actor=by,
            verb="restriction.recorded",
            target=restriction,
            case=locked,
            after=snapshot(restriction, AUDIT_FIELDS),
        )
    return restriction


def restriction_review(
    *,
    restriction: Restriction,
    by: Any,
    reviewed_on: dt.date,
    next_review_on: dt.date | None = None,
) -> Restriction:
    """Review a restriction: keep it to a new review date, or end it (no new date)."""
    if not can(by, Capability.ALL_CASES):
        raise PermissionDenied("Only the complaints team reviews restrictions.")
    if reviewed_on < restriction.starts_on:
        raise CaseworkError(
            "The review cannot be before the restriction started.", field="reviewed_on"
        )
    if next_review_on is not None and next_review_on <= reviewed_on:
        raise CaseworkError(
            "The next review date must be after this review.", field="next_review_on"
        )
    with transaction.atomic():
        locked = Restriction.objects.select_for_update().get(pk=restriction.pk)
        before = snapshot(locked, AUDIT_FIELDS)
        if next_review_on is None:
            locked.ended_on = reviewed_on
        else:
            locked.review_on = next_review_on
        locked.save(update_fields=["ended_on", "review_on", "updated_at"])
        audit_record(
            actor=by,
            verb="restriction.reviewed",
            target=locked,
            case=locked.case,
            before=before,
            after=snapshot(locked, AUDIT_FIELDS),
        )
    return locked
