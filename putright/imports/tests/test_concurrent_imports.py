"""Two imports at the same time both finish: the second waits for the first (issue 12).

Two real processes on a real database (a fresh SQLite file, or a fresh PostgreSQL database
when the suite runs on PostgreSQL). The first holds its transaction for longer than SQLite's
busy timeout (10 s), which used to make the second stop with "database is locked"; on
PostgreSQL the second used to fail on the references the first had not yet committed.
"""

import os
import subprocess  # noqa: S404
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from putright.imports.tests.conftest import contact, write_rows

ROOT = Path(__file__).resolve().parents[3]

CHILD = r"""
import sys, time
from pathlib import Path
import django
django.setup()
from putright.imports import services, writers
hold = float(sys.argv[2])
if hold:
    finish = writers.Writer.finish
    def held_finish(self):
        print("holding", flush=True)
        time.sleep(hold)
        finish(self)
    writers.Writer.finish = held_finish
result = services.import_files([Path(sys.argv[1])])
print(result.summary(), flush=True)
sys.exit(0 if result.ok else 1)
"""


def _env(url: str, tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        PUTRIGHT_VAR_DIR=str(tmp_path),
        PUTRIGHT_ENV="development",
        DJANGO_SETTINGS_MODULE="putright.config.settings.dev",
        PYTHONPATH=str(ROOT),
        DEBUG="0",
    )
    return env


def _putright(env, *args):
    subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "putright", *args],
        env=env,
        check=True,
        capture_output=True,
        cwd=ROOT,
    )


@pytest.fixture
def database_url(tmp_path):
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'two.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    base = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}"
    name = f"putright_two_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
def test_a_second_import_waits_for_the_first_and_both_finish(tmp_path, database_url):
    env = _env(database_url, tmp_path)
    _putright(env, "migrate", "-v0")
    _putright(env, "setup", "--council", "Two Imports", "--nation", "england")
    rows = [contact(reference=f"CMP-{n}") for n in range(300)]
    path = write_rows(tmp_path / "contacts.csv", rows)

    first = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", CHILD, str(path), "12"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert first.stdout.readline().strip() == "holding"  # inside its transaction
    started = time.monotonic()
    second = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CHILD, str(path), "0"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    waited = time.monotonic() - started
    out, err = first.communicate(timeout=120)

    assert first.returncode == 0, err[-2000:]
    assert "300 created" in out
    assert second.returncode == 0, second.stderr[-2000:]
    # It ran after the first had committed: it found every record already there.
    assert "300 unchanged" in second.stdout
    assert waited > 5
