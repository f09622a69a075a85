"""Role x action x scope: every casework action for every persona on cases in and out of scope.

The expected table is written out by hand from the access rules (complaints team: all;
managers: everything in their directorate; officers: day-to-day actions on their own or their
team's stages, never the manager actions; reporting viewers and administrators: nothing).
"""

import pytest

from putright.complaints import permissions
from putright.complaints.tests.factories import logged_complaint
from putright.organisation.tests.factories import TeamFactory

OFFICER = {
    "acknowledge",
    "extend",
    "respond",
    "request_approval",
    "withdraw",
    "close",
    "convert",
    "note",
    "attach",
    "language",
    "learning",
    "remedy",
    "panel",
}
MANAGER = {
    "allocate",
    "approve",
    "escalate",
    "refuse_escalation",
    "reopen",
    "triage",
    "refuse",
}
EVERY = OFFICER | MANAGER
NONE: set[str] = set()

# persona -> case -> the actions allowed on that case's stage.
TABLE = {
    "alice": {"send": EVERY, "fostering": EVERY, "adults": EVERY},
    "carol": {"send": EVERY, "fostering": EVERY, "adults": NONE},
    "bob": {"send": OFFICER, "fostering": NONE, "adults": NONE},
    "dan": {"send": NONE, "fostering": NONE, "adults": OFFICER},
    "erin": {"send": NONE, "fostering": NONE, "adults": NONE},
    "admin_user": {"send": NONE, "fostering": NONE, "adults": NONE},
}


@pytest.fixture
def stages(alice, bob, carol, dan, erin, admin_user, childrens, send_team, adults_team):
    fostering_team = TeamFactory(directorate=childrens, name="Fostering")
    # bob's team's case is allocated to someone else in the team: team access, not handler.
    send = logged_complaint(
        by=alice, directorate=childrens, team=send_team, handler=carol
    )
    fostering = logged_complaint(
        by=alice, directorate=childrens, team=fostering_team, handler=None
    )
    adults = logged_complaint(
        by=alice, directorate=adults_team.directorate, team=adults_team, handler=dan
    )
    return {
        "send": send.stages.get(),
        "fostering": fostering.stages.get(),
        "adults": adults.stages.get(),
    }


def test_the_table_covers_every_action():
    assert EVERY == permissions.ACTIONS


@pytest.mark.parametrize("persona", list(TABLE))
@pytest.mark.parametrize("case", ["send", "fostering", "adults"])
def test_role_action_scope(request, stages, persona, case):
    user = request.getfixturevalue(persona)
    allowed = {a for a in EVERY if permissions.can_act(user, stages[case], a)}
    assert allowed == TABLE[persona][case]


def test_an_officer_always_acts_on_a_stage_allocated_to_them(dan, stages, bob):
    stage = stages["fostering"]
    stage.handler = bob
    assert permissions.can_act(bob, stage, "respond")
    assert not permissions.can_act(bob, stage, "allocate")


def test_unknown_action_is_a_programming_error(alice, stages):
    with pytest.raises(ValueError, match="Unknown action"):
        permissions.can_act(alice, stages["send"], "delete")


@pytest.mark.parametrize("persona", list(TABLE))
@pytest.mark.parametrize("case", ["send", "fostering", "adults"])
def test_every_refused_action_says_why_and_no_allowed_one_does(
    request, stages, persona, case
):
    user = request.getfixturevalue(persona)
    for action in EVERY:
        reason = permissions.refusal(user, stages[case], action)
        assert (reason == "") == (action in TABLE[persona][case]), (action, reason)


def test_an_officer_is_told_a_manager_action_needs_a_manager(bob, stages):
    assert permissions.refusal(bob, stages["send"], "approve").startswith(
        "Only a manager"
    )
    assert "another team" in permissions.refusal(bob, stages["adults"], "respond")


def test_the_person_who_asked_for_approval_may_not_approve(alice, carol, stages):
    stage = stages["send"]
    stage.approval_requested_by = carol
    assert "someone else must approve" in permissions.refusal(carol, stage, "approve")
    assert permissions.refusal(alice, stage, "approve") == ""
