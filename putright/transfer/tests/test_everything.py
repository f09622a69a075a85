"""Everything out, and back in (issue 12 item 3; docs/export-everything.md).

The round trip loads the demo council, adds the records the demo does not make (letters with
their files, notes, an attachment, an email, an inbound message, a legal hold, equality
answers, published wording), exports, empties the database, imports, exports again and
compares the two exports file by file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import transaction

from putright.audit.models import AuditEvent
from putright.complaints.models import Attachment, Case, CaseNote, Stage
from putright.transfer.everything import (
    MANIFEST,
    TransferError,
    export_everything,
    import_everything,
)
from putright.transfer.tables import LEFT_OUT, TABLES

IMPORT_VERB = "transfer.everything_imported"
RESTRICTION_REASON = "excessive_contact"
SAMPLE_REASON = "random"
PDF = b"%PDF-1.4 letter to the complainant\n"
DOCX = b"PK\x03\x04 word letter"
NOTE = "Rang Ms Ng back \u2013 she wants a home visit, not a letter. \u00a350 offered."


def _model(label: str):
    return apps.get_model(label)


def _extras() -> dict[str, object]:
    """Records the demo does not make, each kind at least once, with files."""
    case = Case.objects.order_by("pk").first()
    stage = Stage.objects.filter(case=case).order_by("pk").first()
    staff = _model("accounts.User").objects.order_by("pk").first()
    CaseNote.objects.create(case=case, author=staff, text=NOTE)
    attachment = Attachment(
        case=case,
        original_name="photo of the damp.jpg",
        content_type="image/jpeg",
        size=5,
        sha256=hashlib.sha256(b"\xff\xd8jpg").hexdigest(),
        uploaded_by=staff,
    )
    attachment.file.save("attachments/roundtrip/damp.jpg", ContentFile(b"\xff\xd8jpg"))
    email = _model("notifications.NotificationEmail").objects.create(
        key="roundtrip-1",
        kind="overdue",
        to="officer@example.gov.uk",
        subject="Overdue",
        body="A stage is overdue.",
        case=case,
    )
    letter = _model("correspondence.Letter")(
        key="roundtrip-letter",
        case=case,
        stage=stage,
        kind="response",
        audience="complainant",
        language="cy",
        channel="post",
        status="to_post",
        subject="Eich cwyn",
        text="Annwyl Ms Ng,\n\nDiolch am eich cwyn.",
        email=email,
        created_by=staff,
    )
    letter.pdf.save("letters/roundtrip.pdf", ContentFile(PDF), save=False)
    letter.docx.save("letters/roundtrip.docx", ContentFile(DOCX), save=False)
    letter.save()
    _model("inbox.InboundMessage").objects.create(
        key="<roundtrip@example.org>", source="imap", case=case
    )
    _model("privacy.LegalHold").objects.create(
        case=case, reason="legal_action", placed_by=staff
    )
    _model("public.EqualityResponse").objects.create(
        received_month=dt.date(2025, 3, 1), directorate=stage.directorate
    )
    _model("publication.PublishedText").objects.create(
        purpose="case_summary",
        wording="A resident waited too long for a repair.",
        written_by=staff,
        stage=stage,
    )
    _model("complaints.Restriction").objects.create(
        case=case,
        starts_on=dt.date(2025, 3, 1),
        reason=RESTRICTION_REASON,
        restricts="Telephone calls to one named officer only.",
        review_on=dt.date(2025, 9, 1),
        approved_by=staff,
        recorded_by=staff,
    )
    assessment = _model("selfassessment.SelfAssessment").objects.create(
        first_year=2024, recorded_by=staff
    )
    _model("selfassessment.Answer").objects.create(
        assessment=assessment,
        provision="1.2",
        complies=False,
        commentary="Not yet in our leaflet.",
        action="Reprint the leaflet.",
        target_date=dt.date(2025, 6, 30),
    )
    authority = _model("statistics.BenchmarkAuthority").objects.create(
        ombudsman="lgsco", name="Another Borough", key="another borough"
    )
    _model("statistics.BenchmarkFigures").objects.create(
        authority=authority, year="2023/2024", decided=40, upheld=28
    )
    _model("statistics.BenchmarkName").objects.create(
        ombudsman="lgsco", name="Demo Borough Council"
    )
    sample = _model("statistics.ContactSample").objects.create(
        start=dt.date(2024, 4, 1),
        end=dt.date(2025, 3, 31),
        size=10,
        seed="roundtrip",
        rule_version="1",
        population=0,
        drawn_by=staff,
    )
    _model("statistics.SampledContact").objects.create(
        sample=sample, stage=stage, reason=SAMPLE_REASON, was_complaint=True
    )
    return {"case": case, "note": NOTE}


def _empty_database() -> None:
    """What a freshly migrated database holds: only the rows `migrate` makes (here the
    demo's versions of them, which the import must replace with the export's)."""
    with transaction.atomic():
        for table in reversed(TABLES):
            if not table.seeded:
                table.model._base_manager.all()._raw_delete("default")
        _model("statistics.MonthlyCount")._base_manager.all()._raw_delete("default")


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _without_import_event(data: bytes) -> bytes:
    lines = [
        line
        for line in data.decode().splitlines(keepends=True)
        if json.loads(line)["verb"] != IMPORT_VERB
    ]
    return "".join(lines).encode()


def _manifest_comparable(data: bytes) -> dict:
    manifest = json.loads(data)
    del manifest["exported_at"]
    for entry in manifest["tables"]:
        if entry["name"] == "audit_auditevent":
            del entry["rows"], entry["sha256"]
    return manifest


@pytest.mark.no_council
@pytest.mark.django_db(transaction=True)
def test_round_trip_of_the_demo_council_gives_the_same_export(tmp_path, settings):
    call_command("demo", records=120, seed=7, today="2026-11-20", stdout=io.StringIO())
    extras = _extras()
    first, second = tmp_path / "first", tmp_path / "second"
    export_everything(out=first)

    _empty_database()
    # A new, empty file store as well: the files must come from the export folder.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    assert not Case.objects.exists()
    result = import_everything(folder=first)
    export_everything(out=second)

    one, two = _tree(first), _tree(second)
    assert sorted(one) == sorted(two)
    differing = [name for name in one if one[name] != two[name]]
    assert set(differing) <= {MANIFEST, "tables/audit_auditevent.jsonl"}
    assert _manifest_comparable(one[MANIFEST]) == _manifest_comparable(two[MANIFEST])
    events = "tables/audit_auditevent.jsonl"
    assert _without_import_event(two[events]) == one[events]
    # The import said so in the audit trail, once.
    assert AuditEvent.objects.filter(verb=IMPORT_VERB).count() == 1

    # The records themselves, read back: texts, dates, references and files.
    assert result.counts["complaints_case"] == Case.objects.count() > 100
    note = CaseNote.objects.get(text=extras["note"])
    assert note.case.reference == extras["case"].reference
    assert note.created_at == CaseNote.objects.get(pk=note.pk).created_at
    letter = _model("correspondence.Letter").objects.get(key="roundtrip-letter")
    assert letter.pdf.read() == PDF
    assert letter.docx.read() == DOCX
    assert letter.email.key == "roundtrip-1"
    attachment = Attachment.objects.get(original_name="photo of the damp.jpg")
    assert attachment.file.read() == b"\xff\xd8jpg"
    # Staff come back without their passwords: they cannot sign in until one is set.
    staff = _model("accounts.User").objects.all()
    assert staff.exists()
    assert not any(user.has_usable_password() for user in staff)
    assert "password" not in one["tables/accounts_user.jsonl"].decode()
    # New records continue after the imported keys.
    new_note = CaseNote.objects.create(case=note.case, text="after the import")
    assert new_note.pk > max(
        CaseNote.objects.exclude(pk=new_note.pk).values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_import_into_a_database_with_records_is_refused_and_changes_nothing(
    tmp_path, alice
):
    case_count = Case.objects.count()
    export_everything(out=tmp_path / "out")
    events = AuditEvent.objects.count()
    with pytest.raises(TransferError, match="already holds records"):
        import_everything(folder=tmp_path / "out")
    assert Case.objects.count() == case_count
    assert AuditEvent.objects.count() == events


@pytest.mark.no_council
@pytest.mark.django_db
def test_a_changed_file_is_refused_by_its_checksum(tmp_path):
    export_everything(out=tmp_path / "out")
    cases = tmp_path / "out" / "tables" / "complaints_case.jsonl"
    cases.write_text(cases.read_text() + "{}\n")
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("import", str(tmp_path / "out"))


@pytest.mark.django_db
def test_export_into_a_folder_with_files_is_refused(tmp_path):
    (tmp_path / "old.csv").write_text("x")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("export", "--everything", "--out", str(tmp_path))


@pytest.mark.django_db
def test_the_plain_export_still_writes_the_interchange_files(tmp_path):
    call_command("export", "--out", str(tmp_path), stdout=io.StringIO())
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "contacts.csv",
        "ombudsman.csv",
    ]


@pytest.mark.django_db
def test_the_import_command_refuses_a_database_with_records_in_words(tmp_path, alice):
    export_everything(out=tmp_path / "out")
    with pytest.raises(CommandError) as refusal:
        call_command("import", str(tmp_path / "out"))
    assert "already holds records" in str(refusal.value)
    assert "accounts_user: 1" in str(refusal.value)


@pytest.mark.django_db
def test_a_folder_without_a_manifest_is_refused(tmp_path):
    (tmp_path / "contacts.csv").write_text("kind\n")
    with pytest.raises(CommandError, match="without a manifest.json"):
        call_command("import", str(tmp_path))


@pytest.mark.no_council
@pytest.mark.django_db
def test_the_apps_zip_imports_as_the_folder_does(tmp_path):
    directorate = _model("organisation.Directorate").objects.create(name="Housing")
    export_everything(out=tmp_path / "out")
    archive = tmp_path / "everything.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        for path in (tmp_path / "out").rglob("*"):
            if path.is_file():
                packed.write(path, path.relative_to(tmp_path / "out").as_posix())
    directorate.delete()
    call_command("import", str(archive), stdout=io.StringIO())
    assert _model("organisation.Directorate").objects.get().name == "Housing"


@pytest.mark.no_council
@pytest.mark.django_db
def test_a_zip_with_a_name_outside_its_folder_is_refused(tmp_path):
    archive = tmp_path / "everything.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr(MANIFEST, "{}")
        packed.writestr("../../etc/cron.d/evil", "x")
    with pytest.raises(CommandError, match="not a plain path"):
        call_command("import", str(archive))


def test_every_model_is_exported_or_left_out_for_a_stated_reason():
    """A new model must be added to the export (or to LEFT_OUT, with why), or a council
    leaving putright would silently lose it."""
    known = {table.label for table in TABLES} | set(LEFT_OUT)
    models = {
        f"{model._meta.app_label}.{model.__name__}"
        for model in apps.get_models()
        if model.__module__.startswith("putright.")
    }
    assert models - known == set()
    assert {label for label in LEFT_OUT if label in {t.label for t in TABLES}} == set()
