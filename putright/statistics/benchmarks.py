"""Similar-authority benchmarks: importing the Ombudsmen's figures for many authorities
(docs/interchange-format.md §4.4) and comparing the council with those of its type.

Three kinds of file are read:

- `lgsco` and `ho`: §4.4 files, one row per authority, Ombudsman and year (the LGSCO's
  annual review data; the Housing Ombudsman's landlord data). Re-importing replaces the
  rows of the same authority, Ombudsman and year.
- `ho_findings`: the Housing Ombudsman's per-finding data (one row per finding, columns
  `landlord`, `landlord_type`, `decision_date_iso`, `finding`, `stock_size`, `case_id`),
  counted into §4.4 rows by landlord and the financial year of the decision date. A
  finding with no landlord or no decision date cannot be placed in a landlord's year: it
  is left out and the summary says how many were.

Every import is all or nothing: any bad row changes nothing and every problem is reported
as `row N, column C: value V: reason` (the header is row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from putright.core.periods import PeriodError, parse_year, year_of
from putright.core.presentation import decimal_text, percent_text, round_half_up
from putright.organisation.models import Council
from putright.statistics.benchmark_models import (
    BENCHMARK_COUNTS,
    BenchmarkAuthority,
    BenchmarkFigures,
    BenchmarkName,
    BenchmarkOmbudsman,
)
from putright.statistics.presentation import OMBUDSMAN_SHORT

KINDS = ("lgsco", "ho", "ho_findings")
FIGURE_COLUMNS = (
    "ombudsman",
    "year",
    "authority",
    "authority_type",
    "population",
    "homes",
    *BENCHMARK_COUNTS,
)
FIGURE_REQUIRED = ("ombudsman", "year", "authority")
FINDING_REQUIRED = ("landlord", "decision_date_iso", "finding")
FINDINGS = {
    "Severe Maladministration": "severe_maladministration",
    "Maladministration": "maladministration",
    "Service Failure": "service_failure",
    "Reasonable Redress": "reasonable_redress",
    "No Maladministration": "no_maladministration",
    "Outside Jurisdiction": "outside_jurisdiction",
}
FAULT_FINDINGS = ("severe_maladministration", "maladministration", "service_failure")
ALL_FINDINGS = tuple(FINDINGS.values())

# LGSCO authority types as published, read as the §4.4 codes.
LGSCO_TYPES = {
    "county": "county",
    "county council": "county",
    "district": "district",
    "district council": "district",
    "metropolitan": "metropolitan",
    "metropolitan borough": "metropolitan",
    "metropolitan borough council": "metropolitan",
    "unitary": "unitary",
    "unitary authority": "unitary",
    "unitary council": "unitary",
    "london_borough": "london_borough",
    "london borough": "london_borough",
}
# The council's own kind (organisation.Council.Kind) as an LGSCO type.
COUNCIL_KIND_AS_LGSCO = {"london": "london_borough"}
# A council's type in the Housing Ombudsman's data when its own row is not found: the
# type most councils are published under (the rest are plain "Local Authority").
HO_COUNCIL_TYPE = "Local Authority / ALMO or TMO"

MEASURES = {
    "upheld_rate": "Upheld rate of detailed investigations",
    "satisfactory_remedy_rate": "Satisfactory remedy rate of upheld cases",
    "compliance_rate": "Compliance with recommendations",
    "upheld_per_100k": "Upheld per 100,000 residents",
    "maladministration_rate": "Findings of maladministration or service failure",
    "findings_per_10k_homes": "Findings of fault per 10,000 homes",
}
MEASURES_BY_OMBUDSMAN = {
    "ho": ("maladministration_rate", "findings_per_10k_homes"),
}
DEFAULT_MEASURES = (
    "upheld_rate",
    "satisfactory_remedy_rate",
    "compliance_rate",
    "upheld_per_100k",
)

PER_MEASURES = frozenset({"upheld_per_100k", "findings_per_10k_homes"})
TYPE_LABELS = {
    "county": "county councils",
    "district": "district councils",
    "metropolitan": "metropolitan boroughs",
    "unitary": "unitary councils",
    "london_borough": "London boroughs",
}


def type_label(kind: str) -> str:
    """How a type of authority reads in a sentence: 'metropolitan boroughs'."""
    return TYPE_LABELS.get(kind, f"landlords of type “{kind}”")


def measure_text(name: str, value: Decimal | None) -> str:
    return decimal_text(value) if name in PER_MEASURES else percent_text(value)


class BenchmarkFileError(Exception):
    """The file was refused: nothing was stored. `problems` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class BenchmarkImportResult:
    kind: str
    authorities: int = 0
    years: int = 0
    rows: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    counts: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [
            f"Read {self.rows:,} rows: {self.years:,} authority-years of "
            f"{self.authorities:,} authorities stored."
        ]
        for reason, number in self.skipped.items():
            lines.append(f"{number:,} rows left out: {reason}.")
        return "\n".join(lines)


