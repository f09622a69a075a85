"""Importing interchange rows: all or nothing, idempotent, every problem listed (§4.3)."""

import datetime as dt
from decimal import Decimal

import pytest

from putright.audit.models import AuditEvent
from putright.complaints.models import (
    Case,
    ComplainantType,
    IssueNature,
    Procedure,
    ProcedureStage,
    Remedy,
    Stage,
)
from putright.imports import writers
from putright.imports.services import ImportProblem, import_files, import_rows
from putright.imports.synthetic import contact_rows
from putright.imports.tests.conftest import contact, ombudsman
from putright.ombudsman.models import OmbudsmanCase
from putright.organisation.models import Directorate, Team

pytestmark = pytest.mark.django_db
D = dt.date


def _record_count():
    return (
        Case.objects.count(),
        Stage.objects.count(),
        OmbudsmanCase.objects.count(),
        Directorate.objects.count(),
        Team.objects.count(),
        IssueNature.objects.count(),
        AuditEvent.objects.count(),
    )


def _only_problem(result):
    assert not result.ok
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    return str(result.errors[0])


def test_multi_year_file_imports_and_reimport_changes_nothing(csv_file):
    rows = list(contact_rows(3000, seed=7, years=4))
    path = csv_file(rows)

    first = import_files([path])

    assert first.ok, first.summary()
    assert first.contacts.created == 3000
    assert Stage.objects.count() == 3000
    years = {d.year for d in Stage.objects.values_list("received", flat=True)}
    assert len(years) >= 4
    before = _record_count()
    stored = list(Stage.objects.order_by("pk").values())

    again = import_files([path])

    assert again.ok
    assert (again.contacts.created, again.contacts.updated) == (0, 0)
    assert again.contacts.unchanged == 3000
    assert "3000 unchanged" in again.summary()
    # Only the second run's audit event is new; no record changed.
    assert _record_count()[:-1] == before[:-1]
    assert list(Stage.objects.order_by("pk").values()) == stored


def test_invalid_rows_are_all_reported_and_nothing_is_written(csv_file):
    rows = list(contact_rows(600, seed=3))
    rows[99]["received"] = "2023-02-30"
    rows[449] = contact(reference="BAD-451", procedure="nonesuch")
    path = csv_file(rows)
    before = _record_count()

    result = import_files([path])

    lines = [str(e) for e in result.errors]
    assert not result.ok
    assert "row 101, column received: value 2023-02-30: there is no such date." in lines
    assert any(
        line.startswith("row 451, column procedure: value nonesuch: unknown procedure")
        for line in lines
    )
    assert "Nothing was imported" in result.summary()
    assert _record_count() == before


def test_a_crash_part_way_leaves_nothing(csv_file, monkeypatch):
    path = csv_file(list(contact_rows(300, seed=5)))
    calls = []
    original = writers.Writer.contacts

    def fail_on_second_chunk(self, rows):
        calls.append(len(rows))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        original(self, rows)

    monkeypatch.setattr(writers.Writer, "contacts", fail_on_second_chunk)
    monkeypatch.setattr("putright.imports.services.CHUNK", 100)
    before = _record_count()
    with pytest.raises(RuntimeError):
        import_files([path])
    assert _record_count() == before


def test_changed_row_updates_the_record():
    import_rows(
        contacts=[
            contact(outcome="", issue_natures="Service Delay", remedies="apology")
        ]
    )
    stage = Stage.objects.get()

    result = import_rows(
        contacts=[
            contact(
                responded="2023-04-20",
                outcome="partly_upheld",
                issue_natures="Service Delay;Staff Conduct",
                remedies="apology;financial",
                financial_remedy="75.50",
            )
        ]
    )

    assert result.ok, result.summary()
    assert (result.contacts.created, result.contacts.updated) == (0, 1)
    stage.refresh_from_db()
    assert stage.outcome == "partly_upheld"
    assert stage.responded == D(2023, 4, 20)
    assert stage.response_working_days == 11
    # Its only stage now has a response and an outcome, so the import closed the case.
    assert stage.status == "closed"
    assert stage.version == 2
    assert sorted(n.name for n in stage.issue_natures.all()) == [
        "Service Delay",
        "Staff Conduct",
    ]
    assert dict(Remedy.objects.values_list("type", "amount")) == {
        "apology": None,
        "financial": Decimal("75.50"),
    }


