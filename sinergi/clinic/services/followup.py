"""After the diagnosis: recommendations, visits, reminders and the measured outcome."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.accounts.models import OrganizationKind
from sinergi.accounts.scoping import organization_managers
from sinergi.clinic import access, measures, rules, tallies
from sinergi.clinic.models import (
    Case,
    Recommendation,
    RecommendationKind,
    RecommendationStatus,
    ReminderSent,
    Responsible,
    Visit,
    VisitAttachment,
)
from sinergi.clinic.services.common import audit, refuse
from sinergi.core.audit import audit_record
from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import Notice

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = frozenset({"image/jpeg", "image/png", "application/pdf"})
RESPONSIBLE_ORG_KINDS = {
    Responsible.BANK: {OrganizationKind.BANK},
    Responsible.PARTNER: {
        OrganizationKind.COMPANY,
        OrganizationKind.UNIVERSITY,
        OrganizationKind.ASSOCIATION,
        OrganizationKind.GOVERNMENT,
        OrganizationKind.COOPERATIVE,
        OrganizationKind.OTHER,
    },
}


def _manage(actor, case: Case) -> None:
    if not access.may_manage_case(actor, case):
        raise PermissionDenied(_("Hanya admin dan staf dinas di wilayah kerjanya yang dapat melakukannya."))
    if case.is_closed:
        raise refuse("closed", "stage")


@transaction.atomic
def recommendation_add(
    *,
    actor,
    case: Case,
    kind: str,
    description: str,
    responsible: str,
    due_on: dt.date,
    responsible_user=None,
    responsible_org=None,
    target_org=None,
    target_event=None,
) -> Recommendation:
    """Add an action to the case's plan; the first one starts the follow-up."""
    _manage(actor, case)
    problem = rules.transition_problem("recommend", case.stage)
    if problem:
        raise refuse(problem, "stage")
    if kind not in RecommendationKind.values:
        raise ValidationError({"kind": _("Jenis rekomendasi tidak dikenal.")})
    if responsible not in Responsible.values:
        raise ValidationError({"responsible": _("Penanggung jawab tidak dikenal.")})
    if not description.strip():
        raise ValidationError({"description": _("Uraikan rekomendasinya.")})
    if responsible in (Responsible.OFFICER, Responsible.EXPERT):
        if responsible_user is None:
            raise refuse("responsible_missing", "responsible_user")
        responsible_org = None
    else:
        if responsible_org is None:
            raise refuse("responsible_missing", "responsible_org")
        if responsible_org.kind not in RESPONSIBLE_ORG_KINDS[responsible]:
            raise ValidationError(
                {"responsible_org": _("Jenis organisasi tidak sesuai dengan penanggung jawab.")}
            )
        responsible_user = None
    if case.enrolled_on and due_on < case.enrolled_on:
        raise refuse("due_before_enrolment", "due_on")
    reco = Recommendation.objects.create(
        case=case,
        kind=kind,
        description=description.strip(),
        responsible=responsible,
        responsible_user=responsible_user,
        responsible_org=responsible_org,
        target_org=target_org,
        target_event=target_event,
        due_on=due_on,
    )
    before = {"stage": case.stage}
    if case.stage != rules.next_stage("recommend"):
        change = tallies.TallyChange().watch(cases=[case.pk])
        case.stage = rules.next_stage("recommend")
        case.save(update_fields=["stage", "updated_at"])
        change.apply()
    audit(
        actor=actor,
        action="recommendation.add",
        obj=reco,
        before=before,
        after={"kind": kind, "responsible": responsible, "due_on": due_on, "stage": case.stage},
        region_code=case.region_code,
    )
    return reco


@transaction.atomic
def recommendation_status_set(
    *, actor, recommendation: Recommendation, status: str, done_on: dt.date | None = None
) -> Recommendation:
    """Move a recommendation along: planned, running, done (with its date) or cancelled."""
    case = recommendation.case
    _manage(actor, case)
    if status not in RecommendationStatus.values:
        raise ValidationError({"status": _("Status tidak dikenal.")})
    if status == RecommendationStatus.DONE:
        done_on = done_on or timezone.localdate()
        if case.enrolled_on and done_on < case.enrolled_on:
            raise refuse("due_before_enrolment", "done_on")
    else:
        done_on = None
    before = {"status": recommendation.status, "done_on": recommendation.done_on}
    if before == {"status": status, "done_on": done_on}:
        return recommendation
    recommendation.status, recommendation.done_on = status, done_on
    recommendation.save(update_fields=["status", "done_on", "updated_at"])
    audit(
        actor=actor,
        action="recommendation.status",
        obj=recommendation,
        before=before,
        after={"status": status, "done_on": done_on},
        region_code=case.region_code,
    )
    return recommendation


