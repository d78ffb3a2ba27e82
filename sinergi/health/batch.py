"""Batch scoring of stored annual reports: `sinergi health_score`, the rescoring page and the benchmark.

The path is built for volume (DESIGN.md §7: 100,000 reports): reports are read in primary-key chunks
as plain tuples (`values_list`, no model instances), scored by the pure package — in worker
processes when there are many, while this process reads the next chunk and writes the previous
one — and written per chunk with one bulk upsert of the assessment rows. An assessment row keeps
the scored inputs and the component scores (about 1.5 KB), not the explanation, which the engine
gives again when it is shown (`scoring/stored.py`). The workers return both already encoded as
JSON, so encoding runs in parallel too.

One audit event records the batch (year, rule set, counts), not one per report: the per-report
history of interactive scoring is in the audit trail of `assessment_score`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_record
from sinergi.health import tallies
from sinergi.health.access import is_office_writer, office_writer_q
from sinergi.health.models import AnnualReport, Assessment, EncodedJSON, ReportStatus
from sinergi.health.scoring import RULE_SETS
from sinergi.health.scoring.batch import FIELDS, Row, Scored, score_chunk
from sinergi.health.scoring.stored import rules_version
from sinergi.registry.models import CooperativeType

CHUNK_SIZE = 2000
# Below this many reports, starting worker processes costs more than it saves.
PARALLEL_MIN = 4000
_COLUMNS = ("id", "year", "cooperative_id", "cooperative__cooperative_type", "manajemen", *FIELDS)
_UPDATE_FIELDS = [
    "cooperative",
    "year",
    "rules",
    "rules_version",
    "official",
    "total",
    "predicate",
    "complete",
    "inputs",
    "scores",
    "scored_by",
    "updated_at",
]


@dataclass
class BatchResult:
    """What a batch did: counts, predicates, and the reports the engine refused (id, message)."""

    total: int = 0
    scored: int = 0
    incomplete: int = 0
    predicates: Counter = field(default_factory=Counter)
    failures: list[tuple[int, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "scored": self.scored,
            "incomplete": self.incomplete,
            "failed": len(self.failures),
            "predicates": dict(sorted(self.predicates.items())),
            "failures": [{"report": pk, "error": error} for pk, error in self.failures[:100]],
        }


def default_workers() -> int:
    return int(getattr(settings, "SINERGI_HEALTH_SCORING_WORKERS", os.cpu_count() or 1))


def verified_reports(*, actor, year: int):
    """The verified reports of a year within the actor's jurisdiction (everything for the system)."""
    qs = AnnualReport.objects.filter(year=year, status=ReportStatus.VERIFIED)
    if not reach_of(actor).everything:
        qs = qs.filter(office_writer_q(actor, "cooperative__region_code"))
    return qs


def _chunks(qs, chunk_size: int) -> Iterator[list[tuple]]:
    # Keyset pagination on the primary key: every chunk is one indexed range scan, and the writes
    # between chunks never disturb an open cursor.
    last = 0
    while True:
        rows = list(qs.filter(pk__gt=last).order_by("pk").values_list(*_COLUMNS)[:chunk_size])
        if not rows:
            return
        last = rows[-1][0]
        yield rows


def _to_rows(rows: list[tuple]) -> list[Row]:
    return [
        Row(
            report_id=row[0],
            year=row[1],
            indicative=row[3] != CooperativeType.SIMPAN_PINJAM,
            amounts=row[5:],
            manajemen=row[4] or None,
        )
        for row in rows
    ]


def _write(rows: list[tuple], scored: list[Scored], rules: str, actor, result: BatchResult) -> None:
    owners = {row[0]: (row[2], row[1]) for row in rows}
    version = rules_version(rules)
    assessments = []
    for item in scored:
        if item.error is not None:
            result.failures.append((item.report_id, item.error))
            continue
        cooperative_id, year = owners[item.report_id]
        assessments.append(
            Assessment(
                report_id=item.report_id,
                cooperative_id=cooperative_id,
                year=year,
                rules=rules,
                rules_version=version,
                official=item.official,
                total=Decimal(item.total),
                predicate=item.predicate,
                complete=item.complete,
                inputs=EncodedJSON(item.inputs_json),
                scores=EncodedJSON(item.scores_json),
                scored_by=actor if getattr(actor, "pk", None) else None,
            )
        )
        result.scored += 1
        result.incomplete += 0 if item.complete else 1
        result.predicates[item.predicate or "-"] += 1
    with transaction.atomic():
        change = tallies.TallyChange().watch(reports=[item.report_id for item in assessments])
        Assessment.objects.bulk_create(
            assessments,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["report"],
            update_fields=_UPDATE_FIELDS,
        )
        change.apply()


def score_reports(
    *,
    actor,
    qs,
    rules: str,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> BatchResult:
    """Score every report of `qs` (verified reports) with `rules` and store the assessments."""
    if rules not in RULE_SETS:
        raise ValidationError({"rules": _("Aturan penilaian tidak dikenal: %(r)s") % {"r": rules}})
    result = BatchResult(total=qs.count())
    workers = default_workers() if workers is None else workers
    done = 0
    if progress:
        progress(0, result.total)
    if workers <= 1 or result.total < PARALLEL_MIN:
        for rows in _chunks(qs, chunk_size):
            _write(rows, score_chunk(_to_rows(rows), rules), rules, actor, result)
            done += len(rows)
            if progress:
                progress(done, result.total)
        return result
    # Spawned workers import only the pure scoring package: no Django, no inherited connection.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque = deque()
        for rows in _chunks(qs, chunk_size):
            pending.append((rows, pool.submit(score_chunk, _to_rows(rows), rules)))
            # Keep every worker busy with one chunk in hand while this process writes.
            while len(pending) > workers:
                done += _drain(pending, rules, actor, result)
                if progress:
                    progress(done, result.total)
        while pending:
            done += _drain(pending, rules, actor, result)
            if progress:
                progress(done, result.total)
    return result


def _drain(pending: deque, rules: str, actor, result: BatchResult) -> int:
    rows, future = pending.popleft()
    _write(rows, future.result(), rules, actor, result)
    return len(rows)


def assessments_score_year(
    *,
    actor,
    year: int,
    rules: str,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    job_id: int | None = None,
) -> BatchResult:
    """Score again every verified report of `year` within the actor's jurisdiction (admins and
    staff of an office, or the system actor) and record the batch in the audit trail."""
    if not is_office_writer(actor):
        raise PermissionDenied(_("Hanya petugas dinas yang dapat menilai ulang laporan."))
    result = score_reports(
        actor=actor,
        qs=verified_reports(actor=actor, year=year),
        rules=rules,
        progress=progress,
        workers=workers,
    )
    audit_record(
        actor=actor,
        action="assessment.batch",
        object_type="health.assessment",
        object_repr=_("Penilaian ulang tahun buku %(year)s") % {"year": year},
        after={
            "year": year,
            "rules": rules,
            "job": job_id,
            "at": timezone.now(),
            **{k: v for k, v in result.to_dict().items() if k != "failures"},
        },
    )
    return result
