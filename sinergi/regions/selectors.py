"""Reads of the region tree (public reference data: no scoping needed)."""

from __future__ import annotations

from django.db.models import QuerySet

from sinergi.regions.codes import ancestor_codes
from sinergi.regions.models import Region


def region_children(*, parent_code: str | None) -> QuerySet[Region]:
    if not parent_code:
        return Region.objects.filter(level=1).order_by("name")
    return Region.objects.filter(parent_id=parent_code).order_by("name")


def region_get(*, code: str) -> Region | None:
    return Region.objects.filter(pk=code).first()


def region_chain(*, code: str | None) -> list[Region]:
    """The region and its ancestors, province first."""
    if not code:
        return []
    regions = {r.code: r for r in Region.objects.filter(code__in=ancestor_codes(code))}
    return [regions[c] for c in ancestor_codes(code) if c in regions]


def region_search(*, q: str, within: str | None = None, limit: int = 20) -> QuerySet[Region]:
    qs = Region.objects.filter(name__icontains=q.strip())
    if within:
        qs = qs.filter(code__startswith=within)
    return qs.order_by("level", "name")[:limit]
