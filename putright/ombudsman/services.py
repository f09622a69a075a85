"""Writes to Ombudsman cases: logging, decisions and recommendation compliance (§8.7)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from putright.accounts import policy
from putright.accounts.policy import Capability
from putright.audit.services import audit_record, snapshot
from putright.complaints.constants import Ombudsman
from putright.complaints.models import Case
from putright.core.errors import ServiceError
from putright.ombudsman.models import (
    DECISIONS_BY_OMBUDSMAN,
    HO_FINDINGS,
    OmbudsmanCase,
    OmbudsmanFinding,
    Recommendation,
)
from putright.organisation.models import Directorate, Team

CASE_FIELDS = [
    "reference",
    "ombudsman",
    "complaint_reference",
    "received",
    "is_investigation",
    "decided",
    "decision",
    "satisfactory_remedy_by_council",
    "remedy_amount",
    "is_public_report",
    "recommendations",
    "recommendations_on_time",
    "recommendations_late",
]
FINDING_FIELDS = ["element", "finding", "order"]
RECOMMENDATION_FIELDS = [
    "type",
    "description",
    "amount",
    "due",
    "completed_on",
    "compliance",
]


def _today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


def ombudsman_case_log(
    *,
    by: Any,
    reference: str,
    ombudsman: str,
    received: dt.date,
    complaint_reference: str = "",
    directorate: Directorate | None = None,
    team: Team | None = None,
    category: str = "",
    is_investigation: bool = False,
    summary: str = "",
) -> OmbudsmanCase:
    """Record an Ombudsman enquiry, linked to the council's case when the reference matches."""
    policy.require(by, Capability.OMBUDSMAN)
    if received > _today():
        raise ServiceError(
            "The date received must be today or in the past.", field="received"
        )
    linked = None
    if complaint_reference:
        linked = Case.objects.filter(reference=complaint_reference.strip()).first()
        if linked is None:
            raise ServiceError(
                "There is no case with that reference. Leave it blank if the complaint "
                "is not in this system.",
                field="complaint_reference",
            )
        if directorate is None:
            # A case is created with its first stage, so there is always one.
            stage = linked.stages.order_by("-number")[0]
            directorate, team = stage.directorate, team or stage.team
    try:
        with transaction.atomic():
            item = OmbudsmanCase.objects.create(
                reference=reference.strip(),
                ombudsman=ombudsman,
                case=linked,
                complaint_reference=complaint_reference.strip(),
                directorate=directorate,
                team=team,
                category=category,
                received=received,
                is_investigation=is_investigation,
                summary=summary,
            )
            audit_record(
                actor=by,
                verb="ombudsman.logged",
                target=item,
                case=linked,
                after=snapshot(item, CASE_FIELDS),
            )
    except IntegrityError as error:
        raise ServiceError(
            "An Ombudsman case with this reference already exists.", field="reference"
        ) from error
    return item


def ombudsman_decision_record(
    *,
    item: OmbudsmanCase,
    by: Any,
    decided: dt.date,
    decision: str,
    satisfactory_remedy_by_council: bool = False,
    remedy_amount: Decimal | None = None,
    is_public_report: bool = False,
    requirement: str = "",
    lessons: str = "",
) -> OmbudsmanCase:
    """Record the decision in the Ombudsman's own vocabulary (LGSCO or Housing Ombudsman)."""
    policy.require(by, Capability.OMBUDSMAN)
    if decision not in DECISIONS_BY_OMBUDSMAN[item.ombudsman]:
        raise ServiceError(
            f"Choose a decision that the {item.get_ombudsman_display()} uses.",
            field="decision",
        )
    if decided > _today() or decided < item.received:
        raise ServiceError(
            "The decision date must be between the date received and today.",
            field="decided",
        )
    with transaction.atomic():
        item = OmbudsmanCase.objects.select_for_update().get(pk=item.pk)
        before = snapshot(item, CASE_FIELDS)
        item.decided = decided
        item.decision = decision
        item.satisfactory_remedy_by_council = satisfactory_remedy_by_council
        item.remedy_amount = remedy_amount
        item.is_public_report = is_public_report
        item.requirement = requirement
        item.lessons = lessons
        item.save(
            update_fields=[
                "decided",
                "decision",
                "satisfactory_remedy_by_council",
                "remedy_amount",
                "is_public_report",
                "requirement",
                "lessons",
                "updated_at",
            ]
        )
        audit_record(
            actor=by,
            verb="ombudsman.decided",
            target=item,
            case=item.case,
            before=before,
            after=snapshot(item, CASE_FIELDS),
        )
    return item


def _recount(item: OmbudsmanCase) -> None:
    """Keep the case's recommendation counts in step with its tracked recommendations."""
    items = list(item.recommendation_items.values_list("compliance", flat=True))
    item.recommendations = len(items)
    item.recommendations_on_time = items.count(Recommendation.Compliance.COMPLIED)
    item.recommendations_late = items.count(Recommendation.Compliance.COMPLIED_LATE)
    item.save(
        update_fields=[
            "recommendations",
            "recommendations_on_time",
            "recommendations_late",
            "updated_at",
        ]
    )


IMPORTED_RECOMMENDATION = (
    "Recommendation {n} of {total} (imported: the file gives counts only)."
)


