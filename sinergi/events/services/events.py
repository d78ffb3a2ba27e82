"""Creating and changing events, and inviting organisations to them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import organization_managers, reach_of
from sinergi.core.audit import snapshot
from sinergi.events.access import may_manage, may_organize_for
from sinergi.events.models import Attendance, Event, EventInvitation, EventKind
from sinergi.events.notices import EVENT_CANCELLED, EVENT_INVITED, event_date, event_url
from sinergi.events.rules import (
    cancelled_problem,
    event_cancel_problem,
    invitation_problem,
    region_problem,
    reschedule_problem,
    schedule_problem,
)
from sinergi.events.services.common import audit, locked, refuse

# The fields a form or the API may set; `office` is chosen once, at creation.
FIELDS = (
    "kind",
    "title",
    "date",
    "start_time",
    "end_time",
    "place",
    "region_id",
    "organizers",
    "speakers",
    "description",
)


def _clean_values(values: dict) -> dict:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    cleaned = dict(values)
    for key in ("title", "place"):
        if key in cleaned:
            cleaned[key] = (cleaned[key] or "").strip()
    # A browser sends a textarea's line breaks as CR LF: kept as LF, an untouched save changes nothing.
    for key in ("organizers", "speakers", "description"):
        if key in cleaned:
            cleaned[key] = "\n".join(line.rstrip() for line in (cleaned[key] or "").strip().splitlines())
    return cleaned


def _validate(event: Event, office: Organization) -> None:
    errors: dict[str, list] = {}
    if event.kind not in EventKind.values:
        errors["kind"] = [_("Pilih jenis kegiatan.")]
    if not event.title:
        errors["title"] = [_("Isi judul kegiatan.")]
    if not event.place:
        errors["place"] = [_("Isi tempat kegiatan.")]
    if not isinstance(event.date, dt.date):
        errors["date"] = [_("Isi tanggal kegiatan.")]
    if code := schedule_problem(event.start_time, event.end_time):
        errors["end_time"] = [refuse(None, code)]
    if event.region_id and (
        code := region_problem(region_code=event.region_id, jurisdiction_code=office.jurisdiction_id)
    ):
        errors["region"] = [refuse(None, code)]
    elif not event.region_id:
        errors["region"] = [_("Pilih wilayah kegiatan.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_create(*, actor, office: Organization, **values) -> Event:
    """Create an event organised by `office`, held in a region inside its jurisdiction."""
    if not may_organize_for(actor, office):
        raise PermissionDenied(_("Anda tidak berhak menyelenggarakan kegiatan untuk dinas ini."))
    values = _clean_values(values)
    event = Event(office=office, created_by=actor if getattr(actor, "pk", None) else None, **values)
    _validate(event, office)
    if not reach_of(actor).manages_region(event.region_id):
        raise PermissionDenied(_("Wilayah kegiatan di luar wilayah kerja Anda."))
    event.save()
    audit(actor, "event.create", event, event, after=snapshot(event, list(FIELDS) + ["region", "office"]))
    return event


@transaction.atomic
def event_update(*, actor, event: Event, **values) -> Event:
    """Change an event. Only the fields given change; its day stays once attendance is taken."""
    if not may_manage(actor, event):
        raise PermissionDenied(_("Anda tidak berhak mengubah kegiatan ini."))
    event = locked(event)
    if code := cancelled_problem(cancelled=event.is_cancelled):
        raise refuse(None, code)
    values = _clean_values(values)
    fields = [f.removesuffix("_id") if f == "region_id" else f for f in values]
    before = snapshot(event, fields)
    old_date = event.date
    for key, value in values.items():
        setattr(event, key, value)
    has_attendance = Attendance.objects.filter(registration__event=event).exists()
    if code := reschedule_problem(old_date=old_date, new_date=event.date, has_attendance=has_attendance):
        raise refuse("date", code)
    _validate(event, event.office)
    if not reach_of(actor).manages_region(event.region_id):
        raise PermissionDenied(_("Wilayah kegiatan di luar wilayah kerja Anda."))
    after = snapshot(event, fields)
    changed = [k for k in fields if before.get(k) != after.get(k)]
    if not changed:
        return event
    event.save()
    audit(
        actor,
        "event.update",
        event,
        event,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return event


@transaction.atomic
def invitation_add(*, actor, event: Event, organization: Organization) -> EventInvitation:
    """Invite an organisation the organiser reaches; its people may then register themselves."""
    if not may_manage(actor, event):
        raise PermissionDenied(_("Anda tidak berhak mengundang peserta kegiatan ini."))
    if not reach_of(actor).can_view_organization(organization):
        raise PermissionDenied(_("Organisasi ini di luar jangkauan Anda."))
    event = locked(event)
    if code := cancelled_problem(cancelled=event.is_cancelled):
        raise refuse(None, code)
    already = EventInvitation.objects.filter(event=event, organization=organization).exists()
    if code := invitation_problem(
        is_government=organization.kind == OrganizationKind.GOVERNMENT, already_invited=already
    ):
        raise refuse("organization", code)
    invitation = EventInvitation.objects.create(
        event=event, organization=organization, invited_by=actor if getattr(actor, "pk", None) else None
    )
    audit(
        actor,
        "event.invite",
        event,
        event,
        organization_id=organization.pk,
        after={"organization": organization.pk, "organization_name": organization.name},
    )
    EVENT_INVITED.send(
        users=organization_managers([organization.pk]),
        params=_notice_params(event, organization=organization.name),
        url=event_url(event),
        actor=actor,
    )
    return invitation


def _notice_params(event: Event, **extra) -> dict:
    return {"title": event.title, "date": event_date(event), "place": event.place, **extra}


@transaction.atomic
def event_cancel(*, actor, event: Event, reason: str) -> Event:
    """Cancel an event before it is over, with a reason: it stays on record as cancelled, and the
    people of every invited or registered organisation are told why."""
    if not may_manage(actor, event):
        raise PermissionDenied(_("Anda tidak berhak membatalkan kegiatan ini."))
    event = locked(event)
    reason = "\n".join(line.rstrip() for line in (reason or "").strip().splitlines())
    code = event_cancel_problem(
        cancelled=event.is_cancelled,
        event_date=event.date,
        today=timezone.localdate(),
        has_attendance=Attendance.objects.filter(registration__event=event).exists(),
        reason=reason,
    )
    if code:
        raise refuse("reason" if code == "cancel_reason_missing" else None, code)
    event.cancelled_at = timezone.now()
    event.cancel_reason = reason
    event.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])
    audit(actor, "event.cancel", event, event, after={"cancel_reason": reason})
    participants = set(event.invitations.values_list("organization_id", flat=True))
    participants |= set(event.registrations.values_list("organization_id", flat=True))
    EVENT_CANCELLED.send(
        users=organization_managers(participants),
        params=_notice_params(event, reason=reason),
        url=event_url(event),
        actor=actor,
    )
    return event


@transaction.atomic
def invitation_remove(*, actor, invitation: EventInvitation) -> None:
    """Withdraw an invitation nobody has used: a registered organisation keeps its place."""
    event = invitation.event
    if not may_manage(actor, event):
        raise PermissionDenied(_("Anda tidak berhak mengubah undangan kegiatan ini."))
    event = locked(event)
    if event.registrations.filter(organization_id=invitation.organization_id).exists():
        raise ValidationError(
            _("Organisasi ini sudah mendaftar; batalkan pendaftarannya dahulu."), code="registered"
        )
    audit(
        actor,
        "event.uninvite",
        event,
        event,
        organization_id=invitation.organization_id,
        before={
            "organization": invitation.organization_id,
            "organization_name": invitation.organization.name,
        },
    )
    invitation.delete()
