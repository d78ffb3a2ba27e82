"""Who may do what in partnerships: named predicates, the one place that reads roles.

- Dinas admins and staff record agreements where at least one party lies in their jurisdiction,
  and manage the agreements they reach; office viewers read them.
- The people of a party organisation (any role they hold there) see its agreements, sign for it
  and report progress on its obligations.
- Partner staff (a bank's) see their organisation's scorecard and the referrals sent to it, and
  answer those referrals.
"""

from __future__ import annotations

from django.db.models import Q

from sinergi.accounts.models import OFFICE_ROLES, OFFICE_WRITE_ROLES, Role
from sinergi.accounts.scoping import reach_of, region_within_q
from sinergi.regions.codes import code_within

PARTNER_ROLES = frozenset({Role.PARTNER})


def is_officer(user) -> bool:
    return reach_of(user).is_officer


def office_writers(office_id: int):
    """The active admins and staff of an office: they hear about its agreements' renewals and
    overdue obligations."""
    from sinergi.accounts.models import Membership, User

    staff = Membership.objects.filter(
        organization_id=office_id, role__in=OFFICE_WRITE_ROLES, is_active=True
    ).values("user_id")
    return User.objects.filter(pk__in=staff, is_active=True).order_by("pk")


def may_record(user) -> bool:
    """Office admins and staff somewhere (or the system): they record agreements and referrals."""
    return reach_of(user).is_office_writer


def writer_codes(user) -> list[str] | None:
    """The jurisdictions where the user writes; None for the system (everywhere)."""
    reach = reach_of(user)
    return None if reach.everything else reach.writer_codes()


def own_organization_ids(user) -> list[int]:
    """The organisations the user acts for with a role other than an office one."""
    reach = reach_of(user)
    return sorted(oid for oid, roles in reach.org_roles.items() if roles - OFFICE_ROLES)


def partner_organization_ids(user) -> list[int]:
    return reach_of(user).organization_ids(PARTNER_ROLES)


def agreement_q(user) -> Q:
    """Agreements the user reaches: by the agreement's region or any party's region (officers), or
    as a party's people."""
    from sinergi.partnerships.models import Party

    reach = reach_of(user)
    if reach.everything:
        return Q()
    q = reach.region_q("region_code")
    codes = reach.office_codes()
    if codes:
        inside = Q(pk__in=[])
        for code in codes:
            inside |= region_within_q("organization__region", code)
        q |= Q(pk__in=Party.objects.filter(inside).values("agreement_id"))
    own = own_organization_ids(user)
    if own:
        q |= Q(pk__in=Party.objects.filter(organization_id__in=own).values("agreement_id"))
    return q


def _party_codes(agreement) -> list[str]:
    return [p.organization.region_id for p in agreement.parties.all()]


def sees_agreement(user, agreement) -> bool:
    reach = reach_of(user)
    if reach.sees_region(agreement.region_code) or any(reach.sees_region(c) for c in _party_codes(agreement)):
        return True
    own = set(own_organization_ids(user))
    return any(p.organization_id in own for p in agreement.parties.all())


def manages_agreement(user, agreement) -> bool:
    """Office admins and staff of the agreement's region (the recording office's jurisdiction): an
    office that only reaches one of the parties reads the agreement but does not run it."""
    return reach_of(user).manages_region(agreement.region_code)


def acts_for(user, organization_id: int | None) -> bool:
    """The user holds a non-office role in the organisation (its pengurus, owner, partner staff…)."""
    return bool(reach_of(user).roles_in(organization_id) - OFFICE_ROLES)


def may_sign(user, party) -> bool:
    """The party's own people sign for it; an office managing the agreement records a signature
    made on paper."""
    return acts_for(user, party.organization_id) or manages_agreement(user, party.agreement)


def may_report(user, obligation) -> bool:
    """Progress is reported by the responsible party's people or the managing office."""
    return acts_for(user, obligation.party.organization_id) or manages_agreement(user, obligation.agreement)


def referral_q(user) -> Q:
    reach = reach_of(user)
    if reach.everything:
        return Q()
    q = reach.region_q("region_code")
    partners = partner_organization_ids(user)
    if partners:
        q |= Q(partner_id__in=partners)
    return q


def may_answer_referral(user, referral) -> bool:
    return referral.partner_id in partner_organization_ids(user) or reach_of(user).manages_region(
        referral.region_code
    )


def sees_scorecard(user, organization) -> bool:
    """An office reaching the organisation, the organisation's own people, or anyone who reaches an
    agreement it is party to (a bank of another city in a regency's MoU): the scorecard then shows
    only the agreements the reader reaches."""
    from sinergi.partnerships.models import Agreement

    reach = reach_of(user)
    if reach.everything or reach.sees_region(organization.region_id) or acts_for(user, organization.pk):
        return True
    return Agreement.objects.filter(agreement_q(user), parties__organization=organization).exists()


def may_match(user, organization) -> bool:
    """Suggestions for an organisation are for the office of its region and its own people."""
    reach = reach_of(user)
    return reach.everything or reach.sees_region(organization.region_id) or acts_for(user, organization.pk)


def manages_organization(user, organization) -> bool:
    return reach_of(user).manages_region(organization.region_id)


def reaches_partnerships(user) -> bool:
    """Whether partnerships belong in the user's menu: officers, the people of an organisation that
    is party to an agreement, and partner staff (a bank: its scorecard and the referrals sent to it)."""
    from sinergi.partnerships.models import Party

    if is_officer(user) or partner_organization_ids(user):
        return True
    own = own_organization_ids(user)
    return bool(own) and Party.objects.filter(organization_id__in=own).exists()


def inside(codes: list[str] | None, code: str) -> bool:
    return codes is None or any(code_within(code, c) for c in codes)
