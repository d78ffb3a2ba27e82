"""Privacy: a person asks to correct their data; an office admin answers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.accounts import notices
from sinergi.accounts.models import CorrectionRequest, User
from sinergi.accounts.scoping import reach_of
from sinergi.accounts.services.common import trail_name
from sinergi.core.audit import audit_record


@transaction.atomic
def correction_request_create(*, actor: User, text: str) -> CorrectionRequest:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Tuliskan data yang perlu dikoreksi.")})
    request = CorrectionRequest.objects.create(user=actor, text=text)
    # The request names the data to correct, often the person's own NIK or phone: the trail records
    # that it was made; its text stays on the request.
    audit_record(
        actor=actor,
        action="privacy.correction_request",
        obj=request,
        object_repr=trail_name(actor),
        after={"status": request.status},
    )
    return request


@transaction.atomic
def correction_request_resolve(
    *, actor: User, correction: CorrectionRequest, status: str, response: str = ""
) -> CorrectionRequest:
    """Office admins answer correction requests of people who belong to their jurisdiction."""
    reach = reach_of(actor)
    orgs = correction.user.memberships.select_related("organization")
    if not reach.everything and not any(reach.administers_region(m.organization.region_id) for m in orgs):
        raise PermissionDenied(_("Permintaan ini di luar wilayah kerja Anda."))
    if status not in (CorrectionRequest.Status.DONE, CorrectionRequest.Status.REJECTED):
        raise ValidationError({"status": _("Status tidak valid.")})
    correction.status = status
    correction.response = (response or "").strip()
    correction.handled_by = actor
    correction.save()
    audit_record(
        actor=actor,
        action="privacy.correction_resolve",
        obj=correction,
        object_repr=trail_name(correction.user),
        after={"status": status},
    )
    notices.correction_handled(actor=actor, correction=correction)
    return correction
