"""Is the configured database there and migrated? Asked before a command touches it.

SQLite creates a database file on first connection, so a command pointed at the wrong
place would quietly start an empty database and, for an export, leave header-only files
behind. The check looks for the file before connecting and for applied migrations after.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.migrations.recorder import MigrationRecorder


def database_description(alias: str = "default") -> str:
    """Where the database is, for a message: a file path or name and host, no password."""
    config = settings.DATABASES[alias]
    if config["ENGINE"].endswith("sqlite3"):
        return f"the SQLite database {config['NAME']}"
    host = config.get("HOST") or "the local server"
    return f"the database {config['NAME']!r} on {host}"


def sqlite_path(alias: str = "default") -> Path | None:
    """The SQLite file, or None for another engine or an in-memory database."""
    config = settings.DATABASES[alias]
    name = str(config.get("NAME") or "")
    if not config["ENGINE"].endswith("sqlite3") or not name or ":memory:" in name:
        return None
    return Path(name)


def database_problem(alias: str = "default") -> str | None:
    """Why the database cannot be used (missing, unreachable, not migrated), or None."""
    described = database_description(alias)
    path = sqlite_path(alias)
    if path is not None and not path.is_file():
        return (
            f"There is no database at {path}. Set DATABASE_URL or PUTRIGHT_VAR_DIR (in "
            f"the environment or the env file) to the council's database, or create it "
            f"with: putright migrate"
        )
    connection = connections[alias]
    try:
        recorder = MigrationRecorder(connection)
        migrated = recorder.has_table() and recorder.migration_qs.exists()
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return f"putright cannot use {described}: {reason or type(error).__name__}."
    finally:
        connection.close()
    if not migrated:
        return (
            f"{described[0].upper()}{described[1:]} is empty: no migrations have been "
            f"applied. Check DATABASE_URL, or create the tables with: putright migrate"
        )
    return None
