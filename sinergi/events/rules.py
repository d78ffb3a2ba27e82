"""The rules of events, one plain function each, returning a problem code or None.

Every door — the forms, the API, the demo and the services — calls these and words the problem
with `PROBLEMS`; none decides them again.
"""

from __future__ import annotations

import datetime as dt
import zipfile

from django.utils.translation import gettext_lazy as _

PROBLEMS = {
    "ends_before_start": _("Jam selesai tidak boleh sebelum jam mulai."),
    "date_locked": _("Tanggal kegiatan tidak dapat diubah setelah kehadiran dicatat."),
    "region_outside": _("Wilayah kegiatan harus di dalam wilayah kerja dinas penyelenggara."),
    "office_invited": _("Instansi pemerintah tidak diundang sebagai peserta."),
    "already_invited": _("Organisasi ini sudah diundang."),
    "registration_closed": _("Pendaftaran sudah ditutup karena kegiatan telah lewat."),
    "already_registered": _("Organisasi ini sudah terdaftar pada kegiatan ini."),
    "not_invited": _("Hanya organisasi yang diundang yang dapat mendaftar sendiri."),
    "attendee_missing": _("Isi nama orang yang hadir."),
    "attendance_too_early": _("Kehadiran baru dapat dicatat pada hari kegiatan."),
    "cancel_attended": _("Peserta yang sudah hadir tidak dapat dibatalkan."),
    "file_type": _("Jenis berkas tidak diterima. Unggah PDF, JPG, PNG, XLSX, DOCX, atau PPTX."),
    "file_too_large": _("Berkas terlalu besar (maksimal 20 MB)."),
    "file_empty": _("Berkas kosong."),
    "file_mismatch": _("Isi berkas tidak sesuai dengan jenisnya."),
    "not_attended": _("Sertifikat hanya untuk peserta yang hadir."),
    "event_cancelled": _("Kegiatan ini sudah dibatalkan."),
    "cancel_event_attended": _("Kegiatan yang kehadirannya sudah dicatat tidak dapat dibatalkan."),
    "cancel_event_past": _("Kegiatan yang sudah lewat tidak dapat dibatalkan."),
    "cancel_reason_missing": _("Tulis alasan pembatalan: peserta menerimanya dalam pemberitahuan."),
}

MATERIAL_MAX_BYTES = 20 * 1024 * 1024
# Signatures of the accepted material types: the extension alone proves nothing. The Office Open
# XML formats are zip archives whose inner folder names the kind.
_SIGNATURES = {
    "pdf": b"%PDF-",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "xlsx": b"PK\x03\x04",
    "docx": b"PK\x03\x04",
    "pptx": b"PK\x03\x04",
}
_OOXML_FOLDER = {"xlsx": "xl/", "docx": "word/", "pptx": "ppt/"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def schedule_problem(start: dt.time | None, end: dt.time | None) -> str | None:
    if start is not None and end is not None and end < start:
        return "ends_before_start"
    return None


def reschedule_problem(*, old_date: dt.date, new_date: dt.date, has_attendance: bool) -> str | None:
    """Attendance was taken on the event's day: moving the day would leave it taken on another."""
    if has_attendance and new_date != old_date:
        return "date_locked"
    return None


def region_problem(*, region_code: str, jurisdiction_code: str | None) -> str | None:
    """An office holds its events inside its own jurisdiction, where its officers can manage them."""
    if not jurisdiction_code:
        return "region_outside"
    if region_code == jurisdiction_code or region_code.startswith(jurisdiction_code + "."):
        return None
    return "region_outside"


def invitation_problem(*, is_government: bool, already_invited: bool) -> str | None:
    if is_government:
        return "office_invited"
    if already_invited:
        return "already_invited"
    return None


def registration_problem(
    *,
    event_date: dt.date,
    today: dt.date,
    already_registered: bool,
    invited: bool,
    by_organizer: bool,
    attendee_name: str,
) -> str | None:
    """Registration is open until the end of the event's day, once per organisation; an organisation
    registers itself only when invited (the organiser may register anyone it reaches)."""
    if today > event_date:
        return "registration_closed"
    if already_registered:
        return "already_registered"
    if not by_organizer and not invited:
        return "not_invited"
    if not (attendee_name or "").strip():
        return "attendee_missing"
    return None


def attendance_problem(*, event_date: dt.date, today: dt.date) -> str | None:
    """Attendance is taken on the day — or afterwards, from the paper list — never before it."""
    if today < event_date:
        return "attendance_too_early"
    return None


def cancel_problem(*, event_date: dt.date, today: dt.date, attended: bool) -> str | None:
    if attended:
        return "cancel_attended"
    if today > event_date:
        return "registration_closed"
    return None


def cancelled_problem(*, cancelled: bool) -> str | None:
    """Nothing changes on a cancelled event: no edit, invitation, registration or attendance."""
    return "event_cancelled" if cancelled else None


def event_cancel_problem(
    *, cancelled: bool, event_date: dt.date, today: dt.date, has_attendance: bool, reason: str
) -> str | None:
    """An event is cancelled before it is over, once, with a reason the participants are told; an
    event whose attendance was taken has happened and stays."""
    if cancelled:
        return "event_cancelled"
    if has_attendance:
        return "cancel_event_attended"
    if today > event_date:
        return "cancel_event_past"
    if not (reason or "").strip():
        return "cancel_reason_missing"
    return None


def certificate_problem(*, attended: bool) -> str | None:
    return None if attended else "not_attended"


def material_problem(name: str, size: int, head: bytes, archive_names: set[str] | None) -> str | None:
    """A material file: an accepted type by name and by content, not empty, not too large.

    `head` is the file's first bytes; `archive_names` the entries of an Office Open XML file (None
    when it is not a readable zip)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in _SIGNATURES:
        return "file_type"
    if size == 0:
        return "file_empty"
    if size > MATERIAL_MAX_BYTES:
        return "file_too_large"
    if not head.startswith(_SIGNATURES[extension]):
        return "file_mismatch"
    folder = _OOXML_FOLDER.get(extension)
    if folder is not None:
        names = archive_names or set()
        if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
            return "file_mismatch"
    return None


def read_upload(upload) -> tuple[str, bytes, set[str] | None]:
    """The name, first bytes and (for a zip) entry names of an upload, for `material_problem`."""
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    names = None
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = None
        upload.seek(0)
    return name[:200], head, names


def content_type_of(name: str) -> str:
    return CONTENT_TYPES[name.rsplit(".", 1)[-1].lower()]
