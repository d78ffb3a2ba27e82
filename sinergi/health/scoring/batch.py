"""Scoring many stored reports at once: the pure half of `health_score` (no Django).

The application reads report rows in chunks and hands each chunk to `score_chunk`, in this process
or in worker processes; `score_chunk` returns, per report, what the assessment row stores: the
total as shown, the predicate, the flags and the full explained result already encoded as JSON
(`Assessment.to_dict(detail=True)`). Encoding here lets the workers do that work in parallel too.

A report the engine refuses (figures outside every band of a table, reference.md §1.3 1a) comes
back as a failure with the engine's message instead of stopping the batch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sinergi.health.scoring.decimals import display
from sinergi.health.scoring.engine import assess, assess_indicative
from sinergi.health.scoring.report import AMOUNT_FIELDS, Report, ScoringError
from sinergi.health.scoring.results import Assessment

# Order of the amounts in a row; the application reads its columns in this order.
FIELDS = AMOUNT_FIELDS


@dataclass(frozen=True)
class Row:
    """One report to score: its id, the year, whether the indicative score applies (Decision 11),
    the amounts in `FIELDS` order and the management answers (`{"umum": [...], ...}`)."""

    report_id: int
    year: int
    indicative: bool
    amounts: tuple
    manajemen: dict | None


@dataclass(frozen=True)
class Scored:
    """The stored form of one assessment, or `error` when the engine refused the report."""

    report_id: int
    total: str | None = None
    predicate: str | None = None
    complete: bool = False
    official: bool = True
    result_json: str | None = None
    error: str | None = None


def encode(assessment: Assessment) -> str:
    """The detailed result as compact JSON text, exactly what the application stores."""
    return json.dumps(assessment.to_dict(detail=True), ensure_ascii=False, separators=(",", ":"))


def score_one(row: Row, rules: str) -> tuple[Assessment | None, str | None]:
    """The assessment of one row, or the engine's message when it refuses the figures."""
    try:
        report = Report(
            year=row.year, manajemen=row.manajemen or None, **dict(zip(FIELDS, row.amounts, strict=True))
        )
        score = assess_indicative if row.indicative else assess
        return score(report, rules), None
    except ScoringError as exc:
        return None, str(exc)


def score_chunk(rows: list[Row], rules: str) -> list[Scored]:
    """Score a chunk of rows with one rule set. Safe to run in a worker process."""
    results = []
    for row in rows:
        assessment, error = score_one(row, rules)
        if assessment is None:
            results.append(Scored(report_id=row.report_id, error=error))
            continue
        results.append(
            Scored(
                report_id=row.report_id,
                total=display(assessment.total),
                predicate=assessment.predicate,
                complete=assessment.complete,
                official=assessment.official,
                result_json=encode(assessment),
            )
        )
    return results
