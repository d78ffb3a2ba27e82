"""What a user may see and change (DESIGN.md §2). Every selector in the project builds on this.

A user's reach is the union of their active memberships:

- an office role (admin / staff / viewer) in a government organisation reaches everything whose
  region lies inside that organisation's jurisdiction (a region code and all codes below it);
- any other role reaches the organisation it belongs to;
- superusers and the system user reach everything.

Region containment is a prefix test on Kemendagri codes, so every scoped query is
`region_id = code OR region_id LIKE 'code.%'` (`region_within_q`) and shards by region (DESIGN.md §6).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from sinergi.accounts.models import (
    COOPERATIVE_MANAGER_ROLES,
    COOPERATIVE_OPERATOR_ROLES,
    OFFICE_ADMIN_ROLES,
    OFFICE_ROLES,
    OFFICE_WRITE_ROLES,
    OrganizationKind,
    Role,
)
from sinergi.regions.codes import code_within


@dataclass(frozen=True)
class OfficeScope:
    organization_id: int
    region_code: str
    role: str


@dataclass(frozen=True)
class Reach:
    user_id: int | None
    everything: bool = False
    offices: tuple[OfficeScope, ...] = ()
    # organisation id → the roles the user holds there
    org_roles: dict[int, frozenset[str]] = field(default_factory=dict)

    # --- regions -----------------------------------------------------------------------------
    def office_codes(self, roles: frozenset[str] = OFFICE_ROLES) -> list[str]:
        return sorted({o.region_code for o in self.offices if o.role in roles})

    def sees_region(self, code: str | None) -> bool:
        return self.everything or any(code_within(code, c) for c in self.office_codes())

    def manages_region(self, code: str | None) -> bool:
        """Office admins and staff may change things inside their jurisdiction."""
        return self.everything or any(code_within(code, c) for c in self.office_codes(OFFICE_WRITE_ROLES))

    def administers_region(self, code: str | None) -> bool:
        """Only office admins manage people (invitations, memberships) in their jurisdiction."""
        return self.everything or any(code_within(code, c) for c in self.office_codes(OFFICE_ADMIN_ROLES))

    # --- named permissions: the questions pages, services and commands ask of a role ---------
    @property
    def is_officer(self) -> bool:
        """Any office role (admin, staff, viewer) somewhere, a superuser or the system."""
        return self.everything or bool(self.offices)

    @property
    def is_office_writer(self) -> bool:
        """Office admins and staff of some jurisdiction, superusers and the system: they change
        registry data, run imports, exports with personal data and supervision actions."""
        return self.everything or bool(self.writer_codes())

    @property
    def is_office_admin(self) -> bool:
        """Office admins of some jurisdiction, superusers and the system: they manage people,
        undo merges and read the audit trail."""
        return self.everything or bool(self.admin_codes())

    def writer_codes(self) -> list[str]:
        """The jurisdictions where the user is office admin or staff."""
        return self.office_codes(OFFICE_WRITE_ROLES)

    def admin_codes(self) -> list[str]:
        """The jurisdictions where the user is office admin."""
        return self.office_codes(OFFICE_ADMIN_ROLES)

    def writable_region_q(self, field_name: str = "region") -> Q:
        """Rows inside a jurisdiction where the user is office admin or staff (everything for the
        system)."""
        return self.region_q(field_name, roles=OFFICE_WRITE_ROLES)

    def administered_region_q(self, field_name: str = "region") -> Q:
        """Rows inside a jurisdiction where the user is office admin (everything for the system)."""
        return self.region_q(field_name, roles=OFFICE_ADMIN_ROLES)

    @property
    def is_office_viewer_somewhere(self) -> bool:
        """The user only reads (viewer) in at least one jurisdiction: exports there are masked."""
        return bool(self.office_codes(OFFICE_ROLES - OFFICE_WRITE_ROLES))

    def operates_cooperative(self, organization_id: int | None) -> bool:
        """The cooperative's pengurus and staff, who run it day to day (not its pengawas)."""
        return bool(self.roles_in(organization_id) & COOPERATIVE_OPERATOR_ROLES)

    def operated_cooperative_ids(self) -> list[int]:
        """The cooperatives the user runs as pengurus or staff."""
        return self.organization_ids(COOPERATIVE_OPERATOR_ROLES)

    def manages_cooperative(self, organization_id: int | None) -> bool:
        """The cooperative's pengurus, pengawas and staff."""
        return bool(self.roles_in(organization_id) & COOPERATIVE_MANAGER_ROLES)

    def managed_cooperative_ids(self) -> list[int]:
        """The cooperatives the user runs or oversees: pengurus, pengawas and staff."""
        return self.organization_ids(COOPERATIVE_MANAGER_ROLES)

    # --- organisations -----------------------------------------------------------------------
    def roles_in(self, organization_id: int | None) -> frozenset[str]:
        return self.org_roles.get(organization_id, frozenset()) if organization_id else frozenset()

    def organization_ids(self, roles: frozenset[str] | None = None) -> list[int]:
        return sorted(oid for oid, rs in self.org_roles.items() if roles is None or rs & roles)

    def region_q(self, field_name: str = "region", roles: frozenset[str] = OFFICE_ROLES) -> Q:
        """Rows whose region (a Region foreign key or a code column) lies in the user's jurisdictions."""
        if self.everything:
            return Q()
        q = Q(pk__in=[])
        for code in self.office_codes(roles):
            q |= region_within_q(field_name, code)
        return q

    def organization_q(self, prefix: str = "", roles: frozenset[str] | None = None) -> Q:
        """Organisations the user reaches: inside a jurisdiction, or one they belong to.

        `prefix` is the path to the organisation from the queried model ("organization__").
        """
        if self.everything:
            return Q()
        region_field = f"{prefix}region"
        q = self.region_q(region_field)
        own = self.organization_ids(roles)
        if own:
            q |= Q(**{f"{prefix}id__in": own})
        return q

    def can_view_organization(self, org) -> bool:
        return self.everything or self.sees_region(org.region_id) or org.pk in self.org_roles

    def can_edit_organization(self, org) -> bool:
        """Office admins/staff of the jurisdiction, and the organisation's own managers."""
        if self.everything or self.manages_region(org.region_id):
            return True
        roles = self.roles_in(org.pk)
        return bool(roles & {Role.PENGURUS, Role.OWNER, Role.COOP_STAFF})

    def manages_people_of(self, org) -> bool:
        """Who may add, invite and remove the people acting for `org`: only office admins manage
        people (docs/architecture.md) — for a government office the admins of a jurisdiction
        containing the office's own, for any other organisation the admins of its region. Office
        staff may not: a manager's role reaches members' NIKs and the cooperative's ordering."""
        if org.kind == OrganizationKind.GOVERNMENT:
            return self.administers_region(org.jurisdiction_id)
        return self.administers_region(org.region_id)

    def sees_personal_data_of(self, org) -> bool:
        """Unmasked NIK/phone/address: office admins and staff of the jurisdiction, and a
        cooperative's managers for their own members (DESIGN.md §2)."""
        if self.everything or self.manages_region(org.region_id):
            return True
        roles = self.roles_in(org.pk)
        if org.kind == OrganizationKind.COOPERATIVE:
            return bool(roles & COOPERATIVE_MANAGER_ROLES)
        return Role.OWNER in roles


