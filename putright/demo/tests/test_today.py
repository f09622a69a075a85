"""A fresh demo is a council at work today (issue 13): every desk has work waiting, the
cases have histories made by the services, and a stage 2 goes through approval and out with
the demo logins alone, through the staff pages."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
import time_machine
from django.core.management import call_command

from putright.audit.models import AuditEvent
from putright.complaints.constants import StageStatus
from putright.complaints.models import Case, CaseNote, LearningAction, Stage
from putright.complaints.services.base import PUBLIC_ACTOR
from putright.complaints.services.intake import EMAIL_ACTOR
from putright.demo.services import demo_password
from putright.demo.today import DESKS
from putright.ombudsman.models import OmbudsmanCase

# Wednesday 25 November 2026, mid-morning.
NOW = dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.UTC)
COUNTS = {
    "overdue": r"(\d+) overdue",
    "due": r"(\d+) due in the next 5 working days",
    "acknowledge": r"(\d+) awaiting acknowledgement",
    "approval": r"(\d+) awaiting approval",
    "remedies": r"(\d+) with overdue remedies",
}


@pytest.fixture
def demo(db):
    with time_machine.travel(NOW, tick=False):
        call_command(
            "demo", "--records", "400", "--today", "2026-11-25", "--seed", "7",
            stdout=io.StringIO(),
        )  # fmt: skip
        yield


def _sign_in(client, username):
    response = client.post(
        "/accounts/login/", {"username": username, "password": demo_password()}
    )
    assert response.status_code == 302, username


def _home_counts(client, username):
    client.logout()
    _sign_in(client, username)
    text = re.sub(r"<[^>]+>", " ", client.get("/").content.decode())
    text = re.sub(r"\s+", " ", text)
    counts = {}
    for name, pattern in COUNTS.items():
        found = re.search(pattern, text)
        counts[name] = int(found.group(1)) if found else 0
    return counts


@pytest.mark.usefixtures("demo")
def test_every_desk_signs_in_to_work_waiting_today(client):
    team = _home_counts(client, "complaints")
    assert all(team[name] >= 1 for name in COUNTS), team
    for desk in DESKS:
        officer = _home_counts(client, desk.officer)
        assert officer["acknowledge"] >= 1, (desk.officer, officer)
        assert officer["due"] >= 1, (desk.officer, officer)
        assert officer["overdue"] >= 1, (desk.officer, officer)
        manager = _home_counts(client, desk.manager)
        assert manager["acknowledge"] >= 1, (desk.manager, manager)
        if desk.directorate != "Public Health":  # one-stage statutory procedure only
            assert manager["approval"] >= 1, (desk.manager, manager)


@pytest.mark.usefixtures("demo")
def test_recent_cases_have_histories_letters_notes_and_named_people(client):
    logged = Case.objects.filter(audit_events__verb="case.logged").distinct()
    assert logged.count() >= 30
    assert CaseNote.objects.filter(case__in=logged).exists()
    # Upheld recent answers carry a learning action still to do, with an owner.
    actions = LearningAction.objects.filter(stage__case__in=logged)
    assert actions.filter(due__gt=dt.date(2026, 11, 25)).exists()
    assert all(action.owner_name for action in actions)
    # Each recent complaint's timeline holds more than its logging.
    worked = AuditEvent.objects.filter(case__in=logged, verb="stage.acknowledged")
    assert worked.values("case").distinct().count() >= 20
    # Public submissions from the front door wait, unallocated, for the complaints team.
    public = Case.objects.filter(
        audit_events__verb="case.logged", audit_events__actor_label=PUBLIC_ACTOR
    )
    assert public.count() >= 3
    assert not Stage.objects.filter(case__in=public, handler__isnull=False).exists()
    # And one email to the council's mailbox, logged as the inbox logs a new contact.
    emailed = Case.objects.filter(
        audit_events__verb="case.logged", audit_events__actor_label=EMAIL_ACTOR
    )
    assert emailed.count() == 1
    assert emailed.get().contact_email.endswith("@example.org")
    # No list of open cases starts with people left out.
    _sign_in(client, "complaints")
    page = client.get("/cases/").content.decode()
    assert "Not given" not in page
    assert OmbudsmanCase.objects.filter(recommendation_items__isnull=False).exists()


@pytest.mark.usefixtures("demo")
def test_a_stage_2_is_approved_and_sent_with_the_demo_logins_alone(client):
    stage = Stage.objects.get(
        number=2,
        status=StageStatus.IN_PROGRESS,
        handler__username="send.officer",
        approval_requested_at__isnull=True,
    )
    case = stage.case
    url = f"/cases/{case.reference}/actions/"
    _sign_in(client, "send.officer")
    assert f"{url}respond/" in client.get(case.get_absolute_url()).content.decode()
    drafted = client.post(
        f"{url}respond/",
        {
            "version": Case.objects.get(pk=case.pk).version,
            "outcome": "partly_upheld",
            "understanding": "You remain unhappy that the EHC plan was issued late.",
            "response_reasons": "We reviewed the stage 1 response and the records; the "
            "plan was issued four weeks late and we did not tell you why.",
            "remedies": ["apology", "explanation"],
            "remedy_description": "An apology and an explanation of the delay.",
            "remedy_due": "2026-12-09",
            "step": "approval",
        },
    )
    assert drafted.status_code == 302
    assert Stage.objects.get(pk=stage.pk).status == StageStatus.AWAITING_APPROVAL

    client.logout()
    _sign_in(client, "childrens.manager")
    assert f"{url}approve/" in client.get(case.get_absolute_url()).content.decode()
    approved = client.post(
        f"{url}approve/",
        {"version": Case.objects.get(pk=case.pk).version, "decision": "approve"},
    )
    assert approved.status_code == 302
    assert Stage.objects.get(pk=stage.pk).approved_by.username == "childrens.manager"

    client.logout()
    _sign_in(client, "send.officer")
    sent = client.post(
        f"{url}send/",
        {"version": Case.objects.get(pk=case.pk).version, "responded": "2026-11-25"},
    )
    assert sent.status_code == 302
    stage = Stage.objects.get(pk=stage.pk)
    assert stage.status == StageStatus.RESPONDED
    assert stage.responded == dt.date(2026, 11, 25)
