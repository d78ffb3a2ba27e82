"""What every partnerships service shares: the worded refusal, the audit event, who hears about an
agreement."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from sinergi.accounts.scoping import organization_managers
from sinergi.core.audit import audit_record
from sinergi.partnerships import access
from sinergi.partnerships.rules import PROBLEMS


def refuse(code: str, field: str = "__all__") -> ValidationError:
    """The refusal for a rule's problem code, worded in the active language."""
    return ValidationError({field: ValidationError(str(PROBLEMS[code]), code=code)})


def audit(*, actor, action: str, obj, before=None, after=None, region_code: str = "", organization_id=None):
    return audit_record(
        actor=actor,
        action=f"partnerships.{action}",
        obj=obj,
        before=before,
        after=after,
        region_code=region_code or getattr(obj, "region_code", ""),
        organization_id=organization_id,
    )


def agreement_people(agreement) -> list:
    """The people of every party, and the recording office's admins and staff."""
    people = list(organization_managers([p.organization_id for p in agreement.parties.all()]))
    if agreement.office_id:
        people += list(access.office_writers(agreement.office_id))
    return people
