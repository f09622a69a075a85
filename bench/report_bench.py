"""Benchmark of the annual report: time and peak memory per format on a large dataset.

Targets (issue 4), for one year of a 1,000,000-record dataset: HTML in at most 10 s, PDF and
Word in at most 30 s each, memory bounded (the report holds aggregates, never the rows, so
peak memory should not grow with the number of records).

Each format is generated in a fresh process (`--one FORMAT`), so the timings include
everything a user waits for (queries, narrative, charts, layout) and the peak resident
memory of each is measured separately.

Usage (the database is chosen by DATABASE_URL or PUTRIGHT_VAR_DIR, as for the application):

    PUTRIGHT_ENV=development putright generate --records 1000000 --out /tmp/bench/data --seed 3
    PUTRIGHT_ENV=development PUTRIGHT_VAR_DIR=/tmp/bench/var putright migrate
    PUTRIGHT_ENV=development PUTRIGHT_VAR_DIR=/tmp/bench/var putright import /tmp/bench/data/contacts.csv \\
        /tmp/bench/data/ombudsman.csv
    PUTRIGHT_VAR_DIR=/tmp/bench/var python bench/report_bench.py --year 2025/2026
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.config.settings.production")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

TARGETS_S = {"html": 10.0, "pdf": 30.0, "docx": 30.0, "xlsx": 30.0}


def run_one(year: str, fmt: str, audience: str, output: Path) -> dict:
    """Generate one format in this process; return its time, size and peak memory."""
    import django

    django.setup()
    from putright.reporting.services import report_generate, report_parameters

    started = time.perf_counter()
    parameters = report_parameters(year=year, fmt=fmt, audience=audience)
    marks: list[tuple[int, float]] = []
    content = report_generate(
        parameters=parameters,
        progress=lambda percent, _message: marks.append(
            (percent, time.perf_counter() - started)
        ),
    )
    seconds = time.perf_counter() - started
    output.write_bytes(content)
    data_seconds = next((t for p, t in marks if p >= 90), seconds)
    return {
        "format": fmt,
        "seconds": round(seconds, 2),
        "data_seconds": round(data_seconds, 2),
        "layout_seconds": round(seconds - data_seconds, 2),
        "bytes": len(content),
        # ru_maxrss is in kilobytes on Linux.
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def records_in_database() -> int:
    import django

    django.setup()
    from putright.complaints.models import Stage

    return Stage.objects.count()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", required=True)
    parser.add_argument("--formats", default="html,pdf,docx,xlsx")
    parser.add_argument("--audience", default="public")
    parser.add_argument("--out", default=None, help="folder for the files")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="report-bench-"))
    out.mkdir(parents=True, exist_ok=True)

    if args.one:
        result = run_one(args.year, args.one, args.audience, out / f"report.{args.one}")
        print(json.dumps(result))
        return 0

    print(f"Records in the database: {records_in_database():,}")
    print(f"Year {args.year}, audience {args.audience}; files in {out}")
    print(
        f"{'format':<6} {'total s':>8} {'data s':>8} {'layout s':>9} {'target s':>9} "
        f"{'peak MB':>8} {'size KB':>8}  result"
    )
    failed = False
    for fmt in args.formats.split(","):
        completed = subprocess.run(
            [
                sys.executable,
                __file__,
                "--year",
                args.year,
                "--audience",
                args.audience,
                "--out",
                str(out),
                "--one",
                fmt,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            print(f"{fmt:<6} failed:\n{completed.stderr[-2000:]}")
            failed = True
            continue
        r = json.loads(completed.stdout.strip().splitlines()[-1])
        ok = r["seconds"] <= TARGETS_S[fmt]
        failed = failed or not ok
        print(
            f"{fmt:<6} {r['seconds']:>8.2f} {r['data_seconds']:>8.2f} "
            f"{r['layout_seconds']:>9.2f} {TARGETS_S[fmt]:>9.0f} {r['peak_mb']:>8.1f} "
            f"{r['bytes'] / 1024:>8.0f}  {'ok' if ok else 'TOO SLOW'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
