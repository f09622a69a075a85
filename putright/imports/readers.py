"""Read CSV and XLSX files as rows of interchange columns (docs/interchange-format.md §4).

A reader turns a file into one `Source` per table it holds. A source can be read any number
of times (`rows()` opens the file afresh), so an import can validate everything in one
streaming pass and write in a second without holding the rows in memory.
Row numbers are those a spreadsheet shows: the header is row 1, the first record row 2; for
XLSX the sheet's own row number.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import operator
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from putright.core.csv_safe import unescape
from putright.imports.columns import (
    COLUMNS,
    CONTACTS,
    FREE_TEXT,
    MULTI_VALUE,
    OMBUDSMAN,
    REQUIRED,
    SEPARATOR,
    file_kind,
)
from putright.imports.mapping import Mapping, suggestion
from putright.imports.results import ImportProblem

Row = dict[str, str]
RawRows = Callable[[], Iterator[tuple[int, list[str]]]]


class ReadError(Exception):
    """A file cannot be read at all (not CSV/XLSX, not UTF-8, no header...)."""

    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Source:
    """One table to import: a CSV file, one XLSX sheet, or rows given in memory."""

    name: str
    raw_header: list[str]
    raw_rows: RawRows
    mapping: Mapping | None = None
    checksum: str = ""
    kind: str | None = None
    size: int = 0  # bytes of the file (0 for rows given in memory)
    header: list[str | None] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._prepare_header()

    def _problem(self, column: str, value: str, message: str) -> None:
        self.problems.append(ImportProblem(1, column, value, message, self.name))

    def _prepare_header(self) -> None:
        mapping = self.mapping
        header: list[str | None] = []
        for heading in self.raw_header:
            heading = (heading or "").strip()
            if not heading:
                header.append(None)
                continue
            header.append(mapping.column(heading) if mapping else heading)
        self.header = header
        self.kind = file_kind([h for h in header if h])
        if self.kind is None:
            self._problem(
                "",
                "",
                "cannot tell what this table holds: a contacts file needs a "
                '"kind" column and an Ombudsman file an "ombudsman" column.',
            )
            return
        allowed = set(COLUMNS[self.kind])
        seen: set[str] = set()
        for heading, name in zip(self.raw_header, header, strict=True):
            if name is None:
                continue
            if name not in allowed:
                self._problem(heading, heading, self._unknown(heading, name, allowed))
            elif name in seen:
                self._problem(heading, heading, f"a second column for {name}.")
            seen.add(name)
        for name in REQUIRED[self.kind]:
            if name not in seen:
                self._problem(
                    name, "", "required column is missing." + self._expected(name)
                )

    def _unknown(self, heading: str, name: str, allowed: set[str]) -> str:
        """Why a heading is refused, naming what the map did with it."""
        if self.mapping is None:
            return (
                "unknown column"
                + suggestion(heading, allowed)
                + ': rename it, map it or list it under "ignore" in a map file (--map).'
            )
        if name != heading.strip():
            return (
                f'the map (--map) renames it to "{name}", which is not a column of '
                f"a {self.kind} file{suggestion(name, allowed)}."
            )
        return (
            f'unmapped column: the map (--map) has no entry for it. Add "{heading}": '
            f'"our column name" under "columns"{suggestion(heading, allowed)}, or '
            'list it under "ignore".'
        )

    def _expected(self, name: str) -> str:
        """What the map expected to find for a missing required column."""
        if self.mapping is None:
            return ""
        theirs = [k for k, v in self.mapping.columns.items() if v == name]
        if not theirs:
            return f" The map (--map) maps no heading onto {name}."
        return (
            " The map (--map) expects a heading "
            + " or ".join(f'"{k}"' for k in theirs)
            + ", which the file does not have."
        )

    def rows(self) -> Iterator[tuple[int, Row]]:
        """Each record as (row number, {our column: trimmed, unescaped, mapped value})."""
        make = self.row_maker()
        for number, cells in self.raw_rows():
            yield number, make(cells)

    def row_maker(self) -> Callable[[list[str]], Row]:
        """The function making a record's row from its cells as read (`raw_rows`)."""
        width = len(self.header)
        trimmed = [
            (i, n) for i, n in enumerate(self.header) if n and n not in FREE_TEXT
        ]
        free = [(i, n) for i, n in enumerate(self.header) if n and n in FREE_TEXT]
        trimmed_names = [n for _, n in trimmed]
        free_names = [n for _, n in free]
        trimmed_cells = _picker([i for i, _ in trimmed])
        free_cells = _picker([i for i, _ in free])
        mapping = self.mapping
        mapped = [n for n in self.header if n and mapping and n in mapping.values]
        padding = [""] * width
        strip = str.strip

        def make(cells: list[str]) -> Row:
            if len(cells) < width:
                cells = cells + padding[len(cells) :]
            # Built by C-level zip and map: a million rows make this the hot loop.
            row: Row = dict(
                zip(trimmed_names, map(strip, trimmed_cells(cells)), strict=True)
            )
            if free_names:
                row.update(zip(free_names, free_cells(cells), strict=True))
            # One search for a cell starting with an apostrophe (NUL never starts a
            # good cell), then the exact per-cell test only for rows that may have one.
            if "\x00'" in "\x00" + "\x00".join(row.values()):
                for name, value in row.items():
                    if value[:1] == "'":
                        row[name] = unescape(value)
            if mapped:
                _map_values(row, mapped, mapping)  # type: ignore[arg-type]
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                row["\x00extra"] = "1"
            return row

        return make


