"""The Django admin shows administrators no case data and lets nobody change it (RULES §8.9).

Every admin list and change page is opened on a council whose every typed field holds
a sentinel: none shows it. Case records (cases, stages, Ombudsman cases and their
recommendations, notification logs, audit events) are read-only; reference data stays
editable.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from putright.api.models import ApiToken
from putright.audit.models import AuditEvent
from putright.complaints.models import Case, Stage
from putright.inbox.models import InboundMessage
from putright.inbox.services import inbound_receive
from putright.notifications.models import NotificationEmail, NotificationLog
from putright.ombudsman.models import OmbudsmanCase
from tests.conftest import SENTINEL

pytestmark = pytest.mark.django_db
CASE_DATA = [
    Case,
    Stage,
    OmbudsmanCase,
    NotificationLog,
    AuditEvent,
    InboundMessage,
]
# An API token's name is the administrator's own label for it, not case data.
ADMINISTRATORS_OWN = {ApiToken}
REFERENCE_DATA = [
    "complaints_procedure",
    "organisation_directorate",
    "organisation_team",
]


@pytest.fixture
def council_data(journey, bob, childrens, settings):
    NotificationLog.objects.create(
        key=f"due_soon:{journey.pk}:2026-03-02",
        kind=NotificationLog.Kind.DUE_SOON,
        recipient=bob,
        case=journey,
        subject="Response due soon",
    )
    # An email from a resident, read into a contact, answered with its reference.
    settings.PUTRIGHT_INBOX_DIRECTORATE = childrens.name
    inbound_receive(
        f"From: Mrs {SENTINEL} <{SENTINEL}@example.org>\r\n"
        f"Subject: {SENTINEL}\r\nMessage-ID: <{SENTINEL}@example.org>\r\n\r\n"
        f"{SENTINEL}\r\n".encode(),
        source=InboundMessage.Source.FORWARDED,
    )
    assert NotificationEmail.objects.filter(to__startswith=SENTINEL.lower()).exists()
    return journey


def _pages(model):
    opts = model._meta
    base = f"admin:{opts.app_label}_{opts.model_name}"
    yield reverse(f"{base}_changelist")
    for pk in model.objects.values_list("pk", flat=True)[:200]:
        yield reverse(f"{base}_change", args=[pk])


def test_no_admin_page_shows_typed_text_or_personal_data(
    client, admin_user, council_data
):
    client.force_login(admin_user)
    opened = 0
    for model in set(admin.site._registry) - ADMINISTRATORS_OWN:
        for url in _pages(model):
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert SENTINEL.lower() not in body.lower(), url
            assert "Probe Street" not in body, url
            opened += 1
    assert opened > 50


@pytest.mark.parametrize("model", CASE_DATA, ids=lambda m: m._meta.model_name)
def test_case_records_cannot_be_added_changed_or_deleted(
    client, admin_user, council_data, model
):
    client.force_login(admin_user)
    opts = model._meta
    base = f"admin:{opts.app_label}_{opts.model_name}"
    item = model.objects.order_by("pk").first()
    before = {f.attname: getattr(item, f.attname) for f in opts.concrete_fields}

    assert client.get(reverse(f"{base}_add")).status_code == 403
    page = client.get(reverse(f"{base}_change", args=[item.pk])).content.decode()
    assert 'name="_save"' not in page
    changed = client.post(reverse(f"{base}_change", args=[item.pk]), {"reference": "X"})
    assert changed.status_code == 403
    deleted = client.post(reverse(f"{base}_delete", args=[item.pk]), {"post": "yes"})
    assert deleted.status_code == 403

    item.refresh_from_db()
    assert {f.attname: getattr(item, f.attname) for f in opts.concrete_fields} == before


@pytest.mark.parametrize("name", REFERENCE_DATA)
def test_reference_data_stays_editable(client, admin_user, name):
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:{name}_add")).status_code == 200
