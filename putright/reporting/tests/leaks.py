"""A council with small numbers in every place issue 10 found a suppressed count recoverable.

2022/2023, threshold 5:
- Children's, Children Act 1989 procedure, stage 1: 26 received, 2 upheld, 16 partly and
  8 not upheld ("Upheld: fewer than 5" beside them was at most 2).
- Housing, corporate procedure, stage 1: 12 received, 7 upheld, 5 not upheld.
- Adults: 1 stage 1 complaint (a breakdown count of 1); 3 stage 2 complaints from
  Children's and 1 stage 3.
- LGSCO: 14 detailed investigations decided, 10 upheld and 4 not upheld (10 upheld at
  71.4% gave the 4 away).
- Housing Ombudsman: 2 maladministration and 7 no maladministration decisions, with a
  case list of each decision finding fault; findings on each part of the complaint for 6
  of them, 2 of partial maladministration; 2 enquiries still at initial assessment.
- Ombudsman cases by team (LGSCO: 11 SEND Team, 3 Social Care; Housing Ombudsman: 8
  Lettings Team, 1 none) and LGSCO category (8 upheld and 1 not upheld in Education, 2
  and 3 in Social Care); 3 LGSCO enquiries still at initial assessment.
- MP enquiries: 3 and 6 from two constituencies; 6 compliments (4 by email, 2 by
  letter), 2 informal complaints.
- Root causes: "Communication" on 9 Housing and 6 Children's stage 1 responses, "Staff
  attitude" on 2 Housing ones; refused requests for a stage 2 review: 2 "Out of time" and
  6 "Previously considered", all Housing.
- A name and date of birth typed into a learning action, a stage 2 case summary, a
  compliment and an Ombudsman requirement; one learning action and one Ombudsman finding
  with approved published wording.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from putright.accounts.models import User
from putright.accounts.tests.factories import UserFactory
from putright.complaints.constants import Kind, LearningStatus, Outcome
from putright.complaints.models import LearningAction, RefusalReason, RootCause
from putright.complaints.tests.factories import CaseFactory, StageFactory, procedure
from putright.ombudsman.models import Decision, OmbudsmanFinding
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory
from putright.organisation.models import Council
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory
from putright.publication import services as publication
from putright.publication.models import PublishedText

D = dt.date
DAY = dt.timedelta(days=1)
SECRET = "Zelda Probeperson, born 3 March 1961"
PUBLISHED_LEARNING = "Crews now check the assisted collection list every week."
PUBLISHED_FINDING = "The council apologised and reviewed its letters."


def _stage(
    directorate, procedure_code, outcome, index, *, number=1, case=None, **extra
):
    received = D(2022, 4, 4) + (index % 300) * DAY
    fields = {
        "received": received,
        "due": received + 20 * DAY,
        "responded": received + (10 + index % 15) * DAY,
        "response_calendar_days": 10 + index % 15,
        "response_working_days": 8 + index % 10,
    }
    fields.update(extra)
    return StageFactory(
        case=case or CaseFactory(kind=Kind.COMPLAINT, contact_name=SECRET),
        number=number,
        kind=Kind.COMPLAINT,
        directorate=directorate,
        procedure=procedure(procedure_code) if procedure_code else None,
        outcome=outcome,
        **fields,
    )


def _causes_and_refusals(housing_stages, children_stages) -> None:
    # Root causes, one of them small; refused review requests, one reason small.
    communication = RootCause.objects.create(name="Communication")
    attitude = RootCause.objects.create(name="Staff attitude")
    for stage in housing_stages[:9] + children_stages[:6]:
        stage.root_causes.add(communication)
    for stage in housing_stages[9:11]:
        stage.root_causes.add(attitude)
    out_of_time = RefusalReason.objects.get(name="Out of time")
    considered = RefusalReason.objects.get(name="Previously considered")
    for index, stage in enumerate(housing_stages[3:11]):
        stage.escalation_refused_on = D(2022, 10, 3) + index * DAY
        stage.escalation_refusal_reason = out_of_time if index < 2 else considered
        stage.escalation_refusal_details = f"Refused for {SECRET}."
        stage.save()


def build_leak_dataset() -> dict:
    council = Council.load()
    council.small_number_threshold = 5
    council.population = 180_000
    council.homes = 9_000
    council.save()
    childrens = DirectorateFactory(name="Children's")
    housing = DirectorateFactory(name="Housing")
    adults = DirectorateFactory(name="Adults")
    lettings = TeamFactory(directorate=housing, name="Lettings Team")
    send = TeamFactory(directorate=childrens, name="SEND Team")
    social_care = TeamFactory(directorate=childrens, name="Social Care")
    writer = UserFactory(username="writer", role=User.Role.COMPLAINTS_TEAM)
    approver = UserFactory(username="approver", role=User.Role.COMPLAINTS_TEAM)

    outcomes = [Outcome.UPHELD] * 2 + [Outcome.PARTLY_UPHELD] * 16
    outcomes += [Outcome.NOT_UPHELD] * 8
    children_stages = [
        _stage(childrens, "children_1989", o, i) for i, o in enumerate(outcomes)
    ]
    housing_stages = [
        _stage(
            housing, "lgsco_code", Outcome.UPHELD if i < 7 else Outcome.NOT_UPHELD, i
        )
        for i in range(12)
    ]
    _stage(adults, "lgsco_code", Outcome.NOT_UPHELD, 3)
    for index, (stage, outcome) in enumerate(
        zip(
            children_stages[:3],
            [Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.PARTLY_UPHELD],
            strict=True,
        )
    ):
        _stage(
            childrens,
            "children_1989",
            outcome,
            40 + index,
            number=2,
            case=stage.case,
            summary=f"{SECRET} says the review was late.",
        )
    _stage(
        childrens,
        "children_1989",
        Outcome.NOT_UPHELD,
        60,
        number=3,
        case=children_stages[0].case,
    )

    _causes_and_refusals(housing_stages, children_stages)

    # Learning: one action typed with a name, one with approved published wording.
    LearningAction.objects.create(
        stage=housing_stages[0],
        description=f"Apologise to {SECRET} and fix her bins",
        status=LearningStatus.OPEN,
    )
    published = LearningAction.objects.create(
        stage=housing_stages[1],
        description="Tell the Lettings crew about Flat 2's ramp",
        status=LearningStatus.OPEN,
    )
    for _ in range(5):
        LearningAction.objects.create(
            stage=housing_stages[2],
            description="Retrain the crew.",
            status=LearningStatus.OPEN,
        )
    text = publication.published_text_write(
        purpose=PublishedText.Purpose.LEARNING_EXAMPLE,
        source=published,
        wording=PUBLISHED_LEARNING,
        by=writer,
    )
    publication.published_text_approve(text=text, by=approver)

    # Other contacts.
    for index in range(6):
        StageFactory(
            case=CaseFactory(kind=Kind.COMPLIMENT),
            kind=Kind.COMPLIMENT,
            directorate=childrens,
            received=D(2022, 7, 1) + index * DAY,
            summary=f"Thank you from {SECRET}.",
            channel="email" if index < 4 else "letter",
        )
    for index in range(2):
        StageFactory(
            case=CaseFactory(kind=Kind.INFORMAL_COMPLAINT),
            kind=Kind.INFORMAL_COMPLAINT,
            directorate=adults,
            received=D(2022, 8, 1) + index * DAY,
        )
    for constituency, count in (("Testford North", 3), ("Testford South", 6)):
        for index in range(count):
            received = D(2022, 9, 1) + index * DAY
            StageFactory(
                case=CaseFactory(kind=Kind.MP_ENQUIRY),
                kind=Kind.MP_ENQUIRY,
                directorate=housing,
                constituency=constituency,
                received=received,
                due=received + 10 * DAY,
                responded=received + (5 if index else 15) * DAY,
            )

    _ombudsman(childrens, housing, send, social_care, lettings, writer, approver)
    return {"childrens": childrens, "housing": housing, "adults": adults}


def _ombudsman(childrens, housing, send, social_care, lettings, writer, approver):
    # Ombudsman decisions of 2022/2023.
    lgsco = []
    for index in range(14):
        lgsco.append(
            OmbudsmanCaseFactory(
                ombudsman="lgsco",
                directorate=childrens,
                team=send if index < 8 or index == 10 or index > 11 else social_care,
                category="Education" if index < 8 or index == 10 else "Social Care",
                received=D(2022, 5, 1) + index * DAY,
                is_investigation=True,
                decided=D(2022, 11, 1) + index * DAY,
                decision=Decision.UPHELD if index < 10 else Decision.NOT_UPHELD,
                requirement=f"Apologise to {SECRET} and pay £300."
                if index == 0
                else "Apologise and review the process.",
                lessons="Letters now go out on time.",
                summary=f"{SECRET} complained about the delay.",
                remedy_amount=Decimal("300.00") if index < 3 else None,
            )
        )
    text = publication.published_text_write(
        purpose=PublishedText.Purpose.OMBUDSMAN_FINDING,
        source=lgsco[1],
        wording=PUBLISHED_FINDING,
        by=writer,
    )
    publication.published_text_approve(text=text, by=approver)
    for index in range(3):
        OmbudsmanCaseFactory(
            ombudsman="lgsco",
            directorate=childrens,
            received=D(2023, 2, 1) + index * DAY,
        )
    for index in range(2):
        OmbudsmanCaseFactory(
            ombudsman="ho", directorate=housing, received=D(2023, 3, 1) + index * DAY
        )
    findings = {
        0: ("maladministration", "no_maladministration"),
        1: ("maladministration", "service_failure", "no_maladministration"),
        2: ("no_maladministration", "no_maladministration"),
        3: ("no_maladministration", "no_maladministration"),
        4: ("no_maladministration", "outside_jurisdiction"),
        5: ("no_maladministration", "no_maladministration"),
    }
    for index in range(9):
        item = OmbudsmanCaseFactory(
            ombudsman="ho",
            directorate=housing,
            team=lettings if index else None,
            received=D(2022, 6, 1) + index * DAY,
            is_investigation=True,
            decided=D(2022, 12, 1) + index * DAY,
            decision=Decision.MALADMINISTRATION
            if index < 2
            else Decision.NO_MALADMINISTRATION,
            requirement=f"Repair the damp at {SECRET}'s flat." if index == 0 else "",
        )
        for order, finding in enumerate(findings.get(index, ()), start=1):
            OmbudsmanFinding.objects.create(
                ombudsman_case=item,
                element=f"Part {order}",
                finding=finding,
                order=order,
            )
