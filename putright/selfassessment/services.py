"""Writes to the self-assessment: start a year, answer a provision, sign off. All audited.

The complaints team edits (`Capability.ALL_CASES`); a signed-off year is locked. A new year
starts from the latest earlier year's answers, so the council revises rather than retypes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from putright.accounts.policy import Capability, can
from putright.audit.services import audit_record, snapshot
from putright.core.errors import ServiceError
from putright.selfassessment.models import Answer, SelfAssessment
from putright.selfassessment.provisions import BY_NUMBER, PROVISIONS

ANSWER_FIELDS = ["complies", "commentary", "action", "target_date"]
SIGN_OFF_FIELDS = ["signed_off_by", "signed_off_on", "minute_reference"]
EARLIEST_YEAR = 2020  # the first Code was published in 2020


def _require(user: Any) -> None:
    if not can(user, Capability.ALL_CASES):
        raise PermissionDenied("Only the complaints team edits the self-assessment.")


def assessment_start(*, first_year: int, by: Any) -> SelfAssessment:
    """Start the year's self-assessment, copying the latest earlier year's answers."""
    _require(by)
    this_year = timezone.localdate().year
    if not EARLIEST_YEAR <= first_year <= this_year + 1:
        raise ServiceError(
            f"Choose a year from {EARLIEST_YEAR} to {this_year + 1}.", field="year"
        )
    if SelfAssessment.objects.filter(first_year=first_year).exists():
        raise ServiceError(
            f"There is already a self-assessment for {first_year}/{first_year + 1}.",
            field="year",
        )
    previous = (
        SelfAssessment.objects.filter(first_year__lt=first_year)
        .order_by("-first_year")
        .first()
    )
    earlier = (
        {a.provision: a for a in previous.answers.all()} if previous is not None else {}
    )
    try:
        with transaction.atomic():
            assessment = SelfAssessment.objects.create(
                first_year=first_year,
                recorded_by=by if getattr(by, "is_authenticated", False) else None,
            )
            Answer.objects.bulk_create(
                Answer(
                    assessment=assessment,
                    provision=p.number,
                    complies=getattr(earlier.get(p.number), "complies", None),
                    commentary=getattr(earlier.get(p.number), "commentary", ""),
                    action=getattr(earlier.get(p.number), "action", ""),
                    target_date=getattr(earlier.get(p.number), "target_date", None),
                )
                for p in PROVISIONS
            )
            audit_record(
                actor=by,
                verb="self_assessment.started",
                target=assessment,
                after={
                    "first_year": first_year,
                    "copied_from": previous.first_year if previous else None,
                },
            )
    except IntegrityError as error:  # a colleague started the same year just now
        raise ServiceError(
            f"There is already a self-assessment for {first_year}/{first_year + 1}.",
            field="year",
        ) from error
    return assessment


def _check_locked(assessment: SelfAssessment) -> None:
    if assessment.is_locked:
        raise ServiceError(
            f"The {assessment.label} self-assessment was signed off on "
            f"{assessment.signed_off_on:%-d %B %Y} and cannot be changed.",
            field="__all__",
        )


def answer_save(
    *,
    assessment: SelfAssessment,
    provision: str,
    by: Any,
    complies: bool | None,
    commentary: str = "",
    action: str = "",
    target_date: dt.date | None = None,
) -> Answer:
    """Save the council's answer to one provision; a "no" needs an action and a date."""
    _require(by)
    _check_locked(assessment)
    if provision not in BY_NUMBER:
        raise ServiceError("There is no such provision.", field="provision")
    if complies is False and not action.strip():
        raise ServiceError(
            "Say what the council will do to comply, or how it meets the intention "
            "another way.",
            field="action",
        )
    if complies is False and target_date is None:
        raise ServiceError("Give a target date for the action.", field="target_date")
    with transaction.atomic():
        locked = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
        _check_locked(locked)
        answer, _created = Answer.objects.get_or_create(
            assessment=locked, provision=provision
        )
        before = snapshot(answer, ANSWER_FIELDS)
        answer.complies = complies
        answer.commentary = commentary.strip()
        answer.action = action.strip()
        answer.target_date = target_date
        answer.save()
        audit_record(
            actor=by,
            verb="self_assessment.answered",
            target=answer,
            before=before,
            after=snapshot(answer, ANSWER_FIELDS),
        )
    return answer


def assessment_sign_off(
    *,
    assessment: SelfAssessment,
    by: Any,
    signed_off_by: str,
    signed_off_on: dt.date,
    minute_reference: str,
) -> SelfAssessment:
    """Record the governing body's sign-off; the year is locked from then on."""
    _require(by)
    if not signed_off_by.strip():
        raise ServiceError(
            "Say who signed the self-assessment off.", field="signed_off_by"
        )
    if not minute_reference.strip():
        raise ServiceError(
            "Give the minute reference of the meeting.", field="minute_reference"
        )
    if signed_off_on > timezone.localdate():
        raise ServiceError(
            "The date of sign-off must be today or in the past.", field="signed_off_on"
        )
    with transaction.atomic():
        locked = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
        _check_locked(locked)
        unanswered = locked.answers.filter(complies__isnull=True).count()
        if unanswered:
            raise ServiceError(
                f"Answer every provision before sign-off: {unanswered} still "
                "without a yes or no.",
                field="__all__",
            )
        before = snapshot(locked, SIGN_OFF_FIELDS)
        locked.signed_off_by = signed_off_by.strip()
        locked.signed_off_on = signed_off_on
        locked.minute_reference = minute_reference.strip()
        locked.save()
        audit_record(
            actor=by,
            verb="self_assessment.signed_off",
            target=locked,
            before=before,
            after=snapshot(locked, SIGN_OFF_FIELDS),
        )
    return locked
