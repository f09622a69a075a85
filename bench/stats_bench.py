"""Benchmark of the statistics engine and the dashboard page, with DuckDB side by side.

Targets (issue 3), on 1,000,000 contact records from `putright generate`, imported with
`putright import`:
- statistics for one directorate and year: median <= 100 ms;
- statistics for the whole council and year: median <= 500 ms;
- the dashboard page's server time (Django test client, signed in): median <= 300 ms.

The same figures are then computed by DuckDB from the same CSV read into an in-memory table
(loading is not timed; only the queries are), and the two are printed side by side. DuckDB's
figures are also checked against ours, as an independent implementation of docs/counting-rules.md §5.

Usage (the database is chosen by DATABASE_URL, as for the application):

    PUTRIGHT_ENV=development putright generate --records 1000000 --out /tmp/bench/data --seed 3 --today 2024-06-30
    PUTRIGHT_ENV=development PUTRIGHT_VAR_DIR=/tmp/bench/var putright migrate
    PUTRIGHT_ENV=development PUTRIGHT_VAR_DIR=/tmp/bench/var putright import /tmp/bench/data/contacts.csv \
        /tmp/bench/data/ombudsman.csv
    PUTRIGHT_VAR_DIR=/tmp/bench/var python bench/stats_bench.py --csv /tmp/bench/data
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/stats_bench.py \
        --csv /tmp/bench/data
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.config.settings.production")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

TARGETS_MS = {"directorate": 100.0, "council": 500.0, "page": 300.0}


def median_ms(function: Callable[[], Any], repeat: int, warm: int = 2) -> float:
    for _ in range(warm):
        function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


# -- DuckDB: an independent implementation of the same counting rules --------------------


def duckdb_load(
    csv_dir: Path,
    nation: str,
    closure_days: list[dt.date],
    procedures: list[tuple[str, str, str]],
) -> Any:
    """Read the exported CSV into in-memory tables (not timed)."""
    import duckdb

    from putright.core.working_days import get_calendar

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    calendar = get_calendar(nation, closure_days)
    first, last = dt.date(2000, 1, 1), dt.date(2040, 12, 31)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    con.execute("CREATE TABLE cal (day DATE PRIMARY KEY, ord INTEGER)")
    con.executemany(
        "INSERT INTO cal VALUES (?, ?)", [(d, calendar.ordinal(d)) for d in days]
    )
    con.execute("CREATE TABLE procedures (code VARCHAR, family VARCHAR, basis VARCHAR)")
    con.executemany("INSERT INTO procedures VALUES (?, ?, ?)", procedures)
    contacts = csv_dir / "contacts.csv"
    ombudsman = csv_dir / "ombudsman.csv"
    # Response times are stored per record in putright (the import computes them); the
    # DuckDB table gets the same columns at load time, from the same working-day ordinals.
    con.execute(
        f"""
        CREATE TABLE stage AS
        SELECT c.kind,
               coalesce(try_cast(c.stage AS INTEGER), 1) AS number,
               c.procedure, c.directorate, c.team,
               c.received::DATE AS received, c.due::DATE AS due,
               c.extended_to::DATE AS extended_to, c.responded::DATE AS responded,
               coalesce(c.outcome, '') AS outcome,
               CASE WHEN c.responded IS NOT NULL
                    THEN c.responded::DATE - c.received::DATE END AS cal_days,
               CASE WHEN c.responded IS NOT NULL
                    THEN r.ord - q.ord END AS wd_days
        FROM read_csv('{contacts}', header = true, all_varchar = true) c
        LEFT JOIN cal q ON q.day = c.received::DATE
        LEFT JOIN cal r ON r.day = c.responded::DATE
        """  # noqa: S608
    )
    con.execute(
        f"""
        CREATE TABLE omb AS
        SELECT ombudsman, directorate, team, received::DATE AS received,
               coalesce(investigation, '') = 'true' AS investigation,
               decided::DATE AS decided, coalesce(decision, '') AS decision
        FROM read_csv('{ombudsman}', header = true, all_varchar = true)
        """  # noqa: S608
    )
    return con


def duckdb_statistics(con: Any, period: Any, directorate: str | None) -> dict[str, Any]:
    """Stage, contact and Ombudsman figures for one selection, in four queries."""
    from putright.complaints.constants import Outcome

    scope = "AND directorate = $dir" if directorate else ""
    previous = period.previous_year()
    params = {
        "start": period.start,
        "end": period.end,
        "pstart": previous.start,
        "pend": previous.end,
    }
    if directorate:
        params["dir"] = directorate
    quarters = ", ".join(
        f"count(*) FILTER (WHERE received BETWEEN DATE '{q.start}' AND DATE '{q.end}')"
        for q in period.whole_year().quarters()
    )
    outcomes = ", ".join(
        f"count(*) FILTER (WHERE outcome = '{o}')" for o in (*Outcome.values, "")
    )
    stage_rows = con.execute(
        f"""
        SELECT s.number, p.family, p.basis, count(*), {outcomes},
               count(responded),
               count(*) FILTER (WHERE responded <= due),
               count(*) FILTER (WHERE responded <= coalesce(extended_to, due)),
               sum(cal_days), count(cal_days), sum(wd_days), count(wd_days), {quarters}
        FROM stage s LEFT JOIN procedures p ON p.code = s.procedure
        WHERE kind = 'complaint' AND received BETWEEN $start AND $end {scope}
        GROUP BY ALL
        """,  # noqa: S608
        {k: v for k, v in params.items() if k in ("start", "end", "dir")},
    ).fetchall()
    previous_rows = con.execute(
        f"""
        SELECT number, count(*) FROM stage
        WHERE kind = 'complaint' AND received BETWEEN $pstart AND $pend {scope}
        GROUP BY number
        """,  # noqa: S608
        {k: v for k, v in params.items() if k in ("pstart", "pend", "dir")},
    ).fetchall()
    contact_rows = con.execute(
        f"""
        SELECT kind,
               count(*) FILTER (WHERE received BETWEEN $start AND $end),
               count(*) FILTER (WHERE received BETWEEN $pstart AND $pend)
        FROM stage
        WHERE kind <> 'complaint' {scope}
          AND (received BETWEEN $start AND $end OR received BETWEEN $pstart AND $pend)
        GROUP BY kind
        """,  # noqa: S608
        params,
    ).fetchall()
    ombudsman_rows = con.execute(
        f"""
        SELECT ombudsman, decision,
               count(*) FILTER (WHERE received BETWEEN $start AND $end),
               count(*) FILTER (WHERE received BETWEEN $start AND $end AND investigation),
               count(*) FILTER (WHERE decided BETWEEN $start AND $end)
        FROM omb
        WHERE (received BETWEEN $start AND $end OR decided BETWEEN $start AND $end)
          {scope}
        GROUP BY ALL
        """,  # noqa: S608
        {k: v for k, v in params.items() if k in ("start", "end", "dir")},
    ).fetchall()
    return {
        "stages": stage_rows,
        "previous": previous_rows,
        "contacts": contact_rows,
        "ombudsman": ombudsman_rows,
    }


def duckdb_summary(raw: dict[str, Any]) -> dict[str, Any]:
    """The headline figures of DuckDB's rows, shaped for comparison with ours."""
    from putright.statistics.engine import average, percent

    summary: dict[str, Any] = {}
    for key in ("1", "2", "3"):
        rows = [r for r in raw["stages"] if str(r[0]) == key]
        total = (
            [sum((r[i] or 0) for r in rows) for i in range(3, len(rows[0]))]
            if rows
            else []
        )
        if not total:
            summary[key] = {"received": 0}
            continue
        received, *outcomes = total[:9]
        responded, within, within_ext, cal_sum, cal_n, wd_sum, wd_n = total[9:16]
        summary[key] = {
            "received": received,
            "undecided": outcomes[7],
            "upheld": outcomes[0],
            "responded": responded,
            "responded_within_timescale": within,
            "responded_within_extended_timescale": within_ext,
            "within_timescale_percent": percent(within, responded),
            "average_response_calendar_days": average(cal_sum, cal_n),
            "average_response_working_days": average(wd_sum, wd_n),
            "by_quarter": total[16:20],
        }
    for number, count in raw["previous"]:
        summary.setdefault(str(number), {})["previous"] = count
    summary["contacts"] = {kind: current for kind, current, _ in raw["contacts"]}
    ombudsman: dict[str, list[int]] = {}
    for code, _decision, received, _investigations, decided in raw["ombudsman"]:
        totals = ombudsman.setdefault(code, [0, 0])
        totals[0] += received
        totals[1] += decided
    summary["ombudsman"] = ombudsman
    return summary


