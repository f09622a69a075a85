"""Signed follow links: they open only their own case, and stop working when they should."""

import pytest
from django.test import override_settings

from putright.complaints import follow
from putright.complaints.models import Case


@pytest.fixture
def case(db):
    return Case.objects.create(
        reference="CF-2026-000001", kind="complaint", contact_email="Amy@Example.org"
    )


def test_token_opens_its_own_case(case):
    assert follow.case_for_token(follow.follow_token(case)) == case


def test_altered_token_opens_nothing(case):
    token = follow.follow_token(case)
    other = Case.objects.create(
        reference="CF-2026-000002", kind="complaint", contact_email="amy@example.org"
    )
    forged = token.replace(f"{case.pk}.", f"{other.pk}.", 1)
    assert follow.case_for_token(forged) is None
    assert follow.case_for_token("nonsense") is None
    assert follow.case_for_token("") is None


def test_changed_address_stops_the_link(case):
    token = follow.follow_token(case)
    case.contact_email = "someone.else@example.org"
    case.save()
    assert follow.case_for_token(token) is None


def test_anonymised_case_has_no_link(case):
    token = follow.follow_token(case)
    Case.objects.filter(pk=case.pk).update(contact_email="")
    assert follow.case_for_token(token) is None


@override_settings(PUTRIGHT_FOLLOW_LINK_DAYS=0)
def test_expired_link_opens_nothing(case):
    token = follow.follow_token(case)
    # max_age of 0 days: any token older than 0 seconds has expired.
    import time

    time.sleep(1.1)
    assert follow.case_for_token(token) is None


def test_email_matches_ignores_case_and_spaces(case):
    assert follow.email_matches(case, " amy@example.ORG ")
    assert not follow.email_matches(case, "amy@example.com")
    assert not follow.email_matches(case, "")
