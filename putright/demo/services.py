"""Load the demo council: settings, organisation, four years of records, and demo logins.

The records go in through the import service (`putright.imports.services.import_rows`), so
the demo also proves the importer; a demo that the importer rejects is an error, not a
half-loaded database.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q

from putright.accounts.models import User
from putright.audit.services import audit_record
from putright.complaints.constants import (
    Kind,
    LearningCategory,
    LearningStatus,
    Outcome,
)
from putright.complaints.models import (
    Case,
    LearningAction,
    Procedure,
    ProcedureStage,
    RefusalReason,
    Stage,
)
from putright.complaints.services.procedures import (
    procedure_create_from_rule,
    procedure_ensure_builtins,
)
from putright.core.periods import Period
from putright.demo import profiles
from putright.demo.generator import DemoGenerator
from putright.demo.people import demo_people_assign
from putright.demo.today import demo_today
from putright.imports.services import ImportResult, import_rows
from putright.ombudsman.models import OmbudsmanCase, OmbudsmanFinding
from putright.organisation.branding import logo_validate
from putright.organisation.models import ClosureDay, Council, Directorate, Team
from putright.public.models import PublicService

DEFAULT_SEED = 2026
# Demo only: printed on screen by `putright demo_users`; never use it for real data.
DEFAULT_DEMO_PASSWORD = "putright-demo-2026"  # noqa: S105 - documented demo password
PASSWORD_VARIABLE = "PUTRIGHT_DEMO_PASSWORD"  # noqa: S105 - a variable name


class DemoError(Exception):
    """The demo could not be loaded; the message says why and nothing was saved."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    where: str


@dataclass
class DemoSummary:
    """What `demo_load` created, for the command's report."""

    council: str
    years: list[str]
    volumes: dict[str, Counter[str]] = field(default_factory=dict)
    ombudsman: dict[str, Counter[str]] = field(default_factory=dict)
    import_summary: str = ""
    learning_actions: int = 0
    allocated: int = 0
    today_cases: int = 0  # recent cases made by the services (putright.demo.today)
    public: int = 0  # front-door and email contacts awaiting triage
    seconds: float = 0.0


# username, role, directorate, team (None: council-wide)
DEMO_USERS: tuple[tuple[str, str, str | None, str | None], ...] = (
    ("complaints", User.Role.COMPLAINTS_TEAM, None, None),
    ("send.officer", User.Role.SERVICE_OFFICER, "Children's", "SEND Team"),
    ("childrens.manager", User.Role.MANAGER, "Children's", "SEND Team"),
    ("adults.officer", User.Role.SERVICE_OFFICER, "Adults", "Mental Health Team"),
    ("reporting", User.Role.REPORTING_VIEWER, None, None),
    ("admin", User.Role.ADMINISTRATOR, None, None),
)
# An officer and a manager in every directorate (putright.demo.today.DESKS), so any
# service's complaint can be allocated, and a stage 2 approved, with demo logins alone.
DESK_USERS: tuple[tuple[str, str, str | None, str | None], ...] = (
    ("adults.manager", User.Role.MANAGER, "Adults", "Mental Health Team"),
    ("housing.officer", User.Role.SERVICE_OFFICER, "Housing", "Housing Repairs"),
    ("housing.manager", User.Role.MANAGER, "Housing", "Housing Repairs"),
    ("city.officer", User.Role.SERVICE_OFFICER, "City Services", "Waste and Recycling"),
    ("city.manager", User.Role.MANAGER, "City Services", "Waste and Recycling"),
    ("resources.officer", User.Role.SERVICE_OFFICER, "Resources", "Council Tax"),
    ("resources.manager", User.Role.MANAGER, "Resources", "Council Tax"),
    (
        "publichealth.officer",
        User.Role.SERVICE_OFFICER,
        "Public Health",
        "Sexual Health Services",
    ),
    (
        "publichealth.manager",
        User.Role.MANAGER,
        "Public Health",
        "Sexual Health Services",
    ),
)
# Fictional staff names, so lists and letters read as they would at a council.
DEMO_NAMES = {
    "complaints": ("Priya", "Shah"),
    "send.officer": ("Tom", "Evans"),
    "childrens.manager": ("Grace", "Okafor"),
    "adults.officer": ("Hannah", "Lewis"),
    "reporting": ("David", "Clarke"),
    "admin": ("Aisha", "Rahman"),
    "adults.manager": ("Gareth", "Pryce"),
    "housing.officer": ("Kemi", "Adebayo"),
    "housing.manager": ("Martin", "Doyle"),
    "city.officer": ("Lowri", "Jenkins"),
    "city.manager": ("Samir", "Haddad"),
    "resources.officer": ("Joanne", "Whitfield"),
    "resources.manager": ("Rajesh", "Menon"),
    "publichealth.officer": ("Ffion", "Morgan"),
    "publichealth.manager": ("Olumide", "Bankole"),
}


