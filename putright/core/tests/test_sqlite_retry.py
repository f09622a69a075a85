"""SQLite's "database is locked" never reaches a person: the request is run again.

Before, a lock that outlasted the busy timeout was a 500 (64 of 1,500 contact submissions
from 20 clients). A writing request is one transaction, so a failed attempt leaves nothing.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import OperationalError, connection
from django.test import Client

from putright.core import sqlite
from putright.core.tests import retry_urls

pytestmark = [
    pytest.mark.urls("putright.core.tests.retry_urls"),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the retry is for SQLite only"
    ),
]


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    retry_urls.CALLS.clear()
    retry_urls.FAILURES.clear()
    monkeypatch.setattr(sqlite, "BASE_PAUSE", 0.001)


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


def test_a_locked_write_is_run_again_and_the_failed_attempt_leaves_nothing(db, browser):
    retry_urls.FAILURES["write"] = 2
    response = browser.post("/write")
    assert response.status_code == 200
    assert retry_urls.CALLS["write"] == 3
    assert list(Group.objects.values_list("name", flat=True)) == ["attempt 3"]


def test_a_locked_read_is_run_again(db, browser):
    retry_urls.FAILURES["read"] = 1
    assert browser.get("/read").status_code == 200
    assert retry_urls.CALLS["read"] == 2


def test_retries_are_bounded(db, browser):
    retry_urls.FAILURES["write"] = 99
    response = browser.post("/write")
    assert response.status_code == 500
    assert retry_urls.CALLS["write"] == sqlite.ATTEMPTS
    assert not Group.objects.exists()


def test_other_errors_are_not_retried_and_their_writes_are_undone(db, browser):
    response = browser.post("/broken")
    assert response.status_code == 500
    assert not Group.objects.exists()


def test_pauses_grow_and_vary(monkeypatch):
    slept = []
    monkeypatch.setattr(sqlite.time, "sleep", slept.append)
    monkeypatch.setattr(sqlite, "BASE_PAUSE", 0.05)
    for attempt in range(3):
        sqlite.pause(attempt)
    assert 0.05 <= slept[0] <= 0.1
    assert 0.1 <= slept[1] <= 0.2
    assert 0.2 <= slept[2] <= 0.4


def test_a_service_call_is_retried_when_locked(db):
    calls = []

    def service():
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return "done"

    assert sqlite.call_with_lock_retry(service) == "done"
    assert len(calls) == 2


def test_is_locked_sees_through_wrapping():
    outer = RuntimeError("wrapped")
    outer.__cause__ = OperationalError("database is locked")
    assert sqlite.is_locked(outer)
    assert not sqlite.is_locked(OperationalError("no such table: x"))