@transaction.atomic
def visit_schedule(*, actor, case: Case, planned_on: dt.date, purpose: str) -> Visit:
    """Plan a follow-up visit (never dated before the enrolment)."""
    if not access.may_add_visit(actor, case):
        raise PermissionDenied(_("Hanya petugas dinas atau tim kasus ini yang menjadwalkan kunjungan."))
    if case.is_closed:
        raise refuse("closed", "stage")
    if case.stage == "requested":
        raise refuse("stage", "stage")
    problem = rules.visit_date_problem(
        enrolled_on=case.enrolled_on, planned_on=planned_on, visited_on=None, today=timezone.localdate()
    )
    if problem:
        raise refuse(problem, "planned_on")
    if not purpose.strip():
        raise ValidationError({"purpose": _("Tuliskan tujuan kunjungan.")})
    visit = Visit.objects.create(
        case=case,
        planned_on=planned_on,
        purpose=purpose.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit(
        actor=actor,
        action="visit.schedule",
        obj=visit,
        after={"planned_on": planned_on},
        region_code=case.region_code,
    )
    return visit


@transaction.atomic
def visit_record(*, actor, visit: Visit, visited_on: dt.date, notes: str) -> Visit:
    """Record that the visit took place, with its notes."""
    case = visit.case
    if not access.may_add_visit(actor, case):
        raise PermissionDenied(_("Hanya petugas dinas atau tim kasus ini yang mencatat kunjungan."))
    if case.is_closed:
        raise refuse("closed", "stage")
    problem = rules.visit_date_problem(
        enrolled_on=case.enrolled_on,
        planned_on=visit.planned_on,
        visited_on=visited_on,
        today=timezone.localdate(),
    )
    if problem:
        raise refuse(problem, "visited_on")
    if not notes.strip():
        raise ValidationError({"notes": _("Tuliskan catatan kunjungan.")})
    before = {"visited_on": visit.visited_on, "notes": visit.notes}
    visit.visited_on, visit.notes = visited_on, notes.strip()
    visit.save(update_fields=["visited_on", "notes", "updated_at"])
    audit(
        actor=actor,
        action="visit.record",
        obj=visit,
        before=before,
        after={"visited_on": visited_on, "notes": visit.notes},
        region_code=case.region_code,
    )
    return visit


@transaction.atomic
def visit_attachment_add(*, actor, visit: Visit, upload) -> VisitAttachment:
    """Attach a photo or document (JPEG, PNG, PDF, at most 10 MB) to a visit."""
    case = visit.case
    if not access.may_add_visit(actor, case):
        raise PermissionDenied(_("Hanya petugas dinas atau tim kasus ini yang menambah lampiran."))
    if case.is_closed:
        raise refuse("closed", "stage")
    content_type = getattr(upload, "content_type", "") or ""
    if content_type not in ATTACHMENT_TYPES:
        raise ValidationError({"file": _("Lampiran harus JPEG, PNG, atau PDF.")})
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"file": _("Lampiran paling besar 10 MB.")})
    head = upload.read(8)
    upload.seek(0)
    signatures = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG", "application/pdf": b"%PDF"}
    if not head.startswith(signatures[content_type]):
        raise ValidationError({"file": _("Isi berkas tidak sesuai dengan jenisnya.")})
    name = (getattr(upload, "name", "") or "lampiran")[-200:]
    attachment = VisitAttachment.objects.create(
        visit=visit, file=upload, name=name, content_type=content_type, size=upload.size
    )
    audit(
        actor=actor,
        action="visit.attachment",
        obj=visit,
        after={"attachment": name, "size": upload.size},
        region_code=case.region_code,
    )
    return attachment


@transaction.atomic
def case_close(*, actor, case: Case, note: str = "", today: dt.date | None = None) -> Case:
    """Close the case with its outcome measured from the data: improved, unchanged or worse, and
    whether it counts as "good" by the programme's setting. Refused while nothing was measured."""
    case = Case.objects.select_for_update().select_related("programme", "participant").get(pk=case.pk)
    if not access.may_manage_case(actor, case):
        raise PermissionDenied(_("Hanya admin dan staf dinas di wilayah kerjanya yang menutup kasus."))
    problem = rules.transition_problem("close", case.stage)
    if problem:
        raise refuse(problem, "stage")
    today = today or timezone.localdate()
    programme = case.programme
    after = measures.snapshot(case.participant, today)
    verdict = measures.verdict(
        baseline=case.baseline,
        after=after,
        setting=rules.GoodSetting(
            programme.good_predicate_steps, programme.good_requires_rat, programme.good_sales_growth_pct
        ),
        goal_kind=case.goal_kind,
        goal_sales_pct=case.goal_sales_pct,
    )
    if verdict is None:
        raise refuse("no_outcome", "__all__")
    before = {"stage": case.stage}
    change = tallies.TallyChange().watch(cases=[case.pk])
    case.stage = rules.next_stage("close")
    case.result, case.good, case.outcome = verdict.result, verdict.good, after
    case.outcome_note, case.closed_on = note.strip(), today
    case.save()
    change.apply()
    audit(
        actor=actor,
        action="case.close",
        obj=case,
        before=before,
        after={"stage": case.stage, "result": case.result, "good": case.good, "outcome": after},
    )
    return case


