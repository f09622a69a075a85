"""Import contact records and Ombudsman cases from interchange files (docs/interchange-format.md §4.3).

All or nothing: the whole run is one transaction. Rows are checked and written chunk by chunk
while the files stream; after the first problem writing stops, checking goes on to the end so
that every problem is listed, and the transaction is rolled back. A crash part way leaves
nothing either. Contacts are imported before Ombudsman cases, so an Ombudsman row can link to
a complaint imported in the same run.
"""

from __future__ import annotations

import contextlib
import csv
import operator
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from tqdm import tqdm

from putright.audit.services import audit_record
from putright.complaints import clocks
from putright.complaints.bulk import bulk_load_finished, bulk_load_started
from putright.complaints.constants import Kind
from putright.complaints.models import Procedure
from putright.complaints.services.references import reference_sequences_catch_up
from putright.core.sqlite import writer_lock
from putright.imports import digests, parallel
from putright.imports.columns import CONTACTS, OMBUDSMAN
from putright.imports.mapping import Mapping
from putright.imports.models import ImportRun
from putright.imports.readers import ReadError, Source, read_path, rows_source
from putright.imports.results import Counts, ImportProblem, ImportResult
from putright.imports.validation import (
    ContactChecker,
    ContactRow,
    OmbudsmanChecker,
    OmbudsmanRow,
    ProcedureInfo,
)
from putright.imports.writers import Writer

__all__ = [
    "Counts",
    "ImportProblem",
    "ImportResult",
    "Mapping",
    "import_files",
    "import_rows",
]

CHUNK = 2000
# PostgreSQL advisory lock key for imports ("putright import" as a 63-bit number).
IMPORT_LOCK_KEY = 0x7075747269676874 & ((1 << 62) - 1)
KIND_INDEX = {kind: index for index, kind in enumerate(Kind.values)}
# At most this many label combinations are remembered (a few thousand in a typical file).
RESOLVED_CAP = 50_000
# The columns naming labels, in the order of `Writer.label_ids`.
LABEL_COLUMNS = (
    "directorate",
    "team",
    "complainant_type",
    "refusal_reason",
    "issue_natures",
    "root_causes",
)


class _Rollback(Exception):
    """Undo the run's transaction (problems found, or a dry run)."""


