"""Spreadsheet formula-injection escaping for CSV and XLSX exports, and its exact inverse.

A cell that a spreadsheet could run as a formula is written with a leading apostrophe, the
character Excel and LibreOffice themselves use to mean "text". Cells at risk start with one of
`= + - @ | %` (data-hub's list), a tab or a carriage return (OWASP's additions).

Decisions:
- Plain numbers such as `-12.50` or `+3` are left alone: a spreadsheet reads them as numbers,
  never as formulas, and escaping them would corrupt genuine values.
- So that `unescape(escape(v)) == v` for every string, a value that already starts with an
  apostrophe followed by a risky character or another apostrophe gets one more apostrophe.
  `unescape` removes exactly one leading apostrophe, and only in that shape, so text such as
  `'Tis` from another system is read unchanged.
"""

from __future__ import annotations

import re

RISKY_FIRST = frozenset("=+-@|%\t\r")
APOSTROPHE = "'"
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


def needs_escape(value: str) -> bool:
    """True when a spreadsheet could run `value` as a formula (or it looks escaped)."""
    if not value:
        return False
    first = value[0]
    if first in RISKY_FIRST:
        return _NUMBER.fullmatch(value) is None
    if first == APOSTROPHE and len(value) > 1:
        return value[1] in RISKY_FIRST or value[1] == APOSTROPHE
    return False


def escape(value: str) -> str:
    """The cell text to write: `value`, with a leading apostrophe when it is risky."""
    return APOSTROPHE + value if needs_escape(value) else value


def unescape(value: str) -> str:
    """Undo `escape`: drop the apostrophe it adds, and nothing else."""
    if (
        len(value) > 1
        and value[0] == APOSTROPHE
        and (value[1] in RISKY_FIRST or value[1] == APOSTROPHE)
    ):
        return value[1:]
    return value


def escape_row(values: list[str]) -> list[str]:
    """Escape every cell of a row."""
    return [escape(value) for value in values]
