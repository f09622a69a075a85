"""A three-year dataset that reproduces the published figures of seed 001 (2022/2023).

City of Wolverhampton Council, annual complaints report 2022-23. Figures taken from it:
- totals table: service requests/informal 1,442; stage 1 156; stage 2 20; stage 3 0;
  Housing Ombudsman 42; LGSCO 37; compliments 694; total 2,391 (the seed's table leaves out
  Public Health, so this dataset has none);
- Children's: informal 91 (75 the year before); stage 1 41 (40): 6 upheld, 21 partly, 14 not
  upheld, 12 under the Children Act (average 14 working days) and 29 under the corporate
  policy (average 22 calendar days); stage 2 6 (9, and 5 in 2020/2021): 1 upheld, 5 partly;
  compliments 90;
- Adults: informal 72 (53); stage 1 25 (34): 7 upheld, 9 partly, 9 not upheld, 24 statutory
  and 1 corporate, 10 about commissioned services, 20 by email, 2 telephone, 2 web form,
  1 letter; compliments 472;
- Corporate: informal complaints and service requests 1,279 (1,229); stage 1 90 (114): 18
  upheld, 19 partly, 53 not upheld, 83 answered within 21 calendar days (92%), average 16
  days, 21 about Revenues and Benefits; stage 2 14 (18): 2 upheld, 6 partly, 6 not upheld;
  compliments 132;
- Housing Ombudsman 42 (34 the year before: "an increase of 8"); LGSCO 37, with 10 decisions
  (9 upheld, 1 not upheld).
Not in the seed, so chosen here: 2020/2021 volumes other than Children's stage 2, the 2021/2022
LGSCO count (30), outcomes and dates of earlier years, and exact dates within each year.
"""

from __future__ import annotations

import datetime as dt
import itertools

from putright.complaints.constants import Channel, Kind, Outcome
from putright.complaints.models import Case, ComplainantType, Procedure, Stage
from putright.ombudsman.models import Decision, OmbudsmanCase
from putright.organisation.models import Council, Directorate, Team

YEARS = {2020: "2020/2021", 2021: "2021/2022", 2022: "2022/2023"}
_counter = itertools.count(1)


