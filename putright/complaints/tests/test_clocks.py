"""Stored stage clocks: deadlines, extension flag and response times (complaints.clocks).

Expected dates are counted by hand (England and Wales: 25, 26 Dec 2023 and 1 Jan 2024 are
bank holidays; 2023: 7 and 10 Apr Easter, 1 and 8 May).
"""

import datetime as dt

import pytest

from putright.complaints import clocks
from putright.complaints.constants import Kind
from putright.complaints.models import Case, Procedure, ProcedureStage
from putright.complaints.tests.factories import CaseFactory, StageFactory, procedure
from putright.core.working_days import get_calendar
from putright.organisation.models import ClosureDay, Council

D = dt.date
ENGLAND = get_calendar("england")

pytestmark = pytest.mark.django_db


def _rule(code):
    return procedure(code).rule()


def test_clock_sets_deadlines_and_response_times():
    stage = StageFactory(
        received=D(2023, 4, 3), acknowledged=D(2023, 4, 5), responded=D(2023, 4, 20)
    )
    clocks.stage_set_clock(
        stage, rule=_rule("lgsco_code"), cal=ENGLAND, due_given=False
    )
    assert stage.acknowledge_due == D(2023, 4, 12)
    assert stage.due == D(2023, 4, 21)
    # 3 Apr -> 20 Apr: 17 calendar days; 11 working days (Good Friday, Easter Monday out).
    assert stage.response_calendar_days == 17
    assert stage.response_working_days == 11
    assert stage.panel_meeting_due is None
    assert stage.extension_beyond_cap is False


def test_open_stage_has_no_response_times():
    stage = StageFactory(received=D(2023, 4, 3))
    clocks.stage_set_clock(
        stage, rule=_rule("lgsco_code"), cal=ENGLAND, due_given=False
    )
    assert stage.response_calendar_days is None
    assert stage.response_working_days is None
    assert stage.due == D(2023, 4, 26)


def test_explicit_due_is_kept():
    stage = StageFactory(received=D(2023, 4, 3), due=D(2023, 5, 31))
    clocks.stage_set_clock(stage, rule=_rule("lgsco_code"), cal=ENGLAND)
    assert stage.due == D(2023, 5, 31)
    assert stage.acknowledge_due == D(2023, 4, 12)


@pytest.mark.parametrize(
    ("extended_to", "beyond"),
    [(D(2023, 5, 9), False), (D(2023, 5, 10), True), (None, False)],
)
def test_extension_beyond_the_codes_ten_working_days_is_flagged(extended_to, beyond):
    # Due 21 Apr 2023; 10 WD later, skipping 1 May, is 9 May.
    stage = StageFactory(
        received=D(2023, 4, 3), acknowledged=D(2023, 4, 5), extended_to=extended_to
    )
    clocks.stage_set_clock(
        stage, rule=_rule("lgsco_code"), cal=ENGLAND, due_given=False
    )
    assert stage.extension_beyond_cap is beyond


def test_childrens_stage_3_stores_the_panel_chain():
    stage = StageFactory(
        number=3, procedure=procedure("children_1989"), received=D(2023, 3, 20)
    )
    clocks.stage_set_clock(
        stage, rule=_rule("children_1989"), cal=ENGLAND, due_given=False
    )
    assert stage.panel_meeting_due == D(2023, 5, 4)
    assert stage.panel_report_due == D(2023, 5, 12)
    assert stage.due == D(2023, 6, 5)
    # With the meeting held on 10 May the report is due 5 WD after it, 17 May.
    stage.panel_meeting_on = D(2023, 5, 10)
    clocks.stage_set_clock(
        stage, rule=_rule("children_1989"), cal=ENGLAND, due_given=False
    )
    assert stage.panel_report_due == D(2023, 5, 17)
    assert stage.due == D(2023, 6, 8)


def test_contact_without_procedure_keeps_its_due_and_gets_response_times():
    case = CaseFactory(kind=Kind.COMPLIMENT)
    stage = StageFactory(
        case=case, received=D(2023, 4, 3), due=D(2023, 4, 6), responded=D(2023, 4, 11)
    )
    assert stage.procedure is None
    clocks.stage_set_clock(stage, rule=None, cal=ENGLAND)
    assert stage.due == D(2023, 4, 6)
    assert stage.acknowledge_due is None
    assert stage.response_calendar_days == 8
    assert stage.response_working_days == 4  # 4, 5, 6, 11 April


def test_council_defined_three_stage_procedure_on_21_calendar_days():
    corporate = Procedure.objects.create(
        code="corporate_3",
        name="Corporate three-stage procedure",
        family="corporate",
        day_basis="calendar",
        ombudsman="lgsco",
    )
    for number in (1, 2, 3):
        ProcedureStage.objects.create(
            procedure=corporate,
            number=number,
            respond_days=21,
            respond_unit=ProcedureStage.Unit.CALENDAR_DAYS,
            extension_cap=14,
        )
    rules = clocks.procedure_rules()
    assert rules[corporate.pk].stage_numbers == (1, 2, 3)
    stage = StageFactory(
        number=3,
        procedure=corporate,
        received=D(2023, 12, 20),
        extended_to=D(2024, 1, 25),
    )
    clocks.stage_set_clock(
        stage, rule=rules[corporate.pk], cal=ENGLAND, due_given=False
    )
    # 21 calendar days, holidays or not; extension at most 14 calendar days (24 Jan).
    assert stage.due == D(2024, 1, 10)
    assert stage.acknowledge_due is None
    assert stage.extension_beyond_cap is True


def test_stage_number_missing_from_the_procedure_gets_no_deadline():
    stage = StageFactory(number=3, received=D(2023, 4, 3))
    clocks.stage_set_clock(
        stage, rule=_rule("lgsco_code"), cal=ENGLAND, due_given=False
    )
    assert stage.due is None


def test_recompute_after_closure_days_change():
    rule = _rule("lgsco_code")
    computed = StageFactory(received=D(2023, 12, 20), responded=D(2024, 1, 10))
    agreed = StageFactory(
        received=D(2023, 12, 20), due=D(2024, 1, 31), responded=D(2024, 1, 10)
    )
    for stage in (computed, agreed):
        clocks.stage_set_clock(stage, rule=rule, cal=ENGLAND, due_given=stage is agreed)
        stage.save()
    # Without closure days: ack 29 Dec, due 15 Jan; 12 working days to 10 Jan.
    assert computed.due == D(2024, 1, 15)
    assert computed.response_working_days == 12
    council = Council.load()
    for day in (D(2023, 12, 27), D(2023, 12, 28)):
        ClosureDay.objects.create(council=council, date=day)

    versions = {stage.case_id: stage.case.version for stage in (computed, agreed)}
    changed = clocks.clocks_recompute(previous=ENGLAND)

    assert changed == 2
    for case_id, version in versions.items():
        assert Case.objects.get(pk=case_id).version == version + 1
    computed.refresh_from_db()
    agreed.refresh_from_db()
    # Closed 27 and 28 Dec: ack 3 Jan, due 17 Jan; 10 working days to 10 Jan.
    assert computed.acknowledge_due == D(2024, 1, 3)
    assert computed.due == D(2024, 1, 17)
    assert computed.response_working_days == 10
    assert computed.response_calendar_days == 21
    assert agreed.due == D(2024, 1, 31)
    assert agreed.response_working_days == 10
    # Running it again changes nothing.
    assert clocks.clocks_recompute() == 0
