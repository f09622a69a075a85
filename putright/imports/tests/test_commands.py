"""`putright import` and `putright export` from the command line."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from putright.complaints.models import Stage
from putright.imports.tests.conftest import contact, write_rows

pytestmark = pytest.mark.django_db


def test_import_command_reports_counts(csv_file, capsys):
    path = csv_file([contact(), contact(reference="CMP-2")])
    call_command("import", str(path))
    out = capsys.readouterr().out
    assert "Contact records: 2 created, 0 updated, 0 unchanged." in out
    call_command("import", str(path))
    assert "0 created, 0 updated, 2 unchanged" in capsys.readouterr().out


def test_import_command_lists_problems_and_exits_non_zero(csv_file, capsys):
    path = csv_file([contact(), contact(reference="CMP-2", received="2023-02-30")])
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(path))
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "row 3, column received: value 2023-02-30: there is no such date." in err
    assert Stage.objects.count() == 0


def test_import_command_dry_run_saves_nothing(csv_file, capsys):
    call_command("import", str(csv_file([contact()])), "--dry-run")
    assert "Would import 1 rows" in capsys.readouterr().out
    assert Stage.objects.count() == 0


def test_import_command_refuses_a_bad_map(csv_file, tmp_path):
    map_path = tmp_path / "map.json"
    map_path.write_text(json.dumps({"columns": {"Ref": "nonsense"}}), encoding="utf-8")
    with pytest.raises(CommandError, match="unknown column names: nonsense"):
        call_command("import", str(csv_file([contact()])), "--map", str(map_path))


def test_export_command_writes_both_files(tmp_path, csv_file, capsys):
    call_command("import", str(csv_file([contact()])))
    call_command("export", "--out", str(tmp_path / "out"))
    assert "Exported 1 contact records and 0 Ombudsman cases" in capsys.readouterr().out
    assert (tmp_path / "out" / "contacts.csv").exists()
    assert (tmp_path / "out" / "ombudsman.csv").exists()


def _putright(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["PUTRIGHT_VAR_DIR"] = str(tmp_path / "var")
    env["PUTRIGHT_ENV"] = "development"
    env["DEBUG"] = "0"
    command = Path(sys.executable).parent / "putright"
    return subprocess.run(  # noqa: S603 - our own entry point
        [str(command), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
def test_installed_entry_point_exit_status(tmp_path):
    assert _putright(tmp_path, "migrate", "-v0").returncode == 0
    setup = ("setup", "--noinput", "--council", "Testford", "--nation", "england")
    assert _putright(tmp_path, *setup).returncode == 0
    good = write_rows(tmp_path / "good.csv", [contact()])
    bad = write_rows(tmp_path / "bad.csv", [contact(reference="B", procedure="x")])

    failed = _putright(tmp_path, "import", str(bad))
    assert failed.returncode == 1
    assert "row 2, column procedure: value x: unknown procedure" in failed.stderr
    assert "Traceback" not in failed.stderr

    done = _putright(tmp_path, "import", str(good))
    assert done.returncode == 0, done.stderr
    assert "1 created" in done.stdout

    exported = _putright(tmp_path, "export", "--out", str(tmp_path / "out"))
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "out" / "contacts.csv").read_text(encoding="utf-8-sig").count(
        "CMP-1"
    ) == 1


def test_export_command_refuses_a_file_as_folder(tmp_path):
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="is a file"):
        call_command("export", "--out", str(target))


def test_export_is_audited_without_personal_data(tmp_path, csv_file):
    from putright.audit.models import AuditEvent

    call_command("import", str(csv_file([contact(summary="Mrs Smith's hedge")])))
    call_command("export", "--out", str(tmp_path / "out"))
    event = AuditEvent.objects.get(verb="exported")
    assert event.after["counts"] == {"contacts": 1, "ombudsman": 0}
    assert "Smith" not in str(event.after) + event.message


def test_import_command_names_both_bad_rows_of_a_large_file(csv_file, capsys):
    from putright.imports.synthetic import contact_rows

    rows = list(contact_rows(500, seed=9))
    rows[99]["received"] = "2023-02-30"
    rows[449] = contact(reference="BAD-451", procedure="nonesuch")
    path = csv_file(rows)
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(path))
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "row 101, column received: value 2023-02-30" in err
    assert "row 451, column procedure: value nonesuch" in err
    assert "Nothing was imported: 2 problems" in err
    assert Stage.objects.count() == 0


def test_database_failure_is_reported_without_a_traceback(csv_file, monkeypatch):
    from django.db import OperationalError

    from putright.imports import writers

    def locked(self, rows):
        raise OperationalError("database is locked")

    monkeypatch.setattr(writers.Writer, "contacts", locked)
    with pytest.raises(CommandError, match="nothing was saved: database is locked"):
        call_command("import", str(csv_file([contact()])))
    assert Stage.objects.count() == 0
