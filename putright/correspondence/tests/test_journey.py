"""A complaint from logging to closing: each letter and notice is sent exactly once.

The services are called as the staff pages call them; the letters follow from the audit
events they write, through the database task queue and the worker, as in production.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail

from putright.audit.models import AuditEvent
from putright.complaints import services
from putright.complaints.constants import Kind, Outcome, RemedyType
from putright.complaints.models import Case, ProcedureStage, Remedy
from putright.complaints.tests.factories import procedure
from putright.core.tasks import enqueue
from putright.correspondence.models import Letter
from putright.correspondence.services import HANDLERS, letters_for_event
from putright.correspondence.tasks import produce_letters
from putright.notifications.models import NotificationEmail

# The work is recorded on Monday 20 April 2026, with the dates it happened (from 2 March).
TODAY = dt.datetime(2026, 4, 20, 10, 0, tzinfo=dt.UTC)
STAFF_NOTE = "Mrs Patel is housebound and her son is difficult on the phone"


def _version(case):
    return Case.objects.get(pk=case.pk).version


def _stage(case, number):
    return case.stages.select_related("case", "procedure").get(number=number)


@pytest.fixture
def journey(
    alice,
    bob,
    carol,
    childrens,
    send_team,
    django_capture_on_commit_callbacks,
    task_queue,
):
    """Run each service as its page does: commit, then let the worker do its work."""
    bob.email, carol.email = "bob@council.example", "carol@council.example"
    bob.first_name, bob.last_name = "Bob", "Officer"
    bob.save()
    carol.save()
    # Stage 1 needs a manager's approval here; stage 2 (answered by a manager) does not.
    stages = ProcedureStage.objects.filter(procedure__code="lgsco_code")
    stages.filter(number=1).update(needs_approval=True)
    stages.filter(number=2).update(needs_approval=False)

    def step(call, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = call(**kwargs)
        task_queue.work()
        return result

    return step


@pytest.mark.django_db
def test_complaint_from_logging_to_closing_sends_each_letter_once(
    journey, alice, bob, carol, childrens, send_team, task_queue
):
    with time_machine.travel(TODAY, tick=False):
        case = journey(
            services.case_log,
            by=alice,
            kind=Kind.COMPLAINT,
            channel="email",
            received=dt.date(2026, 3, 2),
            directorate=childrens,
            team=send_team,
            procedure=procedure("lgsco_code"),
            contact_name="Pat Example",
            contact_email="pat@example.org",
            outcome_sought="A reply and an apology.",
            summary=STAFF_NOTE,
        )
        stage1 = _stage(case, 1)
        journey(
            services.stage_allocate,
            stage=stage1,
            by=alice,
            version=_version(case),
            team=send_team,
            handler=bob,
        )
        journey(
            services.stage_acknowledge,
            stage=stage1,
            by=bob,
            version=_version(case),
            acknowledged=dt.date(2026, 3, 3),
            understanding="You asked about your son's plan and nobody replied.",
        )
        journey(
            services.stage_extend,
            stage=_stage(case, 1),
            by=bob,
            version=_version(case),
            extended_to=dt.date(2026, 3, 30),
            reason="We are waiting for the school's records.",
        )
        journey(
            services.stage_response_save,
            stage=_stage(case, 1),
            by=bob,
            version=_version(case),
            outcome=Outcome.UPHELD,
            response_reasons="Policy 4.2 says we reply within 10 days; we did not.",
            understanding="You asked about your son's plan and nobody replied.",
            remedies=[RemedyType.APOLOGY, RemedyType.FINANCIAL],
            remedy_description="An apology and £50 for the time and trouble.",
            remedy_due=dt.date(2026, 4, 1),
            financial_remedy=Decimal("50"),
        )
        journey(
            services.stage_approval_request,
            stage=_stage(case, 1),
            by=bob,
            version=_version(case),
        )
        journey(
            services.stage_approval_decide,
            stage=_stage(case, 1),
            by=carol,
            version=_version(case),
            approve=True,
        )
        journey(
            services.stage_respond,
            stage=_stage(case, 1),
            by=bob,
            version=_version(case),
            responded=dt.date(2026, 3, 20),
        )
        for remedy in Remedy.objects.filter(stage__case=case):
            journey(
                services.remedy_deliver,
                remedy=remedy,
                by=bob,
                version=_version(case),
                due=remedy.due,
                delivered_on=dt.date(2026, 3, 25),
            )
        stage2 = journey(
            services.stage_escalate,
            case=case,
            by=alice,
            version=_version(case),
            received=dt.date(2026, 3, 23),
            reasons="Still unhappy with the delay.",
        )
        journey(
            services.stage_allocate,
            stage=stage2,
            by=alice,
            version=_version(case),
            team=send_team,
            handler=carol,
        )
        journey(
            services.stage_acknowledge,
            stage=_stage(case, 2),
            by=carol,
            version=_version(case),
            acknowledged=dt.date(2026, 3, 24),
            understanding="Whether the delay at stage 1 was put right.",
        )
        journey(
            services.stage_response_save,
            stage=_stage(case, 2),
            by=carol,
            version=_version(case),
            outcome=Outcome.NOT_UPHELD,
            response_reasons="Stage 1 apologised and paid; nothing more went wrong.",
            understanding="Whether the delay at stage 1 was put right.",
            remedies=[],
        )
        journey(
            services.stage_respond,
            stage=_stage(case, 2),
            by=carol,
            version=_version(case),
            responded=dt.date(2026, 4, 10),
        )
        journey(services.case_close, case=case, by=alice, version=_version(case))

    kinds = sorted(Letter.objects.values_list("kind", flat=True))
    assert kinds == sorted(
        [
            "allocation",  # stage 1, to Bob
            "acknowledgement",
            "extension",
            "approval_request",  # to Carol
            "approval_decision",  # to Bob
            "response",
            "allocation",  # stage 2, to Carol
            "escalation_acknowledgement",
            "response",
        ]
    )
    finished = task_queue.tasks().successful().count()
    assert not task_queue.tasks().failed().exists()
    sent_before = len(mail.outbox)
    assert sent_before == 9
    assert not Letter.objects.exclude(status=Letter.Status.SENT).exists()

    # Every event handled again, and the worker run again: nothing new goes.
    events = list(AuditEvent.objects.filter(verb__in=list(HANDLERS)))
    for event in events:
        assert letters_for_event(event.pk) == []
        enqueue(produce_letters, event_id=event.pk)  # a retried task, run by the worker
    task_queue.work()
    assert task_queue.tasks().successful().count() == finished + len(events)
    assert len(mail.outbox) == sent_before
    assert Letter.objects.count() == 9
    assert NotificationEmail.objects.filter(kind="letter").count() == 9

    to_pat = [m for m in mail.outbox if m.to == ["pat@example.org"]]
    subjects = [m.subject for m in to_pat]
    assert len(to_pat) == 5, subjects
    for message in to_pat:
        assert STAFF_NOTE not in message.body
        assert [name for name, _, _ in message.attachments][0].endswith(".pdf")
    acknowledgement = Letter.objects.get(kind="acknowledgement")
    assert "/feedback/follow/" in acknowledgement.email.body
    final = Letter.objects.get(kind="response", stage__number=2)
    # Stage 2 accounts for what stage 1 agreed; it never says no remedy was offered.
    assert "Financial remedy of £50.00 (done on 25 March 2026)" in final.text
    assert "not offering a remedy" not in final.text
    assert "Ombudsman" in final.text
    # Staff notices carry references and links, never the complainant's name.
    for notice in Letter.objects.filter(audience="staff"):
        assert "Pat" not in notice.text
        assert case.reference in notice.text
    # The timeline records each letter sent, without its words.
    events = AuditEvent.objects.filter(case=case, verb="letter.sent")
    assert events.count() == 9
    assert all("text" not in str(event.after) for event in events)