def recommendations_from_counts(
    total: int | None, on_time: int | None, late: int | None
) -> list[dict[str, Any]]:
    """Recommendation items for imported counts, so that the list and the counts agree
    (`_recount` gives back the same three numbers): the on-time ones complied with, then
    the late ones, the rest pending. Type "other", no due date: a file has neither."""
    on_time, late = on_time or 0, late or 0
    total = max(total or 0, on_time + late)
    compliance = (
        [Recommendation.Compliance.COMPLIED] * on_time
        + [Recommendation.Compliance.COMPLIED_LATE] * late
        + [Recommendation.Compliance.PENDING] * (total - on_time - late)
    )
    return [
        {
            "type": Recommendation.Type.OTHER,
            "description": IMPORTED_RECOMMENDATION.format(n=n, total=total),
            "compliance": state,
        }
        for n, state in enumerate(compliance, start=1)
    ]


def recommendation_add(
    *,
    item: OmbudsmanCase,
    by: Any,
    type: str,  # noqa: A002 - the model's field name
    description: str,
    due: dt.date,
    amount: Decimal | None = None,
) -> Recommendation:
    """Track a recommendation or order with its due date, pending until complied with."""
    policy.require(by, Capability.OMBUDSMAN)
    with transaction.atomic():
        item = OmbudsmanCase.objects.select_for_update().get(pk=item.pk)
        recommendation = Recommendation.objects.create(
            ombudsman_case=item,
            type=type,
            description=description,
            amount=amount,
            due=due,
        )
        _recount(item)
        audit_record(
            actor=by,
            verb="ombudsman.recommendation_added",
            target=recommendation,
            case=item.case,
            after=snapshot(recommendation, RECOMMENDATION_FIELDS),
        )
    return recommendation


def recommendation_update(
    *,
    recommendation: Recommendation,
    by: Any,
    completed_on: dt.date | None,
    not_complied: bool = False,
) -> Recommendation:
    """Record compliance: on time when completed by the due date, late after it."""
    policy.require(by, Capability.OMBUDSMAN)
    if completed_on and not_complied:
        raise ServiceError(
            "A recommendation cannot be both completed and not complied with.",
            field="not_complied",
        )
    if completed_on and completed_on > _today():
        raise ServiceError(
            "The completion date must be today or in the past.", field="completed_on"
        )
    with transaction.atomic():
        item = OmbudsmanCase.objects.select_for_update().get(
            pk=recommendation.ombudsman_case_id
        )
        recommendation = Recommendation.objects.get(pk=recommendation.pk)
        before = snapshot(recommendation, RECOMMENDATION_FIELDS)
        recommendation.completed_on = completed_on
        if not_complied:
            recommendation.compliance = Recommendation.Compliance.NOT_COMPLIED
        elif completed_on is None:
            recommendation.compliance = Recommendation.Compliance.PENDING
        elif recommendation.due is None or completed_on <= recommendation.due:
            recommendation.compliance = Recommendation.Compliance.COMPLIED
        else:
            recommendation.compliance = Recommendation.Compliance.COMPLIED_LATE
        recommendation.save(update_fields=["completed_on", "compliance", "updated_at"])
        _recount(item)
        audit_record(
            actor=by,
            verb="ombudsman.recommendation_updated",
            target=recommendation,
            case=item.case,
            before=before,
            after=snapshot(recommendation, RECOMMENDATION_FIELDS),
        )
    return recommendation


def finding_add(
    *, item: OmbudsmanCase, by: Any, element: str, finding: str
) -> OmbudsmanFinding:
    """Record the Housing Ombudsman's finding on one element of the complaint, after
    the findings already recorded."""
    policy.require(by, Capability.OMBUDSMAN)
    if item.ombudsman != Ombudsman.HO:
        raise ServiceError(
            "Findings on each part of a complaint are recorded for the Housing "
            "Ombudsman only.",
            field="finding",
        )
    if finding not in HO_FINDINGS:
        raise ServiceError(
            "Choose a finding that the Housing Ombudsman uses.", field="finding"
        )
    element = element.strip()
    if not element:
        raise ServiceError(
            "Enter the part of the complaint the finding is about.", field="element"
        )
    with transaction.atomic():
        item = OmbudsmanCase.objects.select_for_update().get(pk=item.pk)
        last = item.findings.order_by("-order").values_list("order", flat=True).first()
        recorded = OmbudsmanFinding.objects.create(
            ombudsman_case=item,
            element=element[:100],
            finding=finding,
            order=(last or 0) + 1,
        )
        audit_record(
            actor=by,
            verb="ombudsman.finding_added",
            target=recorded,
            case=item.case,
            after=snapshot(recorded, FINDING_FIELDS),
        )
    return recorded


def finding_remove(*, recorded: OmbudsmanFinding, by: Any) -> None:
    """Remove a finding recorded in error (the audit trail keeps what it was)."""
    policy.require(by, Capability.OMBUDSMAN)
    with transaction.atomic():
        item = OmbudsmanCase.objects.select_for_update().get(
            pk=recorded.ombudsman_case_id
        )
        recorded = OmbudsmanFinding.objects.get(pk=recorded.pk)
        audit_record(
            actor=by,
            verb="ombudsman.finding_removed",
            target=recorded,
            case=item.case,
            before=snapshot(recorded, FINDING_FIELDS),
        )
        recorded.delete()
