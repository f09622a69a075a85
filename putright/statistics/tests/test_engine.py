"""The §5 counting rules against figures worked out by hand from `dataset.py`."""

import pytest

from putright.core.periods import Period, PeriodError
from putright.statistics import engine
from putright.statistics.tests.dataset import build_dataset

YEAR = Period(2022)

ZERO_OUTCOMES = {
    "upheld": 0,
    "partly_upheld": 0,
    "not_upheld": 0,
    "withdrawn": 0,
    "refused": 0,
    "out_of_jurisdiction": 0,
    "other": 0,
    "undecided": 0,
}


@pytest.fixture
def data(db):
    return build_dataset()


def test_whole_council_stage_1_counts_outcomes_and_timeliness(data):
    stats = engine.statistics_for(period=YEAR)
    assert stats["year"] == "2022/2023"
    assert stats["quarter"] is None
    assert stats["directorate"] is None
    assert (stats["start"], stats["end"]) == ("2022-04-01", "2023-03-31")
    s1 = stats["stages"]["1"]
    assert s1["received"] == 6
    assert s1["outcomes"] == {
        **ZERO_OUTCOMES,
        "upheld": 1,
        "partly_upheld": 1,
        "not_upheld": 2,
        "withdrawn": 1,
        "undecided": 1,
    }
    assert s1["responded"] == 5
    assert s1["responded_within_timescale"] == 3
    assert s1["responded_within_extended_timescale"] == 4
    assert s1["within_timescale_percent"] == 60.0
    assert s1["within_extended_timescale_percent"] == 80.0
    assert s1["average_response_calendar_days"] == 21.8
    assert s1["average_response_working_days"] == 15.4
    assert s1["by_quarter"] == {"Q1": 2, "Q2": 1, "Q3": 2, "Q4": 1}


def test_families_use_each_procedures_own_day_basis(data):
    s1 = engine.statistics_for(period=YEAR)["stages"]["1"]
    corporate = s1["by_family"]["corporate"]
    assert corporate["received"] == 3
    assert corporate["responded"] == 2
    assert corporate["responded_within_timescale"] == 1
    assert corporate["average_response_calendar_days"] == 21.0
    assert corporate["average_response_working_days"] == 15.0
    # Two of its three records run on the council's calendar-day procedure.
    assert corporate["day_basis"] == "calendar"
    assert corporate["average_response_days"] == 21.0
    statutory = s1["by_family"]["statutory"]
    assert statutory["received"] == 3
    assert statutory["responded"] == 3
    assert statutory["responded_within_timescale"] == 2
    assert statutory["within_timescale_percent"] == 66.7
    assert statutory["average_response_calendar_days"] == 22.3  # 67 / 3
    assert statutory["average_response_working_days"] == 15.7  # 47 / 3
    assert statutory["day_basis"] == "working"
    assert statutory["average_response_days"] == 15.7


def test_by_procedure_splits_by_code_with_nulls_when_nothing_answered(data):
    by_procedure = engine.statistics_for(period=YEAR)["stages"]["1"]["by_procedure"]
    assert set(by_procedure) == {
        "adults_2009",
        "children_1989",
        "city_corporate",
        "lgsco_code",
    }
    assert by_procedure["children_1989"]["received"] == 2
    assert by_procedure["children_1989"]["average_response_working_days"] == 13.5
    assert by_procedure["city_corporate"]["average_response_days"] == 21.0
    lgsco = by_procedure["lgsco_code"]
    assert (lgsco["received"], lgsco["responded"]) == (1, 0)
    assert lgsco["within_timescale_percent"] is None
    assert lgsco["average_response_calendar_days"] is None
    assert lgsco["outcomes"]["undecided"] == 1


def test_previous_year_difference_and_sentences(data):
    stages = engine.statistics_for(period=YEAR)["stages"]
    assert stages["1"]["previous_year"] == {"year": "2021/2022", "received": 3}
    assert stages["1"]["difference"] == 3
    assert stages["1"]["direction"] == "increase"
    assert stages["1"]["sentence"] == (
        "In comparison to 2021/2022 an increase has been seen in the number of "
        "stage 1 complaints received"
    )
    assert stages["2"]["previous_year"]["received"] == 2
    assert stages["2"]["difference"] == 0
    assert stages["2"]["direction"] == "no change"
    assert stages["2"]["sentence"] == (
        "In comparison to 2021/2022 no change has been seen in the number of "
        "stage 2 complaints received"
    )
    assert stages["3"]["difference"] == -1
    assert stages["3"]["sentence"] == (
        "In comparison to 2021/2022 a decrease has been seen in the number of "
        "stage 3 complaints received"
    )


