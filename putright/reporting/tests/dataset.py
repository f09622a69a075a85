"""A small hand-built council for the annual report tests; the figures are worked out below.

2022/2023 (the report year):
- Stage 1: Children's 8 (SEND Team 6 under Children Act 1989: 1 upheld, 3 partly, 2 not
  upheld, 5 on time, 1 late, 2 extended by 10 and 14 days; Care Team 2 under the LGSCO Code,
  not upheld, on time) and Corporate 8 (Waste Team 7 under the LGSCO Code: 3 upheld, 4 not
  upheld, all on time; 1 refused as "Outside the time limit"): 16 in all.
- Stage 2: Children's 3 (escalations of three SEND complaints: 1 upheld, 2 partly upheld).
- Service requests 20, informal complaints 4, compliments 9 (Children's 7, Corporate 2),
  MP enquiries 6 (Testford North; 5 answered, 4 on time).
- Remedies: 3 apologies; 2 payments, £250 and £100 (£350). Learning: 2 actions, 1 complete.
- LGSCO: 3 enquiries; decided in the year: 1 upheld investigation (2 recommendations on
  time, £300) and 1 closed after initial enquiries.
2021/2022: stage 1 Children's 10, Corporate 10 (20); stage 2 1; compliments 3; LGSCO 1.
2020/2021: stage 1 Children's 5, Corporate 7 (12). 2019/2020: stage 2 2.
Summary table for 2022/2023: 24 + 16 + 3 + 3 + 9 + 6 = 61 enquiries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

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
    Procedure,
    RefusalReason,
    Remedy,
)
from putright.complaints.tests.factories import CaseFactory, StageFactory, procedure
from putright.ombudsman.models import Decision
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory
from putright.organisation.models import Council, Directorate, Team
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory

D = dt.date
DAY = dt.timedelta(days=1)
SECRET_NAME = "Josephine Bloggs-Secret"


@dataclass
class ReportDataset:
    childrens: Directorate
    corporate: Directorate


def _stage(kind: str = Kind.COMPLAINT, case=None, **fields):
    if case is None:
        case = CaseFactory(kind=kind, contact_name=SECRET_NAME)
    return StageFactory(case=case, kind=kind, **fields)


def _answered(received: dt.date, days: int, due_in: int = 14) -> dict:
    return {
        "received": received,
        "due": received + due_in * DAY,
        "responded": received + days * DAY,
        "response_calendar_days": days,
        "response_working_days": days * 5 // 7,
    }


@dataclass
class _Setting:
    """The council's directorates, teams, procedures and vocabularies."""

    childrens: Directorate
    corporate: Directorate
    send: Team
    care: Team
    waste: Team
    children: Procedure
    lgsco: Procedure
    delay: IssueNature
    communication: IssueNature
    parent: ComplainantType
    resident: ComplainantType
    late_reason: RefusalReason


def build_report_dataset() -> ReportDataset:
    s = _setting()
    send_stages = _send_stage_one(s)
    _waste_stage_one(s)
    _send_stage_two(s, send_stages)
    _earlier_years(s)
    _other_contacts(s)
    _ombudsman(s)
    return ReportDataset(childrens=s.childrens, corporate=s.corporate)


def _setting() -> _Setting:
    council = Council.load()
    council.name = "Testford City Council"
    council.population = 250_000
    council.small_number_threshold = 5
    council.timescale_target_percent = Decimal("90")
    council.save()
    childrens = DirectorateFactory(name="Children's")
    corporate = DirectorateFactory(name="Corporate")
    send = TeamFactory(directorate=childrens, name="SEND Team")
    care = TeamFactory(directorate=childrens, name="Care Team")
    waste = TeamFactory(directorate=corporate, name="Waste Team")
    children = procedure("children_1989")
    lgsco = procedure("lgsco_code")
    delay = IssueNature.objects.create(name="Service Delay")
    communication = IssueNature.objects.create(name="Communication")
    parent = ComplainantType.objects.create(name="Parent")
    resident = ComplainantType.objects.create(name="Resident")
    late_reason = RefusalReason.objects.create(name="Outside the time limit")

    return _Setting(
        childrens=childrens,
        corporate=corporate,
        send=send,
        care=care,
        waste=waste,
        children=children,
        lgsco=lgsco,
        delay=delay,
        communication=communication,
        parent=parent,
        resident=resident,
        late_reason=late_reason,
    )


def _send_stage_one(s: _Setting) -> list:
    # 2022/2023 stage 1, Children's SEND Team.
    send_outcomes = [
        Outcome.UPHELD,
        Outcome.PARTLY_UPHELD,
        Outcome.PARTLY_UPHELD,
        Outcome.PARTLY_UPHELD,
        Outcome.NOT_UPHELD,
        Outcome.NOT_UPHELD,
    ]
    send_stages = []
    for index, outcome in enumerate(send_outcomes):
        received = D(2022, 5, 2) + index * 7 * DAY
        fields = _answered(received, 20 if index == 5 else 10)
        if index in (0, 1):
            fields["extended_to"] = fields["due"] + (10 if index == 0 else 14) * DAY
        stage = _stage(
            directorate=s.childrens,
            team=s.send,
            procedure=s.children,
            outcome=outcome,
            channel=Channel.EMAIL if index < 4 else Channel.LETTER,
            complainant_type=s.parent,
            summary=f"Delay in the EHCP assessment, case {index}.",
            **fields,
        )
        stage.issue_natures.add(s.delay)
        if index < 2:
            stage.issue_natures.add(s.communication)
        send_stages.append(stage)
    for index in range(2):
        _stage(
            directorate=s.childrens,
            team=s.care,
            procedure=s.lgsco,
            outcome=Outcome.NOT_UPHELD,
            complainant_type=s.parent,
            channel=Channel.WEB_FORM,
            **_answered(D(2022, 9, 1) + index * DAY, 8),
        )
    return send_stages


