"""The report's extra aggregations (issue 11 item 2), against figures counted by hand.

The council: Adults (team East) and Housing (teams Repairs and Lettings).
2022/2023 stage 1: East 2 (one escalated, one with an apology and an explanation and £50),
Repairs 3 (two escalated; one apology and £20), Lettings 1. Natures: Delay on East's two
and one of Repairs', Staff on one of Repairs'. 2021/2022 stage 1: Repairs 2, both Delay.
Ombudsman, decided in 2022/2023: LGSCO 3 (one investigated and upheld with a training and
a payment recommendation, one investigated not upheld, one closed after initial
enquiries); Housing Ombudsman 1 (outside jurisdiction). Received: the Housing Ombudsman
case (Repairs) and one more (Repairs) and one (Damp).
"""

import datetime as dt
from decimal import Decimal

import pytest

from putright.complaints.constants import Kind, RemedyType
from putright.complaints.models import IssueNature, Remedy
from putright.complaints.tests.factories import CaseFactory, StageFactory
from putright.core.periods import Period
from putright.ombudsman.models import Decision, Recommendation
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory
from putright.statistics import breakdowns_more

YEAR = Period(2022)
BEFORE = Period(2021)
D = dt.date
pytestmark = pytest.mark.django_db


def complaint(case=None, **fields):
    case = case or CaseFactory(kind=Kind.COMPLAINT)
    return StageFactory(case=case, kind=Kind.COMPLAINT, **fields)


@pytest.fixture
def council():
    adults = DirectorateFactory(name="Adults")
    housing = DirectorateFactory(name="Housing")
    east = TeamFactory(directorate=adults, name="East")
    repairs = TeamFactory(directorate=housing, name="Repairs")
    lettings = TeamFactory(directorate=housing, name="Lettings")
    delay = IssueNature.objects.create(name="Delay")
    staff = IssueNature.objects.create(name="Staff")
    e1 = complaint(directorate=adults, team=east, received=D(2022, 5, 1))
    e2 = complaint(
        directorate=adults,
        team=east,
        received=D(2022, 6, 1),
        financial_remedy=Decimal("50.00"),
    )
    complaint(case=e1.case, number=2, directorate=adults, received=D(2022, 7, 1))
    Remedy.objects.create(stage=e2, type=RemedyType.APOLOGY)
    Remedy.objects.create(stage=e2, type=RemedyType.EXPLANATION)
    r = [
        complaint(directorate=housing, team=repairs, received=D(2022, 5, 2 + i))
        for i in range(3)
    ]
    for first in r[:2]:
        complaint(
            case=first.case, number=2, directorate=housing, received=D(2022, 8, 1)
        )
    Remedy.objects.create(stage=r[0], type=RemedyType.APOLOGY)
    r[0].financial_remedy = Decimal("20.00")
    r[0].save()
    complaint(directorate=housing, team=lettings, received=D(2022, 9, 1))
    for stage in (e1, e2, r[0]):
        stage.issue_natures.add(delay)
    r[1].issue_natures.add(staff)
    for i in range(2):
        old = complaint(directorate=housing, team=repairs, received=D(2021, 6, 1 + i))
        old.issue_natures.add(delay)
    upheld = OmbudsmanCaseFactory(
        directorate=adults,
        received=D(2022, 4, 10),
        is_investigation=True,
        decided=D(2022, 10, 1),
        decision=Decision.UPHELD,
    )
    for kind in (Recommendation.Type.TRAINING, Recommendation.Type.PAYMENT):
        Recommendation.objects.create(ombudsman_case=upheld, type=kind, description="x")
    OmbudsmanCaseFactory(
        directorate=adults,
        is_investigation=True,
        decided=D(2022, 11, 1),
        decision=Decision.NOT_UPHELD,
    )
    OmbudsmanCaseFactory(
        reference="CAIE",
        directorate=adults,
        decided=D(2022, 12, 1),
        decision=Decision.CLOSED_AFTER_INITIAL_ENQUIRIES,
        summary="About a care assessment.",
        lessons="The council had not yet replied.",
    )
    OmbudsmanCaseFactory(
        ombudsman="ho",
        directorate=housing,
        category="Repairs",
        received=D(2022, 6, 1),
        decided=D(2022, 9, 1),
        decision=Decision.OUTSIDE_JURISDICTION,
    )
    OmbudsmanCaseFactory(
        ombudsman="ho", directorate=housing, category="Repairs", received=D(2022, 7, 1)
    )
    OmbudsmanCaseFactory(
        ombudsman="ho", directorate=housing, category="Damp", received=D(2022, 8, 1)
    )
    return {"adults": adults, "housing": housing}


