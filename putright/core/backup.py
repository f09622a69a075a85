"""A consistent copy of the SQLite database while the app runs (SQLite's online backup).

PostgreSQL installations use `pg_dump -Fc` instead (docs/running/serving.md). The copy is
written beside the target under a temporary name, checked with `PRAGMA integrity_check`,
and only then renamed into place, so a failed backup never leaves a half-written file.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path


class BackupRefused(Exception):
    """The backup cannot be taken; the message says why and what to do instead."""


@dataclass(frozen=True)
class BackupResult:
    out: Path
    size_bytes: int

    def summary(self) -> str:
        megabytes = self.size_bytes / 1_000_000
        return f"Backed up the database to {self.out} ({megabytes:,.1f} MB, checked)."


def _check_target(out: Path) -> None:
    if out.exists():
        raise BackupRefused(f"{out} already exists: give a new file name.")
    if not out.parent.is_dir():
        raise BackupRefused(f"The folder {out.parent} does not exist.")


def sqlite_backup(*, source: Path, out: Path) -> BackupResult:
    """Copy a live SQLite database page by page under one read snapshot; check the copy."""
    out = Path(out)
    _check_target(out)
    if not Path(source).is_file():
        raise BackupRefused(f"There is no database at {source}.")
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        writer = sqlite3.connect(partial)
        try:
            # All pages in one step: a single read transaction, so the copy is one
            # consistent moment; in WAL mode the app's writers are not blocked meanwhile.
            reader.backup(writer)
            verdict = writer.execute("PRAGMA integrity_check").fetchone()[0]
            writer.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            writer.close()
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise BackupRefused(f"The backup failed: {error}.") from error
    finally:
        reader.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupRefused(f"The copy failed its integrity check ({verdict}).")
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    partial.chmod(0o600)  # it holds personal data
    partial.rename(out)
    return BackupResult(out=out, size_bytes=out.stat().st_size)
