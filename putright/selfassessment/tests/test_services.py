import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from putright.audit.models import AuditEvent
from putright.core.errors import ServiceError
from putright.selfassessment import services
from putright.selfassessment.models import Answer
from putright.selfassessment.provisions import PROVISIONS

pytestmark = pytest.mark.django_db


def _answer_all(assessment, by):
    for p in PROVISIONS:
        services.answer_save(
            assessment=assessment, provision=p.number, by=by, complies=True
        )


def test_a_year_starts_with_every_provision_unanswered(alice):
    assessment = services.assessment_start(first_year=2024, by=alice)
    assert assessment.answers.count() == len(PROVISIONS)
    assert not assessment.answers.filter(complies__isnull=False).exists()


def test_one_version_per_year(alice):
    services.assessment_start(first_year=2024, by=alice)
    with pytest.raises(ServiceError, match="already a self-assessment for 2024/2025"):
        services.assessment_start(first_year=2024, by=alice)


def test_a_new_year_copies_the_latest_earlier_answers(alice):
    first = services.assessment_start(first_year=2023, by=alice)
    services.answer_save(
        assessment=first,
        provision="6.2",
        by=alice,
        complies=False,
        commentary="Stage 1 late in Housing",
        action="Weekly tracker",
        target_date=dt.date(2024, 9, 30),
    )
    second = services.assessment_start(first_year=2024, by=alice)
    copied = second.answers.get(provision="6.2")
    assert (copied.complies, copied.commentary, copied.action, copied.target_date) == (
        False,
        "Stage 1 late in Housing",
        "Weekly tracker",
        dt.date(2024, 9, 30),
    )
    # Editing the new year leaves last year alone.
    services.answer_save(assessment=second, provision="6.2", by=alice, complies=True)
    assert first.answers.get(provision="6.2").complies is False


def test_not_complying_needs_an_action_and_a_date(alice):
    assessment = services.assessment_start(first_year=2024, by=alice)
    with pytest.raises(ServiceError) as error:
        services.answer_save(
            assessment=assessment, provision="6.2", by=alice, complies=False
        )
    assert error.value.field == "action"
    with pytest.raises(ServiceError) as error:
        services.answer_save(
            assessment=assessment,
            provision="6.2",
            by=alice,
            complies=False,
            action="Train staff",
        )
    assert error.value.field == "target_date"
    assert assessment.answers.get(provision="6.2").complies is None


def test_only_the_complaints_team_edits(bob, carol, erin):
    for user in (bob, carol, erin):
        with pytest.raises(PermissionDenied):
            services.assessment_start(first_year=2024, by=user)


def test_sign_off_locks_the_year_and_is_audited_without_free_text(alice):
    assessment = services.assessment_start(first_year=2024, by=alice)
    with pytest.raises(ServiceError, match="Answer every provision"):
        services.assessment_sign_off(
            assessment=assessment,
            by=alice,
            signed_off_by="Cabinet",
            signed_off_on=dt.date(2025, 6, 1),
            minute_reference="CAB/25/14",
        )
    _answer_all(assessment, alice)
    services.answer_save(
        assessment=assessment,
        provision="1.1",
        by=alice,
        complies=True,
        commentary="Policy section 2 defines it",
    )
    services.assessment_sign_off(
        assessment=assessment,
        by=alice,
        signed_off_by="Cabinet",
        signed_off_on=dt.date(2025, 6, 1),
        minute_reference="CAB/25/14",
    )
    assessment.refresh_from_db()
    assert assessment.is_locked
    with pytest.raises(ServiceError, match="signed off on 1 June 2025"):
        services.answer_save(
            assessment=assessment, provision="1.1", by=alice, complies=False
        )
    assert Answer.objects.get(assessment=assessment, provision="1.1").complies is True
    events = AuditEvent.objects.filter(verb__startswith="self_assessment.")
    assert events.filter(verb="self_assessment.signed_off").count() == 1
    assert not any("Policy section 2" in str(e.before) + str(e.after) for e in events)


def test_sign_off_refuses_a_future_date_and_a_missing_minute(alice):
    assessment = services.assessment_start(first_year=2024, by=alice)
    _answer_all(assessment, alice)
    with pytest.raises(ServiceError) as error:
        services.assessment_sign_off(
            assessment=assessment,
            by=alice,
            signed_off_by="Cabinet",
            signed_off_on=dt.date.today(),
            minute_reference=" ",
        )
    assert error.value.field == "minute_reference"
    with pytest.raises(ServiceError) as error:
        services.assessment_sign_off(
            assessment=assessment,
            by=alice,
            signed_off_by="Cabinet",
            signed_off_on=dt.date.today() + dt.timedelta(days=1),
            minute_reference="CAB/1",
        )
    assert error.value.field == "signed_off_on"
