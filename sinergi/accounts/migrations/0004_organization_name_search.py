"""The organisations' name search index, owned by accounts (accounts/search.py reads it).

PostgreSQL: pg_trgm GIN indexes on the upper-cased name (what Django's icontains compares), one
partial index per kind with many rows. SQLite: an FTS5 table with the trigram tokenizer over
`accounts_organization`, kept in step by triggers; the kind is read from the organisation row.

Registry migrations 0002 and 0005 used to build this index; they now do nothing. A database that
ran them already has the index, so every statement here checks what exists: it creates what is
missing and replaces only the first, kind-less version of the SQLite table. The names keep their
`registry_` prefix so that existing databases and the bulk importer's trigger handling still match.
"""

from django.db import migrations

FTS_TABLE = "registry_org_fts"

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS registry_org_fts_au",
    "DROP TRIGGER IF EXISTS registry_org_fts_ad",
    "DROP TRIGGER IF EXISTS registry_org_fts_ai",
    "DROP TABLE IF EXISTS registry_org_fts",
]
SQLITE_CREATE_TABLE = [
    "CREATE VIRTUAL TABLE registry_org_fts USING fts5("
    "name, kind UNINDEXED, content='accounts_organization', content_rowid='id', tokenize='trigram')",
    "INSERT INTO registry_org_fts(registry_org_fts) VALUES ('rebuild')",
]
SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS registry_org_fts_ai AFTER INSERT ON accounts_organization BEGIN "
    "INSERT INTO registry_org_fts(rowid, name, kind) VALUES (new.id, new.name, new.kind); END",
    "CREATE TRIGGER IF NOT EXISTS registry_org_fts_ad AFTER DELETE ON accounts_organization BEGIN "
    "INSERT INTO registry_org_fts(registry_org_fts, rowid, name, kind) "
    "VALUES ('delete', old.id, old.name, old.kind); END",
    "CREATE TRIGGER IF NOT EXISTS registry_org_fts_au AFTER UPDATE OF name, kind ON accounts_organization "
    "BEGIN INSERT INTO registry_org_fts(registry_org_fts, rowid, name, kind) "
    "VALUES ('delete', old.id, old.name, old.kind); "
    "INSERT INTO registry_org_fts(rowid, name, kind) VALUES (new.id, new.name, new.kind); END",
]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # The first, shared index was replaced by the per-kind ones (a kind filter next to it made
    # PostgreSQL walk the kind index row by row).
    "DROP INDEX IF EXISTS registry_org_name_trgm",
    "CREATE INDEX IF NOT EXISTS registry_org_name_trgm_umkm ON accounts_organization "
    "USING gin ((UPPER(name::text)) gin_trgm_ops) WHERE kind = 'umkm'",
    "CREATE INDEX IF NOT EXISTS registry_org_name_trgm_cooperative ON accounts_organization "
    "USING gin ((UPPER(name::text)) gin_trgm_ops) WHERE kind = 'cooperative'",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS registry_org_name_trgm_umkm",
    "DROP INDEX IF EXISTS registry_org_name_trgm_cooperative",
]


def _sqlite_table_sql(schema_editor) -> str | None:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE])
        row = cursor.fetchone()
    return row[0] if row else None


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        table_sql = _sqlite_table_sql(schema_editor)
        if table_sql is None or "kind" not in table_sql:
            for sql in SQLITE_DROP + SQLITE_CREATE_TABLE:
                schema_editor.execute(sql)
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        for sql in POSTGRES_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        for sql in POSTGRES_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_organization_name_index")]
    operations = [migrations.RunPython(forward, backward)]
