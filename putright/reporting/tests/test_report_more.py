"""The report's extra blocks (issue 11 item 2) on the hand-built dataset, worked by hand.

The dataset (`dataset.py`) plus, for these tests: a learning action on a stage 2 review,
two recommendations on the upheld LGSCO case (a service improvement and a payment), the
Ombudsman's view on the LGSCO case closed after initial enquiries, and three Housing
Ombudsman cases received in 2022/2023 (Repairs 2, Anti-social behaviour 1), of which two
were decided: one maladministration after a detailed investigation with £100, one outside
jurisdiction without one.
"""

import datetime as dt
from decimal import Decimal

import pytest

from putright.accounts.models import User
from putright.accounts.tests.factories import UserFactory
from putright.complaints.constants import LearningStatus
from putright.complaints.models import LearningAction, Stage
from putright.core.periods import Period
from putright.ombudsman.models import Decision, OmbudsmanCase, Recommendation
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory
from putright.publication import services as publication
from putright.publication.models import PublishedText
from putright.reporting.blocks import INTERNAL, PUBLIC, Suppressed
from putright.reporting.build import build_report
from putright.reporting.tests.dataset import build_report_dataset
from putright.reporting.tests.test_report_data import all_text, row, table

pytestmark = pytest.mark.django_db
YEAR = Period(2022)
D = dt.date
LESS = Suppressed(5)
REVIEW_LEARNING = "Tell parents the EHCP timetable at the start of a review"
VIEW = "The council was already putting the missed collections right."
COMPLAINT = "Missed bin collections over the summer."
PUBLISHED_EXAMPLE = "A family waited too long for an assessment."


@pytest.fixture
def dataset():
    found = build_report_dataset()
    review = Stage.objects.filter(number=2, received__year=2022).order_by("pk")[0]
    LearningAction.objects.create(
        stage=review, description=REVIEW_LEARNING, status=LearningStatus.OPEN
    )
    upheld = OmbudsmanCase.objects.get(reference="22 000 101")
    for kind in (Recommendation.Type.SERVICE_IMPROVEMENT, Recommendation.Type.PAYMENT):
        Recommendation.objects.create(
            ombudsman_case=upheld, type=kind, description="As the decision says."
        )
    OmbudsmanCase.objects.filter(reference="22 000 102").update(
        summary=COMPLAINT, lessons=VIEW
    )
    for reference, category, fields in (
        (
            "HO 1",
            "Repairs",
            {
                "is_investigation": True,
                "decided": D(2022, 12, 1),
                "decision": Decision.MALADMINISTRATION,
                "remedy_amount": Decimal("100.00"),
            },
        ),
        (
            "HO 2",
            "Repairs",
            {"decided": D(2022, 8, 1), "decision": Decision.OUTSIDE_JURISDICTION},
        ),
        ("HO 3", "Anti-social behaviour", {}),
    ):
        OmbudsmanCaseFactory(
            reference=reference,
            ombudsman="ho",
            directorate=found.corporate,
            category=category,
            received=D(2022, 6, 1),
            **fields,
        )
    return found


@pytest.fixture
def internal(dataset):
    return build_report(period=YEAR, audience=INTERNAL)


@pytest.fixture
def public(dataset):
    return build_report(period=YEAR, audience=PUBLIC)


def _section(report, key):
    return next(s for s in report.sections if s.key == key)


def _in_section(report, key, table_key):
    return table_key in [t.key for t in _section(report, key).tables()]


def test_remedies_by_directorate_internal(internal):
    # 3 apologies, all on Corporate's Waste Team complaints; 2 payments, £250 + £100.
    remedies = table(internal, "remedies_directorates")
    assert remedies.caption == "Remedies by directorate and type, 2022/2023"
    assert remedies.columns == ["Directorate", "Apology", "Total"]
    assert row(remedies, "Corporate") == ["Corporate", 3, 3]
    assert row(remedies, "All directorates") == ["All directorates", 3, 3]
    assert [r[0] for r in remedies.rows] == ["Corporate", "All directorates"]
    payments = table(internal, "payments_directorates")
    assert payments.rows == [["Corporate", 2, Decimal("350.00")]]
    assert _in_section(internal, "remedies", "remedies_directorates")


def test_remedies_by_directorate_public_hides_small_counts_and_their_amount(public):
    remedies = table(public, "remedies_directorates")
    assert row(remedies, "Corporate")[1:] == [LESS, LESS]
    assert row(remedies, "All directorates")[1:] == [LESS, LESS]
    payments = table(public, "payments_directorates")
    assert payments.rows[0][1] == LESS
    assert isinstance(payments.rows[0][2], Suppressed)


