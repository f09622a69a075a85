"""Letters hold what the Codes require (docs/regulatory-rules.md §1.6, §8.5); responses block until complete."""

import datetime as dt

import pytest
from django.urls import reverse

from putright.complaints import letters, services
from putright.complaints.constants import Outcome, RemedyType
from putright.complaints.models import Case, RefusalReason
from putright.complaints.tests.factories import logged_complaint, procedure


@pytest.fixture
def stage(alice, childrens, send_team):
    case = logged_complaint(
        by=alice, directorate=childrens, team=send_team, contact_name="Pat Example"
    )
    return services.stage_acknowledge(
        stage=case.stages.get(),
        by=alice,
        version=case.version,
        acknowledged=dt.date.today(),
        understanding="Pat says the council did not reply about the EHC plan.",
    )


def _version(stage):
    return Case.objects.get(pk=stage.case_id).version


def _save(stage, by, **overrides):
    data = {
        "outcome": Outcome.UPHELD,
        "response_reasons": "Policy 4.2 requires a reply within 10 days.",
        "understanding": stage.understanding,
        "remedies": [RemedyType.APOLOGY, RemedyType.SERVICE_ACTION],
        "remedy_description": "We apologise and will reply to every letter in 10 days.",
        "remedy_due": dt.date.today() + dt.timedelta(days=30),
    }
    data.update(overrides)
    return services.stage_response_save(
        stage=stage, by=by, version=_version(stage), **data
    )


def test_a_new_stage_lacks_every_decision_item(stage):
    missing = letters.response_letter_missing(stage)
    assert "the decision on the complaint" in missing
    assert "the reasons for the decision" in missing


def test_complete_response_has_nothing_missing(stage, alice):
    stage = _save(stage, alice)
    assert letters.response_letter_missing(stage) == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"understanding": ""}, "the description of the complaint as understood"),
        ({"response_reasons": "   "}, "the reasons for the decision"),
        ({"remedies": []}, "the remedy offered to put things right"),
        ({"remedy_description": ""}, "what the remedy is"),
        ({"remedy_due": None}, "when the remedy will be delivered"),
    ],
)
def test_each_missing_item_blocks_sending(stage, alice, overrides, expected):
    stage = _save(stage, alice, **overrides)
    assert expected in letters.response_letter_missing(stage)
    with pytest.raises(services.CaseworkError, match=expected):
        services.stage_respond(
            stage=stage, by=alice, version=_version(stage), responded=dt.date.today()
        )


def test_not_upheld_needs_no_remedy(stage, alice):
    stage = _save(stage, alice, outcome=Outcome.NOT_UPHELD, remedies=[])
    assert letters.response_letter_missing(stage) == []


def test_stage_one_letter_offers_stage_two_with_a_date(client, stage, alice):
    stage = _save(stage, alice)
    services.stage_respond(
        stage=stage, by=alice, version=_version(stage), responded=dt.date.today()
    )
    client.force_login(alice)
    url = reverse("complaints:letter", args=[stage.case.reference, 1, "response"])
    body = client.get(url).content.decode()
    assert "Our stage 1 response" in body
    assert "consider your complaint at stage 2" in body
    assert "Please tell us by" in body
    assert "upheld" in body
    assert "Local Government and Social Care Ombudsman" not in body


def test_extension_letter_has_reason_date_and_ombudsman(client, stage, alice):
    new_date = stage.due + dt.timedelta(days=3)
    services.stage_extend(
        stage=stage,
        by=alice,
        version=_version(stage),
        extended_to=new_date,
        reason="We are waiting for the school's records.",
    )
    client.force_login(alice)
    url = reverse("complaints:letter", args=[stage.case.reference, 1, "extension"])
    body = client.get(url).content.decode()
    assert "waiting for the school&#x27;s records" in body
    assert f"{new_date:%-d %B %Y}" in body
    assert "Local Government and Social Care Ombudsman" in body
    assert "0300 061 0614" in body


def test_not_accepted_letter_gives_reasons_and_right_to_ombudsman(
    client, alice, childrens
):
    case = logged_complaint(
        by=alice, directorate=childrens, procedure=procedure("ho_code")
    )
    services.case_refuse(
        case=case,
        by=alice,
        version=case.version,
        reason=RefusalReason.objects.get(name="Legal proceedings started"),
        details="A claim about the same repair was filed at court.",
        decided_on=dt.date.today(),
    )
    client.force_login(alice)
    url = reverse("complaints:letter", args=[case.reference, 1, "not-accepted"])
    body = client.get(url).content.decode()
    assert "Legal proceedings started" in body
    assert "filed at court" in body
    assert "Housing Ombudsman Service" in body
    assert "right to ask the Ombudsman" in body


def test_final_stage_letter_points_to_the_ombudsman(stage, alice, carol, bob):
    # Stage 2 of the LGSCO Code is the last: its letter names the Ombudsman.
    stage = _save(stage, alice)
    services.stage_respond(
        stage=stage, by=alice, version=_version(stage), responded=dt.date.today()
    )
    stage2 = services.stage_escalate(
        case=stage.case,
        by=alice,
        version=_version(stage),
        received=dt.date.today(),
        handler=carol,
    )
    assert letters.next_stage_number(stage2) is None
    context = letters.letter_context(stage2, "response")
    assert context["ombudsman"].name == "Local Government and Social Care Ombudsman"
    assert context["next_stage"] is None
