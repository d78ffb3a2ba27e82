"""The import of annual reports from an uploaded XLSX sheet, as a background job."""

from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.core.jobs import job_create, job_fail, job_finish, job_progress
from sinergi.core.models import Job

IMPORT_FAILED = gettext_lazy(
    "Impor laporan tahunan berhenti karena kesalahan sistem; hubungi admin bila terulang."
)


def annual_report_import_start(*, actor, upload, submit: bool = False, dry_run: bool = False) -> Job:
    """Check and keep an uploaded XLSX of annual reports, and queue its import as a job."""
    from sinergi.health import importers
    from sinergi.health.tasks import import_reports_task

    path = importers.store_upload(upload)
    job = job_create(
        actor=actor,
        kind=importers.JOB_KIND,
        label=_("Impor laporan tahunan: %(name)s") % {"name": getattr(upload, "name", "")[:100]},
        params={"submit": submit, "dry_run": dry_run, "name": getattr(upload, "name", "")[:100]},
    )
    transaction.on_commit(
        lambda: import_reports_task.enqueue(
            job_id=job.pk, actor_id=actor.pk, path=path, submit=submit, dry_run=dry_run
        )
    )
    return job


def annual_report_import_run(*, job_id: int, actor_id: int, path: str, submit: bool, dry_run: bool) -> dict:
    """Import a kept upload, keeping its job up to date, then delete the file (import files are not
    retained). A sheet refused as a whole fails the job with its reasons; the return value is the
    summary without the rejected rows."""
    from sinergi.health.importers import import_reports

    actor = get_user_model().objects.get(pk=actor_id)
    name = (Job.objects.filter(pk=job_id).values_list("params", flat=True).first() or {}).get("name", "")

    def progress(done: int, total: int) -> None:
        job_progress(job_id, done, total, "")

    try:
        result = import_reports(
            actor=actor,
            path=path,
            submit=submit,
            dry_run=dry_run,
            progress=progress,
            name=name,
            result_url=reverse("health:import_result", args=[job_id]),
        )
    except ValidationError as exc:
        job_fail(job_id, " ".join(exc.messages))
        return {"error": exc.messages}
    except Exception:
        # The owner reads a reason in their language; the error itself goes to the task queue's log.
        job_fail(job_id, IMPORT_FAILED)
        raise
    finally:
        if os.path.exists(path):
            os.remove(path)
    summary = result.to_dict()
    summary["next_url"] = reverse("health:import_result", args=[job_id])
    job_finish(job_id, summary)
    return {k: v for k, v in summary.items() if k != "rejected"}
