"""Reading files: CSV with and without BOM, XLSX sheets, headers, and column maps."""

import datetime as dt
import json

import pytest
from openpyxl import Workbook

from putright.complaints.models import Stage
from putright.imports.columns import CONTACT_COLUMNS
from putright.imports.mapping import Mapping, MappingError
from putright.imports.services import import_files
from putright.imports.tests.conftest import contact, ombudsman
from putright.ombudsman.models import OmbudsmanCase

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize("bom", [True, False])
def test_csv_with_or_without_bom(csv_file, bom):
    result = import_files([csv_file([contact()], bom=bom)])
    assert result.ok, result.summary()
    assert Stage.objects.get().case.reference == "CMP-1"


def test_non_utf8_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(
        "reference,kind,directorate,received\nC1,compliment,Caf\xe9,2023-04-03\n".encode(
            "latin-1"
        )
    )
    result = import_files([path])
    assert not result.ok
    assert "not UTF-8" in result.summary()
    assert Stage.objects.count() == 0


def test_unknown_and_missing_columns_are_reported_on_row_1(csv_file):
    row = contact()
    row["Officer"] = "Sam"
    del row["received"]
    result = import_files([csv_file([row])])
    lines = [str(e) for e in result.errors]
    assert lines[0].startswith("row 1, column Officer: value Officer: unknown column")
    assert (
        lines[1] == "row 1, column received: value (blank): required column is missing."
    )


def test_file_that_is_neither_contacts_nor_ombudsman(csv_file):
    result = import_files([csv_file([{"name": "x", "date": "2023-01-01"}])])
    assert "cannot tell what this table holds" in result.summary()


def test_missing_file_is_reported(tmp_path):
    result = import_files([tmp_path / "nowhere.csv"])
    assert not result.ok
    assert "no such file" in result.summary()


def test_row_with_more_cells_than_the_header(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "reference,kind,directorate,received\nC1,compliment,Adults,2023-04-03,extra\n",
        encoding="utf-8",
    )
    result = import_files([path])
    assert "row 2, column -: value (blank): the row has more cells" in result.summary()


def test_blank_lines_keep_spreadsheet_row_numbers(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "reference,kind,directorate,received\n"
        "C1,compliment,Adults,2023-04-03\n"
        ",,,\n"
        "C2,compliment,Adults,2023-02-30\n",
        encoding="utf-8",
    )
    result = import_files([path])
    assert str(result.errors[0]).startswith("row 4, column received")


def test_formula_escaped_cells_are_read_back_as_written(csv_file):
    result = import_files(
        [csv_file([contact(summary="'=1+1 was typed", learning="'-2+3")])]
    )
    assert result.ok, result.summary()
    stage = Stage.objects.get()
    assert (stage.summary, stage.learning) == ("=1+1 was typed", "-2+3")


def test_contacts_and_ombudsman_files_together_validated_before_writing(csv_file):
    contacts = csv_file([contact()], name="contacts.csv")
    bad = csv_file([ombudsman(received="2023-02-31")], name="ombudsman.csv")
    result = import_files([bad, contacts])
    assert not result.ok
    assert result.errors[0].source == "ombudsman.csv"
    assert Stage.objects.count() == 0
    good = csv_file([ombudsman(complaint_reference="CMP-1")], name="ombudsman.csv")
    result = import_files([good, contacts])
    assert result.ok, result.summary()
    assert OmbudsmanCase.objects.get().case.reference == "CMP-1"


def _workbook(path, sheets):
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        columns = list(rows[0])
        sheet.append(columns)
        for row in rows:
            sheet.append([row[c] for c in columns])
    book.save(path)
    return path


def test_xlsx_with_contacts_and_ombudsman_sheets(tmp_path):
    row = contact(financial_remedy="")
    native = dict(row, received=dt.datetime(2023, 4, 3), stage=1)
    path = _workbook(
        tmp_path / "book.xlsx",
        {
            "contacts": [native],
            "ombudsman": [ombudsman(complaint_reference="CMP-1")],
        },
    )
    result = import_files([path])
    assert result.ok, result.summary()
    stage = Stage.objects.get()
    assert (stage.received, stage.due) == (D(2023, 4, 3), D(2023, 4, 26))
    assert OmbudsmanCase.objects.get().case_id == stage.case_id


def test_xlsx_single_sheet_reports_sheet_row_numbers(tmp_path):
    rows = [contact(reference=f"C{i}") for i in range(3)]
    rows[2]["received"] = "2023-02-30"
    path = _workbook(tmp_path / "one.xlsx", {"Export 2023": rows})
    result = import_files([path])
    assert str(result.errors[0]).startswith("row 4, column received: value 2023-02-30")


def test_xlsx_with_several_unnamed_sheets_is_refused(tmp_path):
    path = _workbook(tmp_path / "two.xlsx", {"A": [contact()], "B": [contact()]})
    result = import_files([path])
    assert 'sheets named "contacts"' in result.summary()


FOREIGN_MAP = {
    "columns": {
        "Case Ref": "reference",
        "Type": "kind",
        "Stage": "stage",
        "Procedure": "procedure",
        "Service": "directorate",
        "Service Area": "team",
        "Date Received": "received",
        "Date Responded": "responded",
        "Outcome": "outcome",
        "Nature": "issue_natures",
    },
    "ignore": ["Officer"],
    "values": {
        "kind": {"Stage 1 Complaint": "complaint", "Compliment": "compliment"},
        "outcome": {"Upheld": "upheld", "Part Upheld": "partly_upheld"},
        "procedure": {"Corporate": "lgsco_code"},
    },
    "date_formats": ["%d/%m/%Y"],
}


