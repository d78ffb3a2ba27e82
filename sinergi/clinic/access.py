"""Who may do what in the clinic: named predicates, the one place that reads roles.

- Dinas admins and staff run the clinic in their jurisdiction (programmes, catalogue, enrolment,
  teams, agreement, recommendations, visits, closing); office viewers read it.
- A clinic expert sees only the cases whose team they are on, and rates those.
- A participant (a cooperative's managers, a UMKM's owner) sees only its own case and its plan,
  asks to join the clinic and fills in the intake questionnaire.
"""

from __future__ import annotations

from django.db.models import Q

from sinergi.accounts.models import (
    COOPERATIVE_MANAGER_ROLES,
    COOPERATIVE_OPERATOR_ROLES,
    OrganizationKind,
    Role,
)
from sinergi.accounts.scoping import reach_of

PARTICIPANT_KINDS = frozenset({OrganizationKind.COOPERATIVE, OrganizationKind.UMKM})
# Who sees a participant's case: its managers and pengawas, or the business owner.
PARTICIPANT_VIEW_ROLES = COOPERATIVE_MANAGER_ROLES | {Role.OWNER}
# Who asks for the clinic and answers the intake for the participant.
PARTICIPANT_ACT_ROLES = COOPERATIVE_OPERATOR_ROLES | {Role.OWNER}


def expert_of(user):
    """The user's active expert record, or None."""
    from sinergi.clinic.models import Expert

    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Expert.objects.filter(user=user, is_active=True).first()


def is_expert(user) -> bool:
    """An active clinic expert: the office registered the person as one."""
    return expert_of(user) is not None


def is_officer(user) -> bool:
    return reach_of(user).is_officer


def may_run_clinic(user) -> bool:
    """Office admins and staff somewhere (or the system): they create programmes and enrol."""
    return reach_of(user).is_office_writer


def manages(user, region_code: str) -> bool:
    """Office admins and staff of the jurisdiction holding `region_code`."""
    return reach_of(user).manages_region(region_code)


def sees_region(user, region_code: str) -> bool:
    return reach_of(user).sees_region(region_code)


def programme_q(user) -> Q:
    """Programmes of the user's jurisdictions (officers), or of the cases they work on (experts)."""
    reach = reach_of(user)
    if reach.everything:
        return Q()
    q = reach.region_q("region_code")
    expert = expert_of(user)
    if expert is not None:
        q |= Q(cases__team=expert)
    return q


def case_q(user) -> Q:
    """Cases the user may open: the jurisdiction's (officers), the assigned ones (experts), and the
    participant's own (its managers or owner)."""
    reach = reach_of(user)
    if reach.everything:
        return Q()
    q = reach.region_q("region_code")
    expert = expert_of(user)
    if expert is not None:
        q |= Q(team=expert)
    own = reach.organization_ids(PARTICIPANT_VIEW_ROLES)
    if own:
        q |= Q(participant_id__in=own)
    return q


def is_participant_of(user, case) -> bool:
    return bool(reach_of(user).roles_in(case.participant_id) & PARTICIPANT_VIEW_ROLES)


def acts_for_participant(user, organization_id: int | None) -> bool:
    return bool(reach_of(user).roles_in(organization_id) & PARTICIPANT_ACT_ROLES)


def in_team(user, case) -> bool:
    expert = expert_of(user)
    return expert is not None and case.team.filter(pk=expert.pk).exists()


def may_view_case(user, case) -> bool:
    return sees_region(user, case.region_code) or in_team(user, case) or is_participant_of(user, case)


def may_manage_case(user, case) -> bool:
    return manages(user, case.region_code)


def may_see_ratings(user, case) -> bool:
    """The team's individual ratings are for the office and the team, not the participant."""
    return sees_region(user, case.region_code) or in_team(user, case)


def may_fill_intake(user, case) -> bool:
    return manages(user, case.region_code) or acts_for_participant(user, case.participant_id)


def may_add_visit(user, case) -> bool:
    return manages(user, case.region_code) or in_team(user, case)


def takes_part(organization) -> bool:
    """Only a cooperative or a UMKM takes part in the clinic; an office, a bank or a partner does not."""
    return organization.kind in PARTICIPANT_KINDS


def may_request(user, organization) -> bool:
    """A cooperative's pengurus or staff, or a UMKM's owner, for their own organisation."""
    return takes_part(organization) and acts_for_participant(user, organization.pk)


def partner_organization_ids(user) -> list[int]:
    """The banks and partner organisations the user acts for as their staff: they see the clinic
    recommendations addressed to those organisations (DESIGN.md §2)."""
    return reach_of(user).organization_ids(frozenset({Role.PARTNER}))


def reaches_clinic(user) -> bool:
    """Whether the clinic belongs in the user's menu: officers, experts, the people of a cooperative
    or UMKM (their case, or asking for one) and partner staff (recommendations addressed to them)."""
    reach = reach_of(user)
    return (
        reach.is_officer
        or is_expert(user)
        or bool(reach.organization_ids(PARTICIPANT_VIEW_ROLES))
        or bool(partner_organization_ids(user))
    )


def may_enrol(user, region_code: str) -> bool:
    return manages(user, region_code)
