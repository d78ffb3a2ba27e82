"""Scoring many stored reports at once: the pure half of `health_score` (no Django).

The application reads report rows in chunks and hands each chunk to `score_chunk`, in this process
or in worker processes; `score_chunk` returns, per report, what the assessment row stores
(`stored.py`): the total as shown, the predicate, the flags, and the scored inputs and component
scores already encoded as JSON. Encoding here lets the workers do that work in parallel too.

A report the engine refuses (figures outside every band of a table, reference.md §1.3 1a) comes
back as a failure with the engine's message instead of stopping the batch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sinergi.health.scoring.decimals import display
from sinergi.health.scoring.report import AMOUNT_FIELDS, ScoringError
from sinergi.health.scoring.results import Assessment
from sinergi.health.scoring.stored import compact_inputs, component_scores, input_document, score

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
    inputs_json: str | None = None
    scores_json: str | None = None
    error: str | None = None


def encode(data) -> str:
    """Compact JSON text, exactly what the application stores."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def row_inputs(row: Row) -> dict:
    """The row's report as an assessment keeps it (`stored.compact_inputs`)."""
    return compact_inputs(
        input_document(row.year, dict(zip(FIELDS, row.amounts, strict=True)), row.manajemen)
    )


def score_one(row: Row, rules: str) -> tuple[Assessment | None, dict, str | None]:
    """The assessment of one row with the inputs it read, or the engine's message when it refuses
    the figures."""
    inputs = row_inputs(row)
    try:
        return score(inputs, rules, official=not row.indicative), inputs, None
    except ScoringError as exc:
        return None, inputs, str(exc)


def score_chunk(rows: list[Row], rules: str) -> list[Scored]:
    """Score a chunk of rows with one rule set. Safe to run in a worker process."""
    results = []
    for row in rows:
        assessment, inputs, error = score_one(row, rules)
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
                inputs_json=encode(inputs),
                scores_json=encode(component_scores(assessment)),
            )
        )
    return results
