"""Retention: expired cases anonymised, holds respected, statistics unchanged (docs/regulatory-rules.md §8.9)."""

import datetime as dt
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from putright.audit.models import AuditEvent
from putright.complaints import services
from putright.complaints.constants import Kind, Outcome, StageStatus
from putright.complaints.models import Case, LearningAction, Remedy
from putright.complaints.tests.factories import CaseFactory, StageFactory
from putright.ombudsman.models import OmbudsmanCase
from putright.privacy.models import DisposalLog, LegalHold, RetentionPolicy
from putright.privacy.retention import REMOVED, retention_apply

pytestmark = pytest.mark.django_db

TODAY = dt.date(2031, 1, 1)
NAME = "Zelda Probeperson"
EMAIL = "zelda@example.org"


def _closed_case(
    directorate, *, closed=dt.date(2023, 5, 1), kind=Kind.COMPLAINT, **extra
):
    case = CaseFactory(
        kind=kind,
        contact_name=NAME,
        contact_email=EMAIL,
        contact_phone="01234 567890",
        contact_address="1 Probe Street, Testtown ZZ1 1ZZ",
        representative_name="Yolanda Rep",
        reasonable_adjustments="Large print, because of sight loss.",
        **extra,
    )
    stage = StageFactory(
        case=case,
        directorate=directorate,
        received=closed - dt.timedelta(days=30),
        responded=closed - dt.timedelta(days=2),
        response_calendar_days=28,
        response_working_days=20,
        due=closed,
        status=StageStatus.CLOSED,
        outcome=Outcome.UPHELD,
        summary=f"{NAME} of 1 Probe Street says the repair was late.",
        learning="Book repairs on the day.",
        response_reasons="The repair was late.",
    )
    Remedy.objects.create(stage=stage, type="apology", description=f"Apology to {NAME}")
    LearningAction.objects.create(stage=stage, description=f"Call {NAME} back")
    case.is_closed = True
    case.closed_at = timezone.make_aware(dt.datetime.combine(closed, dt.time(12)))
    case.save()
    return case


@pytest.fixture
def expired(alice, childrens):
    case = _closed_case(childrens)
    services.case_note_add(case=case, by=alice, text=f"Phoned {NAME} on 01234 567890.")
    services.attachment_add(
        case=case,
        by=alice,
        upload=SimpleUploadedFile("zelda-letter.txt", b"Dear council, Zelda"),
    )
    return Case.objects.get(pk=case.pk)


def test_expired_case_loses_names_contact_details_free_text_and_files(
    expired, django_capture_on_commit_callbacks
):
    file_name = expired.attachments.get().file.name
    assert default_storage.exists(file_name)

    with django_capture_on_commit_callbacks(execute=True):
        result = retention_apply(today=TODAY)

    assert (result.anonymised, result.files_removed) == (1, 1)
    case = Case.objects.get(pk=expired.pk)
    assert case.contact_name == case.contact_email == case.contact_phone == ""
    assert case.contact_address == case.representative_name == ""
    assert case.reasonable_adjustments == REMOVED
    assert case.version == expired.version + 1
    stage = case.stages.get()
    assert stage.summary == stage.learning == stage.response_reasons == REMOVED
    assert stage.understanding == ""  # empty stays empty, so counts of "has text" hold
    assert stage.outcome == Outcome.UPHELD
    assert case.notes.get().text == REMOVED
    assert Remedy.objects.get(stage=stage).description == REMOVED
    assert LearningAction.objects.get(stage=stage).description == REMOVED
    assert not case.attachments.exists()
    assert not default_storage.exists(file_name)


