"""Memberships (keanggotaan): who acts for an organisation, in which role."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import BusinessClaim, Membership, Organization, User
from sinergi.accounts.scoping import forget_reach, reach_of
from sinergi.accounts.services.common import check_role, clean_email, trail_name
from sinergi.core.audit import audit_record


@transaction.atomic
def membership_add(*, actor: User, organization: Organization, user: User, role: str) -> Membership:
    """Let `user` act for `organization` in `role`. One membership per user and organisation."""
    if not reach_of(actor).manages_people_of(organization):
        raise PermissionDenied(_("Anda tidak berhak mengatur anggota organisasi ini."))
    check_role(organization.kind, role)
    if Membership.objects.filter(user=user, organization=organization).exists():
        raise ValidationError({"user": _("Pengguna ini sudah terdaftar di organisasi tersebut.")})
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, organization=organization, role=role)
    except IntegrityError as exc:  # a concurrent request added it first
        raise ValidationError({"user": _("Pengguna ini sudah terdaftar di organisasi tersebut.")}) from exc
    forget_reach(user)
    audit_record(
        actor=actor,
        action="membership.add",
        obj=membership,
        object_repr=_membership_repr(membership),
        after={"user": user.pk, "organization": organization.pk, "role": role},
        region_code=organization.region_id,
        organization_id=organization.pk,
    )
    return membership


def _membership_repr(membership: Membership) -> str:
    """What the audit trail shows of a membership: the person's name, role and organisation."""
    return f"{trail_name(membership.user)} — {membership.get_role_display()} {membership.organization}"


@transaction.atomic
def membership_add_by_email(*, actor: User, organization: Organization, email: str, role: str) -> Membership:
    """Let the account with address `email` act for `organization` in `role`.

    The permission is checked before the address is looked up, so a caller who may not manage the
    organisation's people learns nothing about which addresses have an account: a known and an
    unknown address get the same refusal.
    """
    if not reach_of(actor).manages_people_of(organization):
        raise PermissionDenied(_("Anda tidak berhak mengatur anggota organisasi ini."))
    email = clean_email(email)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        raise ValidationError({"email": _("Belum ada akun dengan email ini; kirim undangan.")})
    return membership_add(actor=actor, organization=organization, user=user, role=role)


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    if not reach_of(actor).manages_people_of(membership.organization):
        raise PermissionDenied(_("Anda tidak berhak mengatur anggota organisasi ini."))
    org = membership.organization
    before = {"user": membership.user_id, "organization": org.pk, "role": membership.role}
    audit_record(
        actor=actor,
        action="membership.remove",
        obj=membership,
        object_repr=_membership_repr(membership),
        before=before,
        region_code=org.region_id,
        organization_id=org.pk,
    )
    membership.delete()
    forget_reach(membership.user)


@transaction.atomic
def membership_move(
    *,
    actor: User,
    source: Organization,
    target: Organization,
    membership_ids: list[int] | None = None,
    claim_ids: list[int] | None = None,
) -> dict[str, list[int]]:
    """Move the people acting for `source` (keanggotaan) and its business claims to `target`.

    Used when a duplicate organisation is merged into the one kept, and with the ids a merge
    recorded to move exactly those rows back when the merge is undone. A user who already acts
    for `target` keeps that membership and their membership of `source` stays where it is; a
    pending claim clashing with a pending claim of the same user on `target` stays too. Returns
    the ids moved and the ids skipped.
    """
    reach = reach_of(actor)
    # The people follow the record a merge keeps: whoever may merge two records of their region
    # (office admins and staff) carries them over. No one gains a role they did not hold on the
    # duplicate, so this is not managing people (which only admins do, `manages_people_of`).
    if not (reach.manages_region(source.region_id) and reach.manages_region(target.region_id)):
        raise PermissionDenied(_("Anda tidak berhak mengatur anggota organisasi ini."))
    if source.pk == target.pk:
        raise ValidationError(_("Organisasi asal dan tujuan sama."))
    memberships = Membership.objects.select_for_update().filter(organization=source).order_by("pk")
    if membership_ids is not None:
        memberships = memberships.filter(pk__in=membership_ids)
    members_of_target = set(Membership.objects.filter(organization=target).values_list("user_id", flat=True))
    report: dict[str, list[int]] = {
        "memberships": [],
        "memberships_skipped": [],
        "claims": [],
        "claims_skipped": [],
    }
    moved_users = []
    for membership in memberships.select_related("user"):
        if membership.user_id in members_of_target:
            report["memberships_skipped"].append(membership.pk)
            continue
        report["memberships"].append(membership.pk)
        members_of_target.add(membership.user_id)
        moved_users.append(membership.user)
    Membership.objects.filter(pk__in=report["memberships"]).update(organization=target)
    claims = BusinessClaim.objects.select_for_update().filter(organization=source).order_by("pk")
    if claim_ids is not None:
        claims = claims.filter(pk__in=claim_ids)
    pending_on_target = set(
        BusinessClaim.objects.filter(organization=target, status=BusinessClaim.Status.PENDING).values_list(
            "user_id", flat=True
        )
    )
    for claim in claims:
        # At most one pending claim per user and organisation (a database constraint).
        if claim.status == BusinessClaim.Status.PENDING and claim.user_id in pending_on_target:
            report["claims_skipped"].append(claim.pk)
            continue
        report["claims"].append(claim.pk)
        if claim.status == BusinessClaim.Status.PENDING:
            pending_on_target.add(claim.user_id)
    BusinessClaim.objects.filter(pk__in=report["claims"]).update(organization=target)
    for user in moved_users:
        forget_reach(user)
    if report["memberships"] or report["claims"]:
        audit_record(
            actor=actor,
            action="membership.move",
            obj=target,
            before={"organization": source.pk},
            after={"organization": target.pk, **report},
            region_code=target.region_id,
            organization_id=target.pk,
        )
    return report
