"""The import's fast paths give exactly the records of the plain ones (issue 12 item 1).

A large first load into an empty stage table sets the table's plain indexes aside and builds
them at the end (putright/imports/indexes.py); smaller loads and loads into a table that
already has stages keep the indexes throughout. Both must store the same records, and a dry
run or a failed run must leave the indexes as they were.
"""

from __future__ import annotations

import pytest

from putright.audit.models import AuditEvent
from putright.complaints.models import Case, Stage
from putright.imports import indexes, writers
from putright.imports.exports import export_write
from putright.imports.models import ImportRun
from putright.imports.readers import rows_source
from putright.imports.services import import_files, import_rows
from putright.imports.synthetic import contact_rows
from putright.imports.tests.conftest import contact

pytestmark = pytest.mark.django_db

# 2,600 rows: the first chunk (2,000) is long enough for the index pause.
ROWS = 2600


def _rows():
    return [
        *contact_rows(ROWS - 2, seed=7),
        contact(reference="ESC-1", summary="'=already quoted"),
        contact(reference="ESC-2", summary="Said:\n'hello' twice", learning="'+1"),
    ]


def _spy_drops(monkeypatch):
    dropped = []
    real = indexes.drop

    def spy(model):
        names = real(model)
        dropped.append([name for name, _ in names])
        return names

    monkeypatch.setattr(indexes, "drop", spy)
    return dropped


def _wipe():
    AuditEvent.objects.all().delete()
    ImportRun.objects.all().delete()
    Stage.objects.all().delete()
    Case.objects.all().delete()


def test_a_large_first_load_stores_the_same_records_as_one_keeping_its_indexes(
    tmp_path, monkeypatch
):
    before = indexes.plain_indexes(Stage)
    assert before  # the stage table has plain indexes to set aside

    monkeypatch.setattr(writers, "INDEX_PAUSE_ROWS", 10**9)  # never pause
    plain = import_rows(contacts=_rows())
    assert plain.ok, plain.summary()
    assert plain.contacts.created == ROWS
    slow = export_write(out=tmp_path / "slow")
    _wipe()

    monkeypatch.setattr(writers, "INDEX_PAUSE_ROWS", 2000)
    dropped = _spy_drops(monkeypatch)
    fast = import_rows(contacts=_rows())
    assert fast.ok, fast.summary()
    assert fast.contacts.created == ROWS
    assert dropped == [[name for name, _ in before]]
    assert indexes.plain_indexes(Stage) == before
    quick = export_write(out=tmp_path / "fast")
    for a, b in zip(slow.paths, quick.paths, strict=True):
        assert a.read_bytes() == b.read_bytes()

    # The escaped formula lost its apostrophe; the one after a line break is text.
    assert Stage.objects.get(case__reference="ESC-1").summary == "=already quoted"
    stage = Stage.objects.get(case__reference="ESC-2")
    assert stage.summary == "Said:\n'hello' twice"
    assert stage.learning == "+1"

    # Importing the export again changes nothing, and keeps the indexes.
    dropped.clear()
    again = import_files(quick.paths)
    assert again.unchanged == ROWS
    assert dropped == []
    assert indexes.plain_indexes(Stage) == before


def test_a_dry_run_and_a_failed_run_leave_the_stage_indexes_as_they_were(
    monkeypatch,
):
    before = indexes.plain_indexes(Stage)
    dropped = _spy_drops(monkeypatch)

    dry = import_rows(contacts=_rows(), dry_run=True)
    assert dry.ok
    assert dry.contacts.created == ROWS
    assert len(dropped) == 1
    assert Stage.objects.count() == 0
    assert indexes.plain_indexes(Stage) == before

    bad = [*_rows(), contact(reference="BAD-1", received="2023-02-30")]
    failed = import_rows(contacts=bad)
    assert not failed.ok
    assert [p.column for p in failed.errors] == ["received"]
    assert len(dropped) == 2  # the first chunk was written before the bad row
    assert Stage.objects.count() == 0
    assert indexes.plain_indexes(Stage) == before


def test_a_small_load_keeps_the_indexes(monkeypatch):
    dropped = _spy_drops(monkeypatch)
    result = import_rows(contacts=list(contact_rows(300, seed=3)))
    assert result.ok
    assert result.contacts.created == 300
    assert dropped == []


def test_rows_have_one_set_of_columns_and_only_leading_apostrophes_are_undone():
    source = rows_source(
        "rows",
        [
            contact(reference="A", summary="'=SUM(A1)"),
            contact(reference="B", summary="it's fine", team="  SEND  Team "),
        ],
        "contacts",
    )
    rows = [row for _number, row in source.rows()]
    assert rows[0]["summary"] == "=SUM(A1)"
    assert rows[1]["summary"] == "it's fine"
    assert rows[1]["team"] == "SEND  Team"  # trimmed here, spaces tidied by the checker
    assert rows[0].keys() == rows[1].keys()
