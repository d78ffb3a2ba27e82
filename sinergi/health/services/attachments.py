"""Documents attached to an annual report (signed RAT minutes, audited statements)."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.health.models import AnnualReport, ReportAttachment
from sinergi.health.services.common import audit, locked, require_enter

MAX_ATTACHMENTS = 20
# Signatures of the accepted attachment types: the extension alone proves nothing.
_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "xlsx": (b"PK\x03\x04",),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def max_attachment_bytes() -> int:
    return int(getattr(settings, "SINERGI_HEALTH_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024))


def _check_upload(upload) -> tuple[str, str]:
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in _SIGNATURES:
        raise ValidationError({"file": _("Jenis berkas tidak diterima. Unggah PDF, JPG, PNG, atau XLSX.")})
    limit = max_attachment_bytes()
    if upload.size > limit:
        raise ValidationError(
            {"file": _("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": limit // (1024 * 1024)}}
        )
    if upload.size == 0:
        raise ValidationError({"file": _("Berkas kosong.")})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in _SIGNATURES[extension]):
        raise ValidationError(
            {"file": _("Isi berkas tidak sesuai dengan jenisnya (.%(ext)s).") % {"ext": extension}}
        )
    if extension == "xlsx":
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        upload.seek(0)
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise ValidationError({"file": _("Berkas XLSX tidak sah.")})
    return name[:200], CONTENT_TYPES[extension]


@transaction.atomic
def report_attachment_add(*, actor, report: AnnualReport, upload) -> ReportAttachment:
    """Attach a document to a report that can still change."""
    require_enter(actor, report.cooperative)
    report = locked(report)
    if not report.editable:
        raise ValidationError({"file": _("Lampiran hanya dapat ditambah saat laporan masih dapat diubah.")})
    if report.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            {"file": _("Paling banyak %(n)s lampiran per laporan.") % {"n": MAX_ATTACHMENTS}}
        )
    name, content_type = _check_upload(upload)
    attachment = ReportAttachment(
        report=report, name=name, content_type=content_type, size=upload.size, uploaded_by=actor
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit(
        actor,
        "annual_report.attachment_add",
        report,
        report.cooperative,
        after={"attachment": name, "size": attachment.size},
    )
    return attachment


@transaction.atomic
def report_attachment_remove(*, actor, attachment: ReportAttachment) -> None:
    report = attachment.report
    require_enter(actor, report.cooperative)
    report = locked(report)
    if not report.editable:
        raise ValidationError({"file": _("Lampiran hanya dapat dihapus saat laporan masih dapat diubah.")})
    audit(
        actor,
        "annual_report.attachment_remove",
        report,
        report.cooperative,
        before={"attachment": attachment.name},
    )
    stored = attachment.file.name
    attachment.delete()
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: attachment.file.storage.delete(stored))
