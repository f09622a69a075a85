"""The report's tables as an Excel workbook: a contents sheet, then one sheet per table."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from putright.core.csv_safe import escape
from putright.core.presentation import round_half_up, time_and_date
from putright.reporting.blocks import Report, Suppressed

NUMBER_FORMATS = {
    "count": "#,##0",
    "percent": '0.0"%"',
    "days": "0",
    "gbp": '"£"#,##0.00',
}
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8F1F8")


SHEET_NAME_LIMIT = 31  # Excel's limit
# Words a shortened name does not end on ("Complaints by procedure and").
_DANGLING = {
    *("a", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to"),
    "with",
}


def _sheet_name(caption: str, used: set[str], number: int) -> str:
    """`07 Complaints by procedure` for "Complaints by procedure and stage, 2025/2026".

    Excel allows at most 31 characters, none of []:*?/\\, no apostrophe at either end,
    and names unique in the workbook (without regard to case). A long caption is cut
    at a word boundary, never mid-word, and does not end on "and" or a comma; the
    table's number keeps names unique.
    """
    # A year label "2025/2026" stays one word, "2025-2026"
    base = re.sub(r"[\[\]:*?\\]", " ", caption.replace("/", "-"))
    words = re.sub(r"\s+", " ", base).strip().split(" ")
    prefix = f"{number:02d} "
    room = SHEET_NAME_LIMIT - len(prefix)
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > room:
            break
        kept.append(word)
    if not kept:
        kept = [words[0][:room]]  # one word longer than a sheet name
    while len(kept) > 1 and (
        kept[-1].lower().strip(",;–-") in _DANGLING or not kept[-1].strip(",;–-")
    ):
        kept.pop()
    name = prefix + " ".join(kept).rstrip(" ,;–-").strip("'")
    suffix = 2
    while name.lower() in used:
        tail = f" ({suffix})"
        name = name[: SHEET_NAME_LIMIT - len(tail)].rstrip() + tail
        suffix += 1
    used.add(name.lower())
    return name


# The figure as shown elsewhere, so Excel's own display rounding has nothing to round.
_SHOWN_PLACES = {"days": 0, "percent": 1}


def _value(value: Any, fmt: str) -> Any:
    if fmt in _SHOWN_PLACES and isinstance(value, int | float | Decimal):
        shown = round_half_up(value, _SHOWN_PLACES[fmt])
        return int(shown) if fmt == "days" else float(shown)
    if isinstance(value, Suppressed):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return escape(value)  # no formula injection from labels or free text
    return value


def render_xlsx(report: Report) -> bytes:
    """One sheet per table with its caption, and a contents sheet linking to each."""
    workbook = Workbook()
    contents = workbook.active
    contents.title = "Contents"
    contents["A1"] = f"{report.council_name}: {report.title} {report.year}"
    contents["A1"].font = Font(bold=True, size=14)
    contents["A2"] = f"{report.period_text}. {report.audience_label}."
    contents["A3"] = f"Data extracted at {time_and_date(report.extracted_at)}."
    contents["A5"], contents["B5"] = "Sheet", "Table"
    contents["A5"].font = contents["B5"].font = BOLD
    used: set[str] = {"contents"}
    for number, table in enumerate(report.tables(), start=1):
        name = _sheet_name(table.caption, used, number)
        sheet = workbook.create_sheet(name)
        sheet["A1"] = table.caption
        sheet["A1"].font = Font(bold=True, size=12)
        for column, title in enumerate(table.columns, start=1):
            cell = sheet.cell(row=3, column=column, value=title)
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row_number, row in enumerate(table.rows, start=4):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(
                    row=row_number,
                    column=column,
                    value=_value(value, table.formats[column - 1]),
                )
                fmt = NUMBER_FORMATS.get(table.formats[column - 1])
                if fmt and isinstance(value, int | float | Decimal):
                    cell.number_format = fmt
                if table.total_row and row_number == len(table.rows) + 3:
                    cell.font = BOLD
        if table.note:
            sheet.cell(row=len(table.rows) + 5, column=1, value=table.note)
        sheet.column_dimensions["A"].width = 45
        for column in range(2, len(table.columns) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 16
        sheet.freeze_panes = "B4"
        link_row = number + 5
        link = contents.cell(row=link_row, column=1, value=name)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{name}'!A1")
        link.style = "Hyperlink"
        contents.cell(row=link_row, column=2, value=table.caption)
    contents.column_dimensions["A"].width = 34
    contents.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
