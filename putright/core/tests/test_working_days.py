"""Working days (docs/deadline-rules.md §2) against the real bank-holiday calendars."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from putright.core.working_days import (
    WorkingCalendar,
    add_calendar_months,
    calendar_days_between,
    get_calendar,
)

D = dt.date
dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))


@pytest.mark.parametrize(
    ("nation", "day", "expected"),
    [
        # Easter 2023: Good Friday 7 April everywhere; Easter Monday not in Scotland.
        ("england", D(2023, 4, 7), False),
        ("scotland", D(2023, 4, 7), False),
        ("england", D(2023, 4, 10), False),
        ("scotland", D(2023, 4, 10), True),
        ("northern_ireland", D(2023, 4, 10), False),
        # The state funeral of Queen Elizabeth II and the coronation.
        ("england", D(2022, 9, 19), False),
        ("wales", D(2022, 9, 19), False),
        ("scotland", D(2022, 9, 19), False),
        ("england", D(2023, 5, 8), False),
        ("northern_ireland", D(2023, 5, 8), False),
        # Christmas 2022 fell on a Sunday: Tuesday 27 December was the substitute day.
        ("england", D(2022, 12, 27), False),
        ("england", D(2022, 12, 28), True),
        # Boxing Day 2026 is a Saturday: Monday 28 December is the substitute.
        ("england", D(2026, 12, 28), False),
        # St Andrew's Day: Scotland only.
        ("scotland", D(2023, 11, 30), False),
        ("england", D(2023, 11, 30), True),
        # 12 July: Northern Ireland only; in 2026 it is a Sunday, so Monday 13 July.
        ("northern_ireland", D(2023, 7, 12), False),
        ("england", D(2023, 7, 12), True),
        ("northern_ireland", D(2026, 7, 13), False),
        # Summer bank holiday: first Monday of August in Scotland, last elsewhere.
        ("scotland", D(2023, 8, 7), False),
        ("england", D(2023, 8, 7), True),
        ("england", D(2023, 8, 28), False),
        ("scotland", D(2023, 8, 28), True),
        # Weekends.
        ("england", D(2023, 6, 3), False),
        ("england", D(2023, 6, 5), True),
    ],
)
def test_working_day_follows_each_nations_calendar(nation, day, expected):
    assert get_calendar(nation).is_working_day(day) is expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Friday 16 September 2022 + 1 skips the weekend and the state funeral.
        (D(2022, 9, 16), 1, D(2022, 9, 20)),
        # Maundy Thursday 2023 + 1 skips Good Friday, the weekend and Easter Monday.
        (D(2023, 4, 6), 1, D(2023, 4, 11)),
        # Friday 23 December 2022 + 1 skips 26 and 27 December.
        (D(2022, 12, 23), 1, D(2022, 12, 28)),
        # Friday 5 May 2023 + 1 skips the coronation.
        (D(2023, 5, 5), 1, D(2023, 5, 9)),
        # The start day itself never counts, even when it is a working day.
        (D(2023, 6, 5), 5, D(2023, 6, 12)),
        (D(2023, 6, 5), 0, D(2023, 6, 5)),
    ],
)
def test_add_working_days_in_england(start, n, expected):
    assert get_calendar("england").add_working_days(start, n) == expected


def test_closure_days_are_not_working_days():
    calendar = WorkingCalendar("england", [D(2023, 12, 27), D(2023, 12, 28)])
    assert calendar.add_working_days(D(2023, 12, 22), 1) == D(2023, 12, 29)
    assert get_calendar("england").add_working_days(D(2023, 12, 22), 1) == D(
        2023, 12, 27
    )


def test_unknown_nation_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="england, wales, scotland, northern_ireland"):
        WorkingCalendar("mercia")


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2023, 8, 31), 6, D(2024, 2, 29)),  # leap year
        (D(2022, 8, 31), 6, D(2023, 2, 28)),
        (D(2022, 4, 15), 6, D(2022, 10, 15)),
        (D(2022, 10, 31), 6, D(2023, 4, 30)),
    ],
)
def test_add_calendar_months_clamps_to_month_end(start, months, expected):
    assert add_calendar_months(start, months) == expected


@pytest.mark.parametrize("nation", ["england", "scotland", "northern_ireland"])
@given(day=dates, n=st.integers(min_value=0, max_value=400))
def test_between_undoes_add(nation, day, n):
    calendar = get_calendar(nation)
    assert calendar.working_days_between(day, calendar.add_working_days(day, n)) == n


@given(day=dates, n=st.integers(min_value=1, max_value=100))
def test_added_day_is_a_working_day_after_the_start(day, n):
    calendar = get_calendar("england")
    result = calendar.add_working_days(day, n)
    assert result > day
    assert calendar.is_working_day(result)


@given(a=dates, b=dates)
def test_between_is_zero_when_end_not_after_start_and_counts_by_brute_force(a, b):
    calendar = get_calendar("scotland")
    if b <= a:
        assert calendar.working_days_between(a, b) == 0
        return
    if (b - a).days > 800:
        b = a + dt.timedelta(days=800)
    brute = sum(
        1
        for i in range(1, (b - a).days + 1)
        if calendar.is_working_day(a + dt.timedelta(days=i))
    )
    assert calendar.working_days_between(a, b) == brute


@given(a=dates, b=dates)
def test_calendar_days_between_is_signed_difference(a, b):
    assert calendar_days_between(a, b) == (b - a).days


def test_dates_beyond_the_prepared_range_still_work():
    calendar = WorkingCalendar("england", first_year=2020, last_year=2021)
    assert calendar.add_working_days(D(2023, 5, 5), 1) == D(2023, 5, 9)
    assert calendar.working_days_between(D(2019, 12, 24), D(2019, 12, 27)) == 1
