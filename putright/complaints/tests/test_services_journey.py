"""The main casework journey through the services, with clocks, approval and audit."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from putright.audit.models import AuditEvent
from putright.complaints import services
from putright.complaints.constants import Kind, Outcome, RemedyType, StageStatus
from putright.complaints.models import Case, Remedy, Stage
from putright.complaints.tests.factories import procedure
from putright.organisation.models import Council

# Monday 2 March 2026: no bank holidays in the weeks that follow.
TODAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def _log(alice, childrens, send_team, **extra):
    data = {
        "by": alice,
        "kind": Kind.COMPLAINT,
        "channel": "email",
        "received": dt.date(2026, 3, 2),
        "directorate": childrens,
        "team": send_team,
        "procedure": procedure("lgsco_code"),
        "contact_name": "Pat Example",
        "summary": "Late reply about an EHC plan.",
    }
    data.update(extra)
    return services.case_log(**data)


def _respond_content(stage, by, outcome=Outcome.UPHELD):
    return services.stage_response_save(
        stage=stage,
        by=by,
        version=stage.case.__class__.objects.get(pk=stage.case_id).version,
        outcome=outcome,
        response_reasons="Our SEND policy 4.2 says we reply within 10 days; we did not.",
        understanding="The family waited too long for a reply.",
        remedies=[RemedyType.APOLOGY, RemedyType.FINANCIAL],
        remedy_description="An apology and £150 for the time and trouble.",
        remedy_due=dt.date(2026, 4, 1),
        financial_remedy=150,
    )


def _version(case):
    return Case.objects.get(pk=case.pk).version


@pytest.mark.usefixtures("frozen")
def test_log_creates_reference_clock_and_audit(alice, childrens, send_team):
    case = _log(alice, childrens, send_team)
    stage = case.stages.get()
    assert case.reference == "CF-2026-000001"
    assert stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT
    # 5 working days after Monday 2 March is Monday 9 March; then 10 more: 23 March.
    assert stage.acknowledge_due == dt.date(2026, 3, 9)
    assert stage.due == dt.date(2026, 3, 23)
    assert AuditEvent.objects.filter(case=case, verb="case.logged").count() == 1


@pytest.mark.usefixtures("frozen")
def test_every_kind_of_contact_takes_the_next_number_of_one_series(
    alice, childrens, send_team
):
    first = _log(alice, childrens, send_team)
    request = _log(alice, childrens, send_team, kind=Kind.SERVICE_REQUEST)
    compliment = _log(alice, childrens, send_team, kind=Kind.COMPLIMENT, procedure=None)
    assert [first.reference, request.reference, compliment.reference] == [
        "CF-2026-000001",
        "CF-2026-000002",
        "CF-2026-000003",
    ]


@pytest.mark.usefixtures("frozen")
def test_the_councils_pattern_and_prefix_write_the_reference(
    alice, childrens, send_team
):
    Council.objects.update(
        reference_prefix="TCC", reference_pattern="{prefix}/{number:05}"
    )
    assert _log(alice, childrens, send_team).reference == "TCC/00001"
    assert _log(alice, childrens, send_team).reference == "TCC/00002"


@pytest.mark.usefixtures("frozen")
def test_the_series_starts_after_the_highest_number_already_stored(
    alice, childrens, send_team
):
    from putright.complaints.tests.factories import CaseFactory

    CaseFactory(reference="CF-2026-004283")
    CaseFactory(reference="CF-2026-000017")
    CaseFactory(reference="CMP-2026-009999")  # another series: ignored
    CaseFactory(reference="CF-2025-007000")  # another year's numbers: ignored
    case = _log(alice, childrens, send_team)
    assert case.reference == "CF-2026-004284"


@pytest.mark.usefixtures("frozen")
def test_reference_skips_a_number_already_taken(alice, childrens, send_team):
    from putright.complaints.tests.factories import CaseFactory

    first = _log(alice, childrens, send_team)
    assert first.reference == "CF-2026-000001"
    CaseFactory(reference="CF-2026-000002")  # stored behind the sequence's back
    assert _log(alice, childrens, send_team).reference == "CF-2026-000003"


@pytest.mark.usefixtures("frozen")
def test_complaint_without_procedure_is_refused(alice, childrens, send_team):
    with pytest.raises(services.CaseworkError) as error:
        _log(alice, childrens, send_team, procedure=None)
    assert error.value.field == "procedure"
    assert not Case.objects.exists()


@pytest.mark.usefixtures("frozen")
def test_received_in_the_future_is_refused(alice, childrens, send_team):
    with pytest.raises(services.CaseworkError):
        _log(alice, childrens, send_team, received=dt.date(2026, 3, 3))


def test_full_journey_two_stages_with_approval(
    alice, bob, carol, dan, childrens, send_team
):
    with time_machine.travel(TODAY, tick=False):
        case = _log(alice, childrens, send_team)
        stage = case.stages.get()
        services.stage_allocate(
            stage=stage, by=alice, version=_version(case), team=send_team, handler=bob
        )
    with time_machine.travel(dt.datetime(2026, 3, 4, 10, tzinfo=dt.UTC), tick=False):
        stage = services.stage_acknowledge(
            stage=stage,
            by=bob,
            version=_version(case),
            acknowledged=dt.date(2026, 3, 4),
            understanding="The family waited too long for a reply.",
        )
        # Acknowledged on Wednesday 4 March: 10 working days later is 18 March.
        assert stage.due == dt.date(2026, 3, 18)
        stage = services.stage_extend(
            stage=stage,
            by=bob,
            version=_version(case),
            extended_to=dt.date(2026, 3, 25),
            reason="We are waiting for the school's records.",
        )
        assert stage.extended_to == dt.date(2026, 3, 25)
        assert stage.extension_beyond_cap is False
    with time_machine.travel(dt.datetime(2026, 3, 20, 10, tzinfo=dt.UTC), tick=False):
        stage = _respond_content(stage, bob)
        stage = services.stage_respond(
            stage=stage, by=bob, version=_version(case), responded=dt.date(2026, 3, 20)
        )
        assert stage.status == StageStatus.RESPONDED
        assert stage.response_calendar_days == 18
        assert stage.response_working_days == 14
    with time_machine.travel(dt.datetime(2026, 3, 27, 10, tzinfo=dt.UTC), tick=False):
        with pytest.raises(services.CaseworkError) as error:
            services.stage_escalate(
                case=case,
                by=carol,
                version=_version(case),
                received=dt.date(2026, 3, 26),
                handler=bob,
            )
        assert "someone other than" in error.value.message
        stage2 = services.stage_escalate(
            case=case,
            by=carol,
            version=_version(case),
            received=dt.date(2026, 3, 26),
            handler=carol,
        )
        assert stage2.number == 2
        assert stage2.received == dt.date(2026, 3, 26)
        assert stage2.status == StageStatus.AWAITING_ACKNOWLEDGEMENT
        # Stage 2: acknowledge by 2 April, respond 20 working days after (Easter 3 and 6 April).
        assert stage2.acknowledge_due == dt.date(2026, 4, 2)
        assert Stage.objects.get(pk=stage.pk).status == StageStatus.CLOSED
        stage2 = services.stage_acknowledge(
            stage=stage2,
            by=carol,
            version=_version(case),
            acknowledged=dt.date(2026, 3, 27),
            understanding="The family remain unhappy with the remedy.",
        )
        stage2 = _respond_content(stage2, carol, outcome=Outcome.PARTLY_UPHELD)
        # LGSCO stage 2 needs approval before it is sent.
        with pytest.raises(services.CaseworkError) as error:
            services.stage_respond(
                stage=stage2,
                by=carol,
                version=_version(case),
                responded=dt.date(2026, 3, 27),
            )
        assert "approve" in error.value.message
        stage2 = services.stage_approval_request(
            stage=stage2, by=carol, version=_version(case)
        )
        assert stage2.status == StageStatus.AWAITING_APPROVAL
        with pytest.raises(services.CaseworkError):
            services.stage_approval_decide(
                stage=stage2, by=carol, version=_version(case), approve=True
            )
        with pytest.raises(PermissionDenied):
            services.stage_approval_decide(
                stage=stage2, by=dan, version=_version(case), approve=True
            )
        stage2 = services.stage_approval_decide(
            stage=stage2, by=alice, version=_version(case), approve=True
        )
        assert stage2.is_approved
        stage2 = services.stage_respond(
            stage=stage2,
            by=carol,
            version=_version(case),
            responded=dt.date(2026, 3, 27),
        )
        for remedy in Remedy.objects.filter(stage__case=case):
            services.remedy_deliver(
                remedy=remedy,
                by=bob,
                version=_version(case),
                due=remedy.due,
                delivered_on=dt.date(2026, 3, 27),
            )
        case = services.case_close(case=case, by=alice, version=_version(case))
    assert case.is_closed
    assert list(case.stages.values_list("status", flat=True)) == ["closed", "closed"]
    verbs = set(AuditEvent.objects.filter(case=case).values_list("verb", flat=True))
    assert {
        "case.logged",
        "stage.allocated",
        "stage.acknowledged",
        "stage.extended",
        "stage.responded",
        "stage.escalated",
        "stage.approval_requested",
        "stage.approved",
        "remedy.delivered",
        "case.closed",
    } <= verbs


@pytest.mark.usefixtures("frozen")
def test_stale_version_is_refused_and_changes_nothing(alice, bob, childrens, send_team):
    case = _log(alice, childrens, send_team)
    stage = case.stages.get()
    seen = _version(case)
    services.stage_allocate(
        stage=stage, by=alice, version=seen, team=send_team, handler=bob
    )
    with pytest.raises(services.StaleCaseError):
        services.stage_acknowledge(
            stage=stage,
            by=alice,
            version=seen,
            acknowledged=dt.date(2026, 3, 2),
            understanding="Understood.",
        )
    stage.refresh_from_db()
    assert stage.acknowledged is None
    assert stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT


@pytest.mark.usefixtures("frozen")
def test_audit_records_before_and_after(alice, bob, childrens, send_team):
    case = _log(alice, childrens, send_team)
    stage = case.stages.get()
    services.stage_allocate(
        stage=stage, by=alice, version=_version(case), team=send_team, handler=bob
    )
    event = AuditEvent.objects.get(verb="stage.allocated")
    assert event.before["handler"] is None
    assert event.after["handler"] == str(bob)
    assert event.actor == alice


@pytest.mark.usefixtures("frozen")
def test_extension_beyond_cap_needs_good_reason_and_is_flagged(
    alice, childrens, send_team
):
    case = _log(alice, childrens, send_team)
    stage = services.stage_acknowledge(
        stage=case.stages.get(),
        by=alice,
        version=_version(case),
        acknowledged=dt.date(2026, 3, 2),
        understanding="Understood.",
    )
    # Due 16 March; the cap is 10 more working days: 30 March.
    assert stage.due == dt.date(2026, 3, 16)
    with pytest.raises(services.CaseworkError) as error:
        services.stage_extend(
            stage=stage,
            by=alice,
            version=_version(case),
            extended_to=dt.date(2026, 3, 31),
            reason="Waiting for records.",
        )
    assert error.value.field == "good_reason"
    stage.refresh_from_db()
    assert stage.extended_to is None
    stage = services.stage_extend(
        stage=stage,
        by=alice,
        version=_version(case),
        extended_to=dt.date(2026, 3, 31),
        reason="Waiting for records.",
        good_reason="The complainant asked us to wait for an independent report.",
    )
    assert stage.extension_beyond_cap is True
    within = services.stage_extend(
        stage=stage,
        by=alice,
        version=_version(case),
        extended_to=dt.date(2026, 4, 1),
        reason="Waiting for records.",
        good_reason="Still waiting.",
    )
    assert within.extended_to == dt.date(2026, 4, 1)


@pytest.mark.usefixtures("frozen")
def test_extension_must_move_the_date_later(alice, childrens, send_team):
    case = _log(alice, childrens, send_team)
    stage = case.stages.get()
    with pytest.raises(services.CaseworkError) as error:
        services.stage_extend(
            stage=stage,
            by=alice,
            version=_version(case),
            extended_to=stage.due,
            reason="No reason.",
        )
    assert error.value.field == "extended_to"


@pytest.mark.usefixtures("frozen")
def test_response_blocked_while_letter_contents_missing(alice, childrens, send_team):
    case = _log(alice, childrens, send_team)
    stage = services.stage_acknowledge(
        stage=case.stages.get(),
        by=alice,
        version=_version(case),
        acknowledged=dt.date(2026, 3, 2),
        understanding="Understood.",
    )
    stage = services.stage_response_save(
        stage=stage,
        by=alice,
        version=_version(case),
        outcome=Outcome.UPHELD,
        response_reasons="",
        understanding="Understood.",
        remedies=[],
    )
    with pytest.raises(services.CaseworkError) as error:
        services.stage_respond(
            stage=stage, by=alice, version=_version(case), responded=dt.date(2026, 3, 2)
        )
    assert "the reasons for the decision" in error.value.message
    assert "the remedy offered" in error.value.message
    stage.refresh_from_db()
    assert stage.responded is None


@pytest.mark.usefixtures("frozen")
def test_refuse_not_accepted_closes_with_reason(alice, childrens, send_team):
    from putright.complaints.models import RefusalReason

    case = _log(alice, childrens, send_team)
    reason = RefusalReason.objects.get(name="Out of time")
    stage = services.case_refuse(
        case=case,
        by=alice,
        version=_version(case),
        reason=reason,
        details="The events happened in 2023, more than 12 months ago.",
        decided_on=dt.date(2026, 3, 2),
    )
    assert stage.outcome == Outcome.REFUSED
    assert stage.status == StageStatus.CLOSED
    assert Case.objects.get(pk=case.pk).is_closed
    with pytest.raises(services.CaseworkError):
        services.stage_escalate(
            case=case, by=alice, version=_version(case), received=dt.date(2026, 3, 2)
        )


@pytest.mark.usefixtures("frozen")
def test_withdraw_then_reopen_restores_the_open_stage(alice, childrens, send_team):
    case = _log(alice, childrens, send_team)
    services.case_withdraw(
        case=case,
        by=alice,
        version=_version(case),
        withdrawn_on=dt.date(2026, 3, 2),
        reason="Phoned to say it is sorted.",
    )
    stage = case.stages.get()
    assert (stage.outcome, stage.status) == (Outcome.WITHDRAWN, StageStatus.CLOSED)
    with pytest.raises(services.CaseworkError):
        services.case_reopen(case=case, by=alice, version=_version(case), reason=" ")
    services.case_reopen(
        case=case, by=alice, version=_version(case), reason="Withdrawn in error."
    )
    stage.refresh_from_db()
    assert stage.outcome == ""
    assert stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT
    assert not Case.objects.get(pk=case.pk).is_closed
    assert AuditEvent.objects.filter(case=case, verb="case.reopened").exists()


@pytest.mark.usefixtures("frozen")
def test_close_refused_while_a_stage_is_open(alice, childrens, send_team):
    case = _log(alice, childrens, send_team)
    with pytest.raises(services.CaseworkError):
        services.case_close(case=case, by=alice, version=_version(case))


@pytest.mark.usefixtures("frozen")
def test_convert_service_request_links_and_keeps_it_open(alice, childrens, send_team):
    request = _log(
        alice, childrens, send_team, kind=Kind.SERVICE_REQUEST, procedure=None
    )
    complaint = services.case_convert_to_complaint(
        case=request,
        by=alice,
        version=_version(request),
        procedure=procedure("lgsco_code"),
        received=dt.date(2026, 3, 2),
    )
    assert complaint.kind == Kind.COMPLAINT
    assert complaint.converted_from == request
    assert complaint.contact_name == request.contact_name
    assert request.stages.get().is_open


@pytest.mark.usefixtures("frozen")
def test_officer_cannot_act_outside_their_team(alice, dan, childrens, send_team):
    case = _log(alice, childrens, send_team)
    with pytest.raises(PermissionDenied):
        services.stage_acknowledge(
            stage=case.stages.get(),
            by=dan,
            version=_version(case),
            acknowledged=dt.date(2026, 3, 2),
            understanding="Understood.",
        )


@pytest.mark.usefixtures("frozen")
def test_officer_cannot_escalate_or_allocate(alice, bob, childrens, send_team):
    case = _log(alice, childrens, send_team, handler=bob)
    with pytest.raises(PermissionDenied):
        services.stage_allocate(
            stage=case.stages.get(),
            by=bob,
            version=_version(case),
            team=None,
            handler=None,
        )


@pytest.mark.usefixtures("frozen")
def test_officer_logs_only_into_their_own_team(bob, dan, childrens, send_team):
    with pytest.raises(services.CaseworkError):
        _log(dan, childrens, send_team)
    case = _log(bob, childrens, send_team)
    assert case.stages.get().team == send_team


@pytest.mark.usefixtures("frozen")
def test_changing_an_approved_response_needs_approval_again(
    alice, carol, childrens, send_team
):
    case = _log(alice, childrens, send_team)
    stage = case.stages.get()
    stage.number = 2  # LGSCO stage 2 needs approval
    stage.save()
    stage = services.stage_acknowledge(
        stage=stage,
        by=alice,
        version=_version(case),
        acknowledged=dt.date(2026, 3, 2),
        understanding="The family remain unhappy.",
    )
    stage = _respond_content(stage, alice)
    stage = services.stage_approval_request(
        stage=stage, by=alice, version=_version(case)
    )
    stage = services.stage_approval_decide(
        stage=stage, by=carol, version=_version(case), approve=True
    )
    # Saving the same content keeps the approval...
    stage = _respond_content(stage, alice)
    assert Stage.objects.get(pk=stage.pk).is_approved
    # ...a change removes it, and sending is refused until approved again.
    stage = _respond_content(stage, alice, outcome=Outcome.NOT_UPHELD)
    assert not Stage.objects.get(pk=stage.pk).is_approved
    with pytest.raises(services.CaseworkError, match="approve"):
        services.stage_respond(
            stage=stage, by=alice, version=_version(case), responded=dt.date(2026, 3, 2)
        )


def test_childrens_stage_three_runs_through_the_panel(alice, childrens, send_team):
    with time_machine.travel(TODAY, tick=False):
        case = _log(alice, childrens, send_team, procedure=procedure("children_1989"))
        stage = case.stages.get()
        stage.number = 3
        stage.save()
        with pytest.raises(services.CaseworkError, match="report before it meets"):
            services.stage_panel_record(
                stage=stage,
                by=alice,
                version=_version(case),
                panel_meeting_on=dt.date(2026, 3, 2),
                panel_report_on=dt.date(2026, 2, 27),
            )
        stage = services.stage_panel_record(
            stage=stage,
            by=alice,
            version=_version(case),
            panel_meeting_on=dt.date(2026, 3, 2),
            panel_report_on=dt.date(2026, 3, 2),
        )
    # The council responds 15 working days after the report: Monday 23 March.
    assert stage.due == dt.date(2026, 3, 23)
    assert stage.panel_meeting_on == dt.date(2026, 3, 2)


@pytest.mark.usefixtures("frozen")
def test_panel_dates_refused_for_an_ordinary_stage(alice, childrens, send_team):
    case = _log(alice, childrens, send_team)
    with pytest.raises(services.CaseworkError, match="no review panel"):
        services.stage_panel_record(
            stage=case.stages.get(),
            by=alice,
            version=_version(case),
            panel_meeting_on=dt.date(2026, 3, 2),
        )
