"""GET /api/v1/stats with what a probe sent: years with no dates, huge ids, NUL bytes."""

import pytest

from putright.statistics.tests.dataset import build_dataset

URL = "/api/v1/stats"


@pytest.mark.parametrize(
    "params",
    [
        {"year": "0001/02"},
        {"year": "0000/01"},
        {"year": "9999/00"},
        {"year": "2022/23", "directorate": str(2**63)},
        {"year": "2022/23", "directorate": "99999999999999999999999"},
        {"year": "2022/23", "team": str(2**63)},
        {"year": "2022/23", "team": "-5"},
        {"year": "2022/23", "directorate": "Adults\x00"},
        {"year": "2022/23", "team": "\x00"},
    ],
)
def test_hostile_selection_is_400_with_a_json_message(client, db, erin, params):
    build_dataset()
    client.force_login(erin)
    response = client.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].endswith(".")
    assert {error["field"] for error in body["errors"]} <= set(params)
