"""A new closure day moves the stored deadlines it falls inside (docs/deadline-rules.md §2)."""

import datetime as dt
from unittest import mock

import pytest

from putright.audit.models import AuditEvent
from putright.complaints.models import CalendarRecompute, Stage
from putright.complaints.services.calendar import council_calendar_changed
from putright.complaints.services.calendar_recompute import (
    MAX_ATTEMPTS,
    calendar_recompute_execute,
)
from putright.complaints.tests.factories import logged_complaint
from putright.organisation.models import ClosureDay, Council

pytestmark = pytest.mark.django_db

# Received Monday 8 December 2025: acknowledgement due 5 working days later, Monday 15
# December; response due 10 working days after that, skipping Christmas Day and Boxing Day:
# Wednesday 31 December. With 24 December closed it is Friday 2 January (1 January is a
# bank holiday).
RECEIVED = dt.date(2025, 12, 8)


def _add_closure(council, day):
    previous = (council.nation, council.closure_dates())
    ClosureDay.objects.create(council=council, date=day, description="Closure")
    return council_calendar_changed(
        council=council,
        previous_nation=previous[0],
        previous_closure_days=previous[1],
        by=None,
    )


def test_closure_day_inside_the_window_moves_the_computed_deadline(alice, childrens):
    council = Council.load()
    case = logged_complaint(by=alice, directorate=childrens, received=RECEIVED)
    stage = case.stages.get()
    assert stage.acknowledge_due == dt.date(2025, 12, 15)
    assert stage.due == dt.date(2025, 12, 31)

    changed = _add_closure(council, dt.date(2025, 12, 24))

    stage = Stage.objects.get(pk=stage.pk)
    assert changed.records_changed == 1
    assert stage.due == dt.date(2026, 1, 2)
    event = AuditEvent.objects.get(verb="council.calendar_changed")
    assert event.after["closure_days"] == ["2025-12-24"]


def test_an_agreed_deadline_is_kept_when_the_calendar_changes(alice, childrens):
    council = Council.load()
    case = logged_complaint(by=alice, directorate=childrens, received=RECEIVED)
    Stage.objects.filter(case=case).update(due=dt.date(2026, 1, 9))

    _add_closure(council, dt.date(2025, 12, 24))

    assert case.stages.get().due == dt.date(2026, 1, 9)


def test_response_working_days_follow_the_new_calendar(alice, childrens):
    council = Council.load()
    case = logged_complaint(by=alice, directorate=childrens, received=RECEIVED)
    Stage.objects.filter(case=case).update(
        responded=dt.date(2025, 12, 30), response_working_days=14
    )

    _add_closure(council, dt.date(2025, 12, 24))

    # 9-12, 15-19, 22-23 (24 now closed), 29-30: 4 + 5 + 2 + 2 = 13 working days.
    assert case.stages.get().response_working_days == 13


def test_no_change_to_the_calendar_touches_nothing(alice, childrens):
    council = Council.load()
    logged_complaint(by=alice, directorate=childrens, received=RECEIVED)
    changed = council_calendar_changed(
        council=council,
        previous_nation=council.nation,
        previous_closure_days=council.closure_dates(),
        by=None,
    )
    assert changed is None
    assert not CalendarRecompute.objects.exists()
    assert not AuditEvent.objects.filter(verb="council.calendar_changed").exists()


def test_adding_a_closure_day_in_the_admin_recalculates_deadlines(
    client, admin_user, alice, childrens, django_capture_on_commit_callbacks
):
    council = Council.load()
    case = logged_complaint(by=alice, directorate=childrens, received=RECEIVED)
    client.force_login(admin_user)
    data = {
        "name": council.name,
        "nation": council.nation,
        "kind": council.kind,
        "population": 250000,
        "financial_year_start_month": 4,
        "timescale_target_percent": "90.0",
        "brand_colour": "#1d4f91",
        "small_number_threshold": 5,
        "reminder_working_days": 2,
        "homes": 0,
        "reference_prefix": "CF",
        "reference_pattern": "{prefix}-{year}-{number:06}",
        "closure_days-TOTAL_FORMS": 1,
        "closure_days-INITIAL_FORMS": 0,
        "closure_days-MIN_NUM_FORMS": 0,
        "closure_days-MAX_NUM_FORMS": 1000,
        "closure_days-0-date": "2025-12-24",
        "closure_days-0-description": "Christmas Eve",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/organisation/council/{council.pk}/change/", data, follow=True
        )
    assert response.status_code == 200
    assert ClosureDay.objects.filter(date=dt.date(2025, 12, 24)).exists()
    # The request only queued the recompute; the (immediate) worker ran it on commit.
    assert b"are being recalculated in the background" in response.content
    assert case.stages.get().due == dt.date(2026, 1, 2)
    page = client.get(f"/admin/organisation/council/{council.pk}/change/")
    assert b"were recalculated on 1 record." in page.content
    event = AuditEvent.objects.get(verb="council.calendar_changed")
    assert event.actor == admin_user


