"""Product figures for dashboards, read from the tally (`market.tallies`), never from the products.

Sums tally rows inside a region (a province, regency, kecamatan or village code, or '' for
everything) with the drill-down of `core.tallies` (`registry.selectors_tallies.tally_rows`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sinergi.market.tallies import PRODUCERS, PRODUCTS
from sinergi.registry.selectors_tallies import tally_rows


def product_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """Products in `region`, summed by `by` ("place", category, status, legality), filtered by
    `where` on those dimensions (e.g. status="published"). Limited to the user's jurisdiction when
    `user` is given."""
    return tally_rows(PRODUCTS, user=user, region=region, by=by, where=where)


def catalogue_panel(*, user=None, region: str = "") -> dict:
    """The market's figures in `region`: published products, UMKM with published products,
    products waiting for curation, and products whose legality has expired."""
    figures = dict.fromkeys(("published", "producers", "waiting", "expired"), 0)
    for row in product_tally(user=user, region=region, by=("status", "legality")):
        count = row["count"]
        if row["status"] == "published":
            figures["published"] += count
        elif row["status"] == "submitted":
            figures["waiting"] += count
        if row["legality"] == "expired":
            figures["expired"] += count
    rows = tally_rows(PRODUCERS, user=user, region=region, by=(), where={})
    figures["producers"] = sum(row["count"] for row in rows)
    return figures
