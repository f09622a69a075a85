"""The record-access page: administrators see who read what, by reference and id only."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from putright.audit import views
from putright.audit.constants import ReadKind
from putright.audit.models import AuditEvent
from putright.audit.services import audit_read
from putright.complaints.tests.factories import logged_complaint

pytestmark = pytest.mark.django_db
NAME = "Zelda Probeperson"
URL = "/audit/reads/"


@pytest.fixture
def case(alice, childrens, send_team):
    return logged_complaint(
        by=alice,
        directorate=childrens,
        team=send_team,
        contact_name=NAME,
        contact_address="1 Probe Street",
        summary="Mrs Probeperson's son was refused transport.",
    )


@pytest.fixture
def reads(alice, bob, case):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
        audit_read(user=alice, kind=ReadKind.CASE_VIEWED, target=case, case=case)
    with time_machine.travel(dt.datetime(2026, 3, 9, 9, tzinfo=dt.UTC), tick=False):
        audit_read(user=bob, kind=ReadKind.CASE_VIEWED, target=case, case=case)
        audit_read(user=bob, kind=ReadKind.EQUALITY_VIEWED, target=case, case=case)


def test_the_page_is_for_administrators_only(client, alice, carol, erin, admin_user):
    assert URL == reverse("audit:read_list")
    for persona in (alice, carol, erin):
        client.force_login(persona)
        assert client.get(URL).status_code == 403
    client.force_login(admin_user)
    assert client.get(URL).status_code == 200


def test_the_navigation_links_the_page_for_the_administration_role(
    client, alice, admin_user
):
    client.force_login(admin_user)
    assert f'href="{URL}"' in client.get("/").content.decode()
    client.force_login(alice)
    assert f'href="{URL}"' not in client.get("/").content.decode()


def test_the_page_lists_reads_with_references_and_no_personal_data(
    client, admin_user, case, reads
):
    client.force_login(admin_user)
    page = client.get(URL).content.decode()
    assert "3 reads" in page
    assert case.reference in page
    assert "alice" in page
    assert "bob" in page
    assert "Equality data viewed" in page
    for personal in (NAME, "Probeperson", "Probe Street", "transport"):
        assert personal not in page
    # Writes are not reads: the case being logged is not listed.
    assert "Case logged" not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": ReadKind.EQUALITY_VIEWED.value}, 1),
        ({"date_from_day": "5", "date_from_month": "3", "date_from_year": "2026"}, 2),
        ({"date_to_day": "5", "date_to_month": "3", "date_to_year": "2026"}, 1),
    ],
)
def test_filters_by_kind_and_date(client, admin_user, reads, query, expected):
    client.force_login(admin_user)
    page = client.get(URL, query).content.decode()
    assert f"{expected} read{'s' if expected != 1 else ''}" in page


def test_filters_by_user(client, admin_user, bob, reads):
    client.force_login(admin_user)
    page = client.get(URL, {"user": bob.pk}).content.decode()
    assert "2 reads" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"user": "999999"}, "Select a user from the list."),
        ({"kind": "case.logged"}, "Select what was read from the list."),
        (
            {"date_from_day": "31", "date_from_month": "2", "date_from_year": "2026"},
            "Enter a real date",
        ),
        (
            {
                "date_from_day": "9",
                "date_from_month": "3",
                "date_from_year": "2026",
                "date_to_day": "1",
                "date_to_month": "3",
                "date_to_year": "2026",
            },
            "The end date must be the same as or after the start.",
        ),
    ],
)
def test_bad_filters_are_explained_and_list_nothing(
    client, admin_user, reads, query, message
):
    client.force_login(admin_user)
    response = client.get(URL, query)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Traceback" not in page
    assert "Correct the filters to see the list." in page
    assert "</caption>" not in page


def test_the_list_is_paginated(client, admin_user, alice, case, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for _ in range(3):
        audit_read(user=alice, kind=ReadKind.ATTACHMENT_DOWNLOADED, target=case)
    client.force_login(admin_user)
    first = client.get(URL, {"kind": ReadKind.ATTACHMENT_DOWNLOADED.value})
    assert 'aria-label="Page 1" aria-current="page"' in first.content.decode()
    second = client.get(
        URL, {"kind": ReadKind.ATTACHMENT_DOWNLOADED.value, "page": "2"}
    ).content.decode()
    assert 'aria-label="Page 2" aria-current="page"' in second
    assert AuditEvent.objects.filter(verb__startswith="read.").count() == 3
