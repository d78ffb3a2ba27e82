"""Organisations by a piece of their name, fast at a million rows.

Names are matched by substring through a trigram index: on PostgreSQL pg_trgm GIN indexes on the
upper-cased name (what Django's `icontains` compares), one partial index per kind with many rows
(UMKM, cooperatives); on SQLite an FTS5 table with the trigram tokenizer, kept in step with
`accounts_organization` by triggers. Both are created by the registry's migrations (0002 and 0005),
which brought the million-row lists that need them. Text shorter than three characters has no
trigram and is matched by a plain scan.

A list applies the user's scope and filters to the matches first and then keeps the first
SEARCH_LIMIT of them in no order (`first_matches`): sorting every "warung" of a million businesses
by name before taking the first page would cost a second, and nobody reads past the first pages of
such a list — they narrow the search instead (the page says so). Capping before
the scope would hide what the user may see behind matches elsewhere.
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


def name_matches(q: str, *, kind: str | None = None) -> QuerySet:
    """Ids of organisations (of `kind`, if given) whose name contains `q`, as a values queryset for
    `pk__in`. Uncapped: the caller filters by scope and region first, then takes `first_matches`."""
    text = " ".join((q or "").split())
    if len(text) >= 3 and connection.vendor == "sqlite":
        # The table name is a constant; the user's text and the kind are bound parameters.
        if kind:
            sql = "SELECT rowid FROM registry_org_fts WHERE registry_org_fts MATCH %s AND kind = %s"
            params = [_fts_query(text), kind]
        else:
            sql = "SELECT rowid FROM registry_org_fts WHERE registry_org_fts MATCH %s"
            params = [_fts_query(text)]
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
    return Organization.objects.filter(condition).values("pk")


def first_matches(qs: QuerySet, limit: int | None = None) -> tuple[QuerySet, bool]:
    """`qs` (already scoped and filtered) cut to `limit` rows in no order (SEARCH_LIMIT unless
    given), for a list to sort — sorting a thousand rows costs nothing, sorting every match would —
    and whether rows were cut.

    Returns a fresh queryset of the same model: apply select_related and ordering afterwards.
    """
    limit = SEARCH_LIMIT if limit is None else limit
    ids = list(qs.order_by().values_list("pk", flat=True)[: limit + 1])
    capped = len(ids) > limit
    if connection.vendor == "postgresql":
        # Given a list of ids, PostgreSQL walks the list's sort index looking for them (a second
        # for a common word at a million rows); given the capped subquery, it joins and sorts just
        # the matches. The trigram search is cheap enough there to run twice.
        return qs.model.objects.filter(pk__in=qs.order_by().values("pk")[:limit]), capped
    return qs.model.objects.filter(pk__in=ids[:limit]), capped
