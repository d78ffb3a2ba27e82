"""Trigram search on organisation names: pg_trgm on PostgreSQL, FTS5 on SQLite."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE registry_org_fts USING fts5("
    "name, content='accounts_organization', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER registry_org_fts_ai AFTER INSERT ON accounts_organization BEGIN "
    "INSERT INTO registry_org_fts(rowid, name) VALUES (new.id, new.name); END",
    "CREATE TRIGGER registry_org_fts_ad AFTER DELETE ON accounts_organization BEGIN "
    "INSERT INTO registry_org_fts(registry_org_fts, rowid, name) VALUES ('delete', old.id, old.name); END",
    "CREATE TRIGGER registry_org_fts_au AFTER UPDATE OF name ON accounts_organization BEGIN "
    "INSERT INTO registry_org_fts(registry_org_fts, rowid, name) VALUES ('delete', old.id, old.name); "
    "INSERT INTO registry_org_fts(rowid, name) VALUES (new.id, new.name); END",
    "INSERT INTO registry_org_fts(registry_org_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS registry_org_fts_au",
    "DROP TRIGGER IF EXISTS registry_org_fts_ad",
    "DROP TRIGGER IF EXISTS registry_org_fts_ai",
    "DROP TABLE IF EXISTS registry_org_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Matches Django's icontains on PostgreSQL: UPPER("name"::text) LIKE UPPER(%s).
    "CREATE INDEX IF NOT EXISTS registry_org_name_trgm ON accounts_organization "
    "USING gin ((UPPER(name::text)) gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS registry_org_name_trgm"]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(
        schema_editor.connection.vendor, []
    )
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial"), ("accounts", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