def our_summary(stats: dict[str, Any]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for key, figures in stats["stages"].items():
        summary[key] = {
            "received": figures["received"],
            "undecided": figures["outcomes"]["undecided"],
            "upheld": figures["outcomes"]["upheld"],
            "responded": figures["responded"],
            "responded_within_timescale": figures["responded_within_timescale"],
            "responded_within_extended_timescale": figures[
                "responded_within_extended_timescale"
            ],
            "within_timescale_percent": figures["within_timescale_percent"],
            "average_response_calendar_days": figures["average_response_calendar_days"],
            "average_response_working_days": figures["average_response_working_days"],
            "by_quarter": list(figures["by_quarter"].values()),
            "previous": figures["previous_year"]["received"],
        }
        if not figures["received"]:
            summary[key] = {
                "received": 0,
                "previous": figures["previous_year"]["received"],
            }
    summary["contacts"] = {
        k: v["received"] for k, v in stats["contacts"].items() if v["received"]
    }
    summary["ombudsman"] = {
        k: [v["received"], v["decided"]]
        for k, v in stats["ombudsman"].items()
        if v["received"] or v["decided"]
    }
    return summary


def differences(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    problems = []
    for key in ("1", "2", "3"):
        for name, value in ours[key].items():
            other = theirs.get(key, {}).get(
                name, 0 if name in ("received", "previous") else None
            )
            if value != other:
                problems.append(f"stage {key} {name}: ours {value}, DuckDB {other}")
    if ours["contacts"] != theirs["contacts"]:
        problems.append(
            f"contacts: ours {ours['contacts']}, DuckDB {theirs['contacts']}"
        )
    if ours["ombudsman"] != theirs["ombudsman"]:
        problems.append(
            f"ombudsman: ours {ours['ombudsman']}, DuckDB {theirs['ombudsman']}"
        )
    return problems


# -- the benchmark --------------------------------------------------------------------------


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--csv", type=Path, help="Folder with contacts.csv and ombudsman.csv"
    )
    parser.add_argument(
        "--year", default=None, help="Year to measure (default: the busiest)"
    )
    parser.add_argument("--directorate", default=None, help="Directorate to measure")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--explain", action="store_true", help="Print the query plans")
    return parser.parse_args()


def _explain(queries: list[dict[str, Any]], vendor: str) -> None:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if vendor == "sqlite" else "EXPLAIN ANALYZE "
    for query in queries:
        with connection.cursor() as cursor:
            cursor.execute(prefix + query["sql"])
            print(f"\n{query['time']}s {query['sql'][:160]}...")
            for row in cursor.fetchall():
                print("   ", row)


def _dashboard_page(url: str) -> Any:
    from django.test import Client

    from putright.accounts.models import User

    user, _ = User.objects.get_or_create(
        username="bench-viewer", defaults={"role": User.Role.REPORTING_VIEWER}
    )
    client = Client()
    client.force_login(user)

    def page() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"dashboard answered {response.status_code}")

    return page


