"""Registry figures for dashboards, read from the tallies (`registry.tallies`), never from profiles.

Each function sums tally rows inside a region (a province, regency, kecamatan or village code, or
'' for everything) grouped by the next level down and by any dimensions, reading the coarsest layer
that answers (`tally_rows`), so a page costs one indexed query per panel over the places it
shows, whatever the number of profiles underneath.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q, Sum

from sinergi.accounts.scoping import reach_of
from sinergi.core.tallies import CHILD, LEVEL_COLUMN, PROVINCE, Tally
from sinergi.regions.codes import code_within
from sinergi.registry.tallies import BUSINESSES, COOPERATIVES


def tally_rows(tally: Tally, *, user, region: str, by: Sequence[str], where: dict) -> list[dict]:
    """Sum the rows of `tally` inside `region` (a province, regency, kecamatan or village code, or
    '' for everything), grouped by `by` ("place" = the next level down, or any dimension) and
    filtered by `where` (a dimension, optionally with a lookup such as `month__gte`). Limited to the
    user's jurisdiction when `user` is given.

    Reads the coarsest layer that holds the level and the dimensions asked for, so a page costs the
    number of places and combinations it shows, not the number of rows counted underneath.
    """
    if len(region) not in CHILD:
        raise ValueError(f"not a region code: {region!r}")
    asked = {key.split("__")[0] for key in where} | {name for name in by if name != "place"}
    unknown = asked - set(tally.dimensions)
    if unknown:
        raise ValueError(f"unknown dimensions: {sorted(unknown)}")
    level = CHILD[len(region)] if "place" in by else max(len(region), PROVINCE)
    limit = Q()
    if user is not None:
        reach = reach_of(user)
        if not reach.everything:
            codes = reach.office_codes()
            if not (region and any(code_within(region, code) for code in codes)):
                inside = [code for code in codes if not region or code_within(code, region)]
                if not inside:
                    return _empty(tally, by)
                level = max(level, *(len(code) for code in inside))
                limit = Q(pk__in=[])
                for code in inside:
                    limit |= Q(**{LEVEL_COLUMN[len(code)]: code})
    # The fewest rows that answer: the coarsest level at or below the one asked, then the fewest
    # dimensions. The village layer holds every dimension, so there is always one.
    number = min(
        (layer.level, len(layer.dimensions), i)
        for i, layer in enumerate(tally.layers)
        if layer.level >= level and asked <= set(layer.dimensions)
    )[2]
    qs = tally.table().objects.filter(limit, layer=number)
    if region:
        qs = qs.filter(**{LEVEL_COLUMN[len(region)]: region})
    qs = qs.filter(**where)
    child = LEVEL_COLUMN[CHILD[len(region)]]
    groups = [child if name == "place" else name for name in by]
    sums = {m: Sum(m) for m in tally.measures}
    rows = qs.values(*groups).annotate(**sums).order_by(*groups) if groups else [qs.aggregate(**sums)]
    out = []
    for row in rows:
        item = {name: row[child if name == "place" else name] for name in by}
        item.update({m: row[m] or 0 for m in tally.measures})
        out.append(item)
    return out


def _empty(tally: Tally, by: Sequence[str]) -> list[dict]:
    return [] if by else [{m: 0 for m in tally.measures}]


def cooperative_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """Cooperatives in `region`, summed by `by` ("place" = the next level down, or any of status,
    cooperative_type, form), filtered by `where` on those dimensions. Each row has the group values
    and count, members_male, members_female, members_unspecified, with_rat. Limited to the user's
    jurisdiction when `user` is given."""
    return tally_rows(COOPERATIVES, user=user, region=region, by=by, where=where)


def business_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """UMKM in `region`, summed by `by` ("place", status, scale, sector, owner_gender), filtered by
    `where`. Each row has the group values and count, employees, annual_sales, capital (Decimal)."""
    return tally_rows(BUSINESSES, user=user, region=region, by=by, where=where)


def cooperative_totals(*, user=None, region: str = "", **where) -> dict:
    """The cooperative measures of `region` as one row."""
    return cooperative_tally(user=user, region=region, by=(), **where)[0]


def business_totals(*, user=None, region: str = "", **where) -> dict:
    """The UMKM measures of `region` as one row."""
    return business_tally(user=user, region=region, by=(), **where)[0]
