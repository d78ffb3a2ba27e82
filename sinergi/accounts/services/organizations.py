"""Organisations (organisasi): registering, editing, and marking a duplicate merged into another."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind, User
from sinergi.accounts.scoping import reach_of
from sinergi.accounts.services.common import ORGANIZATION_FIELDS, clean_email, clean_phone, region_for
from sinergi.core.audit import audit_record, changed, snapshot


@transaction.atomic
def organization_create(
    *,
    actor: User,
    kind: str,
    name: str,
    region_code: str,
    address: str = "",
    phone: str = "",
    email: str = "",
    jurisdiction_code: str | None = None,
) -> Organization:
    """Register an organisation inside the actor's jurisdiction."""
    if kind not in OrganizationKind.values:
        raise ValidationError({"kind": _("Jenis organisasi tidak dikenal: %(v)s") % {"v": kind}})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama wajib diisi.")})
    region = region_for(region_code, "region", min_level=3)
    reach = reach_of(actor)
    if not reach.manages_region(region.code):
        raise PermissionDenied(_("Wilayah ini di luar wilayah kerja Anda."))
    jurisdiction = None
    if kind == OrganizationKind.GOVERNMENT:
        jurisdiction = region_for(jurisdiction_code, "jurisdiction")
        if not reach.administers_region(jurisdiction.code):
            raise PermissionDenied(_("Wilayah kerja ini di luar wilayah kerja Anda."))
    elif jurisdiction_code:
        raise ValidationError({"jurisdiction": _("Hanya instansi pemerintah yang punya wilayah kerja.")})
    org = Organization(
        kind=kind,
        name=name,
        region=region,
        address=(address or "").strip(),
        phone=clean_phone(phone),
        email=clean_email(email) if email else "",
        jurisdiction=jurisdiction,
    )
    org.full_clean()
    org.save()
    audit_record(
        actor=actor,
        action="organization.create",
        obj=org,
        after=snapshot(org, ORGANIZATION_FIELDS),
        region_code=org.region_id,
        organization_id=org.pk,
    )
    return org


