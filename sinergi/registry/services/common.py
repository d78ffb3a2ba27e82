"""Pieces the registry services share: field lists, the rules check, permission checks, audit helper."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization
from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_record
from sinergi.regions.phones import normalize_whatsapp
from sinergi.registry import rules

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


IDENTITY_FIELDS = ("nik", "owner_nik", "nib", "nik_koperasi")


def checked(values: dict, *, stored: dict | None = None) -> dict:
    """The values of one write, judged by the registry's rules and put in their stored form.

    Raises ValidationError({field: message}) for every value that breaks a rule; values equal to
    the stored ones (`stored`) are not judged again. Identity numbers keep their digits, phones
    take the WhatsApp form, e-mail addresses lower case, KBLI codes their listed form "10792,47111"
    (as a sheet stores them)."""
    problems = rules.changed_problems(values, stored=stored)
    if problems:
        raise ValidationError(problems)
    shaped = dict(values)
    for field in IDENTITY_FIELDS:
        if shaped.get(field):
            shaped[field] = rules.digits_of(shaped[field])
    if shaped.get("phone"):
        shaped["phone"] = normalize_whatsapp(shaped["phone"])
    if shaped.get("email"):
        shaped["email"] = shaped["email"].strip().lower()
    if shaped.get("kbli"):
        # A stored list sent back unchanged is not judged again: shaped only when it is one.
        shaped["kbli"] = rules.kbli_codes(shaped["kbli"]) or shaped["kbli"]
    return shaped


def require_manage(actor, org: Organization) -> None:
    if not reach_of(actor).manages_region(org.region_id):
        raise PermissionDenied(_("Organisasi ini di luar wilayah kerja Anda."))


def require_edit(actor, org: Organization) -> None:
    if not reach_of(actor).can_edit_organization(org):
        raise PermissionDenied(_("Anda tidak berhak mengubah data ini."))


def audit_change(actor, action: str, obj, org: Organization, *, before=None, after=None) -> None:
    """One audit event about `obj` of the organisation `org` (`core.audit`, which redacts personal
    data), filed under the organisation's region: every registry service records its writes here."""
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=after,
        region_code=org.region_id,
        organization_id=org.pk,
    )
