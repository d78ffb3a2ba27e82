"""Network writes: a Jaringan Usaha Koperasi, its coordinator and its member cooperatives."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind, User
from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_record, changed, snapshot
from sinergi.purchasing import tallies
from sinergi.purchasing.models import Network, NetworkMember, Order, RoundStatus
from sinergi.purchasing.selectors import coordinator_candidates, may_coordinate
from sinergi.regions.codes import code_within
from sinergi.regions.models import Region

NETWORK_FIELDS = ["name", "region", "coordinator", "description", "is_active"]


def _audit(actor, action: str, obj, network: Network, **kwargs) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        region_code=network.region_id,
        organization_id=network.coordinator_id,
        **kwargs,
    )


def _check_coordinator(region_code: str, coordinator: Organization) -> None:
    if not coordinator_candidates(region_code=region_code).filter(pk=coordinator.pk).exists():
        raise ValidationError(
            {
                "coordinator": _(
                    "Koordinator harus koperasi, asosiasi atau perusahaan aktif di wilayah jaringan."
                )
            }
        )


@transaction.atomic
def network_create(
    *, actor: User, name: str, region_code: str, coordinator: Organization, description: str = ""
) -> Network:
    """Set up a buying network for an area (office admins and staff of that area)."""
    region = Region.objects.filter(pk=(region_code or "").strip()).first()
    if region is None or region.level > 3:
        raise ValidationError({"region": _("Pilih provinsi, kabupaten/kota atau kecamatan.")})
    if not reach_of(actor).manages_region(region.code):
        raise PermissionDenied(_("Wilayah ini di luar wilayah kerja Anda."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama jaringan wajib diisi.")})
    _check_coordinator(region.code, coordinator)
    network = Network.objects.create(
        name=name, region=region, coordinator=coordinator, description=(description or "").strip()
    )
    _audit(actor, "purchasing.network.create", network, network, after=snapshot(network, NETWORK_FIELDS))
    return network


@transaction.atomic
def network_update(*, actor: User, network: Network, **changes) -> Network:
    """Rename, describe, hand over to another coordinator or deactivate a network (the office)."""
    if not reach_of(actor).manages_region(network.region_id):
        raise PermissionDenied(_("Hanya petugas dinas wilayah ini yang dapat mengubah jaringan."))
    unknown = set(changes) - {"name", "description", "coordinator", "is_active"}
    if unknown:
        raise ValidationError({k: _("Kolom ini tidak dapat diubah.") for k in unknown})
    network = Network.objects.select_for_update().get(pk=network.pk)
    before = snapshot(network, NETWORK_FIELDS)
    if "name" in changes:
        network.name = (changes["name"] or "").strip()
        if not network.name:
            raise ValidationError({"name": _("Nama jaringan wajib diisi.")})
    if "description" in changes:
        network.description = (changes["description"] or "").strip()
    change = tallies.TallyChange()
    if "coordinator" in changes:
        _check_coordinator(network.region_id, changes["coordinator"])
        # The rounds are counted in the coordinator's village: a new coordinator moves them.
        change.watch(rounds=network.rounds.values_list("pk", flat=True))
        network.coordinator = changes["coordinator"]
    if "is_active" in changes:
        network.is_active = bool(changes["is_active"])
    network.save()
    change.apply()
    old, new = changed(before, snapshot(network, NETWORK_FIELDS))
    if new:
        _audit(actor, "purchasing.network.update", network, network, before=old, after=new)
    return network


@transaction.atomic
def network_member_add(*, actor: User, network: Network, cooperative: Organization) -> NetworkMember:
    """Admit a cooperative of the network's area (the coordinator or the office)."""
    if not may_coordinate(actor, network):
        raise PermissionDenied(_("Anda tidak berhak mengatur anggota jaringan ini."))
    if cooperative.kind != OrganizationKind.COOPERATIVE or not cooperative.is_active:
        raise ValidationError({"cooperative": _("Hanya koperasi aktif yang dapat menjadi anggota.")})
    if not code_within(cooperative.region_id, network.region_id):
        raise ValidationError(
            {"cooperative": _("%(name)s berada di luar wilayah jaringan.") % {"name": cooperative.name}}
        )
    try:
        with transaction.atomic():
            member = NetworkMember.objects.create(network=network, cooperative=cooperative)
    except IntegrityError as exc:
        raise ValidationError(
            {"cooperative": _("%(name)s sudah menjadi anggota.") % {"name": cooperative.name}}
        ) from exc
    _audit(actor, "purchasing.network.member_add", network, network, after={"cooperative": cooperative.pk})
    return member


@transaction.atomic
def network_member_remove(*, actor: User, network: Network, cooperative: Organization) -> None:
    """Let a cooperative leave; refused while it has an order in a round not yet finished."""
    if not may_coordinate(actor, network):
        raise PermissionDenied(_("Anda tidak berhak mengatur anggota jaringan ini."))
    member = NetworkMember.objects.filter(network=network, cooperative=cooperative).first()
    if member is None:
        raise ValidationError({"cooperative": _("%(name)s bukan anggota.") % {"name": cooperative.name}})
    unfinished = Order.objects.filter(
        round__network=network,
        cooperative=cooperative,
        lines__isnull=False,
        round__status__in=[RoundStatus.OPEN, RoundStatus.CLOSED, RoundStatus.OPTIMISED],
    )
    if unfinished.exists():
        raise ValidationError(
            {
                "cooperative": _(
                    "%(name)s masih punya pesanan di putaran yang belum selesai; hapus pesanannya dulu."
                )
                % {"name": cooperative.name}
            }
        )
    member.delete()
    _audit(
        actor, "purchasing.network.member_remove", network, network, before={"cooperative": cooperative.pk}
    )
