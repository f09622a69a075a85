"""Selections a probe typed on the dashboard: years with no dates, huge ids, NUL bytes.

docs/counting-rules.md §5: a bad selection is refused with a sentence (400), never a 500.
"""

import datetime as dt

import pytest

from putright.statistics.selection import selection_parse
from putright.statistics.tests.dataset import build_dataset

URL = "/dashboard/"
HOSTILE = [
    {"year": "0001/02"},
    {"year": "0000/01"},
    {"year": "9999/00"},
    {"year": "9999/10000"},
    {"year": "2022/23", "directorate": str(2**63)},
    {"year": "2022/23", "directorate": "-1"},
    {"year": "2022/23", "team": str(2**64)},
    {"year": "2022/23", "directorate": "Children\x00s"},
    {"year": "2022/23", "team": "SEND\x00"},
    {"year": "2022\x00/23"},
    {"year": "2022/23", "quarter": "Q1\x00"},
]


@pytest.fixture
def data(db):
    return build_dataset()


@pytest.mark.parametrize("params", HOSTILE)
def test_dashboard_refuses_hostile_selections_with_400(client, data, alice, params):
    client.force_login(alice)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize("params", HOSTILE)
def test_parser_names_the_field_at_fault(data, params):
    parsed = selection_parse(**params)
    assert parsed.selection is None
    fields = {error.field for error in parsed.errors}
    assert fields <= set(params)
    assert all(error.message.endswith(".") for error in parsed.errors)


def test_nul_in_a_service_name_is_a_specific_message(data):
    parsed = selection_parse(year="2022/23", directorate="Children\x00s")
    assert parsed.message == (
        "The directorate contains a hidden control character (U+0000): type it again."
    )


def test_a_stray_year_1_record_does_not_fill_the_year_picker(client, data, alice):
    from putright.complaints.tests.factories import StageFactory
    from putright.statistics.engine import years_with_records

    before = years_with_records()
    StageFactory(received=dt.date(1, 4, 3))
    StageFactory(received=dt.date(9999, 4, 3))
    after = years_with_records()
    assert after[0].first_year >= 1989
    assert len(after) <= len(before) + 40
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "0001/02" not in html
    assert "9999/00" not in html
