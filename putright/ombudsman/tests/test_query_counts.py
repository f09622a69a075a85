"""The Ombudsman list runs the same number of queries whatever its length."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.complaints.tests.factories import logged_complaint
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _ombudsman_case(alice, childrens, send_team):
    case = logged_complaint(by=alice, directorate=childrens, team=send_team)
    return OmbudsmanCaseFactory(case=case, directorate=childrens, team=send_team)


def test_ombudsman_list_runs_the_same_queries_for_1_row_and_for_30(
    client, alice, childrens, send_team
):
    client.force_login(alice)
    _ombudsman_case(alice, childrens, send_team)
    one_row = _queries(client, "/ombudsman/")
    for _ in range(29):
        _ombudsman_case(alice, childrens, send_team)
    assert _queries(client, "/ombudsman/") == one_row
