"""`send-reminders`: officers before deadlines, managers on overdue, weekly summary; once each."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from putright.complaints import services
from putright.complaints.constants import Kind
from putright.complaints.tests.factories import procedure
from putright.notifications.delivery import MAX_ATTEMPTS, notification_email_send
from putright.notifications.models import NotificationEmail, NotificationLog
from putright.notifications.services import reminders_send

# Monday 2 March 2026.
MONDAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def case(alice, bob, carol, childrens, send_team):
    with time_machine.travel(MONDAY, tick=False):
        return services.case_log(
            by=alice,
            kind=Kind.COMPLAINT,
            channel="email",
            received=dt.date(2026, 3, 2),
            directorate=childrens,
            team=send_team,
            procedure=procedure("lgsco_code"),
            handler=bob,
            contact_name="Pat Secret-Name",
            summary="Private details.",
        )


def _run(day):
    with time_machine.travel(day, tick=False):
        out = StringIO()
        call_command("send_reminders", stdout=out)
        return out.getvalue()


def test_running_twice_sends_each_reminder_once(case, bob, alice):
    # Acknowledgement due Monday 9 March; reminders 2 working days before: Thursday 5th.
    thursday = dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC)
    first = _run(thursday)
    sent = len(mail.outbox)
    second = _run(thursday)
    assert len(mail.outbox) == sent
    assert "1 already sent" in second or "already sent" in second
    to_bob = [m for m in mail.outbox if m.to == [bob.email]]
    assert len(to_bob) == 1
    assert "acknowledge by 9 March 2026" in to_bob[0].body
    assert "Sent" in first
    assert NotificationLog.objects.filter(kind="acknowledge_soon").count() == 1


def test_no_officer_reminder_before_the_window(case, bob):
    # Tuesday 3 March: the acknowledgement is 4 working days away.
    reminders_send(today=dt.date(2026, 3, 3))
    assert not [m for m in mail.outbox if m.to == [bob.email]]


def test_overdue_goes_to_managers_of_the_directorate_once(case, carol, dan, bob):
    # Response due 23 March (not yet acknowledged); overdue from 24 March.
    reminders_send(today=dt.date(2026, 3, 24))
    reminders_send(today=dt.date(2026, 3, 25))
    to_carol = [m for m in mail.outbox if m.to == [carol.email]]
    assert len(to_carol) == 1
    assert case.reference in to_carol[0].body
    assert not [m for m in mail.outbox if m.to == [dan.email]]


def test_an_extension_earns_a_new_reminder(case, alice, bob):
    with time_machine.travel(MONDAY, tick=False):
        stage = services.stage_acknowledge(
            stage=case.stages.get(),
            by=alice,
            version=case.version,
            acknowledged=dt.date(2026, 3, 2),
            understanding="Understood.",
        )
    # Due 16 March: reminded on Thursday 12 March.
    reminders_send(today=dt.date(2026, 3, 12))
    with time_machine.travel(dt.datetime(2026, 3, 13, 9, tzinfo=dt.UTC), tick=False):
        case.refresh_from_db()
        services.stage_extend(
            stage=stage,
            by=alice,
            version=case.version,
            extended_to=dt.date(2026, 3, 20),
            reason="Records awaited.",
        )
    reminders_send(today=dt.date(2026, 3, 18))
    reminders_send(today=dt.date(2026, 3, 18))
    keys = set(
        NotificationLog.objects.filter(kind="due_soon").values_list("key", flat=True)
    )
    assert len(keys) == 2
    assert any(key.endswith("2026-03-20") for key in keys)


def test_weekly_summary_once_a_week_without_personal_data(case, alice):
    reminders_send(today=dt.date(2026, 3, 2))
    reminders_send(today=dt.date(2026, 3, 4))
    weekly = [m for m in mail.outbox if m.to == [alice.email]]
    assert len(weekly) == 1
    assert "Children's: 1 / 0 / 0 / 1" in weekly[0].body
    reminders_send(today=dt.date(2026, 3, 9))
    assert len([m for m in mail.outbox if m.to == [alice.email]]) == 2
    for message in mail.outbox:
        assert "Pat Secret-Name" not in message.body
        assert "Private details" not in message.body


def test_dry_run_sends_and_records_nothing(case):
    run = reminders_send(today=dt.date(2026, 3, 24), dry_run=True)
    assert sum(run.sent.values()) > 0
    assert mail.outbox == []
    assert not NotificationLog.objects.exists()


def test_failed_send_is_retried_next_run(case, settings, carol):
    settings.PUTRIGHT_NOTIFICATION_BACKEND = (
        "putright.notifications.tests.test_reminders.BrokenBackend"
    )
    run = reminders_send(today=dt.date(2026, 3, 24))
    assert run.failed > 0
    assert mail.outbox == []
    # Nothing is lost: each reminder stays claimed by its email, which records why it
    # failed (a sentence, not the exception) after its attempts.
    failed = NotificationEmail.objects.get(to=carol.email)
    assert failed.status == NotificationEmail.Status.FAILED
    assert failed.attempts == MAX_ATTEMPTS
    assert failed.error.startswith("The email could not be sent")
    assert "SMTP server unavailable" not in failed.error
    assert NotificationLog.objects.filter(email=failed, sent_at__isnull=True).exists()
    settings.PUTRIGHT_NOTIFICATION_BACKEND = (
        "putright.notifications.backends.EmailBackend"
    )
    again = reminders_send(today=dt.date(2026, 3, 24))
    assert again.retried > 0
    assert len([m for m in mail.outbox if m.to == [carol.email]]) == 1
    failed.refresh_from_db()
    assert failed.status == NotificationEmail.Status.DONE
    assert not NotificationLog.objects.filter(sent_at__isnull=True).exists()
    reminders_send(today=dt.date(2026, 3, 24))
    assert len([m for m in mail.outbox if m.to == [carol.email]]) == 1  # never twice


def test_each_email_is_queued_for_the_worker_with_its_idempotent_key(
    case, carol, task_queue
):
    run = reminders_send(today=dt.date(2026, 3, 24))
    assert mail.outbox == []  # the command only queues; the worker sends
    assert run.queued == run.emails > 0
    emails = list(NotificationEmail.objects.all())
    assert {email.status for email in emails} == {NotificationEmail.Status.QUEUED}
    tasks = list(task_queue.tasks())
    assert sorted(t.args_kwargs["kwargs"]["run_id"] for t in tasks) == sorted(
        email.pk for email in emails
    )
    assert {t.task_path for t in tasks} == {
        "putright.notifications.tasks.send_notification_email"
    }

    task_queue.work()

    assert len(mail.outbox) == len(emails)
    assert set(NotificationEmail.objects.values_list("status", flat=True)) == {
        NotificationEmail.Status.DONE
    }
    # The same email queued again (a duplicate task, a second worker) is not sent twice.
    for email in emails:
        assert notification_email_send(run_id=email.pk) is None
    assert len(mail.outbox) == len(emails)


def test_a_failed_send_in_the_worker_is_retried_later_not_at_once(
    case, carol, settings, task_queue
):
    settings.PUTRIGHT_NOTIFICATION_BACKEND = (
        "putright.notifications.tests.test_reminders.BrokenBackend"
    )
    reminders_send(today=dt.date(2026, 3, 24))
    task_queue.work()
    email = NotificationEmail.objects.get(to=carol.email)
    assert email.status == NotificationEmail.Status.QUEUED
    assert email.attempts == 1
    assert "will be tried again" in email.error
    retry = (
        task_queue.tasks()
        .filter(status="READY")
        .get(args_kwargs__kwargs__run_id=email.pk)
    )
    assert retry.run_after > timezone.now()  # after a delay, not in a tight loop
    settings.PUTRIGHT_NOTIFICATION_BACKEND = (
        "putright.notifications.backends.EmailBackend"
    )
    type(retry).objects.filter(pk=retry.pk).update(run_after=timezone.now())
    task_queue.work()
    email.refresh_from_db()
    assert email.status == NotificationEmail.Status.DONE
    assert len([m for m in mail.outbox if m.to == [carol.email]]) == 1


def test_notify_backend_without_configuration_is_a_clear_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    from putright.notifications.backends import NotifyBackend

    settings.NOTIFY_API_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="NOTIFY_API_KEY"):
        NotifyBackend()


def test_bad_date_option_is_refused(db):
    with pytest.raises(CommandError, match="--date"):
        call_command("send_reminders", "--date", "31/02/2026")


def test_hyphenated_command_name_maps_to_the_command(monkeypatch):
    import sys

    from putright import __main__ as entry

    seen = {}
    monkeypatch.setattr(sys, "argv", ["putright", "send-reminders", "--dry-run"])
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        lambda argv: seen.setdefault("argv", argv),
    )
    entry.main()
    assert seen["argv"] == ["putright", "send_reminders", "--dry-run"]


class BrokenBackend:
    def send(self, *, to, subject, body):
        raise ConnectionError("SMTP server unavailable")
