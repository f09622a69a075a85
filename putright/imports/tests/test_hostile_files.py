"""Files a probe sent: NUL bytes, dates from year 1 or far ahead, and an XLSX zip bomb.

Each is refused with the row and column named, writes nothing, and costs little to refuse.
"""

import datetime as dt
import time
import tracemalloc
import zipfile

import pytest
import time_machine
from openpyxl import Workbook

from putright.complaints.models import Case
from putright.imports.readers import XLSX_MAX_RATIO, ReadError, read_xlsx
from putright.imports.services import import_files, import_rows
from putright.imports.tests.conftest import contact, ombudsman

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("summary", "Broken\x00boiler", "U+0000"),
        ("team", "SEND\x00 Team", "U+0000"),
        ("summary", "Bell\x07", "U+0007"),
        ("summary", "Escape \x1b[2J", "U+001B"),
    ],
)
def test_control_characters_in_a_cell_are_refused_with_row_and_column(
    csv_file, column, value, code
):
    rows = [contact(reference="C1"), contact(reference="C2", **{column: value})]
    result = import_files([csv_file(rows)])
    assert not result.ok
    assert len(result.errors) == 1
    problem = result.errors[0]
    assert (problem.row, problem.column) == (3, column)
    assert code in problem.message
    assert "\x00" not in result.summary()
    assert Case.objects.count() == 0


def test_tabs_and_line_breaks_in_free_text_are_kept(csv_file):
    rows = [contact(summary="Line one\nline two\tindented\r\nthree")]
    result = import_files([csv_file(rows)])
    assert result.ok, result.summary()


def test_nul_in_an_ombudsman_row_is_refused():
    result = import_rows(ombudsman=[ombudsman(summary="Finding\x00")])
    assert [(e.row, e.column) for e in result.errors] == [(2, "summary")]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("received", "0001-04-03", "on or after 1 January 1990"),
        ("received", "1989-12-31", "on or after 1 January 1990"),
        ("received", "2028-01-01", "no later than 1 December 2027"),
        ("due", "9999-12-31", "no later than 1 December 2027"),
        ("responded", "0202-05-01", "on or after 1 January 1990"),
    ],
)
@time_machine.travel(dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC), tick=False)
def test_dates_before_1990_or_more_than_a_year_ahead_are_refused(
    column, value, message
):
    result = import_rows(contacts=[contact(**{column: value})])
    assert [(e.row, e.column) for e in result.errors] == [(2, column)]
    assert message in result.errors[0].message
    assert Case.objects.count() == 0


@time_machine.travel(dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC), tick=False)
def test_dates_from_1990_to_a_year_ahead_are_accepted():
    result = import_rows(
        contacts=[
            contact(reference="OLD", received="1990-01-01"),
            contact(reference="NEW", received="2026-11-30", due="2027-12-01"),
        ]
    )
    assert result.ok, result.summary()


def _zip_bomb(path, *, inflated_mb):
    """A real workbook whose shared strings inflate to `inflated_mb` MB (about 1000:1)."""
    book = Workbook()
    book.active.title = "contacts"
    book.active.append(["reference", "kind"])
    book.save(path.with_suffix(".base"))
    with (
        zipfile.ZipFile(path.with_suffix(".base")) as base,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in base.infolist():
            bomb.writestr(item, base.read(item.filename))
        chunk = b"<si><t>" + b"A" * 1000 + b"</t></si>"
        with bomb.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/')
            part.write(b'spreadsheetml/2006/main">')
            for _ in range(inflated_mb * 1024):
                part.write(chunk)
            part.write(b"</sst>")
    return path


def test_xlsx_zip_bomb_is_refused_quickly_in_little_memory(tmp_path):
    path = _zip_bomb(tmp_path / "bomb.xlsx", inflated_mb=300)
    assert path.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ReadError) as refused:
            read_xlsx(path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "zip bomb" in str(refused.value)
    assert f"{XLSX_MAX_RATIO} times" in str(refused.value)
    assert elapsed < 2.0
    assert peak < 100 * 1024 * 1024


def test_xlsx_zip_bomb_through_the_import_writes_nothing(tmp_path):
    result = import_files([_zip_bomb(tmp_path / "bomb.xlsx", inflated_mb=20)])
    assert not result.ok
    assert "zip bomb" in result.summary()
    assert Case.objects.count() == 0


def test_xlsx_above_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("putright.imports.readers.XLSX_MAX_BYTES", 1024)
    book = Workbook()
    book.active.append(["reference", "kind"])
    for number in range(500):
        book.active.append([f"C{number}", "compliment"])
    book.save(tmp_path / "big.xlsx")
    with pytest.raises(ReadError, match="the limit is 0 MB"):
        read_xlsx(tmp_path / "big.xlsx")
