"""Housing Ombudsman findings on each part of a complaint: recorded in order, audited,
Housing Ombudsman cases only, the complaints team only."""

import datetime as dt

import pytest
from django.urls import reverse

from putright.audit.models import AuditEvent
from putright.core.errors import ServiceError
from putright.ombudsman import services
from putright.ombudsman.models import OmbudsmanFinding
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory


@pytest.fixture
def ho_case(db):
    return OmbudsmanCaseFactory(ombudsman="ho", received=dt.date(2025, 6, 1))


def test_findings_are_numbered_in_the_order_recorded_and_audited(alice, ho_case):
    first = services.finding_add(
        item=ho_case,
        by=alice,
        element="Repairs & Maintenance",
        finding="maladministration",
    )
    second = services.finding_add(
        item=ho_case,
        by=alice,
        element="  Complaint Handling ",
        finding="no_maladministration",
    )
    assert (first.order, second.order) == (1, 2)
    assert second.element == "Complaint Handling"
    event = AuditEvent.objects.get(verb="ombudsman.finding_added", target_id=second.pk)
    # Typed text is not kept in the audit trail, only that it was given and its length.
    assert event.after == {
        "element": {"text": "given", "length": 18},
        "finding": "no_maladministration",
        "order": 2,
    }
    assert event.target_label == "Finding 2"
    services.finding_remove(recorded=first, by=alice)
    assert list(ho_case.findings.values_list("order", flat=True)) == [2]
    removed = AuditEvent.objects.get(verb="ombudsman.finding_removed")
    assert removed.before["finding"] == "maladministration"
    # A finding added after a removal follows the last one still recorded.
    third = services.finding_add(
        item=ho_case, by=alice, element="Damp & Mould", finding="service_failure"
    )
    assert third.order == 3


def test_findings_are_refused_outside_the_housing_ombudsmans_vocabulary(alice, ho_case):
    with pytest.raises(ServiceError, match="Housing Ombudsman uses"):
        services.finding_add(
            item=ho_case, by=alice, element="Repairs", finding="upheld"
        )
    with pytest.raises(ServiceError, match="part of the complaint"):
        services.finding_add(
            item=ho_case, by=alice, element="  ", finding="maladministration"
        )
    lgsco = OmbudsmanCaseFactory(ombudsman="lgsco", received=dt.date(2025, 6, 1))
    with pytest.raises(ServiceError, match="Housing Ombudsman only"):
        services.finding_add(
            item=lgsco, by=alice, element="Repairs", finding="maladministration"
        )
    assert not OmbudsmanFinding.objects.exists()


def test_the_case_page_records_and_removes_findings(client, alice, ho_case):
    client.force_login(alice)
    page = client.get(ho_case.get_absolute_url()).content.decode()
    assert "Findings on each part of the complaint" in page
    assert "Record a finding" in page
    response = client.post(
        reverse("ombudsman:finding_new", args=[ho_case.pk]),
        {"element": "Damp & Mould", "finding": "severe_maladministration"},
    )
    assert response.status_code == 302
    page = client.get(ho_case.get_absolute_url()).content.decode()
    assert "Damp &amp; Mould" in page
    assert "Severe maladministration" in page
    recorded = ho_case.findings.get()
    response = client.post(
        reverse("ombudsman:finding_remove", args=[ho_case.pk, recorded.pk])
    )
    assert response.status_code == 302
    assert not ho_case.findings.exists()


def test_only_the_complaints_team_records_findings(client, bob, ho_case):
    client.force_login(bob)
    url = reverse("ombudsman:finding_new", args=[ho_case.pk])
    assert client.get(url).status_code == 403
    assert (
        client.post(
            url, {"element": "Repairs", "finding": "maladministration"}
        ).status_code
        == 403
    )
    assert not OmbudsmanFinding.objects.exists()


def test_an_lgsco_case_has_no_findings_page(client, alice):
    lgsco = OmbudsmanCaseFactory(ombudsman="lgsco", received=dt.date(2025, 6, 1))
    client.force_login(alice)
    assert (
        "Record a finding" not in client.get(lgsco.get_absolute_url()).content.decode()
    )
    url = reverse("ombudsman:finding_new", args=[lgsco.pk])
    assert client.get(url).status_code == 404
