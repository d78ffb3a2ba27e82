"""What each viewer may see of the personal data in the registry (UU PDP 27/2022).

The one presenter of the registry: the business and member pages, the registry API, the exports
and the `registry_export` command all ask it, so a person's NIK, phone or address leaves masked by
every door or by none. The decision is `Reach.sees_personal_data_of` (through `accounts.privacy`,
which also presents an organisation's contact details); the masks are `core.privacy`'s.

Personal data: an UMKM owner's NIK, the UMKM's address, phone and e-mail (its owner's own), and a
cooperative member's NIK. A cooperative's own address and phone are not a person's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from sinergi.accounts.privacy import organization_contact, shows_personal_data
from sinergi.accounts.scoping import reach_of
from sinergi.core.privacy import mask_nik


@dataclass(frozen=True)
class BusinessPersonal:
    """An UMKM owner's personal data as one viewer may see it."""

    owner_nik: str
    address: str
    phone: str
    email: str
    masked: bool


def business_personal(user, profile) -> BusinessPersonal:
    org = profile.organization
    visible = shows_personal_data(user, org)
    contact = organization_contact(user, org)
    return BusinessPersonal(
        owner_nik=profile.owner_nik if visible else mask_nik(profile.owner_nik),
        address=contact.address,
        phone=contact.phone,
        email=contact.email,
        masked=not visible,
    )


def business_fields_shown(user, profile, fields=("owner_nik", "address", "phone", "email")) -> list[str]:
    """Of the personal `fields` a door returns, those of a business that `user` is shown unmasked
    and that hold a value: what a read records on the audit trail (`core.audit.audit_personal_read`)."""
    shown = business_personal(user, profile)
    if shown.masked:
        return []
    return [field for field in fields if getattr(shown, field)]


def members_visible(user, cooperative) -> bool:
    """Whether `user` sees the NIKs of `cooperative`'s members (its managers, the office's staff)."""
    return shows_personal_data(user, cooperative)


def member_nik(member, *, visible: bool) -> str:
    return member.nik if visible else mask_nik(member.nik)


# --- exports ------------------------------------------------------------------------------------


class OrganizationRef(NamedTuple):
    """As much of an organisation as the decision reads, for export rows read as plain values."""

    pk: int
    region_id: str
    kind: str


def row_visibility(user, *, masked: bool) -> Callable[[OrganizationRef], bool]:
    """For an export: whether a row's personal data is written unmasked. A masked export (asked
    for) masks every row; otherwise each row is decided for its own organisation."""
    if masked:
        return lambda org: False
    reach = reach_of(user)
    if reach.everything:
        return lambda org: True
    return reach.sees_personal_data_of


def export_masked(user, *, requested: bool) -> bool:
    """Whether an export is a masked export: asked for, or some row the user may export could be
    masked for them. Only office admins and staff of every jurisdiction they reach (and superusers
    and the system) export unmasked; the file then says so in its name and its personal headers."""
    if requested:
        return True
    reach = reach_of(user)
    if reach.everything:
        return False
    return not reach.offices or reach.is_office_viewer_somewhere
