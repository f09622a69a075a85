"""Write generated rows as interchange files: contacts.csv and ombudsman.csv, or one XLSX."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

from putright.core.csv_safe import escape_row
from putright.imports.columns import (
    CONTACT_COLUMNS,
    CONTACTS,
    OMBUDSMAN,
    OMBUDSMAN_COLUMNS,
)

FORMATS = ("csv", "xlsx")
XLSX_NAME = "putright-generated.xlsx"
# A worksheet holds 1,048,576 rows, one of them the header.
XLSX_MAX_ROWS = 1_048_575

Progress = Callable[[str, int], None]


def _cells(row: dict[str, str], columns: tuple[str, ...]) -> list[str]:
    return escape_row([row.get(column, "") for column in columns])


def write_interchange(
    *,
    contacts: Iterable[dict[str, str]],
    ombudsman: Iterable[dict[str, str]],
    out: Path,
    fmt: str = "csv",
    progress: Progress | None = None,
    every: int = 100_000,
) -> dict[str, Path | int]:
    """Stream rows to files in the docs/interchange-format.md §4 layout; return paths and row counts."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}: use csv or xlsx.")
    tables = (
        (CONTACTS, CONTACT_COLUMNS, contacts),
        (OMBUDSMAN, OMBUDSMAN_COLUMNS, ombudsman),
    )
    written: dict[str, Path | int] = {}
    if fmt == "csv":
        for name, columns, rows in tables:
            path = out / f"{name}.csv"
            with path.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                count = 0
                for row in rows:
                    writer.writerow(_cells(row, columns))
                    count += 1
                    if progress and count % every == 0:
                        progress(name, count)
            written[name] = count
            written[f"{name}_path"] = path
        return written
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, columns, rows in tables:
        sheet = workbook.create_sheet(name)
        sheet.append(list(columns))
        count = 0
        for row in rows:
            if count == XLSX_MAX_ROWS:
                raise ValueError(
                    f"The {name} sheet would have more than {XLSX_MAX_ROWS:,} rows, "
                    "the most a worksheet holds: use --format csv."
                )
            sheet.append(_cells(row, columns))
            count += 1
            if progress and count % every == 0:
                progress(name, count)
        written[name] = count
    path = out / XLSX_NAME
    workbook.save(path)
    written["xlsx_path"] = path
    return written
