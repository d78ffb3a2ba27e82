"""Consignment figures for dashboards, read from the tally (`consignment.tallies`), never from the
sales: sales per place (kecamatan, or the next level down) and month.

The number of UMKM with goods in outlets cannot be summed from places (one producer stocks
several outlets, in several kecamatan), so it is counted live: distinct producers with stock on
hand in outlets inside the region — a small indexed count over the balance rows, not the sales.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone

from sinergi.accounts.scoping import reach_of, region_within_q
from sinergi.consignment.models import StockBalance
from sinergi.consignment.tallies import SALES
from sinergi.regions.models import Region
from sinergi.registry.selectors_tallies import tally_rows


def sale_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """Consignment sales in `region` summed by `by` ("place", "month"), filtered by `where` (e.g.
    month="2026-11", month__gte="2026-01"). Limited to the user's jurisdiction when `user` is given."""
    return tally_rows(SALES, user=user, region=region, by=by, where=where)


def producers_stocked(*, user=None, region: str = "") -> int:
    """Distinct UMKM with goods on hand in outlets inside `region` (and the user's jurisdiction)."""
    qs = StockBalance.objects.filter(on_hand__gt=0)
    if region:
        qs = qs.filter(region_within_q("outlet__region_code", region))
    if user is not None:
        qs = qs.filter(reach_of(user).region_q("outlet__region_code"))
    return qs.values("product__business_id").distinct().count()


def consignment_panel(*, user=None, region: str = "", month: str | None = None) -> dict:
    """The consignment figures of a month (this month by default) in `region`: sales, units and
    gross per place one level down, their totals, and the UMKM with goods in outlets."""
    month = month or timezone.localdate().strftime("%Y-%m")
    rows = sale_tally(user=user, region=region, by=("place",), month=month)
    places = [r for r in rows if r.get("count")]
    names = dict(Region.objects.filter(pk__in=[r["place"] for r in places]).values_list("pk", "name"))
    for row in places:
        row["name"] = names.get(row["place"], row["place"])
    return {
        "month": month,
        # The month's first day, for a page to name it ("Desember 2026"), never the raw "2026-12".
        "month_start": dt.date(int(month[:4]), int(month[5:7]), 1),
        "places": places,
        "sales": sum(r["count"] for r in places),
        "qty": sum(r["qty"] for r in places),
        "gross": sum((r["gross"] for r in places), 0),
        "producers": producers_stocked(user=user, region=region),
    }
