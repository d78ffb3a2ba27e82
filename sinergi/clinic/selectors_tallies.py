"""Clinic figures for dashboards, read from the tally (`clinic.tallies`), never from the cases.

Sums tally rows inside a region (a province, regency, kecamatan or village code, or '' for
everything) grouped by the next level down (`place`) and by any dimensions, with the drill-down of
`core.tallies.read` (`registry.selectors_tallies.tally_rows`).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Sum

from sinergi.accounts.scoping import reach_of, region_within_q
from sinergi.clinic.models import Programme
from sinergi.clinic.tallies import CASES
from sinergi.registry.selectors_tallies import tally_rows


def case_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """Clinic cases in `region`, summed by `by` ("place", year, kind, stage, result, good), filtered
    by `where` on those dimensions (e.g. year=2026, stage="closed"). Limited to the user's
    jurisdiction when `user` is given."""
    return tally_rows(CASES, user=user, region=region, by=by, where=where)


def clinic_panel(*, user=None, region: str = "", year: int) -> dict:
    """The clinic's figures of a year in `region`: participants (enrolled, not only requested),
    closed, good, improved, unchanged, worse; and the targets of the programmes of that year whose
    office works inside `region` (a handful of rows, read directly)."""
    rows = case_tally(user=user, region=region, by=("stage", "result", "good"), year=year)
    figures = dict.fromkeys(("participants", "closed", "good", "improved", "unchanged", "worse"), 0)
    for row in rows:
        count = row["count"]
        if row["stage"] != "requested":
            figures["participants"] += count
        if row["stage"] == "closed":
            figures["closed"] += count
            figures[row["result"]] = figures.get(row["result"], 0) + count
            if row["good"]:
                figures["good"] += count
    programmes = Programme.objects.filter(year=year)
    if region:
        programmes = programmes.filter(region_within_q("region_code", region))
    if user is not None:
        programmes = programmes.filter(reach_of(user).region_q("region_code"))
    targets = programmes.aggregate(participants=Sum("target_participants"), good=Sum("target_good"))
    figures["year"] = year
    figures["target_participants"] = targets["participants"] or 0
    figures["target_good"] = targets["good"] or 0
    return figures