def authority_key(name: str) -> str:
    """The name with case and spacing evened out: how spellings of one name are matched."""
    return " ".join(name.split()).casefold()


def _open_text(path: Path) -> io.TextIOBase:
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    if gzipped:
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with _open_text(path) as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in (reader.fieldnames or [])]
            reader.fieldnames = header
            rows = [{k: (v or "") for k, v in row.items() if k} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error, EOFError) as exc:
        raise BenchmarkFileError(
            [f"{path.name}: cannot be read as CSV: {exc}"]
        ) from None
    return header, rows


def detect_kind(header: Iterable[str]) -> str | None:
    columns = set(header)
    if "authority" in columns and "ombudsman" in columns:
        return "figures"
    if {"landlord", "finding"} <= columns:
        return "ho_findings"
    return None


def import_benchmarks(
    path: Path | str, kind: str | None = None
) -> BenchmarkImportResult:
    """Read one benchmark file into the benchmark tables, all or nothing."""
    path = Path(path)
    header, rows = _read(path)
    found = detect_kind(header)
    if kind is not None and kind not in KINDS:
        raise BenchmarkFileError(
            [f"Kind {kind!r} is not recognised: use one of {', '.join(KINDS)}."]
        )
    expected = "ho_findings" if kind == "ho_findings" else "figures"
    if found is None or (kind is not None and found != expected):
        needed = FINDING_REQUIRED if expected == "ho_findings" else FIGURE_REQUIRED
        missing = [c for c in needed if c not in header]
        raise BenchmarkFileError(
            [
                f"row 1: the header is not a {kind or 'benchmark'} file: "
                f"missing column {c}"
                for c in missing
            ]
            or ["row 1: the header matches neither a §4.4 file nor per-finding data"]
        )
    if found == "ho_findings":
        return _import_findings(rows)
    return _import_figures(rows, kind)


# -- §4.4 files ---------------------------------------------------------------------------


def _count(value: str, row: int, column: str, problems: list[str]) -> int | None:
    text = value.strip().replace(",", "")
    if not text:
        return None
    if not text.isdigit():
        problems.append(
            f"row {row}, column {column}: value {value!r}: not a whole number of 0 or more"
        )
        return None
    return int(text)


def _year(value: str, row: int, column: str, problems: list[str]) -> str | None:
    try:
        return parse_year(value.strip()).label
    except PeriodError as exc:
        problems.append(f"row {row}, column {column}: value {value!r}: {exc}")
        return None


