"""Idle timeout and absolute session limit (time-machine moves the clock)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"


def _sign_in(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_defaults_are_thirty_idle_minutes_and_ten_hours(settings):
    assert settings.PUTRIGHT_SESSION_IDLE_MINUTES == 30
    assert settings.PUTRIGHT_SESSION_MAX_HOURS == 10
    assert settings.SESSION_COOKIE_AGE == 10 * 3600


def test_thirty_minutes_idle_signs_the_officer_out(client, alice):
    with time_machine.travel(START, tick=False) as clock:
        _sign_in(client, alice)
        clock.shift(dt.timedelta(minutes=29))
        assert client.get("/cases/").status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/cases/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        assert "_auth_user_id" not in client.session
        page = client.get(response["Location"])
        assert b"had not used putright for 30 minutes" in page.content


def test_activity_keeps_the_session_alive_up_to_the_absolute_limit(client, alice):
    with time_machine.travel(START, tick=False) as clock:
        _sign_in(client, alice)
        for _ in range(39):  # every 15 minutes for 9 h 45 min
            clock.shift(dt.timedelta(minutes=15))
            assert client.get("/cases/").status_code == 200
        clock.shift(dt.timedelta(minutes=16))  # 10 h 1 min after signing in
        response = client.get("/cases/")
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session
        page = client.get(response["Location"])
        assert b"signed in more than 10 hours ago" in page.content


def test_idle_minutes_come_from_the_setting(client, alice, settings):
    settings.PUTRIGHT_SESSION_IDLE_MINUTES = 5
    with time_machine.travel(START, tick=False) as clock:
        _sign_in(client, alice)
        clock.shift(dt.timedelta(minutes=6))
        assert client.get("/cases/").status_code == 302


def test_the_session_row_expires_with_the_absolute_limit(client, alice):
    with time_machine.travel(START, tick=False):
        _sign_in(client, alice)
        expiry = client.session.get_expiry_date()
    assert expiry == START + dt.timedelta(hours=10)
