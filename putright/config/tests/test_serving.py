"""Error pages, the health check and the logs, as a council serves them (DEBUG off)."""

from __future__ import annotations

import io
import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from putright.config.tests.urls_errors import SECRET_IN_ERROR
from putright.core.logs import JsonFormatter, RequestContextFilter

pytestmark = pytest.mark.urls("putright.config.tests.urls_errors")

# What Django's debug pages show, and what must never reach a browser.
LEAKS = (
    "Traceback",
    "URLconf",
    "urlpatterns",
    "DATABASE_URL",
    "SECRET_KEY",
    "settings",
)


def _assert_no_leak(body: str) -> None:
    for leak in (*LEAKS, SECRET_IN_ERROR, "hunter2"):
        assert leak not in body, leak


@pytest.fixture
def quiet_client(db) -> Client:
    """A client that gets the 500 page, as a browser would, instead of the exception."""
    return Client(raise_request_exception=False)


@pytest.fixture
def json_log():
    """The JSON lines putright writes, captured from the access and error loggers."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger(name) for name in ("putright.access", "django")]
    for logger in loggers:
        logger.addHandler(handler)
    root_level = logging.getLogger("putright.access").level
    logging.getLogger("putright.access").setLevel(logging.INFO)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines() if line]

    yield lines
    for logger in loggers:
        logger.removeHandler(handler)
    logging.getLogger("putright.access").setLevel(root_level)


def test_unknown_page_is_a_branded_404_without_the_url_patterns(quiet_client, council):
    response = quiet_client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert council.name in body
    assert response["X-Request-ID"] in body  # the reference to give IT
    _assert_no_leak(body)


def test_a_view_that_raises_gives_the_branded_500_page(quiet_client, council):
    response = quiet_client.get("/test-errors/500")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert council.name in body
    _assert_no_leak(body)


def test_a_bad_request_gives_the_branded_400_page(quiet_client):
    response = quiet_client.get("/test-errors/400")
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem with the request" in body
    _assert_no_leak(body)


def test_a_disallowed_host_gives_the_400_page(quiet_client):
    response = quiet_client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400
    assert "There is a problem with the request" in response.content.decode()


def test_permission_denied_gives_the_branded_403_page(quiet_client):
    response = quiet_client.get("/test-errors/403")
    assert response.status_code == 403
    body = response.content.decode()
    assert "You do not have access to this" in body
    _assert_no_leak(body)


def test_a_form_sent_without_its_csrf_token_gets_a_plain_explanation(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Your form could not be sent" in body
    assert "CSRF" not in body


def test_the_500_page_survives_a_broken_database(quiet_client):
    with mock.patch(
        "putright.config.views.render", side_effect=OperationalError("db down")
    ):
        response = quiet_client.get("/test-errors/500")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


# -- the health check -------------------------------------------------------------------


def test_health_check_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_health_check_is_503_with_no_detail_when_the_database_fails(client, db):
    failure = OperationalError(f"could not connect to server: {SECRET_IN_ERROR}")
    with mock.patch("putright.core.views.connection.cursor", side_effect=failure):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert SECRET_IN_ERROR not in response.content.decode()


# -- structured logs ----------------------------------------------------------------------


def test_each_request_logs_one_json_line_with_its_id_and_the_user(
    client, alice, json_log
):
    client.force_login(alice)
    response = client.get("/cases/?q=Zelda+Probeperson")
    access = [line for line in json_log() if line["logger"] == "putright.access"]
    assert len(access) == 1
    line = access[0]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] == alice.pk
    assert line["path"] == "/cases/"
    assert line["status"] == response.status_code
    assert "Probeperson" not in json.dumps(json_log())


def test_the_proxys_request_id_is_kept_and_a_malformed_one_replaced(
    client, db, json_log
):
    kept = client.get("/healthz", headers={"x-request-id": "lb-7f3a-0001"})
    assert kept["X-Request-ID"] == "lb-7f3a-0001"
    replaced = client.get("/healthz", headers={"x-request-id": 'x" injected\nline'})
    assert replaced["X-Request-ID"] != 'x" injected\nline'
    assert len(replaced["X-Request-ID"]) == 32
    assert [line["request_id"] for line in json_log()] == [
        "lb-7f3a-0001",
        replaced["X-Request-ID"],
    ]


def test_signing_in_logs_no_email_address_username_or_form_data(client, db, json_log):
    client.post(
        "/accounts/login/?next=/cases/%3Fq%3DProbeperson",
        {"username": "zelda.probeperson@example.org", "password": "Secret-Pa55"},
    )
    written = json.dumps(json_log())
    assert json_log(), "the sign-in was logged"
    for personal in ("zelda", "example.org", "secret-pa55", "probeperson"):
        assert personal not in written.lower(), personal


def test_an_error_is_logged_with_the_request_id_but_not_the_query(
    quiet_client, json_log
):
    response = quiet_client.get("/test-errors/500?name=Zelda+Probeperson")
    errors = [line for line in json_log() if line["level"] == "ERROR"]
    assert errors
    assert errors[0]["request_id"] == response["X-Request-ID"]
    assert errors[0]["error"] == "RuntimeError"
    assert "Probeperson" not in json.dumps(json_log())