def test_columns_missing_from_a_file_leave_stored_values_alone():
    import_rows(contacts=[contact(summary="Late reply about transport.")])
    slim = {
        "reference": "CMP-1",
        "kind": "complaint",
        "stage": "1",
        "procedure": "lgsco_code",
        "directorate": "Children's",
        "received": "2023-04-03",
        "outcome": "upheld",
    }
    result = import_rows(contacts=[slim])
    assert result.contacts.updated == 1
    stage = Stage.objects.get()
    assert stage.summary == "Late reply about transport."
    assert stage.team.name == "SEND Team"
    assert stage.outcome == "upheld"


def test_blank_due_is_computed_and_a_given_due_is_kept():
    result = import_rows(
        contacts=[
            contact(reference="A", received="2023-04-03"),
            contact(reference="B", received="2023-04-03", due="2023-05-31"),
            contact(
                reference="C",
                procedure="children_1989",
                received="2022-12-22",
            ),
        ]
    )
    assert result.ok, result.summary()
    due = dict(Stage.objects.values_list("case__reference", "due"))
    # Ack 12 Apr (Easter), due 10 WD later; children's 10 WD across Christmas 2022.
    assert due == {"A": D(2023, 4, 26), "B": D(2023, 5, 31), "C": D(2023, 1, 10)}


def test_new_directorates_teams_and_open_labels_are_created_and_listed():
    ComplainantType.objects.create(name="parent")
    result = import_rows(
        contacts=[
            contact(
                directorate="Place",
                team="Highways",
                complainant_type="Parent",
                issue_natures="Potholes;  Service   Delay ",
                root_causes="Resource pressure",
                refusal_reason="",
            ),
            contact(reference="CMP-2", directorate="place", issue_natures="potholes"),
        ]
    )
    assert result.ok, result.summary()
    assert result.created_directorates == ["Place"]
    assert result.created_teams == ["Highways (Place)", "SEND Team (Place)"]
    assert result.created_labels["issue natures"] == ["Potholes", "Service Delay"]
    assert result.created_labels["complainant types"] == []
    assert ComplainantType.objects.count() == 1
    summary = result.summary()
    assert "New directorates: Place" in summary
    assert "New issue natures: Potholes, Service Delay" in summary


@pytest.mark.parametrize(
    ("values", "line"),
    [
        ({"kind": "grumble"}, "row 2, column kind: value grumble: not one of"),
        ({"kind": ""}, "row 2, column kind: value (blank): required."),
        ({"outcome": "sort of"}, "row 2, column outcome: value sort of: not one of"),
        ({"channel": "pigeon"}, "row 2, column channel: value pigeon: not one of"),
        ({"remedies": "apology;cake"}, "row 2, column remedies: value cake: not one"),
        (
            {"procedure": ""},
            "row 2, column procedure: value (blank): a complaint needs",
        ),
        ({"stage": ""}, "row 2, column stage: value (blank): a complaint needs"),
        ({"stage": "4"}, "row 2, column stage: value 4: use 1, 2 or 3."),
        ({"stage": "3"}, "row 2, column stage: value 3: procedure lgsco_code has no"),
        ({"directorate": ""}, "row 2, column directorate: value (blank): required."),
        ({"received": ""}, "row 2, column received: value (blank): required."),
        ({"received": "03/04/2023"}, "row 2, column received: value 03/04/2023: not a"),
        ({"received": "2023-13-01"}, "row 2, column received: value 2023-13-01: there"),
        ({"received": "2023-04-0\u0663"}, "row 2, column received: value 2023-04-0"),
        (
            {"acknowledged": "2023-4-5"},
            "row 2, column acknowledged: value 2023-4-5: not a",
        ),
        ({"due": "2023-02-29"}, "row 2, column due: value 2023-02-29: there is no"),
        (
            {"responded": "2023-04-02"},
            "row 2, column responded: value 2023-04-02: the response cannot be before",
        ),
        (
            {"financial_remedy": "12.345"},
            "row 2, column financial_remedy: value 12.345: an amount in pounds has at",
        ),
        (
            {"financial_remedy": "-5"},
            "row 2, column financial_remedy: value -5: an amount cannot be negative.",
        ),
        (
            {"financial_remedy": "lots"},
            "row 2, column financial_remedy: value lots: not an amount",
        ),
        (
            {"commissioned": "maybe"},
            "row 2, column commissioned: value maybe: use true or false",
        ),
        (
            {"kind": "mp_enquiry", "stage": "", "procedure": ""},
            "row 2, column constituency: value (blank): an MP enquiry needs",
        ),
        (
            {"kind": "compliment", "stage": "2", "procedure": ""},
            "row 2, column stage: value 2: only complaints have stages",
        ),
        (
            {"kind": "compliment", "stage": ""},
            "row 2, column procedure: value lgsco_code: only complaints follow",
        ),
        ({"reference": "X" * 51}, "row 2, column reference: value XXXX"),
    ],
)
def test_bad_contact_values_are_rejected_with_row_column_value_and_reason(values, line):
    result = import_rows(contacts=[contact(**values)])
    assert _only_problem(result).startswith(line)
    assert Case.objects.count() == 0