def test_audit_trail_and_disposal_log_hold_no_personal_data(expired):
    retention_apply(today=TODAY)

    dumped = json.dumps(
        [
            [e.before, e.after, e.message, e.target_label, e.actor_label]
            for e in AuditEvent.objects.all()
        ]
        + list(DisposalLog.objects.values_list("case_reference", "kind", "basis"))
    )
    for personal in ("Zelda", "Probe", "01234", "zelda-letter", "Yolanda"):
        assert personal not in dumped
    entry = DisposalLog.objects.get()
    assert (entry.case_reference, entry.kind, entry.policy_years) == (
        expired.reference,
        Kind.COMPLAINT,
        6,
    )
    assert (entry.basis, entry.basis_date) == ("closed", dt.date(2023, 5, 1))
    assert entry.expired_on == dt.date(2029, 5, 1)
    assert AuditEvent.objects.filter(verb="case.anonymised", case=expired).count() == 1
    assert AuditEvent.objects.filter(verb="retention.run").count() == 1


def test_dry_run_counts_and_changes_nothing(expired):
    out = io.StringIO()
    call_command("retention", "--dry-run", "--today", "2031-01-01", stdout=out)

    assert "Would anonymise 1 cases" in out.getvalue()
    assert "Files to remove: 1." in out.getvalue()
    assert Case.objects.get(pk=expired.pk).contact_name == NAME
    assert not DisposalLog.objects.exists()
    assert expired.attachments.count() == 1


def test_a_second_run_does_nothing(expired):
    retention_apply(today=TODAY)
    events = AuditEvent.objects.count()

    again = retention_apply(today=TODAY)

    assert again.anonymised == 0
    assert again.run is None
    assert again.plan.already_anonymised == 1
    assert AuditEvent.objects.count() == events
    assert DisposalLog.objects.count() == 1


def test_not_yet_expired_case_is_kept(expired):
    result = retention_apply(today=dt.date(2029, 4, 30))

    assert result.anonymised == 0
    assert result.plan.not_due == 1
    assert Case.objects.get(pk=expired.pk).contact_name == NAME


def test_a_case_never_closed_counts_from_its_last_activity(childrens):
    # Imported cases are never marked closed: the response date is the last activity.
    case = _closed_case(childrens, closed=dt.date(2024, 3, 10))
    Case.objects.filter(pk=case.pk).update(is_closed=False, closed_at=None)

    assert retention_apply(today=dt.date(2030, 3, 7)).anonymised == 0
    result = retention_apply(today=dt.date(2030, 3, 8))

    assert result.anonymised == 1
    entry = DisposalLog.objects.get()
    assert (entry.basis, entry.basis_date) == ("last_activity", dt.date(2024, 3, 8))


def test_a_case_with_an_open_stage_is_never_due(childrens):
    case = CaseFactory(contact_name=NAME)
    StageFactory(case=case, directorate=childrens, received=dt.date(2015, 1, 5))

    result = retention_apply(today=TODAY)

    assert result.anonymised == 0
    assert result.plan.still_open == 1


def test_policy_is_per_kind_of_contact(childrens):
    RetentionPolicy.objects.filter(kind=Kind.COMPLIMENT).update(years=2)
    compliment = _closed_case(
        childrens, closed=dt.date(2027, 6, 1), kind=Kind.COMPLIMENT
    )
    complaint = _closed_case(childrens, closed=dt.date(2027, 6, 1))

    retention_apply(today=dt.date(2029, 6, 1))

    assert Case.objects.get(pk=compliment.pk).contact_name == ""
    assert Case.objects.get(pk=complaint.pk).contact_name == NAME


@pytest.mark.parametrize(
    "reason",
    [
        LegalHold.Reason.LEGAL_ACTION,
        LegalHold.Reason.SUBJECT_ACCESS,
        LegalHold.Reason.FOI_APPEAL,
    ],
)
def test_a_legal_hold_keeps_the_case_until_released(expired, alice, reason):
    hold = LegalHold.objects.create(case=expired, reason=reason, placed_by=alice)

    result = retention_apply(today=TODAY)

    assert result.anonymised == 0
    assert result.held_counts == {reason: 1}
    assert Case.objects.get(pk=expired.pk).contact_name == NAME

    hold.released_at = timezone.now()
    hold.save()
    assert retention_apply(today=TODAY).anonymised == 1


