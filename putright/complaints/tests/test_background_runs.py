"""Background runs (putright.core.tasks): claimed once, failures recorded as sentences.

Exercised here on the calendar recompute, the simplest real kind of run.
"""

import pytest
from django.db import transaction

from putright.complaints.models import CalendarRecompute
from putright.core import tasks


def _recompute():
    return CalendarRecompute.objects.create(previous_nation="england", nation="wales")


@pytest.mark.django_db
def test_a_run_is_claimed_once():
    run = _recompute()
    assert tasks.run_claim(CalendarRecompute, run.pk) is True
    assert tasks.run_claim(CalendarRecompute, run.pk) is False
    run.refresh_from_db()
    assert run.status == CalendarRecompute.Status.RUNNING
    assert run.started_at is not None


@pytest.mark.django_db
def test_work_queued_inside_a_transaction_waits_for_the_commit(
    task_queue, django_capture_on_commit_callbacks
):
    from putright.complaints.tasks import recompute_calendar

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            tasks.enqueue(recompute_calendar, run_id=_recompute().pk)
            assert not task_queue.tasks().exists()  # not before the rows are committed
    assert len(callbacks) == 1
    assert task_queue.tasks().count() == 1


@pytest.mark.django_db
def test_a_failure_is_a_sentence_for_the_user_and_the_traceback_goes_to_the_log(
    caplog,
):
    run = _recompute()

    def work(_run):
        raise ValueError("secret internals: DATABASE_URL=postgres://x")

    result = tasks.run_execute(
        CalendarRecompute, run_id=run.pk, work=work, failure="It did not work."
    )
    assert result.status == CalendarRecompute.Status.FAILED
    assert result.error == "It did not work."
    assert result.finished_at is not None
    assert "secret internals" in caplog.text  # for the administrator's log


@pytest.mark.django_db
def test_idempotent_work_is_retried_then_marked_failed(task_queue):
    from putright.complaints.tasks import recompute_calendar

    run = _recompute()
    calls = []

    def work(_run):
        calls.append(1)
        raise ConnectionError("down")

    result = tasks.run_execute(
        CalendarRecompute,
        run_id=run.pk,
        work=work,
        failure="Gave up.",
        retry_task=recompute_calendar,
        max_attempts=3,
    )
    assert result.status == CalendarRecompute.Status.QUEUED
    assert result.attempts == 1
    assert result.error == "Attempt 1 of 3 failed; it will be tried again shortly."
    retry = task_queue.tasks().get()
    assert retry.run_after is not None  # with a delay: 30 s, then 2 min, ...
    assert tasks.retry_delay(1).total_seconds() == 30
    assert tasks.retry_delay(2).total_seconds() == 120
    assert tasks.retry_delay(99) == tasks.retry_delay(len(tasks.RETRY_DELAYS))


@pytest.mark.django_db
def test_a_refusal_is_shown_as_it_is_and_not_retried(task_queue):
    from putright.complaints.tasks import recompute_calendar

    run = _recompute()

    def work(_run):
        raise tasks.RunRefused("The file has 3 problems.")

    result = tasks.run_execute(
        CalendarRecompute,
        run_id=run.pk,
        work=work,
        failure="Gave up.",
        retry_task=recompute_calendar,
        max_attempts=3,
    )
    assert result.status == CalendarRecompute.Status.FAILED
    assert result.error == "The file has 3 problems."
    assert not task_queue.tasks().exists()
