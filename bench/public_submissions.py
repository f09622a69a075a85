"""Front-door benchmark: 50 residents send a complaint at the same moment (issue 9).

Target (issue 9, second "Done when" bullet): 50 concurrent submissions on PostgreSQL and on
SQLite give 50 contacts, 50 distinct references and 0 server errors.

What it does, for each database in turn:
1. a fresh, empty database (PostgreSQL: drops and creates `--pg-database`; SQLite: a new
   file in a temporary data folder), migrated, with a council set up (`putright setup`) and
   two services for the public form, nothing else;
2. gunicorn on 127.0.0.1 on a free port with the production settings (the helpers of
   `bench/load_bench.py`), with the front door's rate limits raised: every resident here
   comes from 127.0.0.1, and the real limit (20 per address an hour) would refuse most;
3. `--residents` threads, each with its own session, walk the whole complaint journey as a
   browser does (every page fetched, CSRF token and one-time token from the page, each
   answer posted, the check page, then "Send"). All wait at a barrier before "Send", so the
   submissions reach the server together;
4. counts the contacts in the database and the distinct references the residents were
   shown, the server errors (5xx or a connection failure), and p50/p95/p99 of "Send".

Usage (from the checkout, with the virtualenv's python):

    python bench/public_submissions.py                      # PostgreSQL, then SQLite
    python bench/public_submissions.py --database sqlite    # one of them

Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_bench import (  # noqa: E402 - the sibling benchmark's helpers
    PYTHON,
    environment,
    free_port,
    run,
    start_gunicorn,
    stop,
)

RAISED_LIMIT = 100_000
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN = re.compile(r'name="token" value="([^"]+)"')
REFERENCE = re.compile(r"<strong>([A-Z]{2,3}-\d{4}-\d{6})</strong>")

SETUP_SCRIPT = """
import json
import django
django.setup()
from putright.organisation.models import Directorate
from putright.public.models import PublicService
housing = Directorate.objects.create(name="Housing")
roads = Directorate.objects.create(name="Highways")
PublicService.objects.create(name="Council housing and repairs", directorate=housing)
PublicService.objects.create(name="Roads and pavements", directorate=roads)
PublicService.objects.create(name="Not sure", directorate=housing, receives_unsure=True)
print(json.dumps({"service": "s%d" % PublicService.objects.order_by("pk").first().pk}))
"""

COUNT_SCRIPT = """
import json
import django
django.setup()
from putright.complaints.models import Case
cases = Case.objects.filter(stages__channel="web_form").distinct()
print(json.dumps({
    "contacts": cases.count(),
    "references": len(set(cases.values_list("reference", flat=True))),
}))
"""


@dataclass
class Outcome:
    references: list[str] = field(default_factory=list)
    submit_ms: list[float] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Resident:
    """One browser: its own cookies, the HTTPS headers the council's proxy adds."""

    def __init__(self, base: str, number: int) -> None:
        self.base = base
        self.number = number
        self.session = requests.Session()
        self.session.headers["X-Forwarded-Proto"] = "https"
        self.cookies: dict[str, str] = {}
        # The browser's address as the proxy serves it: the CSRF check compares Referer.
        self.origin = base.replace("http://", "https://", 1)

    def _request(self, method: str, path: str, **kwargs: object) -> requests.Response:
        # The production cookies are Secure, which requests will not send over plain
        # HTTP to 127.0.0.1: keep them here and send them as the browser behind TLS does.
        headers = dict(kwargs.pop("headers", None) or {})  # type: ignore[call-overload]
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.session.request(
            method, self.base + path, headers=headers, timeout=120, **kwargs
        )
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value or ""
        self.session.cookies.clear()
        return response

    def _check(self, response: requests.Response, what: str) -> requests.Response:
        if response.status_code >= 500:
            raise ServerError(f"{what}: HTTP {response.status_code}")
        if response.status_code >= 400:
            raise Refused(f"{what}: HTTP {response.status_code}")
        return response

    def get(self, path: str) -> requests.Response:
        response = self._request("GET", path)
        while response.status_code in (301, 302, 303):
            path = response.headers["Location"].replace(self.origin, "")
            response = self._request("GET", path)
        return self._check(response, f"GET {path}")

    def post(self, path: str, data: dict[str, object]) -> requests.Response:
        page = self.get(path)
        token = CSRF.search(page.text)
        if not token:
            raise Refused(f"{path}: no CSRF token on the page")
        response = self._request(
            "POST",
            path,
            data={"csrfmiddlewaretoken": token.group(1), **data},
            headers={"Referer": self.origin + path},
            allow_redirects=False,
        )
        self._check(response, f"POST {path}")
        if response.status_code != 302:
            raise Refused(f"POST {path}: the answer was not accepted")
        return response

    def answers(self, service: str) -> list[tuple[str, dict[str, object]]]:
        n = self.number
        return [
            ("service", {"service": service}),
            (
                "what-happened",
                {
                    "what_happened": f"Resident {n}: the repair booked for my "
                    "kitchen ceiling was missed three times."
                },
            ),
            ("put-right", {"put_right": "Fix the ceiling and an apology."}),
            ("who", {"who": "myself"}),
            (
                "contact",
                {
                    "full_name": f"Bench Resident {n}",
                    "email": f"resident{n}@example.org",
                    "phone": "",
                    "address": "",
                    "contact_by": "email",
                },
            ),
            ("adjustments", {"details": ""}),
            ("equality", {}),
        ]

    def walk(self, service: str) -> str:
        """Answer every question; returns the one-time token of the check page."""
        start = self.get("/feedback/")
        if "complaint" not in start.text:
            raise Refused("the front door offers no complaint journey")
        for step, data in self.answers(service):
            self.post(f"/feedback/complaint/{step}/", data)
        check = self.get("/feedback/complaint/check/")
        token = TOKEN.search(check.text)
        if not token:
            raise Refused("the check page has no one-time token")
        return token.group(1)

    def send(self, token: str) -> tuple[str, float]:
        page = self.get("/feedback/complaint/check/")
        csrf = CSRF.search(page.text)
        if not csrf:
            raise Refused("the check page has no CSRF token")
        started = time.perf_counter()
        response = self._request(
            "POST",
            "/feedback/complaint/check/",
            data={
                "csrfmiddlewaretoken": csrf.group(1),
                "token": token,
                "website": "",
            },
            headers={"Referer": self.origin + "/feedback/complaint/check/"},
            allow_redirects=False,
        )
        elapsed = (time.perf_counter() - started) * 1000
        self._check(response, "Send")
        if response.status_code != 302:
            raise Refused(f"Send: HTTP {response.status_code}, no redirect")
        sent = self.get(response.headers["Location"].replace(self.origin, ""))
        found = REFERENCE.search(sent.text)
        if not found:
            raise Refused("the confirmation page shows no reference")
        return found.group(1), elapsed