def test_issue_natures_compared_with_the_previous_year(internal):
    # Stage 1 in 2022/2023: Service Delay on all 6 SEND complaints, Communication on 2;
    # none in 2021/2022 had an issue nature.
    natures = table(internal, "issue_natures_years")
    assert natures.caption == (
        "Stage one complaints by issue nature, 2021/2022 and 2022/2023"
    )
    assert natures.columns == ["Issue nature", "2021/2022", "2022/2023"]
    assert natures.rows == [["Service Delay", 0, 6], ["Communication", 0, 2]]
    assert _in_section(internal, "issues", "issue_natures_years")


def test_examples_under_each_nature_internal_most_recent_first(internal):
    # SEND case N was received on 2 May 2022 + N weeks; three at most per nature.
    text = all_text(internal)
    assert (
        "Communication: Delay in the EHCP assessment, case 1; Delay in the EHCP "
        "assessment, case 0." in text
    )
    assert (
        "Service Delay: Delay in the EHCP assessment, case 5; Delay in the EHCP "
        "assessment, case 4; Delay in the EHCP assessment, case 3." in text
    )


def test_examples_in_public_only_as_approved_published_summaries(dataset):
    public = all_text(build_report(period=YEAR, audience=PUBLIC))
    assert "Delay in the EHCP assessment" not in public
    assert "Examples of stage one complaints" not in public
    writer = UserFactory(username="w", role=User.Role.COMPLAINTS_TEAM)
    approver = UserFactory(username="a", role=User.Role.COMPLAINTS_TEAM)
    stage = Stage.objects.get(summary="Delay in the EHCP assessment, case 5.")
    text = publication.published_text_write(
        purpose=PublishedText.Purpose.CASE_SUMMARY,
        source=stage,
        wording=PUBLISHED_EXAMPLE,
        by=writer,
    )
    publication.published_text_approve(text=text, by=approver)
    public = all_text(build_report(period=YEAR, audience=PUBLIC))
    # Service Delay's 6 is shown (at least 5), so its published example may be.
    assert f"Service Delay: {PUBLISHED_EXAMPLE}" in public
    assert "Delay in the EHCP assessment" not in public


def test_escalation_by_directorate_and_team(internal):
    # Children's: 8 stage 1 (SEND 6, Care 2), 3 SEND complaints escalated: 37.5%, SEND 50%.
    # Corporate: 8 (Waste 7, the refused one with no team), none escalated.
    by_dir = table(internal, "escalation_directorates")
    assert by_dir.caption == (
        "Stage one complaints escalated to stage two, by directorate, 2022/2023"
    )
    assert row(by_dir, "Children's") == ["Children's", 8, 3, Decimal("37.5")]
    assert row(by_dir, "Corporate") == ["Corporate", 8, 0, Decimal("0.0")]
    teams = {(r[0], r[1]): r[2:] for r in table(internal, "escalation_teams").rows}
    assert teams == {
        ("Children's", "Care Team"): [2, 0, Decimal("0.0")],
        ("Children's", "SEND Team"): [6, 3, Decimal("50.0")],
        ("Corporate", "No team recorded"): [1, 0, Decimal("0.0")],
        ("Corporate", "Waste Team"): [7, 0, Decimal("0.0")],
    }
    assert _in_section(internal, "escalation", "escalation_teams")


def test_escalation_by_directorate_public(dataset, public):
    by_dir = table(public, "escalation_directorates")
    children = row(by_dir, "Children's")
    # The same figure as the directorates section's (8, or hidden in both).
    outcomes = table(public, f"dir_{dataset.childrens.pk}_outcomes")
    assert children[1] == row(outcomes, "Stage 1")[1]
    assert children[2] == LESS
    assert isinstance(children[3], Suppressed)


def test_teams_over_two_years(internal):
    # 2021/2022's stage 1 complaints had no team.
    teams = table(internal, "teams_years")
    assert teams.caption == "Stage one complaints by team, 2021/2022 and 2022/2023"
    assert teams.rows == [
        ["Children's", "Care Team", 0, 2],
        ["Children's", "SEND Team", 0, 6],
        ["Corporate", "Waste Team", 0, 7],
    ]
    assert _in_section(internal, "directorates", "teams_years")


