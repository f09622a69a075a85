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


def _post(client, case, carol, **extra):
    data = {
        "starts_on": "2024-05-01",
        "reason": "abusive",
        "restricts": "Written contact only",
        "review_on": "2024-11-01",
        "approved_by": str(carol.pk),
    }
    data.update(extra)
    return client.post(f"/cases/{case.reference}/restrictions/new/", data)


def test_recorded_from_the_case_page_and_shown_on_it(client, case, alice, carol):
    client.force_login(alice)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Record a restriction on contact" in page
    assert _post(client, case, carol).status_code == 302
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Written contact only" in page
    assert "Review by 1 November 2024" in page


def test_the_form_says_what_is_wrong_and_stores_nothing(client, case, alice, carol):
    client.force_login(alice)
    response = _post(client, case, carol, review_on="2024-04-01")
    assert response.status_code == 400
    assert "The review date must be after the date the restriction starts" in (
        response.content.decode()
    )
    assert not Restriction.objects.exists()


def test_the_list_shows_reviews_due_first(client, case, alice, carol, childrens):
    later = StageFactory(directorate=childrens).case
    today = dt.date.today()
    _record(
        later, alice, carol, starts_on=today, review_on=today + dt.timedelta(days=90)
    )
    _record(case, alice, carol)  # review 1 November 2024: due
    client.force_login(alice)
    page = client.get("/cases/restrictions/").content.decode()
    assert "1 review due." in page
    assert page.index(case.reference) < page.index(later.reference)


def test_a_service_officer_sees_the_restriction_but_cannot_record_one(
    client, alice, bob, carol, send_team
):
    stage = StageFactory(directorate=send_team.directorate, team=send_team, handler=bob)
    _record(stage.case, alice, carol)
    client.force_login(bob)
    page = client.get(stage.case.get_absolute_url()).content.decode()
    assert "Telephone contact limited to Tuesdays" in page
    assert "Record a restriction on contact" not in page
    assert client.get("/cases/restrictions/").status_code == 403
    assert _post(client, stage.case, carol).status_code == 403
