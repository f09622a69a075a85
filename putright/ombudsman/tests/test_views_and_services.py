"""Ombudsman casework: complaints team only; decisions in the right vocabulary; compliance."""

import datetime as dt

import pytest
from django.urls import reverse

from putright.audit.models import AuditEvent
from putright.complaints.tests.factories import CaseFactory, StageFactory
from putright.core.errors import ServiceError
from putright.ombudsman import services
from putright.ombudsman.models import Decision, OmbudsmanCase, Recommendation
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory


@pytest.fixture
def item(db):
    return OmbudsmanCaseFactory(received=dt.date(2025, 6, 1))


# A head of service (carol) reads the list of their own services' cases (issue 9; the
# scope table is test_scope.py): this case is about no service of hers, so its page is a
# 404. Recording and deciding stay with the complaints team.
@pytest.mark.parametrize(
    ("persona", "statuses"),
    [
        ("alice", (200, 200, 200, 200)),
        ("carol", (200, 404, 403, 403)),
        ("bob", (403, 403, 403, 403)),
        ("erin", (403, 403, 403, 403)),
        ("admin_user", (403, 403, 403, 403)),
    ],
)
def test_only_complaints_team_reaches_ombudsman_pages(
    client, request, item, persona, statuses
):
    client.force_login(request.getfixturevalue(persona))
    urls = (
        reverse("ombudsman:list"),
        reverse("ombudsman:detail", args=[item.pk]),
        reverse("ombudsman:decision", args=[item.pk]),
        reverse("ombudsman:new"),
    )
    for url, status in zip(urls, statuses, strict=True):
        assert client.get(url).status_code == status, url


def test_log_links_to_council_case_and_takes_its_service(alice, childrens):
    case = CaseFactory(reference="CMP-2025-000010")
    StageFactory(case=case, directorate=childrens)
    item = services.ombudsman_case_log(
        by=alice,
        reference="25 001 234",
        ombudsman="lgsco",
        received=dt.date(2025, 9, 1),
        complaint_reference="CMP-2025-000010",
    )
    assert item.case == case
    assert item.directorate == childrens
    assert AuditEvent.objects.filter(case=case, verb="ombudsman.logged").exists()


def test_log_with_unknown_case_reference_is_refused(alice):
    with pytest.raises(ServiceError) as error:
        services.ombudsman_case_log(
            by=alice,
            reference="25 001 235",
            ombudsman="lgsco",
            received=dt.date(2025, 9, 1),
            complaint_reference="NOPE-1",
        )
    assert error.value.field == "complaint_reference"
    assert not OmbudsmanCase.objects.filter(reference="25 001 235").exists()


def test_duplicate_reference_is_refused_clearly(alice, item):
    with pytest.raises(ServiceError, match="already exists"):
        services.ombudsman_case_log(
            by=alice,
            reference=item.reference,
            ombudsman="lgsco",
            received=dt.date(2025, 9, 1),
        )


def test_decision_must_be_in_the_ombudsmans_vocabulary(alice, item):
    with pytest.raises(ServiceError):
        services.ombudsman_decision_record(
            item=item,
            by=alice,
            decided=dt.date(2025, 10, 1),
            decision=Decision.MALADMINISTRATION,
        )
    item = services.ombudsman_decision_record(
        item=item, by=alice, decided=dt.date(2025, 10, 1), decision=Decision.UPHELD
    )
    assert item.finds_fault


def test_compliance_on_time_late_and_counts(alice, item):
    first = services.recommendation_add(
        item=item,
        by=alice,
        type="apology",
        description="Apologise.",
        due=dt.date(2025, 11, 1),
    )
    second = services.recommendation_add(
        item=item,
        by=alice,
        type="payment",
        description="Pay £200.",
        due=dt.date(2025, 11, 1),
    )
    services.recommendation_update(
        recommendation=first, by=alice, completed_on=dt.date(2025, 10, 30)
    )
    services.recommendation_update(
        recommendation=second, by=alice, completed_on=dt.date(2025, 11, 3)
    )
    item.refresh_from_db()
    assert Recommendation.objects.get(pk=first.pk).compliance == "complied"
    assert Recommendation.objects.get(pk=second.pk).compliance == "complied_late"
    assert (
        item.recommendations,
        item.recommendations_on_time,
        item.recommendations_late,
    ) == (
        2,
        1,
        1,
    )


def test_decision_form_page_offers_only_that_ombudsmans_decisions(client, alice, item):
    client.force_login(alice)
    body = client.get(reverse("ombudsman:decision", args=[item.pk])).content.decode()
    assert "Closed after initial enquiries" in body
    assert "Severe maladministration" not in body


def test_bad_decision_post_shows_error_and_changes_nothing(client, alice, item):
    client.force_login(alice)
    response = client.post(
        reverse("ombudsman:decision", args=[item.pk]),
        {"decided": "2025-05-01", "decision": "upheld"},
    )
    assert "There is a problem" in response.content.decode()
    item.refresh_from_db()
    assert item.decision == ""
