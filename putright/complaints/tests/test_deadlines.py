"""Deadline rules of every built-in procedure (docs/deadline-rules.md §3, docs/regulatory-rules.md §8.4).

Every expected date was counted by hand on a printed calendar of that year's bank holidays
(England and Wales unless stated), never produced by the code under test. Bank holidays used:
2022: 19 Sep (state funeral), 26 and 27 Dec (27th substitute for Christmas Day on a Sunday);
2023: 2 Jan, 7 Apr (Good Friday), 10 Apr (Easter Monday; not in Scotland), 1 May, 8 May
(coronation), 29 May, 28 Aug (not in Scotland), 7 Aug (Scotland only), 17 Mar and 12 Jul
(Northern Ireland only); 2026: 25 Dec (Fri), 28 Dec (Boxing Day substitute); 2027: 1 Jan.
"""

import datetime as dt

import pytest

from putright.complaints import deadlines
from putright.complaints.deadlines import BUILTIN_BY_CODE
from putright.core.working_days import get_calendar

D = dt.date
NATION = {
    "lgsco_code": "england",
    "ho_code": "england",
    "children_1989": "england",
    "adults_2009": "england",
    "public_health_2012": "england",
    "psow_model": "wales",
    "spso_mchp": "scotland",
    "nipso_mchp": "northern_ireland",
}


def _stage(code, number):
    return BUILTIN_BY_CODE[code].stage(number)


# (procedure, stage, received, acknowledged, expected acknowledge_due, expected due)
CASES = [
    # Complaint Handling Codes: acknowledge in 5 WD, respond 10 WD after the acknowledgement.
    # Mon 3 Apr 2023: ack skips Good Friday and Easter Monday -> 12 Apr.
    ("lgsco_code", 1, D(2023, 4, 3), None, D(2023, 4, 12), D(2023, 4, 26)),
    # Acknowledged early (5 Apr): 10 WD from then, across Easter -> 21 Apr.
    ("lgsco_code", 1, D(2023, 4, 3), D(2023, 4, 5), D(2023, 4, 12), D(2023, 4, 21)),
    # Acknowledged late (14 Apr): counts as on its deadline (12 Apr) -> still 26 Apr.
    ("lgsco_code", 1, D(2023, 4, 3), D(2023, 4, 14), D(2023, 4, 12), D(2023, 4, 26)),
    # Stage 2, Wed 3 May 2023: ack skips the coronation -> 11 May; 20 WD skips 29 May.
    ("lgsco_code", 2, D(2023, 5, 3), None, D(2023, 5, 11), D(2023, 6, 9)),
    # Housing Ombudsman Code: Fri 16 Sep 2022 across the state funeral on 19 Sep.
    ("ho_code", 1, D(2022, 9, 16), None, D(2022, 9, 26), D(2022, 10, 10)),
    # Housing Code stage 2, Thu 22 Dec 2022: ack skips 26, 27 Dec and 2 Jan -> 3 Jan;
    # 20 WD later -> 31 Jan 2023.
    ("ho_code", 2, D(2022, 12, 22), None, D(2023, 1, 3), D(2023, 1, 31)),
    # Wed 23 Dec 2026: Christmas Friday, Boxing Day substitute Monday 28, New Year.
    ("lgsco_code", 1, D(2026, 12, 23), None, D(2027, 1, 4), D(2027, 1, 18)),
    # Children Act 1989 stage 1: 10 WD across Christmas 2022 (26, 27 Dec) and 2 Jan 2023.
    ("children_1989", 1, D(2022, 12, 22), None, D(2022, 12, 28), D(2023, 1, 10)),
    # Stage 2: 25 WD, received on the May Day bank holiday itself; skips 8 and 29 May.
    ("children_1989", 2, D(2023, 5, 1), None, D(2023, 5, 3), D(2023, 6, 7)),
    # Adult social care: 3 WD to acknowledge, 6 calendar months to respond.
    ("adults_2009", 1, D(2022, 8, 31), None, D(2022, 9, 5), D(2023, 2, 28)),
    ("adults_2009", 1, D(2023, 8, 31), None, D(2023, 9, 5), D(2024, 2, 29)),
    ("public_health_2012", 1, D(2023, 4, 6), None, D(2023, 4, 13), D(2023, 10, 6)),
    # Wales (PSOW): stage 1 10 WD across the New Year; stage 2 ack 5 WD, respond 20 WD.
    ("psow_model", 1, D(2022, 12, 23), None, None, D(2023, 1, 11)),
    ("psow_model", 2, D(2023, 5, 26), None, D(2023, 6, 5), D(2023, 6, 26)),
    # Scotland (SPSO): Easter Monday is a working day, Good Friday is not.
    ("spso_mchp", 1, D(2023, 4, 6), None, None, D(2023, 4, 14)),
    # Stage 2 across the Scottish August bank holiday (7 Aug); 28 Aug is worked.
    ("spso_mchp", 2, D(2023, 8, 4), None, D(2023, 8, 10), D(2023, 9, 4)),
    # Northern Ireland (NIPSO): 12 July, then St Patrick's Day and Easter.
    ("nipso_mchp", 1, D(2023, 7, 11), None, None, D(2023, 7, 19)),
    ("nipso_mchp", 2, D(2023, 3, 10), None, D(2023, 3, 15), D(2023, 4, 12)),
]


