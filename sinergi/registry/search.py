"""Finding cooperatives and businesses by name, NIB or NIK Koperasi, fast at a million rows.

Numbers are looked up exactly: a 13-digit NIB, an NIK Koperasi, or a legal-entity number. Names go
through the trigram name index of `sinergi.accounts.search`; lists cap the scoped result there.
"""

from __future__ import annotations

from django.db.models import QuerySet

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.search import name_matches
from sinergi.registry.keys import legal_key
from sinergi.registry.models import BusinessProfile, CooperativeProfile


def search_organizations(q: str, *, kind: str | None = None, match_limit: int | None = None) -> QuerySet:
    """Ids of organisations matching `q` (a values queryset for `pk__in`); a name search takes at
    most `match_limit` matches (see accounts.search.first_matches)."""
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
    return name_matches(text, kind=kind, limit=match_limit)


# The SQLite trigger that indexes each new organisation name (see accounts migration 0004).
FTS_INSERT_TRIGGER = (
    "CREATE TRIGGER registry_org_fts_ai AFTER INSERT ON accounts_organization BEGIN "
    "INSERT INTO registry_org_fts(rowid, name, kind) VALUES (new.id, new.name, new.kind); END"
)
