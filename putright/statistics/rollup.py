"""The SQL that keeps `MonthlyCount` in step with `complaints_stage` (SQLite and PostgreSQL).

The same expressions define a record's roll-up key and measures in the triggers and in the
rebuild, so the two cannot disagree:

- key: month received, directorate, team (0 for none), kind, stage number, procedure (0 for
  none), outcome;
- measures: records, responded, responded <= due, responded <= coalesce(extended_to, due),
  and the sums and counts of the stored response days of answered records.

Every statement is built from the constant names and expressions below, never from input
(hence the S608 exemptions).
"""

from __future__ import annotations

import hashlib

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from putright.statistics.models import ROLLUP_KEY

TABLE = "statistics_monthlycount"
SOURCE = "complaints_stage"
KEY = ROLLUP_KEY
MEASURES = (
    "records",
    "responded",
    "within_due",
    "within_extended",
    "calendar_days_sum",
    "calendar_days_count",
    "working_days_sum",
    "working_days_count",
)
# The stage columns the roll-up depends on: an update of any other column fires nothing.
WATCHED = (
    "received",
    "directorate_id",
    "team_id",
    "kind",
    "number",
    "procedure_id",
    "outcome",
    "responded",
    "due",
    "extended_to",
    "response_calendar_days",
    "response_working_days",
)


# PostgreSQL: a transaction that sets this (SET LOCAL) writes stages without the per-row
# roll-up; it must rebuild the months it touched before it commits (`resume_and_rebuild`).
PAUSE_SETTING = "putright.rollup_paused"


def _key(row: str, vendor: str) -> dict[str, str]:
    month = (
        f"date_trunc('month', {row}.received)::date"
        if vendor == "postgresql"
        else f"date({row}.received, 'start of month')"
    )
    return {
        "month": month,
        "directorate_id": f"{row}.directorate_id",
        "team_id": f"coalesce({row}.team_id, 0)",
        "kind": f"{row}.kind",
        "number": f"{row}.number",
        "procedure_id": f"coalesce({row}.procedure_id, 0)",
        "outcome": f"{row}.outcome",
    }


def _measures(row: str, vendor: str) -> dict[str, str]:
    def flag(condition: str) -> str:
        if vendor == "postgresql":
            return f"coalesce(({condition})::int, 0)"
        return f"coalesce(({condition}), 0)"

    answered = f"{row}.responded IS NOT NULL"
    return {
        "records": "1",
        "responded": flag(answered),
        "within_due": flag(f"{row}.responded <= {row}.due"),
        "within_extended": flag(
            f"{row}.responded <= coalesce({row}.extended_to, {row}.due)"
        ),
        "calendar_days_sum": (
            f"CASE WHEN {answered} THEN coalesce({row}.response_calendar_days, 0) "
            "ELSE 0 END"
        ),
        "calendar_days_count": flag(
            f"{answered} AND {row}.response_calendar_days IS NOT NULL"
        ),
        "working_days_sum": (
            f"CASE WHEN {answered} THEN coalesce({row}.response_working_days, 0) "
            "ELSE 0 END"
        ),
        "working_days_count": flag(
            f"{answered} AND {row}.response_working_days IS NOT NULL"
        ),
    }


def _add(row: str, vendor: str) -> str:
    key, measures = _key(row, vendor), _measures(row, vendor)
    columns = ", ".join([*KEY, *MEASURES])
    values = ", ".join([*key.values(), *measures.values()])
    updates = ", ".join(f"{m} = {TABLE}.{m} + excluded.{m}" for m in MEASURES)
    insert = f"INSERT INTO {TABLE} ({columns}) VALUES ({values})"  # noqa: S608
    return f"{insert} ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates};"


def _subtract(row: str, vendor: str) -> str:
    key, measures = _key(row, vendor), _measures(row, vendor)
    updates = ", ".join(f"{m} = {m} - {expr}" for m, expr in measures.items())
    where = " AND ".join(f"{column} = {expr}" for column, expr in key.items())
    return f"UPDATE {TABLE} SET {updates} WHERE {where};"  # noqa: S608


def _function_body(vendor: str) -> str:
    """The PL/pgSQL body of the PostgreSQL trigger function (as `pg_proc.prosrc` holds it)."""
    return f"""
            BEGIN
              IF current_setting('{PAUSE_SETTING}', true) = 'on' THEN
                RETURN NULL;
              END IF;
              IF TG_OP IN ('UPDATE', 'DELETE') THEN
                {_subtract("OLD", vendor)}
              END IF;
              IF TG_OP IN ('INSERT', 'UPDATE') THEN
                {_add("NEW", vendor)}
              END IF;
              RETURN NULL;
            END
            """


