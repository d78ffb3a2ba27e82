"""Moving an organisation to another region (pindah wilayah): the only way its region changes.

- An office's admins and staff move an organisation at once when both its region and the new one
  lie inside their jurisdiction.
- Anything else is a request: a cooperative's pengurus or a business owner asking for their own
  organisation, or an office sending one across its border. The office of the receiving region
  approves or refuses it; until then the organisation stays where it is and in its office's lists.
- Applying a move changes the organisation's region (`accounts.organization_set_region`) and the
  registry's copies of it (the profile's region, kecamatan and regency codes, the duplicate queue's
  region) in one transaction, so no list, count or report ever sees one without the other.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization
from sinergi.accounts.scoping import reach_of
from sinergi.accounts.services import organization_set_region
from sinergi.accounts.services.common import region_for
from sinergi.core.audit import audit_record
from sinergi.registry.models import BusinessProfile, CooperativeProfile, DuplicateCandidate, OrganizationMove
from sinergi.registry.tallies import TallyChange

PENDING = OrganizationMove.Status.PENDING
# A reason or a decision note: a sentence or two for the other office, not a document.
NOTE_MAX = 500


def _note(value: str, field: str) -> str:
    value = (value or "").strip()
    if len(value) > NOTE_MAX:
        raise ValidationError({field: _("Paling banyak %(n)s karakter.") % {"n": NOTE_MAX}})
    return value


def _audit(actor, action: str, move: OrganizationMove, *, region_code: str, after: dict) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=move,
        object_repr=f"{move.organization}: {move.from_region_id} → {move.to_region_id}",
        after=after,
        region_code=region_code,
        organization_id=move.organization_id,
    )


def _pending_exists_message() -> str:
    return _("Masih ada permintaan pindah wilayah yang menunggu keputusan untuk organisasi ini.")


@transaction.atomic
def organization_move_request(
    *, actor, organization: Organization, region_code: str, reason: str = ""
) -> OrganizationMove:
    """Move `organization` to `region_code`, or ask the receiving office to.

    Returns the move: approved when the actor is an office writer of both regions (the move is
    done), pending otherwise. The organisation's own managers and the office writers of its
    region may ask; nobody else may.
    """
    reach = reach_of(actor)
    # Locked first: a request and a move of the same organisation take turns.
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if not reach.can_edit_organization(org):
        raise PermissionDenied(_("Anda tidak berhak memindahkan organisasi ini."))
    region = region_for(region_code, "region", min_level=3)
    reason = _note(reason, "reason")
    if region.code == org.region_id:
        raise ValidationError({"region": _("Organisasi ini sudah berada di wilayah tersebut.")})
    if OrganizationMove.objects.filter(organization=org, status=PENDING).exists():
        raise ValidationError({"region": _pending_exists_message()})
    immediate = reach.manages_region(org.region_id) and reach.manages_region(region.code)
    move = OrganizationMove(
        organization=org,
        from_region_id=org.region_id,
        to_region=region,
        reason=reason,
        requested_by=actor,
    )
    try:
        with transaction.atomic():
            move.save()
    except IntegrityError as exc:  # a concurrent request for the same organisation came first
        raise ValidationError({"region": _pending_exists_message()}) from exc
    if immediate:
        return _approve(actor, move, note="")
    _audit(
        actor,
        "organization.move_request",
        move,
        region_code=move.from_region_id,
        after={"to_region": move.to_region_id, "reason": move.reason},
    )
    return move


@transaction.atomic
def organization_move_decide(
    *, actor, move: OrganizationMove, approve: bool, note: str = ""
) -> OrganizationMove:
    """The receiving office approves (the organisation moves now) or refuses a pending request."""
    move = OrganizationMove.objects.select_for_update().select_related("organization").get(pk=move.pk)
    if not reach_of(actor).manages_region(move.to_region_id):
        raise PermissionDenied(_("Hanya petugas dinas wilayah tujuan yang dapat memutuskan permintaan ini."))
    if move.status != PENDING:
        raise ValidationError(_("Permintaan pindah wilayah ini sudah diputuskan."))
    note = _note(note, "note")
    if approve:
        return _approve(actor, move, note=note)
    move.status = OrganizationMove.Status.REFUSED
    move.decided_by = actor
    move.decided_at = timezone.now()
    move.decision_note = note
    move.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    _audit(
        actor,
        "organization.move_refuse",
        move,
        region_code=move.from_region_id,
        after={"status": move.status, "note": move.decision_note},
    )
    return move


@transaction.atomic
def organization_move_cancel(*, actor, move: OrganizationMove) -> OrganizationMove:
    """Withdraw a pending request: whoever asked, or an office writer of the organisation's region."""
    move = OrganizationMove.objects.select_for_update().select_related("organization").get(pk=move.pk)
    reach = reach_of(actor)
    if not (move.requested_by_id == actor.pk or reach.manages_region(move.from_region_id)):
        raise PermissionDenied(_("Anda tidak berhak membatalkan permintaan ini."))
    if move.status != PENDING:
        raise ValidationError(_("Permintaan pindah wilayah ini sudah diputuskan."))
    move.status = OrganizationMove.Status.CANCELLED
    move.decided_by = actor
    move.decided_at = timezone.now()
    move.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    _audit(
        actor,
        "organization.move_cancel",
        move,
        region_code=move.from_region_id,
        after={"status": move.status},
    )
    return move


def _approve(actor, move: OrganizationMove, *, note: str) -> OrganizationMove:
    """Move the organisation and every registry copy of its region; the caller holds the move's lock."""
    org = Organization.objects.select_for_update().get(pk=move.organization_id)
    if org.region_id != move.from_region_id:
        # Moved by another way since the request (an import inside its office): decided on stale ground.
        raise ValidationError(_("Organisasi ini sudah pindah sejak permintaan diajukan; ajukan lagi."))
    move.status = OrganizationMove.Status.APPROVED
    move.decided_by = actor
    move.decided_at = timezone.now()
    move.decision_note = note
    move.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    org = organization_set_region(
        actor=actor, organization=org, region_code=move.to_region_id, move_id=move.pk
    )
    copied = _copy_region(org)
    _audit(
        actor,
        "organization.move_approve",
        move,
        region_code=move.to_region_id,
        after={"status": move.status, "note": move.decision_note, **copied},
    )
    return move


def _copy_region(org: Organization) -> dict:
    """Rewrite the registry's copies of the organisation's region; what changed besides, for the audit."""
    code = org.region_id
    district, regency = ".".join(code.split(".")[:3]), ".".join(code.split(".")[:2])
    copies = {"region_code": code, "district_code": district, "regency_code": regency}
    extra: dict = {}
    tally = TallyChange().watch_organizations([org.pk])
    coop = CooperativeProfile.objects.select_for_update().filter(organization=org).first()
    if coop is not None:
        # A kecamatan's flagship cooperative (Kampung Koperasi) is that kecamatan's: it leaves the
        # title behind when it moves to another one.
        if coop.is_flagship and coop.district_code != district:
            extra["flagship_cleared"] = coop.district_code
            coop.is_flagship = False
        coop.copy_region(code)
        coop.save(update_fields=[*copies, "is_flagship", "updated_at"])
    BusinessProfile.objects.filter(organization=org).update(**copies, updated_at=timezone.now())
    # The duplicate queue files a pair under its first record's region.
    DuplicateCandidate.objects.filter(left=org).update(region_code=code)
    tally.apply()
    return extra
