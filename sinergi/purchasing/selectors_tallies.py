"""Joint purchasing figures for dashboards, read from the tally (`purchasing.tallies`), never from
rounds or orders.

Sums tally rows inside a region (a province, regency, kecamatan or village code, or '' for
everything) grouped by the next level down (`place`) and by month, with the registry's drill-down
levels (`registry.selectors_tallies.LEVELS`). The place of a round is its network coordinator's
village.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet, Sum

from sinergi.accounts.scoping import reach_of
from sinergi.purchasing.models import RoundTally
from sinergi.purchasing.tallies import ROUNDS
from sinergi.registry.selectors_tallies import LEVELS


def round_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """Rounds in `region`, summed by `by` ("place", month), filtered by `where` (month=…,
    month__gte=…, month__lt=… on the first day of a month). Each row has the group values and
    rounds_closed, goods, delivery, savings (whole Rupiah, Decimal) and ordering_cooperatives.
    Limited to the user's jurisdiction when `user` is given."""
    if len(region) not in LEVELS:
        raise ValueError(f"not a region code: {region!r}")
    unknown = (set(by) | {k.split("__")[0] for k in where}) - {"place", *ROUNDS.dimensions}
    if unknown:
        raise ValueError(f"unknown dimensions: {sorted(unknown)}")
    column, child = LEVELS[len(region)]
    qs: QuerySet = RoundTally.objects.all()
    if column:
        qs = qs.filter(**{column: region})
    if user is not None:
        reach = reach_of(user)
        if not reach.everything:
            qs = qs.filter(reach.region_q("region_code"))
    qs = qs.filter(**where)
    groups = [child if name == "place" else name for name in by]
    sums = {m: Sum(m) for m in ROUNDS.measures}
    rows = qs.values(*groups).annotate(**sums).order_by(*groups) if groups else [qs.aggregate(**sums)]
    out = []
    for row in rows:
        item = {name: row[child if name == "place" else name] for name in by}
        item.update({m: row[m] or 0 for m in ROUNDS.measures})
        out.append(item)
    return out


def round_totals(*, user=None, region: str = "", **where) -> dict:
    """The joint purchasing measures of `region` as one row."""
    return round_tally(user=user, region=region, by=(), **where)[0]
