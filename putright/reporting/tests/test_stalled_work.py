"""Work a stopped worker left "running" is failed with a message (putright fail_stalled_work).

Here, in the top floor that sees every kind of run: report runs, calendar recomputes, emails.
"""

import pytest

from putright.complaints.models import CalendarRecompute


def _recompute():
    return CalendarRecompute.objects.create(previous_nation="england", nation="wales")


@pytest.mark.django_db
def test_work_left_running_by_a_stopped_worker_is_failed_with_a_message(alice):
    import datetime as dt
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from putright.notifications.models import NotificationEmail
    from putright.reporting.models import ReportRun

    long_ago = timezone.now() - dt.timedelta(hours=3)
    stalled = _recompute()
    recent = _recompute()
    report = ReportRun.objects.create(user=alice, year="2022/2023", format="pdf")
    email = NotificationEmail.objects.create(
        key="k", kind="due_soon", to="a@example.org", subject="s", body="b"
    )
    for model, pk in ((CalendarRecompute, stalled.pk), (ReportRun, report.pk)):
        model.objects.filter(pk=pk).update(status="running", updated_at=long_ago)
    CalendarRecompute.objects.filter(pk=recent.pk).update(status="running")
    NotificationEmail.objects.filter(pk=email.pk).update(
        status="running", updated_at=long_ago
    )

    out = StringIO()
    call_command("fail_stalled_work", "--minutes", "120", stdout=out)

    stalled.refresh_from_db()
    assert stalled.status == CalendarRecompute.Status.FAILED
    assert stalled.error.startswith("The background worker stopped while doing this")
    report.refresh_from_db()
    assert report.status == ReportRun.Status.FAILED
    assert "Ask for it again." in report.error
    recent.refresh_from_db()
    assert recent.status == CalendarRecompute.Status.RUNNING  # still within its time
    email.refresh_from_db()
    assert email.status == NotificationEmail.Status.RUNNING  # may have gone: left alone
    assert "1 stalled calendar recomputes marked failed." in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("minutes", ["0", "soon", "-5"])
def test_fail_stalled_work_refuses_a_bad_number_of_minutes(minutes):
    from django.core.management import CommandError, call_command

    stalled = _recompute()
    CalendarRecompute.objects.filter(pk=stalled.pk).update(status="running")
    with pytest.raises(CommandError, match="--minutes must be a whole number"):
        call_command("fail_stalled_work", "--minutes", minutes)
    stalled.refresh_from_db()
    assert stalled.status == CalendarRecompute.Status.RUNNING
