"""Imports: upload, dry run, import, and the retention of uploaded files."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_record
from sinergi.registry.models import (
    ImportBatch,
)

IMPORT_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")


def import_scope(actor, kind: str) -> str:
    """The region an import's rows must fall in: the actor's one jurisdiction ("" = anywhere).

    The web upload and `registry_import --as` both ask it, so a sheet is judged the same way
    whichever door it comes through."""
    reach = reach_of(actor)
    if reach.everything:
        return ""
    codes = reach.writer_codes()
    if len(codes) == 1:
        return codes[0]
    if kind == ImportBatch.Kind.MEMBER and reach.operated_cooperative_ids():
        return ""  # a cooperative's managers import only their own members; the importer checks each row
    if not codes:
        raise PermissionDenied(_("Impor hanya untuk petugas dinas."))
    raise ValidationError(_("Anda punya beberapa wilayah kerja; impor dari akun satu dinas."))


@transaction.atomic
def import_batch_upload(*, actor, kind: str, uploaded_file) -> ImportBatch:
    """Keep an uploaded sheet for a dry run; checks the kind of file and its size first."""
    if kind not in ImportBatch.Kind.values:
        raise ValidationError({"kind": _("Jenis impor tidak dikenal.")})
    scope = import_scope(actor, kind)
    name = getattr(uploaded_file, "name", "") or "berkas"
    if not name.lower().endswith(IMPORT_SUFFIXES):
        raise ValidationError({"file": _("Unggah berkas CSV, XLSX atau ODS.")})
    if uploaded_file.size > settings.SINERGI_MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "file": _("Berkas terlalu besar (maksimal %(mb)s MB).")
                % {"mb": settings.SINERGI_MAX_UPLOAD_BYTES // 1_000_000}
            }
        )
    if uploaded_file.size == 0:
        raise ValidationError({"file": _("Berkas kosong.")})
    batch = ImportBatch(kind=kind, filename=name[:255], uploaded_by=actor, scope_code=scope)
    batch.file.save(
        f"{kind}-{dt.date.today():%Y%m%d}{name[name.rfind('.') :].lower()}", uploaded_file, save=False
    )
    batch.save()
    audit_record(
        actor=actor,
        action="registry.import_upload",
        obj=batch,
        after={"kind": kind, "filename": batch.filename, "bytes": uploaded_file.size},
        region_code=scope,
    )
    return batch


def _run(actor, batch: ImportBatch, *, dry_run: bool) -> ImportBatch:
    from sinergi.core.jobs import job_create
    from sinergi.registry.tasks import run_import

    if batch.uploaded_by_id != actor.pk and not reach_of(actor).everything:
        raise PermissionDenied(_("Impor ini milik pengguna lain."))
    label = (_("Uji coba impor %(name)s") if dry_run else _("Impor %(name)s")) % {"name": batch.filename}
    job = job_create(
        actor=actor, kind="registry.import", label=label, params={"batch": batch.pk, "dry_run": dry_run}
    )
    ImportBatch.objects.filter(pk=batch.pk).update(job=job)
    batch.job = job
    transaction.on_commit(lambda: run_import.enqueue(batch.pk, dry_run))
    return batch


def import_batch_run(*, batch_id: int, dry_run: bool) -> dict:
    """Check (dry run) or import an uploaded sheet, updating the batch's job as rows go by.

    Runs as the uploader, inside the jurisdiction fixed at upload. The batch keeps the summary the
    preview and result pages show, and a report workbook when rows were rejected or warned about.
    """
    from django.core.files.base import ContentFile

    from sinergi.core.jobs import job_fail, job_finish, job_progress
    from sinergi.registry.importers import IMPORTERS, FileRejected, SheetError
    from sinergi.registry.importers.report import report_workbook
    from sinergi.registry.importers.sheets import count_rows

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
    batch.summary = report.summary()
    batch.status = ImportBatch.Status.PREVIEWED if dry_run else ImportBatch.Status.IMPORTED
    if report.rejected or report.warnings:
        name = f"laporan-{batch.pk}-{'uji' if dry_run else 'impor'}.xlsx"
        batch.rejected_file.save(name, ContentFile(report_workbook(report)), save=False)
    elif batch.rejected_file:
        # The report of an earlier run would describe rows that are now fine.
        batch.rejected_file.delete(save=False)
    batch.save(update_fields=["summary", "status", "rejected_file", "updated_at"])
    job_finish(job_id, {"next_url": f"/registri/impor/{batch.pk}/", **report.to_json()})
    return report.to_json()


@transaction.atomic
def import_batch_preview(*, actor, batch: ImportBatch) -> ImportBatch:
    """Start the dry run: every row checked, nothing written, a preview of what would happen."""
    return _run(actor, batch, dry_run=True)


@transaction.atomic
def import_batch_execute(*, actor, batch: ImportBatch) -> ImportBatch:
    """Import a previewed sheet. Idempotent: importing it again changes nothing."""
    if batch.status not in (ImportBatch.Status.PREVIEWED, ImportBatch.Status.IMPORTED):
        raise ValidationError(_("Lakukan uji coba dulu sebelum mengimpor."))
    return _run(actor, batch, dry_run=False)


@transaction.atomic
def import_files_purge(*, actor, older_than_days: int = 30) -> int:
    """Delete uploaded and rejected-row files older than the retention period (UU PDP)."""
    cutoff = timezone.now() - dt.timedelta(days=older_than_days)
    purged = 0
    for batch in ImportBatch.objects.filter(created_at__lt=cutoff).exclude(file=""):
        batch.file.delete(save=False)
        if batch.rejected_file:
            batch.rejected_file.delete(save=False)
        batch.file = ""
        batch.rejected_file = ""
        batch.save(update_fields=["file", "rejected_file", "updated_at"])
        purged += 1
    if purged:
        audit_record(
            actor=actor,
            action="registry.import_purge",
            object_type="registry.importbatch",
            after={"batches": purged, "older_than_days": older_than_days},
        )
    return purged
