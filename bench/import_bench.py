"""Import benchmark: rows per second and peak memory, on SQLite and PostgreSQL.

    .venv/bin/python bench/import_bench.py                      # 10,000 rows, both databases
    .venv/bin/python bench/import_bench.py --records 1000000 --db sqlite
    .venv/bin/python bench/import_bench.py --records 1000000 --keep /tmp/bench-1m   # reuse

Generates N contact rows (with `putright generate` when the demo generator is installed,
otherwise `putright.imports.synthetic`), creates a fresh database (a new SQLite file, or a new
PostgreSQL database that is dropped afterwards), migrates it, and imports the file in a child
process, twice: the first run creates every record, the second finds them all unchanged.
Peak memory is the child's maximum resident set size (getrusage), so it includes Python,
Django and the bank-holiday calendar; a large first load also forks a checking process
(putright/imports/parallel.py), whose own peak is printed beside it ("+ checker").

Each run's line is followed by the targets of issue 12 (first import at most 30 s, re-import
at most 15 s, peak at most 300 MB) and by how much each is met or missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PUTRIGHT = str(Path(PYTHON).parent / "putright")
POSTGRES = "postgres://postgres@127.0.0.1:5432"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import django
django.setup()
from putright.complaints.clocks import council_calendar
from putright.imports.services import import_files

started = time.perf_counter()
council_calendar()  # one-off: builds the bank-holiday calendar
calendar_seconds = time.perf_counter() - started
runs = []
for _ in range(2):
    started = time.perf_counter()
    cpu = time.process_time()
    result = import_files([Path(p) for p in sys.argv[1:]])
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    if not result.ok:
        print(result.summary(), file=sys.stderr)
        sys.exit(1)
    runs.append({"seconds": seconds, "cpu": cpu, "rows": result.rows_read,
                 "created": result.created, "unchanged": result.unchanged})
print(json.dumps({"calendar_seconds": calendar_seconds, "runs": runs,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "checker_maxrss_kb":
                      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def _env(database_url: str, var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        PUTRIGHT_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="putright.config.settings.dev",
        DEBUG="0",
    )
    return env


def generate(records: int, out: Path) -> list[Path]:
    """Write the contacts (and Ombudsman) files to import."""
    out.mkdir(parents=True, exist_ok=True)
    env = _env(f"sqlite:///{out / 'generate.sqlite3'}", out)
    done = subprocess.run(
        [PUTRIGHT, "generate", "--records", str(records), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode == 0 and (out / "contacts.csv").exists():
        print(f"generated {records:,} rows with putright generate", file=sys.stderr)
        return [p for p in (out / "contacts.csv", out / "ombudsman.csv") if p.exists()]
    sys.path.insert(0, str(ROOT))
    from putright.imports.columns import CONTACT_COLUMNS
    from putright.imports.synthetic import contact_rows, write_csv

    path = out / "contacts.csv"
    write_csv(path, CONTACT_COLUMNS, contact_rows(records, years=4))
    print(
        f"generated {records:,} rows with putright.imports.synthetic", file=sys.stderr
    )
    return [path]


def _postgres(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def run(database: str, files: list[Path], work: Path) -> dict:
    """Import `files` into a fresh database in a child process; return its figures."""
    name = f"putright_bench_{uuid.uuid4().hex[:8]}"
    if database == "sqlite":
        url = f"sqlite:///{work / (name + '.sqlite3')}"
    else:
        _postgres(f'CREATE DATABASE "{name}"')
        url = f"{POSTGRES}/{name}"
    env = _env(url, work)
    try:
        subprocess.run([PUTRIGHT, "migrate", "-v0"], env=env, check=True)
        subprocess.run(
            [PUTRIGHT, "setup", "--council", "Bench Council", "--nation", "england"]
            + ["--noinput"],
            env=env,
            check=True,
            capture_output=True,
        )
        started = time.perf_counter()
        done = subprocess.run(
            [PYTHON, "-c", CHILD, *map(str, files)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        wall = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"import failed on {database}:\n{done.stderr[-3000:]}")
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        figures["child_wall_seconds"] = wall
        return figures
    finally:
        if database == "postgres":
            _postgres(f'DROP DATABASE IF EXISTS "{name}"')


def plain_sqlite(path: Path, work: Path) -> float:
    """Seconds for csv + sqlite3.executemany of the file's rows as text, no checks, no
    indexes, one transaction: the floor for any SQLite import of the same rows."""
    import csv
    import sqlite3

    database = work / "plain.sqlite3"
    started = time.perf_counter()
    connection = sqlite3.connect(database)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        columns = ", ".join(f'"{name}" TEXT' for name in header)
        connection.execute(f"CREATE TABLE plain ({columns})")
        marks = ", ".join("?" * len(header))
        connection.executemany(f"INSERT INTO plain VALUES ({marks})", rows)  # noqa: S608
    connection.commit()
    connection.close()
    seconds = time.perf_counter() - started
    database.unlink()
    return seconds


def plain_copy(path: Path) -> float:
    """Seconds for PostgreSQL COPY of the file into an unindexed text table."""
    import psycopg

    name = f"putright_copy_{uuid.uuid4().hex[:8]}"
    _postgres(f'CREATE DATABASE "{name}"')
    try:
        with path.open(encoding="utf-8-sig") as handle:
            header = handle.readline().strip().split(",")
        started = time.perf_counter()
        with psycopg.connect(f"{POSTGRES}/{name}") as connection:
            columns = ", ".join(f'"{column}" text' for column in header)
            connection.execute(f"CREATE TABLE plain ({columns})")
            sql = "COPY plain FROM STDIN WITH (FORMAT csv, HEADER true)"
            with connection.cursor().copy(sql) as copy, path.open("rb") as raw:
                raw.read(3)  # the BOM
                while block := raw.read(1 << 20):
                    copy.write(block)
        return time.perf_counter() - started
    finally:
        _postgres(f'DROP DATABASE IF EXISTS "{name}"')


# Issue 12's targets for 1,000,000 rows: seconds and megabytes.
TARGETS = {"first import": 30.0, "re-import": 15.0, "peak memory": 300.0}


def _against_targets(first: dict, second: dict, figures: dict) -> str:
    """Each figure beside its target, scaled to a million rows, and by how much."""
    scale = 1_000_000 / first["rows"]
    peak = (figures["maxrss_kb"] + figures.get("checker_maxrss_kb", 0)) / 1024
    measured = {
        "first import": first["seconds"] * scale,
        "re-import": second["seconds"] * scale,
        "peak memory": peak,
    }
    parts = []
    for name, target in TARGETS.items():
        value = measured[name]
        unit = "MB" if name == "peak memory" else "s"
        verdict = (
            "met"
            if value <= target
            else f"missed: {value / target:.1f} times the target"
        )
        parts.append(f"{name} {value:,.0f} {unit} (target {target:,.0f}): {verdict}")
    note = "" if first["rows"] >= 1_000_000 else " [times scaled to 1,000,000 rows]"
    return "  " + "; ".join(parts) + note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--files", nargs="*", type=Path, help="import these instead")
    parser.add_argument(
        "--keep",
        type=Path,
        help="generate the files into (or reuse them from) this directory",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="putright-bench-") as tmp:
        work = Path(tmp)
        if args.files:
            files = args.files
        elif args.keep and (args.keep / "contacts.csv").exists():
            files = [
                p
                for p in (args.keep / "contacts.csv", args.keep / "ombudsman.csv")
                if p.exists()
            ]
        else:
            files = generate(args.records, args.keep or work / "data")
        databases = ("sqlite", "postgres") if args.db == "both" else (args.db,)
        contacts = next(p for p in files if p.name.startswith("contacts"))
        print(
            f"{'database':<10} {'rows':>10} {'create s':>9} {'rows/s':>9} "
            f"{'cpu s':>7} {'reimport s':>10} {'rows/s':>9} {'cpu s':>7} {'peak MB':>8} "
            f"{'+ checker':>9} {'plain s':>8} {'ratio':>6}"
        )
        for database in databases:
            figures = run(database, files, work)
            first, second = figures["runs"]
            plain = (
                plain_sqlite(contacts, work)
                if database == "sqlite"
                else (plain_copy(contacts))
            )
            print(
                f"{database:<10} {first['rows']:>10,} {first['seconds']:>9.2f} "
                f"{first['rows'] / first['seconds']:>9,.0f} {first['cpu']:>7.2f} "
                f"{second['seconds']:>10.2f} "
                f"{second['rows'] / second['seconds']:>9,.0f} {second['cpu']:>7.2f} "
                f"{figures['maxrss_kb'] / 1024:>8.0f} "
                f"{figures.get('checker_maxrss_kb', 0) / 1024:>9.0f} {plain:>8.2f} "
                f"{first['seconds'] / plain:>6.1f}"
            )
            print(_against_targets(first, second, figures))
        print(
            "(plain s: csv + sqlite3.executemany into an unindexed text table (sqlite), "
            "COPY into one (postgres);\n ratio: putright's first import / plain;\n"
            " cpu s: this process's CPU time, which the machine's load does not "
            "inflate;\n rows/s exclude the one-off calendar build of "
            f"{figures['calendar_seconds']:.2f} s; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
        )


if __name__ == "__main__":
    main()
