"""Organisations by a piece of their name, fast at a million rows.

Names are matched by substring through a trigram index: on PostgreSQL pg_trgm GIN indexes on the
upper-cased name (what Django's `icontains` compares), one partial index per kind with many rows
(UMKM, cooperatives); on SQLite an FTS5 table with the trigram tokenizer, kept in step with
`accounts_organization` by triggers. Both are created by accounts migration 0004. Text shorter
than three characters has no trigram and is matched by a plain scan.

A list applies the user's scope and filters to the matches first and then keeps the first
SEARCH_LIMIT of them in no order (`first_matches`): sorting every "warung" of a million businesses
by name before taking the first page would cost a second, and nobody reads past the first pages of
such a list — they narrow the search instead (the page says so). Capping before
the scope would hide what the user may see behind matches elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable

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
    """Ids of organisations (of `kind`, if given) whose name contains `q`, as a values queryset for
    `pk__in`: all of them, or the first `limit` the index gives. Lists filter by scope and region
    first and then take `first_matches`."""
    text = " ".join((q or "").split())
    if len(text) >= 3 and connection.vendor == "sqlite":
        # The table name is a constant; the user's text, the kind and the limit are bound parameters.
        sql = "SELECT rowid FROM registry_org_fts WHERE registry_org_fts MATCH %s"
        params: list = [_fts_query(text)]
        if kind:
            sql += " AND kind = %s"
            params.append(kind)
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
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
    # No ordering: organisations sort by name by default, which a capped subquery would pay for.
    matches = Organization.objects.filter(condition).order_by().values("pk")
    return matches if limit is None else Organization.objects.filter(pk__in=matches[:limit]).values("pk")


# SQLite first looks among this many times SEARCH_LIMIT name matches (the index stops early); only
# when those hold too few that the user may see does it look through all of them.
PROBE_FACTOR = 2


def _ids(qs: QuerySet, count: int) -> list:
    return list(qs.order_by().values_list("pk", flat=True)[:count])


def first_matches(
    rows: Callable[[int | None], QuerySet], *, q: str, kind: str | None = None, limit: int | None = None
) -> tuple[QuerySet, bool]:
    """A list's rows: `rows(match_limit)` builds the scoped, filtered queryset whose name search for
    `q` takes at most `match_limit` matches (None: all). Without `q`, that queryset whole; with it,
    `limit` of its rows (SEARCH_LIMIT unless given) in no order, for the list to sort — sorting a
    thousand rows costs nothing, sorting every match would — and whether rows were cut.

    The rows are always a cut of what the user may see: matches elsewhere never push theirs out.
    Returns a fresh queryset of the same model: apply select_related and ordering afterwards.
    """
    if not q:
        return rows(None), False
    limit = SEARCH_LIMIT if limit is None else limit
    if connection.vendor == "postgresql":
        qs = rows(None)
        capped = len(_ids(qs, limit + 1)) > limit
        # Given a list of ids, PostgreSQL walks the list's sort index looking for them (a second
        # for a common word at a million rows); given the capped subquery, it joins and sorts just
        # the matches. The trigram search is cheap enough there to run twice.
        return qs.model.objects.filter(pk__in=qs.order_by().values("pk")[:limit]), capped
    probe = PROBE_FACTOR * limit
    qs = rows(probe)
    ids = _ids(qs, limit + 1)
    if len(ids) <= limit and len(_ids(name_matches(q, kind=kind, limit=probe), probe)) >= probe:
        # The probe did not hold every match and too few of those it held are the user's.
        qs = rows(None)
        ids = _ids(qs, limit + 1)
    return qs.model.objects.filter(pk__in=ids[:limit]), len(ids) > limit
