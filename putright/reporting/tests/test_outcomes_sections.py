"""Issue 11 item 2: refused reviews, stage 2 and 3 lists, root causes, learning by kind
and directorate, channels of all feedback and MP enquiries by directorate.

The dataset (2022/2023) is small enough to count by hand:

- Housing: 8 stage 1 complaints, all answered; 5 name the cause "Communication", 2 name
  "Communication" and "Staff attitude", 1 names none. Channels: 5 email, 3 telephone.
- Adults: 3 stage 1 complaints, all answered; 2 name "Staff attitude", 1 none; web form.
  So 11 responses, 9 with a cause: Communication 7 (7/9 = 77.8%), Staff attitude 4
  (4/9 = 44.4%); Housing: Communication 7 of 7 (100.0%), Staff attitude 2 of 7 (28.6%).
- Two Housing complaints went on to stage 2 (one partly upheld, one not upheld) and one
  of them to stage 3 (upheld); three other Housing complaints had their request for a
  stage 2 review refused: 2 "Out of time", 1 "Statutory appeal route". So 5 requests.
- Learning actions: Housing 3 (staff training complete, staff training open, policy
  change complete), Adults 1 (not categorised, open).
- 2 compliments, 1 by letter and 1 by email; 1 informal complaint by email; MP enquiries, all by email:
  Housing 3 (2 answered in time, 1 late), Adults 1 (in time).
"""

from __future__ import annotations

import datetime as dt

import pytest

from putright.accounts.models import User
from putright.accounts.tests.factories import UserFactory
from putright.complaints.constants import (
    Kind,
    LearningCategory,
    LearningStatus,
    Outcome,
)
from putright.complaints.models import LearningAction, RefusalReason, RootCause
from putright.complaints.tests.factories import CaseFactory, StageFactory
from putright.core.periods import Period
from putright.organisation.models import Council
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory
from putright.publication import services as publication
from putright.publication.models import PublishedText
from putright.reporting.blocks import INTERNAL, PUBLIC, BulletList, Paragraph, Table
from putright.reporting.build import build_report
from putright.reporting.renderers.html import render_html
from putright.statistics import breakdowns

pytestmark = pytest.mark.django_db
YEAR = Period(2022)
D = dt.date
TYPED = "Mrs Example's stage two summary as typed"
PUBLISHED = "A repair was delayed; the council apologised."


def _complaint(directorate, index, *, channel, causes=(), team=None, **extra):
    received = D(2022, 5, 2) + dt.timedelta(days=index)
    stage = StageFactory(
        case=CaseFactory(kind=Kind.COMPLAINT),
        kind=Kind.COMPLAINT,
        directorate=directorate,
        team=team,
        received=received,
        due=received + dt.timedelta(days=20),
        responded=received + dt.timedelta(days=10),
        outcome=Outcome.NOT_UPHELD,
        channel=channel,
        **extra,
    )
    stage.root_causes.set(causes)
    return stage


