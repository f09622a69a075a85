"""Query shape is owned by the selectors: the case page and the case list in fixed counts."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.complaints import services
from putright.complaints.tests.factories import logged_complaint
from putright.organisation.tests.factories import TeamFactory

CASE_PAGE_MAX_QUERIES = 12


def _queries(client, url: str) -> int:
    # Each measured visit is a first viewing, so it includes the read-audit insert.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def case(alice, bob, childrens, send_team):
    return logged_complaint(
        by=alice, directorate=childrens, team=send_team, handler=bob
    )


def test_case_page_of_a_one_stage_case_runs_at_most_12_queries(
    client, alice, case, django_assert_max_num_queries
):
    client.force_login(alice)
    with django_assert_max_num_queries(CASE_PAGE_MAX_QUERIES):
        response = client.get(case.get_absolute_url())
    assert response.status_code == 200


def test_case_page_queries_do_not_grow_with_notes_documents_or_stages(
    client, alice, case
):
    client.force_login(alice)
    services.case_note_add(case=case, by=alice, text="Called the parent.")
    one_note = _queries(client, case.get_absolute_url())
    for number in range(5):
        services.case_note_add(case=case, by=alice, text=f"Note {number}.")
    assert _queries(client, case.get_absolute_url()) == one_note


def test_case_list_runs_the_same_queries_for_1_row_and_for_30(
    client, alice, childrens, send_team
):
    client.force_login(alice)
    logged_complaint(by=alice, directorate=childrens, team=send_team)
    one_row = _queries(client, "/cases/?view=all")
    for _ in range(29):
        logged_complaint(
            by=alice,
            directorate=childrens,
            team=send_team,
            received=dt.date.today() - dt.timedelta(days=3),
        )
    assert _queries(client, "/cases/?view=all") == one_row


def test_log_form_queries_do_not_grow_with_the_number_of_teams(
    client, alice, childrens
):
    client.force_login(alice)
    TeamFactory(directorate=childrens, name="Team 0")
    few = _queries(client, "/cases/new/")
    for number in range(1, 11):
        TeamFactory(directorate=childrens, name=f"Team {number}")
    assert _queries(client, "/cases/new/") == few
