"""Searching by name keeps the name out of every URL, so out of access logs and history."""

import datetime as dt
import logging
import re
from html import unescape
from types import SimpleNamespace

import pytest
from django.urls import reverse
from gunicorn.config import Config
from gunicorn.glogging import Logger

from putright.complaints import views
from putright.complaints.tests.factories import logged_complaint

pytestmark = pytest.mark.django_db
TERM = "Probeperson"


@pytest.fixture
def cases(alice, childrens, send_team, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    found = [
        logged_complaint(
            by=alice,
            directorate=childrens,
            team=send_team,
            contact_name=f"Zelda {TERM} {n}",
        )
        for n in range(3)
    ]
    other = logged_complaint(
        by=alice, directorate=childrens, team=send_team, contact_name="Yusuf Other"
    )
    return found, other


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def _access_line(response):
    """The line gunicorn's default access log writes for this request."""
    environ = dict(response.wsgi_request.environ)
    query = environ.get("QUERY_STRING", "")
    environ["RAW_URI"] = environ["PATH_INFO"] + (f"?{query}" if query else "")
    config = Config()
    config.set("accesslog", "-")
    log = Logger(config)
    handler = _Lines()
    log.access_log.addHandler(handler)
    log.access(
        SimpleNamespace(status=f"{response.status_code} OK", sent=1, headers=[]),
        SimpleNamespace(headers=[]),
        environ,
        dt.timedelta(milliseconds=5),
    )
    return handler.lines[0]


def _links(response):
    return [
        unescape(h) for h in re.findall(r'href="([^"]*)"', response.content.decode())
    ]


def test_a_search_never_puts_the_term_in_a_url_a_referer_or_the_access_log(
    client, alice, cases
):
    found, other = cases
    client.force_login(alice)
    list_url = reverse("complaints:case_list")
    responses = []

    searched = client.post(list_url, {"q": TERM, "state": "all", "sort": "reference"})
    responses.append(searched)
    assert searched.status_code == 302
    first = client.get(
        searched["Location"], HTTP_REFERER="http://testserver" + list_url
    )
    responses.append(first)
    page = first.content.decode()
    assert f"{TERM} 0" in page
    assert f"{TERM} 1" in page
    assert "Yusuf Other" not in page
    assert f'value="{TERM}"' in page  # the box still shows what was searched

    links = _links(first)
    assert not [link for link in links if TERM in link]
    next_link = next(link for link in links if "page=2" in link)
    export_link = next(link for link in links if "export.csv" in link)
    referer = "http://testserver" + searched["Location"]
    second = client.get(list_url + next_link, HTTP_REFERER=referer)
    responses.append(second)
    assert f"{TERM} 2" in second.content.decode()
    assert "Yusuf Other" not in second.content.decode()

    export = client.get(export_link, HTTP_REFERER=referer)
    responses.append(export)
    csv_text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert csv_text.count(TERM) == 3
    assert "Yusuf Other" not in csv_text

    for response in responses:
        environ = response.wsgi_request.environ
        for key in ("PATH_INFO", "QUERY_STRING", "HTTP_REFERER"):
            assert TERM not in environ.get(key, "")
        line = _access_line(response)
        assert TERM not in line
        assert response.wsgi_request.path in line
        assert TERM not in response.get("Location", "")


def test_sorting_keeps_the_search(client, alice, cases):
    client.force_login(alice)
    searched = client.post(
        reverse("complaints:case_list"),
        {"q": TERM, "state": "all", "sort": "-received"},
    )
    assert "sort=-received" in searched["Location"]
    assert "search=" in searched["Location"]
    page = client.get(searched["Location"]).content.decode()
    assert "Yusuf Other" not in page
    assert "3 cases" in page


def test_an_old_link_with_the_term_in_it_is_moved_out_of_the_address(
    client, alice, cases
):
    client.force_login(alice)
    response = client.get(reverse("complaints:case_list"), {"q": TERM, "state": "all"})
    assert response.status_code == 302
    assert TERM not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "3 cases" in page


def test_a_search_token_from_another_session_is_refused_not_ignored(
    client, alice, cases
):
    client.force_login(alice)
    list_url = reverse("complaints:case_list")
    response = client.get(list_url, {"search": "not-a-token", "state": "all"})
    assert response.status_code == 302
    assert "search=" not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "That search has expired. Search again." in page

    export = client.get(reverse("complaints:case_export"), {"search": "not-a-token"})
    assert export.status_code == 302
    assert "search=" not in export["Location"]


def test_an_empty_search_clears_it(client, alice, cases):
    client.force_login(alice)
    response = client.post(reverse("complaints:case_list"), {"q": "  ", "state": "all"})
    assert "search=" not in response["Location"]
    assert "4 cases" in client.get(response["Location"]).content.decode()


def test_the_session_keeps_only_the_latest_searches(client, alice, cases):
    client.force_login(alice)
    for n in range(views.SEARCHES_KEPT + 5):
        client.post(reverse("complaints:case_list"), {"q": f"term {n}"})
    searches = client.session[views.SEARCHES_SESSION_KEY]
    assert len(searches) == views.SEARCHES_KEPT
    assert "term 0" not in searches.values()
    assert f"term {views.SEARCHES_KEPT + 4}" in searches.values()
