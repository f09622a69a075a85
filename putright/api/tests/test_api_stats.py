"""GET /api/v1/stats: token or session authentication, §5 figures, clear 400s."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.api.models import ApiToken
from putright.audit.models import AuditEvent
from putright.statistics.tests.dataset import build_dataset

URL = "/api/v1/stats"


@pytest.fixture
def data(db):
    return build_dataset()


@pytest.fixture
def token(erin):
    out, err = StringIO(), StringIO()
    call_command(
        "api_token", "erin", "--name", "open data feed", stdout=out, stderr=err
    )
    assert "shown only once" in err.getvalue()
    return out.getvalue().strip()


@pytest.fixture
def team_token(alice):
    out = StringIO()
    call_command("api_token", "alice", stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_token_reads_the_statistics(client, data, team_token):
    # A complaints-team token: these small counts are hidden from roles without case
    # access (test below; issue 10). Was erin's (reporting viewer) token before.
    response = client.get(
        URL, {"year": "2022/23", "directorate": "adults"}, **bearer(team_token)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["directorate"] == "Adults"
    assert body["stages"]["1"]["received"] == 2
    assert body["stages"]["1"]["outcomes"]["withdrawn"] == 1
    assert body["stages"]["2"]["responded_within_extended_timescale"] == 0
    assert body["ombudsman"]["lgsco"]["decisions"]["not_upheld"] == 1


def test_token_is_stored_only_as_a_hash_and_its_use_is_noted(client, data, token):
    stored = ApiToken.objects.get()
    assert token not in (stored.token_hash, stored.prefix)
    assert token.startswith(stored.prefix)
    assert stored.last_used_at is None
    client.get(URL, {"year": "2022/23"}, **bearer(token))
    stored.refresh_from_db()
    assert stored.last_used_at is not None
    assert AuditEvent.objects.filter(verb="api_token_created").count() == 1


def test_session_of_a_signed_in_user_is_accepted(client, data, bob):
    client.force_login(bob)
    response = client.get(URL, {"year": "2022/2023", "quarter": "Q3"})
    assert response.status_code == 200
    assert response.json()["stages"]["1"]["received"] == 2


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_AUTHORIZATION": "Bearer pr_not-a-real-token"},
        {"HTTP_AUTHORIZATION": "Bearer "},
        {"HTTP_AUTHORIZATION": "Basic ZXJpbjpwYXNz"},
    ],
)
def test_without_valid_credentials_is_401_with_a_message(client, data, headers):
    response = client.get(URL, {"year": "2022/23"}, **headers)
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_revoked_token_or_inactive_user_is_refused(client, data, token, erin):
    ApiToken.objects.update(is_active=False)
    assert client.get(URL, **bearer(token)).status_code == 401
    ApiToken.objects.update(is_active=True)
    erin.is_active = False
    erin.save()
    assert client.get(URL, **bearer(token)).status_code == 401


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "2022"}, "Year '2022' is not recognised"),
        ({"year": "2022/2025"}, "the second year must follow the first"),
        ({"year": "2022/23", "quarter": "Q0"}, "Quarter 'Q0' is not recognised"),
        ({"year": "2022/23", "directorate": "Highways"}, "Service 'Highways'"),
        ({"year": "2022/23", "team": "Nobody"}, "Team 'Nobody'"),
        ({"year": "<script>"}, "is not recognised"),
    ],
)
def test_bad_selection_is_400_with_a_json_message(client, data, token, params, message):
    response = client.get(URL, params, **bearer(token))
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_openapi_documents_the_stats_endpoint_and_auth(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/stats"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"year", "quarter", "directorate", "team"} <= names
    assert {"200", "400", "401"} <= set(operation["responses"])
    assert "StatsOut" in spec["components"]["schemas"]
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_api_token_command_rejects_unknown_user(db):
    with pytest.raises(CommandError, match="no user called 'zoe'") as raised:
        call_command("api_token", "zoe", stdout=StringIO())
    assert raised.value.returncode == 2
    assert not ApiToken.objects.exists()


def test_docs_page_serves_swagger_from_our_own_static_files(client, erin):
    client.force_login(erin)
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html


def test_a_reporting_viewers_token_gets_small_numbers_hidden(client, data, token):
    response = client.get(
        URL, {"year": "2022/23", "directorate": "adults"}, **bearer(token)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["stages"]["1"]["received"] is None
    assert body["stages"]["1"]["outcomes"]["withdrawn"] is None
    assert body["suppressed"]["stages.1.received"] == "fewer than 5"
    assert body["suppressed"]["stages.1.outcomes.withdrawn"] == "fewer than 5"
    assert body["ombudsman"]["lgsco"]["decisions"]["not_upheld"] is None
    assert body["small_number_threshold"] == 5
    assert body["stages"]["2"]["outcomes"]["upheld"] in (0, None)
