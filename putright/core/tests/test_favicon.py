"""Every page has an icon: the link in the page head, and /favicon.ico for browsers that guess."""

from pathlib import Path

import pytest

ICON = Path(__file__).resolve().parents[2] / "static" / "putright" / "favicon.svg"


def test_favicon_ico_sends_the_browser_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("putright/favicon.svg")
    assert ICON.read_text().startswith("<svg")


@pytest.mark.django_db
def test_pages_link_the_icon(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'rel="icon"' in html
    assert "putright/favicon.svg" in html
