"""Bulk writes of the registry's own tables: organisations with their search index, statistics.

The generic parts (reserved ids, executemany or COPY, value adapters) are in `sinergi.core.bulk`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection

from sinergi.core.bulk import insert_rows


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


def refresh_statistics(tables: Sequence[str]) -> None:
    """After a large import, let the query planner see the new size of the tables.

    A freshly loaded PostgreSQL table has no statistics until autovacuum gets to it; meanwhile the
    planner guesses, and a list of a million rows can take seconds instead of milliseconds.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
        elif connection.vendor == "sqlite":
            # Every table the import wrote, in full (about a second at a million rows): with
            # statistics for only some of the joined tables — what PRAGMA optimize may leave — the
            # planner scans all organisations for the first page of the list (113 ms against 16).
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


# A large import on SQLite: a 256 MiB page cache keeps the indexes it grows in memory, and the
# write-ahead log is folded back into the database every 50,000 pages (about 200 MB) instead of
# every 1,000, so index pages that every chunk touches are not copied again at each commit.
IMPORT_CACHE_KIB = 262_144
IMPORT_CHECKPOINT_PAGES = 50_000


@contextmanager
def import_session() -> Iterator[None]:
    """Tune the database session for the length of a large import, then put everything back.

    On SQLite the log is checkpointed and truncated at the end, so the work it deferred is paid
    (and timed) by the import and the file does not stay hundreds of megabytes long.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        cache = cursor.fetchone()[0]
        cursor.execute("PRAGMA wal_autocheckpoint")
        checkpoint = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
        cursor.execute(f"PRAGMA wal_autocheckpoint = {max(checkpoint, IMPORT_CHECKPOINT_PAGES)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(cache)}")
            cursor.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint)}")
            if not connection.in_atomic_block:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
