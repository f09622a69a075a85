"""The demo council: its directorates, teams and the habits of each (volumes, speed, outcomes).

Plain data, read by `putright.demo.generator`. The figures are per full financial year at demo
scale and follow the ranges in the seed publications (about 600 stage 1 complaints, escalation
to stage 2 of 10-15%, thousands of service requests, hundreds of compliments, 30-40 LGSCO and
10-40 Housing Ombudsman enquiries). Nothing here names a real person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from putright.complaints.deadlines import (
    CALENDAR_DAYS,
    FROM_RECEIVED,
    ProcedureRule,
    StageRule,
)

COUNCIL_NAME = "Demo Borough Council"
# The demo council's one reference series (Council.reference_prefix and _pattern).
REFERENCE_PREFIX = "CF"
REFERENCE_PATTERN = "{prefix}-{year}-{number:06}"
COUNCIL_POPULATION = 260_000
COUNCIL_HOMES = 14_200
COUNCIL_BRAND_COLOUR = "#005a70"
COUNCIL_TIMESCALE_TARGET = 90

# The council's own corporate procedure, used for corporate complaints until the LGSCO began
# applying its Complaint Handling Code on 1 April 2026 (docs/regulatory-rules.md §1.1). Configuration, not
# product code: the `demo` command creates it as Procedure and ProcedureStage rows.
COUNCIL_PROCEDURE = ProcedureRule(
    code="corporate_21",
    name="Demo Borough corporate complaints policy (21 calendar days)",
    family="corporate",
    day_basis="calendar",
    ombudsman="lgsco",
    stages=(
        StageRule(1, 21, CALENDAR_DAYS, FROM_RECEIVED, 3, extension_cap=None),
        StageRule(2, 21, CALENDAR_DAYS, FROM_RECEIVED, 3, extension_cap=None),
    ),
)
LGSCO_CODE_FROM = dt.date(2026, 4, 1)

# Seasonal profiles: relative volume by calendar month (a dip in August and December).
_BASE_MONTHS = {
    1: 1.18, 2: 1.08, 3: 1.1, 4: 1.05, 5: 1.0, 6: 1.0,
    7: 0.9, 8: 0.66, 9: 1.02, 10: 1.14, 11: 1.14, 12: 0.74,
}  # fmt: skip
_BOOST = {
    "flat": {},
    "winter": {10: 1.2, 11: 1.25, 12: 1.3, 1: 1.35, 2: 1.2},
    "council_tax": {4: 1.6, 3: 1.3, 5: 1.15},
    "summer": {5: 1.2, 6: 1.35, 7: 1.4, 8: 1.6},
}
SEASONS = {
    name: {m: w * boost.get(m, 1.0) for m, w in _BASE_MONTHS.items()}
    for name, boost in _BOOST.items()
}

# Year-on-year change per directorate, oldest year first (then repeated), so the
# "In comparison to ..." sentences show increases and decreases.
TRENDS = {
    "Adults": (1.0, 1.09, 0.93, 1.02),
    "Children's": (1.0, 0.91, 1.06, 1.12),
    "City Services": (1.0, 1.07, 0.96, 0.89),
    "Housing": (1.0, 1.12, 1.27, 1.4),
    "Public Health": (1.0, 0.75, 1.3, 1.05),
    "Resources": (1.0, 0.94, 1.05, 0.95),
}

COMPLAINANT_TYPES = {
    "Children's": (
        ("parent", 70), ("advocate", 11), ("young_person", 6), ("professional", 5),
        ("relative", 5), ("carer", 3),
    ),
    "Adults": (
        ("relative", 48), ("resident", 24), ("advocate", 11), ("carer", 12),
        ("professional", 5),
    ),
    "Public Health": (("resident", 85), ("relative", 10), ("advocate", 5)),
    "Housing": (("tenant", 84), ("leaseholder", 6), ("advocate", 5), ("relative", 5)),
    "City Services": (
        ("resident", 84), ("business", 8), ("relative", 4), ("advocate", 2),
        ("professional", 2),
    ),
    "Resources": (("resident", 86), ("business", 6), ("relative", 5), ("advocate", 3)),
}  # fmt: skip

ISSUE_NATURES = {
    "Children's": (
        ("Communication and Information", 30), ("Service Delay", 30),
        ("Quality of Service", 18), ("Policy Decision", 12), ("Staff Conduct", 8),
        ("Discrimination", 1), ("Financial", 1),
    ),
    "Adults": (
        ("Quality of Service", 30), ("Communication and Information", 24),
        ("Service Delay", 20), ("Financial", 14), ("Staff Conduct", 8),
        ("Policy Decision", 4),
    ),
    "Public Health": (("Quality of Service", 60), ("Communication and Information", 40)),
    "Housing": (
        ("Service Delay", 36), ("Quality of Service", 28), ("Service Failure", 16),
        ("Communication and Information", 12), ("Staff Conduct", 6), ("Policy Decision", 2),
    ),
    "City Services": (
        ("Service Failure", 34), ("Service Delay", 22), ("Policy Decision", 16),
        ("Staff Conduct", 12), ("Communication and Information", 14), ("Financial", 2),
    ),
    "Resources": (
        ("Financial", 34), ("Communication and Information", 26), ("Service Delay", 20),
        ("Policy Decision", 12), ("Staff Conduct", 8),
    ),
}  # fmt: skip

ROOT_CAUSES = (
    ("Process not followed", 20), ("Poor communication", 22), ("Staff shortage", 12),
    ("Contractor performance", 10), ("Human error", 14), ("IT system issue", 6),
    ("Delay in decision making", 12), ("Policy applied correctly", 4),
)  # fmt: skip

REFUSAL_REASONS = (
    ("Out of time", 35), ("Legal proceedings started", 15),
    ("Statutory appeal route", 25), ("Previously considered", 15),
    ("First-time service request", 10),
)  # fmt: skip

CONSTITUENCIES = (
    ("Northfield and Ashby", 38), ("Riverside Central", 22), ("Southgate", 34),
    ("Out of area", 6),
)  # fmt: skip

CHANNELS = {
    "complaint": (
        ("email", 55), ("web_form", 25), ("letter", 6), ("telephone", 10),
        ("in_person", 2), ("social_media", 2),
    ),
    "contact": (
        ("telephone", 38), ("web_form", 38), ("email", 17), ("in_person", 4),
        ("social_media", 3),
    ),
    "compliment": (
        ("email", 58), ("web_form", 16), ("letter", 10), ("telephone", 10),
        ("social_media", 6),
    ),
    "mp_enquiry": (("email", 92), ("letter", 8)),
    "member_enquiry": (("email", 95), ("telephone", 5)),
}  # fmt: skip

LEARNING = (
    "Staff reminded to tell complainants in writing when a response will be late.",
    "Weekly check of overdue cases introduced by the service manager.",
    "Template letters reviewed so that decisions are explained in plain English.",
    "Contractor reminded of appointment standards; performance reviewed monthly.",
    "Team briefing held on the complaints procedure and its timescales.",
    "Guidance updated on when a case must be passed to a manager.",
    "Checklist introduced before a job is marked as complete.",
    "Call-back target introduced for enquiries that cannot be answered at first contact.",
    "Case recording standards refreshed and audited each quarter.",
    "Process map shared with partner agencies to avoid hand-over delays.",
)

COMPLIMENTS = (
    "Thanks for a quick and helpful response",
    "Praise for the care and patience shown by staff",
    "Thanks for resolving a long-standing problem",
    "Appreciation for clear advice and regular updates",
    "Thanks to the team for going the extra mile",
)

COMMENTS = (
    "Suggestion to improve the information on the council website",
    "Comment on opening hours",
    "Suggestion for a new online form",
    "Comment on the layout of a council letter",
)

EXTENSION_REASONS = (
    "Complex case needing information from several services.",
    "Waiting for a report from a partner agency.",
    "Complainant asked for more time to provide information.",
    "Investigating officer absent; complainant agreed a new date.",
)


@dataclass(frozen=True)
class TeamProfile:
    """One team: what it receives in a full year and how it handles complaints."""

    directorate: str
    name: str
    procedure: str  # the procedure its complaints follow
    complaints: float  # stage 1 complaints a year
    requests: float = 0  # service requests
    informal: float = 0  # informal complaints
    compliments: float = 0
    comments: float = 0
    mp: float = 0  # MP enquiries
    members: float = 0  # member enquiries
    lgsco: float = 0  # LGSCO enquiries a year
    ho: float = 0  # Housing Ombudsman enquiries a year
    late: float = 0.08  # share of stage responses sent after the deadline
    upheld: float = 1.0  # weight on "upheld" against the procedure's usual mix
    season: str = "flat"
    category: str = "Corporate and Other Services"  # Ombudsman category
    topics: tuple[str, ...] = ("General enquiry",)
    commissioned: float = 0.0  # share about a commissioned provider
    remedy_scale: float = 1.0  # financial remedies, relative size


_CHILDREN = "Education and Children's Services"
_ADULTS = "Adult Care Services"
_ENV = "Environmental Services, Public Protection and Regulation"
_HIGHWAYS = "Highways and Transport"

TEAMS: tuple[TeamProfile, ...] = (
    # Children's: statutory procedure for social care, the corporate one for education.
    TeamProfile(
        "Children's",
        "Children's Social Care",
        "children_1989",
        15,
        40,
        45,
        20,
        3,
        mp=8,
        members=1,
        lgsco=1.5,
        late=0.18,
        category=_CHILDREN,
        topics=(
            "Communication from the allocated social worker",
            "Content of a child and family assessment",
            "Contact arrangements for a child in care",
            "Delay in arranging a child in need meeting",
        ),
    ),
    TeamProfile(
        "Children's",
        "Children and Young People in Care",
        "children_1989",
        7,
        15,
        18,
        28,
        1,
        mp=3,
        lgsco=0.6,
        late=0.15,
        upheld=1.4,
        category=_CHILDREN,
        topics=(
            "Placement move at short notice",
            "Support for a care leaver's accommodation",
            "Delay in processing a foster carer's request",
        ),
    ),
    TeamProfile(
        "Children's",
        "Fostering and Adoption",
        "children_1989",
        3,
        10,
        6,
        20,
        1,
        mp=1,
        lgsco=0.3,
        category=_CHILDREN,
        topics=(
            "Adoption support application delay",
            "Fostering allowance paid late",
        ),
    ),
    TeamProfile(
        "Children's",
        "SEND Team",
        "lgsco_code",
        24,
        90,
        30,
        12,
        2,
        mp=14,
        members=2,
        lgsco=6,
        late=0.42,
        upheld=1.3,
        category=_CHILDREN,
        remedy_scale=2.5,
        topics=(
            "Delay in issuing EHC plan",
            "Amended EHC plan not issued after annual review",
            "School placement named in EHC plan",
            "Communication about an EHC needs assessment",
        ),
    ),
    TeamProfile(
        "Children's",
        "School Admissions",
        "lgsco_code",
        6,
        120,
        10,
        6,
        2,
        mp=8,
        lgsco=1.2,
        late=0.06,
        season="summer",
        category=_CHILDREN,
        topics=(
            "In-year school place application delay",
            "Appeal papers sent late",
        ),
    ),
    TeamProfile(
        "Children's",
        "Home to School Transport",
        "lgsco_code",
        7,
        110,
        14,
        4,
        1,
        mp=5,
        lgsco=1.2,
        late=0.1,
        season="summer",
        category=_CHILDREN,
        topics=(
            "Transport not arranged for the start of term",
            "Eligibility decision for school transport",
        ),
    ),
    # Adults: the 2009 regulations for social care (one stage, then the LGSCO).
    TeamProfile(
        "Adults",
        "Adult Social Care East Locality",
        "adults_2009",
        10,
        50,
        20,
        90,
        2,
        mp=6,
        members=1,
        lgsco=1.2,
        late=0.04,
        category=_ADULTS,
        topics=(
            "Delay in a care needs assessment",
            "Care and support plan not reviewed",
            "Communication from the allocated social worker",
        ),
    ),
    TeamProfile(
        "Adults",
        "Adult Social Care West Locality",
        "adults_2009",
        9,
        45,
        18,
        80,
        2,
        mp=5,
        lgsco=1.0,
        late=0.05,
        category=_ADULTS,
        topics=(
            "Delay in a care needs assessment",
            "Hospital discharge arrangements",
        ),
    ),
    TeamProfile(
        "Adults",
        "Mental Health Team",
        "adults_2009",
        6,
        20,
        12,
        40,
        1,
        mp=3,
        lgsco=0.8,
        late=0.06,
        category=_ADULTS,
        topics=(
            "Interruptions to a supported living schedule",
            "Support after discharge from hospital",
        ),
    ),
    TeamProfile(
        "Adults",
        "Commissioned Services",
        "adults_2009",
        10,
        30,
        14,
        150,
        1,
        mp=4,
        lgsco=1.2,
        late=0.05,
        upheld=1.6,
        category=_ADULTS,
        commissioned=0.92,
        topics=(
            "Quality of care from a home care provider",
            "Missed home care visits",
            "Care home handling of personal belongings",
        ),
    ),
    TeamProfile(
        "Adults",
        "Financial Assessments",
        "adults_2009",
        5,
        60,
        8,
        10,
        1,
        mp=3,
        lgsco=0.6,
        late=0.03,
        category=_ADULTS,
        topics=(
            "Charge for care calculated incorrectly",
            "Delay in a financial assessment outcome",
        ),
    ),
    TeamProfile(
        "Adults",
        "Blue Badges",
        "lgsco_code",
        2,
        150,
        6,
        8,
        1,
        mp=1,
        late=0.05,
        category=_HIGHWAYS,
        topics=("Blue badge application delay", "Blue badge renewal refused"),
    ),
    # Public Health: few complaints, mostly about commissioned services.
    TeamProfile(
        "Public Health",
        "Sexual Health Services",
        "public_health_2012",
        1.2,
        5,
        2,
        6,
        commissioned=0.8,
        category=_ADULTS,
        topics=("Appointment availability at a commissioned clinic",),
    ),
    TeamProfile(
        "Public Health",
        "Drug and Alcohol Services",
        "public_health_2012",
        1.0,
        4,
        1.5,
        5,
        commissioned=0.9,
        category=_ADULTS,
        topics=("Access to a commissioned recovery service",),
    ),
    TeamProfile(
        "Public Health",
        "Health Visiting",
        "public_health_2012",
        0.8,
        6,
        1,
        14,
        category=_ADULTS,
        topics=("Missed health visitor appointment",),
    ),
    # Housing: the council is a landlord (Housing Ombudsman) and a housing authority (LGSCO).
    TeamProfile(
        "Housing",
        "Housing Repairs",
        "ho_code",
        95,
        420,
        90,
        30,
        4,
        mp=70,
        members=12,
        ho=14,
        late=0.3,
        upheld=1.2,
        season="winter",
        category="Property Condition",
        remedy_scale=1.5,
        topics=(
            "Damp and mould not resolved",
            "Repeat visits for a leaking roof",
            "Heating repair delay",
            "Missed repair appointment",
        ),
    ),
    TeamProfile(
        "Housing",
        "Tenancy Management",
        "ho_code",
        30,
        160,
        30,
        10,
        3,
        mp=22,
        members=4,
        ho=4,
        late=0.12,
        category="Tenancy Management",
        topics=(
            "Handling of a tenancy breach",
            "Maintenance of a communal garden",
        ),
    ),
    TeamProfile(
        "Housing",
        "Anti-social Behaviour",
        "ho_code",
        20,
        90,
        25,
        4,
        1,
        mp=20,
        members=5,
        ho=5,
        late=0.16,
        season="summer",
        category="Anti-social Behaviour",
        topics=(
            "Response to reports of noise from a neighbour",
            "Case closed without an update",
        ),
    ),
    TeamProfile(
        "Housing",
        "Homelessness",
        "lgsco_code",
        25,
        80,
        20,
        6,
        1,
        mp=40,
        members=4,
        lgsco=3.5,
        late=0.2,
        upheld=1.2,
        category="Housing",
        topics=(
            "Suitability of temporary accommodation",
            "Delay in a homelessness decision",
        ),
    ),
    TeamProfile(
        "Housing",
        "Housing Allocations",
        "lgsco_code",
        18,
        90,
        15,
        3,
        1,
        mp=30,
        members=3,
        lgsco=2,
        late=0.1,
        category="Housing",
        topics=(
            "Priority banding on the housing register",
            "Bid for a property not considered",
        ),
    ),
    # City Services: the largest share of corporate complaints and service requests.
    TeamProfile(
        "City Services",
        "Waste and Recycling",
        "lgsco_code",
        60,
        520,
        120,
        40,
        8,
        mp=8,
        members=8,
        lgsco=1,
        late=0.06,
        upheld=1.2,
        season="winter",
        category=_ENV,
        topics=(
            "Missed bin collection",
            "Bin not returned to the property",
            "Assisted collection not provided",
            "Garden waste subscription",
        ),
    ),
    TeamProfile(
        "City Services",
        "Highways",
        "lgsco_code",
        35,
        300,
        45,
        12,
        6,
        mp=6,
        members=6,
        lgsco=2,
        late=0.12,
        season="winter",
        category=_HIGHWAYS,
        topics=(
            "Pothole reported but not repaired",
            "Road works signage",
            "Blocked drainage gully",
        ),
    ),
    TeamProfile(
        "City Services",
        "Parking",
        "lgsco_code",
        25,
        200,
        30,
        4,
        4,
        mp=3,
        members=2,
        lgsco=1.5,
        late=0.07,
        category=_HIGHWAYS,
        topics=(
            "Penalty charge notice issued in error",
            "Resident permit application delay",
        ),
    ),
    TeamProfile(
        "City Services",
        "Planning",
        "lgsco_code",
        25,
        60,
        15,
        70,
        10,
        mp=5,
        members=4,
        lgsco=3,
        late=0.26,
        category="Planning and Development",
        topics=(
            "Handling of a planning application",
            "Enforcement complaint not investigated",
            "Neighbour not told about an application",
        ),
    ),
    TeamProfile(
        "City Services",
        "Environmental Health",
        "lgsco_code",
        14,
        90,
        15,
        10,
        2,
        mp=3,
        members=2,
        lgsco=1,
        late=0.1,
        season="summer",
        category=_ENV,
        topics=(
            "Noise nuisance investigation",
            "Conduct of an officer during a visit",
        ),
    ),
    TeamProfile(
        "City Services",
        "Licensing",
        "lgsco_code",
        9,
        40,
        6,
        5,
        1,
        mp=1,
        lgsco=0.8,
        late=0.14,
        category=_ENV,
        topics=(
            "Delay with a private hire driver licence",
            "Premises licence conditions not enforced",
        ),
    ),
    TeamProfile(
        "City Services",
        "Libraries",
        "lgsco_code",
        5,
        30,
        6,
        40,
        8,
        late=0.04,
        topics=("Library opening hours changed", "Reserved book not available"),
    ),
    TeamProfile(
        "City Services",
        "Parks and Open Spaces",
        "lgsco_code",
        10,
        80,
        10,
        20,
        6,
        mp=2,
        late=0.08,
        season="summer",
        category=_ENV,
        topics=(
            "Overgrown trees on council land",
            "Playground equipment out of use",
        ),
    ),
    TeamProfile(
        "City Services",
        "Street Lighting",
        "lgsco_code",
        5,
        70,
        6,
        2,
        1,
        late=0.1,
        season="winter",
        category=_HIGHWAYS,
        topics=("Street light out for several weeks",),
    ),
    # Resources: money matters and the front door.
    TeamProfile(
        "Resources",
        "Council Tax",
        "lgsco_code",
        40,
        260,
        40,
        6,
        3,
        mp=8,
        members=2,
        lgsco=2,
        late=0.09,
        upheld=1.3,
        season="council_tax",
        category="Benefits and Tax",
        topics=(
            "Council tax bill calculated incorrectly",
            "Recovery action while a query was open",
            "Single person discount removed",
        ),
    ),
    TeamProfile(
        "Resources",
        "Revenues and Benefits",
        "lgsco_code",
        25,
        140,
        25,
        8,
        2,
        mp=10,
        members=1,
        lgsco=2,
        late=0.16,
        upheld=1.6,
        season="council_tax",
        category="Benefits and Tax",
        topics=(
            "Delay in assessing a housing benefit claim",
            "Recovery of a benefit overpayment",
            "Council tax support decision",
        ),
    ),
    TeamProfile(
        "Resources",
        "Customer Services",
        "lgsco_code",
        12,
        60,
        20,
        35,
        5,
        mp=2,
        late=0.05,
        topics=("Telephone waiting times", "Call not returned"),
    ),
    TeamProfile(
        "Resources",
        "Registrars",
        "lgsco_code",
        3,
        30,
        4,
        30,
        2,
        late=0.03,
        topics=(
            "Certificate issued with an error",
            "Appointment availability for registering a birth",
        ),
    ),
)

DIRECTORATES: tuple[str, ...] = tuple(dict.fromkeys(team.directorate for team in TEAMS))
