"""A small hand-built dataset whose §5 figures were worked out by hand (see test_engine.py).

Two directorates (Children's with the SEND Team, Adults with the Mental Health Team), three
years (2021/2022, 2022/2023, and one record on the first day of 2023/2024), four procedures
(the council's own calendar-day corporate procedure, the LGSCO Code, Children Act 1989 and
adult social care), extensions, an undecided stage, a withdrawn one, other contacts and
Ombudsman rows. Response times are the stored per-record columns; the values below were
counted on a calendar by hand (e.g. 3 to 16 May 2022: 13 calendar days, 9 working days).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from putright.complaints.constants import Kind, Outcome
from putright.complaints.models import Case, Procedure
from putright.complaints.tests.factories import CaseFactory, StageFactory, procedure
from putright.ombudsman.models import Decision
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory
from putright.organisation.models import Directorate, Team
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory

D = dt.date


@dataclass
class Dataset:
    childrens: Directorate
    adults: Directorate
    send: Team
    mental_health: Team


def _complaint(case: Case | None = None, **fields):
    if case is None:
        case = CaseFactory(kind=Kind.COMPLAINT)
    return StageFactory(case=case, **fields)


def _contact(kind: str, directorate: Directorate, received: dt.date):
    case = CaseFactory(kind=kind)
    return StageFactory(case=case, directorate=directorate, received=received)


def build_dataset() -> Dataset:
    childrens = DirectorateFactory(name="Children's")
    adults = DirectorateFactory(name="Adults")
    send = TeamFactory(directorate=childrens, name="SEND Team")
    mental_health = TeamFactory(directorate=adults, name="Mental Health Team")
    city = Procedure.objects.create(
        code="city_corporate",
        name="City corporate complaints procedure",
        family="corporate",
        day_basis="calendar",
        ombudsman="lgsco",
    )
    lgsco = procedure("lgsco_code")
    children = procedure("children_1989")
    adult_care = procedure("adults_2009")

    # 2022/2023, stage 1.
    case1 = CaseFactory(kind=Kind.COMPLAINT)
    _complaint(  # 1: on time
        case1,
        directorate=childrens,
        team=send,
        procedure=children,
        received=D(2022, 5, 3),
        due=D(2022, 5, 17),
        responded=D(2022, 5, 16),
        response_calendar_days=13,
        response_working_days=9,
        outcome=Outcome.UPHELD,
    )
    _complaint(  # 2: late, but within the agreed extension
        directorate=childrens,
        team=send,
        procedure=children,
        received=D(2022, 8, 1),
        due=D(2022, 8, 15),
        extended_to=D(2022, 8, 29),
        responded=D(2022, 8, 25),
        response_calendar_days=24,
        response_working_days=18,
        outcome=Outcome.PARTLY_UPHELD,
    )
    _complaint(  # 3: late, no extension
        directorate=childrens,
        procedure=city,
        received=D(2022, 11, 10),
        due=D(2022, 12, 1),
        responded=D(2022, 12, 5),
        response_calendar_days=25,
        response_working_days=17,
        outcome=Outcome.NOT_UPHELD,
    )
    _complaint(  # 4: still open, undecided
        directorate=childrens,
        procedure=lgsco,
        received=D(2023, 2, 1),
        due=D(2023, 2, 22),
    )
    _complaint(  # 5: withdrawn, answered on time
        directorate=adults,
        team=mental_health,
        procedure=adult_care,
        received=D(2022, 6, 10),
        due=D(2022, 12, 10),
        responded=D(2022, 7, 10),
        response_calendar_days=30,
        response_working_days=20,
        outcome=Outcome.WITHDRAWN,
    )
    case6 = CaseFactory(kind=Kind.COMPLAINT)
    _complaint(  # 6: on time
        case6,
        directorate=adults,
        procedure=city,
        received=D(2022, 10, 3),
        due=D(2022, 10, 24),
        responded=D(2022, 10, 20),
        response_calendar_days=17,
        response_working_days=13,
        outcome=Outcome.NOT_UPHELD,
    )
    # 2022/2023, stage 2.
    _complaint(  # 7: answered on the due date itself
        case1,
        number=2,
        directorate=childrens,
        team=send,
        procedure=children,
        received=D(2022, 6, 1),
        due=D(2022, 7, 6),
        responded=D(2022, 7, 6),
        response_calendar_days=35,
        response_working_days=25,
        outcome=Outcome.UPHELD,
    )
    _complaint(  # 8: late even for the extension
        case6,
        number=2,
        directorate=adults,
        procedure=city,
        received=D(2023, 1, 5),
        due=D(2023, 2, 9),
        extended_to=D(2023, 3, 9),
        responded=D(2023, 3, 20),
        response_calendar_days=74,
        response_working_days=52,
        outcome=Outcome.PARTLY_UPHELD,
    )
    # 2021/2022.
    _complaint(directorate=childrens, procedure=children, received=D(2021, 7, 1))
    _complaint(directorate=childrens, procedure=lgsco, received=D(2022, 3, 31))
    _complaint(directorate=adults, procedure=adult_care, received=D(2021, 4, 1))
    _complaint(
        number=2, directorate=childrens, procedure=children, received=D(2021, 9, 1)
    )
    _complaint(
        number=2, directorate=childrens, procedure=children, received=D(2021, 10, 1)
    )
    _complaint(
        number=3, directorate=childrens, procedure=children, received=D(2022, 1, 10)
    )
    # 2023/2024: the first day of the next year belongs to it, not to 2022/2023.
    _complaint(directorate=childrens, procedure=children, received=D(2023, 4, 1))

    # Other contacts.
    _contact(Kind.COMPLIMENT, childrens, D(2022, 4, 1))
    _contact(Kind.COMPLIMENT, childrens, D(2022, 9, 30))
    _contact(Kind.COMPLIMENT, adults, D(2023, 3, 31))
    _contact(Kind.INFORMAL_COMPLAINT, childrens, D(2022, 7, 7))
    _contact(Kind.MP_ENQUIRY, adults, D(2022, 12, 1))
    _contact(Kind.COMPLIMENT, childrens, D(2021, 5, 5))
    _contact(Kind.COMPLIMENT, childrens, D(2021, 6, 6))
    _contact(Kind.COMPLIMENT, adults, D(2021, 7, 7))
    _contact(Kind.INFORMAL_COMPLAINT, adults, D(2021, 8, 8))
    _contact(Kind.INFORMAL_COMPLAINT, childrens, D(2021, 9, 9))
    _contact(Kind.SERVICE_REQUEST, childrens, D(2021, 10, 10))

    # Ombudsman rows.
    OmbudsmanCaseFactory(
        reference="22 001 001",
        ombudsman="lgsco",
        directorate=childrens,
        received=D(2022, 5, 1),
        is_investigation=True,
        decided=D(2022, 11, 1),
        decision=Decision.UPHELD,
        summary="Delay in issuing an amended Education Health and Care plan.",
        requirement="Apologise and pay £250 to recognise the delays.",
        lessons="Apology and payment of £250 issued within one month.",
    )
    OmbudsmanCaseFactory(
        reference="21 002 002",
        ombudsman="lgsco",
        directorate=adults,
        received=D(2022, 2, 1),
        decided=D(2022, 6, 1),
        decision=Decision.NOT_UPHELD,
        summary="Respite care received by a care home.",
    )
    OmbudsmanCaseFactory(
        reference="HO-003",
        ombudsman="ho",
        directorate=childrens,
        received=D(2023, 1, 15),
    )
    OmbudsmanCaseFactory(
        reference="22 004 004",
        ombudsman="lgsco",
        directorate=childrens,
        received=D(2022, 8, 1),
        decided=D(2023, 4, 10),
        decision=Decision.NOT_UPHELD,
    )
    OmbudsmanCaseFactory(
        reference="22 005 005",
        ombudsman="lgsco",
        directorate=None,
        received=D(2022, 9, 1),
        decided=D(2022, 10, 1),
        decision=Decision.CLOSED_AFTER_INITIAL_ENQUIRIES,
    )
    return Dataset(childrens, adults, send, mental_health)
