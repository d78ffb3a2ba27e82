"""Name search per kind of organisation.

A search for businesses must not wade through cooperatives (and the other way round), and a kind
filter next to one shared trigram index made PostgreSQL walk the kind index row by row instead.
PostgreSQL gets one partial trigram index per searchable kind; SQLite's FTS5 table carries the kind.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS registry_org_fts_au",
    "DROP TRIGGER IF EXISTS registry_org_fts_ad",
    "DROP TRIGGER IF EXISTS registry_org_fts_ai",
    "DROP TABLE IF EXISTS registry_org_fts",
    "CREATE VIRTUAL TABLE registry_org_fts USING fts5("
    "name, kind UNINDEXED, content='accounts_organization', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER registry_org_fts_ai AFTER INSERT ON accounts_organization BEGIN "
    "INSERT INTO registry_org_fts(rowid, name, kind) VALUES (new.id, new.name, new.kind); END",
    "CREATE TRIGGER registry_org_fts_ad AFTER DELETE ON accounts_organization BEGIN "
    "INSERT INTO registry_org_fts(registry_org_fts, rowid, name, kind) VALUES ('delete', old.id, old.name, old.kind); END",
    "CREATE TRIGGER registry_org_fts_au AFTER UPDATE OF name, kind ON accounts_organization BEGIN "
    "INSERT INTO registry_org_fts(registry_org_fts, rowid, name, kind) VALUES ('delete', old.id, old.name, old.kind); "
    "INSERT INTO registry_org_fts(rowid, name, kind) VALUES (new.id, new.name, new.kind); END",
    "INSERT INTO registry_org_fts(registry_org_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS registry_org_fts_au",
    "DROP TRIGGER IF EXISTS registry_org_fts_ad",
    "DROP TRIGGER IF EXISTS registry_org_fts_ai",
    "DROP TABLE IF EXISTS registry_org_fts",
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
POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS registry_org_name_trgm",
    "CREATE INDEX IF NOT EXISTS registry_org_name_trgm_umkm ON accounts_organization "
    "USING gin ((UPPER(name::text)) gin_trgm_ops) WHERE kind = 'umkm'",
    "CREATE INDEX IF NOT EXISTS registry_org_name_trgm_cooperative ON accounts_organization "
    "USING gin ((UPPER(name::text)) gin_trgm_ops) WHERE kind = 'cooperative'",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS registry_org_name_trgm_umkm",
    "DROP INDEX IF EXISTS registry_org_name_trgm_cooperative",
    "CREATE INDEX IF NOT EXISTS registry_org_name_trgm ON accounts_organization "
    "USING gin ((UPPER(name::text)) gin_trgm_ops)",
]


def _run(schema_editor, by_vendor):
    for sql in by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD})


def backward(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_fewer_business_indexes")]
    operations = [migrations.RunPython(forward, backward)]