def demo_password() -> str:
    """The demo password: $PUTRIGHT_DEMO_PASSWORD, or the documented demo default."""
    return os.environ.get(PASSWORD_VARIABLE) or DEFAULT_DEMO_PASSWORD


DEMO_LOGO = Path(__file__).parent / "static" / "demo" / "demo-borough-council-logo.svg"


def demo_logo() -> ContentFile:
    """The demo council's logo (a fictional crest), checked like an uploaded one."""
    logo = ContentFile(DEMO_LOGO.read_bytes(), name="demo-borough-council-logo.svg")
    logo_validate(logo)
    return logo


def demo_council_configure(*, today: dt.date) -> Council:
    """Set up the demo council (created if missing) and its closure days (24 December)."""
    council = Council.objects.order_by("pk").first() or Council()
    council.name = profiles.COUNCIL_NAME
    council.nation = Council.Nation.ENGLAND
    council.kind = Council.Kind.UNITARY
    council.population = profiles.COUNCIL_POPULATION
    council.homes = profiles.COUNCIL_HOMES
    council.brand_colour = profiles.COUNCIL_BRAND_COLOUR
    council.timescale_target_percent = profiles.COUNCIL_TIMESCALE_TARGET
    council.financial_year_start_month = 4
    if not council.logo:
        council.logo = demo_logo()
    council.reference_prefix = profiles.REFERENCE_PREFIX
    council.reference_pattern = profiles.REFERENCE_PATTERN
    council.save()
    for year in range(today.year - 3, today.year + 1):
        ClosureDay.objects.get_or_create(
            date=dt.date(year, 12, 24),
            defaults={"council": council, "description": "Christmas Eve closure"},
        )
    return council


def demo_procedure_ensure() -> Procedure:
    """The council's own 21-calendar-day procedure: configuration, as a council would add it."""
    procedure, _created = procedure_create_from_rule(rule=profiles.COUNCIL_PROCEDURE)
    return procedure


# The demo council's local target for adult social care: the 2009 Regulations set no
# response time (six months at most), so the council aims for 20 working days (seeds 003, 004).
DEMO_LOCAL_TARGETS = {("adults_2009", 1): (20, ProcedureStage.Unit.WORKING_DAYS)}


def demo_local_targets_ensure() -> int:
    """Set the demo council's local targets where a procedure stage has none yet."""
    changed = 0
    for (code, number), (days, unit) in DEMO_LOCAL_TARGETS.items():
        changed += ProcedureStage.objects.filter(
            procedure__code=code, number=number, local_target_days__isnull=True
        ).update(local_target_days=days, local_target_unit=unit)
    return changed


def demo_organisation_ensure() -> dict[tuple[str, str], Team]:
    """Create the demo directorates and teams that are missing."""
    directorates = {
        name: Directorate.objects.get_or_create(name=name)[0]
        for name in profiles.DIRECTORATES
    }
    return {
        (team.directorate, team.name): Team.objects.get_or_create(
            directorate=directorates[team.directorate], name=team.name
        )[0]
        for team in profiles.TEAMS
    }


# The demo front door's plain names for teams whose names residents would not use.
PUBLIC_NAMES = {
    "Waste and Recycling": "Bins, recycling and waste",
    "Highways": "Roads and pavements",
    "Children and Young People in Care": "Children in care",
    "SEND Team": "Special educational needs and disabilities (SEND)",
    "Adult Social Care East Locality": "Adult social care (east)",
    "Adult Social Care West Locality": "Adult social care (west)",
    "Commissioned Services": "Care homes and home care",
    "Financial Assessments": "Paying for care",
    "Revenues and Benefits": "Benefits",
}