@pytest.fixture
def data(db):
    council = Council.load()
    council.small_number_threshold = 1
    council.save()
    housing = DirectorateFactory(name="Housing")
    adults = DirectorateFactory(name="Adults")
    repairs = TeamFactory(directorate=housing, name="Repairs")
    communication = RootCause.objects.create(name="Communication")
    attitude = RootCause.objects.create(name="Staff attitude")
    causes = [[communication]] * 5 + [[communication, attitude]] * 2 + [[]]
    channels = ["email"] * 5 + ["telephone"] * 3
    housing_stages = [
        _complaint(housing, i, channel=channels[i], causes=causes[i], team=repairs)
        for i in range(8)
    ]
    for i, found in enumerate([[attitude], [attitude], []]):
        _complaint(adults, 20 + i, channel="web_form", causes=found)

    # Two reviews at stage 2, one of them on to stage 3; three requests refused.
    second = []
    for i, outcome in enumerate((Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD)):
        first = housing_stages[i]
        second.append(
            StageFactory(
                case=first.case,
                number=2,
                kind=Kind.COMPLAINT,
                directorate=housing,
                team=repairs,
                received=D(2022, 7, 1) + dt.timedelta(days=i),
                outcome=outcome,
                summary=TYPED if i == 0 else "Another review of a repair",
            )
        )
    StageFactory(
        case=housing_stages[0].case,
        number=3,
        kind=Kind.COMPLAINT,
        directorate=housing,
        received=D(2022, 9, 1),
        outcome=Outcome.UPHELD,
        summary="The final review of the repair",
    )
    out_of_time = RefusalReason.objects.get(name="Out of time")
    appeal = RefusalReason.objects.get(name="Statutory appeal route")
    for stage, reason in zip(
        housing_stages[3:6], [out_of_time, out_of_time, appeal], strict=True
    ):
        stage.escalation_refused_on = D(2022, 8, 1)
        stage.escalation_refusal_reason = reason
        stage.escalation_refusal_details = "Refused."
        stage.save()

    # Learning actions.
    for stage, category, status, text in (
        (housing_stages[0], LearningCategory.TRAINING, LearningStatus.COMPLETE, "T1"),
        (housing_stages[1], LearningCategory.TRAINING, LearningStatus.OPEN, "T2"),
        (housing_stages[2], LearningCategory.POLICY, LearningStatus.COMPLETE, "P1"),
    ):
        LearningAction.objects.create(
            stage=stage,
            description=f"Housing action {text}",
            category=category,
            status=status,
        )
    adults_stage = StageFactory._meta.model.objects.filter(directorate=adults).first()
    LearningAction.objects.create(
        stage=adults_stage, description="Adults action A1", status=LearningStatus.OPEN
    )

    # Other feedback.
    for i in range(2):
        StageFactory(
            case=CaseFactory(kind=Kind.COMPLIMENT),
            kind=Kind.COMPLIMENT,
            directorate=adults,
            received=D(2022, 6, 1) + dt.timedelta(days=i),
            channel="letter" if i == 0 else "email",
        )
    StageFactory(
        case=CaseFactory(kind=Kind.INFORMAL_COMPLAINT),
        kind=Kind.INFORMAL_COMPLAINT,
        directorate=housing,
        received=D(2022, 6, 5),
        channel="email",
    )
    for directorate, late in ((housing, False), (housing, False), (housing, True)):
        _mp(directorate, late)
    _mp(adults, False)

    writer = UserFactory(username="writer", role=User.Role.COMPLAINTS_TEAM)
    approver = UserFactory(username="approver", role=User.Role.COMPLAINTS_TEAM)
    text = publication.published_text_write(
        purpose=PublishedText.Purpose.CASE_SUMMARY,
        source=second[0],
        wording=PUBLISHED,
        by=writer,
    )
    publication.published_text_approve(text=text, by=approver)
    return {"council": council, "housing": housing, "adults": adults}


def _mp(directorate, late):
    received = D(2022, 10, 3)
    StageFactory(
        case=CaseFactory(kind=Kind.MP_ENQUIRY),
        kind=Kind.MP_ENQUIRY,
        directorate=directorate,
        constituency="Testford",
        channel="email",
        received=received,
        due=received + dt.timedelta(days=10),
        responded=received + dt.timedelta(days=15 if late else 5),
    )


def table(report, key) -> Table:
    found = [t for t in report.tables() if t.key == key]
    assert found, f"no table {key}: {[t.key for t in report.tables()]}"
    return found[0]


def section(report, key):
    for s in report.sections:
        if s.key == key:
            return s
        for sub in s.subsections:
            if sub.key == key:
                return sub
    raise AssertionError(key)


def texts(sec) -> list[str]:
    found = []
    for block in sec.blocks:
        if isinstance(block, Paragraph):
            found.append(block.text)
        elif isinstance(block, BulletList):
            found.extend(block.items)
    return found


def test_root_causes_counted_with_percent_of_responses_with_a_cause(data):
    found = breakdowns.root_causes(period=YEAR)
    assert (found["responses"], found["with_cause"]) == (11, 9)
    report = build_report(period=YEAR, audience=INTERNAL)
    causes = table(report, "root_causes")
    assert causes.columns == ["Cause", "Count", "%"]
    assert causes.rows == [["Communication", 7, 77.8], ["Staff attitude", 4, 44.4]]
    by_directorate = table(report, "root_causes_directorates")
    assert by_directorate.rows == [
        ["Adults", "Staff attitude", 2, 100.0],
        ["Housing", "Communication", 7, 100.0],
        ["Housing", "Staff attitude", 2, 28.6],
    ]


