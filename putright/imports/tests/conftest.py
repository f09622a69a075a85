import csv
from pathlib import Path

import pytest

from putright.imports.columns import CONTACT_COLUMNS, OMBUDSMAN_COLUMNS


def contact(**values: str) -> dict[str, str]:
    """A valid stage 1 complaint row; keyword arguments replace columns."""
    row = dict.fromkeys(CONTACT_COLUMNS, "")
    row.update(
        reference="CMP-1",
        kind="complaint",
        stage="1",
        procedure="lgsco_code",
        directorate="Children's",
        team="SEND Team",
        received="2023-04-03",
    )
    row.update(values)
    return row


def ombudsman(**values: str) -> dict[str, str]:
    """A valid LGSCO row; keyword arguments replace columns."""
    row = dict.fromkeys(OMBUDSMAN_COLUMNS, "")
    row.update(reference="22 001 234", ombudsman="lgsco", received="2023-06-01")
    row.update(values)
    return row


def write_rows(
    path: Path, rows: list[dict[str, str]], *, bom: bool = True, columns=None
) -> Path:
    columns = columns or list(rows[0])
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def csv_file(tmp_path):
    """Write rows to a CSV file in a temporary directory and return its path."""

    def make(rows, name="contacts.csv", **kwargs):
        return write_rows(tmp_path / name, rows, **kwargs)

    return make
