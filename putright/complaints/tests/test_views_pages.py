"""Casework pages: wiring, status codes, the error summary and stale forms."""

import datetime as dt

import pytest
from django.urls import reverse

from putright.complaints import services
from putright.complaints.constants import Kind, StageStatus
from putright.complaints.models import Case
from putright.complaints.tests.factories import logged_complaint, procedure


@pytest.fixture
def case(alice, bob, childrens, send_team):
    return logged_complaint(
        by=alice,
        directorate=childrens,
        team=send_team,
        handler=bob,
        contact_name="Pat Example",
    )


def test_anonymous_list_redirects_to_login(client, db):
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "name",
    ["complaints:case_list", "complaints:case_log", "complaints:case_export"],
)
def test_list_pages_render_for_complaints_team(client, alice, case, name):
    client.force_login(alice)
    response = client.get(reverse(name))
    assert response.status_code == 200


def test_case_page_shows_stage_clock_and_actions(client, alice, case):
    client.force_login(alice)
    response = client.get(case.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Stage 1" in body
    assert "working days left" in body
    assert "Acknowledge" in body
    assert "Contact logged" in body


@pytest.mark.parametrize(
    "action",
    [
        "triage",
        "not-accepted",
        "acknowledge",
        "allocate",
        "extend",
        "respond",
        "add-action",
        "withdraw",
        "note",
        "attach",
    ],
)
def test_action_pages_render(client, alice, case, action):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, action])
    assert client.get(url).status_code == 200


def test_log_form_shows_error_summary_and_changes_nothing(client, alice, childrens):
    client.force_login(alice)
    response = client.post(reverse("complaints:case_log"), {"kind": "complaint"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Select the procedure that applies to this complaint." in body
    assert not Case.objects.exists()


def test_log_form_creates_case_and_redirects(client, alice, childrens, send_team):
    client.force_login(alice)
    response = client.post(
        reverse("complaints:case_log"),
        {
            "kind": "complaint",
            "procedure": procedure("lgsco_code").pk,
            "channel": "letter",
            "received": dt.date.today().isoformat(),
            "directorate": childrens.pk,
            "team": send_team.pk,
            "summary": "The bins were not collected.",
            "contact_name": "Sam Resident",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()


def test_stale_form_is_refused_with_a_clear_message(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "acknowledge"])
    stale = case.version
    services.case_note_add(case=case, by=alice, text="Phoned the complainant.")
    response = client.post(
        url,
        {
            "version": stale,
            "acknowledged": dt.date.today().isoformat(),
            "understanding": "Understood.",
        },
    )
    assert response.status_code == 200
    assert "Someone else changed this case" in response.content.decode()
    assert case.stages.get().status == StageStatus.AWAITING_ACKNOWLEDGEMENT


def test_invalid_date_gets_specific_message(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "acknowledge"])
    response = client.post(
        url,
        {"version": case.version, "acknowledged": "31/02/2026", "understanding": "x"},
    )
    assert "Enter a real date" in response.content.decode()


def test_unknown_action_is_404(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "delete"])
    assert client.get(url).status_code == 404


def test_action_that_does_not_apply_redirects_to_case(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "close"])
    response = client.get(url)
    assert response.status_code == 302


