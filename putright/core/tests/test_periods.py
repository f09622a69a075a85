import datetime as dt

import pytest

from putright.core.periods import (
    Period,
    PeriodError,
    parse_part,
    parse_quarter,
    parse_year,
    period_for,
    quarter_of,
    year_of,
)


@pytest.mark.parametrize("text", ["2022/2023", "2022/23", "2022-23", "2022-2023"])
def test_every_accepted_spelling_reads_as_the_same_year(text):
    period = parse_year(text)
    assert period.label == "2022/2023"
    assert (period.start, period.end) == (dt.date(2022, 4, 1), dt.date(2023, 3, 31))


@pytest.mark.parametrize("text", ["2022", "2022/2024", "22/23", "2022/24", "last year"])
def test_unrecognised_years_are_refused_with_the_accepted_form(text):
    with pytest.raises(PeriodError, match="2022/2023|follow the first"):
        parse_year(text)


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        ("Q1", dt.date(2022, 4, 1), dt.date(2022, 6, 30)),
        ("Q2", dt.date(2022, 7, 1), dt.date(2022, 9, 30)),
        ("Q3", dt.date(2022, 10, 1), dt.date(2022, 12, 31)),
        ("Q4", dt.date(2023, 1, 1), dt.date(2023, 3, 31)),
    ],
)
def test_quarters_of_an_april_year(quarter, start, end):
    period = period_for("2022/23", quarter)
    assert (period.start, period.end) == (start, end)


def test_previous_year_keeps_the_quarter():
    previous = period_for("2022/2023", "q3").previous_year()
    assert previous.label == "2021/2022"
    assert previous.start == dt.date(2021, 10, 1)


def test_a_council_with_a_january_year():
    period = Period(2023, None, start_month=1)
    assert (period.start, period.end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_year_and_quarter_of_a_date():
    assert year_of(dt.date(2023, 3, 31)).label == "2022/2023"
    assert year_of(dt.date(2023, 4, 1)).label == "2023/2024"
    assert quarter_of(dt.date(2023, 2, 14)) == "Q4"
    assert quarter_of(dt.date(2022, 7, 1)) == "Q2"


def test_unknown_quarter_is_refused():
    with pytest.raises(PeriodError, match="Q1, Q2, Q3 or Q4"):
        period_for("2022/2023", "Q5")


# -- halves: a widening for part-year reports (docs/interchange-format.md §1) ------------


@pytest.mark.parametrize(
    ("half", "start", "end"),
    [
        ("H1", dt.date(2022, 4, 1), dt.date(2022, 9, 30)),
        ("H2", dt.date(2022, 10, 1), dt.date(2023, 3, 31)),
    ],
)
def test_halves_of_an_april_year(half, start, end):
    period = Period(2022, parse_part(half.lower()))
    assert (period.start, period.end) == (start, end)
    assert period.full_label == f"2022/2023 {half}"
    assert period.is_half
    assert period.is_part_year


def test_halves_of_a_january_year():
    second = Period(2023, "H2", start_month=1)
    assert (second.start, second.end) == (dt.date(2023, 7, 1), dt.date(2023, 12, 31))


def test_previous_year_keeps_the_half():
    previous = Period(2022, "H2").previous_year()
    assert previous.full_label == "2021/2022 H2"
    assert (previous.start, previous.end) == (
        dt.date(2021, 10, 1),
        dt.date(2022, 3, 31),
    )


def test_a_part_reads_quarters_halves_or_nothing():
    assert parse_part(" q2 ") == "Q2"
    assert parse_part("") is None
    assert parse_part(None) is None
    assert Period(2022).full_label == "2022/2023"
    assert not Period(2022).is_part_year
    assert not Period(2022, "Q4").is_half


@pytest.mark.parametrize("text", ["H3", "Q5", "half", "H1/H2"])
def test_an_unknown_part_is_refused_with_what_is_accepted(text):
    with pytest.raises(PeriodError, match="H1 or H2 for a half year"):
        parse_part(text)


def test_the_quarter_parser_still_accepts_quarters_only():
    # The dashboard, the API and `putright stats` read quarters: halves are not offered.
    with pytest.raises(PeriodError, match="Q1, Q2, Q3 or Q4"):
        parse_quarter("H1")
