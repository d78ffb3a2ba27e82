"""Background jobs with visible progress: the row a task updates and a page polls.

A job's progress is written with a plain UPDATE outside any long transaction, so a page polling
it sees progress while the task's own batches commit one by one.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from sinergi.core.models import Job


def job_create(*, actor, kind: str, label: str, params: dict | None = None, organization_id=None) -> Job:
    return Job.objects.create(
        kind=kind,
        label=label[:200],
        created_by=actor if getattr(actor, "pk", None) else None,
        params=params or {},
        organization_id=organization_id,
    )


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
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED, error=error[:5000], finished_at=timezone.now(), updated_at=timezone.now()
    )


def access_job(*, user, pk) -> Job:
    """A job is seen by the person who started it (and superusers)."""
    try:
        job = Job.objects.get(pk=int(pk))
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if job.created_by_id != user.pk and not user.is_superuser:
        raise Http404
    return job
