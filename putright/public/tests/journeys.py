"""Walking the journeys with the test client, as a resident would."""

from __future__ import annotations

import re
from typing import Any

COMPLAINT = {
    "what-happened": {"what_happened": "My son's EHC plan review was 12 weeks late."},
    "put-right": {"put_right": "An apology and the review held this month."},
    "who": {"who": "myself"},
    "contact": {
        "full_name": "Priya Patel",
        "email": "priya@example.org",
        "phone": "",
        "address": "",
        "contact_by": "email",
    },
    "adjustments": {"needs": ["large_print"], "details": ""},
    "documents": {},
    "equality": {},
}


def token(response: Any) -> str:
    found = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    assert found, "the check page carries a one-time token"
    return found.group(1)


def walk(client: Any, journey: str, answers: dict[str, dict[str, Any]]) -> Any:
    """Answer every page in order; returns the check page."""
    response = client.get(f"/feedback/{journey}/", follow=True)
    while "/check/" not in response.request["PATH_INFO"]:
        step = response.request["PATH_INFO"].rstrip("/").rsplit("/", 1)[-1]
        assert response.status_code == 200, step
        response = client.post(
            response.request["PATH_INFO"], answers[step], follow=True
        )
        assert "There is a problem" not in response.content.decode(), step
    return response


def send(client: Any, journey: str, check_page: Any, **extra: str) -> Any:
    return client.post(
        f"/feedback/{journey}/check/",
        {"token": token(check_page), "website": "", **extra},
        follow=True,
    )