def _day(first_year: int, index: int, count: int) -> dt.date:
    """Spread `count` records evenly over the financial year starting in April."""
    start = dt.date(first_year, 4, 1)
    return start + dt.timedelta(days=(index * 364) // max(count, 1))


class _Builder:
    def __init__(self) -> None:
        self.cases: list[Case] = []
        self.stages: list[dict] = []

    def add(self, kind: str, first_year: int, count: int, **fields) -> None:
        """Add `count` contacts of one kind; fields may be lists (one value per record)."""
        for index in range(count):
            values = {
                k: (v[index] if isinstance(v, list) else v) for k, v in fields.items()
            }
            number = values.pop("number", 1)
            case_ref = values.pop("case", None)
            received = _day(first_year, index, count)
            respond = values.pop("respond_in", None)
            due_in = values.pop("due_in", 21)
            if respond is not None:
                values.setdefault("due", received + dt.timedelta(days=due_in))
                values["responded"] = received + dt.timedelta(days=respond)
                values["response_calendar_days"] = respond
                values.setdefault("response_working_days", respond * 5 // 7)
            if case_ref is None:
                case_ref = f"W{next(_counter):06d}"
                self.cases.append(
                    Case(reference=case_ref, kind=kind, contact_name="Private Person")
                )
            self.stages.append(
                {
                    "case_ref": case_ref,
                    "number": number,
                    "kind": kind,
                    "received": received,
                    **values,
                }
            )

    def save(self) -> None:
        Case.objects.bulk_create(self.cases, batch_size=1000)
        ids = dict(Case.objects.values_list("reference", "pk"))
        Stage.objects.bulk_create(
            [Stage(case_id=ids[s.pop("case_ref")], **s) for s in self.stages],
            batch_size=1000,
        )


def _outcomes(**counts: int) -> list[str]:
    return [outcome for outcome, n in counts.items() for _ in range(n)]


def _organisation() -> tuple:
    """The council, its directorates, teams, procedures and complainant types."""
    council = Council.load()
    council.name = "City of Wolverhampton Council"
    council.population = 263_700
    council.timescale_target_percent = 95
    council.save()
    childrens = Directorate.objects.create(name="Children's")
    adults = Directorate.objects.create(name="Adults")
    corporate = Directorate.objects.create(name="Corporate")
    send = Team.objects.create(directorate=childrens, name="SEND Team")
    families = Team.objects.create(directorate=childrens, name="Strengthening Families")
    in_care = Team.objects.create(
        directorate=childrens, name="Children and Young People in Care"
    )
    revenues = Team.objects.create(directorate=corporate, name="Revenues and Benefits")
    waste = Team.objects.create(directorate=corporate, name="Waste Management")
    commissioned = Team.objects.create(directorate=adults, name="Commissioned Services")
    city = Procedure.objects.create(
        code="city_corporate",
        name="Corporate complaints policy (21 calendar days)",
        family="corporate",
        day_basis="calendar",
        ombudsman="lgsco",
    )
    children_act = Procedure.objects.get(code="children_1989")
    adult_care = Procedure.objects.get(code="adults_2009")
    parent = ComplainantType.objects.create(name="Parent")
    advocate = ComplainantType.objects.create(name="Advocate")
    return (
        childrens,
        adults,
        corporate,
        send,
        families,
        in_care,
        revenues,
        waste,
        commissioned,
        city,
        children_act,
        adult_care,
        parent,
        advocate,
    )


def build_seed001() -> dict[str, Directorate]:
    (
        childrens,
        adults,
        corporate,
        send,
        families,
        in_care,
        revenues,
        waste,
        commissioned,
        city,
        children_act,
        adult_care,
        parent,
        advocate,
    ) = _organisation()
    b = _Builder()

    # 2022/2023, Children's.
    b.add(Kind.INFORMAL_COMPLAINT, 2022, 91, directorate=childrens)
    outcomes = _outcomes(upheld=6, partly_upheld=21, not_upheld=14)
    teams = [families] * 2 + [in_care] * 2 + [None, send] + [send] * 10 + [None] * 25
    b.add(
        Kind.COMPLAINT,
        2022,
        41,
        directorate=childrens,
        team=teams,
        outcome=outcomes,
        procedure=[children_act] * 12 + [city] * 29,
        # Children Act: 20 calendar / 14 working days; corporate: 15 at 18 days, 14 at 26.
        respond_in=[20] * 12 + [18] * 15 + [26] * 14,
        response_working_days=[14] * 12 + [13] * 15 + [18] * 14,
        channel=[Channel.EMAIL] * 33 + [Channel.WEB_FORM] * 6 + [Channel.LETTER] * 2,
        complainant_type=[parent] * 31 + [advocate] * 6 + [None] * 4,
    )
    b.add(
        Kind.COMPLAINT,
        2022,
        6,
        directorate=childrens,
        team=[send, send, in_care, in_care, in_care, families],
        number=2,
        outcome=[Outcome.PARTLY_UPHELD] * 4 + [Outcome.UPHELD, Outcome.PARTLY_UPHELD],
        procedure=[children_act] * 4 + [city] * 2,
        respond_in=20,
        summary=[
            "Delays with the EHCP and lack of information and support from social care",
            "Delays with accessing the education setting set out in the EHCP",
            "Delays with processing a request for an extra bedroom for foster carers",
            "Not acting in the young person's best interest",
            "Consent for a hospital operation",
            "Insufficient service from Children's Services, so needs were not met",
        ],
    )
    b.add(Kind.COMPLIMENT, 2022, 90, directorate=childrens, team=in_care)
    # Adults.
    b.add(Kind.INFORMAL_COMPLAINT, 2022, 72, directorate=adults)
    b.add(
        Kind.COMPLAINT,
        2022,
        25,
        directorate=adults,
        team=[commissioned] * 10 + [None] * 15,
        is_commissioned=[True] * 10 + [False] * 15,
        outcome=_outcomes(upheld=7, partly_upheld=9, not_upheld=9),
        procedure=[adult_care] * 24 + [city],
        respond_in=[22] * 24 + [54],
        response_working_days=[16] * 24 + [38],
        due_in=182,
        channel=[Channel.EMAIL] * 20
        + [Channel.TELEPHONE] * 2
        + [Channel.WEB_FORM] * 2
        + [Channel.LETTER],
    )
    b.add(Kind.COMPLIMENT, 2022, 472, directorate=adults)
    # Corporate.
    b.add(Kind.SERVICE_REQUEST, 2022, 1279, directorate=corporate)
    b.add(
        Kind.COMPLAINT,
        2022,
        90,
        directorate=corporate,
        team=[revenues] * 21 + [waste] * 11 + [None] * 58,
        outcome=[Outcome.UPHELD] * 11
        + _outcomes(not_upheld=10)
        + [Outcome.UPHELD] * 2
        + _outcomes(not_upheld=9)
        + [Outcome.UPHELD] * 5
        + _outcomes(partly_upheld=19, not_upheld=34),
        procedure=city,
        respond_in=[15] * 83 + [28] * 7,
        channel=[Channel.EMAIL] * 69
        + [Channel.WEB_FORM] * 8
        + [Channel.LETTER] * 8
        + [Channel.TELEPHONE] * 5,
    )
    b.add(
        Kind.COMPLAINT,
        2022,
        14,
        number=2,
        directorate=corporate,
        outcome=_outcomes(upheld=2, partly_upheld=6, not_upheld=6),
        procedure=city,
        respond_in=20,
    )
    b.add(Kind.COMPLIMENT, 2022, 132, directorate=corporate)

    # 2021/2022 (figures from the seed's comparisons).
    b.add(Kind.INFORMAL_COMPLAINT, 2021, 75, directorate=childrens)
    b.add(Kind.INFORMAL_COMPLAINT, 2021, 53, directorate=adults)
    b.add(Kind.SERVICE_REQUEST, 2021, 1229, directorate=corporate)
    b.add(
        Kind.COMPLAINT,
        2021,
        40,
        directorate=childrens,
        procedure=children_act,
        outcome=Outcome.NOT_UPHELD,
        respond_in=18,
    )
    b.add(
        Kind.COMPLAINT,
        2021,
        34,
        directorate=adults,
        procedure=adult_care,
        outcome=Outcome.PARTLY_UPHELD,
        respond_in=20,
        due_in=182,
    )
    b.add(
        Kind.COMPLAINT,
        2021,
        114,
        directorate=corporate,
        procedure=city,
        outcome=Outcome.NOT_UPHELD,
        respond_in=17,
    )
    b.add(
        Kind.COMPLAINT,
        2021,
        9,
        number=2,
        directorate=childrens,
        procedure=city,
        outcome=Outcome.PARTLY_UPHELD,
        respond_in=20,
    )
    b.add(
        Kind.COMPLAINT,
        2021,
        18,
        number=2,
        directorate=corporate,
        procedure=city,
        outcome=Outcome.NOT_UPHELD,
        respond_in=20,
    )
    # 2020/2021 (only Children's stage 2 is in the seed).
    b.add(
        Kind.COMPLAINT,
        2020,
        38,
        directorate=childrens,
        procedure=children_act,
        outcome=Outcome.NOT_UPHELD,
        respond_in=18,
    )
    b.add(
        Kind.COMPLAINT,
        2020,
        30,
        directorate=adults,
        procedure=adult_care,
        outcome=Outcome.NOT_UPHELD,
        respond_in=20,
        due_in=182,
    )
    b.add(
        Kind.COMPLAINT,
        2020,
        120,
        directorate=corporate,
        procedure=city,
        outcome=Outcome.NOT_UPHELD,
        respond_in=17,
    )
    b.add(
        Kind.COMPLAINT,
        2020,
        5,
        number=2,
        directorate=childrens,
        procedure=city,
        outcome=Outcome.NOT_UPHELD,
        respond_in=20,
    )
    b.save()

    ombudsman = []
    for first_year, code, count in (
        (2022, "ho", 42),
        (2021, "ho", 34),
        (2022, "lgsco", 37),
        (2021, "lgsco", 30),
    ):
        for index in range(count):
            fields = {}
            if first_year == 2022 and code == "lgsco" and index < 10:
                fields = {
                    "is_investigation": True,
                    "decided": dt.date(2023, 1, 10),
                    "decision": Decision.UPHELD if index < 9 else Decision.NOT_UPHELD,
                    "directorate": [adults, childrens, corporate][index % 3],
                }
            ombudsman.append(
                OmbudsmanCase(
                    reference=f"{code}-{first_year}-{index:03d}",
                    ombudsman=code,
                    received=_day(first_year, index, count),
                    **fields,
                )
            )
    OmbudsmanCase.objects.bulk_create(ombudsman)
    return {"childrens": childrens, "adults": adults, "corporate": corporate}
