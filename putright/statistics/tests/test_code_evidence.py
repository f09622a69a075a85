"""The self-assessment evidence, worked out by hand on a small dataset written out below.

Dates are in June to August 2023 on the English calendar (no bank holiday in June or July;
28 August 2023 is the summer bank holiday). Working days are counted after the start date up
to and including the end date, as the Code's timescales are.
"""

import datetime as dt

import pytest

from putright.complaints.constants import Kind, LearningStatus, Outcome, RemedyType
from putright.complaints.models import LearningAction, RefusalReason, Remedy
from putright.complaints.tests.factories import CaseFactory, StageFactory, procedure
from putright.core.periods import Period
from putright.correspondence.kinds import LetterKind
from putright.correspondence.models import Letter
from putright.organisation.tests.factories import DirectorateFactory
from putright.statistics import code_evidence

D = dt.date
YEAR = Period(2023)


def _letter(stage, text):
    return Letter.objects.create(
        key=f"letter:response:stage:{stage.pk}",
        case=stage.case,
        stage=stage,
        kind=LetterKind.RESPONSE,
        audience="complainant",
        language="en",
        channel="email",
        status="sent",
        subject="Our response",
        text=text,
    )


@pytest.fixture
def dataset(db):
    place = DirectorateFactory(name="Place")
    legal = RefusalReason.objects.get_or_create(name="Legal proceedings started")[0]
    considered = RefusalReason.objects.get_or_create(name="Matter already considered")[
        0
    ]
    request = CaseFactory(kind=Kind.SERVICE_REQUEST)
    StageFactory(case=request, directorate=place, received=D(2023, 6, 1))
    # A: acknowledged in 5 WD (2, 5, 6, 7, 8 June), answered 10 WD after (9 to 22 June).
    case_a = CaseFactory(converted_from=request)
    a = StageFactory(
        case=case_a,
        directorate=place,
        received=D(2023, 6, 1),
        acknowledged=D(2023, 6, 8),
        responded=D(2023, 6, 22),
        outcome=Outcome.UPHELD,
    )
    Remedy.objects.create(
        stage=a,
        type=RemedyType.SERVICE_ACTION,
        due=D(2023, 6, 30),
        delivered_on=D(2023, 6, 29),
    )
    LearningAction.objects.create(
        stage=a,
        description="Check the rota",
        due=D(2023, 6, 30),
        status=LearningStatus.COMPLETE,
        completed_on=D(2023, 6, 30),
    )
    # B: acknowledged in 6 WD, answered 11 WD after (26 June); extended 10 WD (23 June to
    # 7 July) with a reason; remedy late; learning completed after its date; escalated.
    case_b = CaseFactory()
    b = StageFactory(
        case=case_b,
        directorate=place,
        received=D(2023, 6, 1),
        acknowledged=D(2023, 6, 9),
        due=D(2023, 6, 23),
        extended_to=D(2023, 7, 7),
        extension_reason="Waiting for a surveyor's report",
        responded=D(2023, 6, 26),
        outcome=Outcome.PARTLY_UPHELD,
    )
    Remedy.objects.create(
        stage=b,
        type=RemedyType.FINANCIAL,
        due=D(2023, 6, 23),
        delivered_on=D(2023, 6, 27),
    )
    LearningAction.objects.create(
        stage=b,
        description="Update the leaflet",
        due=D(2023, 6, 30),
        status=LearningStatus.COMPLETE,
        completed_on=D(2023, 7, 3),
    )
    # B stage 2: acknowledged the day it came, answered in 20 WD (31 July); extended 21 WD
    # (31 July to 30 August, the bank holiday not counted), no reason, beyond the cap.
    b2 = StageFactory(
        case=case_b,
        number=2,
        directorate=place,
        received=D(2023, 7, 3),
        acknowledged=D(2023, 7, 3),
        due=D(2023, 7, 31),
        extended_to=D(2023, 8, 30),
        extension_beyond_cap=True,
        responded=D(2023, 7, 31),
        outcome=Outcome.NOT_UPHELD,
    )
    _letter(b2, "Final response. Website: www.lgo.org.uk")
    # C: not accepted.
    StageFactory(
        directorate=place,
        received=D(2023, 6, 1),
        outcome=Outcome.REFUSED,
        refusal_reason=legal,
    )
    # D: never acknowledged, answered 10 WD after receipt (19 June); escalation refused;
    # remedy not delivered; learning still open.
    d = StageFactory(
        directorate=place,
        received=D(2023, 6, 5),
        responded=D(2023, 6, 19),
        outcome=Outcome.UPHELD,
        escalation_refused_on=D(2023, 6, 26),
        escalation_refusal_reason=considered,
    )
    Remedy.objects.create(stage=d, type=RemedyType.APOLOGY, due=D(2023, 6, 30))
    LearningAction.objects.create(
        stage=d, description="Review the form", due=D(2023, 6, 30)
    )
    # E: stage 2 of a complaint from last year: acknowledged in 6 WD, answered in 19 WD;
    # its letter leaves out the Ombudsman.
    case_e = CaseFactory()
    StageFactory(case=case_e, directorate=place, received=D(2022, 12, 1))
    e = StageFactory(
        case=case_e,
        number=2,
        directorate=place,
        received=D(2023, 6, 5),
        acknowledged=D(2023, 6, 13),
        responded=D(2023, 7, 10),
        outcome=Outcome.NOT_UPHELD,
    )
    _letter(e, "Final response. We hope this helps.")
    # F: the children's statutory procedure, outside the Code: counted nowhere.
    StageFactory(
        directorate=place,
        procedure=procedure("children_1989"),
        received=D(2023, 6, 1),
        acknowledged=D(2023, 6, 30),
        responded=D(2023, 7, 30),
        extended_to=D(2023, 9, 1),
        due=D(2023, 7, 1),
    )