def _map_values(row: Row, mapped: list[str], mapping: Mapping) -> None:
    """Translate the row's values through the map's `values` (each part of a list)."""
    for name in mapped:
        value = row[name]
        if not value:
            continue
        if name in MULTI_VALUE:
            row[name] = SEPARATOR.join(
                mapping.value(name, part.strip()) for part in value.split(SEPARATOR)
            )
        else:
            row[name] = mapping.value(name, value)


def _picker(indexes: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """The cells at `indexes` as a tuple (itemgetter gives a bare cell for one index)."""
    if len(indexes) == 1:
        only = indexes[0]
        return lambda cells: (cells[only],)
    if not indexes:
        return lambda cells: ()
    return operator.itemgetter(*indexes)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _csv_rows(path: Path) -> RawRows:
    def rows() -> Iterator[tuple[int, list[str]]]:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            next(reader, None)
            number = 1
            for cells in reader:
                number += 1
                if not cells or not any(cells):
                    continue
                yield number, cells

    return rows


def read_csv(path: Path, mapping: Mapping | None = None) -> list[Source]:
    """A CSV file (UTF-8, with or without BOM) as one source."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError as exc:
        raise ReadError(
            ImportProblem(
                1, "", "", 'the file is not UTF-8 text: save it as "CSV UTF-8".'
            )
        ) from exc
    if not header:
        raise ReadError(ImportProblem(1, "", "", "the file is empty."))
    return [
        Source(
            path.name,
            header,
            _csv_rows(path),
            mapping=mapping,
            checksum=_sha256(path),
            size=path.stat().st_size,
        )
    ]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet_rows(path: Path, sheet_name: str) -> RawRows:
    def rows() -> Iterator[tuple[int, list[str]]]:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = workbook[sheet_name]
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                if number == 1:
                    continue
                cells = [_cell_text(v) for v in values]
                if any(cells):
                    yield number, cells
        finally:
            workbook.close()

    return rows


# Limits checked on the zip's directory before openpyxl reads a byte of the workbook, so a
# zip bomb (a small file that inflates to gigabytes) is refused at once. A real workbook's
# XML inflates about 5 to 20 times; 100 000 contact rows make a file of about 15 MB.
XLSX_MAX_BYTES = 100 * 1024 * 1024
XLSX_MAX_UNCOMPRESSED = 1024 * 1024 * 1024
XLSX_MAX_RATIO = 100
XLSX_MAX_ENTRIES = 1000
# Entries smaller than this are not held to the ratio (tiny XML parts inflate well).
_RATIO_FLOOR = 1024 * 1024


def _refuse(message: str) -> ReadError:
    return ReadError(ImportProblem(1, "", "", message))


def check_xlsx_limits(path: Path) -> None:
    """Refuse a workbook above the size, entry-count or compression-ratio limits."""
    size = path.stat().st_size
    if size > XLSX_MAX_BYTES:
        raise _refuse(
            f"the workbook is {size / 1048576:.0f} MB; the limit is "
            f"{XLSX_MAX_BYTES // 1048576} MB: split it or save it as CSV."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse("the file is not a readable XLSX workbook.") from exc
    if len(entries) > XLSX_MAX_ENTRIES:
        raise _refuse(
            f"the workbook holds {len(entries):,} parts; a spreadsheet has far fewer: "
            "save it again from the spreadsheet program."
        )
    total = sum(entry.file_size for entry in entries)
    if total > XLSX_MAX_UNCOMPRESSED:
        raise _refuse(
            f"the workbook would unpack to {total / 1048576:,.0f} MB; the limit is "
            f"{XLSX_MAX_UNCOMPRESSED // 1048576:,} MB: split it or save it as CSV."
        )
    for entry in entries:
        if entry.file_size > _RATIO_FLOOR and entry.file_size > XLSX_MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise _refuse(
                f"the workbook part {entry.filename!r} unpacks to more than "
                f"{XLSX_MAX_RATIO} times its size, which no real spreadsheet does: "
                "it looks like a zip bomb and was not opened."
            )


def read_xlsx(path: Path, mapping: Mapping | None = None) -> list[Source]:
    """Sheets named `contacts` and/or `ombudsman`, or the only sheet, as sources."""
    from openpyxl import load_workbook

    check_xlsx_limits(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for bad files
        raise ReadError(
            ImportProblem(1, "", "", "the file is not a readable XLSX workbook.")
        ) from exc
    try:
        names = workbook.sheetnames
        wanted = [n for n in names if n.strip().lower() in (CONTACTS, OMBUDSMAN)]
        if not wanted:
            if len(names) != 1:
                raise ReadError(
                    ImportProblem(
                        1,
                        "",
                        "",
                        'the workbook needs sheets named "contacts" and/or '
                        '"ombudsman", or a single sheet.',
                    )
                )
            wanted = names
        checksum = _sha256(path)
        sources = []
        for name in wanted:
            header_row = next(workbook[name].iter_rows(values_only=True), None)
            if not header_row or not any(header_row):
                continue
            sources.append(
                Source(
                    f"{path.name} [{name}]",
                    [_cell_text(v) for v in header_row],
                    _sheet_rows(path, name),
                    mapping=mapping,
                    checksum=checksum,
                )
            )
        if not sources:
            raise ReadError(ImportProblem(1, "", "", "the workbook has no data."))
        return sources
    finally:
        workbook.close()


def read_path(path: Path, mapping: Mapping | None = None) -> list[Source]:
    """The sources of a CSV or XLSX file, chosen by its content and extension."""
    if not path.is_file():
        raise ReadError(ImportProblem(0, "", str(path), "no such file."))
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, mapping)
    return read_csv(path, mapping)


def rows_source(
    name: str, rows: Iterable[dict[str, str]], kind: str, mapping: Mapping | None = None
) -> Source:
    """Rows given in memory (dicts keyed by column name) as a source of `kind`."""
    materialised = [dict(row) for row in rows]
    header: list[str] = []
    seen: set[str] = set()
    for row in materialised:
        for key in row:
            if key not in seen:
                seen.add(key)
                header.append(key)
    if kind == CONTACTS and "kind" not in seen:
        header.append("kind")
    if kind == OMBUDSMAN and "ombudsman" not in seen and "kind" not in seen:
        header.append("ombudsman")

    def raw() -> Iterator[tuple[int, list[str]]]:
        for number, row in enumerate(materialised, 2):
            yield (
                number,
                ["" if row.get(h) is None else str(row.get(h)) for h in header],
            )

    return Source(name, header, raw, mapping=mapping)
