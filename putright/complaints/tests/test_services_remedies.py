"""Remedies tracked to delivery, and closing a case while a remedy is still owed."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from putright.audit.models import AuditEvent
from putright.complaints import selectors, services
from putright.complaints.constants import Kind, Outcome, RemedyType
from putright.complaints.models import Case, CaseNote, Remedy
from putright.complaints.tests.factories import procedure

# Monday 2 March 2026; the response goes on Friday 6 March, the remedies are due 20 March.
TODAY = dt.datetime(2026, 3, 6, 10, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 3, 30, 10, 0, tzinfo=dt.UTC)


def _version(case):
    return Case.objects.get(pk=case.pk).version


def _responded_case(alice, bob, childrens, send_team):
    """A stage 1 complaint, handled by bob, answered with an apology and £150."""
    case = services.case_log(
        by=alice,
        kind=Kind.COMPLAINT,
        channel="email",
        received=dt.date(2026, 3, 2),
        directorate=childrens,
        team=send_team,
        handler=bob,
        procedure=procedure("lgsco_code"),
        contact_name="Pat Example",
        summary="Late reply about an EHC plan.",
    )
    stage = case.stages.get()
    stage = services.stage_acknowledge(
        stage=stage,
        by=bob,
        version=_version(case),
        acknowledged=dt.date(2026, 3, 2),
        understanding="The family waited too long for a reply.",
    )
    stage = services.stage_response_save(
        stage=stage,
        by=bob,
        version=_version(case),
        outcome=Outcome.UPHELD,
        response_reasons="Our SEND policy 4.2 says we reply within 10 days; we did not.",
        understanding="The family waited too long for a reply.",
        remedies=[RemedyType.APOLOGY, RemedyType.FINANCIAL],
        remedy_description="An apology and £150 for the time and trouble.",
        remedy_due=dt.date(2026, 3, 20),
        financial_remedy=150,
    )
    services.stage_respond(
        stage=stage, by=bob, version=_version(case), responded=dt.date(2026, 3, 6)
    )
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def case(alice, bob, childrens, send_team):
    with time_machine.travel(TODAY, tick=False):
        return _responded_case(alice, bob, childrens, send_team)


def _deliver(case, by, remedy_type, **changes):
    remedy = Remedy.objects.get(stage__case=case, type=remedy_type)
    data = {"due": remedy.due, "delivered_on": dt.date(2026, 3, 27), **changes}
    return services.remedy_deliver(remedy=remedy, by=by, version=_version(case), **data)


def test_delivery_records_date_and_who_and_is_audited(case, bob, carol):
    with time_machine.travel(LATER, tick=False):
        remedy = _deliver(case, bob, RemedyType.FINANCIAL, delivered_by=carol)
    remedy.refresh_from_db()
    assert remedy.delivered_on == dt.date(2026, 3, 27)
    assert remedy.delivered_by == carol
    event = AuditEvent.objects.get(case=case, verb="remedy.delivered")
    assert event.after["delivered_on"] == "2026-03-27"
    assert event.before["delivered_on"] is None
    # The audit names the remedy by type, never by the words offered.
    assert "150" not in event.target_label
    assert "apology" not in str(event.after).lower()


def test_delivered_by_defaults_to_the_person_recording_it(case, bob):
    with time_machine.travel(LATER, tick=False):
        remedy = _deliver(case, bob, RemedyType.APOLOGY)
    assert remedy.delivered_by == bob


@pytest.mark.parametrize(
    ("delivered_on", "message"),
    [
        (dt.date(2026, 3, 31), "must be today or in the past"),
        (dt.date(2026, 3, 5), "cannot be before the response"),
    ],
)
def test_impossible_delivery_dates_are_refused_and_change_nothing(
    case, bob, delivered_on, message
):
    with time_machine.travel(LATER, tick=False):
        with pytest.raises(services.CaseworkError) as error:
            _deliver(case, bob, RemedyType.FINANCIAL, delivered_on=delivered_on)
    assert message in error.value.message
    assert error.value.field == "delivered_on"
    assert not Remedy.objects.filter(delivered_on__isnull=False).exists()
    assert not AuditEvent.objects.filter(verb__startswith="remedy.").exists()


def test_an_officer_outside_the_case_cannot_record_delivery(case, dan):
    with time_machine.travel(LATER, tick=False):
        with pytest.raises(PermissionDenied):
            _deliver(case, dan, RemedyType.FINANCIAL)
    assert not Remedy.objects.filter(delivered_on__isnull=False).exists()


def test_overdue_remedies_view_and_home_count(case, alice, bob, carol, dan):
    with time_machine.travel(LATER, tick=False):
        # Responded, not closed: the default "open" state would hide it.
        view = selectors.CaseFilters(view="overdue_remedies", state="all")
        assert [s.case_id for s in selectors.case_list(user=alice, filters=view)] == [
            case.pk
        ]
        assert selectors.case_counts(user=bob)["overdue_remedies"] == 1
        assert selectors.case_counts(user=carol)["overdue_remedies"] == 1
        assert selectors.case_counts(user=dan)["overdue_remedies"] == 0
        _deliver(case, bob, RemedyType.FINANCIAL)
        # One remedy still owed: the case is still listed.
        assert selectors.case_counts(user=alice)["overdue_remedies"] == 1
        _deliver(case, bob, RemedyType.APOLOGY)
        assert selectors.case_counts(user=alice)["overdue_remedies"] == 0
        assert not selectors.case_list(user=alice, filters=view).exists()


def test_not_yet_due_is_not_overdue(case, alice):
    with time_machine.travel(TODAY, tick=False):
        assert selectors.case_counts(user=alice)["overdue_remedies"] == 0


def test_closing_with_undelivered_remedies_needs_confirmation(case, alice):
    with time_machine.travel(LATER, tick=False):
        with pytest.raises(services.CaseworkError) as error:
            services.case_close(case=case, by=alice, version=_version(case))
        assert error.value.field == "confirm_undelivered"
        with pytest.raises(services.CaseworkError) as error:
            services.case_close(
                case=case,
                by=alice,
                version=_version(case),
                confirm_undelivered=True,
                undelivered_reason="  ",
            )
        assert error.value.field == "undelivered_reason"
    assert not Case.objects.get(pk=case.pk).is_closed
    assert not CaseNote.objects.filter(case=case).exists()


def test_closing_with_undelivered_remedies_keeps_the_reason_on_the_case(case, alice):
    with time_machine.travel(LATER, tick=False):
        services.case_close(
            case=case,
            by=alice,
            version=_version(case),
            confirm_undelivered=True,
            undelivered_reason="The payment is with finance, reference FIN-88.",
        )
    assert Case.objects.get(pk=case.pk).is_closed
    note = CaseNote.objects.get(case=case)
    assert "Apology (stage 1)" in note.text
    assert "FIN-88" in note.text
    event = AuditEvent.objects.get(case=case, verb="case.closed")
    assert "2 remedies not yet delivered" in event.message
    assert "FIN-88" not in event.message


def test_closing_once_every_remedy_is_delivered_needs_nothing_more(case, alice, bob):
    with time_machine.travel(LATER, tick=False):
        _deliver(case, bob, RemedyType.FINANCIAL)
        _deliver(case, bob, RemedyType.APOLOGY)
        services.case_close(case=case, by=alice, version=_version(case))
    assert Case.objects.get(pk=case.pk).is_closed
    assert not CaseNote.objects.filter(case=case).exists()
