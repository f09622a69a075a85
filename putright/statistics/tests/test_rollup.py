"""The monthly roll-up stays equal to a fresh count of the records, whoever writes them."""

import datetime as dt

import pytest
from django.db import connection

from putright.complaints.constants import Kind, Outcome
from putright.complaints.models import Stage
from putright.complaints.tests.factories import StageFactory, procedure
from putright.core.periods import Period
from putright.statistics import engine, rollup
from putright.statistics.models import MonthlyCount
from putright.statistics.tests.dataset import build_dataset


@pytest.fixture
def data(db):
    return build_dataset()


def test_triggers_are_installed_by_the_migrations(db):
    assert rollup.installed(connection)


def test_inserts_fill_the_rollup(data):
    assert rollup.rollup_differences() == []
    row = MonthlyCount.objects.get(
        month=dt.date(2022, 8, 1),
        kind=Kind.COMPLAINT,
        number=1,
        outcome="partly_upheld",
    )
    # Record 2 of the dataset: late for its due date, within its extension.
    assert (row.records, row.responded, row.within_due, row.within_extended) == (
        1,
        1,
        0,
        1,
    )
    assert (row.calendar_days_sum, row.working_days_sum) == (24, 18)
    assert row.team_id == data.send.pk


def test_answering_a_stage_moves_it_between_rollup_rows(data):
    open_stage = Stage.objects.get(received=dt.date(2023, 2, 1))
    open_stage.responded = dt.date(2023, 2, 20)
    open_stage.outcome = Outcome.UPHELD
    open_stage.response_calendar_days = 19
    open_stage.response_working_days = 13
    open_stage.save()
    assert rollup.rollup_differences() == []
    s1 = engine.statistics_for(period=Period(2022))["stages"]["1"]
    assert s1["outcomes"]["undecided"] == 0
    assert s1["outcomes"]["upheld"] == 2
    assert s1["responded"] == 6
    assert s1["responded_within_timescale"] == 4  # 20 Feb is before the 22 Feb due date


def test_queryset_update_bulk_create_and_delete_keep_it_in_step(data):
    Stage.objects.filter(directorate=data.adults).update(directorate=data.childrens)
    Stage.objects.filter(received__year=2021).update(received=dt.date(2020, 5, 5))
    StageFactory.create_batch(
        3,
        directorate=data.adults,
        procedure=procedure("lgsco_code"),
        received=dt.date(2022, 12, 24),
    )
    Stage.objects.filter(kind=Kind.COMPLIMENT).delete()
    assert rollup.rollup_differences() == []
    stats = engine.statistics_for(period=Period(2022), directorate="Adults")
    assert stats["stages"]["1"]["received"] == 3
    assert stats["contacts"]["compliment"]["received"] == 0


def test_changing_a_column_the_rollup_ignores_changes_nothing(data):
    before = list(MonthlyCount.objects.order_by("pk").values())
    Stage.objects.update(summary="Changed", channel="email")
    assert list(MonthlyCount.objects.order_by("pk").values()) == before


def test_rebuild_repairs_a_damaged_rollup(data):
    MonthlyCount.objects.filter(kind=Kind.COMPLAINT).update(records=0)
    assert rollup.rollup_differences() != []
    rollup.rollup_rebuild()
    assert rollup.rollup_differences() == []
    assert engine.statistics_for(period=Period(2022))["stages"]["1"]["received"] == 6


def test_triggers_dropped_by_a_migration_are_restored_with_a_rebuild(data):
    rollup.uninstall(connection)
    assert not rollup.installed(connection)
    StageFactory(directorate=data.adults, received=dt.date(2022, 4, 4))
    assert rollup.rollup_differences() != []
    assert rollup.ensure_installed(connection) is True
    assert rollup.installed(connection)
    assert rollup.rollup_differences() == []
    assert rollup.ensure_installed(connection) is False
