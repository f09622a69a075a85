"""`putright stats`: tables for people, JSON for machines, exit status 2 on bad input."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.statistics.tests.dataset import build_dataset


@pytest.fixture
def data(db):
    return build_dataset()


def run(*args):
    out = StringIO()
    call_command("stats", *args, stdout=out)
    return out.getvalue()


def test_json_output_gives_the_section_5_figures(data):
    stats = json.loads(
        run("--year", "2022/23", "--directorate", "Children's", "--json")
    )
    assert stats["year"] == "2022/2023"
    assert stats["directorate"] == "Children's"
    assert stats["stages"]["1"]["received"] == 4
    assert stats["stages"]["1"]["average_response_working_days"] == 14.7
    assert stats["contacts"]["compliment"]["received"] == 2


def test_quarter_and_team_options_narrow_the_selection(data):
    stats = json.loads(
        run("--year", "2022-2023", "--quarter", "q1", "--team", "SEND Team", "--json")
    )
    assert stats["quarter"] == "Q1"
    assert stats["team"] == "SEND Team"
    assert stats["stages"]["1"]["received"] == 1
    assert stats["stages"]["2"]["received"] == 1


def test_tables_are_readable_and_carry_the_sentences(data):
    text = run("--year", "2022/2023")
    assert text.startswith("Complaints statistics: 2022/2023, all services")
    assert "Records received from 1 April 2022 to 31 March 2023" in text
    lines = text.splitlines()
    received = next(line for line in lines if line.startswith("Received "))
    assert received.split()[1:] == ["6", "2", "0"]
    within = next(line for line in lines if line.startswith("Within timescale (%)"))
    assert within.split()[-3:] == ["60.0", "50.0", "–"]
    assert (
        "In comparison to 2021/2022 an increase has been seen in the number of "
        "stage 1 complaints received." in lines
    )
    assert "21 (calendar days)" in text  # whole days, half up, as on the dashboard
    compliments = next(line for line in lines if line.startswith("Compliments"))
    assert compliments.split()[1:] == ["3", "3", "0", "no", "change"]


def test_default_year_is_the_latest_with_complaints(data):
    stats = json.loads(run("--json"))
    assert stats["year"] == "2023/2024"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2022"], "Year '2022' is not recognised"),
        (["--year", "2022/25"], "the second year must follow the first"),
        (["--year", "2022/23", "--quarter", "Q9"], "Quarter 'Q9' is not recognised"),
        (["--year", "2022/23", "--directorate", "Parks"], "Service 'Parks'"),
        (["--year", "2022/23", "--team", "Nobody"], "Team 'Nobody'"),
    ],
)
def test_bad_input_exits_with_status_2_and_a_message(data, args, message):
    with pytest.raises(CommandError, match=message) as raised:
        run(*args)
    assert raised.value.returncode == 2
