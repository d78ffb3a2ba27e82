"""Accounts migration 0004 takes over the organisations' name search index from the registry's
migrations: on a database those built, it must leave the index in today's form, and on a current
database it must change nothing."""

import importlib

import pytest
from django.db import connection

from sinergi.accounts.models import OrganizationKind
from sinergi.accounts.search import name_matches
from sinergi.accounts.tests.factories import OrganizationFactory

name_search = importlib.import_module("sinergi.accounts.migrations.0004_organization_name_search")

# What registry migration 0002 built before the index carried the kind (SQLite) or was split per
# kind (PostgreSQL).
OLD_SQLITE = [
    "CREATE VIRTUAL TABLE registry_org_fts USING fts5("
    "name, content='accounts_organization', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER registry_org_fts_ai AFTER INSERT ON accounts_organization BEGIN "
    "INSERT INTO registry_org_fts(rowid, name) VALUES (new.id, new.name); END",
    "INSERT INTO registry_org_fts(registry_org_fts) VALUES ('rebuild')",
]
OLD_POSTGRES = [
    "CREATE INDEX registry_org_name_trgm ON accounts_organization USING gin ((UPPER(name::text)) gin_trgm_ops)"
]


class _SchemaEditor:
    """The part of a schema editor the migration uses."""

    connection = connection

    def execute(self, sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)


def _index_state():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'registry_org_fts%' "
                "AND type IN ('table', 'trigger') ORDER BY name"
            )
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'accounts_organization' AND indexname LIKE '%%trgm%%' ORDER BY indexname"
            )
        return cursor.fetchall()


def _rebuild_old_index():
    editor = _SchemaEditor()
    if connection.vendor == "sqlite":
        for sql in name_search.SQLITE_DROP + OLD_SQLITE:
            editor.execute(sql)
    else:
        # A migration runs in a transaction of its own; here the rows just written still have
        # their deferred foreign-key checks pending, which PostgreSQL will not index past.
        editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for sql in name_search.POSTGRES_BACKWARD + OLD_POSTGRES:
            editor.execute(sql)


@pytest.mark.django_db
def test_a_current_database_is_left_as_it_is():
    before = _index_state()
    name_search.forward(None, _SchemaEditor())
    assert _index_state() == before
    assert before  # the test database has the index


@pytest.mark.django_db
def test_the_index_built_by_the_old_registry_migrations_is_brought_to_todays_form():
    current = _index_state()
    OrganizationFactory(kind=OrganizationKind.UMKM, name="Warung Sate Pak Kumis")
    OrganizationFactory(kind=OrganizationKind.COOPERATIVE, name="Koperasi Sate Bersama")
    _rebuild_old_index()
    assert _index_state() != current

    name_search.forward(None, _SchemaEditor())

    assert _index_state() == current
    found = name_matches("sate", kind=OrganizationKind.UMKM).values_list("pk", flat=True)
    assert [o.name for o in OrganizationFactory._meta.model.objects.filter(pk__in=found)] == [
        "Warung Sate Pak Kumis"
    ]
    renamed = OrganizationFactory(kind=OrganizationKind.UMKM, name="Toko Bangunan Jaya")
    renamed.name = "Toko Besi Jaya"
    renamed.save()
    assert list(name_matches("besi", kind=OrganizationKind.UMKM).values_list("pk", flat=True)) == [renamed.pk]
    assert list(name_matches("bangunan").values_list("pk", flat=True)) == []
