"""A year not over reads the same way in `putright stats`, the API and the dashboard (§5)."""

import datetime as dt
import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from putright.complaints.constants import Kind
from putright.complaints.tests.factories import CaseFactory, StageFactory
from putright.organisation.tests.factories import DirectorateFactory

D = dt.date


@pytest.fixture
def records(db):
    housing = DirectorateFactory(name="Housing")
    # 2025/26: 4 by 1 December 2025, 3 after; 2026/27: 5 so far.
    days = [D(2025, 5, 1)] * 4 + [D(2026, 2, 1)] * 3 + [D(2026, 6, 1)] * 5
    for day in days:
        StageFactory(
            case=CaseFactory(kind=Kind.COMPLAINT), directorate=housing, received=day
        )


@pytest.fixture
def today():
    with time_machine.travel(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)):
        yield


def test_command_json_and_text_say_the_year_is_not_over(records, today):
    out = StringIO()
    call_command("stats", "--year", "2026/27", "--json", stdout=out)
    stats = json.loads(out.getvalue())
    assert (stats["complete"], stats["as_of"]) == (False, "2026-12-01")
    s1 = stats["stages"]["1"]
    assert s1["previous_year"]["to_date"]["received"] == 4
    assert (s1["difference"], s1["direction"]) == (1, "increase")
    out = StringIO()
    call_command("stats", "--year", "2026/27", stdout=out)
    text = out.getvalue()
    assert "Not over yet: figures to 1 December 2026" in text
    assert "So far in 2026/2027 (to 1 December 2026) an increase" in text


def test_api_and_page_carry_the_same_comparison(client, records, alice, today):
    client.force_login(alice)
    api = client.get("/api/v1/stats", {"year": "2026/2027"}).json()
    assert api["complete"] is False
    assert api["stages"]["1"]["previous_year"]["to_date"] == {
        "start": "2025-04-01",
        "end": "2025-12-01",
        "received": 4,
    }
    page = client.get("/dashboard/", {"year": "2026/2027"}).content.decode()
    assert "2026/2027 is not over: these figures are to 1 December 2026" in page
    assert "2025/2026 to 1 December 2025" in page
    assert api["stages"]["1"]["sentence"] in page
    finished = client.get("/api/v1/stats", {"year": "2025/2026"}).json()
    assert finished["complete"] is True
    assert "to_date" not in finished["stages"]["1"]["previous_year"]


def test_a_quarter_not_started_is_refused_everywhere(client, records, alice, today):
    client.force_login(alice)
    page = client.get("/dashboard/", {"year": "2026/2027", "quarter": "Q4"})
    assert page.status_code == 400
    assert "Q4 of 2026/2027 has not started yet" in page.content.decode()
    assert "a decrease has been seen" not in page.content.decode()
    api = client.get("/api/v1/stats", {"year": "2026/2027", "quarter": "Q4"})
    assert api.status_code == 400
    assert "has not started yet" in api.json()["detail"]
