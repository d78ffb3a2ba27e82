"""Who may do what with warung aid: named predicates, the one place that reads roles.

- Dinas admins and staff run the programmes of their jurisdiction (and those of the cooperatives
  inside it); office viewers read them.
- A cooperative's pengurus and staff run their cooperative's programme; its pengawas read it.
- A warung's owner applies for their own business, sees their own applications and complains.
"""

from __future__ import annotations

from django.db.models import Q

from sinergi.accounts.models import (
    OrganizationKind,
    Role,
)
from sinergi.accounts.scoping import reach_of

RUNNER_KINDS = frozenset({OrganizationKind.COOPERATIVE, OrganizationKind.GOVERNMENT})
OWNER_ROLES = frozenset({Role.OWNER})


def may_run_for(user, organization) -> bool:
    """Whether `user` may open and run a programme for `organization` (an office or a cooperative)."""
    reach = reach_of(user)
    if organization.kind == OrganizationKind.GOVERNMENT:
        return bool(organization.jurisdiction_id) and reach.manages_region(organization.jurisdiction_id)
    if organization.kind == OrganizationKind.COOPERATIVE:
        return reach.manages_region(organization.region_id) or reach.operates_cooperative(organization.pk)
    return False


def may_run(user, programme) -> bool:
    """Office writers of the programme's region, and the running cooperative's pengurus and staff."""
    reach = reach_of(user)
    return reach.manages_region(programme.region_code) or reach.operates_cooperative(
        programme.organization_id
    )


def may_view(user, programme) -> bool:
    reach = reach_of(user)
    return reach.sees_region(programme.region_code) or reach.manages_cooperative(programme.organization_id)


def may_create_any(user) -> bool:
    reach = reach_of(user)
    return reach.is_office_writer or bool(reach.operated_cooperative_ids())


def programme_q(user) -> Q:
    """Programmes the user runs or oversees, and those a business the user owns applied to."""
    reach = reach_of(user)
    if reach.everything:
        return Q()
    q = reach.region_q("region_code")
    managed = reach.managed_cooperative_ids()
    if managed:
        q |= Q(organization_id__in=managed)
    owned = owned_business_ids(user)
    if owned:
        q |= Q(applications__business_id__in=owned)
    return q


def application_q(user) -> Q:
    reach = reach_of(user)
    if reach.everything:
        return Q()
    q = reach.region_q("programme__region_code") | reach.region_q("region_code")
    managed = reach.managed_cooperative_ids()
    if managed:
        q |= Q(programme__organization_id__in=managed)
    owned = owned_business_ids(user)
    if owned:
        q |= Q(business_id__in=owned)
    return q


def owned_business_ids(user) -> list[int]:
    return reach_of(user).organization_ids(OWNER_ROLES)


def owns(user, business_id: int) -> bool:
    return Role.OWNER in reach_of(user).roles_in(business_id)


def may_apply_for(user, programme, business) -> bool:
    """The programme's runners for any warung, and an owner for their own business."""
    return may_run(user, programme) or owns(user, business.pk)


def may_view_application(user, application) -> bool:
    return may_view(user, application.programme) or owns(user, application.business_id)


def sees_personal_data(user, application) -> bool:
    """The owner's NIK unmasked: office writers of the region, the running cooperative's managers
    (the committee checks duplicates by it) and the owner themself."""
    reach = reach_of(user)
    return (
        reach.manages_region(application.region_code)
        or reach.manages_cooperative(application.programme.organization_id)
        or owns(user, application.business_id)
    )


def may_complain(user, programme, application=None) -> bool:
    if application is not None and owns(user, application.business_id):
        return True
    return may_run(user, programme)


def may_answer(user, grievance) -> bool:
    return may_run(user, grievance.programme)


def reaches_assistance(user) -> bool:
    """Whether warung aid belongs in the user's menu."""
    reach = reach_of(user)
    return reach.is_officer or bool(reach.managed_cooperative_ids()) or bool(owned_business_ids(user))


def office_admins_over(region_code: str):
    """The active office admins whose jurisdiction holds `region_code`."""
    from sinergi.accounts.models import OFFICE_ADMIN_ROLES
    from sinergi.accounts.selectors import office_people_over

    return office_people_over(region_code=region_code, roles=OFFICE_ADMIN_ROLES)
