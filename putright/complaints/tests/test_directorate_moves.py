"""Only the complaints team moves a case between directorates (allocating or escalating)."""

import datetime as dt

import pytest
import time_machine

from putright.complaints import services
from putright.complaints.constants import Outcome
from putright.complaints.models import Case, Stage
from putright.complaints.tests.factories import logged_complaint
from putright.organisation.tests.factories import TeamFactory

TODAY = dt.datetime(2026, 3, 3, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def _version(case):
    return Case.objects.get(pk=case.pk).version


@pytest.fixture
def case(alice, bob, childrens, send_team):
    return logged_complaint(
        by=alice,
        directorate=childrens,
        team=send_team,
        handler=bob,
        received=dt.date(2026, 3, 2),
    )


@pytest.fixture
def responded(case, bob):
    stage = case.stages.get()
    Stage.objects.filter(pk=stage.pk).update(
        status="responded", responded=dt.date(2026, 3, 3), outcome=Outcome.UPHELD
    )
    return Case.objects.get(pk=case.pk)


def test_a_manager_cannot_allocate_into_another_directorate(
    case, carol, adults_team, send_team, childrens
):
    stage = case.stages.get()
    with pytest.raises(services.CaseworkError) as error:
        services.stage_allocate(
            stage=stage,
            by=carol,
            version=_version(case),
            team=adults_team,
            handler=None,
        )
    assert error.value.field == "team"
    assert "Only the complaints team" in error.value.message
    stage.refresh_from_db()
    assert stage.team == send_team
    assert stage.directorate == childrens


def test_a_manager_cannot_give_the_case_to_another_directorates_officer(
    case, carol, dan
):
    stage = case.stages.get()
    with pytest.raises(services.CaseworkError) as error:
        services.stage_allocate(
            stage=stage, by=carol, version=_version(case), team=None, handler=dan
        )
    assert error.value.field == "handler"
    stage.refresh_from_db()
    assert stage.handler.username == "bob"


def test_a_manager_allocates_within_their_directorate(case, carol, childrens):
    fostering = TeamFactory(directorate=childrens, name="Fostering")
    stage = services.stage_allocate(
        stage=case.stages.get(),
        by=carol,
        version=_version(case),
        team=fostering,
        handler=carol,
    )
    assert stage.team == fostering


def test_the_complaints_team_moves_a_case_to_another_directorate(
    case, alice, adults_team, dan
):
    stage = services.stage_allocate(
        stage=case.stages.get(),
        by=alice,
        version=_version(case),
        team=adults_team,
        handler=dan,
    )
    assert stage.directorate == adults_team.directorate


def test_a_manager_cannot_escalate_into_another_directorate(
    responded, carol, adults_team
):
    with pytest.raises(services.CaseworkError) as error:
        services.stage_escalate(
            case=responded,
            by=carol,
            version=_version(responded),
            received=dt.date(2026, 3, 3),
            team=adults_team,
            handler=carol,
        )
    assert error.value.field == "team"
    assert responded.stages.count() == 1


def test_the_complaints_team_escalates_into_another_directorate(
    responded, alice, adults_team, dan
):
    stage = services.stage_escalate(
        case=responded,
        by=alice,
        version=_version(responded),
        received=dt.date(2026, 3, 3),
        team=adults_team,
        handler=dan,
    )
    assert stage.directorate == adults_team.directorate
