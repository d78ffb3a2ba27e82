"""Cooperatives: registration, profile changes, status with history, RAT dates, officers."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.accounts.services import organization_create, organization_update
from sinergi.core.audit import changed, snapshot
from sinergi.registry import rules
from sinergi.registry.keys import legal_key
from sinergi.registry.models import (
    CooperativeOfficer,
    CooperativeProfile,
    CooperativeStatus,
    CooperativeStatusChange,
)
from sinergi.registry.services.common import (
    COOPERATIVE_FIELDS,
    audit_change,
    checked,
    require_edit,
    require_manage,
)
from sinergi.registry.tallies import TallyChange


def _apply_cooperative(profile: CooperativeProfile, data: dict) -> None:
    """Set checked values (see `checked`) on the profile, with the rules that need the profile."""
    unknown = set(data) - set(COOPERATIVE_FIELDS) - {"status"}
    if unknown:
        raise ValidationError({k: _("Kolom ini tidak dikenal.") for k in unknown})
    for key, value in data.items():
        if key == "secondary":
            if value is not None and (
                not isinstance(value, Organization) or value.kind != OrganizationKind.COOPERATIVE
            ):
                raise ValidationError({"secondary": _("Koperasi sekunder harus berupa koperasi.")})
            profile.secondary = value
        else:
            setattr(profile, key, value)
    profile.legal_key = legal_key(profile.legal_number)
    if profile.form == "primer" and profile.secondary_id == profile.organization_id:
        raise ValidationError({"secondary": _("Koperasi tidak dapat menjadi sekunder bagi dirinya sendiri.")})
    # Uniqueness (NIK Koperasi, one flagship per kecamatan) is left to the database, whose error
    # is turned into a field message in integrity_message.
    profile.full_clean(
        exclude=["organization", "secondary"], validate_unique=False, validate_constraints=False
    )


def _status_problem(current: str, new: str) -> None:
    problem = rules.status_transition_problem(current, new)
    if problem:
        raise ValidationError({"status": rules.problem_message(problem, value=new)})


@transaction.atomic
def cooperative_register(
    *,
    actor,
    name: str,
    region_code: str,
    address: str = "",
    phone: str = "",
    email: str = "",
    **profile_data,
) -> CooperativeProfile:
    """Register a cooperative: its organisation and its profile, in the actor's jurisdiction."""
    status = profile_data.pop("status", CooperativeStatus.AKTIF)
    _status_problem("", status)
    values = checked({"phone": phone, "email": email, **profile_data})
    org = organization_create(
        actor=actor,
        kind=OrganizationKind.COOPERATIVE,
        name=name,
        region_code=region_code,
        address=address,
        phone=values.pop("phone"),
        email=values.pop("email"),
    )
    profile = CooperativeProfile(organization=org)
    profile.copy_region(org.region_id)
    _apply_cooperative(profile, values)
    profile.status = status
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as exc:
        raise ValidationError(integrity_message(exc)) from exc
    TallyChange().created(cooperatives=[profile.pk]).apply()
    CooperativeStatusChange.objects.create(
        cooperative=profile,
        from_status="",
        to_status=status,
        effective_on=dt.date.today(),
        reason=_("Didaftarkan di registri"),
        actor=actor,
    )
    audit_change(actor, "cooperative.register", profile, org, after=snapshot(profile, COOPERATIVE_FIELDS))
    return profile


def integrity_message(exc: IntegrityError) -> dict:
    text = str(exc)
    if "nik_koperasi" in text:
        return {"nik_koperasi": _("NIK Koperasi ini sudah terdaftar untuk koperasi lain.")}
    if "flagship" in text or "district_code" in text:
        return {"is_flagship": _("Kecamatan ini sudah punya koperasi unggulan.")}
    if "nib" in text:
        return {"nib": _("NIB ini sudah terdaftar untuk usaha lain.")}
    return {"__all__": _("Data bertabrakan dengan data yang sudah ada.")}


@transaction.atomic
def cooperative_update(*, actor, cooperative: CooperativeProfile, **changes) -> CooperativeProfile:
    """Change a cooperative's profile (not its status: see cooperative_set_status)."""
    org = cooperative.organization
    require_edit(actor, org)
    if "status" in changes:
        raise ValidationError({"status": _("Ubah status melalui perubahan status dengan alasan.")})
    if "is_flagship" in changes and not reach_of(actor).manages_region(org.region_id):
        raise PermissionDenied(_("Hanya petugas dinas yang menetapkan koperasi unggulan."))
    profile = CooperativeProfile.objects.select_for_update().get(pk=cooperative.pk)
    tally = TallyChange().watch(cooperatives=[profile.pk])
    stored = {k: getattr(profile, k) for k in COOPERATIVE_FIELDS} | {"phone": org.phone, "email": org.email}
    changes = checked(changes, stored=stored)
    org_changes = {
        k: changes.pop(k) for k in ("name", "region_code", "address", "phone", "email") if k in changes
    }
    before = snapshot(profile, COOPERATIVE_FIELDS)
    if org_changes:
        # The region never changes here (organization_update refuses a move), so neither does its copy.
        org = organization_update(actor=actor, organization=org, **org_changes)
    _apply_cooperative(profile, changes)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as exc:
        raise ValidationError(integrity_message(exc)) from exc
    tally.apply()
    old, new = changed(before, snapshot(profile, COOPERATIVE_FIELDS))
    if new:
        audit_change(actor, "cooperative.update", profile, org, before=old, after=new)
    return profile