def test_every_problem_in_a_row_is_reported():
    result = import_rows(
        contacts=[contact(kind="complaint", outcome="meh", received="2023-02-30")]
    )
    columns = sorted(e.column for e in result.errors)
    assert columns == ["outcome", "received"]


def test_duplicate_reference_and_stage_is_rejected():
    result = import_rows(contacts=[contact(), contact(outcome="upheld")])
    assert _only_problem(result) == (
        "row 3, column reference: value CMP-1: stage 1 of this reference is already "
        "in the data (the reference first appears in row 2)."
    )


def test_one_reference_is_one_kind_of_contact():
    result = import_rows(
        contacts=[contact(), contact(kind="compliment", stage="", procedure="")]
    )
    assert "is a complaint in row 2" in _only_problem(result)


def test_later_stage_without_its_earlier_stage_is_accepted():
    result = import_rows(contacts=[contact(stage="2", received="2023-05-03")])
    assert result.ok, result.summary()
    stage = Stage.objects.get()
    assert (stage.number, stage.acknowledge_due, stage.due) == (
        2,
        D(2023, 5, 11),
        D(2023, 6, 9),
    )


def test_council_defined_procedure_code_is_accepted():
    procedure = Procedure.objects.create(
        code="corporate_21",
        name="Corporate 21 days",
        family="corporate",
        day_basis="calendar",
        ombudsman="lgsco",
    )
    ProcedureStage.objects.create(
        procedure=procedure, number=1, respond_days=21, respond_unit="calendar_days"
    )
    result = import_rows(contacts=[contact(procedure="corporate_21")])
    assert result.ok, result.summary()
    assert Stage.objects.get().due == D(2023, 4, 24)


def test_non_complaint_contacts_have_no_procedure_and_keep_their_due():
    result = import_rows(
        contacts=[
            contact(
                reference="CMPL-1",
                kind="compliment",
                stage="",
                procedure="",
                due="",
                responded="2023-04-11",
            ),
            contact(
                reference="MP-1",
                kind="mp_enquiry",
                stage="",
                procedure="",
                constituency="Demo North",
                due="2023-04-17",
            ),
        ]
    )
    assert result.ok, result.summary()
    compliment = Stage.objects.get(case__reference="CMPL-1")
    assert (compliment.number, compliment.procedure, compliment.due) == (1, None, None)
    assert compliment.response_working_days == 4
    assert Stage.objects.get(case__reference="MP-1").due == D(2023, 4, 17)


