"""Export: interchange files that import back to the same records, formula-safe."""

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

from putright.audit.models import AuditEvent
from putright.complaints.models import (
    Case,
    ComplainantType,
    IssueNature,
    RefusalReason,
    RootCause,
    Stage,
)
from putright.imports.columns import CONTACT_COLUMNS, OMBUDSMAN_COLUMNS
from putright.imports.exports import export_write
from putright.imports.models import ImportRun
from putright.imports.services import import_files, import_rows
from putright.imports.synthetic import contact_rows, ombudsman_rows
from putright.imports.tests.conftest import contact
from putright.ombudsman.models import OmbudsmanCase
from putright.organisation.models import Directorate, Team

pytestmark = pytest.mark.django_db

RISKY = [
    contact(reference="RISK-1", summary='=HYPERLINK("http://evil","x")'),
    contact(reference="RISK-2", learning="-2+3", summary="'=already quoted"),
    contact(reference="RISK-3", summary="+44 20 7946 0000", financial_remedy="12.50"),
]


def _read(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _wipe():
    AuditEvent.objects.all().delete()
    ImportRun.objects.all().delete()
    OmbudsmanCase.objects.all().delete()
    Stage.objects.all().delete()
    Case.objects.all().delete()
    for model in (IssueNature, RootCause, ComplainantType, RefusalReason, Team):
        model.objects.all().delete()
    Directorate.objects.all().delete()


def _snapshot():
    stages = sorted(
        (
            s.case.reference,
            s.number,
            s.kind,
            s.procedure.code if s.procedure else "",
            s.directorate.name,
            s.team.name if s.team else "",
            s.received,
            s.acknowledged,
            s.acknowledge_due,
            s.due,
            s.responded,
            s.response_working_days,
            s.outcome,
            s.financial_remedy,
            s.is_commissioned,
            s.summary,
            s.learning,
            tuple(sorted(n.name for n in s.issue_natures.all())),
            tuple(sorted(r.type for r in s.remedies.all())),
        )
        for s in Stage.objects.select_related(
            "case", "procedure", "directorate", "team"
        ).prefetch_related("issue_natures", "remedies")
    )
    cases = sorted(
        (o.reference, o.case.reference if o.case else "", o.decision, o.decided)
        for o in OmbudsmanCase.objects.select_related("case")
    )
    return stages, cases


def test_export_then_import_into_an_empty_database_gives_the_same_records(tmp_path):
    rows = list(contact_rows(400, seed=11)) + RISKY
    complaints = [r["reference"] for r in rows if r["kind"] == "complaint"][:10]
    result = import_rows(
        contacts=rows,
        ombudsman=list(ombudsman_rows(15, complaint_references=complaints)),
    )
    assert result.ok, result.summary()
    before = _snapshot()

    first = export_write(out=tmp_path / "one")
    assert first.counts == {"contacts": len(rows), "ombudsman": 15}
    _wipe()
    again = import_files(first.paths)
    assert again.ok, again.summary()
    assert again.contacts.created == len(rows)
    assert again.linked_ombudsman == 10

    assert _snapshot() == before
    second = export_write(out=tmp_path / "two")
    for a, b in zip(first.paths, second.paths, strict=True):
        assert a.read_bytes() == b.read_bytes()
    # Importing the export over the same records changes nothing.
    assert import_files(second.paths).unchanged == len(rows) + 15


def test_export_files_follow_the_data_format(tmp_path):
    import_rows(
        contacts=[
            contact(
                issue_natures="Service Delay;Communication", remedies="training;apology"
            ),
            contact(reference="K-1", kind="compliment", stage="", procedure=""),
        ]
    )
    result = export_write(out=tmp_path)
    contacts_path, ombudsman_path = result.paths
    assert contacts_path.read_bytes().startswith(b"\xef\xbb\xbf")
    table = _read(contacts_path)
    assert tuple(table[0]) == CONTACT_COLUMNS
    assert tuple(_read(ombudsman_path)[0]) == OMBUDSMAN_COLUMNS
    rows = {r[0]: dict(zip(CONTACT_COLUMNS, r, strict=True)) for r in table[1:]}
    assert rows["CMP-1"]["issue_natures"] == "Communication;Service Delay"
    assert rows["CMP-1"]["remedies"] == "apology;training"
    assert (rows["K-1"]["stage"], rows["K-1"]["procedure"]) == ("", "")


def test_export_escapes_formulas(tmp_path):
    import_rows(contacts=RISKY)
    # A stored value that itself looks escaped gets one more apostrophe.
    Stage.objects.filter(case__reference="RISK-2").update(summary="'=already quoted")
    rows = {r[0]: r for r in _read(export_write(out=tmp_path).paths[0])[1:]}
    summary = CONTACT_COLUMNS.index("summary")
    learning = CONTACT_COLUMNS.index("learning")
    amount = CONTACT_COLUMNS.index("financial_remedy")
    assert rows["RISK-1"][summary] == '\'=HYPERLINK("http://evil","x")'
    assert rows["RISK-2"][learning] == "'-2+3"
    assert rows["RISK-2"][summary] == "''=already quoted"
    assert rows["RISK-3"][summary] == "'+44 20 7946 0000"
    assert rows["RISK-3"][amount] == "12.50"


def test_export_carries_the_deadlines_the_rules_give_for_blank_due(tmp_path):
    import_rows(
        contacts=[
            # Codes: ack 12 Apr 2023 across Easter, then 10 WD.
            contact(reference="L-1", received="2023-04-03", due=""),
            # Children's stage 1: 10 WD across Christmas 2022 and 2 Jan 2023.
            contact(reference="C-1", procedure="children_1989", received="2022-12-22"),
            # Adults: 6 calendar months, clamped to 28 February.
            contact(reference="A-1", procedure="adults_2009", received="2022-08-31"),
            # Housing Code across the state funeral (19 Sep 2022).
            contact(reference="H-1", procedure="ho_code", received="2022-09-16"),
        ]
    )
    table = _read(export_write(out=tmp_path).paths[0])
    due = CONTACT_COLUMNS.index("due")
    assert {r[0]: r[due] for r in table[1:]} == {
        "L-1": "2023-04-26",
        "C-1": "2023-01-10",
        "A-1": "2023-02-28",
        "H-1": "2022-10-10",
    }


def test_xlsx_export_has_both_sheets_as_text_and_imports_back(tmp_path):
    import_rows(contacts=RISKY)
    result = export_write(out=tmp_path, fmt="xlsx")
    book = load_workbook(result.paths[0], read_only=True)
    assert book.sheetnames == ["contacts", "ombudsman"]
    rows = list(book["contacts"].iter_rows(values_only=True))
    book.close()
    assert rows[0] == CONTACT_COLUMNS
    summary = CONTACT_COLUMNS.index("summary")
    assert rows[1][summary] == '\'=HYPERLINK("http://evil","x")'
    before = _snapshot()
    _wipe()
    again = import_files(result.paths)
    assert again.ok, again.summary()
    assert _snapshot() == before


def test_unknown_export_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="use csv or xlsx"):
        export_write(out=tmp_path, fmt="pdf")


def test_export_streams_in_chunks():
    import_rows(contacts=list(contact_rows(120, seed=2)))
    from putright.imports import exports

    rows = list(exports.contact_rows(chunk_size=50))
    assert len(rows) == 120
    assert len({r[0] + "/" + r[2] for r in rows}) == 120
    dates = [dt.date.fromisoformat(r[6]) for r in rows]
    assert all(d.year >= 2020 for d in dates)
