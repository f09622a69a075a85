"""The installed roll-up triggers are the generated ones; stale ones are replaced."""

import datetime as dt

import pytest
from django.db import connection

from putright.complaints.tests.factories import StageFactory
from putright.statistics import rollup


def _install_stale_trigger() -> None:
    """A trigger from an older release: same name, a body that counts nothing."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE OR REPLACE FUNCTION statistics_stage_rollup() RETURNS trigger "
                "AS $$ BEGIN RETURN NULL; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"COMMENT ON TRIGGER statistics_stage_rollup ON {rollup.SOURCE} "
                "IS 'putright roll-up 0000'"
            )
        else:
            cursor.execute("DROP TRIGGER statistics_stage_insert")
            cursor.execute(
                f"CREATE TRIGGER statistics_stage_insert AFTER INSERT ON {rollup.SOURCE} "
                "BEGIN SELECT 1; END"
            )


def test_installed_trigger_sql_is_the_generated_sql(db):
    assert rollup.installed_definitions(connection) == rollup.expected_definitions(
        connection.vendor
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL catalogue")
def test_postgresql_trigger_watches_the_rollup_columns(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE tgname = 'statistics_stage_rollup'"
        )
        definition = cursor.fetchone()[0]
    assert f"UPDATE OF {', '.join(rollup.WATCHED)} ON" in definition
    assert "EXECUTE FUNCTION statistics_stage_rollup()" in definition


def test_a_changed_rule_gives_a_new_version(monkeypatch):
    before = rollup.trigger_version(connection.vendor)
    monkeypatch.setattr(rollup, "WATCHED", rollup.WATCHED[:-1])
    assert rollup.trigger_version(connection.vendor) != before


def test_a_stale_trigger_body_is_detected_and_replaced(db):
    _install_stale_trigger()
    assert not rollup.installed(connection)

    assert rollup.ensure_installed(connection) is True

    assert rollup.installed_definitions(connection) == rollup.expected_definitions(
        connection.vendor
    )
    assert rollup.ensure_installed(connection) is False


def test_records_written_under_a_stale_trigger_are_counted_after_the_replacement(db):
    _install_stale_trigger()
    StageFactory(received=dt.date(2022, 5, 3))
    assert rollup.rollup_differences() != []

    rollup.ensure_installed(connection)

    assert rollup.rollup_differences() == []
    StageFactory(received=dt.date(2022, 6, 3))
    assert rollup.rollup_differences() == []
