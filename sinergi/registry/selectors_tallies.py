"""Registry figures for dashboards, read from the tallies (`registry.tallies`), never from profiles.

Each function sums tally rows inside a region (a province, regency, kecamatan or village code, or
'' for everything) grouped by the next level down and by any dimensions, so a page costs one
indexed query per panel whatever the number of profiles underneath.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet, Sum

from sinergi.accounts.scoping import reach_of
from sinergi.registry.models import BusinessTally, CooperativeTally
from sinergi.registry.tallies import BUSINESSES, COOPERATIVES, Tally

# The code column that pins a region of each code length, and the column one level down.
LEVELS = {
    0: (None, "province_code"),
    2: ("province_code", "regency_code"),
    5: ("regency_code", "district_code"),
    8: ("district_code", "region_code"),
    13: ("region_code", "region_code"),
}


def child_column(region: str) -> str:
    """The code column of the places one level below `region` ("32.71" → "district_code")."""
    return LEVELS[len(region)][1]


def tally_rows(model, tally: Tally, *, user, region: str, by: Sequence[str], where: dict) -> list[dict]:
    """Sum the rows of a tally `model` inside `region`, grouped by `by` ("place" = the next level
    down, or any dimension) and filtered by `where` (a dimension, optionally with a lookup such as
    `month__gte`). Every slice's tallies are read through here: one scoping, one drill-down."""
    if len(region) not in LEVELS:
        raise ValueError(f"not a region code: {region!r}")
    unknown = (set(by) | {key.split("__")[0] for key in where}) - {"place", *tally.dimensions}
    if unknown:
        raise ValueError(f"unknown dimensions: {sorted(unknown)}")
    column, child = LEVELS[len(region)]
    qs: QuerySet = model.objects.all()
    if column:
        qs = qs.filter(**{column: region})
    if user is not None:
        reach = reach_of(user)
        if not reach.everything:
            qs = qs.filter(reach.region_q("region_code"))
    qs = qs.filter(**{k: v for k, v in where.items() if k != "place"})
    groups = [child if name == "place" else name for name in by]
    sums = {m: Sum(m) for m in tally.measures}
    rows = qs.values(*groups).annotate(**sums).order_by(*groups) if groups else [qs.aggregate(**sums)]
    out = []
    for row in rows:
        item = {name: row[child if name == "place" else name] for name in by}
        item.update({m: row[m] or 0 for m in tally.measures})
        out.append(item)
    return out


def cooperative_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """Cooperatives in `region`, summed by `by` ("place" = the next level down, or any of status,
    cooperative_type, form), filtered by `where` on those dimensions. Each row has the group values
    and count, members_male, members_female, members_unspecified, with_rat. Limited to the user's
    jurisdiction when `user` is given."""
    return tally_rows(CooperativeTally, COOPERATIVES, user=user, region=region, by=by, where=where)


def business_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """UMKM in `region`, summed by `by` ("place", status, scale, sector, owner_gender), filtered by
    `where`. Each row has the group values and count, employees, annual_sales, capital (Decimal)."""
    return tally_rows(BusinessTally, BUSINESSES, user=user, region=region, by=by, where=where)


def cooperative_totals(*, user=None, region: str = "", **where) -> dict:
    """The cooperative measures of `region` as one row."""
    return cooperative_tally(user=user, region=region, by=(), **where)[0]


def business_totals(*, user=None, region: str = "", **where) -> dict:
    """The UMKM measures of `region` as one row."""
    return business_tally(user=user, region=region, by=(), **where)[0]
