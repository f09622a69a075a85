"""The retention policy and legal holds in the admin: audited; the disposal log read-only."""

import pytest
from django.urls import reverse

from putright.audit.models import AuditEvent
from putright.complaints.tests.factories import CaseFactory
from putright.privacy.models import LegalHold, RetentionPolicy

pytestmark = pytest.mark.django_db


def test_every_kind_has_a_six_year_policy_after_installation():
    assert RetentionPolicy.objects.count() == 7
    assert set(RetentionPolicy.objects.values_list("years", flat=True)) == {6}


def test_changing_a_policy_in_the_admin_is_audited(client, admin_user):
    policy = RetentionPolicy.objects.get(kind="compliment")
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:privacy_retentionpolicy_change", args=[policy.pk]),
        {"years": "2", "basis": "Retention schedule 2026, line 14."},
    )

    assert response.status_code == 302
    assert RetentionPolicy.objects.get(pk=policy.pk).years == 2
    event = AuditEvent.objects.get(verb="retention.policy_changed")
    assert event.after == {"kind": "compliment", "years": 2}


def test_a_policy_out_of_range_is_refused(client, admin_user):
    policy = RetentionPolicy.objects.get(kind="complaint")
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:privacy_retentionpolicy_change", args=[policy.pk]),
        {"years": "0", "basis": ""},
    )

    assert response.status_code == 200
    assert RetentionPolicy.objects.get(pk=policy.pk).years == 6


def test_a_hold_records_who_placed_and_released_it(client, admin_user):
    case = CaseFactory()
    client.force_login(admin_user)

    client.post(
        reverse("admin:privacy_legalhold_add"),
        {"case": case.pk, "reason": "legal_action", "note": "Claim K00AB123"},
    )
    hold = LegalHold.objects.get()
    assert hold.placed_by == admin_user
    assert hold.is_active

    client.post(
        reverse("admin:privacy_legalhold_changelist"),
        {"action": "release", "_selected_action": [hold.pk]},
    )
    hold.refresh_from_db()
    assert hold.released_by == admin_user
    assert not hold.is_active
    assert list(
        AuditEvent.objects.filter(case=case)
        .order_by("pk")
        .values_list("verb", flat=True)
    ) == ["legal_hold.placed", "legal_hold.released"]


def test_the_disposal_log_cannot_be_edited(client, admin_user):
    client.force_login(admin_user)

    assert client.get(reverse("admin:privacy_disposallog_add")).status_code == 403
    assert (
        client.get(reverse("admin:privacy_disposallog_changelist")).status_code == 200
    )
