"""The remedy delivery form, the close page's confirmation and the home page count."""

import datetime as dt

import pytest
import time_machine

from putright.complaints.constants import RemedyType
from putright.complaints.models import Case, CaseNote, Remedy
from putright.complaints.tests.test_services_remedies import (
    LATER,
    TODAY,
    _responded_case,
)


@pytest.fixture
def case(alice, bob, childrens, send_team):
    with time_machine.travel(TODAY, tick=False):
        return _responded_case(alice, bob, childrens, send_team)


def _remedy_url(case, remedy):
    return f"/cases/{case.reference}/remedies/{remedy.pk}/"


def test_case_page_shows_overdue_remedies_with_a_delivery_link(client, bob, case):
    remedy = Remedy.objects.get(stage__case=case, type=RemedyType.FINANCIAL)
    client.force_login(bob)
    with time_machine.travel(LATER, tick=False):
        body = client.get(case.get_absolute_url()).content.decode()
    assert "Overdue" in body
    assert _remedy_url(case, remedy) in body


def test_delivery_form_records_the_delivery(client, bob, case):
    remedy = Remedy.objects.get(stage__case=case, type=RemedyType.FINANCIAL)
    client.force_login(bob)
    with time_machine.travel(LATER, tick=False):
        page = client.get(_remedy_url(case, remedy))
        assert page.status_code == 200
        response = client.post(
            _remedy_url(case, remedy),
            {
                "version": Case.objects.get(pk=case.pk).version,
                "due": "2026-03-20",
                "delivered_on": "2026-03-27",
            },
        )
    assert response.status_code == 302, response.content.decode()
    remedy.refresh_from_db()
    assert remedy.delivered_on == dt.date(2026, 3, 27)
    assert remedy.delivered_by == bob


def test_delivery_form_rejects_a_future_date_with_a_clear_error(client, bob, case):
    remedy = Remedy.objects.get(stage__case=case, type=RemedyType.FINANCIAL)
    client.force_login(bob)
    with time_machine.travel(LATER, tick=False):
        response = client.post(
            _remedy_url(case, remedy),
            {
                "version": Case.objects.get(pk=case.pk).version,
                "delivered_on": "2026-04-01",
            },
        )
    assert response.status_code == 200
    assert (
        "The date delivered must be today or in the past." in response.content.decode()
    )
    remedy.refresh_from_db()
    assert remedy.delivered_on is None


def test_an_officer_outside_the_case_gets_no_delivery_form(client, dan, case):
    remedy = Remedy.objects.get(stage__case=case, type=RemedyType.FINANCIAL)
    client.force_login(dan)
    assert client.get(_remedy_url(case, remedy)).status_code == 404


def test_close_page_asks_for_confirmation_and_a_reason(client, alice, case):
    client.force_login(alice)
    url = f"/cases/{case.reference}/actions/close/"
    with time_machine.travel(LATER, tick=False):
        body = client.get(url).content.decode()
        assert "have not been delivered" in body
        assert 'name="undelivered_reason"' in body
        refused = client.post(url, {"version": Case.objects.get(pk=case.pk).version})
        assert refused.status_code == 200
        assert "Confirm that the case should close" in refused.content.decode()
        assert not Case.objects.get(pk=case.pk).is_closed
        done = client.post(
            url,
            {
                "version": Case.objects.get(pk=case.pk).version,
                "confirm_undelivered": "on",
                "undelivered_reason": "Payment is with finance.",
            },
        )
    assert done.status_code == 302
    assert Case.objects.get(pk=case.pk).is_closed
    assert "Payment is with finance." in CaseNote.objects.get(case=case).text


def test_home_page_counts_cases_with_overdue_remedies(client, carol, case):
    client.force_login(carol)
    with time_machine.travel(LATER, tick=False):
        body = client.get("/").content.decode()
    assert "?view=overdue_remedies" in body
    assert '<span class="pr-count__number">1</span> with overdue remedies' in body
