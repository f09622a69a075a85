"""Downloads of personal data are never cached: exports, attachments and letters."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from putright.complaints import services
from putright.complaints.tests.factories import logged_complaint


@pytest.fixture
def stage(alice, childrens, send_team):
    case = logged_complaint(by=alice, directorate=childrens, team=send_team)
    return services.stage_acknowledge(
        stage=case.stages.get(),
        by=alice,
        version=case.version,
        acknowledged=dt.date.today(),
        understanding="Understood.",
    )


def _urls(stage, alice):
    case = stage.case
    attachment = services.attachment_add(
        case=case,
        by=alice,
        upload=SimpleUploadedFile("notes.txt", b"Phoned on Tuesday.", "text/plain"),
    )
    letter = reverse("complaints:letter", args=[case.reference, 1, "acknowledgement"])
    return {
        "export": reverse("complaints:case_export"),
        "attachment": reverse(
            "complaints:attachment_download", args=[case.reference, attachment.pk]
        ),
        "letter download": letter + "?download=1",
        "letter page": letter,
        "case page": case.get_absolute_url(),
        "case list": reverse("complaints:case_list"),
    }


def test_downloads_and_case_pages_are_no_store(client, alice, stage):
    client.force_login(alice)
    for name, url in _urls(stage, alice).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert response["Cache-Control"] == "no-store", name
        assert "camera=()" in response["Permissions-Policy"], name
