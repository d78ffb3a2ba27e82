"""Business claims (klaim usaha): an owner claims their business or asks to register it, an officer decides."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts import notices
from sinergi.accounts.models import (
    CLAIMANT_ROLE,
    BusinessClaim,
    Membership,
    Organization,
    OrganizationKind,
    User,
)
from sinergi.accounts.scoping import forget_reach, reach_of
from sinergi.accounts.services.common import region_for, trail_name
from sinergi.accounts.services.logins import client_key
from sinergi.core.audit import audit_record

# Claims are limited per account and per client (a sign-up needs no invitation, so anyone could
# fill an office's queue): a person has a business or two, a shared connection (a warnet, a
# carrier's NAT) a handful of owners an hour.
CLAIMS_PER_ACCOUNT = 3
CLAIMS_PER_ACCOUNT_WINDOW = dt.timedelta(hours=24)
CLAIMS_PER_CLIENT = 10
CLAIMS_PER_CLIENT_WINDOW = dt.timedelta(hours=1)


def _claim_limit(*, actor: User, client: str, now: dt.datetime) -> None:
    """Refuse a claim over either limit, saying when the next one will be accepted."""
    checks = (
        (
            BusinessClaim.objects.filter(user=actor),
            CLAIMS_PER_ACCOUNT,
            CLAIMS_PER_ACCOUNT_WINDOW,
            _("Anda sudah mengirim %(n)s klaim dalam 24 jam terakhir. Coba lagi setelah %(time)s."),
        ),
        (
            BusinessClaim.objects.filter(client=client) if client else BusinessClaim.objects.none(),
            CLAIMS_PER_CLIENT,
            CLAIMS_PER_CLIENT_WINDOW,
            _("Terlalu banyak klaim dari jaringan Anda dalam satu jam terakhir. Coba lagi setelah %(time)s."),
        ),
    )
    for claims, limit, window, message in checks:
        recent = list(
            claims.filter(created_at__gt=now - window)
            .order_by("-created_at")
            .values_list("created_at", flat=True)[:limit]
        )
        if len(recent) >= limit:
            freed_at = timezone.localtime(recent[-1] + window)
            raise ValidationError(
                message % {"n": limit, "time": freed_at.strftime("%d-%m-%Y %H:%M")}, code="throttled"
            )


@transaction.atomic
def business_claim_submit(
    *,
    actor: User,
    organization: Organization | None = None,
    new_name: str = "",
    new_region_code: str = "",
    new_address: str = "",
    evidence: str = "",
    ip: str | None = None,
) -> BusinessClaim:
    """An owner claims a registered business, or asks to register a new one; an officer confirms.

    A new business stays a claim (its name, village and address) until an officer approves it:
    nothing enters the registry before. `ip` is the client's address, for the per-client limit.
    """
    # One account's claims take turns, so a burst cannot slip past its limit.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    client = client_key(ip)
    _claim_limit(actor=actor, client=client, now=timezone.now())
    evidence = (evidence or "").strip()
    if organization is None:
        name = (new_name or "").strip()
        if not name:
            raise ValidationError({"name": _("Nama usaha wajib diisi.")})
        region = region_for(new_region_code, "region", min_level=3)
        waiting = BusinessClaim.objects.filter(
            user=actor, organization__isnull=True, new_region=region, status=BusinessClaim.Status.PENDING
        )
        if any(other.lower() == name.lower() for other in waiting.values_list("new_name", flat=True)):
            raise ValidationError(_("Klaim Anda untuk usaha ini masih menunggu konfirmasi."))
        claim = BusinessClaim(
            user=actor,
            created_new=True,
            new_name=name,
            new_region=region,
            new_address=(new_address or "").strip(),
            evidence=evidence,
            client=client,
        )
        claim.full_clean(exclude=["user", "organization", "new_region"])
        claim.save()
        audit_record(
            actor=actor,
            action="claim.submit",
            obj=claim,
            object_repr=f"{trail_name(actor)} → {name}",
            after={"organization": None, "created_new": True, "name": name, "region": region.code},
            region_code=region.code,
        )
        return claim
    if organization.kind != OrganizationKind.UMKM:
        raise ValidationError(_("Hanya usaha (UMKM) yang dapat diklaim."))
    if Membership.objects.filter(user=actor, organization=organization).exists():
        raise ValidationError(_("Anda sudah terdaftar di usaha ini."))
    if BusinessClaim.objects.filter(user=actor, organization=organization, status="pending").exists():
        raise ValidationError(_("Klaim Anda untuk usaha ini masih menunggu konfirmasi."))
    claim = BusinessClaim.objects.create(
        user=actor, organization=organization, evidence=evidence, client=client
    )
    audit_record(
        actor=actor,
        action="claim.submit",
        obj=claim,
        object_repr=f"{trail_name(actor)} → {organization}",
        after={"organization": organization.pk, "created_new": False},
        region_code=organization.region_id,
        organization_id=organization.pk,
    )
    return claim


@transaction.atomic
def business_claim_decide(
    *,
    actor: User,
    claim: BusinessClaim,
    approve: bool,
    note: str = "",
    organization: Organization | None = None,
) -> BusinessClaim:
    """An officer of the business's region confirms or rejects a claim.

    A claim on a new business is approved together with the business the registry has just
    registered for it, given as `organization`: pages and commands approve through
    `registry.services.business_claim_decide`, which registers it first.
    """
    # Only the claim's row is locked: its business may be none yet (PostgreSQL refuses to lock the
    # empty side of an outer join).
    claim = (
        BusinessClaim.objects.select_for_update(of=("self",))
        .select_related("organization", "user")
        .get(pk=claim.pk)
    )
    region_code = claim.organization.region_id if claim.organization_id else claim.new_region_id
    if not reach_of(actor).manages_region(region_code):
        raise PermissionDenied(_("Usaha ini di luar wilayah kerja Anda."))
    if claim.status != BusinessClaim.Status.PENDING:
        raise ValidationError(_("Klaim ini sudah diputuskan."))
    if approve and claim.organization_id is None:
        if (
            organization is None
            or organization.kind != OrganizationKind.UMKM
            or organization.region_id != claim.new_region_id
        ):
            raise ValidationError(_("Usaha baru didaftarkan di registri saat klaimnya disetujui."))
        claim.organization = organization
    claim.status = BusinessClaim.Status.APPROVED if approve else BusinessClaim.Status.REJECTED
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.decision_note = (note or "").strip()
    claim.save()
    if approve and not Membership.objects.filter(user=claim.user, organization=claim.organization).exists():
        Membership.objects.create(user=claim.user, organization=claim.organization, role=CLAIMANT_ROLE)
        forget_reach(claim.user)
    audit_record(
        actor=actor,
        action="claim.approve" if approve else "claim.reject",
        obj=claim,
        object_repr=f"{trail_name(claim.user)} → {claim.business_name}",
        after={"status": claim.status, "note": claim.decision_note, "organization": claim.organization_id},
        region_code=region_code,
        organization_id=claim.organization_id,
    )
    notices.claim_decided(actor=actor, claim=claim)
    return claim