def region_within_q(field_name: str, code: str) -> Q:
    """Rows whose region is `code` or lies inside it. `field_name` is a Region foreign key
    ("region", "organization__region") or a plain code column ("region_code")."""
    # A lookup on the foreign key's target field is answered from the key column itself, no join.
    column = field_name if field_name.endswith("_code") else f"{field_name}__code"
    # Kept as a prefix LIKE on purpose: on SQLite it uses no index, which steers the planner to walk
    # the lists' name indexes in order (an index range on the region made a million-row list sort
    # everything: 18 ms became 4.8 s); on PostgreSQL under the C collation it is index-backed.
    return Q(**{column: code}) | Q(**{f"{column}__startswith": code + "."})


def acts_for_office(membership) -> bool:
    """Whether the membership a person is acting through right now is an office (Dinas) role."""
    return membership is not None and membership.role in OFFICE_ROLES


SYSTEM_REACH = Reach(user_id=None, everything=True)
NO_REACH = Reach(user_id=None)


def reach_of(user) -> Reach:
    """The user's reach, computed once per request (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NO_REACH
    cached = getattr(user, "_sinergi_reach", None)
    if cached is not None:
        return cached
    if not user.is_active:
        reach = NO_REACH
    elif user.is_superuser or getattr(user, "is_system", False):
        reach = Reach(user_id=user.pk, everything=True)
    else:
        offices: list[OfficeScope] = []
        org_roles: dict[int, set[str]] = {}
        memberships = user.memberships.filter(is_active=True, organization__is_active=True).select_related(
            "organization"
        )
        for m in memberships:
            org_roles.setdefault(m.organization_id, set()).add(m.role)
            org = m.organization
            if org.kind == OrganizationKind.GOVERNMENT and org.jurisdiction_id and m.role in OFFICE_ROLES:
                offices.append(
                    OfficeScope(organization_id=org.pk, region_code=org.jurisdiction_id, role=m.role)
                )
        reach = Reach(
            user_id=user.pk,
            offices=tuple(offices),
            org_roles={k: frozenset(v) for k, v in org_roles.items()},
        )
    user._sinergi_reach = reach
    return reach


def forget_reach(user) -> None:
    """Drop the cached reach after the user's memberships changed."""
    if hasattr(user, "_sinergi_reach"):
        del user._sinergi_reach


# Who hears about an organisation's events: the people who act for it, not its office overseers.
# A cooperative's managers (pengurus, pengawas, staf koperasi); any other organisation's people
# in whatever role they hold there (a supplier's staff, a business owner).
def organization_managers(organization_ids):
    """The active people who manage the organisations `organization_ids`, once each."""
    from sinergi.accounts.models import Membership, User

    memberships = Membership.objects.filter(
        organization_id__in=list(organization_ids), is_active=True, organization__is_active=True
    ).exclude(Q(organization__kind=OrganizationKind.COOPERATIVE) & ~Q(role__in=COOPERATIVE_MANAGER_ROLES))
    memberships = memberships.exclude(role__in=OFFICE_ROLES)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("pk")
