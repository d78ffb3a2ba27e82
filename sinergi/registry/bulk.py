"""Fast bulk writes for imports: explicit primary keys and executemany (COPY on PostgreSQL).

Creating a million rows through model instances costs more than the work itself. Imports reserve a
block of ids, then write both the organisation rows and their profile rows with plain statements,
converting values with the database backend's own adapters so the stored values are exactly what
the ORM would have written.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys for `model`. Call inside the transaction that inserts them.

    SQLite: IMMEDIATE transactions hold the write lock, so max(id)+1… is ours alone.
    PostgreSQL: take them from the table's sequence, as concurrent inserts do.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, count])
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX({pk}), 0) FROM {table}")  # noqa: S608 — model metadata only
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert `rows` (tuples in the order of `columns`, already adapted) into `model`'s table."""
    if not rows:
        return
    table = model._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams rows in one round trip; executemany would pay one per row.
            raw = cursor.cursor
            with raw.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, rows)


def adapter(model: type[models.Model], field_name: str):
    """A function turning a Python value into what the database stores for `field_name`."""
    field = model._meta.get_field(field_name)
    ops = connection.ops
    internal = field.get_internal_type()
    if internal == "DecimalField":
        return lambda v: (
            None if v is None else ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
        )
    if internal == "DateField":
        return lambda v: None if v is None else ops.adapt_datefield_value(v)
    if internal == "DateTimeField":
        return lambda v: None if v is None else ops.adapt_datetimefield_value(v)
    return lambda v: v


def insert_organizations(columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert organisation rows and index their names for search.

    On SQLite the per-row trigger that feeds the FTS5 index costs several times more than the
    insert itself, while FTS5 indexes a batch cheaply; inside the import's transaction (which holds
    SQLite's single write lock, so no other insert can miss the trigger) the trigger is set aside,
    the names are indexed in one statement, and the trigger is put back.
    """
    from sinergi.accounts.models import Organization
    from sinergi.registry.search import FTS_INSERT_TRIGGER

    if connection.vendor != "sqlite" or not rows:
        insert_rows(Organization, columns, rows)
        return
    pk, name = columns.index("id"), columns.index("name")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS registry_org_fts_ai")
        insert_rows(Organization, columns, rows)
        cursor.executemany(
            "INSERT INTO registry_org_fts(rowid, name) VALUES (%s, %s)",
            [(row[pk], row[name]) for row in rows],
        )
        cursor.execute(FTS_INSERT_TRIGGER)


def update_rows(model: type[models.Model], objects: list[models.Model], field_names: Sequence[str]) -> None:
    """Write `field_names` of each object with one prepared UPDATE run over all of them.

    Django's bulk_update builds a CASE expression per field and object, which costs more than the
    update itself for thousands of rows; a single parameterised statement does not.
    """
    if not objects:
        return
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names]
    assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    sql = f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {assignments} WHERE {connection.ops.quote_name(meta.pk.column)} = %s"  # noqa: S608
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def refresh_statistics(tables: Sequence[str]) -> None:
    """After a large import, let the query planner see the new size of the tables.

    A freshly loaded PostgreSQL table has no statistics until autovacuum gets to it; meanwhile the
    planner guesses, and a list of a million rows can take seconds instead of milliseconds.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA optimize")