def _duckdb_side(
    csv: Path, council: Any, period: Any, directorate: str | None, repeat: int
) -> tuple[dict[str, float], list[str]]:
    """DuckDB's medians over the same CSV, and where its figures differ from ours."""
    from putright.complaints.models import Procedure
    from putright.statistics import engine

    load_start = time.perf_counter()
    con = duckdb_load(
        csv,
        council.nation,
        council.closure_dates(),
        list(Procedure.objects.values_list("code", "family", "day_basis")),
    )
    print(
        f"DuckDB: CSV loaded in {time.perf_counter() - load_start:.1f} s (not timed below)"
    )
    theirs = {
        "directorate": median_ms(
            lambda: duckdb_statistics(con, period, directorate), repeat
        ),
        "council": median_ms(lambda: duckdb_statistics(con, period, None), repeat),
    }
    mismatches: list[str] = []
    for name, filter_value in (("council", None), ("directorate", directorate)):
        ours_summary = our_summary(
            engine.statistics_for(period=period, directorate=filter_value)
        )
        their_summary = duckdb_summary(duckdb_statistics(con, period, filter_value))
        mismatches += [f"{name}: {m}" for m in differences(ours_summary, their_summary)]
    return theirs, mismatches


def _print_table(ours: dict[str, float], theirs: dict[str, float]) -> None:
    print()
    print(
        f"{'median time (ms)':<40}{'putright':>10}{'target':>9}{'DuckDB':>10}{'ratio':>8}"
    )
    labels = {
        "directorate": "statistics, one directorate + year",
        "council": "statistics, whole council + year",
        "page": "dashboard page, server time",
    }
    for key, label in labels.items():
        duck = theirs.get(key)
        ratio = f"{ours[key] / duck:.1f}x" if duck else "–"
        duck_text = f"{duck:.1f}" if duck else "–"
        verdict = "ok" if ours[key] <= TARGETS_MS[key] else "MISSED"
        print(
            f"{label:<40}{ours[key]:>10.1f}{TARGETS_MS[key]:>6.0f} {verdict:<3}"
            f"{duck_text:>9}{ratio:>8}"
        )


