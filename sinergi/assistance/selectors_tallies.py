"""Warung-assistance figures for dashboards, read from the tally (`assistance.tallies`), never from
the applications themselves."""

from __future__ import annotations

from collections.abc import Sequence

from sinergi.assistance.tallies import APPLICATIONS
from sinergi.registry.selectors_tallies import tally_rows


def application_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """Applications in `region`, summed by `by` ("place", year, status), filtered by `where`."""
    return tally_rows(APPLICATIONS, user=user, region=region, by=by, where=where)


def assistance_panel(*, user=None, region: str = "", year: int | None = None) -> dict:
    """Applications of the programmes of `year` (every year when None) in `region`: applied (all),
    eligible (everyone not refused by a rule), selected (selected or handed over), handed over."""
    where = {"year": year} if year is not None else {}
    rows = application_tally(user=user, region=region, by=("status",), **where)
    counts = {row["status"]: row["count"] for row in rows}
    applied = sum(counts.values())
    handed_over = counts.get("handed_over", 0)
    selected = counts.get("selected", 0) + handed_over
    return {
        "year": year,
        "applied": applied,
        "eligible": applied - counts.get("ineligible", 0),
        "selected": selected,
        "handed_over": handed_over,
    }