@transaction.atomic
def cooperative_set_status(
    *, actor, cooperative: CooperativeProfile, status: str, reason: str, effective_on: dt.date | None = None
) -> CooperativeProfile:
    """Change a cooperative's status (aktif, tidak aktif, dibekukan, dibubarkan) with a dated reason."""
    org = cooperative.organization
    require_manage(actor, org)
    if status not in CooperativeStatus.values:
        _status_problem("", status)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan perubahan status wajib diisi.")})
    checked({"effective_on": effective_on})
    profile = CooperativeProfile.objects.select_for_update().get(pk=cooperative.pk)
    _status_problem(profile.status, status)
    old = profile.status
    tally = TallyChange().watch(cooperatives=[profile.pk])
    profile.status = status
    profile.save(update_fields=["status", "updated_at"])
    tally.apply()
    change = CooperativeStatusChange.objects.create(
        cooperative=profile,
        from_status=old,
        to_status=status,
        effective_on=effective_on or dt.date.today(),
        reason=reason,
        actor=actor,
    )
    audit_change(
        actor,
        "cooperative.status",
        profile,
        org,
        before={"status": old},
        after={"status": status, "reason": reason, "effective_on": change.effective_on},
    )
    return profile


@transaction.atomic
def cooperative_record_rat(
    *, actor, cooperative: CooperativeProfile, rat_date: dt.date
) -> CooperativeProfile:
    """Record that a cooperative held its annual members' meeting (RAT) on `rat_date`.

    Called by the health slice when an annual report is verified; keeps the latest date only.
    """
    org = cooperative.organization
    require_manage(actor, org)
    profile = CooperativeProfile.objects.select_for_update().get(pk=cooperative.pk)
    problem = rules.rat_date_problem(rat_date, legal_date=profile.legal_date)
    if problem:
        raise ValidationError({"last_rat_date": rules.problem_message(problem, value=rat_date)})
    if profile.last_rat_date and profile.last_rat_date >= rat_date:
        return profile
    before = profile.last_rat_date
    tally = TallyChange().watch(cooperatives=[profile.pk])
    profile.last_rat_date = rat_date
    profile.save(update_fields=["last_rat_date", "updated_at"])
    tally.apply()
    audit_change(
        actor,
        "cooperative.rat",
        profile,
        org,
        before={"last_rat_date": before},
        after={"last_rat_date": rat_date},
    )
    return profile


@transaction.atomic
def cooperative_officer_set(
    *, actor, cooperative: CooperativeProfile, officers: list[dict]
) -> list[CooperativeOfficer]:
    """Replace the list of pengurus and pengawas (each: body, position, name, term_start, term_end)."""
    org = cooperative.organization
    require_edit(actor, org)
    rows = []
    for i, item in enumerate(officers):
        officer = CooperativeOfficer(cooperative=cooperative, **item)
        try:
            officer.full_clean(exclude=["cooperative"])
        except ValidationError as exc:
            raise ValidationError({f"officers.{i}": exc.messages}) from exc
        if officer.term_start and officer.term_end and officer.term_end < officer.term_start:
            raise ValidationError({f"officers.{i}": _("Akhir masa jabatan sebelum awalnya.")})
        rows.append(officer)
    before = [f"{o.body}:{o.position}:{o.name}" for o in cooperative.officers.all()]
    kept = ("body", "position", "name", "term_start", "term_end")
    current = list(cooperative.officers.all())
    if Counter(tuple(getattr(o, k) for k in kept) for o in current) == Counter(
        tuple(getattr(o, k) for k in kept) for o in rows
    ):
        return current  # saved unchanged: no write, no audit event
    cooperative.officers.all().delete()
    created = CooperativeOfficer.objects.bulk_create(rows)
    audit_change(
        actor,
        "cooperative.officers",
        cooperative,
        org,
        before={"officers": before},
        after={"officers": [f"{o.body}:{o.position}:{o.name}" for o in created]},
    )
    return created
