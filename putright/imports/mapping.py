"""Column and value mapping for another system's export (`putright import --map FILE`).

The map is a JSON object; every key is optional:

    {
      "columns": {"Case Ref": "reference", "Type": "kind", "Date Received": "received"},
      "ignore": ["Officer", "Internal notes"],
      "values": {
        "outcome": {"Upheld": "upheld", "Part Upheld": "partly_upheld"},
        "kind": {"Stage 1 Complaint": "complaint"}
      },
      "date_formats": ["%d/%m/%Y"]
    }

- `columns` renames the file's headings to ours (docs/interchange-format.md §4); headings already ours
  need no entry.
- `ignore` lists headings to skip (theirs, compared without regard to case).
- `values` maps cell values per column (our column name): exact match first, then without
  regard to case. In `;`-separated columns each part is mapped.
- `date_formats` are `strptime` formats tried after `YYYY-MM-DD` (`date_format` with a single
  format is also accepted).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from putright.complaints.constants import Channel, Kind, Ombudsman, Outcome, RemedyType
from putright.imports.columns import (
    CONTACT_COLUMNS,
    MULTI_VALUE,
    OMBUDSMAN_COLUMNS,
    SEPARATOR,
)

KNOWN_COLUMNS = frozenset(CONTACT_COLUMNS) | frozenset(OMBUDSMAN_COLUMNS)
# Columns whose words are fixed by putright (procedure codes and decisions depend on the
# council's procedures and the Ombudsman, so they are checked row by row instead).
CLOSED_VOCABULARIES: dict[str, frozenset[str]] = {
    "kind": frozenset(Kind.values),
    "outcome": frozenset(Outcome.values),
    "channel": frozenset(Channel.values),
    "remedies": frozenset(RemedyType.values),
    "ombudsman": frozenset(Ombudsman.values),
}
KNOWN_KEYS = frozenset({"columns", "ignore", "values", "date_formats", "date_format"})


class MappingError(ValueError):
    """The map file itself is unusable; the message says why."""


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def suggestion(name: str, choices: Iterable[str] = KNOWN_COLUMNS) -> str:
    """' (did you mean X?)' for the closest of our names, or nothing."""
    close = difflib.get_close_matches(_norm(name).replace(" ", "_"), choices, n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def _check_value_targets(values: dict[str, dict[str, str]]) -> None:
    """A value map onto a closed vocabulary must give one of its words."""
    for column, mapped in values.items():
        allowed = CLOSED_VOCABULARIES.get(column)
        if allowed is None:
            continue
        for theirs, ours in mapped.items():
            parts = ours.split(SEPARATOR) if column in MULTI_VALUE else [ours]
            for part in parts:
                folded = part.strip().lower().replace(" ", "_").replace("-", "_")
                if folded and folded not in allowed:
                    raise MappingError(
                        f'"values" maps {column} "{theirs}" onto "{ours}", which is '
                        f"not one of {', '.join(sorted(allowed))}"
                        f"{suggestion(part, allowed)}."
                    )


@dataclass
class Mapping:
    """How to read another system's file as the interchange format."""

    columns: dict[str, str] = field(default_factory=dict)
    ignore: list[str] = field(default_factory=list)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    date_formats: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._columns = {_norm(k): v for k, v in self.columns.items()}
        self._ignore = {_norm(name) for name in self.ignore}
        self._values_folded = {
            column: {k.strip().casefold(): v for k, v in mapped.items()}
            for column, mapped in self.values.items()
        }

    def column(self, heading: str) -> str | None:
        """Our name for a heading; None when the map says to ignore it."""
        key = _norm(heading)
        if key in self._ignore:
            return None
        if key in self._columns:
            return self._columns[key]
        ours = key.replace(" ", "_")
        # Our own heading in another case ("Stage", "Financial remedy") needs no entry.
        return ours if ours in KNOWN_COLUMNS else heading.strip()

    def value(self, column: str, value: str) -> str:
        """Our word for a cell value in `column` (unchanged when the map has none)."""
        mapped = self.values.get(column)
        if not mapped or not value:
            return value
        if value in mapped:
            return mapped[value]
        return self._values_folded[column].get(value.strip().casefold(), value)

    @classmethod
    def from_dict(cls, data: Any) -> Mapping:
        """Build a map from parsed JSON, refusing anything it would not understand."""
        if not isinstance(data, dict):
            raise MappingError("The map must be a JSON object.")
        unknown = sorted(set(data) - KNOWN_KEYS)
        if unknown:
            raise MappingError(
                "The map has unknown keys: "
                + ", ".join(unknown)
                + ". Use columns, ignore, values and date_formats."
            )
        columns = data.get("columns", {})
        if not isinstance(columns, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
        ):
            raise MappingError(
                '"columns" must map each heading to one of our column names.'
            )
        bad = [(k, v) for k, v in columns.items() if v not in KNOWN_COLUMNS]
        if bad:
            raise MappingError(
                '"columns" maps onto unknown column names: '
                + "; ".join(
                    f'{v} (for the heading "{k}"){suggestion(v)}' for k, v in bad
                )
                + ". Use the column names of docs/interchange-format.md §4."
            )
        ignore = data.get("ignore", [])
        if not isinstance(ignore, list) or not all(isinstance(v, str) for v in ignore):
            raise MappingError('"ignore" must be a list of headings.')
        values = data.get("values", {})
        if not isinstance(values, dict) or not all(
            isinstance(column, str)
            and isinstance(mapped, dict)
            and all(
                isinstance(k, str) and isinstance(v, str) for k, v in mapped.items()
            )
            for column, mapped in values.items()
        ):
            raise MappingError(
                '"values" must map a column name to an object of value: our value.'
            )
        unknown_values = sorted(c for c in values if c not in KNOWN_COLUMNS)
        if unknown_values:
            raise MappingError(
                '"values" names unknown column names: '
                + ", ".join(f'"{c}"{suggestion(c)}' for c in unknown_values)
                + " (use our column names here, not the file's headings)."
            )
        _check_value_targets(values)
        formats = data.get("date_formats", [])
        if "date_format" in data:
            formats = [data["date_format"], *formats]
        if not isinstance(formats, list) or not all(
            isinstance(v, str) and "%" in v for v in formats
        ):
            raise MappingError(
                '"date_formats" must be a list of formats such as "%d/%m/%Y".'
            )
        return cls(columns=columns, ignore=ignore, values=values, date_formats=formats)

    @classmethod
    def load(cls, path: Path) -> Mapping:
        """Read a map file (JSON)."""
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise MappingError(
                f"The map file {path} cannot be read: {exc.strerror}."
            ) from exc
        except UnicodeDecodeError as exc:
            raise MappingError(f"The map file {path} is not UTF-8 text.") from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MappingError(
                f"The map file {path} is not valid JSON "
                f"(line {exc.lineno}, column {exc.colno}: {exc.msg})."
            ) from exc
        return cls.from_dict(data)
