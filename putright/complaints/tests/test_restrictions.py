import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from putright.audit.models import AuditEvent
from putright.complaints import services
from putright.complaints.models import Restriction
from putright.complaints.services.base import CaseworkError
from putright.complaints.tests.factories import CaseFactory, StageFactory

pytestmark = pytest.mark.django_db
START = dt.date(2024, 5, 1)


def _record(case, by, approved_by, **extra):
    data = {
        "starts_on": START,
        "reason": Restriction.Reason.EXCESSIVE_CONTACT,
        "restricts": "Telephone contact limited to Tuesdays, 10 to 12",
        "review_on": dt.date(2024, 11, 1),
        "reason_details": "Forty calls in a week to the same team",
    }
    data.update(extra)
    return services.restriction_record(
        case=case, by=by, approved_by=approved_by, **data
    )


@pytest.fixture
def case(childrens):
    stage = StageFactory(directorate=childrens)
    return stage.case


def test_the_complaints_team_records_a_restriction_a_manager_approved(
    case, alice, carol
):
    restriction = _record(case, alice, carol)
    assert restriction.case == case
    assert restriction.approved_by == carol
    event = AuditEvent.objects.get(verb="restriction.recorded")
    assert event.case_id == case.pk
    # The details are free text: the event keeps that they were given, not the words.
    assert "Forty calls" not in str(event.after)
    assert "Tuesdays" not in str(event.after)


def test_a_service_officer_may_not_record_or_approve(case, alice, bob, carol):
    with pytest.raises(PermissionDenied):
        _record(case, bob, carol)
    with pytest.raises(CaseworkError) as error:
        _record(case, alice, bob)
    assert error.value.field == "approved_by"
    assert not Restriction.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"review_on": START}, "review_on"),
        ({"review_on": dt.date(2025, 6, 1)}, "review_on"),
        ({"restricts": "  "}, "restricts"),
        ({"reason": "rude"}, "reason"),
    ],
)
def test_bad_input_is_refused_with_the_field(case, alice, carol, extra, field):
    with pytest.raises(CaseworkError) as error:
        _record(case, alice, carol, **extra)
    assert error.value.field == field
    assert not Restriction.objects.exists()


def test_review_keeps_or_ends_it(case, alice, carol):
    restriction = _record(case, alice, carol)
    assert restriction.is_review_due_on(dt.date(2024, 11, 1))
    kept = services.restriction_review(
        restriction=restriction,
        by=alice,
        reviewed_on=dt.date(2024, 11, 1),
        next_review_on=dt.date(2025, 5, 1),
    )
    assert not kept.is_review_due_on(dt.date(2024, 11, 2))
    ended = services.restriction_review(
        restriction=kept, by=alice, reviewed_on=dt.date(2025, 5, 1)
    )
    assert ended.ended_on == dt.date(2025, 5, 1)
    assert not ended.is_review_due_on(dt.date(2026, 1, 1))


def test_another_case_of_the_same_person_is_separate(alice, carol, childrens):
    first = StageFactory(directorate=childrens).case
    second = CaseFactory()
    _record(first, alice, carol)
    assert second.restrictions.count() == 0
