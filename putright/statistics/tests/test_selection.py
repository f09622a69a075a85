"""One reader of a statistics selection: typed selections, or specific reasons to refuse."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.core.periods import Period
from putright.statistics.selection import selection_parse
from putright.statistics.tests.dataset import build_dataset

TODAY = dt.date(2026, 12, 1)  # within 2026/2027, Q3


@pytest.fixture
def data(db):
    # Records from 2021/2022 (the earliest) to 2023/2024.
    return build_dataset()


@pytest.mark.parametrize(
    ("params", "period"),
    [
        ({"year": "2022/2023"}, Period(2022)),
        ({"year": "2022/23"}, Period(2022)),
        ({"year": "2022-23", "quarter": "q2"}, Period(2022, "Q2")),
        ({}, Period(2023)),  # the latest year with complaints
        ({"year": "2020/2021"}, Period(2020)),  # one year before the earliest record
        ({"year": "2026/2027", "quarter": "Q3"}, Period(2026, "Q3")),  # under way
    ],
)
def test_good_selections_give_a_typed_period(data, params, period):
    parsed = selection_parse(**params, today=TODAY)
    assert parsed.errors == []
    assert parsed.selection.period == period


def test_service_and_team_are_resolved_and_a_team_implies_its_service(data):
    parsed = selection_parse(year="2022/23", team="SEND Team", today=TODAY)
    assert parsed.selection.team == data.send
    assert parsed.selection.directorate == data.childrens


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"year": "2022"}, "year", "Year '2022' is not recognised"),
        ({"year": "2022/2025"}, "year", "the second year must follow the first"),
        ({"year": "<script>"}, "year", "is not recognised"),
        ({"year": "2022/23", "quarter": "Q5"}, "quarter", "Quarter 'Q5'"),
        ({"year": "0001/02"}, "year", "Year '0001/02' is before the council's records"),
        ({"year": "0000/01"}, "year", "Year '0000/01' is before the council's records"),
        ({"year": "1999/2000"}, "year", "choose 2020/2021 or a later year"),
        ({"year": "2019/2020"}, "year", "is before the council's records"),
        ({"year": "9999/00"}, "year", "Year '9999/00' has not started yet"),
        ({"year": "2027/28"}, "year", "choose 2026/2027 or an earlier year"),
        (
            {"year": "2026/27", "quarter": "Q4"},
            "quarter",
            "Q4 of 2026/2027 has not started yet",
        ),
        ({"year": "2022/23", "directorate": "Highways"}, "directorate", "'Highways'"),
        ({"year": "2022/23", "team": "Nobody"}, "team", "Team 'Nobody'"),
        (
            {"year": "2022/23", "directorate": "Adults", "team": "SEND Team"},
            "team",
            "Team 'SEND Team' is not recognised in Adults",
        ),
    ],
)
def test_bad_selections_are_refused_with_a_specific_message(
    data, params, field, message
):
    parsed = selection_parse(**params, today=TODAY)
    assert parsed.selection is None
    assert [error.field for error in parsed.errors] == [field]
    assert message in parsed.message


def test_every_fault_is_reported_at_once(data):
    parsed = selection_parse(
        year="2022", quarter="Q9", directorate="Highways", today=TODAY
    )
    assert [error.field for error in parsed.errors] == [
        "year",
        "quarter",
        "directorate",
    ]


def test_with_no_records_only_recent_years_are_accepted(db):
    assert selection_parse(year="2024/25", today=TODAY).selection is not None
    assert (
        "before the council's records"
        in selection_parse(year="2023/24", today=TODAY).message
    )


# One test per caller: each reports a refused selection its own way.


def test_stats_command_refuses_a_year_far_outside_the_data_with_status_2(data):
    with pytest.raises(CommandError, match="before the council's records") as raised:
        call_command("stats", "--year", "0001/02")
    assert raised.value.returncode == 2


def test_api_refuses_a_year_far_outside_the_data_with_a_400_per_field(
    client, data, erin
):
    client.force_login(erin)
    response = client.get("/api/v1/stats", {"year": "9999/00"})
    assert response.status_code == 400
    body = response.json()
    assert "has not started yet" in body["detail"]
    assert body["errors"][0]["field"] == "year"


def test_dashboard_refuses_a_year_far_outside_the_data_with_an_error_summary(
    client, data, alice
):
    client.force_login(alice)
    response = client.get("/dashboard/", {"year": "0000/01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "before the council&#x27;s records" in html
