"""The demo council's "today": a few dozen recent cases worked through the services.

The imported history carries figures, not events: its cases have no timeline, no letters and
no notes. This layer logs recent contacts with `case_log` and `case_submit_public` and works
them with the same services staff use (allocate, acknowledge, note, respond, ask for and
give approval, escalate, learning, Ombudsman), each on its own day under `time_machine`, so
every case has a history and every demo role signs in to work waiting today: awaiting
acknowledgement, due this week, overdue, awaiting approval, remedies due, and public
submissions awaiting triage.

The people are fictional (reserved `example.org` addresses, Ofcom's 01632 960xxx drama
numbers, the unused `ZZ` postcode area).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from putright.accounts.models import User
from putright.complaints import services
from putright.complaints.constants import (
    Kind,
    LearningCategory,
    Outcome,
    RemedyType,
)
from putright.complaints.models import Case, Procedure, Stage
from putright.demo import profiles
from putright.demo.people import Person, demo_person
from putright.ombudsman import services as ombudsman_services
from putright.ombudsman.models import Recommendation
from putright.organisation.models import Team
from putright.selfassessment import services as self_assessment_services
from putright.selfassessment.models import SelfAssessment

try:  # a development dependency, like the demo itself
    import time_machine
except ImportError:  # pragma: no cover - the layer then runs on the real clock
    time_machine = None


@dataclass(frozen=True)
class Desk:
    """One directorate's demo officer and manager, and the team the officer works in."""

    directorate: str
    team: str
    officer: str
    manager: str
    # A second team with a two-stage procedure, for stage 2 approvals (None: the same).
    review_team: str | None = None


DESKS: tuple[Desk, ...] = (
    Desk("Children's", "SEND Team", "send.officer", "childrens.manager"),
    Desk(
        "Adults",
        "Mental Health Team",
        "adults.officer",
        "adults.manager",
        review_team="Blue Badges",
    ),
    Desk("Housing", "Housing Repairs", "housing.officer", "housing.manager"),
    Desk("City Services", "Waste and Recycling", "city.officer", "city.manager"),
    Desk("Resources", "Council Tax", "resources.officer", "resources.manager"),
    Desk(
        "Public Health",
        "Sexual Health Services",
        "publichealth.officer",
        "publichealth.manager",
    ),
)

# Summaries are headings ("Missed bin collection"), so they stand on their own.
UNDERSTANDINGS = (
    "Your complaint, in short: {topic}. You are unhappy that nobody kept you informed.",
    "Your complaint, in short: {topic}. You would like an apology and a date for it to "
    "be put right.",
    "Your complaint, in short: {topic}. You asked us to explain what went wrong.",
)
STAGE_2_UNDERSTANDING = (
    "You remain unhappy because our stage 1 apology did not cover the second missed "
    "visit, and you want to know what will stop it happening again."
)
REASONS = (
    "We looked at the records and spoke to the officers involved. Our service standard says "
    "we act within ten working days; in your case we took longer and did not tell you why.",
    "Having reviewed the file, we found that the first request was logged but not passed to "
    "the team that deals with it. That was our mistake.",
    "We checked our notes and the contractor's job sheets. The work was booked but cancelled "
    "without a new date, and you were not told.",
)
NOTES = (
    "Phoned {first} to confirm we received the complaint and to check the best time to call.",
    "{first} sent photographs by email; saved to the case and shared with the team leader.",
    "Spoke to the team leader, who will check the file and reply to me by Friday.",
    "{first} rang to ask for an update; explained the timescale and that we are on track.",
)
PUBLIC = (
    (
        Kind.COMPLAINT,
        "Housing Repairs",
        "The bathroom extractor fan has not worked since August and mould is coming back.",
        "Fix the fan and treat the mould.",
    ),
    (
        Kind.COMPLAINT,
        "Waste and Recycling",
        "Our recycling has been missed three weeks running on Chapel Row.",
        "Collect it and tell me why it keeps happening.",
    ),
    (
        Kind.COMPLIMENT,
        "Libraries",
        "The staff at the central library helped my father fill in his bus pass form.",
        "",
    ),
    (
        Kind.COMMENT,
        "Parks and Open Spaces",
        "It would help if the park toilets opened before 9am at weekends.",
        "",
    ),
)


def _moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 15)))


@contextlib.contextmanager
def _on(day: dt.date, hour: int = 10) -> Iterator[None]:
    """Run the services on `day`, as if it were that day at `hour`."""
    if time_machine is None:
        yield
        return
    with time_machine.travel(_moment(day, hour), tick=False):
        yield