def _foreign_export(csv_file):
    header = list(FOREIGN_MAP["columns"]) + ["Officer"]
    rows = [
        [
            "F-1",
            "Stage 1 Complaint",
            "1",
            "Corporate",
            "Place",
            "Waste",
            "03/04/2023",
            "20/04/2023",
            "Part Upheld",
            "Missed bin",
            "Sam",
        ],
        ["F-2", "Compliment", "", "", "Place", "", "05/04/2023", "", "", "", "Jo"],
    ]
    return csv_file(
        [dict(zip(header, r, strict=True)) for r in rows], name="foreign.csv"
    )


def test_mapping_a_foreign_export(csv_file, tmp_path):
    path = _foreign_export(csv_file)
    map_path = tmp_path / "map.json"
    map_path.write_text(json.dumps(FOREIGN_MAP), encoding="utf-8")

    result = import_files([path], mapping=Mapping.load(map_path))

    assert result.ok, result.summary()
    complaint = Stage.objects.get(case__reference="F-1")
    assert complaint.outcome == "partly_upheld"
    assert complaint.responded == D(2023, 4, 20)
    assert complaint.due == D(2023, 4, 26)
    assert complaint.procedure.code == "lgsco_code"
    assert complaint.team.name == "Waste"
    assert [n.name for n in complaint.issue_natures.all()] == ["Missed bin"]
    assert Stage.objects.get(case__reference="F-2").kind == "compliment"


def test_foreign_export_without_a_map_is_refused(csv_file):
    result = import_files([_foreign_export(csv_file)])
    assert "cannot tell what this table holds" in result.summary()


def test_unmapped_value_is_still_checked(csv_file, tmp_path):
    mapping = Mapping.from_dict({**FOREIGN_MAP, "values": {}})
    result = import_files([_foreign_export(csv_file)], mapping=mapping)
    lines = [str(e) for e in result.errors]
    assert any(
        line.startswith("row 2, column outcome: value Part Upheld: not one of")
        for line in lines
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be a JSON object"),
        ({"colums": {}}, "unknown keys: colums"),
        ({"columns": {"Ref": "ref_no"}}, "unknown column names: ref_no"),
        ({"columns": ["reference"]}, '"columns" must map'),
        ({"values": {"outcome": "upheld"}}, '"values" must map'),
        ({"date_formats": ["dd/mm/yyyy"]}, "formats such as"),
        ({"ignore": "Officer"}, '"ignore" must be a list'),
    ],
)
def test_bad_map_files_are_refused_with_a_reason(data, message):
    with pytest.raises(MappingError, match=message):
        Mapping.from_dict(data)


def test_map_file_that_is_not_json(tmp_path):
    path = tmp_path / "map.json"
    path.write_text("{columns:", encoding="utf-8")
    with pytest.raises(MappingError, match="not valid JSON"):
        Mapping.load(path)


def test_interchange_column_order_is_the_data_format_order():
    assert CONTACT_COLUMNS[:4] == ("reference", "kind", "stage", "procedure")
    assert CONTACT_COLUMNS[-1] == "summary"


def test_an_unmapped_heading_is_named_with_what_to_do(csv_file):
    path = csv_file([{**contact(), "Case Officer": "Jo"}])
    mapping = Mapping.from_dict({"columns": {"Ref": "reference"}})

    result = import_files([path], mapping=mapping)

    assert not result.ok
    (problem,) = result.errors
    assert problem.column == "Case Officer"
    assert problem.message == (
        'unmapped column: the map (--map) has no entry for it. Add "Case Officer": '
        '"our column name" under "columns", or list it under "ignore".'
    )


def test_a_heading_mapped_onto_an_ombudsman_column_in_a_contacts_file_says_so(
    csv_file,
):
    path = csv_file([{**contact(), "Decision Text": "upheld"}])
    mapping = Mapping.from_dict({"columns": {"Decision Text": "decision"}})

    result = import_files([path], mapping=mapping)

    (problem,) = result.errors
    assert problem.column == "Decision Text"
    assert 'renames it to "decision", which is not a column of a contacts file' in (
        problem.message
    )


def test_a_map_heading_missing_from_the_file_is_named(csv_file):
    row = contact()
    del row["received"]
    path = csv_file([row])
    mapping = Mapping.from_dict({"columns": {"Date Received": "received"}})

    result = import_files([path], mapping=mapping)

    (problem,) = result.errors
    assert problem.column == "received"
    assert 'expects a heading "Date Received", which the file does not have' in (
        problem.message
    )


def test_a_map_column_name_we_do_not_have_is_named_with_a_suggestion():
    with pytest.raises(MappingError) as raised:
        Mapping.from_dict({"columns": {"Date Recvd": "recieved"}})
    assert 'recieved (for the heading "Date Recvd") (did you mean received?)' in str(
        raised.value
    )


def test_a_value_map_onto_a_word_we_do_not_have_is_refused():
    with pytest.raises(MappingError) as raised:
        Mapping.from_dict({"values": {"outcome": {"Part Upheld": "part_upheld"}}})
    message = str(raised.value)
    assert '"Part Upheld" onto "part_upheld"' in message
    assert "did you mean partly_upheld?" in message