# --- reminders ----------------------------------------------------------------------------------

DUE_SOON_DAYS = 3
RECO_NOTICE = Notice(
    NotificationEvent.CLINIC_RECOMMENDATION_DUE,
    gettext_lazy("Klinik: rekomendasi untuk %(name)s %(when)s"),
    gettext_lazy("%(kind)s — batas waktu %(due)s. %(description)s"),
)
VISIT_NOTICE = Notice(
    NotificationEvent.CLINIC_VISIT_DUE,
    gettext_lazy("Klinik: kunjungan ke %(name)s %(when)s"),
    gettext_lazy("Kunjungan direncanakan %(due)s: %(purpose)s"),
)
WHEN_DUE = gettext_lazy("segera jatuh tempo")
WHEN_OVERDUE = gettext_lazy("lewat jatuh tempo")


def _office_people(case: Case):
    """The responsible officer, the team and the participant's managers."""
    people = [e.user for e in case.team.select_related("user")]
    people += list(organization_managers([case.participant_id]))
    return people


def _once(item: str, day: dt.date) -> bool:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(item=item, day=day)
    except IntegrityError:
        return False
    return True


def reminders_send(*, actor, today: dt.date | None = None) -> dict:
    """Remind the people of every open recommendation and unmade visit that is due within
    DUE_SOON_DAYS or overdue, once per item and day, through the notification centre."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    sent = {"recommendations": 0, "visits": 0, "notifications": 0}
    recos = (
        Recommendation.objects.filter(
            status__in=[RecommendationStatus.PLANNED, RecommendationStatus.IN_PROGRESS], due_on__lte=horizon
        )
        .exclude(case__stage="closed")
        .select_related("case__participant", "responsible_user")
        .order_by("due_on", "pk")
    )
    date = lambda d: lambda: formats.date_format(d, "d-m-Y")  # noqa: E731 — drawn in each reader's language
    with transaction.atomic():
        for reco in recos:
            if not _once(f"recommendation:{reco.pk}", today):
                continue
            users = _office_people(reco.case) + ([reco.responsible_user] if reco.responsible_user else [])
            result = RECO_NOTICE.send(
                users=users,
                params={
                    "name": reco.case.participant.name,
                    "when": WHEN_OVERDUE if reco.due_on < today else WHEN_DUE,
                    "kind": reco.get_kind_display(),
                    "due": date(reco.due_on),
                    "description": reco.description[:200],
                },
                url=reverse("clinic:case_detail", args=[reco.case_id]),
            )
            sent["recommendations"] += 1
            sent["notifications"] += len(result.notifications)
        visits = (
            Visit.objects.filter(visited_on__isnull=True, planned_on__lte=horizon)
            .exclude(case__stage="closed")
            .select_related("case__participant", "created_by")
            .order_by("planned_on", "pk")
        )
        for visit in visits:
            if not _once(f"visit:{visit.pk}", today):
                continue
            users = _office_people(visit.case) + ([visit.created_by] if visit.created_by else [])
            result = VISIT_NOTICE.send(
                users=users,
                params={
                    "name": visit.case.participant.name,
                    "when": WHEN_OVERDUE if visit.planned_on < today else WHEN_DUE,
                    "due": date(visit.planned_on),
                    "purpose": visit.purpose[:200],
                },
                url=reverse("clinic:case_detail", args=[visit.case_id]),
            )
            sent["visits"] += 1
            sent["notifications"] += len(result.notifications)
        if sent["recommendations"] or sent["visits"]:
            audit_record(
                actor=actor,
                action="clinic.reminders.send",
                object_type="clinic.reminder",
                object_id=today.isoformat(),
                object_repr=str(today),
                after=sent,
            )
    return sent


@transaction.atomic
def recommendations_training_attended(attendance) -> int:
    """Attending the training event a recommendation points to counts as that recommendation done
    (on the event's day). Called by the events slice as attendance is recorded, in its transaction."""
    registration = attendance.registration
    event = registration.event
    recos = list(
        Recommendation.objects.select_for_update()
        .filter(
            target_event_id=registration.event_id,
            case__participant_id=registration.organization_id,
            status__in=[RecommendationStatus.PLANNED, RecommendationStatus.IN_PROGRESS],
        )
        .exclude(case__stage="closed")
        .select_related("case")
    )
    for reco in recos:
        before = {"status": reco.status, "done_on": reco.done_on}
        reco.status, reco.done_on = RecommendationStatus.DONE, event.date
        reco.save(update_fields=["status", "done_on", "updated_at"])
        audit(
            actor=attendance.marked_by,
            action="recommendation.attended",
            obj=reco,
            before=before,
            after={"status": reco.status, "done_on": reco.done_on, "event": event.pk},
            region_code=reco.case.region_code,
        )
    return len(recos)