def test_an_open_ombudsman_case_holds_the_case(expired):
    OmbudsmanCase.objects.create(
        reference="LG-1", ombudsman="lgsco", case=expired, received=dt.date(2024, 1, 1)
    )

    result = retention_apply(today=TODAY)

    assert result.held_counts == {LegalHold.Reason.OMBUDSMAN: 1}
    assert Case.objects.get(pk=expired.pk).contact_name == NAME


def test_decided_ombudsman_case_is_anonymised_with_the_case(expired):
    ombudsman = OmbudsmanCase.objects.create(
        reference="LG-2",
        ombudsman="lgsco",
        case=expired,
        received=dt.date(2023, 6, 1),
        decided=dt.date(2023, 9, 1),
        decision="upheld",
        summary=f"{NAME} complained about repairs.",
    )

    retention_apply(today=TODAY)

    ombudsman.refresh_from_db()
    assert ombudsman.summary == REMOVED
    assert ombudsman.decision == "upheld"


def test_a_newer_related_case_still_kept_holds_the_older_one(expired, childrens):
    newer = CaseFactory(converted_from=expired)
    StageFactory(case=newer, directorate=childrens, received=dt.date(2030, 6, 1))

    result = retention_apply(today=TODAY)

    assert result.held_counts == {LegalHold.Reason.RELATED_COMPLAINT: 1}


def _stats_json():
    out = io.StringIO()
    for year in ("2022/23", "2023/24", "2026/27"):
        call_command("stats", "--json", "--year", year, stdout=out)
    return out.getvalue()


def _rollup():
    # Read as SQL: the roll-up belongs to the statistics app, a sibling layer.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM statistics_monthlycount ORDER BY id")
        rows = cursor.fetchall()
    assert rows
    return rows


def test_statistics_and_roll_up_are_identical_before_and_after(
    alice, childrens, adults
):
    for kind in (Kind.COMPLAINT, Kind.COMPLIMENT, Kind.SERVICE_REQUEST):
        _closed_case(childrens, kind=kind)
        _closed_case(adults, kind=kind, closed=dt.date(2023, 11, 20))
    _closed_case(childrens, closed=dt.date(2027, 7, 1))  # not yet due
    before_stats, before_rollup = _stats_json(), _rollup()

    result = retention_apply(today=TODAY)

    assert result.anonymised == 6
    assert _stats_json() == before_stats
    assert _rollup() == before_rollup


def test_command_prints_its_counts(expired):
    out = io.StringIO()
    call_command("retention", "--today", "2031-01-01", stdout=out)

    text = out.getvalue()
    assert "Anonymised 1 cases past their retention period." in text
    assert "Files removed: 1." in text
    assert "Held back: 0." in text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("complaint", "is not KIND=YEARS"),
        ("complaint=0", "between 1 and 100"),
        ("complaints=6", "the kind must be one of"),
    ],
)
def test_set_policy_rejects_bad_values_and_changes_nothing(value, message):
    with pytest.raises(CommandError, match=message):
        call_command("retention", "--set-policy", "compliment=3", "--set-policy", value)

    assert set(RetentionPolicy.objects.values_list("years", flat=True)) == {6}


def test_set_policy_changes_the_period_and_is_audited():
    out = io.StringIO()
    call_command("retention", "--set-policy", "compliment=2", stdout=out)

    assert "Compliment: kept 2 years" in out.getvalue()
    assert RetentionPolicy.objects.get(kind=Kind.COMPLIMENT).years == 2
    assert AuditEvent.objects.filter(verb="retention.policy_changed").count() == 1


def test_bad_today_is_refused():
    with pytest.raises(CommandError, match="is not a date"):
        call_command("retention", "--today", "31/01/2031")
