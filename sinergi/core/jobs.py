"""Background jobs with visible progress: the row a task updates and a page polls.

A job's progress is written with a plain UPDATE outside any long transaction, so a page polling
it sees progress while the task's own batches commit one by one.

Every job ends. Work run inside `job_failure_recorded` ends its job "failed" with a reason its
owner can read whatever went wrong, and a job whose worker was killed is ended by
`job_sweep_stale` once it has reported nothing for `STALE_AFTER`.

An exclusive job names a lock and the region it covers (`job_create(lock=..., lock_scope=...)`):
`job_start` starts it only while no other running job holds the same lock over an overlapping
region. Its status is the lock, so it is released however the job ends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from sinergi.core.models import Job

logger = logging.getLogger(__name__)

# A running job reports at least once per batch of work (an import: every 50,000 rows, seconds
# apart). Half an hour of silence means its worker is gone; long enough that no live job is
# declared dead, short enough that an office is not kept from importing for the rest of the day.
STALE_AFTER = dt.timedelta(minutes=30)


def job_create(
    *,
    actor,
    kind: str,
    label: str,
    params: dict | None = None,
    organization_id=None,
    lock: str = "",
    lock_scope: str = "",
) -> Job:
    return Job.objects.create(
        kind=kind,
        label=label[:200],
        created_by=actor if getattr(actor, "pk", None) else None,
        params=params or {},
        organization_id=organization_id,
        lock=lock,
        lock_scope=lock_scope,
    )


def scopes_overlap(a: str, b: str) -> bool:
    """Two region scopes overlap when one lies inside the other ("" is everywhere)."""
    return not a or not b or a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _serialise(lock: str) -> None:
    """Make claims of one lock take turns until the end of the current transaction.

    PostgreSQL: a transaction-level advisory lock on the lock's name. SQLite: nothing to do, the
    claim's transaction is IMMEDIATE and so already holds the database's single write lock.
    """
    if connection.vendor == "postgresql":
        key = int.from_bytes(hashlib.blake2b(lock.encode(), digest_size=8).digest(), "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def job_lock_holder(*, lock: str, scope: str, exclude: int | None = None) -> Job | None:
    """The running job that holds `lock` over a region overlapping `scope`, if any.

    Jobs that stopped reporting are swept first: a killed worker does not keep the lock.
    """
    job_sweep_stale()
    running = Job.objects.filter(status=Job.Status.RUNNING, lock=lock).order_by("created_at")
    if exclude is not None:
        running = running.exclude(pk=exclude)
    return next((job for job in running if scopes_overlap(job.lock_scope, scope)), None)


def job_start(job_id: int) -> Job | None:
    """Mark a job running; returns None, or for an exclusive job the running job that holds its
    lock, in which case this one is left as it was.

    The check and the claim are one transaction that claims of the same lock take in turns, so
    of two jobs started at the same moment exactly one runs.
    """
    with transaction.atomic():
        job = Job.objects.get(pk=job_id)
        if job.lock:
            _serialise(job.lock)
            holder = job_lock_holder(lock=job.lock, scope=job.lock_scope, exclude=job.pk)
            if holder is not None:
                return holder
        now = timezone.now()
        Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, updated_at=now)
    return None


def job_progress(job_id: int, done: int, total: int, message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, done=done, total=total, message=message[:300], updated_at=timezone.now()
    )


def job_finish(job_id: int, result: dict) -> None:
    with transaction.atomic():
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.DONE, result=result, finished_at=timezone.now(), updated_at=timezone.now()
        )


def job_fail(job_id: int, error: str) -> None:
    """End a job "failed" with `error`, the reason its owner reads: a lazy translation is worded
    in the owner's language (a worker has no request to take a language from).

    Called after the work failed, outside its transactions: when the failure was the database
    connection itself, the reason is written through a fresh connection.
    """

    def record() -> None:
        text = error
        if isinstance(error, Promise):
            owner = Job.objects.filter(pk=job_id).values_list("created_by__language", flat=True).first()
            with translation.override(owner or settings.LANGUAGE_CODE):
                text = str(error)
        now = timezone.now()
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED, error=str(text)[:5000], finished_at=now, updated_at=now
        )

    try:
        record()
    except (OperationalError, InterfaceError):
        if connection.in_atomic_block:
            raise
        connection.close()
        record()


@contextmanager
def job_failure_recorded(
    job_id: int, reason: str, *, told: tuple[type[Exception], ...] = ()
) -> Iterator[None]:
    """Run a job's work; whatever it raises ends the job "failed", then propagates.

    An exception of a `told` class carries its own reason for the job's owner (a refused file, a
    ValidationError); anything else ends the job with `reason` (a lazy translation is worded in
    the owner's language) instead of a programmer's message, and goes on to the task queue's log. The work runs at the top of
    its task, outside any transaction: by the time the failure is recorded the work's own
    transaction has been rolled back, and the record is committed on its own.
    """
    try:
        yield
    except told as exc:
        job_fail(job_id, " ".join(getattr(exc, "messages", None) or [str(exc)]))
        raise
    except Exception:
        logger.exception("job %s failed", job_id)
        job_fail(job_id, reason)
        raise


def job_sweep_stale(*, now: dt.datetime | None = None) -> int:
    """End "failed" every running job that has reported nothing for `STALE_AFTER` (its worker was
    killed or lost its database); returns how many.

    Read first and write only when there is something to end: pages that poll a job call it,
    and on SQLite a write would wait behind an import's batch.
    """
    now = now or timezone.now()
    cutoff = now - STALE_AFTER
    stale = list(
        Job.objects.filter(status=Job.Status.RUNNING, updated_at__lt=cutoff).select_related("created_by")
    )
    ended = 0
    for job in stale:
        language = getattr(job.created_by, "language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            reason = _(
                "Pekerjaan ini terhenti: tidak ada kemajuan selama %(minutes)s menit. Silakan jalankan lagi."
            ) % {"minutes": int(STALE_AFTER.total_seconds() // 60)}
        # Only if it is still silent: a job that reported meanwhile is alive.
        ended += Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, updated_at__lt=cutoff).update(
            status=Job.Status.FAILED, error=reason, finished_at=now, updated_at=now
        )
    return ended


def access_job(*, user, pk) -> Job:
    """A job is seen by the person who started it (and superusers)."""
    job_sweep_stale()
    try:
        job = Job.objects.get(pk=int(pk))
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if job.created_by_id != user.pk and not user.is_superuser:
        raise Http404
    return job
