"""What a viewer may see of the personal data held on organisations and accounts (UU PDP 27/2022).

The one decision is `Reach.sees_personal_data_of`: office admins and staff of the jurisdiction, a
cooperative's managers for their own cooperative, an UMKM's owner for their own business. Every
door that shows an organisation's contact details or an account's e-mail — the organisation page,
the organisations and memberships API — asks this module; the registry's presenter
(`registry/privacy.py`) builds on it for businesses, members and exports.
"""

from __future__ import annotations

from dataclasses import dataclass

from sinergi.accounts.models import OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.core.privacy import mask_address, mask_email, mask_phone


def shows_personal_data(user, organization) -> bool:
    """Whether `user` sees the personal data held on `organization` unmasked."""
    return reach_of(user).sees_personal_data_of(organization)


def contact_is_personal(organization) -> bool:
    """An UMKM's address, phone and e-mail are usually its owner's own: a person's data. Those of
    a cooperative, an office or a company are the organisation's."""
    return organization.kind == OrganizationKind.UMKM


@dataclass(frozen=True)
class Contact:
    """An organisation's contact details as one viewer may see them."""

    address: str
    phone: str
    email: str
    masked: bool


def organization_contact(user, organization) -> Contact:
    if contact_is_personal(organization) and not shows_personal_data(user, organization):
        return Contact(
            address=mask_address(organization.address),
            phone=mask_phone(organization.phone),
            email=mask_email(organization.email),
            masked=True,
        )
    return Contact(
        address=organization.address, phone=organization.phone, email=organization.email, masked=False
    )


def membership_email(user, membership) -> str:
    """A member's sign-in e-mail: shown to the member themself and to those who see the
    organisation's personal data (its managers, the office's admins and staff), masked to others."""
    email = membership.user.email
    if membership.user_id == getattr(user, "pk", None) or shows_personal_data(user, membership.organization):
        return email
    return mask_email(email)


# --- the audit of reads -------------------------------------------------------------------------


def contact_fields_shown(user, organization) -> list[str]:
    """The personal contact fields of `organization` that `user` is shown unmasked and that hold a
    value: what a read of it records on the audit trail (`core.audit.audit_personal_read`)."""
    if not contact_is_personal(organization):
        return []
    contact = organization_contact(user, organization)
    if contact.masked:
        return []
    return [field for field in ("address", "phone", "email") if getattr(contact, field)]


def membership_fields_shown(user, membership) -> list[str]:
    """["email"] when `user` reads another person's sign-in e-mail unmasked."""
    if membership.user_id == getattr(user, "pk", None) or not membership.user.email:
        return []
    return ["email"] if shows_personal_data(user, membership.organization) else []


def read_scope(user, organizations) -> tuple[str, int | None]:
    """Where a read is filed on the audit trail (region, organisation id), so the office admins who
    answer for it see it: the one organisation read, else the jurisdiction of an officer of one
    office."""
    distinct = {org.pk: org for org in organizations}
    if len(distinct) == 1:
        org = next(iter(distinct.values()))
        return org.region_id or "", org.pk
    codes = reach_of(user).office_codes()
    return (codes[0], None) if len(codes) == 1 else ("", None)
