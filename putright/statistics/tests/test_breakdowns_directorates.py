"""Local targets and team facts per directorate (issue 11 item 2), counted by hand."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.complaints.constants import Kind
from putright.complaints.models import ProcedureStage
from putright.complaints.tests.factories import CaseFactory, StageFactory, procedure
from putright.core.periods import Period
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory
from putright.statistics import breakdowns

YEAR = Period(2022)
D = dt.date
pytestmark = pytest.mark.django_db


def _stage(kind=Kind.COMPLAINT, **fields):
    return StageFactory(case=CaseFactory(kind=kind), kind=kind, **fields)


def _target(code: str, days: int, unit: str) -> None:
    ProcedureStage.objects.filter(procedure__code=code, number=1).update(
        local_target_days=days, local_target_unit=unit
    )


def test_local_target_in_working_days_counts_the_answered_within_it():
    _target("adults_2009", 20, ProcedureStage.Unit.WORKING_DAYS)
    adults = DirectorateFactory(name="Adults")
    other = DirectorateFactory(name="Other")
    adults_2009 = procedure("adults_2009")
    # 19 and 20 working days are within 20; 21 is not; an open one is not counted.
    for days in (19, 20, 21):
        _stage(
            directorate=adults,
            procedure=adults_2009,
            received=D(2022, 5, 3),
            responded=D(2022, 7, 1),
            response_working_days=days,
        )
    _stage(directorate=adults, procedure=adults_2009, received=D(2022, 5, 3))
    # Another procedure (no local target) and another year are left out.
    _stage(
        directorate=adults,
        procedure=procedure("lgsco_code"),
        received=D(2022, 5, 3),
        responded=D(2022, 5, 10),
        response_working_days=5,
    )
    _stage(
        directorate=adults,
        procedure=adults_2009,
        received=D(2021, 5, 3),
        responded=D(2021, 5, 10),
        response_working_days=5,
    )

    found = breakdowns.local_targets_by_directorate(
        period=YEAR, directorates=[adults, other]
    )

    assert found[other.pk] == {}
    assert found[adults.pk] == {
        (1, "adults_2009"): {
            "days": 20,
            "unit": "working_days",
            "responded": 3,
            "within": 2,
            "percent": 66.7,
        }
    }


def test_local_target_in_calendar_days_and_months():
    _target("adults_2009", 1, ProcedureStage.Unit.CALENDAR_MONTHS)
    _target("public_health_2012", 28, ProcedureStage.Unit.CALENDAR_DAYS)
    adults = DirectorateFactory(name="Adults")
    for received, responded in (
        # One month from 31 May is 30 June (June is shorter): 30 June in, 1 July out.
        (D(2022, 5, 31), D(2022, 6, 30)),
        (D(2022, 5, 31), D(2022, 7, 1)),
        # From 15 August: 15 September in, 16 September out.
        (D(2022, 8, 15), D(2022, 9, 15)),
        (D(2022, 8, 15), D(2022, 9, 16)),
    ):
        _stage(
            directorate=adults,
            procedure=procedure("adults_2009"),
            received=received,
            responded=responded,
            response_calendar_days=(responded - received).days,
        )
    for days in (28, 29):
        _stage(
            directorate=adults,
            procedure=procedure("public_health_2012"),
            received=D(2022, 6, 1),
            responded=D(2022, 6, 1) + dt.timedelta(days=days),
            response_calendar_days=days,
        )

    found = breakdowns.local_targets_by_directorate(period=YEAR, directorates=[adults])[
        adults.pk
    ]

    months = found[(1, "adults_2009")]
    assert (months["unit"], months["responded"], months["within"]) == (
        "calendar_months",
        4,
        2,
    )
    days = found[(1, "public_health_2012")]
    assert (days["days"], days["responded"], days["within"], days["percent"]) == (
        28,
        2,
        1,
        50.0,
    )


def test_no_local_target_costs_one_query_and_finds_nothing():
    adults = DirectorateFactory(name="Adults")
    with CaptureQueriesContext(connection) as queries:
        found = breakdowns.local_targets_by_directorate(
            period=YEAR, directorates=[adults]
        )
    assert found == {adults.pk: {}}
    assert len(queries) == 1


def test_service_areas_and_the_teams_with_the_most_compliments():
    adults = DirectorateFactory(name="Adults")
    quiet = DirectorateFactory(name="Quiet")
    east = TeamFactory(directorate=adults, name="East")
    west = TeamFactory(directorate=adults, name="West")
    north = TeamFactory(directorate=adults, name="North")
    # Stage 1: East 2, West 1, and one with no team: 2 service areas. A stage 2 in
    # North and a stage 1 in North last year do not make it a third.
    for team in (east, east, west, None):
        _stage(directorate=adults, team=team, received=D(2022, 6, 1))
    _stage(directorate=adults, team=north, number=2, received=D(2022, 6, 1))
    _stage(directorate=adults, team=north, received=D(2021, 6, 1))
    # Compliments: West 2 and North 2 (a tie, listed by name), East 1.
    for team in (west, west, north, north, east):
        _stage(
            kind=Kind.COMPLIMENT, directorate=adults, team=team, received=D(2022, 7, 1)
        )

    found = breakdowns.team_facts_by_directorate(
        period=YEAR, directorates=[adults, quiet]
    )

    assert found[adults.pk] == {
        "service_areas": 2,
        "most_compliments": [
            {"team": "North", "received": 2},
            {"team": "West", "received": 2},
        ],
    }
    assert found[quiet.pk] == {"service_areas": 0, "most_compliments": []}
