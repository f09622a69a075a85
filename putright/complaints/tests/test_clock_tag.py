"""The clock tag officers read in lists and on the case page."""

import datetime as dt

from django.template.loader import render_to_string

from putright.complaints.selectors import stage_clock
from putright.complaints.tests.factories import StageFactory
from putright.core.working_days import get_calendar

FRIDAY = dt.date(2026, 11, 20)
SUNDAY = dt.date(2026, 11, 22)
TUESDAY = dt.date(2026, 11, 24)


def _tag(stage, today):
    clock = stage_clock(stage, today=today, cal=get_calendar("england"))
    return render_to_string("complaints/_clock_tag.html", {"clock": clock}).strip()


def test_deadline_passed_on_friday_reads_overdue_at_the_weekend_not_zero_days(db):
    stage = StageFactory.build(received=dt.date(2026, 11, 2), due=FRIDAY)
    tag = _tag(stage, SUNDAY)
    assert "Overdue" in tag
    assert "0 working days" not in tag


def test_overdue_counts_working_days_since_the_deadline(db):
    stage = StageFactory.build(received=dt.date(2026, 11, 2), due=FRIDAY)
    assert "Overdue 2 working days" in _tag(stage, TUESDAY)


def test_deadline_today_reads_due_today(db):
    stage = StageFactory.build(received=dt.date(2026, 11, 2), due=TUESDAY)
    assert "Due today" in _tag(stage, TUESDAY)
