"""Deciding business claims (klaim usaha): the door every page and command decides through.

A claim on a business the registry does not have yet is only a claim until an officer approves it;
approving registers the business (its organisation and profile, `business_register`, as the
deciding officer, in the claim's village) and lets the claimant act for it, in one transaction.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.accounts import services as accounts_services
from sinergi.accounts.models import BusinessClaim
from sinergi.accounts.scoping import reach_of
from sinergi.registry.services.businesses import business_register


@transaction.atomic
def business_claim_decide(*, actor, claim: BusinessClaim, approve: bool, note: str = "") -> BusinessClaim:
    """Approve or reject a claim; approving a new business registers it first."""
    claim = BusinessClaim.objects.select_for_update().select_related("user").get(pk=claim.pk)
    organization = None
    if approve and claim.organization_id is None:
        # Checked before anything is registered; accounts checks the same again.
        if not reach_of(actor).manages_region(claim.new_region_id):
            raise PermissionDenied(_("Usaha ini di luar wilayah kerja Anda."))
        if claim.status != BusinessClaim.Status.PENDING:
            raise ValidationError(_("Klaim ini sudah diputuskan."))
        profile = business_register(
            actor=actor,
            name=claim.new_name,
            region_code=claim.new_region_id,
            address=claim.new_address,
            owner_name=claim.user.full_name,
        )
        organization = profile.organization
    return accounts_services.business_claim_decide(
        actor=actor, claim=claim, approve=approve, note=note, organization=organization
    )
