"""The report's further aggregations, against figures counted by hand from small datasets."""

import datetime as dt
from decimal import Decimal

import pytest

from putright.complaints.constants import (
    Channel,
    Kind,
    LearningStatus,
    Outcome,
    RemedyType,
)
from putright.complaints.models import (
    ComplainantType,
    IssueNature,
    LearningAction,
    RefusalReason,
    Remedy,
)
from putright.complaints.tests.factories import CaseFactory, StageFactory
from putright.core.periods import Period
from putright.ombudsman.models import Decision
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory
from putright.statistics import breakdowns

YEAR = Period(2022)
D = dt.date
pytestmark = pytest.mark.django_db


def complaint(case=None, **fields):
    case = case or CaseFactory(kind=Kind.COMPLAINT)
    return StageFactory(case=case, **fields)


@pytest.fixture
def two_directorates():
    return DirectorateFactory(name="Children's"), DirectorateFactory(name="Place")


def test_issue_natures_count_each_complaint_under_every_nature(two_directorates):
    childrens, place = two_directorates
    delay = IssueNature.objects.create(name="Service Delay")
    conduct = IssueNature.objects.create(name="Staff Conduct")
    first = complaint(directorate=childrens, received=D(2022, 5, 1))
    first.issue_natures.add(delay, conduct)
    second = complaint(directorate=childrens, received=D(2022, 6, 1))
    second.issue_natures.add(delay)
    third = complaint(directorate=place, received=D(2022, 7, 1))
    third.issue_natures.add(delay)
    outside = complaint(directorate=place, received=D(2023, 4, 1))  # next year
    outside.issue_natures.add(conduct)
    stage_two = complaint(directorate=place, number=2, received=D(2022, 8, 1))
    stage_two.issue_natures.add(conduct)

    rows = breakdowns.issue_natures_by_directorate(period=YEAR)

    assert rows == [
        {"directorate": "Children's", "nature": "Service Delay", "count": 2},
        {"directorate": "Children's", "nature": "Staff Conduct", "count": 1},
        {"directorate": "Place", "nature": "Service Delay", "count": 1},
    ]
    only_place = breakdowns.issue_natures_by_directorate(period=YEAR, directorate=place)
    assert only_place == [
        {"directorate": "Place", "nature": "Service Delay", "count": 1}
    ]


def test_complainant_types_and_channels_most_frequent_first(two_directorates):
    childrens, _ = two_directorates
    parent = ComplainantType.objects.create(name="Parent")
    advocate = ComplainantType.objects.create(name="Advocate")
    for _ in range(3):
        complaint(directorate=childrens, complainant_type=parent, channel=Channel.EMAIL)
    complaint(directorate=childrens, complainant_type=advocate, channel=Channel.LETTER)
    complaint(directorate=childrens)  # nothing recorded

    types = breakdowns.complainant_types(period=YEAR)
    ways = breakdowns.channels(period=YEAR)

    assert types == [
        {"label": "Parent", "count": 3},
        {"label": "Advocate", "count": 1},
        {"label": "Not recorded", "count": 1},
    ]
    assert ways[0] == {"label": "email", "count": 3}
    assert {"label": "Not recorded", "count": 1} in ways


def test_commissioned_counts_against_all_stage_one(two_directorates):
    childrens, _ = two_directorates
    complaint(directorate=childrens, is_commissioned=True)
    complaint(directorate=childrens)
    complaint(
        directorate=childrens, number=2, is_commissioned=True
    )  # stage 2: not counted

    assert breakdowns.commissioned(period=YEAR) == {"received": 2, "commissioned": 1}


def test_teams_ranked_by_received_and_by_upheld(two_directorates):
    childrens, _ = two_directorates
    send = TeamFactory(directorate=childrens, name="SEND Team")
    care = TeamFactory(directorate=childrens, name="Care Team")
    for outcome in (Outcome.NOT_UPHELD, Outcome.NOT_UPHELD, Outcome.PARTLY_UPHELD):
        complaint(directorate=childrens, team=send, outcome=outcome)
    for outcome in (Outcome.UPHELD, Outcome.UPHELD):
        complaint(directorate=childrens, team=care, outcome=outcome)
    complaint(directorate=childrens)  # no team: not ranked

    by_received = breakdowns.teams_ranked(period=YEAR)
    by_upheld = breakdowns.teams_ranked(period=YEAR, order="upheld")

    assert [(t["team"], t["received"], t["upheld"]) for t in by_received] == [
        ("SEND Team", 3, 1),
        ("Care Team", 2, 2),
    ]
    assert [t["team"] for t in by_upheld] == ["Care Team", "SEND Team"]
    assert breakdowns.teams_ranked(period=YEAR, limit=1)[0]["team"] == "SEND Team"


