"""Background work of the health slice: batch scoring and the import of annual reports.

Each task updates its `core.Job` as it goes, so the job page (and `sinergi health_score`) can
follow it; a failure is recorded on the job before the task fails.
"""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.urls import reverse
from django_tasks import task

from sinergi.accounts.models import User
from sinergi.core.jobs import job_fail, job_finish, job_progress
from sinergi.health.batch import assessments_score_year
from sinergi.health.importers import import_reports


def _progress(job_id: int, message: str):
    return lambda done, total: job_progress(job_id, done, total, message)


@task()
def score_year_task(*, job_id: int, actor_id: int, year: int, rules: str) -> dict:
    """Score again the verified reports of one year (`assessments_score_year`)."""
    actor = User.objects.get(pk=actor_id)
    try:
        result = assessments_score_year(
            actor=actor, year=year, rules=rules, progress=_progress(job_id, str(year)), job_id=job_id
        )
    except Exception as exc:
        job_fail(job_id, str(exc))
        raise
    summary = {k: v for k, v in result.to_dict().items()}
    summary["next_url"] = reverse("health:report_list") + f"?year={year}&status=verified"
    job_finish(job_id, summary)
    return {k: v for k, v in summary.items() if k != "failures"}


@task()
def import_reports_task(*, job_id: int, actor_id: int, path: str, submit: bool, dry_run: bool) -> dict:
    """Import a kept XLSX upload, then delete it (import files are not retained)."""
    actor = User.objects.get(pk=actor_id)
    try:
        result = import_reports(
            actor=actor, path=path, submit=submit, dry_run=dry_run, progress=_progress(job_id, "")
        )
    except ValidationError as exc:
        job_fail(job_id, " ".join(exc.messages))
        return {"error": exc.messages}
    except Exception as exc:
        job_fail(job_id, str(exc))
        raise
    finally:
        if os.path.exists(path):
            os.remove(path)
    summary = result.to_dict()
    summary["next_url"] = reverse("health:import_result", args=[job_id])
    job_finish(job_id, summary)
    return {k: v for k, v in summary.items() if k != "rejected"}
