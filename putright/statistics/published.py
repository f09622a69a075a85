"""The published figures: §5 by year and service, suppressed as one output (§6.2).

The public dashboard, the open data files and the public API show the figures of every
year and service. A visitor can put any of them side by side, so they are protected
together, as the tables of one output: a council's total is the sum of its services'
(take the others away and a hidden one is left), and a year's "previous year" is the
year before's own count. One `Disclosure` holds every table with those relations, and
each figure is hidden everywhere or nowhere.

`published_statistics(years=None)` returns `{"years": [...], "directorates": [...],
"tables": {(year_label, directorate_name or None): disclosed §5 figures}}`; it is cached
for a few minutes, since every visitor sees the same figures.
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from django.core.cache import cache

from putright.core.periods import Period
from putright.organisation.models import Council, Directorate
from putright.statistics import engine
from putright.statistics.disclosure import (
    Disclosure,
    disclosed_walk,
    register_statistics,
)
from putright.statistics.selection import selection_parse

CACHE_SECONDS = 300
CACHE_KEY = "statistics:published:v1"
# Years the published figures go back: the current one and the three before it.
YEARS_PUBLISHED = 4

EXACT_SECTIONS = ("stages.", "contacts.")


def published_years() -> list[Period]:
    """The years published, oldest first: the latest with records and those before it."""
    start_month = Council.load().financial_year_start_month
    return engine.years_with_records(start_month)[-YEARS_PUBLISHED:]


def _prefix(period: Period, directorate: Directorate | None) -> str:
    scope = f"d{directorate.pk}" if directorate is not None else "all"
    return f"y{period.first_year}.{scope}."


def _relate_scopes(
    d: Disclosure, period: Period, directorates: list[Directorate]
) -> None:
    """The council's figure is the sum of its services' (Ombudsman: at least the sum)."""
    whole = _prefix(period, None)
    for key in [k for k in d.counts if k.startswith(whole)]:
        suffix = key[len(whole) :]
        exact = suffix.startswith(EXACT_SECTIONS)
        parts = [_prefix(period, x) + suffix for x in directorates]
        d.parts(key, [p for p in parts if p in d.counts], exact=exact)


def _relate_years(
    d: Disclosure, periods: list[Period], scopes: list[Directorate | None]
) -> None:
    """A year's `previous_year.received` is the year before's `received`: one figure."""
    for earlier, later in zip(periods, periods[1:], strict=False):
        for scope in scopes:
            before, after = _prefix(earlier, scope), _prefix(later, scope)
            for key in [k for k in d.counts if k.startswith(after)]:
                suffix = key[len(after) :]
                if not suffix.endswith(".previous_year.received"):
                    continue
                same = before + suffix.replace(".previous_year.received", ".received")
                if same in d.counts:
                    d.parts(key, [same])
                    d.parts(same, [key])


def _build(periods: list[Period]) -> dict[str, Any]:
    council = Council.load()
    threshold = council.small_number_threshold
    directorates = list(Directorate.objects.order_by("name"))
    scopes: list[Directorate | None] = [None, *directorates]
    d = Disclosure(threshold=threshold)
    raw: dict[tuple[str, str | None], tuple[str, dict[str, Any]]] = {}
    for period in periods:
        for scope in scopes:
            stats = engine.statistics_for(period=period, directorate=scope)
            prefix = _prefix(period, scope)
            register_statistics(d, stats, prefix)
            raw[(period.label, scope.name if scope else None)] = (prefix, stats)
        _relate_scopes(d, period, directorates)
    _relate_years(d, periods, scopes)
    hidden = d.solve()
    tables = {
        key: disclosed_walk(stats, prefix=prefix, hidden=hidden, threshold=threshold)
        for key, (prefix, stats) in raw.items()
    }
    return {
        "years": [p.label for p in periods],
        "directorates": [x.name for x in directorates],
        "threshold": threshold,
        "tables": tables,
    }


def _settings_key() -> str:
    """The settings the figures depend on: a change to one is seen at once.

    Records are not part of the key: the figures are at most `CACHE_SECONDS` old, so a
    busy council recomputes them (a few seconds) at most once in that time.
    """
    council = Council.load()
    parts = [
        list(Directorate.objects.order_by("pk").values_list("pk", "name")),
        council.small_number_threshold,
        council.financial_year_start_month,
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def published_statistics(*, fresh: bool = False) -> dict[str, Any]:
    """Every published table (cached: the same for every visitor for a few minutes)."""
    periods = published_years()
    key = f"{CACHE_KEY}:{'-'.join(p.label for p in periods)}:{_settings_key()}"
    if not fresh:
        found = cache.get(key)
        if found is not None:
            return found
    built = _build(periods)
    cache.set(key, built, CACHE_SECONDS)
    return built


def published_table(
    data: dict[str, Any], *, year: str, directorate: str | None
) -> dict[str, Any] | None:
    """One year and service's published figures, or None when not published."""
    return data["tables"].get((year, directorate))


