"""Row digests: a re-import passes over the rows it wrote before, unchanged.

Each contact record an import creates or changes keeps `Stage.import_digest`:

    <hash of the row's cells, the run's rules and the row's label ids>:<stage version>:<case version>

A later import computes the same hash for each row of its file. When it equals the stored
one and the stage and its case still have the versions written beside it (every change made
in the app, by retention or by the calendar moves one of them on), the record is exactly what
that row made of it, and the row made it after passing every check: the row is counted as
unchanged without being checked or compared again. Any difference, however small, sends the
row down the full path, so a digest can make an import faster but never different.

The hash covers:
- the record's cells as read, and the file's headings (a file with a column more or
  less, or its columns in another order, is a different file);
- the run's rules: the source of the modules that check rows and compute records, the
  council's procedures and their stage rules, its nation and closure days, the version of
  the bank-holiday package, and the column map with its value translations and date formats;
- the ids the row's labels (directorate, team, complainant type, refusal reason, issue
  natures, root causes) resolve to now, so a label renamed or removed in the app sends the
  rows naming it down the full path.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import importlib.util
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# The modules whose code decides what a row becomes: a change to any of them (an upgrade)
# makes every stored digest stale.
RULE_MODULES = (
    "putright.imports.readers",
    "putright.imports.mapping",
    "putright.imports.validation",
    "putright.imports.writers",
    "putright.imports.digests",
    "putright.complaints.clocks",
    "putright.complaints.deadlines",
    "putright.complaints.lifecycle",
    "putright.core.working_days",
    "putright.core.inputs",
)
SIZE = 16  # bytes of hash: 32 hex characters
HEX = SIZE * 2


def _module_source(name: str) -> bytes:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise LookupError(f"module {name} not found")
    return Path(spec.origin).read_bytes()


def _stage_number(rule: Any) -> int:
    return int(rule.stage)


def run_key(
    *,
    procedures: dict[str, Any],
    nation: str,
    closure_days: Iterable[Any],
    mapping: Any = None,
) -> bytes:
    """The run's rules as a 64-byte hash key (blake2b's own key, so no row can imitate it)."""
    key = hashlib.blake2b(digest_size=64)
    for name in RULE_MODULES:
        key.update(_module_source(name))
    key.update(importlib.metadata.version("holidays").encode())
    key.update(
        repr(
            sorted(
                # Stages in number order: the database may return them in any.
                (
                    code,
                    info.pk,
                    repr(
                        dataclasses.replace(
                            info.rule,
                            stages=tuple(sorted(info.rule.stages, key=_stage_number)),
                        )
                    ),
                )
                for code, info in procedures.items()
            )
        ).encode()
    )
    key.update(repr((nation, sorted(closure_days))).encode())
    if mapping is not None:
        key.update(
            json.dumps(
                dataclasses.asdict(mapping), sort_keys=True, default=str
            ).encode()
        )
    return key.digest()


class RowDigests:
    """The first hash of each record of one source: its cells as read, under the run's key
    and the file's headings (a file with its columns in another order is another file)."""

    def __init__(self, key: bytes, headings: Iterable[str]) -> None:
        self._key = hashlib.blake2b(
            "\x1f".join(headings).encode(), digest_size=64, key=key
        ).digest()

    def of(self, cells: list[str]) -> bytes:
        # The cells as read determine the row (trimming, unescaping and the map's values
        # are rules of the run's key), so they are hashed before any of that is done.
        return hashlib.blake2b(
            "\x1f".join(cells).encode(), digest_size=SIZE, key=self._key
        ).digest()


def label_key(label_ids: tuple[Any, ...]) -> bytes:
    """The ids a row's labels resolve to, as hashed."""
    return repr(label_ids).encode()


def finished(cells: bytes, labels: bytes) -> str:
    """The stored hash: the row's cells with the ids its labels resolved to."""
    return hashlib.blake2b(cells + labels, digest_size=SIZE).hexdigest()


def stored(digest: str, stage_version: int, case_version: int) -> str:
    return f"{digest}:{stage_version}:{case_version}"


# The same rules in SQL (SQLite and PostgreSQL), for the columns or expressions given.


def stored_sql(digest: str, stage_version: str, case_version: str) -> str:
    """A stored digest with its hash kept and the versions given."""
    return (
        f"substr({digest}, 1, {HEX + 1}) || CAST({stage_version} AS TEXT) || ':' "
        f"|| CAST({case_version} AS TEXT)"
    )


def valid_sql(digest: str, stage_version: str, case_version: str) -> str:
    """True where a stored digest was written at the record's present versions."""
    return f"{digest} <> '' AND {digest} = {stored_sql(digest, stage_version, case_version)}"


def hash_sql(digest: str) -> str:
    """The hash part of a stored digest."""
    return f"substr({digest}, 1, {HEX})"