def test_remedies_by_directorate(council, django_assert_num_queries):
    with django_assert_num_queries(2):
        found = breakdowns_more.remedies_by_directorate(period=YEAR)
    assert found["types"] == {
        "Adults": {"apology": 1, "explanation": 1},
        "Housing": {"apology": 1},
    }
    assert found["payments"] == {
        "Adults": {"count": 1, "total": Decimal("50.00")},
        "Housing": {"count": 1, "total": Decimal("20.00")},
    }


def test_issue_natures_by_year(council, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = breakdowns_more.issue_natures_by_year(periods=[BEFORE, YEAR])
    assert rows == [
        {"nature": "Delay", "2021/2022": 2, "2022/2023": 3},
        {"nature": "Staff", "2021/2022": 0, "2022/2023": 1},
    ]


def test_escalation_by_team(council, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = breakdowns_more.escalation_by_team(period=YEAR)
    assert {
        (r["directorate"], r["team"]): (r["received"], r["escalated"]) for r in rows
    } == {
        ("Adults", "East"): (2, 1),
        ("Housing", "Lettings"): (1, 0),
        ("Housing", "Repairs"): (3, 2),
    }


def test_team_received_by_year(council):
    rows = breakdowns_more.team_received_by_year(periods=[BEFORE, YEAR])
    assert rows == [
        {"team": "East", "directorate": "Adults", "2021/2022": 0, "2022/2023": 2},
        {"team": "Lettings", "directorate": "Housing", "2021/2022": 0, "2022/2023": 1},
        {"team": "Repairs", "directorate": "Housing", "2021/2022": 2, "2022/2023": 3},
    ]


def test_ombudsman_investigations(council, django_assert_num_queries):
    with django_assert_num_queries(2):
        found = breakdowns_more.ombudsman_investigations(period=YEAR)
    lgsco = found["lgsco"]
    assert (lgsco["decided"], lgsco["investigated"], lgsco["not_investigated"]) == (
        3,
        2,
        1,
    )
    assert lgsco["investigated_remedy"] == 1
    assert lgsco["with_recommendations"] == 1
    assert lgsco["investigated_percent"] == 66.7
    assert lgsco["kinds"] == {"payment": 1, "training": 1}
    ho = found["ho"]
    assert (ho["decided"], ho["not_investigated"], ho["not_investigated_percent"]) == (
        1,
        1,
        100.0,
    )


def test_cases_not_investigated_carry_text_only_when_asked(council):
    plain = breakdowns_more.ombudsman_not_investigated_cases(period=YEAR)
    assert [c["reference"] for c in plain["lgsco"]] == ["CAIE"]
    assert "summary" not in plain["lgsco"][0]
    typed = breakdowns_more.ombudsman_not_investigated_cases(
        period=YEAR, with_text=True
    )
    assert typed["lgsco"][0]["lessons"] == "The council had not yet replied."
    assert [c["decision"] for c in typed["ho"]] == ["outside_jurisdiction"]


def test_ombudsman_received_by_category(council):
    found = breakdowns_more.ombudsman_received_by_category(period=YEAR)
    assert found["ho"] == [
        {"label": "Repairs", "count": 2},
        {"label": "Damp", "count": 1},
    ]