def _working_days_back(today: dt.date, days: int) -> dt.date:
    day = today
    while days > 0:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _after(day: dt.date, days: int, today: dt.date) -> dt.date:
    """`days` working days after `day`, never after today."""
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return min(day, today)


def _six_months_before(day: dt.date) -> dt.date:
    index = day.year * 12 + day.month - 1 - 6
    return _working_days_back(dt.date(index // 12, index % 12 + 1, min(day.day, 28)), 0)


def _version(case: Case) -> int:
    return Case.objects.values_list("version", flat=True).get(pk=case.pk)


def _stage(case: Case) -> Stage:
    return Stage.objects.filter(case=case).order_by("-number").first()  # type: ignore[return-value]


class TodayLayer:
    """Logs and works the recent cases; one instance per demo load."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng = rng
        self.today = today
        self.users = {user.username: user for user in User.objects.all()}
        self.complaints = self.users["complaints"]
        self.procedures = {p.code: p for p in Procedure.objects.all()}
        self.teams = {
            (team.directorate.name, team.name): team
            for team in Team.objects.select_related("directorate")
        }
        self.cases: list[Case] = []

    # -- helpers ------------------------------------------------------------------------

    def _procedure(self, team: Team) -> Procedure:
        code = next(
            (
                p.procedure
                for p in profiles.TEAMS
                if (p.directorate, p.name) == (team.directorate.name, team.name)
            ),
            "lgsco_code",
        )
        return self.procedures[code]

    def _topic(self, team: Team) -> str:
        topics = next(
            (p.topics for p in profiles.TEAMS if p.name == team.name), ("A delay",)
        )
        return self.rng.choice(topics)

    def _log(
        self, team: Team, received: dt.date, *, person: Person | None = None
    ) -> Case:
        person = person or demo_person(self.rng)
        topic = self._topic(team)
        representative = ""
        if self.rng.random() < 0.2:
            representative = demo_person(self.rng).name
        with _on(received, 9):
            case = services.case_log(
                by=self.complaints,
                kind=Kind.COMPLAINT,
                channel=self.rng.choice(("email", "telephone", "letter", "in_person")),
                received=received,
                directorate=team.directorate,
                team=team,
                procedure=self._procedure(team),
                contact_name=person.name,
                contact_email=person.email,
                contact_phone=person.phone,
                contact_address=person.address,
                representative_name=representative,
                outcome_sought="An apology and the problem put right.",
                summary=topic,
            )
        self.cases.append(case)
        return case

    def _allocate(self, case: Case, day: dt.date, handler: Any) -> Stage:
        with _on(day, 9):
            return services.stage_allocate(
                stage=_stage(case),
                by=self.complaints,
                version=_version(case),
                team=_stage(case).team,
                handler=handler,
            )

    def _acknowledge(self, case: Case, day: dt.date, by: Any) -> Stage:
        stage = _stage(case)
        summary = stage.summary or "A delay"
        understanding = self.rng.choice(UNDERSTANDINGS).format(
            topic=summary.rstrip(".")
        )
        if stage.number > 1:
            understanding = STAGE_2_UNDERSTANDING
        with _on(day, 11):
            return services.stage_acknowledge(
                stage=_stage(case),
                by=by,
                version=_version(case),
                acknowledged=day,
                understanding=understanding,
            )

    def _note(self, case: Case, day: dt.date, by: Any) -> None:
        text = self.rng.choice(NOTES).format(first=case.contact_name.split()[0])
        with _on(day, 14):
            services.case_note_add(case=case, by=by, text=text)

    def _draft(
        self, case: Case, day: dt.date, by: Any, *, step: str, remedy_due: dt.date
    ) -> Stage:
        stage = _stage(case)
        with _on(day, 15):
            result = services.stage_response_submit(
                stage=stage,
                by=by,
                version=_version(case),
                step=step,
                responded=day if step == "send" else None,
                outcome=self.rng.choice((Outcome.UPHELD, Outcome.PARTLY_UPHELD)),
                response_reasons=self.rng.choice(REASONS),
                understanding=stage.understanding
                or "You are unhappy with how we handled your request.",
                remedies=[RemedyType.APOLOGY, RemedyType.SERVICE_ACTION],
                remedy_description=(
                    "A written apology, and the work completed by the date below."
                ),
                remedy_due=remedy_due,
                learning=self.rng.choice(profiles.LEARNING),
            )
        if result.refused:
            raise services.CaseworkError(f"Demo response refused: {result.refused}")
        return result.stage

    def _due_soon_and_overdue(self, team: Team) -> tuple[dt.date, dt.date]:
        """Received dates whose stage 1 falls due in 2 working days, and 5 days ago."""
        if self._procedure(team).code in ("adults_2009", "public_health_2012"):
            # Six calendar months from receipt.
            return (
                _six_months_before(self.today + dt.timedelta(days=3)),
                _six_months_before(self.today - dt.timedelta(days=9)),
            )
        return _working_days_back(self.today, 9), _working_days_back(self.today, 17)

    # -- scenarios ------------------------------------------------------------------------

    def desk(self, desk: Desk) -> None:
        team = self.teams[(desk.directorate, desk.team)]
        officer = self.users[desk.officer]
        manager = self.users[desk.manager]
        today = self.today
        # Awaiting acknowledgement: in yesterday, given to the officer this morning.
        for back in (1, 0):
            received = _working_days_back(today, back)
            case = self._log(team, received)
            self._allocate(case, received, officer)
        # Due this week and overdue: acknowledged the day after they came in.
        for received in self._due_soon_and_overdue(team):
            case = self._log(team, received)
            self._allocate(case, received, officer)
            self._acknowledge(case, _after(received, 1, today), officer)
            self._note(case, _after(received, 3, today), officer)
        # Answered, with an apology and the work due next week: remedies due.
        received = _working_days_back(today, 14)
        case = self._log(team, received)
        self._allocate(case, received, officer)
        self._acknowledge(case, _after(received, 1, today), officer)
        self._draft(
            case,
            _after(received, 9, today),
            officer,
            step="send",
            remedy_due=today + dt.timedelta(days=5),
        )
        review = self.teams[(desk.directorate, desk.review_team or desk.team)]
        if self._procedure(review).code in ("lgsco_code", "ho_code"):
            self.stage_two(review, officer, manager, request=True)
            self.stage_two(review, officer, manager, request=False)

    def stage_two(
        self, team: Team, officer: Any, manager: Any, *, request: bool
    ) -> None:
        """A stage 1 answered by the complaints team, escalated and given to the officer.

        `request`: the officer has drafted the response and asked the manager to approve
        it; otherwise it waits for the officer's draft.
        """
        today = self.today
        received = _working_days_back(today, 30)
        case = self._log(team, received)
        self._allocate(case, received, self.complaints)
        self._acknowledge(case, _after(received, 1, today), self.complaints)
        answered = _after(received, 8, today)
        self._draft(
            case,
            answered,
            self.complaints,
            step="send",
            remedy_due=answered + dt.timedelta(days=10),
        )
        asked = _after(answered, 4, today)
        with _on(asked, 10):
            services.stage_escalate(
                case=case,
                by=self.complaints,
                version=_version(case),
                received=asked,
                handler=officer,
                reasons="The apology does not cover the second missed visit.",
            )
        self._acknowledge(case, _after(asked, 1, today), officer)
        if request:
            self._draft(
                case,
                _after(asked, 6, today),
                officer,
                step="approval",
                remedy_due=today + dt.timedelta(days=14),
            )

    def learning(self) -> None:
        """A learning action on each answered case with an upheld outcome."""
        for case in self.cases:
            stage = _stage(case)
            if stage.responded is None or stage.outcome not in (
                Outcome.UPHELD,
                Outcome.PARTLY_UPHELD,
            ):
                continue
            with _on(stage.responded, 16):
                services.learning_action_add(
                    stage=stage,
                    by=self.complaints,
                    version=_version(case),
                    description=stage.learning
                    or "Brief the team on the complaints procedure timescales.",
                    due=self.today + dt.timedelta(days=self.rng.randint(10, 40)),
                    owner_name=f"Team leader, {stage.team.name}",
                    category=LearningCategory.PROCESS
                    if stage.learning
                    else LearningCategory.TRAINING,
                )

    def public(self) -> int:
        """Contacts from the front door (`/feedback/`), awaiting triage."""
        made = 0
        for kind, team_name, summary, sought in PUBLIC:
            team = next(t for (_, name), t in self.teams.items() if name == team_name)
            person = demo_person(self.rng)
            with _on(self.today, 8):
                services.case_submit_public(
                    kind=kind,
                    directorate=team.directorate,
                    team=team,
                    procedure=self._procedure(team) if kind == Kind.COMPLAINT else None,
                    contact_name=person.name,
                    contact_email=person.email,
                    contact_phone=person.phone if kind == Kind.COMPLAINT else "",
                    contact_address=person.address if kind == Kind.COMPLAINT else "",
                    summary=summary,
                    outcome_sought=sought,
                )
            made += 1
        return made

    def email_in(self) -> int:
        """One email to the council's mailbox, logged as `putright/inbox` logs a new
        contact (the inbox itself needs a mailbox and PUTRIGHT_INBOX_DIRECTORATE)."""
        procedure = services.procedure_corporate_default()
        customer_services = self.teams.get(("Resources", "Customer Services"))
        if procedure is None or customer_services is None:
            return 0
        person = demo_person(self.rng)
        with _on(self.today, 7):
            services.case_receive_email(
                directorate=customer_services.directorate,
                procedure=procedure,
                received=self.today,
                contact_name=person.name,
                contact_email=person.email,
                summary="Subject: Parking permit still not arrived\n\n"
                "I applied for a resident's parking permit five weeks ago and paid "
                "online. It has not arrived and I have had two parking tickets since. "
                f"Please can someone call me.\n\n{person.name}",
            )
        return 1

    def ombudsman(self) -> None:
        """A new Housing Ombudsman enquiry, and an LGSCO decision with orders due soon."""
        today = self.today
        housing = [
            stage
            for stage in map(_stage, self.cases)
            if stage.team and stage.team.name == "Housing Repairs"
        ]
        if housing:
            stage = housing[-1]
            received = _working_days_back(today, 3)
            with _on(received, 12):
                ombudsman_services.ombudsman_case_log(
                    by=self.complaints,
                    reference=f"{today.year}{self.rng.randint(10000, 99999)}",
                    ombudsman="ho",
                    received=received,
                    complaint_reference=stage.case.reference,
                    directorate=stage.directorate,
                    team=stage.team,
                    category="Property Condition",
                    summary="The resident says repair appointments were missed "
                    "repeatedly and the stage 2 response did not say when the work "
                    "would be done.",
                )
        older = (
            Stage.objects.filter(
                kind=Kind.COMPLAINT,
                team__name="Council Tax",
                case__is_closed=True,
                case__ombudsman_cases__isnull=True,
            )
            .select_related("case", "team", "directorate")
            .order_by("-case__reference")
            .first()
        )
        if older is None:
            return
        received = today - dt.timedelta(days=120)
        decided = _working_days_back(today, 12)
        Type = Recommendation.Type  # noqa: N806
        with _on(received, 12):
            item = ombudsman_services.ombudsman_case_log(
                by=self.complaints,
                reference=f"{received.year % 100:02d} {self.rng.randint(100, 999)} "
                f"{self.rng.randint(100, 999)}",
                ombudsman="lgsco",
                received=received,
                complaint_reference=older.case.reference,
                directorate=older.directorate,
                team=older.team,
                category="Benefits and Tax",
                is_investigation=True,
                summary="Enforcement agents were instructed while the resident's "
                "appeal against a council tax liability was still open.",
            )
        with _on(decided, 11):
            item = ombudsman_services.ombudsman_decision_record(
                item=item,
                by=self.complaints,
                decided=decided,
                decision="upheld",
                remedy_amount=Decimal("250"),
                requirement=(
                    "Within one month: apologise to the resident; refund the "
                    "enforcement fees added to the account and pay £250 for the "
                    "distress caused. Within three months: check that recovery action "
                    "is paused automatically when a liability appeal is logged, and "
                    "tell the Ombudsman what has changed."
                ),
                lessons=(
                    "Recovery is now held on the account record as soon as an appeal "
                    "is logged; the revenues team was briefed on the change."
                ),
            )
            for kind, description, days in (
                (Type.APOLOGY, "Written apology to the resident.", -2),
                (Type.PAYMENT, "Refund the enforcement fees and pay £250.", 6),
                (
                    Type.PROCEDURE_CHANGE,
                    "Pause recovery automatically when a liability appeal is logged.",
                    60,
                ),
            ):
                ombudsman_services.recommendation_add(
                    item=item,
                    by=self.complaints,
                    type=kind,
                    description=description,
                    due=decided + dt.timedelta(days=30 + days),
                    amount=Decimal("250") if kind == Type.PAYMENT else None,
                )


def demo_today(*, seed: int, today: dt.date) -> dict[str, int]:
    """Make the demo's recent cases through the services; returns what it made."""
    if time_machine is None and today != timezone.localdate():
        return {"cases": 0, "public": 0}
    layer = TodayLayer(random.Random(f"{seed}:today"), today)
    for desk in DESKS:
        layer.desk(desk)
    layer.learning()
    layer.ombudsman()
    public = layer.public() + layer.email_in()
    _self_assessment_start(today, layer.complaints)
    return {"cases": len(layer.cases), "public": public}


def _self_assessment_start(today: dt.date, by: User) -> None:
    """Last financial year's Code self-assessment, started and waiting for its answers and
    the governing body's sign-off (as a council would have it in the autumn)."""
    first_year = today.year - 1 if today.month >= 4 else today.year - 2
    if not SelfAssessment.objects.filter(first_year=first_year).exists():
        self_assessment_services.assessment_start(first_year=first_year, by=by)
