"""Secondary indexes set aside while an import loads an empty table, rebuilt once at the end.

Maintaining every index row by row costs more than building it once from the finished table
(a sort), so a large import into an empty stage table drops the table's plain indexes inside
its transaction and creates them again before it commits. Unique and primary-key indexes
stay: they enforce the table's constraints during the load. Both databases roll DDL back
with the transaction, so a failed or dry run leaves the indexes exactly as they were.

On PostgreSQL `DROP INDEX` locks the table until the import commits; that is why the pause
is only taken for a table that is empty (a council's first load of its history).
"""

from __future__ import annotations

from django.db import connection, models


def plain_indexes(model: type[models.Model]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of each index of the model's table that enforces nothing."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = %s AND sql IS NOT NULL ORDER BY name",
                [table],
            )
            return [
                (name, sql)
                for name, sql in cursor.fetchall()
                if not sql.lstrip().upper().startswith("CREATE UNIQUE")
            ]
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index x "
                "JOIN pg_class c ON c.oid = x.indexrelid "
                "WHERE x.indrelid = %s::regclass AND NOT x.indisunique "
                "AND NOT x.indisprimary AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid) "
                "ORDER BY c.relname",
                [table],
            )
            return list(cursor.fetchall())
    return []


def drop(model: type[models.Model]) -> list[tuple[str, str]]:
    """Drop the table's plain indexes (inside the caller's transaction); what to restore."""
    dropped = plain_indexes(model)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name, _sql in dropped:
            cursor.execute(f"DROP INDEX {quote(name)}")
    return dropped


def restore(dropped: list[tuple[str, str]]) -> None:
    """Create the dropped indexes again, from the statements the database gave.

    PostgreSQL refuses to index a table with deferred foreign-key checks still pending, so
    those checks run here (they would run at commit anyway) and deferral is set back after.
    """
    if not dropped:
        return
    with connection.cursor() as cursor:
        postgresql = connection.vendor == "postgresql"
        if postgresql:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, sql in dropped:
            cursor.execute(sql)
        if postgresql:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def analyse(models_: list[type[models.Model]]) -> None:
    """PostgreSQL: ANALYZE the tables (allowed in a transaction; samples, so about a
    second for a million rows). SQLite plans well without statistics: nothing."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")
