"""An imported record is the same as one logged in the app: status, actions, reminders."""

import datetime as dt

import pytest
import time_machine

from putright.complaints import services
from putright.complaints.actions import available_actions
from putright.complaints.constants import Kind, StageStatus
from putright.complaints.models import Case
from putright.complaints.tests.factories import procedure
from putright.imports.services import import_rows
from putright.imports.tests.conftest import contact
from putright.notifications.services import reminders_due

# Received Monday 2 March 2026 (no bank holidays in the weeks that follow), worked Tuesday.
TUESDAY = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)
RECEIVED = dt.date(2026, 3, 2)
ACKNOWLEDGED = dt.date(2026, 3, 3)
# Acknowledgement reminders (Thursday 5th), responses due soon, and overdue to managers.
REMINDER_DAYS = [dt.date(2026, 3, d) for d in (5, 9, 12, 16, 20, 24)] + [
    dt.date(2026, 4, 2)
]

KINDS = {
    Kind.COMPLAINT: "lgsco_code",
    Kind.SERVICE_REQUEST: "",
    Kind.COMPLIMENT: "",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TUESDAY, tick=False):
        yield


def _logged(alice, childrens, send_team, kind, *, acknowledged):
    case = services.case_log(
        by=alice,
        kind=kind,
        channel="email",
        received=RECEIVED,
        directorate=childrens,
        team=send_team,
        procedure=procedure(KINDS[kind]) if KINDS[kind] else None,
        summary="Late reply.",
    )
    if acknowledged:
        services.stage_acknowledge(
            stage=case.stages.get(),
            by=alice,
            version=Case.objects.get(pk=case.pk).version,
            acknowledged=ACKNOWLEDGED,
            understanding="Late reply.",
        )
    return case


def _imported(kind, *, acknowledged):
    row = contact(
        reference="IMP-1",
        kind=kind,
        stage="1" if kind == Kind.COMPLAINT else "",
        procedure=KINDS[kind],
        received=RECEIVED.isoformat(),
        channel="email",
        summary="Late reply.",
        acknowledged=ACKNOWLEDGED.isoformat() if acknowledged else "",
    )
    result = import_rows(contacts=[row])
    assert result.ok, result.summary()
    return Case.objects.get(reference="IMP-1")


def _allocate(case, alice, send_team, bob):
    services.stage_allocate(
        stage=case.stages.get(),
        by=alice,
        version=Case.objects.get(pk=case.pk).version,
        team=send_team,
        handler=bob,
    )


def _reminders(case):
    """The case's reminders on each day, with the record's own ids taken out."""
    stage = case.stages.get()
    found = []
    for day in REMINDER_DAYS:
        for item in reminders_due(today=day):
            if item.case_id == case.pk:
                key = item.key.replace(f":{stage.pk}:", ":stage:")
                line = item.line.replace(case.reference, "REF")
                found.append((day, item.kind, item.recipient.pk, key, line))
    return sorted(found)


def _state(case, users):
    stage = case.stages.get()
    return {
        "status": stage.status,
        "clock": (stage.acknowledge_due, stage.due, stage.acknowledged),
        "actions": {
            user.username: [name for name, _ in available_actions(user, case, stage)]
            for user in users
        },
    }


@pytest.mark.parametrize(
    ("kind", "acknowledged"),
    [
        (Kind.COMPLAINT, False),
        (Kind.COMPLAINT, True),
        (Kind.SERVICE_REQUEST, False),
        (Kind.SERVICE_REQUEST, True),
        (Kind.COMPLIMENT, False),
    ],
)
def test_imported_record_matches_the_same_record_logged_in_the_app(
    kind, acknowledged, alice, bob, carol, childrens, send_team
):
    logged = _logged(alice, childrens, send_team, kind, acknowledged=acknowledged)
    imported = _imported(kind, acknowledged=acknowledged)
    users = [alice, bob, carol]

    assert _state(imported, users) == _state(logged, users)

    for case in (logged, imported):
        _allocate(case, alice, send_team, bob)
    assert _state(imported, users) == _state(logged, users)
    assert _reminders(imported) == _reminders(logged)
    if kind == Kind.COMPLAINT:
        assert _reminders(logged), "a complaint with a clock gets reminders"


def test_imported_open_complaint_can_be_acknowledged_and_is_reminded(
    alice, bob, send_team
):
    imported = _imported(Kind.COMPLAINT, acknowledged=False)
    stage = imported.stages.get()
    assert stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT
    assert "acknowledge" in [n for n, _ in available_actions(alice, imported, stage)]

    _allocate(imported, alice, send_team, bob)
    kinds = {item.kind for item in reminders_due(today=dt.date(2026, 3, 5))}
    assert "acknowledge_soon" in kinds

    stage = services.stage_acknowledge(
        stage=stage,
        by=alice,
        version=Case.objects.get(pk=imported.pk).version,
        acknowledged=ACKNOWLEDGED,
        understanding="Late reply.",
    )
    assert stage.status == StageStatus.IN_PROGRESS
