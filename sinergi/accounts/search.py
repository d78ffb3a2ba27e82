"""Organisations by a piece of their name, fast at a million rows.

Names are matched by substring through a trigram index: on PostgreSQL pg_trgm GIN indexes on the
upper-cased name (what Django's `icontains` compares), one partial index per kind with many rows
(UMKM, cooperatives); on SQLite an FTS5 table with the trigram tokenizer, kept in step with
`accounts_organization` by triggers. Both are created by the registry's migrations (0002 and 0005),
which brought the million-row lists that need them. Text shorter than three characters has no
trigram and is matched by a plain scan.

The matches come back as a capped set of ids with no order: sorting every "warung" of a million
businesses by name before taking the first page would cost a second, and nobody reads past the
first pages of such a list — they narrow the search instead (`is_capped` tells a page to say so).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from sinergi.accounts.models import Organization, OrganizationKind

SEARCH_LIMIT = 1000
# Kinds with a trigram index of their own on PostgreSQL; the other kinds are few.
INDEXED_KINDS = (OrganizationKind.UMKM, OrganizationKind.COOPERATIVE)


def _fts_query(text: str) -> str:
    # A quoted FTS5 string is a phrase: every trigram must appear, in order — a substring match.
    return '"' + text.replace('"', '""') + '"'


def name_matches(q: str, *, kind: str | None = None, limit: int | None = None) -> QuerySet:
    """Ids of organisations (of `kind`, if given) whose name contains `q`: at most `limit` of them
    (SEARCH_LIMIT unless given), as a values queryset for `pk__in`."""
    limit = SEARCH_LIMIT if limit is None else limit
    text = " ".join((q or "").split())
    if len(text) >= 3 and connection.vendor == "sqlite":
        # The table name is a constant; the user's text, the kind and the limit are bound parameters.
        if kind:
            sql = "SELECT rowid FROM registry_org_fts WHERE registry_org_fts MATCH %s AND kind = %s LIMIT %s"
            params = [_fts_query(text), kind, limit]
        else:
            sql = "SELECT rowid FROM registry_org_fts WHERE registry_org_fts MATCH %s LIMIT %s"
            params = [_fts_query(text), limit]
        return Organization.objects.filter(pk__in=RawSQL(sql, params)).values("pk")  # noqa: S611
    if kind:
        condition = Q(kind=kind, name__icontains=text)
    else:
        # One condition per indexed kind lets PostgreSQL combine their partial indexes; the rest of
        # the kinds are found through the (kind, name) index.
        others = [k for k in OrganizationKind.values if k not in INDEXED_KINDS]
        condition = Q(kind__in=others, name__icontains=text)
        for indexed in INDEXED_KINDS:
            condition |= Q(kind=indexed, name__icontains=text)
    ids = Organization.objects.filter(condition).order_by().values("pk")[:limit]
    return Organization.objects.filter(pk__in=ids).values("pk")


def is_capped(q: str, *, kind: str | None = None) -> bool:
    """True when a name search matches more organisations than a list shows."""
    return len(name_matches(q, kind=kind, limit=SEARCH_LIMIT + 1)) > SEARCH_LIMIT
