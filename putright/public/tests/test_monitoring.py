"""The equality monitoring page: the complaints team only, small numbers suppressed."""

import datetime as dt
import re

import pytest

from putright.public.models import EqualityResponse

pytestmark = pytest.mark.django_db


def _responses(directorate, n, **answers):
    EqualityResponse.objects.bulk_create(
        EqualityResponse(
            received_month=dt.date(2026, 11, 1), directorate=directorate, **answers
        )
        for _ in range(n)
    )


@pytest.mark.parametrize("persona", ["bob", "carol", "dan", "erin"])
def test_only_the_complaints_team_sees_equality_monitoring(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/equality/").status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/equality/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_small_counts_are_suppressed_and_cannot_be_worked_out(client, alice, adults):
    _responses(adults, 12, age_band="35_44", disability="no")
    _responses(adults, 2, age_band="75_over", disability="yes")
    client.force_login(alice)
    body = client.get("/equality/").content.decode()
    assert 'data-figure="responses">14<' in body
    rows = {}
    for table in re.findall(r"<table.*?</table>", body, re.DOTALL):
        question = re.search(r"<caption[^>]*>(.*?)</caption>", table).group(1)
        for label, count in re.findall(
            r'<th scope="row"[^>]*>(.*?)</th><td[^>]*>(.*?)</td>', table
        ):
            rows[(question, label)] = count
    age = "What is your age?"
    assert rows[(age, "75 or over")] == "fewer than 5"
    # 12 + 2 = 14 shown: 12 would give the 2 away, so it is hidden too.
    assert rows[(age, "35 to 44")] == "not shown"
    assert rows[(age, "Under 18")] == "0"
    assert rows[("What is your sex?", "Not answered")] == "14"


def test_filter_by_service(client, alice, adults, childrens):
    _responses(adults, 6, sex="female")
    _responses(childrens, 7, sex="male")
    client.force_login(alice)
    body = client.get(f"/equality/?directorate={childrens.pk}").content.decode()
    assert 'data-figure="responses">7<' in body
    assert client.get("/equality/?directorate=99999999999999999999").status_code == 200


def test_the_complaints_team_finds_the_page_in_the_menu(client, alice, carol):
    client.force_login(alice)
    assert 'href="/equality/">Equality</a>' in client.get("/equality/").content.decode()
    client.force_login(carol)
    page = client.get("/cases/")
    assert page.status_code == 200
    assert "Cases</a>" in page.content.decode()
    assert 'href="/equality/"' not in page.content.decode()
