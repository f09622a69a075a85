"""Imports started from the web: stored, queued for the worker, imported once, file removed."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from putright.audit.models import AuditEvent
from putright.complaints.models import Stage
from putright.imports.models import ImportRun, ImportUpload
from putright.imports.tests.conftest import contact, write_rows
from putright.imports.upload_work import import_upload_execute
from putright.imports.uploads import UploadError, import_upload_start

pytestmark = pytest.mark.django_db


def _upload(tmp_path, rows, name="contacts.csv"):
    path = write_rows(tmp_path / name, rows)
    return SimpleUploadedFile(name, path.read_bytes(), content_type="text/csv")


def test_an_upload_is_queued_and_the_worker_imports_it(alice, tmp_path, task_queue):
    upload = _upload(tmp_path, [contact(), contact(reference="CMP-2")])

    run = import_upload_start(user=alice, upload=upload)

    assert run.status == ImportUpload.Status.QUEUED
    assert Stage.objects.count() == 0  # nothing imported inside the request
    stored = run.file.name
    assert run.file.storage.exists(stored)
    queued = task_queue.tasks().get()
    assert queued.task_path == "putright.imports.tasks.import_uploaded_file"
    assert queued.args_kwargs["kwargs"] == {"run_id": run.pk}
    assert AuditEvent.objects.filter(verb="import_requested", actor=alice).exists()

    task_queue.work()

    run.refresh_from_db()
    assert run.status == ImportUpload.Status.DONE
    assert Stage.objects.count() == 2
    assert "Contact records: 2 created" in run.summary
    assert run.import_run == ImportRun.objects.get()
    assert run.import_run.actor == alice
    # The upload held personal data; the records have it now, so the file is gone.
    assert not run.file
    assert not run.file.storage.exists(stored)


def test_a_file_with_problems_is_refused_with_its_rows_named(alice, tmp_path):
    upload = _upload(
        tmp_path, [contact(), contact(reference="CMP-2", received="2023-02-30")]
    )

    run = import_upload_start(user=alice, upload=upload)

    assert run.status == ImportUpload.Status.FAILED
    assert run.error.startswith("Nothing was imported: 1 problem found")
    assert "row 3, column received: value 2023-02-30: there is no such date." in (
        run.summary
    )
    assert run.attempts == 1  # a refused file is not retried
    assert Stage.objects.count() == 0


def test_a_crash_is_recorded_as_a_sentence_and_saves_nothing(alice, tmp_path):
    upload = _upload(tmp_path, [contact()])
    with mock.patch(
        "putright.imports.upload_work.import_files",
        side_effect=RuntimeError("connection reset by peer at 0x7f"),
    ):
        run = import_upload_start(user=alice, upload=upload)
    assert run.status == ImportUpload.Status.FAILED
    assert run.error.startswith("The import stopped and nothing was saved.")
    assert "0x7f" not in run.error
    assert "Traceback" not in run.error
    assert Stage.objects.count() == 0
    assert not run.file


def test_an_upload_is_imported_once_even_if_queued_twice(alice, tmp_path):
    run = import_upload_start(user=alice, upload=_upload(tmp_path, [contact()]))
    assert run.status == ImportUpload.Status.DONE
    with mock.patch("putright.imports.upload_work.import_files") as again:
        assert import_upload_execute(run_id=run.pk) is None
    again.assert_not_called()
    assert ImportRun.objects.count() == 1


def test_a_dry_run_upload_saves_nothing(alice, tmp_path):
    run = import_upload_start(
        user=alice, upload=_upload(tmp_path, [contact()]), dry_run=True
    )
    assert run.status == ImportUpload.Status.DONE
    assert "Would import 1 rows" in run.summary
    assert Stage.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("contacts.pdf", b"%PDF-1.4", "must be a CSV or XLSX file"),
        ("contacts.csv", b"", "The file is empty."),
    ],
)
def test_a_bad_upload_is_refused_before_anything_is_stored(
    alice, name, content, message
):
    with pytest.raises(UploadError, match=message):
        import_upload_start(user=alice, upload=SimpleUploadedFile(name, content))
    assert not ImportUpload.objects.exists()


def test_only_the_complaints_team_may_import(bob, tmp_path):
    with pytest.raises(PermissionDenied):
        import_upload_start(user=bob, upload=_upload(tmp_path, [contact()]))
    assert not ImportUpload.objects.exists()