def _postgresql_trigger() -> str:
    return f"""CREATE TRIGGER statistics_stage_rollup
            AFTER INSERT OR DELETE OR UPDATE OF {", ".join(WATCHED)} ON {SOURCE}
            FOR EACH ROW EXECUTE FUNCTION statistics_stage_rollup()"""


def _sqlite_triggers() -> dict[str, str]:
    watched = ", ".join(WATCHED)
    return {
        "statistics_stage_insert": (
            f"CREATE TRIGGER statistics_stage_insert AFTER INSERT ON {SOURCE} "
            f"BEGIN {_add('NEW', 'sqlite')} END"
        ),
        "statistics_stage_delete": (
            f"CREATE TRIGGER statistics_stage_delete AFTER DELETE ON {SOURCE} "
            f"BEGIN {_subtract('OLD', 'sqlite')} END"
        ),
        "statistics_stage_update": (
            f"CREATE TRIGGER statistics_stage_update AFTER UPDATE OF {watched} "
            f"ON {SOURCE} "
            f"BEGIN {_subtract('OLD', 'sqlite')} {_add('NEW', 'sqlite')} END"
        ),
    }


def trigger_version(vendor: str) -> str:
    """A fingerprint of the generated trigger SQL: a changed body gets a new version."""
    if vendor == "postgresql":
        text = _function_body(vendor) + _postgresql_trigger()
    else:
        text = "\n".join(_sqlite_triggers().values())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _version_comment(vendor: str) -> str:
    return f"putright roll-up {trigger_version(vendor)}"


def expected_definitions(vendor: str) -> dict[str, str]:
    """What the catalogue should hold for each roll-up trigger, from the generated SQL.

    SQLite keeps each trigger's statement in `sqlite_master.sql`; PostgreSQL keeps the
    function body in `pg_proc.prosrc` and the version in the trigger's comment (the
    trigger's own text is normalised by the server, so the version stands for it).
    """
    if vendor == "postgresql":
        return {
            "function statistics_stage_rollup": _function_body(vendor),
            "trigger statistics_stage_rollup": _version_comment(vendor),
        }
    return _sqlite_triggers()


def trigger_sql(vendor: str) -> list[str]:
    """Statements that create the triggers on the stage table."""
    if vendor == "postgresql":
        return [
            "CREATE OR REPLACE FUNCTION statistics_stage_rollup() RETURNS trigger AS "
            f"$${_function_body(vendor)}$$ LANGUAGE plpgsql",
            _postgresql_trigger(),
            f"COMMENT ON TRIGGER statistics_stage_rollup ON {SOURCE} "
            f"IS '{_version_comment(vendor)}'",
        ]
    return list(_sqlite_triggers().values())


def drop_trigger_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS statistics_stage_rollup ON {SOURCE}",
            "DROP FUNCTION IF EXISTS statistics_stage_rollup()",
        ]
    return [
        f"DROP TRIGGER IF EXISTS statistics_stage_{event}"
        for event in ("insert", "delete", "update")
    ]


def rollup_select_sql(vendor: str) -> str:
    """The roll-up computed afresh from the records (used to rebuild and to check)."""
    key, measures = _key("s", vendor), _measures("s", vendor)
    select = ", ".join(
        [
            *(f"{expr} AS {name}" for name, expr in key.items()),
            *(f"SUM({expr}) AS {name}" for name, expr in measures.items()),
        ]
    )
    group = ", ".join(key.values())
    return f"SELECT {select} FROM {SOURCE} s GROUP BY {group}"  # noqa: S608


def rebuild_months_sql(vendor: str, count: int) -> list[str]:
    """Recompute the roll-up of `count` months (parameters: the months' first days, twice)."""
    columns = ", ".join([*KEY, *MEASURES])
    months = ", ".join(["%s"] * count)
    month = _key("s", vendor)["month"]
    select = rollup_select_sql(vendor).replace(
        " GROUP BY ", f" WHERE {month} IN ({months}) GROUP BY ", 1
    )
    return [
        f"DELETE FROM {TABLE} WHERE month IN ({months})",  # noqa: S608
        f"INSERT INTO {TABLE} ({columns}) {select}",  # noqa: S608
    ]


def pause(db: BaseDatabaseWrapper) -> None:
    """Stop the per-row roll-up for the rest of the current transaction (a bulk load).

    The caller must call `resume_and_rebuild` with every month it touched before it commits;
    a rollback undoes the pause by itself. SQLite drops its triggers inside the transaction
    (other connections keep reading the committed schema); PostgreSQL sets a transaction-local
    setting that the trigger function reads, so no lock is taken on the stage table.
    """
    if not db.in_atomic_block:
        raise RuntimeError("The roll-up can be paused only inside a transaction.")
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            cursor.execute("SELECT set_config(%s, 'on', true)", [PAUSE_SETTING])
        elif db.vendor == "sqlite":
            for statement in drop_trigger_sql("sqlite"):
                cursor.execute(statement)


