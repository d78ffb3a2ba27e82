"""One definition of the organisation list filters, shared by the HTML list and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from sinergi.accounts.models import OrganizationKind
from sinergi.accounts.scoping import region_within_q
from sinergi.accounts.search import name_matches


def _region(params) -> str:
    """The deepest level chosen in the region picker (`region_1` … `region_4`), or a plain `region`
    code from an API client; anything that is not a region code is no filter."""
    value = next((params.get(f"region_{level}") for level in (4, 3, 2, 1) if params.get(f"region_{level}")), None)
    value = (value or params.get("region") or "").strip()
    parts = value.split(".")
    if not value or len(parts) > 4 or not all(p.isdigit() for p in parts):
        return ""
    return value


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
            region=_region(params),
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
