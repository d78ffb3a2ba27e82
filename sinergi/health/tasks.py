"""Background work of the health slice: thin entry points of the task queue.

Each task only hands its arguments to a service, which does the work and keeps its `core.Job` up to
date (progress, summary, failure), so a page and `sinergi health_score` can follow it.
"""

from __future__ import annotations

from django_tasks import task

from sinergi.health.services import annual_report_import_run, assessment_batch_run


@task()
def score_year_task(*, job_id: int, actor_id: int, year: int, rules: str) -> dict:
    """Score again the verified reports of one year."""
    return assessment_batch_run(job_id=job_id, actor_id=actor_id, year=year, rules=rules)


@task()
def import_reports_task(*, job_id: int, actor_id: int, path: str, submit: bool, dry_run: bool) -> dict:
    """Import a kept XLSX upload of annual reports."""
    return annual_report_import_run(
        job_id=job_id, actor_id=actor_id, path=path, submit=submit, dry_run=dry_run
    )
