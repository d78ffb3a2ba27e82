"""Pieces the registry services share: field lists, permission checks, audit helper."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization
from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_record

COOPERATIVE_FIELDS = [
    "nik_koperasi",
    "legal_number",
    "legal_date",
    "amendment_number",
    "amendment_date",
    "cooperative_type",
    "group",
    "form",
    "secondary",
    "kbli",
    "founded_on",
    "fiscal_year_end_month",
    "members_male",
    "members_female",
    "status",
    "last_rat_date",
    "is_flagship",
]
BUSINESS_FIELDS = [
    "owner_name",
    "owner_nik",
    "owner_gender",
    "nib",
    "kbli",
    "capital",
    "annual_sales",
    "employees",
    "founded_on",
    "status",
    "scale",
    "scale_override",
    "scale_override_reason",
]
MEMBER_FIELDS = [
    "member_number",
    "name",
    "nik",
    "gender",
    "joined_on",
    "status",
    "savings_pokok",
    "savings_wajib",
    "savings_sukarela",
    "savings_as_of",
]


def require_manage(actor, org: Organization) -> None:
    if not reach_of(actor).manages_region(org.region_id):
        raise PermissionDenied(_("Organisasi ini di luar wilayah kerja Anda."))


def require_edit(actor, org: Organization) -> None:
    if not reach_of(actor).can_edit_organization(org):
        raise PermissionDenied(_("Anda tidak berhak mengubah data ini."))


def audit_change(actor, action: str, obj, org: Organization, before=None, after=None) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=after,
        region_code=org.region_id,
        organization_id=org.pk,
    )
