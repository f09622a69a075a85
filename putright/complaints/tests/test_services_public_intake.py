"""`case_submit_public`: contacts sent through the public front door."""

import pytest

from putright.audit.models import AuditEvent
from putright.complaints.constants import Channel, Kind, StageStatus
from putright.complaints.models import Procedure
from putright.complaints.services import (
    CaseworkError,
    case_submit_public,
    procedure_corporate_default,
    procedure_ensure_builtins,
)
from putright.organisation.models import Council

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedures(db):
    procedure_ensure_builtins()


def test_public_complaint_is_a_web_form_contact_with_its_clock_set(
    procedures, childrens
):
    case = case_submit_public(
        kind=Kind.COMPLAINT,
        directorate=childrens,
        procedure=procedure_corporate_default(),
        contact_name="Priya Patel",
        summary="Late review.",
    )
    stage = case.stages.get()
    assert stage.channel == Channel.WEB_FORM
    assert stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT
    assert stage.acknowledge_due is not None
    assert stage.due is not None
    event = AuditEvent.objects.get(verb="case.logged", case=case)
    assert event.actor is None
    assert event.actor_label == "public web form"


def test_public_form_cannot_log_other_kinds(procedures, childrens):
    with pytest.raises(CaseworkError, match="complaints, compliments and comments"):
        case_submit_public(kind=Kind.SERVICE_REQUEST, directorate=childrens)


def test_a_representative_must_confirm_consent(procedures, childrens):
    with pytest.raises(CaseworkError, match="agrees to it"):
        case_submit_public(
            kind=Kind.COMPLAINT,
            directorate=childrens,
            procedure=procedure_corporate_default(),
            representative_name="Priya Patel",
        )


@pytest.mark.parametrize(
    ("nation", "code"),
    [
        (Council.Nation.ENGLAND, "lgsco_code"),
        (Council.Nation.WALES, "psow_model"),
        (Council.Nation.SCOTLAND, "spso_mchp"),
        (Council.Nation.NORTHERN_IRELAND, "nipso_mchp"),
    ],
)
def test_corporate_default_follows_the_councils_nation(
    procedures, council, nation, code
):
    council.nation = nation
    council.save()
    assert procedure_corporate_default().code == code


def test_corporate_default_is_none_when_the_procedure_is_switched_off(procedures):
    Procedure.objects.filter(code="lgsco_code").update(is_active=False)
    assert procedure_corporate_default() is None


def test_no_typed_text_reaches_the_audit_trail(procedures, childrens):
    probe = "Probe-7c1e"
    case_submit_public(
        kind=Kind.COMPLAINT,
        directorate=childrens,
        procedure=procedure_corporate_default(),
        contact_name=probe,
        contact_email="probe@example.org",
        contact_phone=probe,
        contact_address=probe,
        representative_name=probe,
        consent_confirmed=True,
        reasonable_adjustments=probe,
        outcome_sought=probe,
        summary=probe,
    )
    for event in AuditEvent.objects.all():
        stored = " ".join(
            [str(event.before), str(event.after), event.message, event.target_label]
        )
        assert probe not in stored, event.verb
        assert "probe@example.org" not in stored, event.verb
