"""The stage lifecycle: the transition table, first statuses and what each status allows."""

import datetime as dt

import pytest

from putright.complaints import lifecycle
from putright.complaints.constants import Kind, StageStatus
from putright.complaints.deadlines import StageRule

S = StageStatus
D = dt.date(2026, 3, 2)
ACKNOWLEDGED = StageRule(stage=1, respond_days=10, acknowledge_days=5)
NO_ACKNOWLEDGEMENT = StageRule(stage=2, respond_days=20, acknowledge_days=None)

ALLOWED = {
    (S.AWAITING_ACKNOWLEDGEMENT, S.IN_PROGRESS),
    (S.AWAITING_ACKNOWLEDGEMENT, S.RESPONDED),
    (S.AWAITING_ACKNOWLEDGEMENT, S.CLOSED),
    (S.IN_PROGRESS, S.AWAITING_APPROVAL),
    (S.IN_PROGRESS, S.RESPONDED),
    (S.IN_PROGRESS, S.CLOSED),
    (S.AWAITING_APPROVAL, S.IN_PROGRESS),
    (S.AWAITING_APPROVAL, S.RESPONDED),
    (S.AWAITING_APPROVAL, S.CLOSED),
    (S.RESPONDED, S.CLOSED),
    (S.RESPONDED, S.IN_PROGRESS),
    (S.CLOSED, S.RESPONDED),
    (S.CLOSED, S.IN_PROGRESS),
    (S.CLOSED, S.AWAITING_ACKNOWLEDGEMENT),
}


@pytest.mark.parametrize("current", S.values)
@pytest.mark.parametrize("new", S.values)
def test_transition_table(current, new):
    expected = current == new or (current, new) in ALLOWED
    assert lifecycle.transition_allowed(current, new) is expected


@pytest.mark.parametrize(
    ("kind", "rule", "status"),
    [
        (Kind.COMPLAINT, ACKNOWLEDGED, S.AWAITING_ACKNOWLEDGEMENT),
        (Kind.COMPLAINT, NO_ACKNOWLEDGEMENT, S.IN_PROGRESS),
        (Kind.INFORMAL_COMPLAINT, None, S.AWAITING_ACKNOWLEDGEMENT),
        (Kind.SERVICE_REQUEST, None, S.AWAITING_ACKNOWLEDGEMENT),
        (Kind.MP_ENQUIRY, None, S.AWAITING_ACKNOWLEDGEMENT),
        (Kind.MEMBER_ENQUIRY, None, S.AWAITING_ACKNOWLEDGEMENT),
        (Kind.COMMENT, None, S.IN_PROGRESS),
        (Kind.COMPLIMENT, None, S.IN_PROGRESS),
    ],
)
def test_initial_status_of_each_kind(kind, rule, status):
    assert lifecycle.initial_status(kind=kind, rule=rule) == status


@pytest.mark.parametrize(
    ("kind", "rule", "acknowledged", "responded", "status"),
    [
        (Kind.COMPLAINT, ACKNOWLEDGED, None, None, S.AWAITING_ACKNOWLEDGEMENT),
        (Kind.COMPLAINT, ACKNOWLEDGED, D, None, S.IN_PROGRESS),
        (Kind.COMPLAINT, ACKNOWLEDGED, D, D, S.RESPONDED),
        (Kind.COMPLAINT, ACKNOWLEDGED, None, D, S.RESPONDED),
        (Kind.COMPLAINT, NO_ACKNOWLEDGEMENT, None, None, S.IN_PROGRESS),
        (Kind.SERVICE_REQUEST, None, None, None, S.AWAITING_ACKNOWLEDGEMENT),
        (Kind.COMPLIMENT, None, None, None, S.IN_PROGRESS),
        (Kind.COMPLIMENT, None, None, D, S.RESPONDED),
    ],
)
def test_imported_status_is_what_the_app_would_have_reached(
    kind, rule, acknowledged, responded, status
):
    assert (
        lifecycle.imported_status(
            kind=kind, rule=rule, acknowledged=acknowledged, responded=responded
        )
        == status
    )


