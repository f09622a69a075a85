"""The `generate`, `demo` and `demo_users` commands, and the demo rows through the importer."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from putright.accounts.models import User
from putright.audit.models import AuditEvent
from putright.complaints.constants import Kind
from putright.complaints.models import Case, LearningAction, Procedure, Stage
from putright.demo.generator import generate_rows
from putright.demo.services import demo_procedure_ensure
from putright.demo.tests.test_generator import CONTACT_HEADER, OMBUDSMAN_HEADER
from putright.imports.services import import_rows
from putright.ombudsman.models import OmbudsmanCase
from putright.organisation.models import Council

TODAY = dt.date(2026, 11, 22)
DEMO_PASSWORD = "putright-demo-2026"  # as documented in docs/adr/0003-demo-data.md


def _call(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


# -- generate -----------------------------------------------------------------------------


def test_generate_writes_csv_files_with_exactly_the_interchange_headers(tmp_path):
    output = _call(
        "generate", "--records", "250", "--out", str(tmp_path), "--today", "2026-11-22"
    )
    with (tmp_path / "contacts.csv").open(encoding="utf-8-sig", newline="") as f:
        contacts = list(csv.reader(f))
    with (tmp_path / "ombudsman.csv").open(encoding="utf-8-sig", newline="") as f:
        ombudsman = list(csv.reader(f))
    assert contacts[0] == CONTACT_HEADER
    assert ombudsman[0] == OMBUDSMAN_HEADER
    assert len(contacts) == 251
    assert "Wrote 250 contact rows" in output


def test_generate_writes_one_workbook_with_two_named_sheets(tmp_path):
    _call(
        "generate", "--records", "40", "--out", str(tmp_path), "--format", "xlsx",
        "--seed", "3",
    )  # fmt: skip
    workbook = load_workbook(tmp_path / "putright-generated.xlsx", read_only=True)
    assert workbook.sheetnames == ["contacts", "ombudsman"]
    rows = list(workbook["contacts"].iter_rows(values_only=True))
    assert list(rows[0]) == CONTACT_HEADER
    assert len(rows) == 41
    assert list(next(workbook["ombudsman"].iter_rows(values_only=True))) == (
        OMBUDSMAN_HEADER
    )


def test_generate_same_seed_writes_identical_files(tmp_path):
    for name in ("a", "b"):
        _call(
            "generate", "--records", "300", "--out", str(tmp_path / name),
            "--seed", "9", "--today", "2026-11-22",
        )  # fmt: skip
    for table in ("contacts.csv", "ombudsman.csv"):
        assert (tmp_path / "a" / table).read_bytes() == (
            tmp_path / "b" / table
        ).read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--records", "0"], "--records must be 1 or more"),
        (["--records", "lots"], "--records 'lots' is not a whole number"),
        (["--records", "10", "--seed", "x"], "--seed 'x' is not a whole number"),
        (["--records", "10", "--format", "pdf"], "--format 'pdf' is not known"),
        (["--records", "10", "--today", "22/11/2026"], "write it as YYYY-MM-DD"),
        (["--records", "2000000", "--format", "xlsx"], "use --format csv"),
    ],
)
def test_generate_rejects_bad_arguments_with_a_clear_message(tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        _call("generate", "--out", str(tmp_path / "out"), *args)
    assert not (tmp_path / "out" / "contacts.csv").exists()


def test_generate_refuses_a_file_as_the_output_folder(tmp_path):
    target = tmp_path / "taken"
    target.write_text("not a folder")
    with pytest.raises(CommandError, match="is a file"):
        _call("generate", "--records", "5", "--out", str(target))
    assert target.read_text() == "not a folder"


def test_generate_from_the_command_line_fails_without_a_traceback(tmp_path):
    env = {
        **os.environ,
        "PUTRIGHT_VAR_DIR": str(tmp_path),
        "PUTRIGHT_ENV": "development",
    }
    result = subprocess.run(  # noqa: S603 - our own entry point
        [sys.executable, "-m", "putright", "generate", "--records", "-3", "--out",
         str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "--records must be 1 or more" in result.stderr
    assert "Traceback" not in result.stderr


# -- the rows through the importer --------------------------------------------------------


@pytest.mark.django_db
def test_generated_rows_pass_the_importer_and_link_ombudsman_cases():
    contacts, ombudsman = generate_rows(1500, 4, TODAY)
    contacts, ombudsman = list(contacts), list(ombudsman)
    result = import_rows(contacts=contacts, ombudsman=ombudsman, source="test")
    assert result.ok, result.summary()
    assert Stage.objects.count() == 1500
    assert OmbudsmanCase.objects.count() == len(ombudsman)
    linked = sum(1 for row in ombudsman if row["complaint_reference"])
    assert OmbudsmanCase.objects.filter(case__isnull=False).count() == linked


@pytest.mark.django_db
def test_rows_with_the_council_procedure_need_it_configured_first():
    contacts, _ = generate_rows(800, 4, TODAY, council_procedure=True)
    contacts = list(contacts)
    assert any(row["procedure"] == "corporate_21" for row in contacts)
    rejected = import_rows(contacts=contacts, dry_run=True)
    assert not rejected.ok
    assert "corporate_21" in rejected.summary()
    demo_procedure_ensure()
    assert import_rows(contacts=contacts, dry_run=True).ok


# -- demo ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_if_empty_twice_loads_once():
    first = _call("demo", "--if-empty", "--records", "600", "--today", "2026-11-22")
    assert "Loaded the demo council: Demo Borough Council." in first
    stages = Stage.objects.count()
    # The 600 rows through the importer, and the recent cases the services logged on top
    # (putright.demo.today), which are the only ones with a "case.logged" event.
    logged = AuditEvent.objects.filter(verb="case.logged").values("case_id")
    assert Stage.objects.exclude(case_id__in=logged).count() == 600
    assert 30 <= Case.objects.filter(pk__in=logged).count() <= 60
    second = _call("demo", "--if-empty", "--records", "600", "--today", "2026-11-22")
    assert "already holds cases" in second
    assert Stage.objects.count() == stages


@pytest.mark.django_db
def test_demo_sets_up_the_council_its_procedure_and_casework_extras():
    _call("demo", "--records", "3000", "--today", "2026-11-22", "--seed", "5")
    council = Council.load()
    assert council.name == "Demo Borough Council"
    assert council.nation == "england"
    assert 200_000 <= council.population <= 300_000
    assert float(council.timescale_target_percent) == 90
    assert dt.date(2026, 12, 24) in council.closure_dates()
    procedure = Procedure.objects.get(code="corporate_21")
    assert procedure.day_basis == "calendar"
    assert [s.respond_days for s in procedure.stages.all()] == [21, 21]
    actions = LearningAction.objects.all()
    assert actions.exists()
    assert all(a.owner_name and a.due for a in actions)
    assert {a.status for a in actions} >= {"complete", "open"}
    assert all(a.completed_on for a in actions if a.status == "complete")
    extended = Stage.objects.filter(extended_to__isnull=False)
    assert extended.exists()
    assert not extended.filter(extension_reason="").exists()
    officer = User.objects.get(username="send.officer")
    manager = User.objects.get(username="childrens.manager")
    this_year = Stage.objects.filter(
        team=officer.team, kind=Kind.COMPLAINT, received__gte=dt.date(2026, 4, 1)
    )
    imported = this_year.exclude(case__audit_events__verb="case.logged")
    assert imported.filter(number=1).exists()
    assert all(s.handler_id == officer.pk for s in imported.filter(number=1))
    assert all(s.handler_id == manager.pk for s in imported.filter(number=2))
    # A stage 2 is never handled by the stage 1 officer (HO Code 6.13), including the
    # recent ones the services made (stage 1 answered by the complaints team).
    for stage in this_year.filter(number=2):
        first = Stage.objects.get(case_id=stage.case_id, number=1)
        assert stage.handler_id != first.handler_id


@pytest.mark.django_db
def test_demo_rejects_a_bad_date_and_changes_nothing():
    with pytest.raises(CommandError, match="write it as YYYY-MM-DD"):
        _call("demo", "--today", "next tuesday")
    with pytest.raises(CommandError, match="--records must be 1 or more"):
        _call("demo", "--records", "0")
    assert not Case.objects.exists()


@pytest.mark.slow
@pytest.mark.django_db
def test_full_demo_loads_four_years_of_the_promised_volumes():
    output = _call("demo", "--today", "2026-11-22")
    assert "2023/2024" in output
    assert "2026/2027" in output
    full_year = Stage.objects.filter(
        received__range=(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    )
    stage_1 = full_year.filter(kind=Kind.COMPLAINT, number=1).count()
    assert 450 <= stage_1 <= 750
    assert full_year.filter(kind=Kind.COMPLIMENT).count() >= 200
    assert not Stage.objects.filter(received__gt=TODAY).exists()
    assert not Stage.objects.filter(responded__gt=TODAY).exists()
    assert OmbudsmanCase.objects.filter(ombudsman="ho").exists()


# -- demo_users ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_users_prints_one_login_per_role_and_each_can_sign_in(client, monkeypatch):
    monkeypatch.delenv("PUTRIGHT_DEMO_PASSWORD", raising=False)
    output = _call("demo_users")
    assert "demo only" in output.lower()
    assert DEMO_PASSWORD in output
    for role in User.Role:
        assert User.objects.filter(role=role).exists()
        assert role.label in output
    admin = User.objects.get(role=User.Role.ADMINISTRATOR)
    assert admin.is_staff
    assert admin.is_superuser
    officer = User.objects.get(username="send.officer")
    assert (officer.directorate.name, officer.team.name) == ("Children's", "SEND Team")
    for user in User.objects.all():
        assert user.username in output
        response = client.post(
            reverse("accounts:login"),
            {"username": user.username, "password": DEMO_PASSWORD},
        )
        assert response.status_code == 302, user.username
        assert client.session["_auth_user_id"] == str(user.pk)
        client.logout()


@pytest.mark.django_db
def test_demo_users_takes_the_password_from_the_environment_and_resets_it(
    client, monkeypatch
):
    _call("demo_users")
    monkeypatch.setenv("PUTRIGHT_DEMO_PASSWORD", "another long demo phrase")
    output = _call("demo_users")
    assert DEMO_PASSWORD not in output
    assert User.objects.filter(username="complaints").count() == 1
    login = reverse("accounts:login")
    old = client.post(login, {"username": "complaints", "password": DEMO_PASSWORD})
    assert "_auth_user_id" not in client.session
    assert old.status_code != 302
    new = client.post(
        login, {"username": "complaints", "password": "another long demo phrase"}
    )
    assert new.status_code == 302


@pytest.mark.django_db
@pytest.mark.no_council
def test_demo_creates_the_council_on_an_empty_database():
    _call("demo", "--records", "300", "--today", "2026-11-22")
    assert Council.objects.get().name == "Demo Borough Council"


@pytest.mark.django_db
def test_demo_people_are_fictitious_and_some_have_several_cases():
    """The demo has people to find in a subject access request and to anonymise."""
    from django.db.models import Count

    call_command(
        "demo", "--records", "600", "--today", "2026-11-22", stdout=io.StringIO()
    )

    emails = Case.objects.exclude(contact_email="").values_list(
        "contact_email", flat=True
    )
    assert emails
    assert all(email.endswith("@example.org") for email in emails)
    phones = Case.objects.exclude(contact_phone="").values_list(
        "contact_phone", flat=True
    )
    assert all(phone.startswith("01632 960") for phone in phones)
    repeat = (
        Case.objects.exclude(contact_email="")
        .values("contact_email")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert repeat.exists()


@pytest.mark.django_db
def test_a_contact_logged_after_the_demo_continues_its_one_reference_series():
    import time_machine

    from putright.complaints import services
    from putright.core import references

    _call("demo", "--records", "400", "--today", "2026-11-22", "--seed", "3")
    council = Council.load()
    stored = list(Case.objects.values_list("reference", flat=True))
    highest = references.highest_numbers(
        council.reference_pattern, council.reference_prefix, stored
    )
    assert len(highest) >= 3  # every demo reference is in the council's series
    assert sum(1 for r in stored if r.startswith("CF-")) == len(stored)
    officer = User.objects.get(username="complaints")
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)):
        case = services.case_log(
            by=officer,
            kind=Kind.COMPLIMENT,
            channel="email",
            received=dt.date(2026, 11, 23),
            directorate=Stage.objects.first().directorate,
            summary="Thank you to the bin crew.",
        )
    assert case.reference == f"CF-2026-{highest[2026] + 1:06d}"