def demo_public_services_ensure(teams: dict[tuple[str, str], Team]) -> int:
    """The demo council's list for the public front door: one plain name per team."""
    procedures = {procedure.code: procedure for procedure in Procedure.objects.all()}
    created = 0
    for position, profile in enumerate(profiles.TEAMS, start=1):
        team = teams[(profile.directorate, profile.name)]
        _service, was_created = PublicService.objects.get_or_create(
            name=PUBLIC_NAMES.get(profile.name, profile.name),
            defaults={
                "directorate": team.directorate,
                "team": team,
                "procedure": procedures.get(profile.procedure),
                "position": position,
            },
        )
        created += was_created
    customer_services = teams[("Resources", "Customer Services")]
    PublicService.objects.get_or_create(
        receives_unsure=True,
        defaults={
            "name": "Not sure (the complaints team will direct it)",
            "directorate": customer_services.directorate,
            "team": customer_services,
            "position": 999,
        },
    )
    return created


def demo_users_ensure(*, password: str) -> list[DemoLogin]:
    """One login per role, created or with its password reset to `password`."""
    logins = []
    for username, role, directorate_name, team_name in (*DEMO_USERS, *DESK_USERS):
        directorate = team = None
        if directorate_name:
            directorate = Directorate.objects.get_or_create(name=directorate_name)[0]
        if team_name:
            team = Team.objects.get_or_create(directorate=directorate, name=team_name)[
                0
            ]
        user = User.objects.filter(username=username).first() or User(username=username)
        user.role = role
        user.directorate = directorate
        user.team = team
        user.first_name, user.last_name = DEMO_NAMES.get(username, ("", ""))
        user.email = f"{username}@demo-borough.example"
        user.is_active = True
        user.is_staff = user.is_superuser = role == User.Role.ADMINISTRATOR
        user.job_title = f"{User.Role(role).label} (demo)"
        user.set_password(password)
        user.save()
        audit_record(
            actor=None,
            verb="demo.login_set",
            target=user,
            after={"role": role, "team": team_name or ""},
            message="Demo login created or its password reset.",
        )
        where = team_name or directorate_name or "Whole council"
        if team_name:
            where = f"{directorate_name}, {team_name}"
        logins.append(DemoLogin(username, User.Role(role).label, where))
    return logins


def demo_load(
    *,
    seed: int = DEFAULT_SEED,
    today: dt.date,
    records: int | None = None,
    actor: Any = None,
) -> DemoSummary:
    """Load the demo council through the importer, all or nothing.

    `records` is the number of contact rows (None: the demo council's natural volume).
    """
    with transaction.atomic():
        council = demo_council_configure(today=today)
        # The built-in procedures come with `migrate`; a database emptied since (a flush)
        # gets them back, so the demo's rows always find their procedure.
        procedure_ensure_builtins()
        demo_procedure_ensure()
        demo_local_targets_ensure()
        demo_public_services_ensure(demo_organisation_ensure())
        generator = DemoGenerator(
            records,
            seed,
            today,
            closure_days=council.closure_dates(),
            council_procedure=True,
        )
        result: ImportResult = import_rows(
            contacts=generator.contacts(),
            ombudsman=generator.ombudsman(),
            actor=actor,
            source="demo",
        )
        if not result.ok:
            raise DemoError(result.summary())
        demo_users_ensure(password=demo_password())
        rng = random.Random(f"{seed}:after-import")
        _extension_reasons(rng)
        learning = _learning_actions(rng, today)
        _escalation_refusals(rng, today)
        allocated = _allocate(today)
        _ho_findings(random.Random(f"{seed}:ho-findings"))
        demo_people_assign(random.Random(f"{seed}:people"))
        made = demo_today(seed=seed, today=today)
        summary = demo_summary(today=today)
        summary.import_summary = result.summary()
        summary.learning_actions = learning
        summary.allocated = allocated
        summary.today_cases = made["cases"]
        summary.public = made["public"]
        summary.seconds = result.seconds
        audit_record(
            actor=actor,
            verb="demo.loaded",
            target=council,
            after={"seed": seed, "today": today, "rows": result.rows_read},
            message=f"Demo council loaded with seed {seed}.",
        )
    return summary


def _extension_reasons(rng: random.Random) -> None:
    """The interchange format has no extension reason; give each demo extension one."""
    stages = list(
        Stage.objects.filter(extended_to__isnull=False, extension_reason="")
        .order_by("case__reference", "number")
        .only("pk")
    )
    for stage in stages:
        stage.extension_reason = rng.choice(profiles.EXTENSION_REASONS)
    Stage.objects.bulk_update(stages, ["extension_reason"], batch_size=1000)


