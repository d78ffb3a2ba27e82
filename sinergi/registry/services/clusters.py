"""Kampung Koperasi clusters."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_record, snapshot
from sinergi.registry.models import (
    Cluster,
)


@transaction.atomic
def cluster_save(
    *,
    actor,
    cluster: Cluster | None = None,
    name: str,
    commodity: str,
    district_code: str,
    flagship: Organization | None = None,
    cooperatives: list[Organization] = (),
    businesses: list[Organization] = (),
) -> Cluster:
    """Create or change a Kampung Koperasi cluster inside the actor's jurisdiction."""
    reach = reach_of(actor)
    if not reach.manages_region(district_code):
        raise PermissionDenied(_("Kecamatan ini di luar wilayah kerja Anda."))
    if district_code.count(".") != 2:
        raise ValidationError({"district": _("Klaster berada di satu kecamatan.")})
    name, commodity = (name or "").strip(), (commodity or "").strip()
    if not name or not commodity:
        raise ValidationError({"name": _("Nama dan komoditas wajib diisi.")})
    for coop in [*cooperatives, *([flagship] if flagship else [])]:
        if coop.kind != OrganizationKind.COOPERATIVE:
            raise ValidationError({"cooperatives": _("Hanya koperasi yang dapat dipilih.")})
    for biz in businesses:
        if biz.kind != OrganizationKind.UMKM:
            raise ValidationError({"businesses": _("Hanya UMKM yang dapat dipilih.")})
    target = cluster or Cluster()
    before = snapshot(target, ["name", "commodity", "district", "flagship"]) if cluster else None
    members = ({c.pk for c in cooperatives}, {b.pk for b in businesses})
    members_before = (
        (
            set(target.cooperatives.values_list("pk", flat=True)),
            set(target.businesses.values_list("pk", flat=True)),
        )
        if cluster
        else None
    )
    target.name, target.commodity, target.district_id = name, commodity, district_code
    target.flagship = flagship
    if (
        cluster
        and members == members_before
        and snapshot(target, ["name", "commodity", "district", "flagship"]) == before
    ):
        return target  # saved unchanged: nothing to write, no audit event
    target.save()
    target.cooperatives.set(cooperatives)
    target.businesses.set(businesses)
    after = snapshot(target, ["name", "commodity", "district", "flagship"])
    audit_record(
        actor=actor,
        action="cluster.update" if cluster else "cluster.create",
        obj=target,
        before=before,
        after=after | {"cooperatives": len(cooperatives), "businesses": len(businesses)},
        region_code=district_code,
    )
    return target
