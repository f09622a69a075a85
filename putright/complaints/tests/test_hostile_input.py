"""What a probe typed into casework pages: huge or negative ids, NUL bytes, year 1.

Each gets a clear 404, is ignored, or is refused with a specific message; never a 500, and a
refused form changes nothing.
"""

import datetime as dt

import pytest
from django.urls import reverse

from putright.complaints.models import Case
from putright.complaints.tests.factories import logged_complaint, procedure

HUGE = str(2**63)
BAD_IDS = [HUGE, "99999999999999999999999", "-1", "0", "abc", "1e3", "\u0661"]


@pytest.fixture
def case(alice, bob, childrens, send_team):
    return logged_complaint(
        by=alice, directorate=childrens, team=send_team, handler=bob
    )


@pytest.mark.parametrize("value", BAD_IDS)
@pytest.mark.parametrize("name", ["directorate", "team", "procedure", "stage", "page"])
def test_case_list_ignores_filters_no_record_could_have(
    client, alice, case, name, value
):
    client.force_login(alice)
    response = client.get(reverse("complaints:case_list"), {name: value})
    assert response.status_code == 200
    assert case.reference in response.content.decode()


@pytest.mark.parametrize("value", BAD_IDS[:2])
def test_case_export_ignores_huge_filters(client, alice, case, value):
    client.force_login(alice)
    response = client.get(reverse("complaints:case_export"), {"team": value})
    assert response.status_code == 200


def test_search_with_a_nul_byte_finds_nothing_and_does_not_fail(client, alice, case):
    client.force_login(alice)
    response = client.get(
        reverse("complaints:case_list"), {"q": "Pat\x00"}, follow=True
    )
    assert response.status_code == 200
    assert (
        "Pat" not in response.request["QUERY_STRING"]
    )  # search terms stay out of URLs


@pytest.mark.parametrize(
    "path",
    [
        "/cases/{ref}/attachments/{huge}/",
        "/cases/{ref}/learning/{huge}/",
        "/cases/{ref}/stages/{huge}/letters/acknowledgement/",
    ],
)
def test_ids_too_large_for_the_database_are_404(client, alice, case, path):
    client.force_login(alice)
    url = path.format(ref=case.reference, huge=HUGE)
    assert client.get(url).status_code == 404


def _log(client, childrens, send_team, **values):
    data = {
        "kind": "complaint",
        "procedure": procedure("lgsco_code").pk,
        "channel": "letter",
        "received": dt.date.today().isoformat(),
        "directorate": childrens.pk,
        "team": send_team.pk,
        "summary": "The bins were not collected.",
        "contact_name": "Sam Resident",
    }
    data.update(values)
    return client.post(reverse("complaints:case_log"), data)


@pytest.mark.parametrize(
    ("received", "message"),
    [
        ("0001-04-03", "The date must be on or after 1 January 1990."),
        ("1989-12-31", "The date must be on or after 1 January 1990."),
        ("9999-12-31", "The date must be no later than"),
    ],
)
def test_log_form_refuses_dates_before_1990_or_far_ahead(
    client, alice, childrens, send_team, received, message
):
    client.force_login(alice)
    response = _log(client, childrens, send_team, received=received)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Case.objects.exists()


def test_log_form_accepts_a_date_in_range(client, alice, childrens, send_team):
    client.force_login(alice)
    response = _log(client, childrens, send_team, received="1990-01-01")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("year", "message"),
    [("0001", "on or after 1 January 1990"), ("1", "Enter a real date")],
)
def test_log_form_date_boxes_with_year_1_are_refused(
    client, alice, childrens, send_team, year, message
):
    client.force_login(alice)
    response = _log(
        client,
        childrens,
        send_team,
        received="",
        received_day="3",
        received_month="4",
        received_year=year,
    )
    assert message in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("summary", "Broken\x00boiler", "U+0000"),
        ("contact_name", "Sam\x1bResident", "U+001B"),
        ("summary", "Ring\x07", "U+0007"),
    ],
)
def test_log_form_refuses_control_characters(
    client, alice, childrens, send_team, field, value, code
):
    client.force_login(alice)
    response = _log(client, childrens, send_team, **{field: value})
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Remove the hidden control character ({code})" in body
    assert "Null characters are not allowed" not in body
    assert not Case.objects.exists()


def test_log_form_keeps_line_breaks_and_tabs(client, alice, childrens, send_team):
    client.force_login(alice)
    response = _log(client, childrens, send_team, summary="One\r\ntwo\tthree")
    assert response.status_code == 302
