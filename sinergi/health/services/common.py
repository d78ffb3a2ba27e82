"""What every health service shares: the audit event of a cooperative's record, the row lock of a
report, and the permission check of report entry."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from sinergi.core.audit import audit_record
from sinergi.health.access import may_enter
from sinergi.health.models import AnnualReport
from sinergi.registry.models import CooperativeProfile


def audit(actor, action: str, obj, cooperative: CooperativeProfile, before=None, after=None) -> None:
    """An audit event filed under the cooperative's region and organisation."""
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=after,
        region_code=cooperative.region_code,
        organization_id=cooperative.organization_id,
    )


def locked(report: AnnualReport) -> AnnualReport:
    """The report again, locked for this transaction (the status it is checked against holds)."""
    return AnnualReport.objects.select_for_update().select_related("cooperative").get(pk=report.pk)


def require_enter(actor, cooperative: CooperativeProfile) -> None:
    if not may_enter(actor, cooperative):
        raise PermissionDenied(_("Anda tidak berhak mengisi laporan koperasi ini."))
