"""The dashboard page: wiring, access, the selection in the URL, and bad input."""

import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.complaints.tests.factories import StageFactory
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory
from putright.statistics.tests.dataset import build_dataset

URL = "/dashboard/"


@pytest.fixture
def data(db):
    return build_dataset()


def figure(html, name):
    match = re.search(rf'data-figure="{re.escape(name)}">([^<]*)<', html)
    assert match, f"no figure {name}"
    return match.group(1).strip()


def test_signed_out_visitor_is_sent_to_sign_in(client, data):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["alice", "bob", "dan", "erin", "admin_user"])
def test_every_staff_role_may_see_the_dashboard(client, data, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL, {"year": "2022/2023"}).status_code == 200


def test_selection_in_the_url_chooses_the_figures(client, data, alice):
    client.force_login(alice)
    response = client.get(
        URL, {"year": "2022/23", "directorate": "children's", "quarter": ""}
    )
    html = response.content.decode()
    assert response.context["stats"]["directorate"] == "Children's"
    assert figure(html, "stage-1-received") == "4"
    assert figure(html, "stage-1-upheld") == "1"
    assert figure(html, "stage-1-undecided") == "1"
    assert figure(html, "stage-1-previous") == "2"
    assert figure(html, "stage-1-difference") == "2"
    assert figure(html, "stage-1-statutory-received") == "2"
    # 13.5 working days on screen is rounded half up to whole days, as councils
    # publish them.
    assert figure(html, "stage-1-statutory-days") == "14"
    assert figure(html, "stage-1-within-percent") == "33.3%"
    assert figure(html, "contact-compliment-received") == "2"
    assert (
        "In comparison to 2021/2022 an increase has been seen in the number of "
        "stage 1 complaints received." in html
    )
    # The selectors show what is selected, so the view can be bookmarked and shared.
    assert '<option value="Children&#x27;s" selected>' in html
    assert '<option value="2022/2023" selected>' in html


def test_families_are_labelled_with_their_day_basis(client, data, alice):
    client.force_login(alice)
    html = client.get(URL, {"year": "2022/2023"}).content.decode()
    assert "Average response days (calendar days)" in html
    assert "Average response days (working days)" in html
    assert "Corporate complaints procedure" in html
    assert "Statutory complaints procedure" in html


def test_quarterly_chart_is_a_vega_lite_spec_with_a_table(client, data, alice):
    client.force_login(alice)
    html = client.get(URL, {"year": "2022/2023"}).content.decode()
    spec_json = re.search(
        r'<script id="chart-stage-1" type="application/json">(.*?)</script>', html, re.S
    ).group(1)
    spec = json.loads(spec_json)
    assert spec["$schema"].endswith("vega-lite/v5.json")
    assert spec["data"]["values"] == [
        {"quarter": "Q1", "received": 2},
        {"quarter": "Q2", "received": 1},
        {"quarter": "Q3", "received": 2},
        {"quarter": "Q4", "received": 1},
    ]
    assert [figure(html, f"stage-1-{q}") for q in ("Q1", "Q2", "Q3", "Q4")] == [
        "2",
        "1",
        "2",
        "1",
    ]
    # No inline script or style attributes (CSP): only JSON data blocks.
    assert "<script>" not in html
    assert 'style="' not in html


def test_ombudsman_cases_table_lists_decisions_in_the_period(client, data, alice):
    client.force_login(alice)
    html = client.get(URL, {"year": "2022/2023"}).content.decode()
    assert "Delay in issuing an amended Education Health and Care plan." in html
    assert "Apologise and pay £250 to recognise the delays." in html
    assert "Outcome: upheld" in html
    assert figure(html, "ombudsman-lgsco-received") == "3"
    # Decided in 2023/2024, so not in this year's cases table.
    assert "22 004 004" not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "2022/2025"}, "the second year must follow the first"),
        ({"year": "last year"}, "is not recognised"),
        (
            {"year": "2022/23", "quarter": "Q7"},
            "Quarter &#x27;Q7&#x27; is not recognised",
        ),
        (
            {"year": "2022/23", "directorate": "Highways"},
            "Service &#x27;Highways&#x27;",
        ),
        ({"year": "2022/23", "team": "Nobody"}, "Team &#x27;Nobody&#x27;"),
    ],
)
def test_bad_selection_shows_an_error_summary_and_no_figures(
    client, data, alice, params, message
):
    client.force_login(alice)
    response = client.get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert "data-figure=" not in html
    assert response.context.get("stats") is None


