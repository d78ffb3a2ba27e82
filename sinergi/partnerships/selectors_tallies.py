"""Partnership figures for dashboards, read from the tallies (`partnerships.tallies`), never from
the agreements themselves.

Sums tally rows inside a region (a province, regency, kecamatan or village code, or '' for
everything) grouped by the next level down (`place`) and by any dimensions, with the drill-down of
`registry.selectors_tallies.tally_rows`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sinergi.partnerships.tallies import AGREEMENTS, OBLIGATIONS
from sinergi.registry.selectors_tallies import tally_rows

MET = ("met_on_time", "met_late")


def agreement_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """Agreements in `region`, summed by `by` ("place", status, scope), filtered by `where` (scope=""
    counts each agreement once)."""
    return tally_rows(AGREEMENTS, user=user, region=region, by=by, where=where)


def obligation_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """Obligations in `region`, summed by `by` ("place", state, measure)."""
    return tally_rows(OBLIGATIONS, user=user, region=region, by=by, where=where)


def partnerships_panel(*, user=None, region: str = "") -> dict:
    """The panel of a dashboard: agreements in force and obligations met, in total and per place one
    level below `region` (limited to the user's jurisdiction when `user` is given)."""
    agreements = agreement_tally(user=user, region=region, by=("place", "status"), scope="")
    obligations = obligation_tally(user=user, region=region, by=("place", "state"))
    places: dict[str, dict] = {}

    def row(item):
        return places.setdefault(
            item["place"], {"place": item["place"], "name": item["place"],
                            "active": 0, "agreements": 0, "met": 0, "obligations": 0, "overdue": 0}
        )  # fmt: skip

    for item in agreements:
        r = row(item)
        r["agreements"] += item["count"]
        if item["status"] == "active":
            r["active"] += item["count"]
    for item in obligations:
        r = row(item)
        r["obligations"] += item["count"]
        if item["state"] in MET:
            r["met"] += item["count"]
        if item["state"] in ("overdue", "missed"):
            r["overdue"] += item["count"]
    from sinergi.regions.models import Region

    names = dict(Region.objects.filter(pk__in=list(places)).values_list("pk", "name"))
    for code, r in places.items():
        r["name"] = names.get(code, code)
    rows = sorted(
        (r for r in places.values() if r["agreements"] or r["obligations"]), key=lambda r: r["place"]
    )
    totals = {
        key: sum(r[key] for r in rows) for key in ("active", "agreements", "met", "obligations", "overdue")
    }
    return {"rows": rows, **totals}
