"""Subject access: the person's cases only, other people's names marked, audited, held."""

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from putright.audit.models import AuditEvent
from putright.complaints import services
from putright.complaints.models import Case
from putright.complaints.tests.factories import logged_complaint
from putright.privacy.models import LegalHold, SubjectAccessRequest
from putright.privacy.retention import retention_apply
from putright.privacy.subject_access import (
    SubjectAccessError,
    subject_access_complete,
    subject_access_export,
    subject_access_matches,
    subject_access_open,
)

pytestmark = pytest.mark.django_db

EMAIL = "zelda@example.org"


@pytest.fixture
def cases(alice, childrens, send_team):
    def log(name, email, address="", **extra):
        return logged_complaint(
            by=alice,
            directorate=childrens,
            team=send_team,
            contact_name=name,
            contact_email=email,
            contact_address=address,
            received=dt.date(2026, 10, 1),
            **extra,
        )

    mine = log(
        "Zelda Probeperson",
        EMAIL,
        "1 Probe Street, Testtown ZZ1 1ZZ",
        representative_name="Yolanda Rep",
        summary="Zelda says Victor Neighbour and Mrs Other blocked the drive.",
    )
    services.case_note_add(
        case=mine, by=alice, text="Spoke to Victor Neighbour and to Alice Officer."
    )
    services.attachment_add(
        case=mine, by=alice, upload=SimpleUploadedFile("photo.txt", b"drive photo")
    )
    second = log("Zelda Probeperson", EMAIL.upper(), summary="Bins not collected.")
    same_name = log("Zelda Probeperson", "other.zelda@example.org")
    neighbour = log("Victor Neighbour", "victor@example.org")
    other = log("Olive Other", "olive@example.org", "9 Far Road, ZZ1 1ZZ")
    return {
        "mine": mine,
        "second": second,
        "same_name": same_name,
        "neighbour": neighbour,
        "other": other,
    }


@pytest.fixture
def alice(alice):
    alice.first_name, alice.last_name = "Alice", "Officer"
    alice.save()
    return alice


def _zip(content):
    return zipfile.ZipFile(io.BytesIO(content))


def test_matches_on_email_then_name_and_postcode(cases):
    matches = {
        m.case.reference: m.reasons
        for m in subject_access_matches(
            email=EMAIL, name="zelda probeperson", postcode="zz11zz"
        )
    }

    assert matches == {
        cases["mine"].reference: ("email", "name", "postcode"),
        cases["second"].reference: ("email", "name"),
        cases["same_name"].reference: ("name",),
        cases["other"].reference: ("postcode",),
    }


def test_file_holds_the_persons_cases_and_nobody_elses(cases, alice):
    request = subject_access_open(by=alice, email=EMAIL)
    archive = _zip(subject_access_export(request=request, by=alice))

    index = archive.read("index.html").decode()
    assert cases["mine"].reference in index
    assert cases["second"].reference in index
    for key in ("same_name", "neighbour", "other"):
        assert cases[key].reference not in index
    assert "olive@example.org" not in index
    names = archive.namelist()
    assert f"attachments/{cases['mine'].reference}/" in "".join(names)
    assert any(name.startswith("letters/") for name in names)
    manifest = list(
        csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig")))
    )
    types = {row["type"] for row in manifest}
    assert {"case", "stage", "note", "attachment", "letter"} <= types
    assert {row["case_reference"] for row in manifest} == {
        cases["mine"].reference,
        cases["second"].reference,
    }


def test_other_peoples_names_are_marked_for_redaction_and_staff_kept(cases, alice):
    request = subject_access_open(by=alice, email=EMAIL)
    archive = _zip(subject_access_export(request=request, by=alice))

    index = archive.read("index.html").decode()
    assert (
        '<mark class="third_party" title="Third party: redact before sending">Victor Neighbour</mark>'
        in index
    )
    assert '<mark class="third_party"' in index
    assert ">Yolanda Rep</mark>" in index
    assert ">Mrs Other</mark>" in index  # a stored surname with a title
    assert '<mark class="staff" title="Staff name: kept">Alice Officer</mark>' in index
    assert "<mark" not in index.split("Zelda Probeperson")[1][:10]  # own name unmarked
    redactions = archive.read("redactions.csv").decode("utf-8-sig")
    assert "Victor Neighbour,third_party,redact" in redactions
    assert "Alice Officer,staff,keep" in redactions


def test_requests_and_downloads_are_audited_without_personal_data(cases, alice):
    request = subject_access_open(by=alice, email=EMAIL)
    subject_access_export(request=request, by=alice)

    events = AuditEvent.objects.filter(verb__startswith="subject_access.")
    assert [e.verb for e in events.order_by("pk")] == [
        "subject_access.opened",
        "subject_access.exported",
    ]
    exported = events.get(verb="subject_access.exported")
    assert sorted(exported.after["cases"]) == sorted(
        [cases["mine"].reference, cases["second"].reference]
    )
    dumped = json.dumps(
        [[e.before, e.after, e.message, e.target_label] for e in events]
    )
    assert "zelda" not in dumped.lower()
    assert "Probe" not in dumped


