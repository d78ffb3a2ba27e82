"""Background work of the registry: imports run as tasks whose progress a page follows."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django_tasks import task

from sinergi.core.jobs import job_fail, job_finish, job_progress
from sinergi.registry import services
from sinergi.registry.exporters import rejected_workbook
from sinergi.registry.importers import IMPORTERS, FileRejected, SheetError
from sinergi.registry.importers.sheets import count_rows
from sinergi.registry.models import ImportBatch


@task()
def run_import(batch_id: int, dry_run: bool) -> dict:
    """Check (dry run) or import an uploaded sheet, updating the batch's job as rows go by."""
    batch = ImportBatch.objects.select_related("uploaded_by", "job").get(pk=batch_id)
    job_id = batch.job_id
    path = batch.file.path
    try:
        importer = IMPORTERS[batch.kind](
            actor=batch.uploaded_by,
            dry_run=dry_run,
            scope_code=batch.scope_code or None,
            progress=lambda done, total: job_progress(job_id, done, total, "baris / rows"),
        )
        report = importer.run(path, total_rows=count_rows(path))
    except (FileRejected, SheetError) as exc:
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportBatch.Status.FAILED, summary={"error": str(exc), "dry_run": dry_run}
        )
        job_fail(job_id, str(exc))
        return {"error": str(exc)}
    except Exception as exc:  # the page must show a failure instead of a job stuck "running"
        job_fail(job_id, f"{type(exc).__name__}: {exc}")
        raise
    summary = report.summary()
    batch.summary = summary
    batch.status = ImportBatch.Status.PREVIEWED if dry_run else ImportBatch.Status.IMPORTED
    if report.rejected:
        name = f"ditolak-{batch.pk}-{'uji' if dry_run else 'impor'}.xlsx"
        batch.rejected_file.save(
            name, ContentFile(rejected_workbook(batch.kind, report.headers, report.rejected)), save=False
        )
    batch.save(update_fields=["summary", "status", "rejected_file", "updated_at"])
    job_finish(job_id, {"next_url": f"/registri/impor/{batch.pk}/", **report.to_json()})
    return report.to_json()


def scan_job(job_id: int, actor_id: int, kind: str, region: str) -> dict:
    from django.contrib.auth import get_user_model

    try:
        # The scan runs as the person who started it, with their reach checked again.
        actor = get_user_model().objects.get(pk=actor_id)
        pairs, added = services.duplicate_scan(
            actor=actor,
            kind=kind,
            region=region,
            progress=lambda done, total: job_progress(job_id, done, total, "blok / blocks"),
        )
    except Exception as exc:  # the page must show a failure instead of a job stuck "running"
        job_fail(job_id, f"{type(exc).__name__}: {exc}")
        raise
    result = {
        "kind": kind,
        "region": region,
        "pairs": len(pairs),
        "added": added,
        "next_url": f"/registri/duplikat/?kind={kind}" + (f"&region={region}" if region else ""),
    }
    job_finish(job_id, result)
    return result


@task()
def run_duplicate_scan(job_id: int, actor_id: int, kind: str, region: str) -> dict:
    """Background scan of a large region, updating its job's progress block by block."""
    return scan_job(job_id, actor_id, kind, region)