def published_selection(
    data: dict, *, year: str | None, directorate: str | None
) -> tuple[str | None, str | None, list[tuple[str, str]]]:
    """The published table asked for, or what is wrong with the request (§5 messages)."""
    parsed = selection_parse(year=year or None, directorate=directorate or None)
    if parsed.selection is None:
        return None, None, [(e.field, e.message) for e in parsed.errors]
    label = parsed.selection.period.label if year else data["years"][-1]
    name = parsed.selection.directorate.name if parsed.selection.directorate else None
    if label not in data["years"]:
        return (
            None,
            None,
            [
                (
                    "year",
                    f"The published figures cover {data['years'][0]} to "
                    f"{data['years'][-1]}: choose one of those years.",
                )
            ],
        )
    return label, name, []


def published_as_text(table: dict[str, Any]) -> dict[str, Any]:
    """A published table with each hidden figure as the words it reads as (for pages)."""
    out = copy.deepcopy(table)
    for path, mark in table["suppressed"].items():
        *parents, last = path.split(".")
        node = out
        for name in parents:
            node = node[name]
        node[last] = (
            "The comparison with the previous year is not shown, because the numbers "
            "are small"
            if last == "sentence"
            else mark
        )
    return out


# -- open data -------------------------------------------------------------------------------

OPEN_DATA_COLUMNS = (
    "year",
    "start",
    "end",
    "complete",
    "as_of",
    "directorate",
    "measure",
    "value",
    "note",
)


def _leaves(value: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        found: list[tuple[str, Any]] = []
        for key, item in value.items():
            found.extend(_leaves(item, f"{path}.{key}" if path else str(key)))
        return found
    return [(path, value)]


OPEN_DATA_SECTIONS = ("stages", "contacts", "ombudsman")


def open_data_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The published figures as one row per figure (year, service, measure, value, note).

    `measure` is the figure's path in the §5 JSON (`stages.1.outcomes.upheld`); a hidden
    figure has no value and the note "fewer than 5" or "not shown". Sentences stay out:
    they are words, not figures.
    """
    rows = []
    for (year, directorate), table in data["tables"].items():
        common = {
            "year": year,
            "start": table["start"],
            "end": table["end"],
            "complete": table["complete"],
            "as_of": table["as_of"] or "",
            "directorate": directorate or "All services",
        }
        for section in OPEN_DATA_SECTIONS:
            for path, value in _leaves(table[section], section):
                if path.endswith((".sentence", ".year", ".day_basis")) or path.endswith(
                    (".start", ".end")
                ):
                    continue
                note = table["suppressed"].get(path, "")
                rows.append(
                    {
                        **common,
                        "measure": path,
                        "value": "" if value is None else value,
                        "note": note,
                    }
                )
    return rows


def open_data_json(data: dict[str, Any]) -> dict[str, Any]:
    """The published figures as one JSON document: every year and service's §5 table."""
    council = Council.load()
    return {
        "council": council.name,
        "small_number_threshold": data["threshold"],
        "years": data["years"],
        "directorates": data["directorates"],
        "tables": [
            {"year": year, "directorate": directorate, "figures": table}
            for (year, directorate), table in data["tables"].items()
        ],
    }


# -- a limit for visitors who ask too often ---------------------------------------------------

RATE_LIMIT_PER_MINUTE = 60


def public_request_allowed(address: str | None) -> bool:
    """Count a request from `address`; False once it has made too many this minute."""
    digest = hashlib.sha256((address or "unknown").encode()).hexdigest()[:24]
    key = f"statistics:published:rate:{digest}"
    if cache.add(key, 1, 60):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, 60)
        return True
    return count <= RATE_LIMIT_PER_MINUTE
