"""`putright backup`: a copy taken while the app writes restores to a working database."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from putright.core.backup import BackupRefused, sqlite_backup
from putright.core.tests.commandline import clean_env, putright


def _write_pairs_until(path: Path, stop: threading.Event, written: list[int]) -> None:
    """Two rows a transaction, as the app writes a stage and its audit event together."""
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    n = 0
    while not stop.is_set():
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO probe (pair, half) VALUES (?, 1)", (n,))
        connection.execute("INSERT INTO probe (pair, half) VALUES (?, 2)", (n,))
        connection.execute("COMMIT")
        n += 1
        written.append(n)
    connection.close()


@pytest.mark.slow
def test_a_backup_taken_during_writes_restores_to_a_working_database(tmp_path):
    live = tmp_path / "live"
    env = clean_env(PUTRIGHT_ENV="development", PUTRIGHT_VAR_DIR=str(live))
    assert putright("migrate", "-v0", cwd=tmp_path, env=env).returncode == 0
    set_up = putright(
        "setup", "--council", "Testshire County Council", "--nation", "england",
        cwd=tmp_path, env=env,
    )  # fmt: skip
    assert set_up.returncode == 0, set_up.stderr
    database = live / "putright.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE probe (pair INTEGER, half INTEGER)")
    stop, written = threading.Event(), []
    writer = threading.Thread(target=_write_pairs_until, args=(database, stop, written))
    writer.start()
    try:
        while len(written) < 200:  # writes are under way before the backup starts
            threading.Event().wait(0.01)
        backup = putright("backup", "--out", str(tmp_path / "copy.sqlite3"),
                          cwd=tmp_path, env=env)  # fmt: skip
    finally:
        stop.set()
        writer.join()
    assert backup.returncode == 0, backup.stderr
    assert "checked" in backup.stdout
    # Restore as the documentation says: the copy becomes the database of a new folder.
    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copy(tmp_path / "copy.sqlite3", restored / "putright.sqlite3")
    with sqlite3.connect(restored / "putright.sqlite3") as connection:
        halves = connection.execute(
            "SELECT count(*), count(DISTINCT pair) FROM probe"
        ).fetchone()
    assert halves[0] == 2 * halves[1]  # no transaction copied half-way
    assert 200 <= halves[1] <= len(written)
    restored_env = {**env, "PUTRIGHT_VAR_DIR": str(restored)}
    exported = putright("export", "--out", str(tmp_path / "out"),
                        cwd=tmp_path, env=restored_env)  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert "Exported 0 contact records" in exported.stdout


def test_a_backup_never_overwrites_a_file(tmp_path):
    source = tmp_path / "db.sqlite3"
    sqlite3.connect(source).close()
    target = tmp_path / "taken.sqlite3"
    target.write_text("yesterday's backup")
    with pytest.raises(BackupRefused, match="already exists: give a new file name"):
        sqlite_backup(source=source, out=target)
    assert target.read_text() == "yesterday's backup"


def test_a_backup_of_a_missing_database_is_refused(tmp_path):
    with pytest.raises(BackupRefused, match="There is no database at"):
        sqlite_backup(source=tmp_path / "none.sqlite3", out=tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3").exists()
    assert not (tmp_path / "none.sqlite3").exists()


def test_backup_on_postgresql_points_to_pg_dump(monkeypatch):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    # sqlite_path() is None for any other engine.
    monkeypatch.setattr(
        "putright.core.management.commands.backup.sqlite_path", lambda: None
    )
    with pytest.raises(CommandError, match="pg_dump -Fc"):
        call_command("backup", "--out", "x.dump")
