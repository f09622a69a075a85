"""§5 periods not yet over, the year around a chosen quarter, and day bases kept apart.

The figures are worked out by hand from the few records each test makes.
"""

import datetime as dt

import pytest

from putright.complaints.constants import Kind
from putright.complaints.models import Procedure
from putright.complaints.tests.factories import CaseFactory, StageFactory, procedure
from putright.core.periods import Period
from putright.organisation.tests.factories import DirectorateFactory
from putright.statistics import engine
from putright.statistics.disclosure import statistics_disclosed

D = dt.date
TODAY = D(2026, 12, 1)


def _complaint(received, *, directorate, code="lgsco_code", number=1, **extra):
    return StageFactory(
        case=CaseFactory(kind=Kind.COMPLAINT),
        number=number,
        kind=Kind.COMPLAINT,
        directorate=directorate,
        procedure=procedure(code),
        received=received,
        **extra,
    )


@pytest.fixture
def housing(db):
    return DirectorateFactory(name="Housing")


def test_a_year_not_over_is_compared_with_the_same_part_of_last_year(housing):
    # Last year: 3 by 1 December 2025, 4 more after it; this year 2 so far.
    for day in (D(2025, 4, 10), D(2025, 9, 1), D(2025, 12, 1)):
        _complaint(day, directorate=housing)
    for day in (D(2025, 12, 2), D(2026, 1, 5), D(2026, 2, 5), D(2026, 3, 5)):
        _complaint(day, directorate=housing)
    for day in (D(2026, 5, 1), D(2026, 11, 30)):
        _complaint(day, directorate=housing)
    stats = engine.statistics_for(period=Period(2026), today=TODAY)
    assert stats["complete"] is False
    assert stats["as_of"] == "2026-12-01"
    s1 = stats["stages"]["1"]
    assert s1["received"] == 2
    assert s1["previous_year"]["received"] == 7
    assert s1["previous_year"]["to_date"] == {
        "start": "2025-04-01",
        "end": "2025-12-01",
        "received": 3,
    }
    # Against the whole of last year this would be a decrease of 5; so far it is 1.
    assert s1["difference"] == -1
    assert s1["direction"] == "decrease"
    assert s1["sentence"] == (
        "So far in 2026/2027 (to 1 December 2026) a decrease has been seen in the "
        "number of stage 1 complaints received, compared with the same period of "
        "2025/2026"
    )


def test_a_finished_year_is_complete_and_compared_with_the_whole_year(housing):
    _complaint(D(2024, 6, 1), directorate=housing)
    _complaint(D(2025, 6, 1), directorate=housing)
    _complaint(D(2025, 7, 1), directorate=housing)
    stats = engine.statistics_for(period=Period(2025), today=D(2026, 4, 2))
    assert stats["complete"] is True
    assert stats["as_of"] is None
    s1 = stats["stages"]["1"]
    assert "to_date" not in s1["previous_year"]
    assert (s1["difference"], s1["direction"]) == (1, "increase")
    assert s1["sentence"].startswith("In comparison to 2024/2025 an increase")


def test_a_quarter_under_way_is_compared_with_the_same_weeks_of_that_quarter(housing):
    _complaint(D(2025, 10, 20), directorate=housing)  # Q3 2025/26, before 1 December
    _complaint(D(2025, 12, 15), directorate=housing)  # Q3, after the cut
    CaseFactory(kind=Kind.COMPLIMENT)
    StageFactory(
        case=CaseFactory(kind=Kind.COMPLIMENT),
        kind=Kind.COMPLIMENT,
        directorate=housing,
        received=D(2025, 11, 1),
    )
    stats = engine.statistics_for(period=Period(2026, "Q3"), today=TODAY)
    s1 = stats["stages"]["1"]
    assert s1["previous_year"]["to_date"]["start"] == "2025-10-01"
    assert s1["previous_year"]["to_date"]["received"] == 1
    assert s1["previous_year"]["received"] == 2
    assert s1["sentence"].startswith("So far in Q3 2026/2027 (to 1 December 2026)")
    compliments = stats["contacts"]["compliment"]
    assert compliments["previous_year"]["to_date"]["received"] == 1
    assert compliments["direction"] == "decrease"