def test_acknowledgement_letter_available_after_acknowledging(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:letter", args=[case.reference, 1, "acknowledgement"])
    assert client.get(url).status_code == 404
    services.stage_acknowledge(
        stage=case.stages.get(),
        by=alice,
        version=case.version,
        acknowledged=dt.date.today(),
        understanding="The family waited too long for a reply.",
    )
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "The family waited too long for a reply." in body
    assert "We will send you our full response by" in body
    download = client.get(url + "?download=1")
    assert download["Content-Disposition"].startswith("attachment;")


def test_home_shows_counts_for_casework_and_none_for_viewer(client, alice, erin, case):
    client.force_login(alice)
    body = client.get("/").content.decode()
    assert "awaiting acknowledgement" in body
    client.force_login(erin)
    body = client.get("/").content.decode()
    assert "awaiting acknowledgement" not in body


def test_every_action_has_a_place_on_the_case_page():
    from putright.complaints.actions import ACTION_ORDER, ACTIONS

    assert sorted(ACTION_ORDER) == sorted(ACTIONS)


def test_list_open_state_hides_responded_cases(client, alice, case):
    stage = case.stages.get()
    stage.responded = dt.date.today()
    stage.status = StageStatus.RESPONDED
    stage.save()
    client.force_login(alice)
    link = f'href="{case.get_absolute_url()}"'
    assert link not in client.get("/cases/?view=all").content.decode()
    assert link in client.get("/cases/?view=all&state=responded").content.decode()


def test_learning_action_status_page_completes_an_action(client, alice, case):
    from putright.complaints.constants import LearningStatus

    action = services.learning_action_add(
        stage=case.stages.get(),
        by=alice,
        version=case.version,
        description="Add the SEND inbox to the rota.",
        due=dt.date.today(),
        owner=alice,
    )
    client.force_login(alice)
    url = reverse("complaints:learning_action_edit", args=[case.reference, action.pk])
    assert "Add the SEND inbox to the rota." in client.get(url).content.decode()
    case.refresh_from_db()
    response = client.post(url, {"version": case.version, "status": "complete"})
    assert "Enter the date the action was completed." in response.content.decode()
    response = client.post(
        url,
        {
            "version": case.version,
            "status": "complete",
            "completed_on": dt.date.today().isoformat(),
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == LearningStatus.COMPLETE


def test_case_list_queries_do_not_grow_with_rows(
    client, alice, childrens, send_team, django_assert_max_num_queries
):
    for _ in range(30):
        logged_complaint(by=alice, directorate=childrens, team=send_team)
    client.force_login(alice)
    with django_assert_max_num_queries(15):
        response = client.get("/cases/?view=all")
    assert response.content.decode().count('class="govuk-table__row"') == 26


def test_date_input_reads_day_month_year_boxes(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "acknowledge"])
    today = dt.date.today()
    response = client.post(
        url,
        {
            "version": case.version,
            "acknowledged_day": str(today.day),
            "acknowledged_month": str(today.month),
            "acknowledged_year": str(today.year),
            "understanding": "Understood.",
        },
    )
    assert response.status_code == 302
    assert case.stages.get().acknowledged == today


def test_date_input_with_a_missing_part_keeps_what_was_typed(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "acknowledge"])
    response = client.post(
        url,
        {
            "version": case.version,
            "acknowledged_day": "31",
            "acknowledged_month": "",
            "acknowledged_year": "2026",
            "understanding": "Understood.",
        },
    )
    body = response.content.decode()
    assert "Enter a real date" in body
    assert 'href="#id_acknowledged_day"' in body
    assert 'name="acknowledged_day" type="text" inputmode="numeric" value="31"' in body
    assert case.stages.get().acknowledged is None


@pytest.mark.parametrize("kind", [Kind.COMPLIMENT, Kind.COMMENT])
def test_a_compliment_or_comment_is_thanked_then_closed_without_a_decision(
    client, alice, childrens, kind
):
    compliment = logged_complaint(
        by=alice, directorate=childrens, kind=kind, procedure=None
    )
    client.force_login(alice)
    page = client.get(compliment.get_absolute_url()).content.decode()
    # Its own lifecycle: received, thanked, closed; no Respond, no "In progress".
    assert ">Received</strong>" in page
    assert "In progress" not in page
    assert "/actions/respond/" not in page
    assert "/actions/thank/" in page
    typed = client.get(
        reverse("complaints:case_action", args=[compliment.reference, "respond"]),
        follow=True,
    )
    assert "Respond is not possible at this point." in typed.content.decode()
    url = reverse("complaints:case_action", args=[compliment.reference, "thank"])
    today = dt.date.today()
    response = client.post(
        url,
        {
            "version": compliment.version,
            "thanked_day": str(today.day),
            "thanked_month": str(today.month),
            "thanked_year": str(today.year),
        },
    )
    assert response.status_code == 302
    compliment.refresh_from_db()
    assert compliment.stages.get().responded == today
    page = client.get(compliment.get_absolute_url()).content.decode()
    assert ">Thanked</strong>" in page
    assert "/actions/thank/" not in page
    close = reverse("complaints:case_action", args=[compliment.reference, "close"])
    assert client.post(close, {"version": compliment.version}).status_code == 302
    compliment.refresh_from_db()
    assert compliment.is_closed


def test_a_complaint_is_never_thanked(client, alice, case):
    client.force_login(alice)
    assert "/actions/thank/" not in client.get(case.get_absolute_url()).content.decode()
    with pytest.raises(services.CaseworkError, match="Only a compliment"):
        services.stage_thank(
            stage=case.stages.get(),
            by=alice,
            version=case.version,
            thanked=dt.date.today(),
        )


def test_a_complaint_response_cannot_be_sent_without_a_decision(client, alice, case):
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "respond"])
    client.post(url, {"version": case.version, "step": "send"})
    stage = case.stages.get()
    assert stage.responded is None


def test_response_form_for_a_service_request_has_no_decision_fields(
    client, alice, childrens
):
    compliment = logged_complaint(
        by=alice, directorate=childrens, kind=Kind.SERVICE_REQUEST, procedure=None
    )
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[compliment.reference, "respond"])
    body = client.get(url).content.decode()
    assert "Reasons for the decision" not in body
    assert "Nature of the issues" in body


def test_learning_action_kind_chosen_on_the_case_page_and_changed_later(
    client, alice, case
):
    from putright.audit.models import AuditEvent
    from putright.complaints.constants import LearningCategory

    client.force_login(alice)
    today = dt.date.today()
    url = reverse("complaints:case_action", args=[case.reference, "add-action"])
    assert "Kind of improvement" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "version": case.version,
            "description": "Train the SEND team on the timescales.",
            "owner_name": "SEND team leader",
            "due_day": str(today.day),
            "due_month": str(today.month),
            "due_year": str(today.year),
            "category": LearningCategory.TRAINING,
        },
    )
    assert response.status_code == 302
    action = case.stages.get().learning_actions.get()
    assert action.category == "staff_training"
    body = client.get(case.get_absolute_url()).content.decode()
    assert "Staff training or guidance" in body

    case.refresh_from_db()
    edit = reverse("complaints:learning_action_edit", args=[case.reference, action.pk])
    response = client.post(
        edit,
        {"version": case.version, "status": "open", "category": "policy_procedure"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.category == LearningCategory.POLICY
    event = AuditEvent.objects.filter(verb="learning_action.updated").latest("pk")
    assert event.before["category"] == "staff_training"
    assert event.after["category"] == "policy_procedure"
