"""Health figures for dashboards, read from the tallies (`health.tallies`), never from reports.

Each function sums tally rows inside a region (a province, regency, kecamatan or village code, or
'' for everything) grouped by the next level down (`place`) and by any dimensions, with the
drill-down of `registry.selectors_tallies.tally_rows`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sinergi.health.tallies import ASSESSMENTS, REPORTS
from sinergi.registry.selectors_tallies import tally_rows


def assessment_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """Assessed cooperatives in `region`, summed by `by` ("place", year, predicate, official),
    filtered by `where` on those dimensions (e.g. year=2025). Each row has the group values and
    count. The predicate is '' for an incomplete assessment. Limited to the user's jurisdiction
    when `user` is given."""
    return tally_rows(ASSESSMENTS, user=user, region=region, by=by, where=where)


def report_tally(*, user=None, region: str = "", by: Sequence[str] = ("place",), **where) -> list[dict]:
    """Annual reports in `region`, summed by `by` ("place", year), filtered by `where`. Each row has
    the group values and submitted, verified, returned (reports now in that state) and rat_held
    (verified reports with a RAT date: the RAT held for that financial year)."""
    return tally_rows(REPORTS, user=user, region=region, by=by, where=where)


def assessment_totals(*, user=None, region: str = "", **where) -> dict:
    """The assessment count of `region` as one row."""
    return assessment_tally(user=user, region=region, by=(), **where)[0]


def report_totals(*, user=None, region: str = "", **where) -> dict:
    """The report measures of `region` as one row."""
    return report_tally(user=user, region=region, by=(), **where)[0]
