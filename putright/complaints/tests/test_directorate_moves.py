"""Only the complaints team moves a case between directorates (allocating or escalating)."""

import datetime as dt
import html
import re

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


# -- the forms offer only what the user may choose, before anything is submitted ------


def _options(body, name):
    """The option labels of one select, and its optgroup labels."""
    select = re.search(rf'<select name="{name}".*?</select>', body, re.S).group(0)
    return (
        [
            html.unescape(label)
            for label in re.findall(
                r"<option value=\"\d+\"[^>]*>([^<]*)</option>", select
            )
        ],
        [html.unescape(g) for g in re.findall(r'<optgroup label="([^"]*)"', select)],
    )


def test_a_managers_allocate_form_offers_only_their_directorate(
    client, carol, bob, dan, case, adults_team, send_team
):
    client.force_login(carol)
    body = client.get(f"/cases/{case.reference}/actions/allocate/").content.decode()
    teams, team_groups = _options(body, "team")
    officers, _ = _options(body, "handler")
    assert teams == [str(send_team)]
    assert team_groups == []
    assert not any(str(dan) in officer for officer in officers)
    assert any(str(bob) in officer for officer in officers)
    assert "Only the complaints team can move a case" in body
    assert 'name="directorate"' not in body


def test_a_managers_escalate_form_offers_only_their_directorate(
    client, carol, responded, adults_team, send_team
):
    client.force_login(carol)
    body = client.get(
        f"/cases/{responded.reference}/actions/escalate/"
    ).content.decode()
    teams, _ = _options(body, "team")
    assert teams == [str(send_team)]


def test_a_manager_posting_another_directorates_team_gets_a_clear_error(
    client, carol, case, adults_team
):
    client.force_login(carol)
    response = client.post(
        f"/cases/{case.reference}/actions/allocate/",
        {"version": _version(case), "team": adults_team.pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert case.stages.get().team.name == "SEND Team"


def test_the_complaints_team_chooses_the_directorate_first(
    client, alice, bob, dan, case, adults, adults_team, send_team
):
    client.force_login(alice)
    url = f"/cases/{case.reference}/actions/allocate/"
    # By default, the stage's own directorate.
    teams, _ = _options(client.get(url).content.decode(), "team")
    assert teams == [str(send_team)]
    # Choosing another directorate (a plain GET form: no JavaScript) offers its lists.
    body = client.get(url, {"directorate": adults.pk}).content.decode()
    teams, _ = _options(body, "team")
    officers, officer_groups = _options(body, "handler")
    assert teams == [str(adults_team)]
    assert any(str(dan) in officer for officer in officers)
    assert not any(str(bob) in officer for officer in officers)
    # The complaints team's own officers are listed under their own heading.
    assert officer_groups == [
        "Adults",
        "Complaints team and staff without a directorate",
    ]
    response = client.post(
        f"{url}?directorate={adults.pk}",
        {"version": _version(case), "team": adults_team.pk, "handler": dan.pk},
    )
    assert response.status_code == 302
    assert case.stages.get().directorate == adults


def test_all_directorates_are_grouped_with_optgroups(
    client, alice, case, adults_team, send_team
):
    client.force_login(alice)
    body = client.get(
        f"/cases/{case.reference}/actions/allocate/", {"directorate": "all"}
    ).content.decode()
    teams, groups = _options(body, "team")
    assert sorted(teams) == sorted([str(adults_team), str(send_team)])
    assert groups == ["Adults", "Children's"]


def test_the_log_form_offers_a_manager_only_their_directorate(
    client, carol, bob, dan, adults_team, send_team
):
    client.force_login(carol)
    body = client.get("/cases/new/").content.decode()
    teams, _ = _options(body, "team")
    officers, _ = _options(body, "handler")
    assert teams == [str(send_team)]
    assert not any(str(dan) in officer for officer in officers)


def test_the_log_form_groups_every_directorate_for_the_complaints_team(
    client, alice, bob, dan
):
    client.force_login(alice)
    body = client.get("/cases/new/").content.decode()
    _, team_groups = _options(body, "team")
    _, officer_groups = _options(body, "handler")
    assert team_groups == ["Adults", "Children's"]
    assert "Complaints team and staff without a directorate" in officer_groups
