"""Load benchmark: council staff on gunicorn with production settings, driven by locust.

Targets (issue 10): 50 concurrent staff on gunicorn (4 workers) and PostgreSQL, 0 errors and
p95 under 300 ms; 20 concurrent staff on SQLite, 0 errors. The issue asks for 5 minutes
(`--duration 300`); the default is 60 seconds.

What it does, in order:
1. a fresh database (PostgreSQL: drops and creates `--pg-database`; SQLite: a new file in
   `--var`), migrated, with the demo council loaded (`putright demo`);
2. signed-in sessions for the demo staff, made directly in the session store (the way
   Django's test client's `force_login` does), so the benchmark does not depend on the
   sign-in form or a second factor;
3. gunicorn on 127.0.0.1 on a free port, with the production settings (DEBUG off, secure
   cookies, HTTPS as the council's proxy reports it);
4. locust, headless, with the users in `bench/locustfile.py`: lists, case pages, the
   dashboard, logging a contact and saving a response;
5. a table of requests, errors and p50/p95/p99 per kind of request and overall.

Usage (from the checkout, with the virtualenv's python):

    python bench/load_bench.py --database postgres --users 50 --duration 300
    python bench/load_bench.py --database sqlite --users 20 --duration 300

`--reuse` keeps the database from the previous run (no reload). Exit status 1 when a target
is missed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
SESSIONS_PER_LOGIN = 60
P95_TARGET_MS = 300

SESSIONS_SCRIPT = """
import json, sys
import django
django.setup()
from django.test import Client
from putright.accounts.models import User
from putright.complaints.models import Procedure, Stage
from putright.organisation.models import Team

logins = ("complaints", "send.officer", "reporting")
sessions = {}
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

for username in logins:
    user = User.objects.get(username=username)
    # Production asks casework roles for a second factor: each session is one that gave
    # a code from a confirmed authenticator, as django_otp.login records it.
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="load benchmark", defaults={"confirmed": True}
    )
    sessions[username] = []
    for _ in range(int(sys.argv[1])):
        client = Client()
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        sessions[username].append(client.cookies["sessionid"].value)
team = Team.objects.select_related("directorate").get(name="SEND Team")
open_stages = Stage.objects.filter(responded__isnull=True).select_related("case")
every = list(open_stages.order_by("-received").values_list("case__reference", flat=True)[:2000])
mine = list(
    open_stages.filter(team=team).values_list("case__reference", flat=True)[:500]
)
print(json.dumps({
    "sessions": sessions,
    "references": {"complaints": every, "send.officer": mine, "reporting": []},
    "procedure": Procedure.objects.get(code="lgsco_code").pk,
    "directorate": team.directorate_id,
    "directorate_name": team.directorate.name,
    "team": team.pk,
}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(args: argparse.Namespace) -> dict[str, str]:
    var = Path(args.var).resolve()
    if args.database == "postgres":
        url = f"postgres://postgres@127.0.0.1:5432/{args.pg_database}"
    else:
        url = f"sqlite:///{var / 'putright.sqlite3'}"
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
        ),
        "PUTRIGHT_VAR_DIR": str(var),
        "DATABASE_URL": url,
        "SECRET_KEY": "load-benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
    }


def run(command: list[str], env: dict[str, str], settings: str) -> str:
    started = time.perf_counter()
    finished = subprocess.run(
        command,
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{finished.stderr[-4000:]}")
    label = " ".join(command[2:4]) if command[1] == "-m" else "signed-in sessions"
    print(f"  {label} ({time.perf_counter() - started:.0f} s)")
    return finished.stdout


def prepare(args: argparse.Namespace, env: dict[str, str]) -> None:
    """A fresh database with the demo council."""
    var = Path(args.var)
    if args.database == "postgres":
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
        for sql in (
            f'DROP DATABASE IF EXISTS "{args.pg_database}" WITH (FORCE)',
            f'CREATE DATABASE "{args.pg_database}"',
        ):
            subprocess.run([*psql, sql], check=True, env=env)
    else:
        shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True, exist_ok=True)
    putright = [PYTHON, "-m", "putright"]
    run([*putright, "migrate", "-v0"], env, "putright.config.settings.dev")
    run(
        [*putright, "collectstatic", "--noinput", "-v0"],
        env,
        "putright.config.settings.production",
    )
    demo = [*putright, "demo"]
    if args.records:
        demo += ["--records", str(args.records)]
    run(demo, env, "putright.config.settings.dev")
    # Fresh planner statistics, as autovacuum (PostgreSQL) would gather within minutes of a
    # council's first import; without them PostgreSQL scans whole tables for a case page.
    if args.database == "postgres":
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-d", args.pg_database]
            + ["-c", "ANALYZE"],
            check=True,
            env=env,
        )
    else:
        with sqlite3.connect(var / "putright.sqlite3") as database:
            database.execute("ANALYZE")


