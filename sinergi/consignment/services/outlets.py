"""Outlets, their spaces, allocations of spaces to UMKM and the waiting list."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.consignment import access, rules
from sinergi.consignment.models import Outlet, Space, SpaceAllocation, WaitingEntry
from sinergi.consignment.services.common import audit, refuse
from sinergi.regions.models import Region


def _outlet_staff(actor, outlet) -> None:
    if not access.runs_outlet(actor, outlet):
        raise PermissionDenied(_("Hanya staf gerai ini yang dapat melakukannya."))


@transaction.atomic
def outlet_create(
    *, actor, organization: Organization, name: str, kind: str, region_code: str, address: str = ""
) -> Outlet:
    """Open an outlet of an organisation at a village."""
    if not access.may_set_up_outlet(actor, organization, region_code):
        raise PermissionDenied(
            _("Hanya dinas wilayahnya atau staf gerai organisasi ini yang dapat membuka gerai.")
        )
    if not Region.objects.filter(pk=region_code).exists() or region_code.count(".") < 3:
        raise ValidationError({"region_code": _("Pilih kelurahan/desa tempat gerai.")})
    if organization.kind == OrganizationKind.UMKM:
        raise ValidationError(
            {"organization": _("Gerai dikelola koperasi, galeri atau pengelola mal, bukan UMKM.")}
        )
    outlet = Outlet.objects.create(
        organization=organization,
        name=name.strip(),
        kind=kind,
        region_code=region_code,
        address=address.strip(),
    )
    audit(
        actor=actor,
        action="outlet_create",
        obj=outlet,
        after={"name": outlet.name, "kind": kind},
        organization_id=organization.pk,
    )
    return outlet


@transaction.atomic
def space_create(*, actor, outlet: Outlet, label: str) -> Space:
    _outlet_staff(actor, outlet)
    space = Space.objects.create(outlet=outlet, label=label.strip())
    audit(
        actor=actor,
        action="space_create",
        obj=space,
        region_code=outlet.region_code,
        after={"label": space.label},
    )
    return space


@transaction.atomic
def space_allocate(
    *, actor, space: Space, business: Organization, starts_on: dt.date, ends_on: dt.date
) -> SpaceAllocation:
    """Lend a space to a UMKM for a period; never two UMKM on one space on one day. Serves the
    UMKM's entry on the waiting list, if any."""
    outlet = space.outlet
    _outlet_staff(actor, outlet)
    if business.kind != OrganizationKind.UMKM:
        raise refuse("not_umkm", "business")
    # The space row is locked so two allocations of it are judged one after the other.
    Space.objects.select_for_update().filter(pk=space.pk).first()
    taken = list(space.allocations.values_list("starts_on", "ends_on"))
    problem = rules.allocation_problem(starts_on, ends_on, taken)
    if problem:
        raise refuse(problem, "starts_on")
    allocation = SpaceAllocation.objects.create(
        space=space, business=business, starts_on=starts_on, ends_on=ends_on
    )
    WaitingEntry.objects.filter(outlet=outlet, business=business, served_on__isnull=True).update(
        served_on=starts_on
    )
    audit(
        actor=actor,
        action="space_allocate",
        obj=allocation,
        region_code=outlet.region_code,
        after={"space": space.label, "business": business.pk, "starts_on": starts_on, "ends_on": ends_on},
    )
    return allocation


@transaction.atomic
def waiting_add(
    *, actor, outlet: Outlet, business: Organization, requested_on: dt.date, note: str = ""
) -> WaitingEntry:
    """Put a UMKM on the outlet's waiting list (by the outlet's staff or the UMKM's owner)."""
    if not (access.runs_outlet(actor, outlet) or access.is_producer(actor, business.pk)):
        raise PermissionDenied(_("Hanya staf gerai atau pemilik usaha yang dapat mendaftar."))
    if business.kind != OrganizationKind.UMKM:
        raise refuse("not_umkm", "business")
    if WaitingEntry.objects.filter(outlet=outlet, business=business, served_on__isnull=True).exists():
        raise refuse("waiting_twice", "business")
    entry = WaitingEntry.objects.create(
        outlet=outlet, business=business, requested_on=requested_on, note=note.strip()
    )
    audit(
        actor=actor,
        action="waiting_add",
        obj=entry,
        region_code=outlet.region_code,
        after={"business": business.pk},
    )
    return entry
