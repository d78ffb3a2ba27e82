"""Members (anggota) of cooperatives and their savings."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import changed, snapshot
from sinergi.registry.models import (
    Member,
)
from sinergi.registry.services.common import (
    MEMBER_FIELDS,
    audit_change,
    checked,
)


def _require_member_writer(actor, cooperative: Organization) -> None:
    reach = reach_of(actor)
    if reach.manages_region(cooperative.region_id):
        return
    if reach.operates_cooperative(cooperative.pk):
        return
    raise PermissionDenied(_("Anda tidak berhak mengubah data anggota koperasi ini."))


@transaction.atomic
def member_save(*, actor, cooperative: Organization, member: Member | None = None, **data) -> Member:
    """Add a member to a cooperative or change one; the member number is unique per cooperative."""
    if cooperative.kind != OrganizationKind.COOPERATIVE:
        raise ValidationError(_("Anggota hanya untuk koperasi."))
    _require_member_writer(actor, cooperative)
    unknown = set(data) - set(MEMBER_FIELDS)
    if unknown:
        raise ValidationError({k: _("Kolom ini tidak dikenal.") for k in unknown})
    if member is None:
        target = Member(cooperative=cooperative)
        before = None
    else:
        if member.cooperative_id != cooperative.pk:
            raise PermissionDenied(_("Anggota ini bukan anggota koperasi tersebut."))
        target = Member.objects.select_for_update().get(pk=member.pk)
        before = snapshot(target, MEMBER_FIELDS)
    data = checked(data, stored={k: getattr(target, k) for k in MEMBER_FIELDS} if member else None)
    for key, value in data.items():
        setattr(target, key, value)
    target.full_clean(exclude=["cooperative"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"member_number": _("Nomor anggota ini sudah dipakai di koperasi ini.")}
        ) from exc
    if before is None:
        audit_change(
            actor, "member.add", target, cooperative, after=snapshot(target, ["member_number", "name"])
        )
    else:
        old, new = changed(before, snapshot(target, MEMBER_FIELDS))
        if new:
            audit_change(actor, "member.update", target, cooperative, before=old, after=new)
    return target