@pytest.mark.parametrize(
    ("code", "number", "received", "acknowledged", "ack_due", "due"), CASES
)
def test_builtin_procedure_deadlines_across_bank_holidays(
    code, number, received, acknowledged, ack_due, due
):
    cal = get_calendar(NATION[code])
    rule = _stage(code, number)
    assert deadlines.acknowledge_due(rule, received, cal) == ack_due
    assert deadlines.response_due(rule, received, cal, acknowledged=acknowledged) == due


def test_spso_stage_1_in_england_would_lose_easter_monday():
    # The same rule on the England calendar: 10 April is a holiday, so one day later.
    rule = _stage("spso_mchp", 1)
    assert deadlines.response_due(rule, D(2023, 4, 6), get_calendar("england")) == D(
        2023, 4, 17
    )


# (procedure, stage, due, latest extension without a recorded good reason)
EXTENSION_LIMITS = [
    # Codes: at most 10 WD at stage 1 (skips 1 and 8 May 2023) ...
    ("lgsco_code", 1, D(2023, 4, 21), D(2023, 5, 9)),
    # ... and 20 WD at stage 2.
    ("lgsco_code", 2, D(2023, 6, 9), D(2023, 7, 7)),
    # Children's: stage 1 to received + 20 WD; stage 2 to received + 65 WD.
    ("children_1989", 1, D(2023, 1, 10), D(2023, 1, 24)),
    ("children_1989", 2, D(2023, 6, 7), D(2023, 8, 2)),
    # SPSO stage 1: 10 WD in all (5 beyond the 5-day deadline).
    ("spso_mchp", 1, D(2023, 4, 14), D(2023, 4, 21)),
    # Adults: no cap, the date is agreed with the complainant.
    ("adults_2009", 1, D(2023, 2, 28), None),
    ("psow_model", 2, D(2023, 6, 26), None),
]


@pytest.mark.parametrize(("code", "number", "due", "limit"), EXTENSION_LIMITS)
def test_extension_caps(code, number, due, limit):
    cal = get_calendar(NATION[code])
    rule = _stage(code, number)
    assert deadlines.extension_limit(rule, due, cal) == limit
    if limit is not None:
        assert deadlines.extension_within_cap(rule, due, limit, cal)
        assert not deadlines.extension_within_cap(
            rule, due, limit + dt.timedelta(days=1), cal
        )


def test_childrens_stage_3_chain_from_the_request():
    # Request Mon 20 Mar 2023: panel within 30 WD (skips Easter and 1 May) -> Thu 4 May;
    # report 5 WD after (skips the coronation) -> Fri 12 May; response 15 WD after the
    # report (skips 29 May) -> Mon 5 Jun.
    cal = get_calendar("england")
    rule = _stage("children_1989", 3)
    received = D(2023, 3, 20)
    assert deadlines.panel_meeting_due(rule, received, cal) == D(2023, 5, 4)
    assert deadlines.panel_report_due(rule, D(2023, 5, 4), cal) == D(2023, 5, 12)
    assert deadlines.response_due(rule, received, cal) == D(2023, 6, 5)


def test_childrens_stage_3_known_meeting_date_replaces_the_estimate():
    # Panel met Wed 10 May 2023: report due Wed 17 May, response 15 WD later, 8 Jun.
    cal = get_calendar("england")
    rule = _stage("children_1989", 3)
    assert deadlines.response_due(
        rule, D(2023, 3, 20), cal, panel_meeting_on=D(2023, 5, 10)
    ) == D(2023, 6, 8)
    # Once the report is in, the council has 15 WD from the report itself.
    assert deadlines.response_due(
        rule, D(2023, 3, 20), cal, panel_report_on=D(2023, 5, 16)
    ) == D(2023, 6, 7)


def test_every_builtin_procedure_is_tested():
    assert {case[0] for case in CASES} == set(BUILTIN_BY_CODE)
