"""Case references: one series per council, written to the council's pattern.

A pattern names up to three fields: `{prefix}` (the council's letters, e.g. `CF`), `{year}`
(the year the contact was logged) and `{number}` (the running number, which a format such as
`{number:06}` pads with zeros). `CF-{year}-{number:06}` gives `CF-2026-000123`. Without
`{year}` the number runs on from year to year.

Pure Python (no models), so the council's settings can check a pattern and the casework,
the public form and the importer read references the same way.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable
from typing import NamedTuple

DEFAULT_PATTERN = "{prefix}-{year}-{number:06}"
DEFAULT_PREFIX = "CF"
FIELDS = frozenset({"prefix", "year", "number"})
# The sequence of a pattern without a year: one number for ever.
NO_YEAR = 0


class Parsed(NamedTuple):
    year: int
    number: int


def _parts(pattern: str) -> list[tuple[str, str | None, str]]:
    return [
        (literal, name, spec or "")
        for literal, name, spec, _conversion in string.Formatter().parse(pattern)
    ]


def pattern_problem(pattern: str) -> str:
    """What is wrong with a reference pattern, in words; "" when it is usable."""
    try:
        parts = _parts(pattern)
    except ValueError:
        return "Write the fields in braces, like {prefix}-{year}-{number:06}."
    names = [name for _literal, name, _spec in parts if name is not None]
    unknown = sorted(set(names) - FIELDS)
    if unknown:
        return (
            f"The pattern can only use {{prefix}}, {{year}} and {{number}}, "
            f"not {{{unknown[0]}}}."
        )
    if names.count("number") != 1:
        return (
            "The pattern needs {number} exactly once, like {prefix}-{year}-{number:06}."
        )
    if names.count("year") > 1 or names.count("prefix") > 1:
        return "Use {prefix} and {year} at most once each."
    try:
        format_reference(pattern, prefix="CF", year=2026, number=1)
    except (ValueError, TypeError):
        return "The {number} format is not a number format: use {number:06}, say."
    return ""


def has_year(pattern: str) -> bool:
    return any(name == "year" for _literal, name, _spec in _parts(pattern))


def format_reference(pattern: str, *, prefix: str, year: int, number: int) -> str:
    """The reference for one number: `CF-2026-000123`."""
    return pattern.format(prefix=prefix, year=year, number=number)


@functools.lru_cache(maxsize=32)
def _regex(pattern: str, prefix: str) -> re.Pattern[str]:
    """The series' regular expression, compiled once per (pattern, prefix): the import
    parses every stored reference with it."""
    pieces = []
    for literal, name, _spec in _parts(pattern):
        pieces.append(re.escape(literal))
        if name == "prefix":
            pieces.append(re.escape(prefix))
        elif name == "year":
            pieces.append(r"(?P<year>\d{4})")
        elif name == "number":
            pieces.append(r"(?P<number>\d+)")
    return re.compile("".join(pieces), re.IGNORECASE)


def parse_reference(pattern: str, prefix: str, reference: str) -> Parsed | None:
    """The year and number of a reference in the council's series; None for another."""
    match = _regex(pattern, prefix).fullmatch(reference.strip())
    if match is None:
        return None
    year = int(match.group("year")) if "year" in match.groupdict() else NO_YEAR
    return Parsed(year, int(match.group("number")))


def find_references(pattern: str, prefix: str, text: str) -> list[str]:
    """Every reference of the series written in a text (an email's subject), in order,
    once each: a reference glued to other letters or digits is not one."""
    regex = _regex(pattern, prefix).pattern
    found = re.finditer(
        rf"(?<![A-Za-z0-9]){regex}(?![A-Za-z0-9])", text, flags=re.IGNORECASE
    )
    return list(dict.fromkeys(match.group(0) for match in found))


def highest_numbers(
    pattern: str, prefix: str, references: Iterable[str]
) -> dict[int, int]:
    """The highest number in the series for each year among `references` (others ignored)."""
    highest: dict[int, int] = {}
    for reference in references:
        parsed = parse_reference(pattern, prefix, reference)
        if parsed is not None:
            highest[parsed.year] = max(highest.get(parsed.year, 0), parsed.number)
    return highest
