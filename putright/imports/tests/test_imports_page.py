"""The Imports page: upload, preview by the dry run, Run import in the worker, history."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from putright.audit.models import AuditEvent
from putright.complaints.models import Stage
from putright.imports.models import ImportRun, ImportUpload
from putright.imports.progress import progress_read, progress_write
from putright.imports.services import import_files
from putright.imports.tests.conftest import contact, write_rows
from putright.imports.tests.test_hostile_files import _zip_bomb
from putright.imports.uploads import import_upload_confirm, import_upload_start

pytestmark = pytest.mark.django_db


def _file(tmp_path, rows, name="contacts.csv", **kwargs):
    path = write_rows(tmp_path / name, rows, **kwargs)
    return SimpleUploadedFile(name, path.read_bytes(), content_type="text/csv")


def _preview(client, upload, **extra):
    return client.post(reverse("imports:index"), {"file": upload, **extra})


@pytest.fixture
def signed_in(client, alice):
    client.force_login(alice)
    return client


def test_the_preview_counts_shows_first_rows_and_saves_no_record(signed_in, tmp_path):
    rows = [contact(reference=f"CMP-{n}") for n in range(1, 8)]
    response = _preview(signed_in, _file(tmp_path, rows))

    run = ImportUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:detail", args=[run.pk])
    assert Stage.objects.count() == 0
    assert not ImportRun.objects.exists()
    page = signed_in.get(response["Location"]).content.decode()
    assert (
        '<td class="govuk-table__cell govuk-table__cell--numeric" id="contacts-new">7</td>'
        in page
    )
    # The first five rows, by their spreadsheet row numbers, and not the sixth.
    assert "CMP-5" in page
    assert "CMP-6" not in page
    assert "Run import" in page
    assert len(run.checksum) == 64
    assert AuditEvent.objects.filter(verb="import_previewed").count() == 1


def test_a_file_with_errors_lists_every_problem_and_saves_nothing(signed_in, tmp_path):
    rows = [contact(reference=f"CMP-{n}", received="2023-02-30") for n in range(150)]
    response = _preview(signed_in, _file(tmp_path, rows))

    run = ImportUpload.objects.get()
    assert run.status == ImportUpload.Status.FAILED
    assert not run.file  # nothing to run, so the copy is not kept
    assert Stage.objects.count() == 0
    first = signed_in.get(response["Location"]).content.decode()
    assert "Nothing was imported: 150 problems found" in first
    assert "row 2, column received: value 2023-02-30: there is no such date." in first
    assert "row 102," not in first  # 100 a page
    assert "Run import" not in first
    second = signed_in.get(response["Location"] + "?page=2").content.decode()
    assert (
        "row 151, column received: value 2023-02-30: there is no such date." in second
    )


def test_run_import_queues_the_worker_which_reports_progress_then_links_records(
    signed_in, alice, tmp_path, task_queue, django_capture_on_commit_callbacks
):
    rows = [contact(reference="CMP-1"), contact(reference="CMP-2")]
    detail = _preview(signed_in, _file(tmp_path, rows))["Location"]
    run = ImportUpload.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            reverse("imports:confirm", args=[run.pk]), {"refresh": "on"}
        )
    assert response["Location"] == detail
    waiting = signed_in.get(detail).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in waiting
    assert "0 of 2 rows done (0%)." in waiting
    # Stopped by the person (WCAG 2.2.1): the same progress, no refresh.
    stopped = signed_in.get(detail + "?refresh=off").content.decode()
    assert "0 of 2 rows done (0%)." in stopped
    assert "http-equiv" not in stopped
    assert Stage.objects.count() == 0

    ImportUpload.objects.filter(pk=run.pk).update(status=ImportUpload.Status.RUNNING)
    progress_write(run.pk, 1)
    assert "1 of 2 rows done (50%)." in signed_in.get(detail).content.decode()
    ImportUpload.objects.filter(pk=run.pk).update(status=ImportUpload.Status.QUEUED)

    task_queue.work()

    run.refresh_from_db()
    assert run.status == ImportUpload.Status.DONE
    assert run.rows_done == 2
    assert Stage.objects.count() == 2
    assert run.import_run.checksums == {"contacts.csv": run.checksum}
    done = signed_in.get(detail).content.decode()
    assert "http-equiv" not in done
    assert "Import complete" in done
    assert reverse("complaints:case_detail", args=["CMP-2"]) in done
    history = signed_in.get(reverse("imports:index")).content.decode()
    assert "2 new, 0 changed, 0 unchanged" in history
    assert run.checksum[:12] in history


def test_a_second_import_is_refused_while_one_runs(
    signed_in, alice, tmp_path, task_queue, django_capture_on_commit_callbacks
):
    _preview(signed_in, _file(tmp_path, [contact(reference="CMP-1")]))
    _preview(signed_in, _file(tmp_path, [contact(reference="CMP-2")], name="more.csv"))
    first, second = ImportUpload.objects.order_by("pk")
    with django_capture_on_commit_callbacks(execute=True):
        import_upload_confirm(user=alice, run=first)

    response = signed_in.post(reverse("imports:confirm", args=[second.pk]), follow=True)

    assert "Another import (contacts.csv) is running." in response.content.decode()
    second.refresh_from_db()
    assert second.confirmed_at is None
    assert task_queue.tasks().count() == 1
    # Nor is a new file previewed: its dry run would wait behind the running import.
    third = _preview(signed_in, _file(tmp_path, [contact()], name="third.csv"))
    assert third.status_code == 400
    assert "Another import (contacts.csv) is running." in third.content.decode()
    assert ImportUpload.objects.count() == 2


def test_a_column_map_is_used_for_the_preview_and_the_import(
    signed_in, tmp_path, django_capture_on_commit_callbacks
):
    columns = {"Case Ref": "reference", "Type": "kind"}
    row = contact()
    theirs = {
        ("Case Ref" if k == "reference" else "Type" if k == "kind" else k): v
        for k, v in row.items()
    }
    mapping = SimpleUploadedFile("old.json", json.dumps({"columns": columns}).encode())
    detail = _preview(signed_in, _file(tmp_path, [theirs]), map=mapping)["Location"]
    run = ImportUpload.objects.get()
    page = signed_in.get(detail).content.decode()
    assert '<th scope="col" class="govuk-table__header">reference</th>' in page

    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(reverse("imports:confirm", args=[run.pk]))

    assert Stage.objects.get().case.reference == "CMP-1"


@pytest.mark.parametrize(
    ("name", "content", "field", "message"),
    [
        ("contacts.pdf", b"%PDF-1.4", "file", "must be a CSV or XLSX file"),
        ("contacts.xlsx", b"reference,kind\n", "file", "is not an XLSX workbook"),
        ("contacts.csv", b"PK\x03\x04rest", "file", "is a workbook, not CSV text"),
    ],
)
def test_bad_files_are_refused_with_a_reason_and_nothing_stored(
    signed_in, name, content, field, message
):
    response = _preview(signed_in, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportUpload.objects.exists()


def test_a_bad_column_map_is_refused_beside_its_field(signed_in, tmp_path):
    mapping = SimpleUploadedFile("old.json", b'{"columns": {"Ref": "referense"}}')
    response = _preview(signed_in, _file(tmp_path, [contact()]), map=mapping)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_map"' in page
    assert "referense" in page
    assert not ImportUpload.objects.exists()


def test_cancel_deletes_the_kept_file(signed_in, tmp_path):
    _preview(signed_in, _file(tmp_path, [contact()]))
    run = ImportUpload.objects.get()
    stored = run.file.name
    signed_in.post(reverse("imports:cancel", args=[run.pk]))
    run.refresh_from_db()
    assert not run.file
    assert not run.file.storage.exists(stored)
    assert run.status == ImportUpload.Status.FAILED


@pytest.mark.parametrize("user", ["bob", "carol", "erin", "admin_user"])
def test_only_the_complaints_team_reaches_the_page(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("imports:index")).status_code == 403


def test_the_service_reports_the_rows_read_every_thousand_rows(tmp_path):
    rows = [contact(reference=f"CMP-{n}") for n in range(2500)]
    seen = []
    result = import_files(
        [write_rows(tmp_path / "many.csv", rows)], dry_run=True, on_progress=seen.append
    )
    assert result.ok
    assert seen == [1000, 2000, 2500]


def test_the_worker_writes_progress_where_the_page_reads_it(
    alice, tmp_path, monkeypatch
):
    written = []
    monkeypatch.setattr(
        "putright.imports.progress.progress_write",
        lambda run_id, rows: written.append((run_id, rows)),
    )
    rows = [contact(reference=f"CMP-{n}") for n in range(2500)]

    run = import_upload_start(user=alice, upload=_file(tmp_path, rows))

    assert written[0] == (run.pk, 1000)  # then at most one write a second
    assert run.rows_done == 2500
    assert progress_read(run.pk) is None  # cleared once the run ended


def _workbook(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.title = "contacts"
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    book.save(path)
    return SimpleUploadedFile(path.name, path.read_bytes())


def test_an_xlsx_workbook_is_previewed_like_a_csv_file(signed_in, tmp_path):
    upload = _workbook(
        tmp_path / "history.xlsx", [contact(), contact(reference="CMP-2")]
    )
    detail = _preview(signed_in, upload)["Location"]
    page = signed_in.get(detail).content.decode()
    assert "history.xlsx [contacts]" in page
    assert 'id="contacts-new">2</td>' in page


def test_a_zip_bomb_is_refused_by_the_readers_limits_and_nothing_kept(
    signed_in, tmp_path
):
    path = _zip_bomb(tmp_path / "bomb.xlsx", inflated_mb=20)
    response = _preview(signed_in, SimpleUploadedFile("bomb.xlsx", path.read_bytes()))
    run = ImportUpload.objects.get()
    assert run.status == ImportUpload.Status.FAILED
    assert not run.file
    assert "looks like a zip bomb and was not opened" in (
        signed_in.get(response["Location"]).content.decode()
    )


def test_the_first_rows_are_not_kept_once_imported_or_cancelled(
    signed_in, alice, tmp_path, django_capture_on_commit_callbacks
):
    _preview(signed_in, _file(tmp_path, [contact(summary="Mrs Jones, 4 Elm Road")]))
    _preview(signed_in, _file(tmp_path, [contact(reference="CMP-2")], name="two.csv"))
    imported, cancelled = ImportUpload.objects.order_by("pk")
    assert "Mrs Jones" in json.dumps(imported.preview)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(reverse("imports:confirm", args=[imported.pk]))
    signed_in.post(reverse("imports:cancel", args=[cancelled.pk]))

    for run in (imported, cancelled):
        run.refresh_from_db()
        assert "tables" not in run.preview
    assert "Mrs Jones" not in json.dumps(imported.preview)
    assert imported.preview["references"] == ["CMP-1"]  # the result still links it
    assert imported.preview["created"] == 1


def test_the_admin_shows_no_cell_of_an_uploaded_file(
    client, admin_user, alice, tmp_path
):
    client.force_login(alice)
    _preview(client, _file(tmp_path, [contact(summary="Mrs Jones, 4 Elm Road")]))
    _preview(client, _file(tmp_path, [contact(received="Mrs Smith")], name="bad.csv"))
    client.force_login(admin_user)
    for run in ImportUpload.objects.all():
        page = client.get(reverse("admin:imports_importupload_change", args=[run.pk]))
        assert page.status_code == 200
        assert "Mrs Jones" not in page.content.decode()
        assert "Mrs Smith" not in page.content.decode()
