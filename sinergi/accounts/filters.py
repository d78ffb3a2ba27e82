"""One definition of the organisation list filters, shared by the HTML list and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from sinergi.accounts.models import OrganizationKind
from sinergi.accounts.scoping import region_within_q
from sinergi.accounts.search import name_matches


@dataclass(frozen=True)
class OrganizationFilters:
    kind: str = ""
    region: str = ""
    q: str = ""

    @classmethod
    def from_params(cls, params) -> OrganizationFilters:
        kind = (params.get("kind") or "").strip()
        return cls(
            kind=kind if kind in OrganizationKind.values else "",
            region=(params.get("region") or "").strip(),
            q=(params.get("q") or "").strip()[:100],
        )

    def apply(self, qs: QuerySet, match_limit: int | None = None) -> QuerySet:
        """`match_limit`: at most this many name matches (see accounts.search.first_matches)."""
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.region:
            qs = qs.filter(region_within_q("region", self.region))
        if self.q:
            # Through the trigram name index (see accounts.search).
            qs = qs.filter(pk__in=name_matches(self.q, kind=self.kind or None, limit=match_limit))
        return qs
