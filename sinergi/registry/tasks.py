"""Background work of the registry: each task calls one service, which does the work and keeps
its job's progress and result."""

from __future__ import annotations

from django_tasks import task

from sinergi.registry import services
from sinergi.registry.services.duplicates import duplicate_scan_run


@task()
def run_import(batch_id: int, dry_run: bool, job_id: int | None = None) -> dict:
    """Check (dry run) or import an uploaded sheet (see services.import_batch_run).

    Each request to run has its own job: a second click on "import" is a second job, which the
    first one's lock refuses, rather than a second run of the first. Tasks queued before the job
    was passed follow the batch's latest job.
    """
    return services.import_batch_run(batch_id=batch_id, dry_run=dry_run, job_id=job_id)


@task()
def run_duplicate_scan(job_id: int, *_queued_before: object) -> dict:
    """Scan a large region for duplicates (see services.duplicates.duplicate_scan_run).

    The job holds who started the scan, the kind and the region; scans queued with them as
    arguments as well still run.
    """
    return duplicate_scan_run(job_id=job_id)