def resume_and_rebuild(db: BaseDatabaseWrapper, months: set) -> None:
    """Turn the per-row roll-up back on and recompute the given months in one statement."""
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            cursor.execute("SELECT set_config(%s, 'off', true)", [PAUSE_SETTING])
        elif db.vendor == "sqlite":
            for statement in trigger_sql("sqlite"):
                cursor.execute(statement)
        else:
            return
        ordered = sorted(months)
        for start in range(0, len(ordered), 400):
            part = ordered[start : start + 400]
            params = [m.isoformat() if db.vendor == "sqlite" else m for m in part]
            delete, insert = rebuild_months_sql(db.vendor, len(part))
            cursor.execute(delete, params)
            cursor.execute(insert, params)


def rebuild_sql(vendor: str) -> list[str]:
    columns = ", ".join([*KEY, *MEASURES])
    return [
        f"DELETE FROM {TABLE}",  # noqa: S608
        f"INSERT INTO {TABLE} ({columns}) {rollup_select_sql(vendor)}",  # noqa: S608
    ]


TRIGGER_NAMES = {
    "postgresql": ("statistics_stage_rollup",),
    "sqlite": (
        "statistics_stage_insert",
        "statistics_stage_delete",
        "statistics_stage_update",
    ),
}


def installed_definitions(db: BaseDatabaseWrapper) -> dict[str, str]:
    """What the catalogue holds for each roll-up trigger (keys as `expected_definitions`)."""
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            found = {}
            cursor.execute(
                "SELECT prosrc FROM pg_proc WHERE proname = 'statistics_stage_rollup'"
            )
            row = cursor.fetchone()
            if row is not None:
                found["function statistics_stage_rollup"] = row[0]
            cursor.execute(
                "SELECT coalesce(obj_description(oid, 'pg_trigger'), '') FROM pg_trigger "
                "WHERE tgname = 'statistics_stage_rollup' AND tgrelid = %s::regclass",
                [SOURCE],
            )
            row = cursor.fetchone()
            if row is not None:
                found["trigger statistics_stage_rollup"] = row[0]
            return found
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [SOURCE],
        )
        return {
            name: sql
            for name, sql in cursor.fetchall()
            if name in TRIGGER_NAMES["sqlite"]
        }


def installed(db: BaseDatabaseWrapper) -> bool:
    """Whether every roll-up trigger exists on the stage table with the current SQL."""
    return installed_definitions(db) == expected_definitions(db.vendor)


def install(db: BaseDatabaseWrapper) -> None:
    """Create the triggers and fill the roll-up from the records already there."""
    with db.cursor() as cursor:
        for statement in [
            *drop_trigger_sql(db.vendor),
            *trigger_sql(db.vendor),
            *rebuild_sql(db.vendor),
        ]:
            cursor.execute(statement)


def ensure_installed(db: BaseDatabaseWrapper) -> bool:
    """Reinstall the triggers (and rebuild) if missing or stale; True if it did.

    A trigger whose SQL differs from the generated SQL (an older version) is replaced, so a
    changed roll-up rule reaches a database that already has the triggers. On SQLite,
    Django alters a table by rebuilding it, which drops its triggers; this runs after every
    `migrate` so a later migration of the stage table cannot leave the roll-up behind.
    """
    if db.vendor not in TRIGGER_NAMES or installed(db):
        return False
    with transaction.atomic(using=db.alias):
        install(db)
    return True


def uninstall(db: BaseDatabaseWrapper) -> None:
    with db.cursor() as cursor:
        for statement in drop_trigger_sql(db.vendor):
            cursor.execute(statement)


def rollup_rebuild() -> None:
    """Recompute the monthly roll-up from the records (repair after restoring a backup)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in rebuild_sql(connection.vendor):
            cursor.execute(statement)


def rollup_differences() -> list[tuple]:
    """Roll-up rows that disagree with the records (zero rows are ignored); [] when in step."""
    columns = ", ".join([*KEY, *MEASURES])
    nonzero = " OR ".join(f"{m} <> 0" for m in MEASURES)
    fresh = rollup_select_sql(connection.vendor)
    stored = f"SELECT {columns} FROM {TABLE} WHERE {nonzero}"  # noqa: S608
    sql = (
        f"SELECT * FROM (({fresh}) EXCEPT ({stored})) a "  # noqa: S608
        f"UNION ALL SELECT * FROM (({stored}) EXCEPT ({fresh})) b"
    )
    if connection.vendor == "sqlite":
        # SQLite does not accept parenthesised compound members.
        sql = (
            f"SELECT * FROM ({fresh} EXCEPT {stored}) "  # noqa: S608
            f"UNION ALL SELECT * FROM ({stored} EXCEPT {fresh})"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()
