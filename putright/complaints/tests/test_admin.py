"""Case records are read-only in the Django admin: changes go through the audited services."""

import pytest
from django.urls import reverse

from putright.complaints.models import Case, Stage
from putright.complaints.tests.factories import logged_complaint, procedure


@pytest.fixture
def case(alice, bob, childrens, send_team):
    return logged_complaint(
        by=alice, directorate=childrens, team=send_team, handler=bob
    )


def test_case_change_page_is_read_only(client, admin_user, case):
    client.force_login(admin_user)
    url = reverse("admin:complaints_case_change", args=[case.pk])
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert case.reference in body
    assert 'name="_save"' not in body
    assert 'name="contact_name"' not in body
    assert "Delete" not in body


def test_case_change_is_refused_and_changes_nothing(client, admin_user, case):
    before = (case.reference, case.kind, case.version)
    client.force_login(admin_user)
    url = reverse("admin:complaints_case_change", args=[case.pk])
    response = client.post(url, {"reference": "CHANGED", "kind": "comment"})
    assert response.status_code == 403
    case = Case.objects.get(pk=case.pk)
    assert (case.reference, case.kind, case.version) == before


@pytest.mark.parametrize(
    "name",
    [
        "admin:complaints_case_add",
        "admin:complaints_stage_add",
    ],
)
def test_case_records_cannot_be_added(client, admin_user, db, name):
    client.force_login(admin_user)
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("model", ["case", "stage"])
def test_case_records_cannot_be_deleted(client, admin_user, case, model):
    client.force_login(admin_user)
    pk = case.pk if model == "case" else Stage.objects.get(case=case).pk
    url = reverse(f"admin:complaints_{model}_delete", args=[pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Stage.objects.filter(case=case).exists()


def test_procedures_stay_editable(client, admin_user, db):
    client.force_login(admin_user)
    response = client.get(reverse("admin:complaints_procedure_add"))
    assert response.status_code == 200


def test_a_local_target_is_edited_with_the_procedure_stages(client, admin_user, db):
    adults = procedure("adults_2009")
    client.force_login(admin_user)
    url = reverse("admin:complaints_procedure_change", args=[adults.pk])
    body = client.get(url).content.decode()
    # The inline's first (only) stage row has the two fields of the local target.
    assert 'name="stages-0-local_target_days"' in body
    assert 'name="stages-0-local_target_unit"' in body