def test_stage_2_extension_and_due_date_boundaries(data):
    s2 = engine.statistics_for(period=YEAR)["stages"]["2"]
    assert s2["received"] == 2
    assert s2["responded_within_timescale"] == 1  # answered on the due date counts
    assert s2["responded_within_extended_timescale"] == 1  # late for its extension
    assert s2["within_timescale_percent"] == 50.0
    assert s2["average_response_calendar_days"] == 54.5
    assert s2["average_response_working_days"] == 38.5
    assert s2["by_quarter"] == {"Q1": 1, "Q2": 0, "Q3": 0, "Q4": 1}


def test_empty_stage_has_every_key_with_zeros_and_nulls(data):
    s3 = engine.statistics_for(period=YEAR)["stages"]["3"]
    assert s3["received"] == 0
    assert s3["outcomes"] == ZERO_OUTCOMES
    assert s3["within_timescale_percent"] is None
    assert s3["average_response_working_days"] is None
    assert s3["by_quarter"] == {"Q1": 0, "Q2": 0, "Q3": 0, "Q4": 0}
    assert set(s3["by_family"]) == {"corporate", "statutory"}
    assert s3["by_family"]["statutory"]["received"] == 0
    assert s3["by_procedure"] == {}


def test_directorate_filter_by_name_ignores_case_and_apostrophe_style(data):
    for name in ("Children's", "children's", "CHILDREN\u2019S", str(data.childrens.pk)):
        stats = engine.statistics_for(period=YEAR, directorate=name)
        assert stats["directorate"] == "Children's"
        s1 = stats["stages"]["1"]
        assert s1["received"] == 4
        assert s1["responded"] == 3
        assert s1["responded_within_timescale"] == 1
        assert s1["within_timescale_percent"] == 33.3
        assert s1["within_extended_timescale_percent"] == 66.7
        assert s1["average_response_calendar_days"] == 20.7  # 62 / 3
        assert s1["average_response_working_days"] == 14.7  # 44 / 3
        assert s1["previous_year"]["received"] == 2
        assert s1["by_quarter"] == {"Q1": 1, "Q2": 1, "Q3": 1, "Q4": 1}
        assert stats["stages"]["2"]["received"] == 1
        assert stats["stages"]["2"]["direction"] == "decrease"


def test_quarter_filter_counts_only_that_quarter_and_compares_same_quarter(data):
    stats = engine.statistics_for(period=Period(2022, "Q3"))
    assert (stats["start"], stats["end"]) == ("2022-10-01", "2022-12-31")
    assert stats["quarter"] == "Q3"
    s1 = stats["stages"]["1"]
    assert s1["received"] == 2
    assert s1["by_quarter"] == {"Q1": 0, "Q2": 0, "Q3": 2, "Q4": 0}
    assert s1["average_response_calendar_days"] == 21.0
    assert s1["previous_year"] == {"year": "2021/2022", "received": 0}
    assert s1["direction"] == "increase"
    s2 = stats["stages"]["2"]
    assert (s2["received"], s2["previous_year"]["received"]) == (0, 1)
    assert stats["stages"]["3"]["direction"] == "no change"


def test_team_filter_implies_its_directorate(data):
    stats = engine.statistics_for(period=YEAR, team="send team")
    assert stats["directorate"] == "Children's"
    assert stats["team"] == "SEND Team"
    assert stats["stages"]["1"]["received"] == 2
    assert stats["stages"]["2"]["received"] == 1


def test_contacts_are_counted_by_kind_with_previous_year(data):
    contacts = engine.statistics_for(period=YEAR)["contacts"]
    assert set(contacts) == {
        "informal_complaint",
        "service_request",
        "comment",
        "compliment",
        "mp_enquiry",
        "member_enquiry",
    }
    assert contacts["compliment"]["received"] == 3
    assert contacts["compliment"]["by_quarter"] == {"Q1": 1, "Q2": 1, "Q3": 0, "Q4": 1}
    assert contacts["compliment"]["previous_year"] == {
        "year": "2021/2022",
        "received": 3,
    }
    assert contacts["compliment"]["direction"] == "no change"
    assert contacts["informal_complaint"]["received"] == 1
    assert contacts["informal_complaint"]["difference"] == -1
    assert contacts["mp_enquiry"]["direction"] == "increase"
    assert contacts["service_request"]["received"] == 0
    assert contacts["service_request"]["direction"] == "decrease"
    assert contacts["comment"]["direction"] == "no change"
    childrens = engine.statistics_for(period=YEAR, directorate="Children's")
    assert childrens["contacts"]["compliment"]["received"] == 2
    assert childrens["contacts"]["informal_complaint"]["difference"] == 0


