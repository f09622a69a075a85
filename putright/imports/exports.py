"""Export every record as interchange files (docs/interchange-format.md §4), ready to import again.

Rows stream from chunked keyset queries, so a million records need little memory. Every
cell goes through `core.csv_safe.escape` (formula injection); the importer undoes exactly
that escaping, so an export re-imports to the same records.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from putright.audit.services import audit_record
from putright.complaints.constants import Kind
from putright.complaints.models import (
    ComplainantType,
    IssueNature,
    Procedure,
    RefusalReason,
    Remedy,
    RootCause,
    Stage,
)
from putright.core.csv_safe import escape_row
from putright.imports.columns import (
    CONTACT_COLUMNS,
    CONTACTS,
    OMBUDSMAN,
    OMBUDSMAN_COLUMNS,
    SEPARATOR,
)
from putright.imports.writers import CASE_FIELDS, select_in
from putright.ombudsman.models import OmbudsmanCase
from putright.organisation.models import Council, Directorate, Team

CHUNK = 5000
FORMATS = ("csv", "xlsx")
XLSX_MAX_ROWS = 1_048_575  # a worksheet's rows, less the header


@dataclass
class ExportResult:
    """Where an export went and how many rows each table has."""

    paths: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"Exported {self.counts.get(CONTACTS, 0)} contact records and "
            f"{self.counts.get(OMBUDSMAN, 0)} Ombudsman cases to "
            + ", ".join(str(p) for p in self.paths)
            + "."
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return str(value)


def _names(model: Any) -> dict[int, str]:
    return dict(model.objects.values_list("pk", "name"))


STAGE_VALUES = (
    "pk",
    "case__reference",
    "kind",
    "number",
    "procedure_id",
    "directorate_id",
    "team_id",
    "received",
    "acknowledged",
    "due",
    "extended_to",
    "responded",
    "outcome",
    "refusal_reason_id",
    "channel",
    "complainant_type_id",
    "financial_remedy",
    "learning",
    "is_commissioned",
    "constituency",
    "summary",
)


def contact_rows(chunk_size: int = CHUNK) -> Iterator[list[str]]:
    """Every stage record as a contacts row (columns of docs/interchange-format.md §4.1), unescaped."""
    procedures = dict(Procedure.objects.values_list("pk", "code"))
    directorates = _names(Directorate)
    teams = _names(Team)
    refusal_reasons = _names(RefusalReason)
    complainant_types = _names(ComplainantType)
    natures = _names(IssueNature)
    causes = _names(RootCause)
    nature_through = Stage.issue_natures.through
    cause_through = Stage.root_causes.through
    last = 0
    while True:
        batch = list(
            Stage.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list(*STAGE_VALUES)[:chunk_size]
        )
        if not batch:
            return
        ids = [values[0] for values in batch]
        last = ids[-1]
        stage_natures: dict[int, list[str]] = defaultdict(list)
        for stage_id, target in select_in(
            nature_through, ["stage", "issuenature"], "stage", ids
        ):
            stage_natures[stage_id].append(natures[target])
        stage_causes: dict[int, list[str]] = defaultdict(list)
        for stage_id, target in select_in(
            cause_through, ["stage", "rootcause"], "stage", ids
        ):
            stage_causes[stage_id].append(causes[target])
        stage_remedies: dict[int, list[str]] = defaultdict(list)
        for stage_id, type_ in select_in(Remedy, ["stage", "type"], "stage", ids):
            stage_remedies[stage_id].append(type_)
        for (
            pk,
            reference,
            kind,
            number,
            procedure_id,
            directorate_id,
            team_id,
            received,
            acknowledged,
            due,
            extended_to,
            responded,
            outcome,
            refusal_reason_id,
            channel,
            complainant_type_id,
            financial_remedy,
            learning,
            is_commissioned,
            constituency,
            summary,
        ) in batch:
            complaint = kind == Kind.COMPLAINT
            yield [
                reference,
                kind,
                str(number) if complaint else "",
                procedures.get(procedure_id, "") if complaint else "",
                directorates[directorate_id],
                teams.get(team_id, ""),
                _text(received),
                _text(acknowledged),
                _text(due),
                _text(extended_to),
                _text(responded),
                outcome,
                refusal_reasons.get(refusal_reason_id, ""),
                channel,
                complainant_types.get(complainant_type_id, ""),
                SEPARATOR.join(sorted(stage_natures.get(pk, ()))),
                SEPARATOR.join(sorted(stage_causes.get(pk, ()))),
                SEPARATOR.join(sorted(stage_remedies.get(pk, ()))),
                _text(financial_remedy),
                learning,
                "true" if is_commissioned else "false",
                constituency,
                summary,
            ]


CASE_VALUES = ("pk", "reference", *CASE_FIELDS)


def ombudsman_rows(chunk_size: int = CHUNK) -> Iterator[list[str]]:
    """Every Ombudsman case as a row (columns of docs/interchange-format.md §4.2), unescaped."""
    directorates = _names(Directorate)
    teams = _names(Team)
    last = 0
    while True:
        batch = list(
            OmbudsmanCase.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list(*CASE_VALUES)[:chunk_size]
        )
        if not batch:
            return
        last = batch[-1][0]
        for values in batch:
            row = dict(zip(CASE_VALUES, values, strict=True))
            yield [
                row["reference"],
                row["ombudsman"],
                row["complaint_reference"],
                directorates.get(row["directorate_id"], ""),
                teams.get(row["team_id"], ""),
                row["category"],
                _text(row["received"]),
                _text(row["is_investigation"]),
                _text(row["decided"]),
                row["decision"],
                _text(row["satisfactory_remedy_by_council"]),
                _text(row["remedy_amount"]),
                _text(row["recommendations"]),
                _text(row["recommendations_on_time"]),
                _text(row["recommendations_late"]),
                row["requirement"],
                row["lessons"],
                row["summary"],
            ]


TABLES = (
    (CONTACTS, CONTACT_COLUMNS, contact_rows),
    (OMBUDSMAN, OMBUDSMAN_COLUMNS, ombudsman_rows),
)


def export_write(*, out: Path, fmt: str = "csv", actor: Any = None) -> ExportResult:
    """Write contacts and Ombudsman tables (CSV with BOM, or one XLSX), formula-safe.

    The files hold personal data, so the export is audited (counts only).
    """
    # The council first: an installation not set up fails before any file is written.
    council = Council.load()
    result = _export(out=Path(out), fmt=fmt)
    audit_record(
        actor=actor,
        verb="exported",
        target=council,
        after={"files": [p.name for p in result.paths], "counts": result.counts},
        message=result.summary(),
    )
    return result


def _export(*, out: Path, fmt: str) -> ExportResult:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}: use csv or xlsx.")
    out.mkdir(parents=True, exist_ok=True)
    result = ExportResult()
    if fmt == "csv":
        for name, columns, rows in TABLES:
            path = out / f"{name}.csv"
            count = 0
            with path.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                for row in rows():
                    writer.writerow(escape_row(row))
                    count += 1
            result.paths.append(path)
            result.counts[name] = count
        return result
    if max(Stage.objects.count(), OmbudsmanCase.objects.count()) > XLSX_MAX_ROWS:
        raise ValueError(
            "There are more records than an XLSX worksheet holds: export as CSV."
        )
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    for name, columns, rows in TABLES:
        sheet = workbook.create_sheet(name)
        sheet.append(list(columns))
        count = 0
        for row in rows():
            sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) for v in escape_row(row)])
            count += 1
        result.counts[name] = count
    path = out / "putright-export.xlsx"
    workbook.save(path)
    result.paths.append(path)
    return result
