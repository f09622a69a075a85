"""A journey through every service that takes typed text, each field given a sentinel."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from putright.api.services import api_token_create
from putright.complaints import services
from putright.complaints.constants import Kind, Outcome, RemedyType
from putright.complaints.models import Case, RefusalReason
from putright.complaints.tests.factories import procedure
from putright.ombudsman import services as ombudsman_services
from putright.reporting.services import commentary_save

SENTINEL = "Zqxsentinel"
TODAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def typed(field: str) -> str:
    """What a person might type: a sentence with the sentinel and the field's name."""
    return f"Mrs {SENTINEL} of 1 Probe Street wrote about {field}."


def _version(case):
    return Case.objects.get(pk=case.pk).version


def _log(by, directorate, team, **extra):
    data = {
        "by": by,
        "kind": Kind.COMPLAINT,
        "channel": "email",
        "received": dt.date(2026, 3, 2),
        "directorate": directorate,
        "team": team,
        "procedure": procedure("lgsco_code"),
        "contact_name": typed("contact_name"),
        "contact_email": f"{SENTINEL.lower()}@example.org",
        "contact_phone": f"0700 {SENTINEL}",
        "contact_address": typed("contact_address"),
        "representative_name": typed("representative_name"),
        "reasonable_adjustments": typed("reasonable_adjustments"),
        "outcome_sought": typed("outcome_sought"),
        "summary": typed("summary"),
        "constituency": typed("constituency"),
    }
    data.update(extra)
    return services.case_log(**data)


def _respond(stage, by, outcome=Outcome.UPHELD):
    return services.stage_response_save(
        stage=stage,
        by=by,
        version=_version(stage.case),
        outcome=outcome,
        response_reasons=typed("response_reasons"),
        understanding=typed("understanding"),
        remedies=[RemedyType.APOLOGY, RemedyType.FINANCIAL],
        remedy_description=typed("remedy_description"),
        remedy_due=dt.date(2026, 4, 1),
        financial_remedy=Decimal(150),
        learning=typed("learning"),
    )


@pytest.fixture
def journey(alice, bob, carol, childrens, send_team):
    """Every service that takes typed text, each given the sentinel."""
    with time_machine.travel(TODAY, tick=False):
        case = _log(alice, childrens, send_team)
        stage = case.stages.get()
        services.stage_allocate(
            stage=stage, by=alice, version=_version(case), team=send_team, handler=bob
        )
        stage = services.stage_acknowledge(
            stage=stage,
            by=bob,
            version=_version(case),
            acknowledged=dt.date(2026, 3, 2),
            understanding=typed("acknowledged understanding"),
        )
        stage = services.stage_extend(
            stage=stage,
            by=bob,
            version=_version(case),
            extended_to=stage.due + dt.timedelta(days=7),
            reason=typed("extension reason"),
        )
        services.case_note_add(case=case, by=bob, text=typed("note"))
        services.attachment_add(
            case=case,
            by=bob,
            upload=SimpleUploadedFile(
                f"{SENTINEL} letter.txt", b"Phoned on Tuesday.", "text/plain"
            ),
            description=typed("attachment description"),
        )
        stage = _respond(stage, bob)
        action = services.learning_action_add(
            stage=stage,
            by=bob,
            version=_version(case),
            description=typed("learning action"),
            due=dt.date(2026, 6, 1),
            owner=None,
            owner_name=typed("owner_name"),
        )
        services.learning_action_update(
            action=action,
            by=bob,
            version=_version(case),
            status="complete",
            completed_on=dt.date(2026, 3, 2),
        )
        stage = services.stage_respond(
            stage=stage, by=bob, version=_version(case), responded=dt.date(2026, 3, 2)
        )
        stage2 = services.stage_escalate(
            case=case,
            by=carol,
            version=_version(case),
            received=dt.date(2026, 3, 2),
            handler=carol,
            reasons=typed("escalation reasons"),
        )
        stage2 = services.stage_acknowledge(
            stage=stage2,
            by=carol,
            version=_version(case),
            acknowledged=dt.date(2026, 3, 2),
            understanding=typed("stage 2 understanding"),
        )
        stage2 = _respond(stage2, carol, outcome=Outcome.PARTLY_UPHELD)
        stage2 = services.stage_approval_request(
            stage=stage2, by=carol, version=_version(case)
        )
        stage2 = services.stage_approval_decide(
            stage=stage2,
            by=alice,
            version=_version(case),
            approve=False,
            comment=typed("approval comment"),
        )
        services.case_withdraw(
            case=case,
            by=alice,
            version=_version(case),
            withdrawn_on=dt.date(2026, 3, 2),
            reason=typed("withdrawal"),
        )
        services.case_reopen(
            case=case, by=alice, version=_version(case), reason=typed("reopening")
        )

        refused = _log(alice, childrens, send_team)
        services.case_refuse(
            case=refused,
            by=alice,
            version=_version(refused),
            reason=RefusalReason.objects.get(name="Out of time"),
            details=typed("refusal details"),
            decided_on=dt.date(2026, 3, 2),
        )
        answered = _log(alice, childrens, send_team)
        first = answered.stages.get()
        services.stage_acknowledge(
            stage=first,
            by=alice,
            version=_version(answered),
            acknowledged=dt.date(2026, 3, 2),
            understanding=typed("understanding"),
        )
        first = _respond(first, alice)
        services.stage_respond(
            stage=first,
            by=alice,
            version=_version(answered),
            responded=dt.date(2026, 3, 2),
        )
        services.stage_escalation_refuse(
            case=answered,
            by=alice,
            version=_version(answered),
            refused_on=dt.date(2026, 3, 2),
            reason=RefusalReason.objects.get(name="Out of time"),
            details=typed("escalation refusal details"),
        )
        request = _log(
            alice, childrens, send_team, kind=Kind.SERVICE_REQUEST, procedure=None
        )
        services.case_convert_to_complaint(
            case=request,
            by=alice,
            version=_version(request),
            procedure=procedure("lgsco_code"),
            received=dt.date(2026, 3, 2),
            summary=typed("converted summary"),
        )

        item = ombudsman_services.ombudsman_case_log(
            by=alice,
            reference="24 000 999",
            ombudsman="lgsco",
            received=dt.date(2026, 3, 2),
            complaint_reference=case.reference,
            directorate=childrens,
            team=send_team,
            category=typed("category"),
            is_investigation=True,
            summary=typed("ombudsman summary"),
        )
        ombudsman_services.ombudsman_decision_record(
            item=item,
            by=alice,
            decided=dt.date(2026, 3, 2),
            decision="upheld",
            satisfactory_remedy_by_council=False,
            remedy_amount=Decimal(300),
            is_public_report=False,
            requirement=typed("requirement"),
            lessons=typed("lessons"),
        )
        ombudsman_services.recommendation_add(
            item=item,
            by=alice,
            type="apology",
            description=typed("recommendation"),
            due=dt.date(2026, 4, 1),
            amount=None,
        )
        commentary_save(
            section="summary",
            year="2025/2026",
            directorate=None,
            text=typed("commentary"),
            by=alice,
        )
        api_token_create(user=alice, name=typed("token name"), by=alice)
    return case
