"""Finding cooperatives and businesses by name, NIB or NIK Koperasi, fast at a million rows.

Names are searched by substring through a trigram index: PostgreSQL's pg_trgm GIN index on the
upper-cased name (what Django's `icontains` compares), SQLite's FTS5 table with the trigram
tokenizer, kept in step with `accounts_organization` by triggers (migrations 0002 and 0005). Queries shorter
than three characters fall back to a plain scan. Numbers are looked up exactly: a 13-digit NIB, an
NIK Koperasi, or a legal-entity number. Broad name searches are capped at SEARCH_LIMIT matches.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.registry.keys import legal_key
from sinergi.registry.models import BusinessProfile, CooperativeProfile


def _fts_query(text: str) -> str:
    # A quoted FTS5 string is a phrase: every trigram must appear, in order — a substring match.
    return '"' + text.replace('"', '""') + '"'


# A name search that matches more than this many organisations is cut here (and the page says
# so): sorting every "keripik" of a million businesses by name would cost a second, and nobody
# reads past the first pages of such a list — they narrow the search instead.
SEARCH_LIMIT = 1000


def search_organizations(q: str, *, kind: str | None = None, limit: int = SEARCH_LIMIT) -> QuerySet:
    """Ids of organisations matching `q`, at most `limit` of them (a values queryset for `pk__in`)."""
    text = " ".join((q or "").split())
    digits = text.replace(".", "").replace("-", "").replace(" ", "")
    if digits.isdigit() and len(digits) >= 6:
        # Identity numbers are looked up on the profile tables' partial unique indexes; the
        # "not empty" condition is spelled out so the database may use them.
        matches = []
        if kind in (None, OrganizationKind.UMKM):
            matches.append(
                BusinessProfile.objects.filter(nib=digits)
                .exclude(nib="")
                .values_list("organization_id", flat=True)
            )
        if kind in (None, OrganizationKind.COOPERATIVE):
            matches.append(
                CooperativeProfile.objects.filter(nik_koperasi=digits)
                .exclude(nik_koperasi="")
                .values_list("organization_id", flat=True)
            )
            matches.append(
                CooperativeProfile.objects.filter(legal_key=legal_key(text)).values_list(
                    "organization_id", flat=True
                )
            )
        ids = [pk for qs in matches for pk in qs]
        return Organization.objects.filter(pk__in=ids).values("pk")
    if kind in (None, OrganizationKind.COOPERATIVE) and "/" in text and any(ch.isdigit() for ch in text):
        ids = list(
            CooperativeProfile.objects.filter(legal_key=legal_key(text)).values_list(
                "organization_id", flat=True
            )
        )
        return Organization.objects.filter(pk__in=ids).values("pk")
    if len(text) >= 3 and connection.vendor == "sqlite":
        # The table name is a constant; the user's text, the kind and the limit are bound parameters.
        if kind:
            sql = "SELECT rowid FROM registry_org_fts WHERE registry_org_fts MATCH %s AND kind = %s LIMIT %s"
            params = [_fts_query(text), kind, limit]
        else:
            sql = "SELECT rowid FROM registry_org_fts WHERE registry_org_fts MATCH %s LIMIT %s"
            params = [_fts_query(text), limit]
        return Organization.objects.filter(pk__in=RawSQL(sql, params)).values("pk")  # noqa: S611
    # PostgreSQL: a partial trigram index per kind answers `kind = … AND UPPER(name) LIKE …`.
    qs = Organization.objects.filter(name__icontains=text)
    if kind:
        qs = qs.filter(kind=kind)
    # No ordering inside the capped subquery: organisations sort by name by default, and sorting
    # every match before taking the first thousand is the cost the cap exists to avoid.
    return Organization.objects.filter(pk__in=qs.order_by().values("pk")[:limit]).values("pk")


def search_is_capped(q: str, *, kind: str | None = None) -> bool:
    """True when a name search matches more organisations than a list shows."""
    return len(search_organizations(q, kind=kind, limit=SEARCH_LIMIT + 1)) > SEARCH_LIMIT


# The SQLite trigger that indexes each new organisation name (see migration 0002).
FTS_INSERT_TRIGGER = (
    "CREATE TRIGGER registry_org_fts_ai AFTER INSERT ON accounts_organization BEGIN "
    "INSERT INTO registry_org_fts(rowid, name, kind) VALUES (new.id, new.name, new.kind); END"
)
