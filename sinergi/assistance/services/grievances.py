"""Grievances: complaints and appeals with a deadline, escalated to the office's admins when past it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.assistance import access
from sinergi.assistance.models import (
    Application,
    Grievance,
    GrievanceStatus,
    Programme,
)
from sinergi.assistance.services.common import (
    audit,
)
from sinergi.core.audit import snapshot
from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import Notice

ESCALATED = Notice(
    NotificationEvent.GRIEVANCE_ESCALATED,
    gettext_lazy("Pengaduan bantuan warung melewati batas jawaban"),
    gettext_lazy(
        "Pengaduan pada program %(programme)s belum dijawab sampai %(due)s dan kini menunggu admin dinas."
    ),
)


# --- grievances -------------------------------------------------------------------------------


@transaction.atomic
def grievance_file(
    *, actor, programme: Programme, kind: str, text: str, application: Application | None = None, today=None
) -> Grievance:
    """An applicant or recipient complains or appeals; the answer is due in the programme's days."""
    if application is not None and application.programme_id != programme.pk:
        raise ValidationError({"application": _("Permohonan ini bukan milik program ini.")})
    if not access.may_complain(actor, programme, application):
        raise PermissionDenied(_("Hanya pemohon atau penyelenggara yang dapat mencatat pengaduan."))
    from sinergi.assistance.models import GrievanceKind

    if kind not in GrievanceKind.values:
        raise ValidationError({"kind": _("Pilih jenis pengaduan.")})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Tulis isi pengaduan.")})
    today = today or timezone.localdate()
    grievance = Grievance.objects.create(
        programme=programme,
        application=application,
        region_code=application.region_code if application else programme.region_code,
        kind=kind,
        text=text,
        filed_by=actor if getattr(actor, "pk", None) else None,
        filed_on=today,
        due_on=today + dt.timedelta(days=programme.grievance_days),
    )
    audit(
        actor=actor,
        action="grievance.file",
        obj=grievance,
        after=snapshot(grievance, ["kind", "due_on", "status"]),
    )
    return grievance


@transaction.atomic
def grievance_answer(*, actor, grievance: Grievance, answer: str, today=None) -> Grievance:
    if not access.may_answer(actor, grievance):
        raise PermissionDenied(_("Hanya penyelenggara atau petugas dinas yang menjawab pengaduan."))
    grievance = Grievance.objects.select_for_update().get(pk=grievance.pk)
    if grievance.status == GrievanceStatus.ANSWERED:
        raise ValidationError({"answer": _("Pengaduan ini sudah dijawab.")})
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Tulis jawaban.")})
    before = grievance.status
    grievance.status, grievance.answer = GrievanceStatus.ANSWERED, answer
    grievance.answered_on, grievance.answered_by = today or timezone.localdate(), actor
    grievance.save()
    audit(
        actor=actor,
        action="grievance.answer",
        obj=grievance,
        before={"status": before},
        after={"status": "answered"},
    )
    return grievance


@transaction.atomic
def grievances_escalate(*, actor, today: dt.date | None = None) -> list[Grievance]:
    """Raise every open grievance past its deadline to the office's admins (the daily command)."""
    today = today or timezone.localdate()
    due = list(
        Grievance.objects.select_for_update()
        .filter(status=GrievanceStatus.OPEN, due_on__lt=today)
        .select_related("programme")
        .order_by("pk")
    )
    for grievance in due:
        grievance.status, grievance.escalated_on = GrievanceStatus.ESCALATED, today
        grievance.save(update_fields=["status", "escalated_on", "updated_at"])
        audit(actor=actor, action="grievance.escalate", obj=grievance, before={"status": "open"},
              after={"status": "escalated"})  # fmt: skip
        ESCALATED.send(
            users=access.office_admins_over(grievance.programme.region_code),
            params={"programme": grievance.programme.name, "due": grievance.due_on.isoformat()},
            url=f"/bantuan-warung/program/{grievance.programme_id}/pengaduan/",
        )
    return due