# The Housing Ombudsman's findings, most serious first (its determinations give one per
# part of the complaint; the case's decision is the most serious of them).
_HO_SEVERITY = (
    "severe_maladministration",
    "maladministration",
    "service_failure",
    "reasonable_redress",
    "no_maladministration",
)
_HO_ELEMENTS = (
    "Repairs & Maintenance",
    "Damp & Mould",
    "Leaks & Water Ingress",
    "Anti-Social Behaviour (ASB)",
    "Record Keeping",
)


def _ho_findings(rng: random.Random) -> int:
    """The interchange format has no per-finding rows: give the demo's decided Housing
    Ombudsman investigations two or three findings, the first the case's decision (the
    most serious), the last on complaint handling; about half of those finding fault
    find no maladministration on another part (partial maladministration)."""
    cases = list(
        OmbudsmanCase.objects.filter(
            ombudsman="ho", is_investigation=True, decision__in=_HO_SEVERITY
        )
        .exclude(findings__isnull=False)
        .order_by("reference")
        .values_list("pk", "decision")
    )
    findings = []
    for pk, decision in cases:
        worst = _HO_SEVERITY.index(decision)
        parts = rng.sample(_HO_ELEMENTS, rng.choice((1, 2)))
        chosen = [decision]
        for _ in parts[1:]:
            chosen.append(rng.choice(_HO_SEVERITY[worst:]))
        if worst <= _HO_SEVERITY.index("service_failure") and rng.random() < 0.5:
            chosen.append("no_maladministration")
        else:
            chosen.append(rng.choice(_HO_SEVERITY[worst:]))
        for order, (element, finding) in enumerate(
            zip([*parts, "Complaint Handling"], chosen, strict=False), start=1
        ):
            findings.append(
                OmbudsmanFinding(
                    ombudsman_case_id=pk, element=element, finding=finding, order=order
                )
            )
    OmbudsmanFinding.objects.bulk_create(findings, batch_size=1000)
    return len(findings)


def _learning_actions(rng: random.Random, today: dt.date) -> int:
    """Track the learning recorded on upheld stages as actions with owners and due dates.

    The import has already made one open action from each stage's `learning` text; the
    demo gives each a believable owner, due date and progress (most completed on time).
    """
    stages = (
        Stage.objects.filter(
            outcome__in=(Outcome.UPHELD, Outcome.PARTLY_UPHELD),
            responded__isnull=False,
        )
        .exclude(learning="")
        .select_related("team", "case")
        .order_by("case__reference", "number")
    )
    imported = {
        action.stage_id: action
        for action in LearningAction.objects.filter(
            stage__in=stages, status=LearningStatus.OPEN, completed_on__isnull=True
        )
    }
    created, updated = [], []
    for stage in stages:
        due = stage.responded + dt.timedelta(days=rng.randint(21, 90))
        status, completed = LearningStatus.OPEN, None
        if due <= today:
            roll = rng.random()
            if roll < 0.78:
                status = LearningStatus.COMPLETE
                completed = min(due - dt.timedelta(days=rng.randint(0, 20)), today)
            elif roll < 0.85:
                status = LearningStatus.NOT_ACHIEVED
            else:
                status = LearningStatus.IN_PROGRESS
        elif rng.random() < 0.5:
            status = LearningStatus.IN_PROGRESS
        team = stage.team.name if stage.team else "the service"
        action = imported.get(stage.pk) or LearningAction(
            stage=stage, description=stage.learning
        )
        action.owner_name = f"Service manager, {team}"
        action.due, action.status, action.completed_on = due, status, completed
        action.category = demo_learning_category(action.description, rng)
        (updated if action.pk else created).append(action)
    LearningAction.objects.bulk_create(created, batch_size=1000)
    LearningAction.objects.bulk_update(
        updated,
        ["owner_name", "due", "status", "completed_on", "category"],
        batch_size=1000,
    )
    return len(created) + len(updated)


# Words in a demo action's description that say what kind of improvement it is.
CATEGORY_WORDS = [
    (("train", "brief", "remind", "guidance"), LearningCategory.TRAINING),
    (("policy", "procedure"), LearningCategory.POLICY),
    (
        ("letter", "update", "inform", "explain", "website"),
        LearningCategory.COMMUNICATION,
    ),
    (("process", "review", "check", "system"), LearningCategory.PROCESS),
    (("standard", "target", "timescale"), LearningCategory.SERVICE_STANDARD),
]