def test_refused_review_requests_with_reasons(data):
    report = build_report(period=YEAR, audience=INTERNAL)
    refused = table(report, "reviews_refused")
    assert refused.rows == [
        ["Stage 2", "Out of time", 2],
        ["Stage 2", "Statutory appeal route", 1],
    ]
    assert "Of 5 requests for a stage two review, 3 were refused." in texts(
        section(report, "escalation")
    )


def test_stage_two_and_three_lists_internal_grouped_by_directorate(data):
    report = build_report(period=YEAR, audience=INTERNAL)
    found = texts(section(report, "escalation"))
    assert "Stage two complaints (internal version only):" in found
    assert "Stage three complaints (internal version only):" in found
    assert f"Repairs: {TYPED}; outcome partly upheld." in found
    assert "Housing: The final review of the repair; outcome upheld." in found


def test_public_lists_only_approved_wording(data):
    report = build_report(period=YEAR, audience=PUBLIC)
    html = render_html(report)
    assert PUBLISHED in html
    assert TYPED not in html
    assert "Another review of a repair" not in html
    assert "The final review" not in html
    assert "Repairs:" not in html  # no team names in the public list


def test_public_list_hidden_when_the_stage_count_is_small(data):
    council = data["council"]
    council.small_number_threshold = 5
    council.save()
    html = render_html(build_report(period=YEAR, audience=PUBLIC))
    assert PUBLISHED not in html
    assert "The Housing cases are not listed" in html


def test_learning_actions_by_kind_and_directorate(data):
    report = build_report(period=YEAR, audience=INTERNAL)
    kinds = table(report, "learning_kinds")
    assert kinds.rows == [
        ["Policy or procedure change", 1],
        ["Staff training or guidance", 2],
        ["Not categorised", 1],
    ]
    directorates = table(report, "learning_directorates")
    assert directorates.rows == [["Adults", 1, 0, 0.0], ["Housing", 3, 2, 66.7]]
    found = texts(section(report, "learning"))
    # Completed first within a directorate, then by due date.
    assert found.index("Adults:") < found.index("Housing:")
    assert "Housing action T1 (staff training or guidance, complete)" in found
    assert "Adults action A1 (open)" in found


def test_channels_of_all_feedback_and_mp_enquiries_by_directorate(data):
    report = build_report(period=YEAR, audience=INTERNAL)
    channels = table(report, "feedback_channels")
    assert channels.columns == [
        "Kind",
        "Email",
        "Web form",
        "Letter",
        "Telephone",
        "Total",
    ]
    # The informal complaint and the MP enquiries all came by email: left out.
    assert channels.rows == [
        ["Complaints (stage 1)", 5, 3, 0, 3, 11],
        ["Compliments", 1, 0, 1, 0, 2],
    ]
    mps = table(report, "mp_enquiries_directorates")
    assert mps.rows == [["Adults", 1, 1, 1, 100.0], ["Housing", 3, 3, 2, 66.7]]


def test_small_root_cause_and_refusal_counts_are_hidden_in_the_leak_dataset(db):
    from putright.reporting.tests.leaks import build_leak_dataset

    build_leak_dataset()
    report = build_report(period=YEAR, audience=PUBLIC)
    causes = {r[0]: str(r[1]) for r in table(report, "root_causes").rows}
    # 9 + 6 = 15 "Communication" is shown; 2 "Staff attitude" is fewer than 5.
    assert causes["Staff attitude"] == "fewer than 5"
    refused = {r[1]: str(r[2]) for r in table(report, "reviews_refused").rows}
    assert refused["Out of time"] == "fewer than 5"
    # With one reason hidden the other (6) goes too, or 8 - 6 would give the 2 away.
    assert refused["Previously considered"] == "not shown"
    # 6 compliments, 4 by email and 2 by letter: both ways are fewer than 5 (the total
    # is hidden in the summary already); the kinds that came by one way only are left out.
    channels = table(report, "feedback_channels")
    assert [[str(c) for c in r] for r in channels.rows] == [
        ["Compliments", "fewer than 5", "fewer than 5", "not shown"]
    ]
