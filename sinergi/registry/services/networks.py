"""Network writes: a network of any kind, its lead, and its members pledging, joining and leaving.

Slices that build on networks say what a network change means for them without the registry
importing them (they register from their AppConfig.ready()):

- `LEAVE_CHECKS`: given the network and the organisation, raise ValidationError to refuse its
  departure (joint purchasing refuses while the cooperative has an order in an unfinished round);
- `LEAD_WATCHERS`: given the network before its lead changes, return the function to call after
  the change (joint purchasing counts rounds at the lead's village, so it moves them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, User
from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_record, changed, snapshot
from sinergi.regions.codes import code_within
from sinergi.regions.models import Region
from sinergi.registry import network_rules as rules
from sinergi.registry.models import Network, NetworkKind, NetworkMember, NetworkMemberState
from sinergi.registry.selectors_networks import (
    MEMBER_KINDS,
    current_membership,
    lead_candidates,
    may_edit_network,
    may_run_network,
    member_area,
)

NETWORK_FIELDS = ["name", "kind", "region", "lead", "purpose", "is_active"]

LEAVE_CHECKS: list[Callable[[Network, Organization], None]] = []
LEAD_WATCHERS: list[Callable[[Network], Callable[[], None]]] = []


def _audit(actor, action: str, network: Network, **kwargs) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=network,
        region_code=network.region_id,
        organization_id=network.lead_id,
        **kwargs,
    )


def _problem(field: str, code: str, organization: Organization | None = None) -> ValidationError:
    text = str(rules.PROBLEMS[code])
    if organization is not None:
        text = text % {"name": organization.name}
    return ValidationError({field: text})


def _check_kind(kind: str) -> None:
    if kind not in NetworkKind.values:
        raise ValidationError({"kind": _("Pilih jenis jaringan dari daftar.")})


def _check_lead(region_code: str, kind: str, lead: Organization) -> None:
    if not lead_candidates(region_code=region_code, kind=kind).filter(pk=lead.pk).exists():
        if kind == NetworkKind.BUYING:
            message = _(
                "Pemimpin jaringan belanja bareng harus koperasi, asosiasi atau perusahaan aktif di wilayah jaringan."
            )
        else:
            message = _("Pemimpin jaringan harus organisasi aktif di wilayah jaringan.")
        raise ValidationError({"lead": message})


@transaction.atomic
def network_create(
    *,
    actor: User,
    name: str,
    region_code: str,
    lead: Organization,
    kind: str = NetworkKind.BUYING,
    purpose: str = "",
) -> Network:
    """Set up a network for an area (office admins and staff of that area)."""
    region = Region.objects.filter(pk=(region_code or "").strip()).first()
    if region is None or region.level > 3:
        raise ValidationError({"region": _("Pilih provinsi, kabupaten/kota atau kecamatan.")})
    if not reach_of(actor).manages_region(region.code):
        raise PermissionDenied(_("Wilayah ini di luar wilayah kerja Anda."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama jaringan wajib diisi.")})
    _check_kind(kind)
    _check_lead(region.code, kind, lead)
    network = Network.objects.create(
        name=name, kind=kind, region=region, lead=lead, purpose=(purpose or "").strip()
    )
    _audit(actor, "registry.network.create", network, after=snapshot(network, NETWORK_FIELDS))
    return network


@transaction.atomic
def network_update(*, actor: User, network: Network, **changes) -> Network:
    """Rename, re-purpose, hand over to another lead or deactivate a network (the office). The kind
    stays: a buying network's rounds depend on it."""
    if not may_edit_network(actor, network):
        raise PermissionDenied(_("Hanya petugas dinas wilayah ini yang dapat mengubah jaringan."))
    unknown = set(changes) - {"name", "purpose", "lead", "is_active"}
    if unknown:
        raise ValidationError({k: _("Kolom ini tidak dapat diubah.") for k in unknown})
    network = Network.objects.select_for_update().get(pk=network.pk)
    before = snapshot(network, NETWORK_FIELDS)
    if "name" in changes:
        network.name = (changes["name"] or "").strip()
        if not network.name:
            raise ValidationError({"name": _("Nama jaringan wajib diisi.")})
    if "purpose" in changes:
        network.purpose = (changes["purpose"] or "").strip()
    after_lead: list[Callable[[], None]] = []
    if "lead" in changes and changes["lead"].pk != network.lead_id:
        _check_lead(network.region_id, network.kind, changes["lead"])
        after_lead = [watch(network) for watch in LEAD_WATCHERS]
        network.lead = changes["lead"]
    if "is_active" in changes:
        network.is_active = bool(changes["is_active"])
    old, new = changed(before, snapshot(network, NETWORK_FIELDS))
    if not new:
        return network  # saved unchanged: nothing to write, no audit event
    network.save()
    for finish in after_lead:
        finish()
    _audit(actor, "registry.network.update", network, before=old, after=new)
    return network


