"""Fast bulk writes: explicit primary keys and executemany (COPY on PostgreSQL).

Creating or changing a million rows through model instances costs more than the work itself.
Imports reserve a block of ids and write plain statements, converting values with the database
backend's own adapters (`adapter`) so the stored values are exactly what the ORM would have written.
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


def update_rows(model: type[models.Model], columns: Sequence[str], rows: list[tuple]) -> None:
    """Set `columns` of many rows with one prepared UPDATE: each row is its new values, then its pk.

    Django's bulk_update builds a CASE expression per field and object, and both it and model
    instances cost more than the update itself for thousands of rows; a parameterised statement
    over already adapted tuples does not.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
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
    if internal == "JSONField":
        return lambda v: field.get_db_prep_save(v, connection)
    return lambda v: v
