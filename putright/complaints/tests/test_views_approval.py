"""The approve page shows the response being approved; an approved response is ready to send."""

import datetime as dt

import pytest
import time_machine

from putright.complaints import services
from putright.complaints.constants import Outcome, RemedyType, StageStatus
from putright.complaints.models import Case, ProcedureStage
from putright.complaints.tests.factories import logged_complaint

# Tuesday 3 March 2026: received the day before.
TODAY = dt.datetime(2026, 3, 3, 10, 0, tzinfo=dt.UTC)
REASONS = "Policy 4.2 gives 10 working days; the reply took 30."
UNDERSTANDING = "The family waited six weeks for a reply about the EHC plan."
LEARNING = "Replies about EHC plans are now tracked weekly."


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def _version(case):
    return Case.objects.get(pk=case.pk).version


@pytest.fixture
def case(alice, bob, childrens, send_team):
    """bob's stage 1 response is with a manager for approval."""
    case = logged_complaint(
        by=alice,
        directorate=childrens,
        team=send_team,
        handler=bob,
        received=dt.date(2026, 3, 2),
    )
    stage = case.stages.get()
    ProcedureStage.objects.filter(
        procedure_id=stage.procedure_id, number=stage.number
    ).update(needs_approval=True)
    services.stage_acknowledge(
        stage=stage,
        by=bob,
        version=_version(case),
        acknowledged=dt.date(2026, 3, 3),
        understanding=UNDERSTANDING,
    )
    result = services.stage_response_submit(
        stage=case.stages.get(),
        by=bob,
        version=_version(case),
        step="approval",
        outcome=Outcome.UPHELD,
        response_reasons=REASONS,
        understanding=UNDERSTANDING,
        remedies=[RemedyType.APOLOGY, RemedyType.FINANCIAL],
        remedy_description="An apology and £75 for the time and trouble.",
        remedy_due=dt.date(2026, 3, 20),
        financial_remedy=75,
        learning=LEARNING,
    )
    assert result.refused == ""
    return Case.objects.get(pk=case.pk)


def test_approve_page_shows_the_response_being_approved(client, carol, case):
    client.force_login(carol)
    body = client.get(f"/cases/{case.reference}/actions/approve/").content.decode()
    assert "Upheld" in body
    assert REASONS in body
    assert UNDERSTANDING in body
    assert "£75" in body
    assert "Apology" in body
    assert LEARNING in body
    assert "Sent for approval by" in body
    # The letter as the complainant will read it.
    assert "The response letter" in body
    assert f"/cases/{case.reference}/stages/1/letters/response/" in body


def test_after_approval_the_case_is_approved_ready_to_send(client, carol, case):
    services.stage_approval_decide(
        stage=case.stages.get(), by=carol, version=_version(case), approve=True
    )
    client.force_login(carol)
    body = client.get(case.get_absolute_url()).content.decode()
    assert "Approved, ready to send" in body
    assert f"/cases/{case.reference}/actions/send/" in body
    # The list says the same.
    listed = client.get("/cases/?view=all").content.decode()
    assert "Approved, ready to send" in listed


def test_the_send_action_records_the_approved_response_as_sent(
    client, bob, carol, case
):
    services.stage_approval_decide(
        stage=case.stages.get(), by=carol, version=_version(case), approve=True
    )
    client.force_login(bob)
    url = f"/cases/{case.reference}/actions/send/"
    page = client.get(url).content.decode()
    assert REASONS in page
    response = client.post(url, {"version": _version(case), "responded": "2026-03-03"})
    assert response.status_code == 302
    stage = case.stages.get()
    assert stage.status == StageStatus.RESPONDED
    assert stage.responded == dt.date(2026, 3, 3)


def test_send_is_not_offered_before_approval(client, bob, case):
    client.force_login(bob)
    body = client.get(case.get_absolute_url()).content.decode()
    assert "Approved, ready to send" not in body
    assert f"/cases/{case.reference}/actions/send/" not in body
    response = client.get(f"/cases/{case.reference}/actions/send/")
    assert response.status_code == 302
    assert case.stages.get().responded is None


def test_a_returned_response_is_not_ready_to_send(client, carol, case):
    services.stage_approval_decide(
        stage=case.stages.get(),
        by=carol,
        version=_version(case),
        approve=False,
        comment="Say what the apology is for.",
    )
    client.force_login(carol)
    body = client.get(case.get_absolute_url()).content.decode()
    assert "Approved, ready to send" not in body


def test_the_person_who_asked_for_approval_is_not_offered_approve(
    client, alice, carol, case
):
    # alice (complaints team) may approve any response, but not one she sent for approval.
    stage = case.stages.get()
    stage.approval_requested_by = alice
    stage.save(update_fields=["approval_requested_by"])
    client.force_login(alice)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "/actions/approve/" not in page
    typed = client.get(f"/cases/{case.reference}/actions/approve/", follow=True)
    assert typed.redirect_chain[-1][0] == case.get_absolute_url()
    assert "so someone else must approve it" in typed.content.decode()
    # A manager who did not ask is offered it.
    client.force_login(carol)
    assert "/actions/approve/" in client.get(case.get_absolute_url()).content.decode()
