"""Responding in one call: save the draft, then send for approval or send (docs/regulatory-rules.md §1.6)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from putright.audit.models import AuditEvent
from putright.complaints import services
from putright.complaints.constants import Outcome, RemedyType, StageStatus
from putright.complaints.models import Case, ProcedureStage
from putright.complaints.tests.factories import logged_complaint

# Tuesday 3 March 2026: received the day before.
TODAY = dt.datetime(2026, 3, 3, 10, 0, tzinfo=dt.UTC)
COMPLETE = {
    "outcome": Outcome.UPHELD,
    "response_reasons": "Our policy says 10 days; we took 30.",
    "understanding": "The family waited too long for a reply.",
    "remedies": [RemedyType.APOLOGY],
    "remedy_description": "An apology.",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def case(alice, bob, childrens, send_team):
    return logged_complaint(
        by=alice,
        directorate=childrens,
        team=send_team,
        handler=bob,
        received=dt.date(2026, 3, 2),
    )


def _submit(case, by, step, **content):
    return services.stage_response_submit(
        stage=case.stages.get(),
        by=by,
        version=Case.objects.get(pk=case.pk).version,
        step=step,
        **content,
    )


def test_save_step_keeps_the_stage_open(case, alice):
    result = _submit(case, alice, "save", **COMPLETE)
    assert (result.message, result.refused) == ("Draft response saved.", "")
    stage = case.stages.get()
    assert stage.responded is None
    assert stage.response_reasons == COMPLETE["response_reasons"]


def test_send_step_saves_and_sends_in_one_call(case, alice):
    result = _submit(case, alice, "send", responded=dt.date(2026, 3, 3), **COMPLETE)
    assert (result.message, result.refused) == ("Response recorded as sent.", "")
    stage = case.stages.get()
    assert (stage.status, stage.responded) == (
        StageStatus.RESPONDED,
        dt.date(2026, 3, 3),
    )
    verbs = list(
        AuditEvent.objects.filter(case=case)
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs[-2:] == ["stage.response_saved", "stage.responded"]


def test_send_refused_for_missing_letter_content_keeps_the_draft(case, alice):
    result = _submit(
        case,
        alice,
        "send",
        responded=dt.date(2026, 3, 3),
        outcome=Outcome.UPHELD,
        understanding="The family waited too long.",
    )
    assert result.refused.startswith("The response letter is missing:")
    assert "the reasons for the decision" in result.refused
    stage = case.stages.get()
    assert stage.responded is None
    assert stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT
    assert stage.understanding == "The family waited too long."
    assert AuditEvent.objects.filter(case=case, verb="stage.responded").count() == 0


def test_send_without_a_date_is_refused_and_keeps_the_draft(case, alice):
    result = _submit(case, alice, "send", **COMPLETE)
    assert result.refused == "Enter the date the response is sent."
    assert case.stages.get().response_reasons == COMPLETE["response_reasons"]


def test_approval_step_asks_for_approval(case, alice):
    stage = case.stages.get()
    ProcedureStage.objects.filter(
        procedure_id=stage.procedure_id, number=stage.number
    ).update(needs_approval=True)
    services.stage_acknowledge(
        stage=stage,
        by=alice,
        version=Case.objects.get(pk=case.pk).version,
        acknowledged=dt.date(2026, 3, 3),
        understanding="Late reply.",
    )
    result = _submit(case, alice, "approval", **COMPLETE)
    assert result.message == "Response sent for approval."
    assert case.stages.get().status == StageStatus.AWAITING_APPROVAL


def test_an_invalid_draft_saves_nothing(case, alice):
    with pytest.raises(services.CaseworkError, match="amount of the financial"):
        _submit(case, alice, "send", **{**COMPLETE, "remedies": ["financial"]})
    assert case.stages.get().response_saved_at is None


def test_response_page_says_draft_saved_but_not_sent(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "respond"])
    response = client.post(
        url,
        {
            "version": case.version,
            "step": "send",
            "outcome": Outcome.UPHELD,
            "understanding": "The family waited too long.",
            "responded_day": "3",
            "responded_month": "3",
            "responded_year": "2026",
        },
    )
    # The form again, with the error summary and each gap beside its field.
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["response_reasons"] == ["Enter the reasons for the decision"]
    assert form.errors["remedies"] == ["Select the remedy offered to put things right"]
    assert "understanding" not in form.errors
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Your draft is saved, but it has not been sent." in html
    assert 'href="#id_response_reasons"' in html
    assert "govuk-notification-banner" not in html
    # The next submission builds on the saved draft, not a stale version.
    case.refresh_from_db()
    assert form.data["version"] == str(case.version)
    stage = case.stages.get()
    assert stage.responded is None
    assert stage.understanding == "The family waited too long."


def test_an_empty_response_sent_shows_an_error_beside_each_field(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "respond"])
    response = client.post(url, {"version": case.version, "step": "send"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"understanding", "outcome", "response_reasons"}
    assert case.stages.get().responded is None


def test_the_draft_refused_then_completed_is_sent(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "respond"])
    refused = client.post(url, {"version": case.version, "step": "send"})
    version = refused.context["form"].data["version"]
    response = client.post(
        url,
        {
            "version": version,
            "step": "send",
            "outcome": Outcome.NOT_UPHELD,
            "understanding": "The family waited too long.",
            "response_reasons": "The plan was issued within the statutory time.",
            "responded_day": "3",
            "responded_month": "3",
            "responded_year": "2026",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert case.stages.get().responded == dt.date(2026, 3, 3)