COUNCIL_FORM = {
    "nation": "england",
    "kind": "unitary",
    "population": 250000,
    "financial_year_start_month": 4,
    "timescale_target_percent": "90.0",
    "brand_colour": "#1d4f91",
    "small_number_threshold": 5,
    "reminder_working_days": 2,
    "homes": 0,
    "reference_prefix": "CF",
    "reference_pattern": "{prefix}-{year}-{number:06}",
    "closure_days-TOTAL_FORMS": 1,
    "closure_days-INITIAL_FORMS": 0,
    "closure_days-MIN_NUM_FORMS": 0,
    "closure_days-MAX_NUM_FORMS": 1000,
    "closure_days-0-date": "2025-12-24",
    "closure_days-0-description": "Christmas Eve",
}


def test_the_admin_request_only_queues_the_recompute_for_the_worker(
    client, admin_user, alice, childrens, task_queue, django_capture_on_commit_callbacks
):
    council = Council.load()
    case = logged_complaint(by=alice, directorate=childrens, received=RECEIVED)
    client.force_login(admin_user)
    data = {**COUNCIL_FORM, "name": council.name, "nation": council.nation}
    with (
        mock.patch(
            "putright.complaints.services.calendar_recompute.clocks_recompute"
        ) as recompute,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            f"/admin/organisation/council/{council.pk}/change/", data
        )
    assert response.status_code == 302
    recompute.assert_not_called()  # nothing recomputed inside the admin request
    assert case.stages.get().due == dt.date(2025, 12, 31)
    run = CalendarRecompute.objects.get()
    assert run.status == CalendarRecompute.Status.QUEUED
    assert task_queue.tasks().get().task_path == (
        "putright.complaints.tasks.recompute_calendar"
    )

    task_queue.work()

    run.refresh_from_db()
    assert run.status == CalendarRecompute.Status.DONE
    assert run.records_changed == 1
    assert case.stages.get().due == dt.date(2026, 1, 2)
    assert AuditEvent.objects.filter(verb="council.calendar_changed").count() == 1


def test_a_recompute_runs_once_even_if_its_task_is_queued_twice(alice, childrens):
    council = Council.load()
    logged_complaint(by=alice, directorate=childrens, received=RECEIVED)
    run = _add_closure(council, dt.date(2025, 12, 24))
    assert run.status == CalendarRecompute.Status.DONE

    assert calendar_recompute_execute(run_id=run.pk) is None
    assert AuditEvent.objects.filter(verb="council.calendar_changed").count() == 1


def test_a_failed_recompute_is_retried_then_shown_failed_without_a_traceback(
    client, admin_user, alice, childrens
):
    council = Council.load()
    case = logged_complaint(by=alice, directorate=childrens, received=RECEIVED)
    with mock.patch(
        "putright.complaints.services.calendar_recompute.clocks_recompute",
        side_effect=RuntimeError("database went away"),
    ) as recompute:
        run = _add_closure(council, dt.date(2025, 12, 24))
    assert recompute.call_count == MAX_ATTEMPTS
    assert run.status == CalendarRecompute.Status.FAILED
    assert run.attempts == MAX_ATTEMPTS
    assert "could not be recalculated" in run.error
    assert "database went away" not in run.error
    assert case.stages.get().due == dt.date(2025, 12, 31)  # all or nothing
    client.force_login(admin_user)
    page = client.get(f"/admin/organisation/council/{council.pk}/change/").content
    assert b"could not be recalculated" in page
    assert b"Traceback" not in page
    assert b"database went away" not in page