def test_escalation_rate_counts_stage_one_complaints_that_reached_stage_two(
    two_directorates,
):
    childrens, _ = two_directorates
    cases = [CaseFactory(kind=Kind.COMPLAINT) for _ in range(4)]
    for case in cases:
        complaint(case, directorate=childrens, received=D(2022, 5, 1))
    # Two escalate, one of them after the year ended: it still escalated.
    complaint(cases[0], number=2, directorate=childrens, received=D(2022, 9, 1))
    complaint(cases[1], number=2, directorate=childrens, received=D(2023, 5, 1))
    complaint(cases[0], number=3, directorate=childrens, received=D(2022, 12, 1))

    rates = breakdowns.escalation_rates(period=YEAR)

    assert rates["1_to_2"] == {"received": 4, "escalated": 2, "percent": 50.0}
    # Stage 2 received in the year: only cases[0]'s, which went on to stage 3.
    assert rates["2_to_3"] == {"received": 1, "escalated": 1, "percent": 100.0}


def test_escalation_rate_is_none_without_complaints():
    rates = breakdowns.escalation_rates(period=YEAR)
    assert rates["1_to_2"] == {"received": 0, "escalated": 0, "percent": None}


def test_refusals_grouped_by_reason(two_directorates):
    childrens, _ = two_directorates
    late = RefusalReason.objects.create(name="Outside the time limit")
    legal = RefusalReason.objects.create(name="Legal proceedings")
    for _ in range(2):
        complaint(directorate=childrens, outcome=Outcome.REFUSED, refusal_reason=late)
    complaint(directorate=childrens, outcome=Outcome.REFUSED, refusal_reason=legal)
    complaint(directorate=childrens, outcome=Outcome.UPHELD)

    assert breakdowns.refusals_by_reason(period=YEAR) == [
        {"label": "Outside the time limit", "count": 2},
        {"label": "Legal proceedings", "count": 1},
    ]


def test_extensions_share_and_length_in_calendar_days(two_directorates):
    childrens, _ = two_directorates
    complaint(
        directorate=childrens,
        due=D(2022, 5, 10),
        extended_to=D(2022, 5, 20),  # 10 days
    )
    complaint(
        directorate=childrens,
        due=D(2022, 6, 1),
        extended_to=D(2022, 6, 15),  # 14 days
        extension_beyond_cap=True,
    )
    complaint(directorate=childrens, due=D(2022, 6, 1))
    complaint(directorate=childrens, due=D(2022, 6, 1))

    rows = breakdowns.extensions(period=YEAR)

    assert rows == [
        {
            "stage": 1,
            "received": 4,
            "extended": 2,
            "percent": 50.0,
            "beyond_cap": 1,
            "average_days": 12.0,
            "longest_days": 14.0,
        }
    ]


def test_remedies_by_type_and_payments_total(two_directorates):
    childrens, _ = two_directorates
    first = complaint(directorate=childrens, financial_remedy=Decimal("250.00"))
    second = complaint(directorate=childrens, financial_remedy=Decimal("99.50"))
    complaint(directorate=childrens, financial_remedy=Decimal("0"))
    Remedy.objects.create(stage=first, type=RemedyType.APOLOGY)
    Remedy.objects.create(stage=second, type=RemedyType.APOLOGY)
    Remedy.objects.create(stage=second, type=RemedyType.POLICY_CHANGE)

    found = breakdowns.remedies(period=YEAR)

    assert found["by_type"] == {"apology": 2, "policy_change": 1}
    assert found["payments"] == 2
    assert found["payments_total"] == Decimal("349.50")


def test_learning_statuses_include_every_status(two_directorates):
    childrens, _ = two_directorates
    stage = complaint(directorate=childrens, learning="Check letters before sending.")
    LearningAction.objects.create(
        stage=stage, description="Letter checks", status=LearningStatus.COMPLETE
    )
    LearningAction.objects.create(stage=stage, description="Training")

    found = breakdowns.learning(period=YEAR)

    assert found["records_with_learning"] == 1
    assert found["statuses"] == {
        "open": 1,
        "in_progress": 0,
        "complete": 1,
        "not_achieved": 0,
    }
    assert {a["description"] for a in found["actions"]} == {"Letter checks", "Training"}


def test_ombudsman_figures_of_decisions_made_in_the_year(two_directorates):
    childrens, _ = two_directorates
    OmbudsmanCaseFactory(
        directorate=childrens,
        received=D(2021, 12, 1),  # received last year, decided this year: counts
        is_investigation=True,
        decided=D(2022, 6, 1),
        decision=Decision.UPHELD,
        satisfactory_remedy_by_council=True,
        remedy_amount=Decimal("300"),
        recommendations=3,
        recommendations_on_time=2,
        recommendations_late=1,
    )
    OmbudsmanCaseFactory(
        directorate=childrens,
        is_investigation=True,
        decided=D(2022, 8, 1),
        decision=Decision.NOT_UPHELD,
    )
    OmbudsmanCaseFactory(
        directorate=childrens,
        decided=D(2022, 8, 1),
        decision=Decision.CLOSED_AFTER_INITIAL_ENQUIRIES,
    )
    OmbudsmanCaseFactory(
        ombudsman="ho", decided=D(2022, 9, 1), decision=Decision.SERVICE_FAILURE
    )
    OmbudsmanCaseFactory(decided=D(2023, 4, 2), decision=Decision.UPHELD)  # next year

    figures = breakdowns.ombudsman_figures(period=YEAR, population=200_000, homes=5_000)

    lgsco = figures["lgsco"]
    assert lgsco["decided"] == 3
    assert lgsco["investigations_decided"] == 2
    assert lgsco["upheld"] == 1
    assert lgsco["upheld_percent"] == 50.0
    assert lgsco["satisfactory_remedy"] == 1
    assert lgsco["payments"] == 1
    assert lgsco["payments_total"] == Decimal("300")
    assert lgsco["compliance_percent"] == 100.0
    assert lgsco["on_time_percent"] == 66.7
    assert lgsco["upheld_per_100k"] == 0.5
    assert figures["ho"]["upheld"] == 1
    assert figures["ho"]["upheld_per_10k_homes"] == 2.0