def test_a_chosen_quarter_keeps_the_whole_year_for_its_chart(housing):
    for day, n in ((D(2025, 5, 1), 2), (D(2025, 8, 1), 3), (D(2026, 2, 1), 1)):
        for _ in range(n):
            _complaint(day, directorate=housing)
    stats = engine.statistics_for(period=Period(2025, "Q2"), today=TODAY)
    s1 = stats["stages"]["1"]
    assert s1["by_quarter"] == {"Q1": 0, "Q2": 3, "Q3": 0, "Q4": 0}
    assert s1["year_by_quarter"] == {"Q1": 2, "Q2": 3, "Q3": 0, "Q4": 1}
    whole = engine.statistics_for(period=Period(2025), today=TODAY)["stages"]["1"]
    assert whole["year_by_quarter"] == whole["by_quarter"] == s1["year_by_quarter"]


@pytest.fixture
def calendar_procedure(db):
    return Procedure.objects.create(
        code="council_21",
        name="Council policy (21 calendar days)",
        family="corporate",
        day_basis="calendar",
        ombudsman="lgsco",
    )


def test_each_day_basis_is_averaged_on_its_own_with_one_label(
    housing, calendar_procedure
):
    # 2024/25: mostly Housing Code (working days); 2025/26: mostly the council's policy.
    def answered(day, code, calendar, working):
        _complaint(
            day,
            directorate=housing,
            code=code,
            responded=day + dt.timedelta(days=calendar),
            response_calendar_days=calendar,
            response_working_days=working,
        )

    answered(D(2024, 5, 1), "ho_code", 14, 10)
    answered(D(2024, 6, 3), "ho_code", 30, 20)
    answered(D(2024, 7, 1), "council_21", 21, 15)
    for day in (D(2025, 5, 1), D(2025, 6, 2), D(2025, 7, 1), D(2025, 8, 1)):
        answered(day, "council_21", 20, 14)
    answered(D(2025, 9, 1), "ho_code", 7, 5)
    years = [
        engine.statistics_for(period=Period(y), today=TODAY)["stages"]["1"][
            "by_family"
        ]["corporate"]
        for y in (2024, 2025)
    ]
    # 5 calendar-day records against 3 working-day ones ever: calendar, both years.
    assert [f["day_basis"] for f in years] == ["calendar", "calendar"]
    first, second = years
    assert first["by_day_basis"]["working"]["received"] == 2
    assert first["by_day_basis"]["working"]["average_response_working_days"] == 15.0
    assert first["by_day_basis"]["calendar"]["average_response_calendar_days"] == 21.0
    # The headline is the calendar-day records' own average, not a mix with the Code's.
    assert first["average_response_days"] == 21.0
    assert first["average_response_calendar_days"] == 21.7  # (14 + 30 + 21) / 3, mixed
    assert second["average_response_days"] == 20.0
    assert second["by_day_basis"]["working"]["average_response_days"] == 5.0


def test_to_date_and_year_quarters_are_protected_like_the_rest(housing):
    for day in (D(2025, 5, 1),) * 6 + (D(2025, 12, 20),) * 2:
        _complaint(day, directorate=housing)
    for day in (D(2026, 5, 1),) * 7:
        _complaint(day, directorate=housing)
    stats = engine.statistics_for(period=Period(2026), today=TODAY)
    out = statistics_disclosed(stats, threshold=5)
    s1 = out["stages"]["1"]
    assert s1["previous_year"]["to_date"]["received"] == 6
    assert s1["previous_year"]["received"] == 8
    quarter = statistics_disclosed(
        engine.statistics_for(period=Period(2025, "Q3"), today=TODAY), threshold=5
    )["stages"]["1"]
    # Q3 2025/26 holds 2: hidden in the chart of the year as in the table.
    assert quarter["year_by_quarter"]["Q3"] is None
    assert quarter["received"] is None
    assert quarter["year_by_quarter"]["Q1"] == 6
