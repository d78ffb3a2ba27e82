"""What every assistance service shares: the worded refusal, the cycle check, the audit event."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from sinergi.assistance import access, rules
from sinergi.assistance.models import (
    Programme,
)
from sinergi.core.audit import audit_record

VISIT_MONTHS = (3, 6, 12)
PROGRAMME_FIELDS = [
    "name", "budget", "opens_on", "closes_on", "target_regions", "max_scale", "min_months_operating",
    "aided_within_months", "check_nik", "weights", "revolving_fund", "amount_due", "supplier",
    "grievance_days",
]  # fmt: skip


def normalize_space(text: str) -> str:
    return " ".join((text or "").split())


def refuse(code: str, field: str = "__all__") -> ValidationError:
    """The refusal for a rule's problem code, worded in the active language."""
    text = rules.PROBLEMS.get(code) or rules.STEP_PROBLEMS.get(code) or rules.REASONS.get(code)
    return ValidationError({field: ValidationError(str(text), code=code)})


def _step(step: str, programme: Programme) -> None:
    problem = rules.step_problem(step, programme.cycle)
    if problem:
        raise refuse(problem, "cycle")


def audit(*, actor, action: str, obj, before=None, after=None, region_code: str = "", organization_id=None):
    return audit_record(
        actor=actor,
        action=f"assistance.{action}",
        obj=obj,
        before=before,
        after=after,
        region_code=region_code or getattr(obj, "region_code", ""),
        organization_id=organization_id,
    )


def _require_run(actor, programme: Programme) -> None:
    if not access.may_run(actor, programme):
        raise PermissionDenied(
            _("Hanya penyelenggara program atau petugas dinas di wilayahnya yang dapat melakukannya.")
        )


def _locked(programme: Programme) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme.pk)


def _add_months(day: dt.date, months: int) -> dt.date:
    import calendar

    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))