def _waste_stage_one(s: _Setting) -> None:
    # Corporate Waste Team.
    waste_stages = []
    for index in range(7):
        waste_stages.append(
            _stage(
                directorate=s.corporate,
                team=s.waste,
                procedure=s.lgsco,
                outcome=Outcome.UPHELD if index < 3 else Outcome.NOT_UPHELD,
                complainant_type=s.resident,
                channel=Channel.WEB_FORM,
                is_commissioned=index == 0,
                **_answered(D(2022, 10, 3) + index * DAY, 9),
            )
        )
    _stage(
        directorate=s.corporate,
        procedure=s.lgsco,
        outcome=Outcome.REFUSED,
        refusal_reason=s.late_reason,
        received=D(2022, 11, 1),
    )
    for stage in waste_stages[:3]:
        Remedy.objects.create(stage=stage, type=RemedyType.APOLOGY)
    waste_stages[0].financial_remedy = Decimal("250.00")
    waste_stages[0].learning = "Crews now photograph missed bins before leaving."
    waste_stages[0].save()
    waste_stages[1].financial_remedy = Decimal("100.00")
    waste_stages[1].save()
    LearningAction.objects.create(
        stage=waste_stages[0],
        description="Photograph missed bins before leaving the street",
        status=LearningStatus.COMPLETE,
    )
    LearningAction.objects.create(
        stage=waste_stages[1],
        description="Review assisted collection list quarterly",
        status=LearningStatus.OPEN,
    )


def _send_stage_two(s: _Setting, send_stages: list) -> None:
    # 2022/2023 stage 2: three SEND complaints escalated.
    for stage, outcome in zip(
        send_stages[:3],
        [Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.PARTLY_UPHELD],
        strict=True,
    ):
        _stage(
            case=stage.case,
            number=2,
            directorate=s.childrens,
            team=s.send,
            procedure=s.children,
            outcome=outcome,
            summary="Stage two review of the delay in the EHCP assessment.",
            **_answered(D(2022, 9, 5), 30, due_in=35),
        )


def _earlier_years(s: _Setting) -> None:
    # Earlier years.
    for _ in range(10):
        _stage(directorate=s.childrens, procedure=s.children, received=D(2021, 6, 1))
        _stage(directorate=s.corporate, procedure=s.lgsco, received=D(2021, 7, 1))
    _stage(
        number=2, directorate=s.childrens, procedure=s.children, received=D(2021, 8, 1)
    )
    for _ in range(5):
        _stage(directorate=s.childrens, procedure=s.children, received=D(2020, 6, 1))
    for _ in range(7):
        _stage(directorate=s.corporate, procedure=s.lgsco, received=D(2020, 7, 1))
    for _ in range(2):
        _stage(
            number=2,
            directorate=s.childrens,
            procedure=s.children,
            received=D(2019, 8, 1),
        )


def _other_contacts(s: _Setting) -> None:
    # Other contacts.
    for _ in range(20):
        _stage(Kind.SERVICE_REQUEST, directorate=s.corporate, received=D(2022, 6, 1))
    for _ in range(4):
        _stage(Kind.INFORMAL_COMPLAINT, directorate=s.childrens, received=D(2022, 6, 1))
    for index in range(7):
        _stage(
            Kind.COMPLIMENT,
            directorate=s.childrens,
            team=s.send,
            received=D(2022, 7, 1) + index * DAY,
            summary=f"Thank you to the SEND Team for their help, number {index}.",
        )
    for _ in range(2):
        _stage(Kind.COMPLIMENT, directorate=s.corporate, received=D(2022, 8, 1))
    for _ in range(3):
        _stage(Kind.COMPLIMENT, directorate=s.childrens, received=D(2021, 8, 1))
    for index in range(6):
        fields = {"received": D(2022, 12, 1), "due": D(2022, 12, 15)}
        if index < 5:
            fields["responded"] = D(2022, 12, 10) if index < 4 else D(2022, 12, 20)
        _stage(
            Kind.MP_ENQUIRY,
            directorate=s.corporate,
            constituency="Testford North",
            **fields,
        )


def _ombudsman(s: _Setting) -> None:
    # Ombudsman.
    OmbudsmanCaseFactory(
        reference="22 000 101",
        directorate=s.childrens,
        category="Education and Children's Services",
        received=D(2022, 5, 1),
        is_investigation=True,
        decided=D(2022, 11, 1),
        decision=Decision.UPHELD,
        remedy_amount=Decimal("300.00"),
        recommendations=2,
        recommendations_on_time=2,
        requirement="Apologise and pay £300.",
        lessons="Apology and payment made within a month.",
        summary="Delay in issuing a plan for the child of Ms Secret.",
    )
    OmbudsmanCaseFactory(
        reference="22 000 102",
        directorate=s.corporate,
        category="Environmental Services",
        received=D(2022, 6, 1),
        decided=D(2022, 7, 1),
        decision=Decision.CLOSED_AFTER_INITIAL_ENQUIRIES,
    )
    OmbudsmanCaseFactory(
        reference="22 000 103", directorate=s.corporate, received=D(2023, 1, 10)
    )
    OmbudsmanCaseFactory(
        reference="21 000 001", directorate=s.corporate, received=D(2021, 9, 1)
    )
