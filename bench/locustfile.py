"""Locust users for `bench/load_bench.py`: council staff doing a day's casework.

Not run on its own: `load_bench.py` prepares the database, the signed-in sessions and the
case references, starts gunicorn and then runs locust on this file with BENCH_DATA naming
the JSON file it wrote.

Three kinds of staff, weighted as a council's users are:
- the complaints team (6 in 10): case list (open cases, a filter, a search), case pages,
  the dashboard, logging a contact (the form, then posting it) and saving a draft
  response on a case they logged;
- service officers (3 in 10): their team's list and cases;
- reporting viewers (1 in 10): the dashboard for a year and for one service.

Each request is named by kind ("case page", "log a contact"...), so locust reports each.
A response is a failure when its status is not the one expected (a 302 back to sign-in
counts as a failure too: the session must hold).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import re
import threading
from typing import Any

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["BENCH_DATA"], encoding="utf-8").read())  # noqa: SIM115
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_VERSION = re.compile(r'name="version" value="(\d+)"')
_counter = itertools.count()
_lock = threading.Lock()


def _next(name: str) -> int:
    with _lock:
        return next(_counter)


class Staff(HttpUser):
    abstract = True
    username = ""
    wait_time = between(1, 3)

    def on_start(self) -> None:
        sessions = DATA["sessions"][self.username]
        self.session_id = sessions[_next(self.username) % len(sessions)]
        self.csrf = ""
        self.references = DATA["references"][self.username]
        self.mine: list[str] = []

    # Behind the council's TLS proxy: X-Forwarded-Proto says HTTPS, so the production
    # settings' secure cookies and HTTPS checks apply; cookies are sent by hand because the
    # benchmark itself speaks plain HTTP to gunicorn on 127.0.0.1.
    def _headers(self, referer: str = "/") -> dict[str, str]:
        cookie = f"sessionid={self.session_id}"
        if self.csrf:
            cookie += f"; csrftoken={self.csrf}"
        return {
            "Cookie": cookie,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{DATA['host']}{referer}",
        }

    def get(self, path: str, name: str, **params: Any) -> Any:
        with self.client.get(
            path,
            params=params or None,
            headers=self._headers(),
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            else:
                response.success()
            if "csrftoken" in response.cookies:
                self.csrf = response.cookies["csrftoken"]
            return response

    def post(self, path: str, name: str, data: dict[str, Any]) -> Any:
        with self.client.post(
            path,
            data=data,
            headers=self._headers(path),
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or "/accounts/" in location:
                response.failure(f"status {response.status_code} {location}")
            else:
                response.success()
            return response

    def form_token(self, page: Any) -> str:
        found = _TOKEN.search(page.text or "")
        return found.group(1) if found else ""

    def case_page(self) -> None:
        if self.references:
            reference = random.choice(self.references)  # noqa: S311
            self.get(f"/cases/{reference}/", "case page")

    def case_list(self) -> None:
        self.get("/cases/", "case list")


class ComplaintsTeam(Staff):
    weight = 6
    username = "complaints"

    @task(4)
    def list_open(self) -> None:
        self.case_list()

    @task(1)
    def list_filtered(self) -> None:
        self.get("/cases/", "case list (filter)", state="all", kind="complaint")

    @task(1)
    def search(self) -> None:
        # The search box posts its term (names stay out of URLs and logs); the list of
        # results is then the redirect's address, which carries only a token.
        form = self.get("/cases/", "case list")
        term = random.choice(["Smith", "CMP", "ab"])  # noqa: S311
        data = {"csrfmiddlewaretoken": self.form_token(form), "q": term}
        response = self.post("/cases/", "case list (search)", data)
        location = response.headers.get("Location", "")
        if location.startswith("/cases/?"):
            self.get(location, "case list (search results)")

    @task(5)
    def open_case(self) -> None:
        self.case_page()

    @task(2)
    def dashboard(self) -> None:
        self.get("/dashboard/", "dashboard")

    @task(1)
    def log_contact(self) -> None:
        form = self.get("/cases/new/", "log form")
        token = self.form_token(form)
        data = {
            "csrfmiddlewaretoken": token,
            "kind": "complaint",
            "procedure": DATA["procedure"],
            "channel": "email",
            "received": dt.date.today().isoformat(),
            "directorate": DATA["directorate"],
            "team": DATA["team"],
            "summary": "Missed bin collection three weeks running.",
            "contact_name": "Load Test Resident",
        }
        response = self.post("/cases/new/", "log a contact", data)
        location = response.headers.get("Location", "")
        if location.startswith("/cases/") and location.count("/") == 3:
            self.mine.append(location.split("/")[2])

    @task(1)
    def respond(self) -> None:
        if not self.mine:
            return
        reference = random.choice(self.mine)  # noqa: S311
        path = f"/cases/{reference}/actions/respond/"
        page = self.get(path, "response form")
        version = _VERSION.search(page.text or "")
        if not version:
            return
        data = {
            "csrfmiddlewaretoken": self.form_token(page),
            "version": version.group(1),
            "step": "save",
            "response_reasons": "We apologise: the collection was missed.",
        }
        self.post(path, "save a response", data)


class ServiceOfficer(Staff):
    weight = 3
    username = "send.officer"

    @task(3)
    def my_list(self) -> None:
        self.case_list()

    @task(4)
    def open_case(self) -> None:
        self.case_page()


class ReportingViewer(Staff):
    weight = 1
    username = "reporting"

    @task(2)
    def dashboard(self) -> None:
        self.get("/dashboard/", "dashboard")

    @task(1)
    def dashboard_service(self) -> None:
        self.get(
            "/dashboard/",
            "dashboard (one service)",
            directorate=DATA["directorate_name"],
        )