@transaction.atomic
def organization_update(*, actor: User, organization: Organization, **changes) -> Organization:
    """Change an organisation's name, place or contacts. Its kind never changes."""
    reach = reach_of(actor)
    if not reach.can_edit_organization(organization):
        raise PermissionDenied(_("Anda tidak berhak mengubah organisasi ini."))
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    before = snapshot(org, ORGANIZATION_FIELDS)
    allowed = {"name", "region_code", "address", "phone", "email", "is_active", "jurisdiction_code"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({k: _("Kolom ini tidak dapat diubah.") for k in unknown})
    if "name" in changes:
        org.name = (changes["name"] or "").strip()
        if not org.name:
            raise ValidationError({"name": _("Nama wajib diisi.")})
    if "region_code" in changes:
        # A move is never a field edit (registry.services.moves): inside one office's jurisdiction
        # its writers move at once, anything else is a request the receiving office approves, and
        # the move rewrites the registry's copy of the region in the same transaction. An edit
        # form sending the current region back changes nothing.
        region = region_for(changes["region_code"], "region", min_level=3)
        if region.code != org.region_id:
            raise ValidationError({"region": _("Wilayah tidak diubah di sini: ajukan pindah wilayah.")})
    if "address" in changes:
        org.address = (changes["address"] or "").strip()
    # A contact sent back as stored is not judged again (as in the registry): an edit saved
    # untouched never fails on a value an older rule let in.
    if "phone" in changes and changes["phone"] != org.phone:
        org.phone = clean_phone(changes["phone"])
    if "email" in changes and changes["email"] != org.email:
        org.email = clean_email(changes["email"]) if changes["email"] else ""
    if "is_active" in changes:
        if not reach.manages_region(org.region_id):
            raise PermissionDenied(_("Hanya petugas dinas yang dapat menonaktifkan organisasi."))
        org.is_active = bool(changes["is_active"])
    if "jurisdiction_code" in changes:
        if org.kind != OrganizationKind.GOVERNMENT:
            raise ValidationError({"jurisdiction": _("Hanya instansi pemerintah yang punya wilayah kerja.")})
        jurisdiction = region_for(changes["jurisdiction_code"], "jurisdiction")
        if not reach.administers_region(jurisdiction.code):
            raise PermissionDenied(_("Wilayah kerja ini di luar wilayah kerja Anda."))
        org.jurisdiction = jurisdiction
    org.full_clean()
    org.save()
    old, new = changed(before, snapshot(org, ORGANIZATION_FIELDS))
    if new:
        audit_record(
            actor=actor,
            action="organization.update",
            obj=org,
            before=old,
            after=new,
            region_code=org.region_id,
            organization_id=org.pk,
        )
    return org


@transaction.atomic
def organization_set_region(
    *, actor: User, organization: Organization, region_code: str, move_id: int
) -> Organization:
    """Put the organisation in another region: the last step of a move.

    Only `registry.services.moves` calls this, once it has decided that the move may happen (an
    office writer inside their jurisdiction, or the receiving office approving a request); it
    rewrites the registry's copy of the region in the same transaction. The actor must at least
    manage the region the organisation arrives in.
    """
    region = region_for(region_code, "region", min_level=3)
    if not reach_of(actor).manages_region(region.code):
        raise PermissionDenied(_("Wilayah ini di luar wilayah kerja Anda."))
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    before = org.region_id
    org.region = region
    org.full_clean()
    org.save(update_fields=["region", "updated_at"])
    audit_record(
        actor=actor,
        action="organization.move",
        obj=org,
        before={"region": before},
        after={"region": region.code, "move": move_id},
        region_code=region.code,
        organization_id=org.pk,
    )
    return org


@transaction.atomic
def organization_mark_merged(*, actor: User, organization: Organization, into: Organization) -> Organization:
    """Record that `organization` is a duplicate merged into `into`: it is deactivated, not deleted."""
    reach = reach_of(actor)
    if not (reach.manages_region(organization.region_id) and reach.manages_region(into.region_id)):
        raise PermissionDenied(_("Organisasi ini di luar wilayah kerja Anda."))
    if organization.pk == into.pk or organization.kind != into.kind:
        raise ValidationError(_("Hanya organisasi sejenis yang berbeda yang dapat digabung."))
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if org.merged_into_id is not None:
        raise ValidationError(_("Organisasi ini sudah digabung ke organisasi lain."))
    before = {"merged_into": None, "is_active": org.is_active}
    org.merged_into = into
    org.is_active = False
    org.save(update_fields=["merged_into", "is_active", "updated_at"])
    audit_record(
        actor=actor,
        action="organization.merge",
        obj=org,
        before=before,
        after={"merged_into": into.pk, "is_active": False},
        region_code=org.region_id,
        organization_id=org.pk,
    )
    return org


@transaction.atomic
def organization_unmerge(*, actor: User, organization: Organization, is_active: bool = True) -> Organization:
    """Undo organization_mark_merged: only office admins of the region (and superusers) may."""
    if not reach_of(actor).administers_region(organization.region_id):
        raise PermissionDenied(_("Hanya admin dinas yang dapat membatalkan penggabungan."))
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if org.merged_into_id is None:
        raise ValidationError(_("Organisasi ini tidak sedang digabung."))
    before = {"merged_into": org.merged_into_id, "is_active": org.is_active}
    org.merged_into = None
    org.is_active = is_active
    org.save(update_fields=["merged_into", "is_active", "updated_at"])
    audit_record(
        actor=actor,
        action="organization.unmerge",
        obj=org,
        before=before,
        after={"merged_into": None, "is_active": is_active},
        region_code=org.region_id,
        organization_id=org.pk,
    )
    return org