def demo_learning_category(description: str, rng: random.Random) -> str:
    """A believable kind for a demo action: from its words, else mostly 'other' or blank."""
    text = description.lower()
    for words, category in CATEGORY_WORDS:
        if any(word in text for word in words):
            return category
    return rng.choice([LearningCategory.OTHER, LearningCategory.OTHER, ""])


# Why the demo council refused a few requests for a stage 2 review (seed 002).
ESCALATION_REFUSALS = [
    (
        "Out of time",
        "The request for a review came more than the allowed time after our answer.",
    ),
    (
        "Statutory appeal route",
        "The complainant can appeal to the Traffic Penalty Tribunal.",
    ),
    (
        "Previously considered",
        "The request raised no new points: the stage 1 answer stands.",
    ),
]


def _escalation_refusals(rng: random.Random, today: dt.date) -> int:
    """Refuse about one in forty answered, unescalated stage 1 complaints' review requests.

    The interchange format has no refused escalations; without some the report's section
    on refused requests would be empty.
    """
    reasons = {
        r.name: r
        for r in RefusalReason.objects.filter(
            name__in=[name for name, _ in ESCALATION_REFUSALS]
        )
    }
    escalated = Stage.objects.filter(number=2).values("case_id")
    stages = list(
        Stage.objects.filter(
            kind=Kind.COMPLAINT,
            number=1,
            responded__isnull=False,
            escalation_refused_on__isnull=True,
            outcome__in=(Outcome.NOT_UPHELD, Outcome.PARTLY_UPHELD),
        )
        .exclude(case_id__in=escalated)
        .order_by("case__reference")
        .only("pk", "responded")
    )
    refused = []
    for stage in stages:
        if rng.random() >= 0.025:
            continue
        name, details = rng.choice(ESCALATION_REFUSALS)
        if name not in reasons:
            continue
        refused_on = stage.responded + dt.timedelta(days=rng.randint(14, 40))
        if refused_on > today:
            continue
        stage.escalation_refused_on = refused_on
        stage.escalation_refusal_reason = reasons[name]
        stage.escalation_refusal_details = details
        refused.append(stage)
    Stage.objects.bulk_update(
        refused,
        [
            "escalation_refused_on",
            "escalation_refusal_reason",
            "escalation_refusal_details",
        ],
        batch_size=1000,
    )
    return len(refused)


def _allocate(today: dt.date) -> int:
    """Give the demo officers this year's stage 1 complaints of their teams.

    Later stages go to the team's manager: a stage 2 needs a different handler (HO Code 6.13).
    """
    year = today.year if today.month >= 4 else today.year - 1
    # This year's complaints, and every contact still waiting for an answer, so each demo
    # officer signs in to a real workload.
    this_year = Stage.objects.filter(handler__isnull=True).filter(
        Q(kind=Kind.COMPLAINT, received__gte=dt.date(year, 4, 1))
        | Q(responded__isnull=True, case__is_closed=False)
    )
    allocated = 0
    staff = User.objects.filter(
        username__in=("send.officer", "adults.officer", "childrens.manager"),
        team__isnull=False,
    )
    for user in staff:
        stages = this_year.filter(team_id=user.team_id)
        if user.role == User.Role.MANAGER:
            stages = stages.filter(number__gte=2)
        else:
            stages = stages.filter(number=1)
        allocated += stages.update(handler=user)
    return allocated


def demo_summary(*, today: dt.date) -> DemoSummary:
    """Records per financial year and kind (complaints per stage), as counted by receipt."""
    current = today.year if today.month >= 4 else today.year - 1
    periods = [Period(year) for year in range(current - 3, current + 1)]
    summary = DemoSummary(
        council=Council.load().name, years=[period.label for period in periods]
    )
    for period in periods:
        counts: Counter[str] = Counter()
        rows = (
            Stage.objects.filter(received__range=(period.start, period.end))
            .values("kind", "number")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            key = row["kind"]
            if key == Kind.COMPLAINT:
                key = f"complaint stage {row['number']}"
            counts[key] += row["n"]
        summary.volumes[period.label] = counts
        summary.ombudsman[period.label] = Counter(
            dict(
                OmbudsmanCase.objects.filter(received__range=(period.start, period.end))
                .values_list("ombudsman")
                .annotate(n=Count("pk"))
            )
        )
    return summary


def demo_has_cases() -> bool:
    return Case.objects.exists()