def test_ombudsman_rows_link_to_complaints_imported_in_the_same_run():
    result = import_rows(
        ombudsman=[
            ombudsman(
                complaint_reference="CMP-1", decision="upheld", remedy_amount="300"
            ),
            ombudsman(reference="22 001 999", complaint_reference="NOT-HERE"),
        ],
        contacts=[contact()],
    )
    assert result.ok, result.summary()
    assert result.linked_ombudsman == 1
    linked = OmbudsmanCase.objects.get(reference="22 001 234")
    assert linked.case.reference == "CMP-1"
    assert linked.remedy_amount == Decimal("300.00")
    assert OmbudsmanCase.objects.get(reference="22 001 999").case is None
    again = import_rows(
        contacts=[contact()],
        ombudsman=[
            ombudsman(
                complaint_reference="CMP-1", decision="upheld", remedy_amount="300"
            ),
            ombudsman(reference="22 001 999", complaint_reference="NOT-HERE"),
        ],
    )
    assert (again.ombudsman.unchanged, again.contacts.unchanged) == (2, 1)


@pytest.mark.parametrize(
    ("values", "line"),
    [
        ({"ombudsman": "pgo"}, "row 2, column ombudsman: value pgo: not one of"),
        (
            {"decision": "maladministration"},
            "row 2, column decision: value maladministration: not one of",
        ),
        (
            {"ombudsman": "ho", "decision": "closed_after_initial_enquiries"},
            "row 2, column decision: value closed_after_initial_enquiries: not one of",
        ),
        (
            {"decided": "2023-05-01"},
            "row 2, column decided: value 2023-05-01: the decision cannot be before",
        ),
        ({"recommendations": "two"}, "row 2, column recommendations: value two: use"),
        (
            {"recommendations": "1", "recommendations_on_time": "2"},
            "row 2, column recommendations: value 1: fewer recommendations",
        ),
        ({"investigation": "perhaps"}, "row 2, column investigation: value perhaps"),
        ({"team": "SEND Team"}, "row 2, column team: value SEND Team: a team needs"),
    ],
)
def test_bad_ombudsman_values_are_rejected(values, line):
    result = import_rows(ombudsman=[ombudsman(**values)])
    assert _only_problem(result).startswith(line)
    assert OmbudsmanCase.objects.count() == 0


def test_housing_ombudsman_decisions_are_valid_for_the_housing_ombudsman():
    result = import_rows(
        ombudsman=[ombudsman(ombudsman="ho", decision="severe_maladministration")]
    )
    assert result.ok, result.summary()


def test_one_audit_event_per_run():
    result = import_rows(contacts=[contact(), contact(reference="CMP-2")])
    assert result.ok
    event = AuditEvent.objects.get()
    assert event.verb == "imported"
    assert event.after["contacts"]["created"] == 2
    assert event.after["rows"] == 2
    # No personal data (summaries) in the audit payload.
    assert "summary" not in event.after


def test_dry_run_counts_but_writes_nothing():
    before = _record_count()
    result = import_rows(contacts=[contact(), contact(reference="CMP-2")], dry_run=True)
    assert result.ok
    assert result.contacts.created == 2
    assert "dry run: nothing was saved" in result.summary()
    assert _record_count() == before


def test_problem_line_format():
    problem = ImportProblem(7, "received", "2023-02-30", "there is no such date.")
    assert (
        str(problem)
        == "row 7, column received: value 2023-02-30: there is no such date."
    )


@pytest.mark.parametrize("column", ["team", "issue_natures", "constituency"])
def test_labels_longer_than_the_database_holds_are_rejected(column):
    values = {column: "x" * 201}
    if column == "constituency":
        values.update(kind="mp_enquiry", stage="", procedure="")
    result = import_rows(contacts=[contact(**values)])
    assert _only_problem(result).endswith("longer than 200 characters.")


def test_bulk_inserted_records_get_model_defaults_and_timestamps():
    from django.utils import timezone

    before = timezone.now()
    import_rows(contacts=[contact()])
    stage = Stage.objects.select_related("case").get()
    assert (stage.version, stage.extension_reason, stage.handler) == (1, "", None)
    assert stage.case.is_closed is False
    assert before - dt.timedelta(seconds=5) <= stage.created_at <= timezone.now()
    assert stage.case.created_at.tzinfo is not None
