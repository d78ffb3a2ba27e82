"""A stored annual report in the scoring input schema: what the engine, the PEARLS ratios, the JSON
download and a stored assessment all read, written once for every caller."""

from __future__ import annotations

from sinergi.health.scoring.report import AMOUNT_FIELDS
from sinergi.health.scoring.stored import input_document


def report_input(report) -> dict:
    """The report in the scoring input schema (what `sinergi health_assess` reads)."""
    return input_document(
        report.year, {name: getattr(report, name) for name in AMOUNT_FIELDS}, report.manajemen
    )