def _figure_row(
    raw: dict[str, str], number: int, kind: str | None, problems: list[str]
) -> dict[str, Any] | None:
    before = len(problems)
    ombudsman = raw.get("ombudsman", "").strip().lower()
    if ombudsman not in BenchmarkOmbudsman.values:
        problems.append(
            f"row {number}, column ombudsman: value {raw.get('ombudsman', '')!r}: "
            f"not one of {', '.join(BenchmarkOmbudsman.values)}"
        )
    elif kind in ("lgsco", "ho") and ombudsman != kind:
        problems.append(
            f"row {number}, column ombudsman: value {ombudsman!r}: "
            f"this is a {kind} file"
        )
    year = _year(raw.get("year", ""), number, "year", problems)
    name = " ".join(raw.get("authority", "").split())
    if not name:
        problems.append(f"row {number}, column authority: value '': required")
    kind_text = raw.get("authority_type", "").strip()
    if ombudsman == "lgsco" and kind_text:
        code = LGSCO_TYPES.get(kind_text.casefold())
        if code is None:
            problems.append(
                f"row {number}, column authority_type: value {kind_text!r}: not one of "
                "county, district, metropolitan, unitary, london_borough"
            )
        kind_text = code or kind_text
    numbers = {
        c: _count(raw.get(c, ""), number, c, problems)
        for c in ("population", "homes", *BENCHMARK_COUNTS)
    }
    if len(problems) > before:
        return None
    return {
        "ombudsman": ombudsman,
        "year": year,
        "name": name,
        "authority_type": kind_text,
        **numbers,
    }


def _import_figures(
    rows: list[dict[str, str]], kind: str | None
) -> BenchmarkImportResult:
    problems: list[str] = []
    records: dict[tuple[str, str, str], dict[str, Any]] = {}
    for index, raw in enumerate(rows, start=2):
        record = _figure_row(raw, index, kind, problems)
        if record is None:
            continue
        identity = (record["ombudsman"], authority_key(record["name"]), record["year"])
        if identity in records:
            problems.append(
                f"row {index}, column authority: value {record['name']!r}: "
                f"already given for {record['ombudsman']} {record['year']} on row "
                f"{records[identity]['row']}"
            )
            continue
        records[identity] = {**record, "row": index}
    if problems:
        raise BenchmarkFileError(problems)
    if not records:
        raise BenchmarkFileError(["The file has no rows after its header."])
    result = BenchmarkImportResult(kind=kind or "figures", rows=len(rows))
    _store(records.values(), source="figures", result=result)
    return result


# -- Housing Ombudsman per-finding data ---------------------------------------------------