def test_ombudsman_rate_per_head_is_none_without_a_population():
    OmbudsmanCaseFactory(decided=D(2022, 6, 1), decision=Decision.UPHELD)
    figures = breakdowns.ombudsman_figures(period=YEAR, population=0)
    assert figures["lgsco"]["upheld_per_100k"] is None


def test_received_by_directorate_one_column_per_year(two_directorates):
    childrens, place = two_directorates
    years = [Period(2021), Period(2022)]
    for received in (D(2021, 5, 1), D(2022, 5, 1), D(2022, 6, 1)):
        StageFactory(
            case=CaseFactory(kind=Kind.COMPLIMENT),
            directorate=childrens,
            received=received,
        )
    StageFactory(
        case=CaseFactory(kind=Kind.COMPLIMENT),
        directorate=place,
        received=D(2021, 4, 1),
    )
    complaint(
        directorate=place, received=D(2022, 5, 1)
    )  # a complaint, not a compliment

    rows = breakdowns.received_by_directorate(periods=years, kind=Kind.COMPLIMENT)

    assert rows == [
        {"directorate": "Children's", "2021/2022": 1, "2022/2023": 2},
        {"directorate": "Place", "2021/2022": 1, "2022/2023": 0},
    ]


def test_mp_enquiries_by_constituency_with_share_on_time(two_directorates):
    _, place = two_directorates

    def mp(constituency, responded=None):
        StageFactory(
            case=CaseFactory(kind=Kind.MP_ENQUIRY),
            directorate=place,
            constituency=constituency,
            received=D(2022, 5, 1),
            due=D(2022, 5, 15),
            responded=responded,
        )

    mp("North", D(2022, 5, 10))
    mp("North", D(2022, 5, 15))  # on the due date: within
    mp("North", D(2022, 5, 16))  # late
    mp("North")  # not answered yet
    mp("South", D(2022, 5, 1))

    rows = breakdowns.mp_enquiries_by_constituency(period=YEAR)

    assert rows == [
        {
            "constituency": "North",
            "received": 4,
            "responded": 3,
            "within": 2,
            "percent": 66.7,
        },
        {
            "constituency": "South",
            "received": 1,
            "responded": 1,
            "within": 1,
            "percent": 100.0,
        },
    ]


def test_summaries_only_from_the_summary_field(two_directorates):
    childrens, _ = two_directorates
    case = CaseFactory(kind=Kind.COMPLAINT, contact_name="Secret Person")
    complaint(case, number=2, directorate=childrens, summary="Delay in the plan.")
    complaint(directorate=childrens, number=2)  # no summary: left out

    rows = breakdowns.stage_summaries(period=YEAR)

    assert rows == [
        {
            "team__name": None,
            "directorate__name": "Children's",
            "outcome": "",
            "summary": "Delay in the plan.",
        }
    ]
    assert "Secret Person" not in str(rows)


def test_ombudsman_cases_lists_fault_findings_of_one_ombudsman_newest_first():
    for day, decision in (
        (D(2022, 6, 1), Decision.UPHELD),
        (D(2022, 9, 1), Decision.UPHELD),
        (D(2022, 7, 1), Decision.NOT_UPHELD),
        (D(2021, 9, 1), Decision.UPHELD),  # decided the year before
    ):
        OmbudsmanCaseFactory(decided=day, decision=decision, summary="Private detail.")
    OmbudsmanCaseFactory(
        ombudsman="ho", decided=D(2022, 6, 1), decision=Decision.MALADMINISTRATION
    )

    found = breakdowns.ombudsman_cases(period=YEAR, ombudsman="lgsco", limit=1)

    assert found["total"] == 2
    assert [c["decided"] for c in found["cases"]] == [D(2022, 9, 1)]
    assert "summary" not in found["cases"][0]
    everything = breakdowns.ombudsman_cases(
        period=YEAR, ombudsman="lgsco", fault_only=False, with_summary=True
    )
    assert everything["total"] == 3
    assert everything["cases"][0]["summary"] == "Private detail."
    assert breakdowns.ombudsman_cases(period=YEAR, ombudsman="ho")["total"] == 1
