"""The per-directorate part of the annual report (issue 11 item 2), on a small hand-built council.

2022/2023 (the report year), Adults:
- Stage 1 under the 2009 adult social care regulations (six calendar months; local target
  20 working days), due 180 days after receipt: A1 East, 15 working days, upheld; A2 East,
  20 working days; A3 West, 21; A4 West, 30 (all four answered in time, not upheld); A5
  West, not answered yet. Local target: 2 of the 4 answered (A1, A2) = 50.0%.
- Stage 1 under the LGSCO Code, Finance team, due 14 days after receipt: B1 answered on
  day 10 (in time), B2 answered on day 20 against an extension to day 25 (late, but by
  the agreed date). Not upheld.
- So 7 stage one complaints in 3 teams (East, West, Finance); 1 upheld, 6 not upheld.
- Compliments: East 3, West 2 (East has the most). Service requests 2, MP enquiry 1.
- A1 was made by a `young_person` (a code, shown as words).
2021/2022, Adults: 3 stage one complaints under the 2009 regulations; 1 service request.
Resources, 2022/2023: 1 stage one complaint (Libraries Team); compliments Libraries Team 2,
Museums Team 2 (a tie).
"""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints.constants import Kind, Outcome
from putright.complaints.models import ComplainantType, ProcedureStage
from putright.complaints.tests.factories import CaseFactory, StageFactory, procedure
from putright.core.periods import Period
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory
from putright.reporting.blocks import INTERNAL, PUBLIC
from putright.reporting.build import build_report
from putright.reporting.tests.test_report_data import all_text, row, table

pytestmark = pytest.mark.django_db
YEAR = Period(2022)
D = dt.date
DAY = dt.timedelta(days=1)


def _stage(kind=Kind.COMPLAINT, **fields):
    return StageFactory(case=CaseFactory(kind=kind), kind=kind, **fields)


@pytest.fixture
def town(council):
    c = council
    c.small_number_threshold = 5
    c.save()
    adults_2009, lgsco = procedure("adults_2009"), procedure("lgsco_code")
    ProcedureStage.objects.filter(procedure=adults_2009, number=1).update(
        local_target_days=20, local_target_unit=ProcedureStage.Unit.WORKING_DAYS
    )
    adults = DirectorateFactory(name="Adults")
    east = TeamFactory(directorate=adults, name="East Team")
    west = TeamFactory(directorate=adults, name="West Team")
    finance = TeamFactory(directorate=adults, name="Finance Team")
    young = ComplainantType.objects.create(name="young_person")
    for index, (team, working_days) in enumerate(
        [(east, 15), (east, 20), (west, 21), (west, 30), (west, None)]
    ):
        received = D(2022, 5, 2) + index * 7 * DAY
        answered = working_days is not None
        _stage(
            directorate=adults,
            team=team,
            procedure=adults_2009,
            received=received,
            due=received + 180 * DAY,
            responded=received + 40 * DAY if answered else None,
            response_working_days=working_days,
            response_calendar_days=40 if answered else None,
            outcome=(Outcome.UPHELD if index == 0 else Outcome.NOT_UPHELD)
            if answered
            else "",
            complainant_type=young if index == 0 else None,
        )
    for days, extended in ((10, None), (20, 25)):
        received = D(2022, 9, 1)
        _stage(
            directorate=adults,
            team=finance,
            procedure=lgsco,
            received=received,
            due=received + 14 * DAY,
            extended_to=received + extended * DAY if extended else None,
            responded=received + days * DAY,
            response_calendar_days=days,
            response_working_days=days * 5 // 7,
            outcome=Outcome.NOT_UPHELD,
        )
    for index in range(3):
        _stage(
            directorate=adults,
            team=east,
            procedure=adults_2009,
            received=D(2021, 6, 1) + index * DAY,
        )
    for team, n in ((east, 3), (west, 2)):
        for index in range(n):
            _stage(
                kind=Kind.COMPLIMENT,
                directorate=adults,
                team=team,
                received=D(2022, 7, 1) + index * DAY,
            )
    for _index in range(2):
        _stage(kind=Kind.SERVICE_REQUEST, directorate=adults, received=D(2022, 8, 1))
    _stage(kind=Kind.SERVICE_REQUEST, directorate=adults, received=D(2021, 8, 1))
    _stage(kind=Kind.MP_ENQUIRY, directorate=adults, received=D(2022, 8, 1))

    resources = DirectorateFactory(name="Resources")
    libraries = TeamFactory(directorate=resources, name="Libraries Team")
    museums = TeamFactory(directorate=resources, name="Museums Team")
    _stage(
        directorate=resources, team=libraries, procedure=lgsco, received=D(2022, 6, 1)
    )
    for team in (libraries, museums):
        for index in range(2):
            _stage(
                kind=Kind.COMPLIMENT,
                directorate=resources,
                team=team,
                received=D(2022, 7, 1) + index * DAY,
            )
    return adults, resources