def _date(value: str, row: int, problems: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        problems.append(
            f"row {row}, column decision_date_iso: value {value!r}: "
            "not a date written like 2024-05-31"
        )
        return None


def _import_findings(rows: list[dict[str, str]]) -> BenchmarkImportResult:
    problems: list[str] = []
    skipped: Counter[str] = Counter()
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for index, raw in enumerate(rows, start=2):
        landlord = " ".join(raw.get("landlord", "").split())
        when = raw.get("decision_date_iso", "").strip()
        finding = raw.get("finding", "").strip()
        column = FINDINGS.get(finding)
        if column is None:
            problems.append(
                f"row {index}, column finding: value {finding!r}: not one of "
                + ", ".join(FINDINGS)
            )
        homes = _count(raw.get("stock_size", ""), index, "stock_size", problems)
        if not landlord:
            skipped["no landlord named"] += 1
            continue
        if not when:
            skipped["no decision date"] += 1
            continue
        day = _date(when, index, problems)
        if day is None or column is None:
            continue
        group = groups.setdefault(
            (authority_key(landlord), year_of(day).label),
            {
                "names": Counter(),
                "types": Counter(),
                "homes": Counter(),
                "cases": set(),
                "counts": Counter(),
            },
        )
        group["names"][landlord] += 1
        if raw.get("landlord_type", "").strip():
            group["types"][raw["landlord_type"].strip()] += 1
        if homes:
            group["homes"][homes] += 1
        group["cases"].add(raw.get("case_id", "").strip() or f"row {index}")
        group["counts"][column] += 1
    if problems:
        raise BenchmarkFileError(problems)
    records = []
    for (_key, year), group in groups.items():
        records.append(
            {
                "ombudsman": "ho",
                "year": year,
                "name": group["names"].most_common(1)[0][0],
                "authority_type": _most_common(group["types"], ""),
                "homes": _most_common(group["homes"], None),
                "population": None,
                "decided": len(group["cases"]),
                **{c: group["counts"].get(c, 0) for c in ALL_FINDINGS},
            }
        )
    result = BenchmarkImportResult(
        kind="ho_findings", rows=len(rows), skipped=dict(skipped)
    )
    result.counts = {
        (key, year): {c: g["counts"].get(c, 0) for c in ALL_FINDINGS}
        for (key, year), g in groups.items()
    }
    _store(records, source="findings", result=result)
    return result


def _most_common(counter: Counter[Any], default: Any) -> Any:
    return counter.most_common(1)[0][0] if counter else default


# -- storing ------------------------------------------------------------------------------


@transaction.atomic
def _store(
    records: Iterable[dict[str, Any]], *, source: str, result: BenchmarkImportResult
) -> None:
    records = list(records)
    authorities: dict[tuple[str, str], BenchmarkAuthority] = {
        (a.ombudsman, a.key): a for a in BenchmarkAuthority.objects.all()
    }
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for record in sorted(records, key=lambda r: r["year"]):
        latest[(record["ombudsman"], authority_key(record["name"]))] = record
    for identity, record in latest.items():
        authority = authorities.get(identity)
        if authority is None:
            authority = BenchmarkAuthority(ombudsman=identity[0], key=identity[1])
            authorities[identity] = authority
        authority.name = record["name"]
        for attribute in ("authority_type", "population", "homes"):
            if record[attribute] not in (None, ""):
                setattr(authority, attribute, record[attribute])
        authority.save()
    pairs = defaultdict(set)
    for record in records:
        authority = authorities[(record["ombudsman"], authority_key(record["name"]))]
        pairs[record["year"]].add(authority.pk)
    for year, ids in pairs.items():
        BenchmarkFigures.objects.filter(year=year, authority_id__in=ids).delete()
    BenchmarkFigures.objects.bulk_create(
        BenchmarkFigures(
            authority=authorities[(r["ombudsman"], authority_key(r["name"]))],
            year=r["year"],
            authority_type=r["authority_type"],
            population=r["population"],
            homes=r["homes"],
            source=source,
            **{c: r.get(c) for c in BENCHMARK_COUNTS},
        )
        for r in records
    )
    result.authorities = len(latest)
    result.years = len(records)


# -- comparison ---------------------------------------------------------------------------


def _ratio(part: int | None, whole: int | None, scale: int = 100) -> Decimal | None:
    if part is None or not whole:
        return None
    return Decimal(part) * scale / Decimal(whole)


def rates(
    figures: BenchmarkFigures, *, exact: bool = False
) -> dict[str, Decimal | None]:
    """The §4.4 rates of one authority-year, each to 1 decimal place (None without a
    base); `exact` leaves them unrounded, for taking a mean."""
    found = [getattr(figures, c) for c in ALL_FINDINGS]
    all_findings = (
        sum(v for v in found if v is not None)
        if any(v is not None for v in found)
        else None
    )
    faults = [getattr(figures, c) for c in FAULT_FINDINGS]
    fault = (
        sum(v for v in faults if v is not None)
        if any(v is not None for v in faults)
        else None
    )
    found_rates = {
        "upheld_rate": _ratio(figures.upheld, figures.investigations),
        "satisfactory_remedy_rate": _ratio(figures.satisfactory_remedy, figures.upheld),
        "compliance_rate": _ratio(figures.complied, figures.compliance_outcomes),
        "upheld_per_100k": _ratio(figures.upheld, figures.population, 100_000),
        "maladministration_rate": _ratio(fault, all_findings),
        "findings_per_10k_homes": _ratio(fault, figures.homes, 10_000),
    }
    if exact:
        return found_rates
    return {
        k: None if v is None else round_half_up(v, 1) for k, v in found_rates.items()
    }


def council_names(ombudsman: str) -> list[str]:
    names = list(
        BenchmarkName.objects.filter(ombudsman=ombudsman).values_list("name", flat=True)
    )
    if names:
        return names
    council = Council.current()
    return [council.name] if council else []


def council_figures(ombudsman: str, year: str) -> BenchmarkFigures | None:
    keys = [authority_key(n) for n in council_names(ombudsman)]
    return (
        BenchmarkFigures.objects.filter(
            year=year, authority__ombudsman=ombudsman, authority__key__in=keys
        )
        .select_related("authority")
        .first()
    )


def council_type(ombudsman: str, own: BenchmarkFigures | None) -> str:
    """The council's type in that Ombudsman's data: its own row's, else its setting."""
    if own is not None and own.authority_type:
        return own.authority_type
    council = Council.current()
    if ombudsman == "lgsco" and council is not None:
        return COUNCIL_KIND_AS_LGSCO.get(council.kind, council.kind)
    if ombudsman == "ho":
        return HO_COUNCIL_TYPE
    return ""


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return round_half_up(sum(values, Decimal(0)) / len(values), 1)


def comparison(ombudsman: str, year: str) -> dict[str, Any] | None:
    """The council against the mean of the authorities of its type, with how many there are.

    None when no benchmark data is held for that Ombudsman and year. The mean is over the
    similar authorities with a rate, the council included (docs/interchange-format.md §4.4).
    """
    rows = list(
        BenchmarkFigures.objects.filter(
            year=year, authority__ombudsman=ombudsman
        ).select_related("authority")
    )
    if not rows:
        return None
    own = council_figures(ombudsman, year)
    kind = council_type(ombudsman, own)
    similar = [r for r in rows if kind and r.authority_type == kind]
    own_rates = rates(own) if own is not None else {}
    all_rates = [rates(r, exact=True) for r in similar]
    measures = {}
    for name in MEASURES_BY_OMBUDSMAN.get(ombudsman, DEFAULT_MEASURES):
        values = [v for r in all_rates if (v := r[name]) is not None]
        measures[name] = {
            "label": MEASURES[name],
            "council": own_rates.get(name),
            "mean": _mean(values),
            "authorities": len(values),
        }
    return {
        "ombudsman": ombudsman,
        "year": year,
        "authority_type": kind,
        "council": own.authority.name if own is not None else None,
        "similar_authorities": len(similar),
        "measures": measures,
    }


def comparison_years(ombudsman: str) -> list[dict[str, Any]]:
    years = (
        BenchmarkFigures.objects.filter(authority__ombudsman=ombudsman)
        .values_list("year", flat=True)
        .distinct()
        .order_by("year")
    )
    found = (comparison(ombudsman, y) for y in years)
    return [c for c in found if c is not None]


def held_ombudsmen() -> list[str]:
    return sorted(
        set(BenchmarkAuthority.objects.values_list("ombudsman", flat=True).distinct())
    )


def comparison_sentences(year: str) -> list[str]:
    """One sentence per measure and Ombudsman with data for the year, for the dashboard:
    the council against the mean of its type and how many authorities that is over."""
    sentences = []
    for code in held_ombudsmen():
        found = comparison(code, year)
        if found is None or not found["authority_type"]:
            continue
        kind = type_label(found["authority_type"])
        short = OMBUDSMAN_SHORT.get(code, BenchmarkOmbudsman(code).label)
        for name, m in found["measures"].items():
            if m["mean"] is None:
                continue
            council = (
                f"{measure_text(name, m['council'])} for the council, compared with "
                if m["council"] is not None
                else ""
            )
            sentences.append(
                f"{short}, {m['label'][0].lower()}{m['label'][1:]}: {council}an average "
                f"of {measure_text(name, m['mean'])} over {m['authorities']:,} "
                f"{'authority' if m['authorities'] == 1 else 'authorities'} ({kind})."
            )
    return sentences