def main() -> int:
    args = _arguments()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from putright.complaints.models import Stage
    from putright.core.periods import parse_year
    from putright.organisation.models import Council, Directorate
    from putright.statistics import engine

    setup_test_environment()
    council = Council.load()
    total = Stage.objects.count()
    period = (
        parse_year(args.year, council.financial_year_start_month)
        if args.year
        else engine.default_year().previous_year()
    )
    directorate = args.directorate or (
        Directorate.objects.order_by("name").values_list("name", flat=True).first()
    )
    vendor = connection.vendor
    print(f"Database: {vendor} ({connection.settings_dict['NAME']}), {total:,} records")
    print(
        f"Selection: {period.label}; directorate {directorate!r}; {args.repeat} runs each"
    )

    def by_directorate() -> dict[str, Any]:
        return engine.statistics_for(period=period, directorate=directorate)

    def whole_council() -> dict[str, Any]:
        return engine.statistics_for(period=period)

    ours = {
        "directorate": median_ms(by_directorate, args.repeat),
        "council": median_ms(whole_council, args.repeat),
        "page": median_ms(
            _dashboard_page(f"/dashboard/?year={period.label}"), args.repeat
        ),
    }
    with CaptureQueriesContext(connection) as queries:
        whole_council()
    if args.explain:
        _explain(queries.captured_queries, vendor)

    theirs: dict[str, float] = {}
    mismatches: list[str] = []
    if args.csv:
        theirs, mismatches = _duckdb_side(
            args.csv, council, period, directorate, args.repeat
        )
    _print_table(ours, theirs)
    print(f"\nqueries per statistics call: {len(queries.captured_queries)}")
    if args.csv:
        if mismatches:
            print("\nDuckDB and putright DISAGREE:")
            for line in mismatches:
                print("  ", line)
        else:
            print("DuckDB's figures agree with putright's for both selections.")
    missed = [k for k in ours if ours[k] > TARGETS_MS[k]]
    return 1 if missed or mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
