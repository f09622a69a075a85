"""The draft letters staff open from the case page (issue 9): no blank, no staff note."""

import datetime as dt

import pytest
from django.urls import reverse

from putright.complaints import services
from putright.complaints.constants import Outcome, RemedyType
from putright.complaints.models import Case
from putright.complaints.tests.factories import logged_complaint

STAFF_NOTE = "Mrs Patel is housebound"


@pytest.fixture
def case(alice, childrens, send_team):
    return logged_complaint(
        by=alice,
        directorate=childrens,
        team=send_team,
        contact_name="Pat Example",
        summary=f"Phoned in. {STAFF_NOTE}.",
    )


def _version(case):
    return Case.objects.get(pk=case.pk).version


def test_the_acknowledge_form_never_starts_from_the_staff_summary(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "acknowledge"])
    page = client.get(url).content.decode()
    assert STAFF_NOTE not in page
    assert "Leave out internal notes" in page


def test_a_draft_response_before_the_decision_has_no_blank(client, alice, case):
    stage = services.stage_acknowledge(
        stage=case.stages.get(),
        by=alice,
        version=_version(case),
        acknowledged=dt.date.today(),
        understanding="You told us nobody replied.",
    )
    client.force_login(alice)
    url = reverse("complaints:letter", args=[case.reference, stage.number, "response"])
    body = client.get(url).content.decode()
    assert "Our stage 1 response" in body
    assert "Your complaint is" not in body
    assert "not offering a remedy" not in body
    assert "Putting things right" not in body


def test_a_stage_two_draft_never_denies_the_stage_one_remedy(
    client, alice, carol, case
):
    stage = services.stage_acknowledge(
        stage=case.stages.get(),
        by=alice,
        version=_version(case),
        acknowledged=dt.date.today(),
        understanding="You told us nobody replied.",
    )
    stage = services.stage_response_save(
        stage=stage,
        by=alice,
        version=_version(case),
        outcome=Outcome.UPHELD,
        response_reasons="Policy 4.2 says we reply within 10 days.",
        understanding="You told us nobody replied.",
        remedies=[RemedyType.FINANCIAL],
        remedy_description="£50 for the time and trouble.",
        remedy_due=dt.date.today() + dt.timedelta(days=20),
        financial_remedy=50,
    )
    services.stage_respond(
        stage=stage, by=alice, version=_version(case), responded=dt.date.today()
    )
    two = services.stage_escalate(
        case=case, by=alice, version=_version(case), received=dt.date.today()
    )
    two = services.stage_acknowledge(
        stage=two,
        by=alice,
        version=_version(case),
        acknowledged=dt.date.today(),
        understanding="Whether stage 1 put it right.",
    )
    services.stage_response_save(
        stage=two,
        by=alice,
        version=_version(case),
        outcome=Outcome.NOT_UPHELD,
        response_reasons="Stage 1 put it right.",
        understanding="Whether stage 1 put it right.",
        remedies=[],
    )
    client.force_login(alice)
    url = reverse("complaints:letter", args=[case.reference, 2, "response"])
    body = client.get(url).content.decode()
    assert "Our stage 2 response" in body
    assert "not offering a remedy" not in body
