"""Headers on every response: Permissions-Policy, referrer and opener policies, no-store."""

import pytest

from putright.core.middleware import PERMISSIONS_POLICY


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/healthz", "/no-such-page/", "/branding.css"]
)
def test_every_response_has_the_security_headers(client, db, path):
    response = client.get(path)
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_for_signed_out_visitors_keep_their_own_caching(client, db):
    assert client.get("/branding.css")["Cache-Control"] == "max-age=300"


def test_every_page_a_signed_in_person_sees_is_no_store(client, alice):
    client.force_login(alice)
    for path in ("/", "/dashboard/", "/no-such-page/"):
        assert client.get(path)["Cache-Control"] == "no-store", path