def test_acknowledgement_and_response_times(dataset):
    figures = code_evidence.timeliness(YEAR)
    stage1, stage2 = figures["1"], figures["2"]
    assert (stage1["received"], stage1["acknowledged"]) == (3, 2)  # A, B, D; not C
    assert stage1["acknowledged_within"]["count"] == 1  # A
    assert stage1["responded_within"] == {"count": 2, "of": 3, "percent": 66.7}  # A, D
    assert stage2["acknowledged_within"]["count"] == 1  # B2
    assert stage2["responded_within"]["count"] == 2  # B2 (20 WD), E (19 WD)


def test_extensions(dataset):
    figures = code_evidence.extensions(YEAR)
    assert figures["1"] == {
        "received": 4,
        "extended": 1,
        "with_reason": {"count": 1, "of": 1, "percent": 100.0},
        "beyond_cap": 0,
        "longest_days": 10,
        "over_code_limit": 0,
    }
    assert figures["2"]["extended"] == 1
    assert figures["2"]["with_reason"]["count"] == 0
    assert figures["2"]["beyond_cap"] == 1
    assert figures["2"]["longest_days"] == 21
    assert figures["2"]["over_code_limit"] == 1


def test_escalations_and_exclusions(dataset):
    assert code_evidence.escalations(YEAR) == {
        "requests": 3,
        "accepted": 2,
        "refused": 1,
        "refused_reasons": [{"label": "Matter already considered", "count": 1}],
    }
    exclusions = code_evidence.exclusions(YEAR)
    assert exclusions["refused"] == 1
    assert exclusions["received"] == 6  # A, B, B2, C, D, E
    assert exclusions["reasons"] == [{"label": "Legal proceedings started", "count": 1}]


def test_remedies_letters_learning_and_service_requests(dataset):
    assert code_evidence.remedies(YEAR) == {
        "with_date": 3,
        "on_time": 1,
        "late": 1,
        "outstanding": 1,
        "on_time_percent": 33.3,
    }
    letters = code_evidence.final_letters(YEAR)
    assert letters["final_responses"] == 2  # B2 and E; stage 1s have a stage 2 next
    assert letters["with_letter"] == 2
    assert letters["with_ombudsman_details"]["count"] == 1  # B2 only
    assert code_evidence.learning(YEAR) == {
        "actions": 3,
        "completed": 2,
        "on_time": 1,
        "on_time_percent": 33.3,
    }
    assert code_evidence.service_requests(YEAR) == {
        "recorded": 1,
        "became_complaints": 1,
    }


def test_another_year_sees_none_of_it(dataset):
    figures = code_evidence.evidence(Period(2024))
    assert figures["timeliness"]["1"]["received"] == 0
    assert figures["escalations"]["requests"] == 0
    assert figures["remedies"]["with_date"] == 0
