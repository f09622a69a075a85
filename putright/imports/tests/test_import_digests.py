"""A re-import passes over the rows it wrote before, unchanged (putright/imports/digests.py).

The digest may make a re-import faster, never different: each scenario below is run twice,
once as it is and once with every stored digest blanked (the full path for every row), and
the two must leave the same records and report the same counts.
"""

from __future__ import annotations

import random

import pytest
from django.db import transaction
from django.db.models import F

from putright.complaints.models import Case, ProcedureStage, Stage
from putright.imports.services import import_rows
from putright.imports.synthetic import contact_rows
from putright.imports.validation import ContactChecker
from putright.organisation.models import Directorate

pytestmark = pytest.mark.django_db

# More than one chunk (2,000 rows), shuffled so that a case's stages fall in different
# chunks: the case's version goes up after its first stage's digest was written.
ROWS = 2600
IGNORED = {"id", "created_at", "updated_at", "import_digest"}


def _rows() -> list[dict[str, str]]:
    rows = list(contact_rows(ROWS, seed=11))
    random.Random(3).shuffle(rows)
    return rows


def _spy_checks(monkeypatch) -> list[int]:
    checked: list[int] = []
    real = ContactChecker.check

    def spy(self, number, row):
        checked.append(number)
        return real(self, number, row)

    monkeypatch.setattr(ContactChecker, "check", spy)
    return checked


def _snapshot() -> list[tuple]:
    """Every stage as the app shows it: its case, fields and labels by name."""
    rows = []
    names = sorted(
        f.attname
        for f in Stage._meta.concrete_fields
        if f.attname not in IGNORED and not f.attname.endswith("_id")
    )
    stages = Stage.objects.select_related(
        "case", "directorate", "team", "complainant_type", "procedure"
    ).prefetch_related("issue_natures", "root_causes", "remedies")
    for stage in stages:
        rows.append(
            (
                stage.case.reference,
                stage.case.kind,
                stage.case.is_closed,
                stage.case.version,
                stage.directorate.name,
                stage.team.name if stage.team else "",
                stage.complainant_type.name if stage.complainant_type else "",
                stage.procedure.code if stage.procedure else "",
                sorted(n.name for n in stage.issue_natures.all()),
                sorted(c.name for c in stage.root_causes.all()),
                sorted((r.type, r.amount) for r in stage.remedies.all()),
                *(getattr(stage, name) for name in names),
            )
        )
    return sorted(rows)


def _scenario(change_in_app, changed_file, *, blank_digests: bool):
    """Import, change something in the app, import the (changed) file again."""
    rows = _rows()
    first = import_rows(contacts=rows)
    assert first.ok, first.summary()
    change_in_app()
    if blank_digests:
        Stage.objects.update(import_digest="")
    again = import_rows(contacts=changed_file(rows))
    assert again.ok, again.summary()
    counts = vars(again.contacts).copy(), again.closed_cases, again.learning_actions
    return counts, _snapshot()


class _Undo(Exception):
    def __init__(self, value):
        self.value = value


def _undone(scenario):
    """What `scenario` returns, run in a savepoint that is then rolled back."""
    try:
        with transaction.atomic():
            raise _Undo(scenario())
    except _Undo as undo:
        return undo.value


def _same_either_way(change_in_app, changed_file=lambda rows: rows):
    fast = _undone(lambda: _scenario(change_in_app, changed_file, blank_digests=False))
    full = _undone(lambda: _scenario(change_in_app, changed_file, blank_digests=True))
    assert fast == full
    return fast[0][0]


def test_a_reimport_of_the_same_rows_checks_none_of_them_and_writes_nothing(
    monkeypatch,
):
    assert import_rows(contacts=_rows()).ok
    assert not Stage.objects.filter(import_digest="").exists()
    before = list(Stage.objects.order_by("pk").values())
    cases = list(Case.objects.order_by("pk").values())
    checked = _spy_checks(monkeypatch)

    again = import_rows(contacts=_rows())

    assert again.ok, again.summary()
    assert (again.contacts.created, again.contacts.updated) == (0, 0)
    assert again.contacts.unchanged == ROWS
    assert checked == []
    assert list(Stage.objects.order_by("pk").values()) == before
    assert list(Case.objects.order_by("pk").values()) == cases


def test_records_without_a_valid_digest_get_one_when_compared_in_full(monkeypatch):
    # As after an upgrade (new rules) or for records imported before digests existed.
    assert import_rows(contacts=_rows()).ok
    Stage.objects.update(import_digest="")
    versions = list(Stage.objects.order_by("pk").values_list("version", flat=True))
    first = import_rows(contacts=_rows())
    assert first.contacts.unchanged == ROWS
    assert not Stage.objects.filter(import_digest="").exists()
    assert (
        list(Stage.objects.order_by("pk").values_list("version", flat=True)) == versions
    )

    checked = _spy_checks(monkeypatch)
    second = import_rows(contacts=_rows())
    assert second.contacts.unchanged == ROWS
    assert checked == []


def test_a_changed_row_is_checked_and_written_as_before():
    def edit(rows):
        rows = [dict(row) for row in rows]
        rows[5]["summary"] = "A different summary"
        rows[9]["responded"] = ""
        rows[9]["outcome"] = ""
        return rows

    counts = _same_either_way(lambda: None, edit)
    assert counts["updated"] == 2
    assert counts["unchanged"] == ROWS - 2


def test_a_record_changed_in_the_app_since_is_compared_again():
    def change_in_app():
        stage = Stage.objects.order_by("pk")[10]
        # As the casework services write: the stage's version and its case's go up.
        Stage.objects.filter(pk=stage.pk).update(
            summary="Edited by staff", version=F("version") + 1
        )
        Case.objects.filter(pk=stage.case_id).update(version=F("version") + 1)

    counts = _same_either_way(change_in_app)
    assert counts["updated"] == 1  # the file's summary is written back, as before


def test_a_directorate_renamed_in_the_app_sends_its_rows_down_the_full_path():
    renamed = []

    def rename():
        directorate = Directorate.objects.get(name=_rows()[0]["directorate"])
        renamed.append(directorate.pk)
        directorate.name = f"Renamed Directorate {len(renamed)}"
        directorate.save()

    counts = _same_either_way(rename)
    assert counts["updated"] > 0


def test_a_changed_procedure_rule_recomputes_the_deadlines():
    def slower():
        ProcedureStage.objects.filter(number=1).update(
            respond_days=F("respond_days") + 5
        )

    counts = _same_either_way(slower)
    assert counts["updated"] > 0


def test_a_repeated_row_is_still_refused_on_a_reimport():
    rows = _rows()
    assert import_rows(contacts=rows).ok
    again = import_rows(contacts=[*rows, rows[0]])
    assert not again.ok
    messages = [problem.message for problem in again.errors]
    assert any("is already in the data" in message for message in messages)
    assert again.errors[0].row == ROWS + 2