def _check_member(network: Network, organization: Organization) -> None:
    kinds = MEMBER_KINDS.get(network.kind)
    if not organization.is_active or (kinds and organization.kind not in kinds):
        if network.kind == NetworkKind.BUYING:
            raise ValidationError({"organization": _("Hanya koperasi aktif yang dapat menjadi anggota.")})
        raise ValidationError({"organization": _("Hanya organisasi aktif yang dapat menjadi anggota.")})
    if not code_within(organization.region_id, member_area(network)):
        raise ValidationError(
            {"organization": _("%(name)s berada di luar wilayah jaringan.") % {"name": organization.name}}
        )


def _run_check(actor: User, network: Network) -> None:
    if not may_run_network(actor, network):
        raise PermissionDenied(_("Anda tidak berhak mengatur anggota jaringan ini."))


def _locked_current(network: Network, organization: Organization) -> NetworkMember | None:
    row = current_membership(network=network, organization_id=organization.pk)
    if row is None:
        return None
    return NetworkMember.objects.select_for_update().get(pk=row.pk)


@transaction.atomic
def network_member_pledge(
    *, actor: User, network: Network, organization: Organization, pledged_on: dt.date | None = None
) -> NetworkMember:
    """Record that an organisation committed to join ("berkomitmen bergabung")."""
    _run_check(actor, network)
    _check_member(network, organization)
    pledged_on = pledged_on or timezone.localdate()
    current = _locked_current(network, organization)
    code = rules.pledge_problem(
        current_state=current.state if current else None, pledged_on=pledged_on, today=timezone.localdate()
    )
    if code:
        raise _problem("organization", code, organization)
    try:
        with transaction.atomic():
            row = NetworkMember.objects.create(
                network=network,
                organization=organization,
                state=NetworkMemberState.PLEDGED,
                pledged_on=pledged_on,
            )
    except IntegrityError as exc:
        raise _problem("organization", "already_current", organization) from exc
    _audit(
        actor, "registry.network.member_pledge", network,
        after={"organization": organization.pk, "pledged_on": pledged_on.isoformat()},
    )  # fmt: skip
    return row


@transaction.atomic
def network_member_add(
    *, actor: User, network: Network, organization: Organization, joined_on: dt.date | None = None
) -> NetworkMember:
    """Admit an organisation of the network's area: straight away, or after its pledge."""
    _run_check(actor, network)
    _check_member(network, organization)
    joined_on = joined_on or timezone.localdate()
    current = _locked_current(network, organization)
    code = rules.join_problem(
        current_state=current.state if current else None,
        pledged_on=current.pledged_on if current else None,
        joined_on=joined_on,
        today=timezone.localdate(),
    )
    if code:
        raise _problem("organization", code, organization)
    if current is not None:
        current.state, current.joined_on = NetworkMemberState.MEMBER, joined_on
        current.save(update_fields=["state", "joined_on"])
        row = current
    else:
        try:
            with transaction.atomic():
                row = NetworkMember.objects.create(
                    network=network,
                    organization=organization,
                    state=NetworkMemberState.MEMBER,
                    joined_on=joined_on,
                )
        except IntegrityError as exc:
            raise _problem("organization", "already_member", organization) from exc
    _audit(
        actor, "registry.network.member_add", network,
        after={"organization": organization.pk, "joined_on": joined_on.isoformat()},
    )  # fmt: skip
    return row


@transaction.atomic
def network_member_leave(
    *, actor: User, network: Network, organization: Organization, left_on: dt.date | None = None
) -> NetworkMember:
    """A member leaves, or a pledge is withdrawn; the row stays with its dates as history."""
    _run_check(actor, network)
    left_on = left_on or timezone.localdate()
    current = _locked_current(network, organization)
    code = rules.leave_problem(
        current_state=current.state if current else None,
        pledged_on=current.pledged_on if current else None,
        joined_on=current.joined_on if current else None,
        left_on=left_on,
        today=timezone.localdate(),
    )
    if code:
        raise _problem("organization", code, organization)
    for check in LEAVE_CHECKS:
        check(network, organization)
    state_before = current.state
    current.state, current.left_on = NetworkMemberState.LEFT, left_on
    current.save(update_fields=["state", "left_on"])
    _audit(
        actor, "registry.network.member_leave", network,
        before={"organization": organization.pk, "state": state_before},
        after={"left_on": left_on.isoformat()},
    )  # fmt: skip
    return current