def test_open_request_holds_its_cases_from_retention(cases, alice):
    Case.objects.filter(pk=cases["mine"].pk).update(is_closed=True)
    request = subject_access_open(by=alice, email=EMAIL)
    assert (
        LegalHold.objects.filter(
            request=request, released_at__isnull=True, reason="subject_access"
        ).count()
        == 2
    )

    subject_access_complete(request=request, by=alice)

    assert not LegalHold.objects.filter(released_at__isnull=True).exists()
    with pytest.raises(SubjectAccessError, match="already completed"):
        subject_access_complete(request=request, by=alice)


def test_open_request_blocks_disposal(cases, alice):
    case = cases["second"]
    case.stages.update(
        received=dt.date(2009, 12, 1), responded=dt.date(2010, 1, 1), status="closed"
    )
    request = subject_access_open(by=alice, email=EMAIL, case_ids=[case.pk])

    result = retention_apply(today=dt.date(2031, 1, 1))

    assert result.held_counts.get("subject_access") == 1
    assert Case.objects.get(pk=case.pk).contact_name == "Zelda Probeperson"
    assert request.is_open


def test_bad_email_is_refused_and_nothing_recorded(cases, alice):
    with pytest.raises(SubjectAccessError, match="email address"):
        subject_access_open(by=alice, email="not-an-email")

    assert not SubjectAccessRequest.objects.exists()


def test_command_writes_the_zip(cases, tmp_path):
    out = tmp_path / "sar.zip"
    printed = io.StringIO()
    call_command("subject_access", "--email", EMAIL, "--out", str(out), stdout=printed)

    assert cases["mine"].reference in printed.getvalue()
    index = _zip(out.read_bytes()).read("index.html").decode()
    assert cases["mine"].reference in index
    assert cases["neighbour"].reference not in index


def test_command_refuses_an_unknown_address_and_writes_nothing(cases, tmp_path):
    out = tmp_path / "sar.zip"
    with pytest.raises(CommandError, match="No case has that email address"):
        call_command(
            "subject_access", "--email", "nobody@example.org", "--out", str(out)
        )

    assert not out.exists()
    assert not SubjectAccessRequest.objects.exists()


def test_command_refuses_a_case_not_found_for_the_person(cases, tmp_path):
    out = tmp_path / "sar.zip"
    with pytest.raises(CommandError, match="Not found for this person"):
        call_command(
            "subject_access",
            "--email",
            EMAIL,
            "--out",
            str(out),
            "--case",
            cases["neighbour"].reference,
        )
    assert not out.exists()


def test_pages_are_for_the_complaints_team_only(client, bob, cases):
    client.force_login(bob)

    assert client.get(reverse("privacy:sar_list")).status_code == 403


def test_officer_opens_a_request_chooses_cases_and_downloads(client, alice, cases):
    client.force_login(alice)
    response = client.post(
        reverse("privacy:sar_list"),
        {
            "email": EMAIL,
            "name": "Zelda Probeperson",
            "received_on_day": "20",
            "received_on_month": "11",
            "received_on_year": "2026",
        },
    )
    request = SubjectAccessRequest.objects.get()
    assert response.status_code == 302
    assert EMAIL not in response["Location"]
    page = client.get(request.get_absolute_url()).content.decode()
    assert cases["same_name"].reference in page  # shown, not chosen

    client.post(request.get_absolute_url(), {"cases": [cases["mine"].pk]})
    assert list(request.cases.all()) == [cases["mine"]]
    refused = client.post(
        request.get_absolute_url(), {"cases": [cases["neighbour"].pk]}
    )
    assert refused.status_code == 400
    assert list(request.cases.all()) == [cases["mine"]]

    download = client.get(reverse("privacy:sar_download", args=[request.pk]))
    assert download["Content-Type"] == "application/zip"
    assert download["Cache-Control"] == "no-store"
    index = _zip(download.content).read("index.html").decode()
    assert cases["second"].reference not in index


def test_form_rejects_a_missing_email_with_a_message(client, alice):
    client.force_login(alice)
    response = client.post(reverse("privacy:sar_list"), {"email": ""})

    assert "Enter the person&#x27;s email address." in response.content.decode()
    assert not SubjectAccessRequest.objects.exists()


def test_header_links_to_subject_access_for_the_complaints_team_only(
    client, alice, bob
):
    client.force_login(alice)
    assert reverse("privacy:sar_list") in client.get(reverse("home")).content.decode()

    client.force_login(bob)
    assert (
        reverse("privacy:sar_list") not in client.get(reverse("home")).content.decode()
    )
