"""The administrators' export page: start, background run, download of the zip, audited."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.urls import reverse

from putright.audit.models import AuditEvent
from putright.complaints.models import Case
from putright.complaints.tests.factories import logged_complaint
from putright.transfer.models import ExportRun

pytestmark = pytest.mark.django_db


def test_an_administrator_exports_everything_and_downloads_the_zip(
    client, admin_user, alice, childrens, django_capture_on_commit_callbacks
):
    case = logged_complaint(by=alice, directorate=childrens)
    client.force_login(admin_user)
    home = client.get("/", follow=True).content.decode()
    assert f'href="{reverse("transfer:index")}"' in home  # in the administrator's menu
    page = client.get(reverse("transfer:index"))
    assert page.status_code == 200
    assert "Start an export" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("transfer:start"))
    assert response.status_code == 302
    run = ExportRun.objects.get()  # the test backend runs the task at once
    assert run.status == ExportRun.Status.DONE, run.error
    assert run.requested_by == admin_user
    listing = client.get(reverse("transfer:index")).content.decode()
    assert reverse("transfer:download", args=[run.pk]) in listing

    download = client.get(reverse("transfer:download", args=[run.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    manifest = json.loads(archive.read("manifest.json"))
    counts = {t["name"]: t["rows"] for t in manifest["tables"]}
    assert counts["complaints_case"] == Case.objects.count() == 1
    cases = archive.read("tables/complaints_case.jsonl").decode()
    assert case.reference in cases

    verbs = list(
        AuditEvent.objects.filter(actor=admin_user).values_list("verb", flat=True)
    )
    assert "transfer.export_requested" in verbs
    assert "transfer.everything_exported" in verbs
    assert "read.everything_downloaded" in verbs

    # Deleting the export removes the zip from file storage too.
    storage, name = run.output.storage, run.output.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("transfer:delete", args=[run.pk]))
    assert not ExportRun.objects.exists()
    assert not storage.exists(name)
    assert AuditEvent.objects.filter(verb="transfer.export_deleted").count() == 1


@pytest.mark.parametrize("who", ["alice", "erin"])
def test_only_administrators_reach_the_export(client, who, request):
    client.force_login(request.getfixturevalue(who))
    home = client.get("/", follow=True).content.decode()
    assert reverse("transfer:index") not in home
    assert client.get(reverse("transfer:index")).status_code == 403
    assert client.post(reverse("transfer:start")).status_code == 403
    assert client.get(reverse("transfer:download", args=[1])).status_code == 403
    assert client.post(reverse("transfer:delete", args=[1])).status_code == 403
    assert not ExportRun.objects.exists()