class ServerError(Exception):
    pass


class Refused(Exception):
    pass


def resident_thread(
    base: str, number: int, service: str, barrier: threading.Barrier, out: Outcome
) -> None:
    resident = Resident(base, number)
    token = None
    try:
        token = resident.walk(service)
    except (ServerError, requests.RequestException) as error:
        with out.lock:
            out.server_errors.append(f"resident {number}: {error}")
    except Refused as error:
        with out.lock:
            out.refusals.append(f"resident {number}: {error}")
    try:
        barrier.wait(timeout=600)
    except threading.BrokenBarrierError:
        pass
    if token is None:
        return
    try:
        reference, elapsed = resident.send(token)
    except (ServerError, requests.RequestException) as error:
        with out.lock:
            out.server_errors.append(f"resident {number}: {error}")
        return
    except Refused as error:
        with out.lock:
            out.refusals.append(f"resident {number}: {error}")
        return
    with out.lock:
        out.references.append(reference)
        out.submit_ms.append(elapsed)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[int(share * 100) - 1]


def script(code: str, env: dict[str, str]) -> str:
    """Run a few lines of Django with the production settings; returns what they print."""
    finished = subprocess.run(  # noqa: S603 - our own command line
        [PYTHON, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "putright.config.settings.production"},
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0:
        sys.exit(f"A set-up script failed:\n{finished.stderr[-4000:]}")
    return finished.stdout


def prepare(args: argparse.Namespace, env: dict[str, str]) -> str:
    """A fresh, empty database with a council and its public services; returns a choice."""
    if args.database == "postgres":
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
        for sql in (
            f'DROP DATABASE IF EXISTS "{args.pg_database}" WITH (FORCE)',
            f'CREATE DATABASE "{args.pg_database}"',
        ):
            subprocess.run([*psql, sql], check=True, env=env)
    Path(args.var).mkdir(parents=True, exist_ok=True)
    production = "putright.config.settings.production"
    putright = [PYTHON, "-m", "putright"]
    run([*putright, "migrate", "-v0"], env, production)
    # Static files are collected once per run and shared by both databases' data folders.
    static = Path(args.var) / "static"
    if args.static is None:
        run([*putright, "collectstatic", "--noinput", "-v0"], env, production)
        args.static = static
    else:
        static.symlink_to(args.static, target_is_directory=True)
    run(
        [
            *putright,
            "setup",
            "--council",
            "Benchmark Borough Council",
            "--nation",
            "england",
            "--noinput",
        ],
        env,
        production,
    )
    output = script(SETUP_SCRIPT, env)
    return str(json.loads(output.strip().splitlines()[-1])["service"])


def bench_one(args: argparse.Namespace, database: str, folders: list[str]) -> bool:
    args.database = database
    args.var = tempfile.mkdtemp(prefix=f"putright-public-{database}-")
    folders.append(args.var)
    env = environment(args)
    env["PUTRIGHT_PUBLIC_ADDRESS_LIMIT"] = str(RAISED_LIMIT)
    env["PUTRIGHT_PUBLIC_EMAIL_LIMIT"] = str(RAISED_LIMIT)
    print(f"\n{database}: an empty database with a council set up")
    service = prepare(args, env)
    port = free_port()
    server = start_gunicorn(env, port, args.workers)
    out = Outcome()
    try:
        barrier = threading.Barrier(args.residents)
        threads = [
            threading.Thread(
                target=resident_thread,
                args=(f"http://127.0.0.1:{port}", n, service, barrier, out),
            )
            for n in range(1, args.residents + 1)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        stop(server)
    counted = json.loads(script(COUNT_SCRIPT, env).strip().splitlines()[-1])
    distinct = len(set(out.references))
    print(
        f"  {args.residents} residents, gunicorn {args.workers} workers, "
        f"{wall:.1f} s in all"
    )
    print(f"  contacts created:         {counted['contacts']}")
    print(
        f"  distinct references:      {distinct} shown, {counted['references']} stored"
    )
    print(f"  server errors:            {len(out.server_errors)}")
    print(f"  refused (4xx, no token):  {len(out.refusals)}")
    print(
        "  Send (ms):                "
        f"p50 {percentile(out.submit_ms, 0.50):.0f}  "
        f"p95 {percentile(out.submit_ms, 0.95):.0f}  "
        f"p99 {percentile(out.submit_ms, 0.99):.0f}"
    )
    for line in (out.server_errors + out.refusals)[:10]:
        print(f"    {line}")
    met = (
        counted["contacts"] == args.residents
        and distinct == args.residents
        and counted["references"] == args.residents
        and not out.server_errors
        and not out.refusals
    )
    print(f"  target: {'met' if met else 'MISSED'}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database",
        choices=("postgres", "sqlite", "both"),
        default="both",
        help="which database (default: both, PostgreSQL first)",
    )
    parser.add_argument("--residents", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--pg-database", default="bench_public_submissions")
    args = parser.parse_args()
    args.static = None
    if args.residents < 1:
        parser.error("--residents must be 1 or more.")
    print(
        "The front door's rate limits are raised to "
        f"{RAISED_LIMIT} for this run (PUTRIGHT_PUBLIC_ADDRESS_LIMIT and "
        "PUTRIGHT_PUBLIC_EMAIL_LIMIT): every resident here comes from 127.0.0.1."
    )
    databases = ["postgres", "sqlite"] if args.database == "both" else [args.database]
    folders: list[str] = []
    try:
        results = [bench_one(args, database, folders) for database in databases]
    finally:
        for folder in reversed(folders):  # the first holds the shared static files
            shutil.rmtree(folder, ignore_errors=True)
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