def import_files(
    paths: list[Path],
    *,
    mapping: Mapping | None = None,
    dry_run: bool = False,
    actor: Any = None,
    progress: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import CSV/XLSX files all or nothing; re-importing the same files changes nothing.

    `on_progress(rows read)` is called every thousand rows (the Imports page's bar).
    """
    result = ImportResult(dry_run=dry_run)
    sources: list[Source] = []
    for path in paths:
        path = Path(path)
        try:
            found = read_path(path, mapping)
        except ReadError as exc:
            result.sources.append(path.name)
            problem = exc.problem
            result.add_problem(
                ImportProblem(
                    problem.row,
                    problem.column,
                    problem.value,
                    problem.message,
                    path.name,
                )
            )
            continue
        sources.extend(found)
        result.checksums[path.name] = found[0].checksum
    return _run(
        sources, result, actor=actor, progress=progress, on_progress=on_progress
    )


def import_rows(
    *,
    contacts: Iterable[dict[str, str]] = (),
    ombudsman: Iterable[dict[str, str]] = (),
    dry_run: bool = False,
    actor: Any = None,
    source: str = "rows",
    mapping: Mapping | None = None,
) -> ImportResult:
    """Import rows given in memory (dicts keyed by the column names of docs/interchange-format.md §4) all or nothing."""
    result = ImportResult(dry_run=dry_run)
    sources = []
    for kind, rows in ((CONTACTS, contacts), (OMBUDSMAN, ombudsman)):
        rows = list(rows)
        if rows:
            sources.append(rows_source(f"{source} ({kind})", rows, kind, mapping))
    return _run(sources, result, actor=actor, progress=False)


def _procedures() -> tuple[dict[str, ProcedureInfo], dict[int, Any]]:
    rules = clocks.procedure_rules()
    codes = dict(Procedure.objects.values_list("code", "pk"))
    return {code: ProcedureInfo(pk, rules[pk]) for code, pk in codes.items()}, rules


def _run(
    sources: list[Source],
    result: ImportResult,
    *,
    actor: Any,
    progress: bool,
    on_progress: Callable[[int], None] | None = None,
) -> ImportResult:
    started = time.perf_counter()
    for source in sources:
        result.sources.append(source.name)
        for problem in source.problems:
            result.add_problem(problem)
    if not result.ok or not sources:
        result.seconds = time.perf_counter() - started
        return result
    # Contacts first, so Ombudsman rows can link to complaints imported in this run.
    sources = sorted(sources, key=lambda s: s.kind != CONTACTS)
    bar = _Progress(
        file=sys.stderr,
        unit=" rows",
        disable=not progress,
        desc="Importing",
        mininterval=0.5,
    )
    bar.listener = on_progress
    try:
        with import_lock(), _sqlite_memory_capped(), transaction.atomic():
            # Waiting first, then reading procedures and vocabularies: after another
            # import has committed, this one sees what it created.
            _wait_for_other_imports()
            _load(sources, result, actor, bar)
    except _Rollback:
        pass
    finally:
        bar.update(result.rows_read - bar.done)
        bar.close()
    result.seconds = time.perf_counter() - started
    return result


class _Progress(tqdm):
    """The command line's bar, also telling a listener (the web import) the rows read."""

    listener: Callable[[int], None] | None = None
    done = 0  # counted here too: a disabled tqdm counts nothing
    # No monitoring thread: a large first load forks its checker only from a process
    # running one thread (putright/imports/parallel.py).
    monitor_interval = 0

    def update(self, n: float | None = 1) -> bool | None:
        self.done += int(n or 0)
        if self.listener is not None and n:
            self.listener(self.done)
        return super().update(n)


def _load(sources: list[Source], result: ImportResult, actor: Any, bar: tqdm) -> None:
    """Check and write every source inside the run's transaction; raise to roll back."""
    procedures, rules = _procedures()
    writer = Writer(rules=rules, cal=clocks.council_calendar(), result=result)
    # The roll-up triggers pause for the load; the touched months are rebuilt once.
    bulk_load_started.send(sender=Writer, using=connection.alias)
    seen: dict[str, dict[int, int]] = {CONTACTS: {}, OMBUDSMAN: {}}
    for source in sources:
        _import_source(source, writer, result, seen[source.kind or ""], bar, procedures)
    writer.finish()
    if not result.ok:
        raise _Rollback
    writer.close_finished_cases()
    if result.dry_run:
        raise _Rollback
    writer.restore_indexes()
    bulk_load_finished.send(sender=Writer, using=connection.alias, months=writer.months)
    # Imported references of the council's series: new contacts number after them.
    if writer.created_cases:
        reference_sequences_catch_up()
    _record(result, actor)


# SQLite page cache and sorter memory (KiB) for the run: the settings' 200 MB cache plus
# building the stage indexes in memory took a million-row import to 640 MB.
IMPORT_CACHE_KIB = 64000


@contextlib.contextmanager
def _sqlite_memory_capped() -> Iterator[None]:
    """On SQLite, a smaller page cache and sorts spilled to temporary files for the run
    (both per connection, set back afterwards); elsewhere nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    # SQLite changes temp_store only outside a transaction (not so inside a caller's).
    spill = not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        cache_size = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA temp_store")
        temp_store = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
        if spill:
            cursor.execute("PRAGMA temp_store = FILE")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {cache_size}")
            if spill:
                cursor.execute(f"PRAGMA temp_store = {temp_store}")


def import_lock() -> contextlib.AbstractContextManager[None]:
    """On SQLite, queue behind every other writer (a second import waits for the first
    instead of failing with "database is locked"); elsewhere nothing: see
    `_wait_for_other_imports`."""
    if connection.vendor == "sqlite":
        return writer_lock()
    return contextlib.nullcontext()


def _wait_for_other_imports() -> None:
    """On PostgreSQL, one import at a time: a transaction-level advisory lock, released
    at commit or rollback, so a second import waits for the first to finish.

    The run also tells the planner that a random page costs little more than one read in
    order (as on the SSDs a council's server has): each chunk looks up 2,000 references,
    which with the default cost it does by reading the whole case table, ten times slower
    on a million cases. `SET LOCAL` lasts until the run's commit or rollback.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
            cursor.execute("SET LOCAL random_page_cost = 1.1")


def _import_source(
    source: Source,
    writer: Writer,
    result: ImportResult,
    seen: dict[int, int],
    bar: tqdm,
    procedures: dict[str, ProcedureInfo],
) -> None:
    checker, write = _checker_and_writer(source, writer, procedures)
    skipper = (
        _Unchanged(source, writer, checker, procedures)
        if isinstance(checker, ContactChecker)
        else None
    )
    if (
        isinstance(checker, ContactChecker)
        and skipper is not None
        and not writer.may_skip
        and parallel.can_check_aside(source)
    ):
        _import_aside(source, checker, skipper, write, result, seen, bar)
        return
    make = source.row_maker()
    pending: list[tuple[int, list[str]]] = []
    number = 1

    def flush() -> None:
        _write_pending(pending, make, checker, write, skipper, seen, result)
        pending.clear()

    try:
        for number, cells in source.raw_rows():
            result.rows_read += 1
            if not result.rows_read % 1000:
                bar.update(1000)
            pending.append((number, cells))
            if len(pending) >= CHUNK:
                flush()
    except (UnicodeDecodeError, csv.Error) as exc:
        result.add_problem(_unreadable(exc, number, source))
    flush()


def _unreadable(exc: Exception, number: int, source: Source) -> ImportProblem:
    """The problem of a file that stops being readable after row `number`."""
    reason = (
        'the file is not UTF-8 text: save it as "CSV UTF-8".'
        if isinstance(exc, UnicodeDecodeError)
        else f"the file is not valid CSV ({exc})."
    )
    return ImportProblem(number + 1, "", "", reason, source.name)


def _import_aside(
    source: Source,
    checker: ContactChecker,
    skipper: _Unchanged,
    write: Callable[[list[Any]], None],
    result: ImportResult,
    seen: dict[int, int],
    bar: tqdm,
) -> None:
    """A first load of a large contacts file: rows checked in a second process
    (putright/imports/parallel.py), written here chunk by chunk as they come back."""
    failed = False
    make = source.row_maker()

    def check_chunk(pending: list[tuple[int, list[str]]]) -> parallel.Batch:
        # Runs in the child: the same checks and key check as `_write_pending`.
        nonlocal failed
        found = ImportResult()
        hashes = skipper.hashes(pending)
        clean: list[Any] = []
        for index, (number, cells) in enumerate(pending):
            row_clean = _checked(checker, number, make(cells), seen, found)
            if isinstance(row_clean, ContactRow) and not failed and found.ok:
                row_clean.digest = hashes[index]
                clean.append(row_clean)
        failed = failed or not found.ok
        return len(pending), clean, found.errors, found.error_count

    try:
        for read, clean, problems, count in parallel.checked_aside(source, check_chunk):
            result.rows_read += read
            bar.update(read)
            for problem in problems:
                result.add_problem(problem)
            result.error_count += count - len(problems)
            if result.ok and clean:
                write(clean)
    except parallel.Unreadable as exc:
        result.add_problem(_unreadable(exc.error, exc.number, source))


def _write_pending(
    pending: list[tuple[int, list[str]]],
    make: Callable[[list[str]], dict[str, str]],
    checker: ContactChecker | OmbudsmanChecker,
    write: Callable[[list[Any]], None],
    skipper: _Unchanged | None,
    seen: dict[int, int],
    result: ImportResult,
) -> None:
    """Check a chunk of records (cells as read) and write the good ones while nothing is
    wrong; records an earlier import wrote, unchanged since, are only counted."""
    hashes = skipper.hashes(pending) if skipper else None
    skip = skipper.unchanged(pending, hashes, make) if skipper and hashes else {}
    chunk: list[Any] = []
    for index, (row_number, cells) in enumerate(pending):
        key = skip.get(index)
        if key is not None and isinstance(checker, ContactChecker):
            _count_unchanged(checker, row_number, key, seen, result)
            continue
        clean = _checked(checker, row_number, make(cells), seen, result)
        if clean is not None and result.ok:
            if hashes is not None and isinstance(clean, ContactRow):
                clean.digest = hashes[index]
            chunk.append(clean)
    if result.ok and chunk:
        write(chunk)


# A contact record's key: reference, kind and stage number.
Key = tuple[str, str, int]


class _Unchanged:
    """Finds the records of a contacts source that an earlier import wrote, unchanged
    since (putright/imports/digests.py): they are counted without being checked again.

    Works on the cells as read: a row is built (`make`) only for a record that needs
    checking, and once per distinct label or kind cell to resolve it.
    """

    def __init__(
        self,
        source: Source,
        writer: Writer,
        checker: ContactChecker,
        procedures: dict[str, ProcedureInfo],
    ) -> None:
        self.writer = writer
        self.checker = checker
        key = digests.run_key(
            procedures=procedures,
            nation=writer.cal.nation,
            closure_days=writer.cal.closure_days,
            mapping=source.mapping,
        )
        self.rows = digests.RowDigests(key, source.raw_header)
        header = source.header
        self.width = len(header)
        self._reference = header.index("reference") if "reference" in header else None
        self._stage = header.index("stage") if "stage" in header else None
        self._kind = header.index("kind") if "kind" in header else None
        labels = [header.index(n) if n in header else None for n in LABEL_COLUMNS]
        self._label_cells: Callable[[list[str]], tuple[str, ...]] = (
            operator.itemgetter(*labels)
            if None not in labels
            else lambda cells: tuple("" if i is None else cells[i] for i in labels)
        )
        # What label and kind cells resolve to (the labels of one import do not change
        # while it runs: it only adds labels, which match no stored digest).
        self._resolved: dict[tuple[str, ...], bytes | None] = {}
        self._kinds: dict[str, str] = {}

    def hashes(self, pending: list[tuple[int, list[str]]]) -> list[bytes]:
        of = self.rows.of
        return [of(cells) for _, cells in pending]

    def unchanged(
        self,
        pending: list[tuple[int, list[str]]],
        hashes: list[bytes],
        make: Callable[[list[str]], dict[str, str]],
    ) -> dict[int, Key]:
        """The records of `pending` (by index) that are as they left them, with keys."""
        at = self._reference
        if not self.writer.may_skip or at is None:
            return {}
        stored = self.writer.stored_digests(cells[at].strip() for _, cells in pending)
        if not stored:
            return {}
        skip: dict[int, Key] = {}
        finished, width, stage_at = digests.finished, self.width, self._stage
        for index, (_number, cells) in enumerate(pending):
            # Padded or overlong records are read in full (the reader pads or refuses).
            if len(cells) != width:
                continue
            reference = cells[at].strip()
            stage = _stage_number(
                cells[stage_at].strip() if stage_at is not None else ""
            )
            known = stored.get((reference, stage))
            if known is None:
                continue
            labels = self._label_key(cells, make)
            if labels is not None and finished(hashes[index], labels) == known:
                skip[index] = (reference, self._kind_of(cells, make), stage)
        return skip

    def _label_key(
        self, cells: list[str], make: Callable[[list[str]], dict[str, str]]
    ) -> bytes | None:
        # The checker's own label parsing, with no problem recorded (a label it would
        # refuse resolves to nothing stored), once per distinct set of label cells.
        raw = self._label_cells(cells)
        ids = self._resolved.get(raw)
        if ids is None and raw not in self._resolved:
            if len(self._resolved) >= RESOLVED_CAP:
                self._resolved.clear()
            row = make(cells)
            peek, peek_list = self.checker.peek_label, self.checker.peek_labels
            found = self.writer.label_ids(
                peek(row.get("directorate", "")),
                peek(row.get("team", "")),
                peek(row.get("complainant_type", "")),
                peek(row.get("refusal_reason", "")),
                peek_list(row.get("issue_natures", "")),
                peek_list(row.get("root_causes", "")),
            )
            ids = self._resolved[raw] = (
                None if found is None else digests.label_key(found)
            )
        return ids

    def _kind_of(
        self, cells: list[str], make: Callable[[list[str]], dict[str, str]]
    ) -> str:
        raw = cells[self._kind] if self._kind is not None else ""
        kind = self._kinds.get(raw)
        if kind is None:
            kind = self._kinds[raw] = self.checker.peek_choice(
                make(cells).get("kind", ""), KIND_INDEX
            )
        return kind


def _stage_number(text: str) -> int:
    """The stage number a row names (a valid row's; anything else matches no record)."""
    return int(text) if text in ("1", "2", "3") else 1


def _count_unchanged(
    checker: ContactChecker,
    number: int,
    key: Key,
    seen: dict[int, int],
    result: ImportResult,
) -> None:
    """A record as it was left: unchanged, once its key is not a repeat in the run."""
    reference, kind, stage = key
    _check_key(
        checker, reference=reference, kind=kind, stage=stage, number=number, seen=seen
    )
    if checker.problems:
        for problem in checker.problems:
            result.add_problem(problem)
        checker.problems.clear()
        return
    result.contacts.unchanged += 1


def _checker_and_writer(
    source: Source, writer: Writer, procedures: dict[str, ProcedureInfo]
) -> tuple[ContactChecker | OmbudsmanChecker, Callable[[list[Any]], None]]:
    """The row checker and the chunk writer for the source's table."""
    formats = source.mapping.date_formats if source.mapping else []
    if source.kind == CONTACTS:
        checker = ContactChecker(
            source=source.name, date_formats=formats, procedures=procedures
        )
        return checker, writer.contacts
    return OmbudsmanChecker(source=source.name, date_formats=formats), writer.ombudsman


def _checked(
    checker: ContactChecker | OmbudsmanChecker,
    number: int,
    row: dict[str, str],
    seen: dict[int, int],
    result: ImportResult,
) -> ContactRow | OmbudsmanRow | None:
    """The typed row, or None after adding each of its problems to the result."""
    clean = checker.check(number, row)
    # A contact checker gives contact rows and an Ombudsman checker Ombudsman rows.
    if isinstance(clean, ContactRow) and isinstance(checker, ContactChecker):
        _check_contact_key(clean, seen, checker)
    elif isinstance(clean, OmbudsmanRow) and isinstance(checker, OmbudsmanChecker):
        _check_ombudsman_key(clean, seen, checker)
    if checker.problems:
        for problem in checker.problems:
            result.add_problem(problem)
        checker.problems.clear()
        return None
    return clean


def _check_contact_key(
    row: ContactRow, seen: dict[int, int], checker: ContactChecker
) -> None:
    _check_key(
        checker,
        reference=row.reference,
        kind=row.kind,
        stage=row.stage,
        number=row.number,
        seen=seen,
    )


def _check_key(
    checker: ContactChecker,
    *,
    reference: str,
    kind: str,
    stage: int,
    number: int,
    seen: dict[int, int],
) -> None:
    """One row per (reference, stage) in a run, and one kind of contact per reference."""
    key = hash(reference)
    kind_index = KIND_INDEX[kind]
    bit = 1 << (stage - 1)
    packed = seen.get(key)
    if packed is None:
        seen[key] = number << 6 | kind_index << 3 | bit
        return
    first = packed >> 6
    if (packed >> 3) & 7 != kind_index:
        checker.problem(
            number,
            "kind",
            kind,
            f"reference {reference} is a {Kind.values[(packed >> 3) & 7]} in row "
            f"{first}: all rows of one reference are the same kind of contact.",
        )
    elif packed & bit:
        checker.problem(
            number,
            "reference",
            reference,
            f"stage {stage} of this reference is already in the data "
            f"(the reference first appears in row {first}).",
        )
    else:
        seen[key] = packed | bit


def _check_ombudsman_key(
    row: OmbudsmanRow, seen: dict[int, int], checker: OmbudsmanChecker
) -> None:
    """One row per Ombudsman reference in a run."""
    key = hash(row.reference)
    first = seen.get(key)
    if first is None:
        seen[key] = row.number
        return
    checker.problem(
        row.number,
        "reference",
        row.reference,
        f"this Ombudsman case is already in the data (row {first}).",
    )


def _record(result: ImportResult, actor: Any) -> None:
    """One audit event for the whole run rather than one per row (ADR 0002)."""
    counts = {
        "contacts": vars(result.contacts),
        "ombudsman": vars(result.ombudsman),
        "linked_ombudsman": result.linked_ombudsman,
        "closed_cases": result.closed_cases,
        "learning_actions": result.learning_actions,
        "recommendation_items": result.recommendation_items,
        "created_directorates": len(result.created_directorates),
        "created_teams": len(result.created_teams),
        "created_labels": {k: len(v) for k, v in result.created_labels.items()},
    }
    run = ImportRun.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        sources=result.sources,
        checksums=result.checksums,
        rows=result.rows_read,
        counts=counts,
        summary=result.summary(),
    )
    audit_record(
        actor=actor,
        verb="imported",
        target=run,
        after={
            "files": result.sources,
            "checksums": result.checksums,
            "rows": result.rows_read,
            **counts,
        },
        message=result.summary(),
    )
