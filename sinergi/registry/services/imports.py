"""Imports: upload, dry run, import (one at a time per kind and region), and the retention of
uploaded files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_record
from sinergi.core.jobs import (
    job_create,
    job_fail,
    job_failure_recorded,
    job_finish,
    job_lock_holder,
    job_progress,
    job_start,
)
from sinergi.core.models import Job
from sinergi.registry import notices
from sinergi.registry.models import (
    ImportBatch,
)

IMPORT_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")


def may_upload_import(actor) -> bool:
    """Whether `actor` may upload a sheet at all: an office writer, or a cooperative's managers for
    their own members (`import_scope` then decides the region of each kind)."""
    reach = reach_of(actor)
    return bool(reach.everything or reach.writer_codes() or reach.operated_cooperative_ids())


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


# The job of an upload's dry run or import; an import that writes holds the lock of its kind.
IMPORT_JOB_KIND = "registry.import"


def import_lock(kind: str) -> str:
    return f"{IMPORT_JOB_KIND}.{kind}"


def import_lock_scope(actor, kind: str, scope_code: str) -> str:
    """The region an import that writes keeps to itself while it runs: its jurisdiction.

    Two imports of one kind over overlapping regions would both read the registry before either
    writes, and both create the same rows. A cooperative manager's member import (jurisdiction
    "", each row checked against their cooperatives) covers the region of their cooperatives, so
    it does not hold up the members of every other cooperative.
    """
    if scope_code or kind != ImportBatch.Kind.MEMBER or actor is None:
        return scope_code
    reach = reach_of(actor)
    if reach.everything:
        return ""
    from sinergi.accounts.models import Organization

    regions = Organization.objects.filter(
        pk__in=reach.operated_cooperative_ids(), region__isnull=False
    ).values_list("region_id", flat=True)
    common: list[str] = []
    for parts in zip(*(code.split(".") for code in regions), strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return ".".join(common)


def import_busy_message(kind: str) -> str:
    """Why an import may not start now, worded for the person who asked for it."""
    messages = {
        ImportBatch.Kind.COOPERATIVE: _(
            "Impor koperasi sedang berjalan untuk wilayah ini; coba lagi setelah selesai."
        ),
        ImportBatch.Kind.UMKM: _("Impor UMKM sedang berjalan untuk wilayah ini; coba lagi setelah selesai."),
        ImportBatch.Kind.MEMBER: _(
            "Impor anggota koperasi sedang berjalan untuk wilayah ini; coba lagi setelah selesai."
        ),
    }
    return messages[kind]


def _run(actor, batch: ImportBatch, *, dry_run: bool) -> ImportBatch:
    from sinergi.registry.tasks import run_import

    if batch.uploaded_by_id != actor.pk and not reach_of(actor).everything:
        raise PermissionDenied(_("Impor ini milik pengguna lain."))
    label = (_("Uji coba impor %(name)s") if dry_run else _("Impor %(name)s")) % {"name": batch.filename}
    job = job_create(
        actor=actor,
        kind=IMPORT_JOB_KIND,
        label=label,
        params={"batch": batch.pk, "dry_run": dry_run},
        # A dry run writes nothing and holds nothing.
        lock="" if dry_run else import_lock(batch.kind),
        lock_scope="" if dry_run else import_lock_scope(batch.uploaded_by, batch.kind, batch.scope_code),
    )
    ImportBatch.objects.filter(pk=batch.pk).update(job=job)
    batch.job = job
    transaction.on_commit(lambda: run_import.enqueue(batch.pk, dry_run, job.pk))
    return batch


def import_batch_run(*, batch_id: int, dry_run: bool, job_id: int | None = None) -> dict:
    """Check (dry run) or import an uploaded sheet, updating its job as rows go by.

    Runs as the uploader, inside the jurisdiction fixed at upload. The batch keeps the summary the
    preview and result pages show, and a report workbook when rows were rejected or warned about.

    An import that writes starts only while no other import of its kind runs over an overlapping
    region (`core.jobs.job_start`); otherwise its job fails at once with the reason and the batch
    stays as it was, ready to run again. It is refused rather than made to wait: a waiting worker
    would sit idle for the length of the other import, and a preview made before another import
    changed the registry is better made again. Whatever else goes wrong, the job ends "failed"
    with a reason in the uploader's language, never "running".
    """
    batch = ImportBatch.objects.select_related("uploaded_by", "job").get(pk=batch_id)
    job_id = job_id or batch.job_id
    language = getattr(batch.uploaded_by, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        if job_start(job_id) is not None:
            message = import_busy_message(batch.kind)
            job_fail(job_id, message)
            return {"error": message}
        failure = _(
            "Impor berhenti karena kesalahan sistem. Baris yang sudah tersimpan tidak akan terduplikasi "
            "bila impor diulang; hubungi admin bila kesalahan ini terulang."
        )
        with job_failure_recorded(job_id, failure):
            return _import(batch, job_id, dry_run=dry_run)


def _import(batch: ImportBatch, job_id: int, *, dry_run: bool) -> dict:
    from django.core.files.base import ContentFile

    from sinergi.registry.importers import IMPORTERS, FileRejected, SheetError
    from sinergi.registry.importers.report import report_workbook
    from sinergi.registry.importers.sheets import count_rows

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
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.FAILED, summary={"error": str(exc), "dry_run": dry_run}
        )
        job_fail(job_id, str(exc))
        return {"error": str(exc)}
    batch.summary = report.summary()
    batch.status = ImportBatch.Status.PREVIEWED if dry_run else ImportBatch.Status.IMPORTED
    if report.rejected or report.warnings:
        name = f"laporan-{batch.pk}-{'uji' if dry_run else 'impor'}.xlsx"
        batch.rejected_file.save(name, ContentFile(report_workbook(report)), save=False)
    elif batch.rejected_file:
        # The report of an earlier run would describe rows that are now fine.
        batch.rejected_file.delete(save=False)
    # The batch's summary and its job's end together, or neither (the job then fails).
    with transaction.atomic():
        batch.save(update_fields=["summary", "status", "rejected_file", "updated_at"])
        job_finish(job_id, {"next_url": f"/registri/impor/{batch.pk}/", **report.to_json()})
        if not dry_run:
            notices.import_finished(batch=batch)
    return report.to_json()


@transaction.atomic
def import_batch_preview(*, actor, batch: ImportBatch) -> ImportBatch:
    """Start the dry run: every row checked, nothing written, a preview of what would happen."""
    return _run(actor, batch, dry_run=True)


@transaction.atomic
def import_batch_execute(*, actor, batch: ImportBatch) -> ImportBatch:
    """Import a previewed sheet. Idempotent: importing it again changes nothing.

    Refused at once, with the reason, while another import of the kind runs over the region;
    the job's own start checks again, for imports asked for at the same moment.
    """
    if batch.status not in (ImportBatch.Status.PREVIEWED, ImportBatch.Status.IMPORTED):
        raise ValidationError(_("Lakukan uji coba dulu sebelum mengimpor."))
    scope = import_lock_scope(batch.uploaded_by, batch.kind, batch.scope_code)
    if job_lock_holder(lock=import_lock(batch.kind), scope=scope) is not None:
        raise ValidationError(import_busy_message(batch.kind))
    return _run(actor, batch, dry_run=False)


@contextmanager
def import_exclusive(*, actor, kind: str, scope: str, filename: str) -> Iterator[Job]:
    """Hold the import lock of `kind` over `scope` while the body imports (the command's door).

    The import shows as a job like one started on the web, so each door keeps the other out;
    refused with a ValidationError while another import holds the region. The job ends done, or
    failed with the file's problem or, for anything unforeseen, a plain reason.
    """
    from sinergi.registry.importers import FileRejected, SheetError

    job = job_create(
        actor=actor,
        kind=IMPORT_JOB_KIND,
        label=_("Impor %(name)s") % {"name": filename},
        params={"kind": kind, "scope": scope},
        lock=import_lock(kind),
        lock_scope=import_lock_scope(actor, kind, scope),
    )
    if job_start(job.pk) is not None:
        message = import_busy_message(kind)
        job_fail(job.pk, message)
        raise ValidationError(message)
    with job_failure_recorded(
        job.pk, _("Impor berhenti karena kesalahan sistem."), told=(FileRejected, SheetError)
    ):
        yield job
    job_finish(job.pk, {})


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