def test_dashboard_with_no_records_shows_zeros(client, alice):
    client.force_login(alice)
    response = client.get(URL)
    assert response.status_code == 200
    assert figure(response.content.decode(), "stage-1-received") == "0"


def test_page_runs_a_bounded_number_of_queries(
    client, data, alice, django_assert_max_num_queries
):
    client.force_login(alice)
    with django_assert_max_num_queries(20):
        client.get(URL, {"year": "2022/2023"})


def test_dashboard_runs_the_same_queries_for_1_record_and_for_30(client, alice):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"year": "2022/2023"}).status_code == 200
        return len(captured.captured_queries)

    client.force_login(alice)
    StageFactory(received=dt.date(2022, 5, 3))
    one_record = queries()
    for number in range(29):
        team = TeamFactory(directorate=DirectorateFactory(name=f"Service {number}"))
        StageFactory(
            received=dt.date(2022, 5, 3) + dt.timedelta(days=number * 10),
            directorate=team.directorate,
            team=team,
        )
    assert queries() == one_record


def _decided_cases(count):
    from putright.ombudsman.models import Decision
    from putright.ombudsman.tests.factories import OmbudsmanCaseFactory

    for _ in range(6):  # complaints enough to make 2022/2023 a year with records
        StageFactory(received=dt.date(2022, 5, 3))
    return [
        OmbudsmanCaseFactory(
            received=dt.date(2022, 5, 1),
            is_investigation=True,
            decided=dt.date(2022, 6, 1) + dt.timedelta(days=index),
            decision=Decision.UPHELD if index % 2 else Decision.NOT_UPHELD,
            requirement=f"Requirement typed for case {index}.",
            lessons=f"Lessons typed for case {index}.",
            summary=f"Summary typed for case {index}.",
        )
        for index in range(count)
    ]


def test_ombudsman_cases_are_paginated_twenty_a_page(client, alice):
    _decided_cases(25)
    client.force_login(alice)
    first = client.get(URL, {"year": "2022/2023"}).content.decode()
    second = client.get(URL, {"year": "2022/2023", "page": "2"}).content.decode()

    assert first.count("Requirement typed for case") == 20
    assert second.count("Requirement typed for case") == 5
    assert 'aria-label="Page 1" aria-current="page"' in first
    assert "page=2" in first


def test_without_the_ombudsman_role_only_approved_findings_are_shown(client, carol):
    from putright.accounts.models import User
    from putright.accounts.tests.factories import UserFactory
    from putright.publication import services
    from putright.publication.models import PublishedText

    cases = _decided_cases(10)
    writer = UserFactory(role=User.Role.COMPLAINTS_TEAM)
    approver = UserFactory(role=User.Role.COMPLAINTS_TEAM)
    text = services.published_text_write(
        purpose=PublishedText.Purpose.OMBUDSMAN_FINDING,
        source=cases[3],
        wording="The council apologised.",
        by=writer,
    )
    services.published_text_approve(text=text, by=approver)
    client.force_login(carol)  # a manager: case access, but not the Ombudsman role

    html = client.get(URL, {"year": "2022/2023"}).content.decode()

    assert "typed for case" not in html
    assert cases[3].reference not in html
    assert "The council apologised." in html
    assert html.count("No published summary.") == 9


def test_a_reporting_viewer_sees_small_numbers_hidden(client, erin):
    _decided_cases(3)
    client.force_login(erin)

    html = client.get(URL, {"year": "2022/2023", "quarter": "Q1"}).content.decode()

    assert figure(html, "stage-1-received") == "6"
    assert figure(html, "stage-2-received") == "0"
    assert figure(html, "ombudsman-lgsco-decided") == "fewer than 5"
    assert "The list of decided cases is not shown" in html
    assert "typed for case" not in html