def test_ombudsman_uses_its_own_received_and_decided_dates(data):
    ombudsman = engine.statistics_for(period=YEAR)["ombudsman"]
    lgsco = ombudsman["lgsco"]
    assert lgsco["received"] == 3
    assert lgsco["investigations"] == 1
    assert lgsco["decided"] == 3
    assert lgsco["decisions"] == {
        "upheld": 1,
        "not_upheld": 1,
        "closed_after_initial_enquiries": 1,
        "referred_back_for_local_resolution": 0,
        "advice_given": 0,
        "incomplete_invalid": 0,
    }
    assert ombudsman["ho"]["received"] == 1
    assert ombudsman["ho"]["decided"] == 0
    assert ombudsman["ho"]["decisions"]["maladministration"] == 0
    adults = engine.statistics_for(period=YEAR, directorate="Adults")["ombudsman"]
    assert (adults["lgsco"]["received"], adults["lgsco"]["decided"]) == (0, 1)
    assert adults["lgsco"]["decisions"]["not_upheld"] == 1


def test_year_boundaries_belong_to_the_year_received(data):
    next_year = engine.statistics_for(period=Period(2023))
    assert next_year["stages"]["1"]["received"] == 1
    assert next_year["stages"]["1"]["previous_year"]["received"] == 6
    last_year = engine.statistics_for(period=Period(2021))
    # 1 April 2021 and 31 March 2022 both fall in 2021/2022.
    assert last_year["stages"]["1"]["received"] == 3


@pytest.mark.parametrize(
    ("directorate", "team", "message"),
    [
        ("Highways", None, "Service 'Highways' is not recognised"),
        ("99999", None, "Service '99999' is not recognised"),
        (None, "Nobody", "Team 'Nobody' is not recognised"),
        ("Adults", "SEND Team", "Team 'SEND Team' is not recognised in Adults"),
    ],
)
def test_unknown_directorate_or_team_is_a_clear_error(data, directorate, team, message):
    with pytest.raises(engine.StatisticsError, match=message):
        engine.selection_for(year="2022/23", directorate=directorate, team=team)


def test_team_named_in_two_directorates_needs_the_directorate(data):
    from putright.organisation.tests.factories import TeamFactory

    TeamFactory(directorate=data.adults, name="SEND Team")
    with pytest.raises(engine.StatisticsError, match="more than one service"):
        engine.selection_for(year="2022/23", team="SEND Team")
    chosen = engine.selection_for(
        year="2022/23", directorate="Adults", team="SEND Team"
    )
    assert chosen.team.directorate == data.adults


@pytest.mark.parametrize(
    ("year", "quarter"), [("2022", None), ("2022/2024", None), ("2022/23", "Q5")]
)
def test_bad_year_or_quarter_raises_period_error(db, year, quarter):
    with pytest.raises(PeriodError):
        engine.selection_for(year=year, quarter=quarter)


def test_selection_accepts_every_year_spelling(data):
    for text in ("2022/2023", "2022/23", "2022-23", "2022-2023"):
        selection = engine.selection_for(year=text, quarter="q2")
        assert selection.period == Period(2022, "Q2")


@pytest.mark.parametrize(
    ("total", "count", "expected"),
    [(0, 0, None), (5, 2, 2.5), (1, 8, 0.1), (1, 20, 0.1), (2, 3, 0.7), (1, 3, 0.3)],
)
def test_average_rounds_half_up_to_one_place(total, count, expected):
    assert engine.average(total, count) == expected


def test_percent_is_null_without_denominator():
    assert engine.percent(0, 0) is None
    assert engine.percent(2, 3) == 66.7
    assert engine.percent(1, 8) == 12.5


def test_aggregation_runs_a_fixed_number_of_queries(
    data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        engine.statistics_for(period=YEAR, directorate="Children's")
