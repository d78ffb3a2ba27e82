"""What every consignment service shares: the audit event and the worded refusal."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from sinergi.consignment.rules import PROBLEMS
from sinergi.core.audit import audit_record


def refuse(code: str, field: str = "__all__") -> ValidationError:
    """The refusal for a rule's problem code, worded in the active language."""
    return ValidationError({field: ValidationError(str(PROBLEMS[code]), code=code)})


def audit(*, actor, action: str, obj, before=None, after=None, region_code: str = "", organization_id=None):
    return audit_record(
        actor=actor,
        action=f"consignment.{action}",
        obj=obj,
        before=before,
        after=after,
        region_code=region_code or getattr(obj, "region_code", ""),
        organization_id=organization_id,
    )
