"""Rows done of a web import while it runs, readable although its transaction is open.

An import is one transaction: a count written to the database inside it would be seen
only at the end, and SQLite has room for one writer. So the worker writes the count to a
small file in the default storage (shared by the web servers and the worker) and the
Imports page reads it; once the run is finished the count is on the `ImportUpload`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

# At most one write a second, however fast the rows go.
INTERVAL = 1.0


def _name(run_id: int) -> str:
    return f"imports/progress/{run_id}.txt"


def progress_write(run_id: int, rows: int) -> None:
    """Record that `rows` rows of the run have been read."""
    name = _name(run_id)
    default_storage.delete(name)
    default_storage.save(name, ContentFile(str(rows).encode()))


def progress_read(run_id: int) -> int | None:
    """The rows the worker last reported, or None (not started, or between writes)."""
    try:
        with default_storage.open(_name(run_id)) as handle:
            return int(handle.read().decode() or "x")
    except (OSError, ValueError):
        return None


def progress_clear(run_id: int) -> None:
    default_storage.delete(_name(run_id))


def progress_writer(run_id: int) -> Callable[[int], None]:
    """A listener for `import_files(on_progress=...)` that writes at most once a second."""
    last = [0.0]

    def write(rows: int) -> None:
        now = time.monotonic()
        if now - last[0] >= INTERVAL:
            last[0] = now
            progress_write(run_id, rows)

    return write