@pytest.mark.parametrize(
    ("current", "acknowledged", "responded", "status"),
    [
        # Nothing that sets the status changed: it stays, whatever it is.
        (S.AWAITING_APPROVAL, (D, D), (None, None), S.AWAITING_APPROVAL),
        (S.CLOSED, (None, None), (None, None), S.CLOSED),
        # A new acknowledgement date moves an open stage on.
        (S.AWAITING_ACKNOWLEDGEMENT, (None, D), (None, None), S.IN_PROGRESS),
        # An acknowledgement date removed cannot send it back (not an allowed transition).
        (S.IN_PROGRESS, (D, None), (None, None), S.IN_PROGRESS),
        # A closed stage is not reopened by an acknowledgement date.
        (S.CLOSED, (None, D), (D, D), S.CLOSED),
        # A response date: responded; a response date removed: back in progress.
        (S.AWAITING_ACKNOWLEDGEMENT, (None, None), (None, D), S.RESPONDED),
        (S.IN_PROGRESS, (D, D), (None, D), S.RESPONDED),
        (S.RESPONDED, (D, D), (D, None), S.IN_PROGRESS),
        (S.RESPONDED, (None, None), (D, None), S.IN_PROGRESS),
        # A response awaiting approval keeps waiting when its acknowledgement changes.
        (S.AWAITING_APPROVAL, (D, None), (None, None), S.AWAITING_APPROVAL),
    ],
)
def test_reimported_status_moves_only_along_allowed_transitions(
    current, acknowledged, responded, status
):
    new = lifecycle.reimported_status(
        current=current,
        kind=Kind.COMPLAINT,
        rule=ACKNOWLEDGED,
        acknowledged=acknowledged,
        responded=responded,
    )
    assert new == status
    assert lifecycle.transition_allowed(current, new)


@pytest.mark.parametrize(
    ("status", "action", "allowed"),
    [
        (S.AWAITING_ACKNOWLEDGEMENT, "acknowledge", True),
        (S.IN_PROGRESS, "acknowledge", False),
        (S.RESPONDED, "acknowledge", False),
        (S.AWAITING_ACKNOWLEDGEMENT, "respond", True),
        (S.IN_PROGRESS, "respond", True),
        (S.AWAITING_APPROVAL, "respond", True),
        (S.RESPONDED, "respond", False),
        (S.CLOSED, "respond", False),
        (S.AWAITING_APPROVAL, "approve", True),
        (S.IN_PROGRESS, "approve", False),
        (S.IN_PROGRESS, "close", False),
        (S.RESPONDED, "close", True),
        (S.RESPONDED, "escalate", True),
        (S.IN_PROGRESS, "escalate", False),
        (S.CLOSED, "reopen", True),
        (S.IN_PROGRESS, "note", True),
        (S.IN_PROGRESS, "no-such-action", False),
    ],
)
def test_each_status_allows_its_actions(status, action, allowed):
    assert lifecycle.status_allows(status, action) is allowed


def test_every_action_has_its_statuses():
    from putright.complaints.actions import ACTIONS

    assert set(lifecycle.ACTION_STATUSES) == set(ACTIONS)


@pytest.mark.parametrize(
    ("status", "responded", "is_open"),
    [
        (S.AWAITING_ACKNOWLEDGEMENT, None, True),
        (S.IN_PROGRESS, None, True),
        (S.AWAITING_APPROVAL, None, True),
        (S.RESPONDED, D, False),
        (S.CLOSED, None, False),
    ],
)
def test_open_and_closed(status, responded, is_open):
    assert lifecycle.is_open(status=status, responded=responded) is is_open


@pytest.mark.parametrize("kind", [Kind.COMPLIMENT, Kind.COMMENT])
def test_compliments_and_comments_are_received_thanked_and_closed(kind):
    assert lifecycle.status_label(kind, StageStatus.IN_PROGRESS) == "Received"
    assert lifecycle.status_label(kind, StageStatus.RESPONDED) == "Thanked"
    assert lifecycle.status_label(kind, StageStatus.CLOSED) == "Closed"
    assert lifecycle.kind_allows(kind, "thank")
    for action in ("respond", "acknowledge", "approve", "escalate", "extend", "send"):
        assert not lifecycle.kind_allows(kind, action), action


@pytest.mark.parametrize("kind", [Kind.COMPLAINT, Kind.SERVICE_REQUEST])
def test_other_contacts_are_responded_to_never_thanked(kind):
    assert lifecycle.status_label(kind, StageStatus.IN_PROGRESS) == "In progress"
    assert lifecycle.kind_allows(kind, "respond")
    assert not lifecycle.kind_allows(kind, "thank")