def test_learning_by_stage_and_the_review_learning_listed_internally(internal):
    # Two actions from Waste stage 1 complaints, one from a SEND stage 2 review.
    stages = table(internal, "learning_stages")
    assert stages.caption == "Learning actions by stage of the complaint, 2022/2023"
    assert stages.rows == [["Stage 1", 2], ["Stage 2", 1]]
    assert f"Stage 2, SEND Team: {REVIEW_LEARNING} (open)" in all_text(internal)


def test_learning_by_stage_public(public):
    assert table(public, "learning_stages").rows == [
        ["Stage 1", LESS],
        ["Stage 2", LESS],
    ]
    assert REVIEW_LEARNING not in all_text(public)


def test_ombudsman_decisions_investigated_in_detail(internal):
    # LGSCO decided 2: 1 investigated (upheld, £300, 2 recommendations), 1 closed after
    # initial enquiries. Housing Ombudsman decided 2: 1 investigated with £100, 1 not.
    lgsco = table(internal, "omb_lgsco_investigated")
    assert lgsco.caption == "LGSCO decisions investigated in detail, 2022/2023"
    assert lgsco.rows == [
        ["Decisions made", 2, None],
        ["Investigated in detail", 1, Decimal("50.0")],
        ["Closed without a detailed investigation", 1, Decimal("50.0")],
        ["Detailed investigations with a remedy", 1, Decimal("50.0")],
        ["Decisions with recommendations", 1, Decimal("50.0")],
    ]
    kinds = table(internal, "omb_lgsco_recommendation_kinds")
    assert sorted(kinds.rows) == [["Payment", 1], ["Service improvement", 1]]
    ho = table(internal, "omb_ho_investigated")
    assert row(ho, "Closed without a detailed investigation")[1:] == [
        1,
        Decimal("50.0"),
    ]
    assert row(ho, "Decisions with recommendations")[1:] == [0, Decimal("0.0")]
    text = all_text(internal)
    assert (
        "Of the 2 Housing Ombudsman decisions made in 2022/2023, 1 (50.0%) were "
        "investigated in detail and 1 (50.0%) were closed without a detailed "
        "investigation; 1 of the detailed investigations found a remedy was needed."
    ) in text
    assert _in_section(internal, "ombudsman", "omb_ho_investigated")


def test_housing_ombudsman_enquiries_by_category(internal, public):
    cats = table(internal, "omb_ho_categories")
    assert cats.caption == "Housing Ombudsman enquiries by category, 2022/2023"
    assert cats.rows == [["Repairs", 2], ["Anti-social behaviour", 1]]
    assert table(public, "omb_ho_categories").rows == [
        ["Repairs", LESS],
        ["Anti-social behaviour", LESS],
    ]


def test_cases_not_investigated_internal_with_the_ombudsman_view(internal):
    cases = table(internal, "omb_lgsco_not_investigated")
    assert cases.caption == (
        "LGSCO cases closed without a detailed investigation, 2022/2023 "
        "(internal version only)"
    )
    assert cases.rows == [
        ["22 000 102", "Corporate", "Closed after initial enquiries", COMPLAINT, VIEW]
    ]
    ho = table(internal, "omb_ho_not_investigated")
    assert [r[:3] for r in ho.rows] == [["HO 2", "Corporate", "Outside jurisdiction"]]


def test_cases_not_investigated_public_only_approved_and_not_when_small(dataset):
    writer = UserFactory(username="w", role=User.Role.COMPLAINTS_TEAM)
    approver = UserFactory(username="a", role=User.Role.COMPLAINTS_TEAM)
    text = publication.published_text_write(
        purpose=PublishedText.Purpose.OMBUDSMAN_FINDING,
        source=OmbudsmanCase.objects.get(reference="22 000 102"),
        wording="The Ombudsman found the council had already acted.",
        by=writer,
    )
    publication.published_text_approve(text=text, by=approver)
    public = all_text(build_report(period=YEAR, audience=PUBLIC))
    assert COMPLAINT not in public
    assert VIEW not in public
    # One case closed without investigation: fewer than 5, so the list is withheld.
    assert "The Ombudsman found the council had already acted." not in public
    assert (
        "The list of LGSCO cases closed without a detailed investigation is not shown"
        in public
    )


def test_team_tables_are_for_the_internal_version_only(internal, public):
    # Team figures are nearly all small in public: protecting them hid headline figures.
    assert _in_section(internal, "directorates", "teams_years")
    assert _in_section(internal, "escalation", "escalation_teams")
    assert not _in_section(public, "directorates", "teams_years")
    assert not _in_section(public, "escalation", "escalation_teams")
    assert _in_section(public, "escalation", "escalation_directorates")
