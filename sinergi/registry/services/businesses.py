"""Businesses (UMKM): registration, changes, the size class and its override, cooperative memberships."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.accounts.services import organization_create, organization_update
from sinergi.core.audit import changed, snapshot
from sinergi.registry.keys import name_key
from sinergi.registry.models import (
    BusinessProfile,
)
from sinergi.registry.scale import business_scale
from sinergi.registry.services.common import (
    BUSINESS_FIELDS,
    audit_change,
    checked,
    require_edit,
)
from sinergi.registry.services.cooperatives import integrity_message
from sinergi.registry.tallies import TallyChange


def _apply_business(profile: BusinessProfile, data: dict) -> None:
    unknown = set(data) - set(BUSINESS_FIELDS) - {"scale"}
    if unknown:
        raise ValidationError({k: _("Kolom ini tidak dikenal.") for k in unknown})
    for key, value in data.items():
        setattr(profile, key, value)
    if profile.scale_override and not profile.scale_override_reason.strip():
        raise ValidationError({"scale_override_reason": _("Koreksi skala usaha perlu alasan.")})
    profile.scale = business_scale(capital=profile.capital, annual_sales=profile.annual_sales) or ""
    profile.full_clean(
        exclude=["organization", "cooperatives"], validate_unique=False, validate_constraints=False
    )


@transaction.atomic
def business_register(
    *,
    actor,
    name: str,
    region_code: str,
    address: str = "",
    phone: str = "",
    email: str = "",
    **profile_data,
) -> BusinessProfile:
    """Register a business (UMKM) with its owner and size in the actor's jurisdiction."""
    values = checked({"phone": phone, "email": email, **profile_data})
    org = organization_create(
        actor=actor,
        kind=OrganizationKind.UMKM,
        name=name,
        region_code=region_code,
        address=address,
        phone=values.pop("phone"),
        email=values.pop("email"),
    )
    profile = BusinessProfile(organization=org, name_key=name_key(org.name))
    profile.copy_region(org.region_id)
    _apply_business(profile, values)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as exc:
        raise ValidationError(integrity_message(exc)) from exc
    TallyChange().created(businesses=[profile.pk]).apply()
    audit_change(actor, "business.register", profile, org, after=snapshot(profile, BUSINESS_FIELDS))
    return profile


@transaction.atomic
def business_update(*, actor, business: BusinessProfile, **changes) -> BusinessProfile:
    org = business.organization
    require_edit(actor, org)
    if ("scale_override" in changes or "scale_override_reason" in changes) and not reach_of(
        actor
    ).manages_region(org.region_id):
        raise PermissionDenied(_("Hanya petugas dinas yang dapat mengoreksi skala usaha."))
    profile = BusinessProfile.objects.select_for_update().get(pk=business.pk)
    tally = TallyChange().watch(businesses=[profile.pk])
    stored = {k: getattr(profile, k) for k in BUSINESS_FIELDS} | {"phone": org.phone, "email": org.email}
    changes = checked(changes, stored=stored)
    org_changes = {
        k: changes.pop(k) for k in ("name", "region_code", "address", "phone", "email") if k in changes
    }
    before = snapshot(profile, BUSINESS_FIELDS)
    if org_changes:
        # The region never changes here (organization_update refuses a move), so neither does its copy.
        org = organization_update(actor=actor, organization=org, **org_changes)
        profile.name_key = name_key(org.name)
    _apply_business(profile, changes)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as exc:
        raise ValidationError(integrity_message(exc)) from exc
    tally.apply()
    old, new = changed(before, snapshot(profile, BUSINESS_FIELDS))
    if new:
        audit_change(actor, "business.update", profile, org, before=old, after=new)
    return profile


@transaction.atomic
def business_set_cooperatives(*, actor, business: BusinessProfile, cooperatives: list[Organization]) -> None:
    """The cooperatives a business is a member of."""
    org = business.organization
    require_edit(actor, org)
    reach = reach_of(actor)
    for coop in cooperatives:
        if coop.kind != OrganizationKind.COOPERATIVE:
            raise ValidationError({"cooperatives": _("Hanya koperasi yang dapat dipilih.")})
        if not reach.can_view_organization(coop) and not coop.is_active:
            raise ValidationError({"cooperatives": _("Koperasi tidak ditemukan.")})
    before = sorted(business.cooperatives.values_list("pk", flat=True))
    business.cooperatives.set(cooperatives)
    audit_change(
        actor,
        "business.cooperatives",
        business,
        org,
        before={"cooperatives": before},
        after={"cooperatives": sorted(c.pk for c in cooperatives)},
    )