def test_every_kind_of_contact_this_year_and_last(town):
    adults, _ = town
    received = table(
        build_report(period=YEAR, audience=INTERNAL), f"dir_{adults.pk}_received"
    )

    assert received.caption == "Adults: enquiries received by type"
    assert received.columns == ["Type of enquiry", "2022/2023", "2021/2022"]
    # Kinds with none in either year (informal complaints, stage 2, comments...) are left out.
    assert received.rows == [
        ["Service requests", 2, 1],
        ["Stage one complaints", 7, 3],
        ["Compliments", 5, 0],
        ["MP enquiries", 1, 0],
    ]


def test_figures_by_procedure_with_last_year_and_extensions(town):
    adults, _ = town
    report = build_report(period=YEAR, audience=INTERNAL)
    by_procedure = table(report, f"dir_{adults.pk}_procedures")

    assert by_procedure.caption == "Adults: complaints by procedure, 2022/2023"
    # Received, last year, upheld, partly, not upheld, within limit %, within limit or
    # extension %: the 2009 regulations 4 of 4 answered in time; the Code 1 of 2 in time
    # and 2 of 2 by the agreed date.
    assert row(by_procedure, "Adult social care complaints (2009 Regulations)") == [
        "Adult social care complaints (2009 Regulations)",
        "Stage 1",
        5,
        3,
        1,
        0,
        3,
        100.0,
        100.0,
    ]
    assert row(by_procedure, "LGSCO Complaint Handling Code") == [
        "LGSCO Complaint Handling Code",
        "Stage 1",
        2,
        0,
        0,
        0,
        2,
        50.0,
        100.0,
    ]


def test_answered_within_the_limit_the_extension_and_the_local_target(town):
    text = all_text(build_report(period=YEAR, audience=INTERNAL))

    assert (
        "Of the 4 complaints answered, 4 were answered within 6 calendar months and "
        "0 outside it. In 2021/2022, 3 were received. Answered within the council's "
        "local target of 20 working days: 2 of 4 (50.0%)."
    ) in text
    assert (
        "Of the 2 complaints answered, 1 was answered within 10 working days of the "
        "acknowledgement and 1 outside it. Of those answered late, 1 was answered by "
        "the extended date agreed with the complainant. In 2021/2022, 0 were received."
    ) in text


def test_service_areas_compliments_plurals_and_labels(town):
    text = all_text(build_report(period=YEAR, audience=INTERNAL))

    assert (
        "The 7 stage one complaints received covered 3 separate service areas." in text
    )
    assert "The 1 stage one complaint received covered 1 service area." in text
    assert "The East Team received the most compliments (3)." in text
    assert (
        "The Libraries Team and Museums Team received the most compliments (2 each)."
        in text
    )
    assert (
        "Of the 7 stage one complaints received, 1 was upheld (at fault), 0 partly "
        "upheld (partly at fault) and 6 not upheld (not at fault); 1 had no outcome "
        "recorded yet."
    ) not in text  # A5 has no outcome: 5 not upheld, not 6
    assert (
        "Of the 7 stage one complaints received, 1 was upheld (at fault), 0 partly "
        "upheld (partly at fault) and 5 not upheld (not at fault); 1 had no outcome "
        "recorded yet."
    ) in text
    assert "Stage one complaints were made by: young person (1)." in text
    assert "young_person" not in text


def test_public_version_hides_small_counts_and_their_plurals(town):
    adults, _ = town
    report = build_report(period=YEAR, audience=PUBLIC)
    text = all_text(report)

    # 1 upheld is below the threshold of 5: hidden, and the verb does not say it is one.
    assert "1 was upheld" not in text
    # The directorate's 7 is hidden beside the other directorate's small count (a part
    # goes before the council's total): the sentence opens without it.
    assert (
        "Of the stage one complaints received, fewer than 5 were upheld (at fault)"
    ) in text
    assert "Of the not shown" not in text
    # The local target's counts are never given in public, only the share; here 2 of 4
    # (both below 5) hide the share too, and the sentence goes.
    assert "local target" not in text
    assert (
        "The Libraries Team and Museums Team received the most compliments "
        "(fewer than 5 each)."
    ) in text
    # Last year's count per procedure is internal only.
    by_procedure = table(report, f"dir_{adults.pk}_procedures")
    assert "Received 2021/2022" not in by_procedure.columns
    assert "In 2021/2022," not in text