def sessions(env: dict[str, str], host: str, path: Path) -> None:
    output = run(
        [PYTHON, "-c", SESSIONS_SCRIPT, str(SESSIONS_PER_LOGIN)],
        env,
        "putright.config.settings.production",
    )
    data = json.loads(output.strip().splitlines()[-1])
    data["host"] = host
    path.write_text(json.dumps(data), encoding="utf-8")


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [
            str(BIN / "gunicorn"),
            "putright.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        env={**env, "DJANGO_SETTINGS_MODULE": "putright.config.settings.production"},
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/accounts/login/", timeout=5
            )  # noqa: S310
            return server
        except OSError:
            if server.poll() is not None:
                sys.exit("gunicorn did not start.")
            time.sleep(0.5)
    stop(server)
    sys.exit("gunicorn did not answer within 60 s.")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def run_locust(args: argparse.Namespace, host: str, data: Path, out: Path) -> None:
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.duration}s",
        "--host",
        f"http://{host}",
        "--csv",
        str(out),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    with open(f"{out}.log", "w", encoding="utf-8") as log:
        subprocess.run(  # noqa: S603 - our own command line
            command,
            env={**os.environ, "BENCH_DATA": str(data)},
            check=False,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def report(out: Path, args: argparse.Namespace) -> bool:
    """Print the table; True when the targets are met."""
    with open(f"{out}_stats.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print(
        f"\n{args.users} users, {args.duration} s, gunicorn {args.workers} workers, "
        f"{args.database}\n"
    )
    print(
        f"{'Request':<26}{'requests':>9}{'errors':>8}{'p50':>7}{'p95':>7}{'p99':>7}  ms"
    )
    overall = None
    for row in rows:
        if row["Name"] == "Aggregated":
            overall = row
            continue
        print(_line(row["Name"], row))
    if overall is None:
        sys.exit("locust wrote no figures.")
    print(_line("All requests", overall))
    errors = int(overall["Failure Count"])
    p95 = float(overall["95%"])
    failures = Path(f"{out}_failures.csv")
    if errors and failures.exists():
        print("\nErrors:")
        print(failures.read_text(encoding="utf-8"))
    met = errors == 0 and (args.database == "sqlite" or p95 < P95_TARGET_MS)
    target = "0 errors" + (
        "" if args.database == "sqlite" else f", p95 < {P95_TARGET_MS} ms"
    )
    print(f"\nTarget ({target}): {'met' if met else 'MISSED'}.")
    print(f"Locust's own output: {out}.log")
    return met


def _line(name: str, row: dict[str, str]) -> str:
    return (
        f"{name:<26}{int(row['Request Count']):>9}{int(row['Failure Count']):>8}"
        f"{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database", choices=("postgres", "sqlite"), default="postgres"
    )
    parser.add_argument(
        "--users", type=int, default=None, help="50 (PostgreSQL), 20 (SQLite)"
    )
    parser.add_argument("--duration", type=int, default=60, help="seconds (issue: 300)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--records", type=int, default=None, help="demo contact rows")
    parser.add_argument("--pg-database", default="wt_robust_load")
    parser.add_argument(
        "--var", default=None, help="data folder (default: a temp folder)"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database")
    args = parser.parse_args()
    if args.users is None:
        args.users = 50 if args.database == "postgres" else 20
    if args.users < 1 or args.duration < 1:
        parser.error("--users and --duration must be 1 or more.")
    args.var = args.var or str(
        Path(tempfile.gettempdir()) / f"putright-load-{args.database}"
    )
    env = environment(args)
    print(f"Preparing the demo council on {args.database}:")
    if not args.reuse:
        prepare(args, env)
    port = free_port()
    host = f"127.0.0.1:{port}"
    work = Path(tempfile.mkdtemp(prefix="putright-load-"))
    sessions(env, host, work / "data.json")
    server = start_gunicorn(env, port, args.workers)
    try:
        print(f"Running {args.users} users for {args.duration} s against {host}...")
        run_locust(args, host, work / "data.json", work / "locust")
    finally:
        stop(server)
    sys.exit(0 if report(work / "locust", args) else 1)


if __name__ == "__main__":
    main()
