"""Business claims (klaim usaha): an owner claims or registers their business, an officer decides."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import (
    CLAIMANT_ROLE,
    BusinessClaim,
    Membership,
    Organization,
    OrganizationKind,
    User,
)
from sinergi.accounts.scoping import forget_reach, reach_of
from sinergi.accounts.services.common import ORGANIZATION_FIELDS, region_for
from sinergi.core.audit import audit_record, snapshot
from sinergi.core.notifications import Message, notify


@transaction.atomic
def business_claim_submit(
    *,
    actor: User,
    organization: Organization | None = None,
    new_name: str = "",
    new_region_code: str = "",
    new_address: str = "",
    evidence: str = "",
) -> BusinessClaim:
    """An owner claims a registered business, or registers a new one; an officer confirms."""
    created_new = False
    if organization is None:
        name = (new_name or "").strip()
        if not name:
            raise ValidationError({"name": _("Nama usaha wajib diisi.")})
        region = region_for(new_region_code, "region", min_level=3)
        organization = Organization.objects.create(
            kind=OrganizationKind.UMKM, name=name, region=region, address=(new_address or "").strip()
        )
        created_new = True
        audit_record(
            actor=actor,
            action="organization.self_register",
            obj=organization,
            after=snapshot(organization, ORGANIZATION_FIELDS),
            region_code=region.code,
            organization_id=organization.pk,
        )
    elif organization.kind != OrganizationKind.UMKM:
        raise ValidationError(_("Hanya usaha (UMKM) yang dapat diklaim."))
    if Membership.objects.filter(user=actor, organization=organization).exists():
        raise ValidationError(_("Anda sudah terdaftar di usaha ini."))
    if BusinessClaim.objects.filter(user=actor, organization=organization, status="pending").exists():
        raise ValidationError(_("Klaim Anda untuk usaha ini masih menunggu konfirmasi."))
    claim = BusinessClaim.objects.create(
        user=actor, organization=organization, created_new=created_new, evidence=(evidence or "").strip()
    )
    audit_record(
        actor=actor,
        action="claim.submit",
        obj=claim,
        after={"organization": organization.pk, "created_new": created_new},
        region_code=organization.region_id,
        organization_id=organization.pk,
    )
    return claim


@transaction.atomic
def business_claim_decide(
    *, actor: User, claim: BusinessClaim, approve: bool, note: str = ""
) -> BusinessClaim:
    """An officer of the business's region confirms or rejects a claim."""
    claim = BusinessClaim.objects.select_for_update().select_related("organization", "user").get(pk=claim.pk)
    if not reach_of(actor).manages_region(claim.organization.region_id):
        raise PermissionDenied(_("Usaha ini di luar wilayah kerja Anda."))
    if claim.status != BusinessClaim.Status.PENDING:
        raise ValidationError(_("Klaim ini sudah diputuskan."))
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
        after={"status": claim.status, "note": claim.decision_note},
        region_code=claim.organization.region_id,
        organization_id=claim.organization_id,
    )
    message = Message(
        subject=_("Klaim usaha Anda %(status)s") % {"status": claim.get_status_display()},
        body=_("Klaim Anda atas %(org)s telah %(status)s. %(note)s")
        % {"org": claim.organization.name, "status": claim.get_status_display(), "note": claim.decision_note},
    )
    email = claim.user.email
    transaction.on_commit(lambda: notify(message=message, emails=[email]))
    return claim
