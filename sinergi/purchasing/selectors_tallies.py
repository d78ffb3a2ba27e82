"""Joint purchasing figures for dashboards, read from the tally (`purchasing.tallies`), never from
rounds or orders.

Sums tally rows inside a region (a province, regency, kecamatan or village code, or '' for
everything) grouped by the next level down (`place`) and by month, with the drill-down of
`registry.selectors_tallies.tally_rows`. The place of a round is its network coordinator's
village.
"""

from __future__ import annotations

from collections.abc import Sequence

from sinergi.purchasing.tallies import ROUNDS
from sinergi.registry.selectors_tallies import tally_rows


def round_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """Rounds in `region`, summed by `by` ("place", month), filtered by `where` (month=…,
    month__gte=…, month__lt=… on the first day of a month). Each row has the group values and
    rounds_closed, goods, delivery, savings (whole Rupiah, Decimal) and ordering_cooperatives.
    Limited to the user's jurisdiction when `user` is given."""
    return tally_rows(ROUNDS, user=user, region=region, by=by, where=where)


def round_totals(*, user=None, region: str = "", **where) -> dict:
    """The joint purchasing measures of `region` as one row."""
    return round_tally(user=user, region=region, by=(), **where)[0]
