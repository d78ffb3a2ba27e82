"""Who may do what with products: named predicates, the one place that reads roles.

- A UMKM's owner (Role.OWNER membership of the business) manages its products: adds, edits,
  attaches photos and legality, submits them for curation.
- Dinas admins and staff of the jurisdiction holding the producer curate: publish, or return with
  a note. Office viewers read. Nobody else publishes: a product reaches the catalogue only through
  curation.
- The public reads published products of active businesses in the catalogue (no login).
"""

from __future__ import annotations

from django.db.models import Q

from sinergi.accounts.models import OFFICE_WRITE_ROLES, OrganizationKind, Role
from sinergi.accounts.scoping import reach_of
from sinergi.accounts.selectors import office_people_over

PRODUCER_ROLES = frozenset({Role.OWNER})


def owned_business_ids(user) -> list[int]:
    """The UMKM the user owns."""
    return reach_of(user).organization_ids(PRODUCER_ROLES)


def is_producer(user) -> bool:
    return bool(owned_business_ids(user))


def manages_business(user, business) -> bool:
    """The business's owner adds and edits its products; the system (imports, the demo) may act
    for any business."""
    if business is None or business.kind != OrganizationKind.UMKM:
        return False
    reach = reach_of(user)
    return reach.everything or bool(reach.roles_in(business.pk) & PRODUCER_ROLES)


def may_edit(user, product) -> bool:
    return manages_business(user, product.business)


def may_curate(user, product) -> bool:
    """Office admins and staff of the jurisdiction holding the producer."""
    return reach_of(user).manages_region(product.region_code)


def is_officer(user) -> bool:
    """Any office role: they read the products of their jurisdiction."""
    return reach_of(user).is_officer


def is_curator(user) -> bool:
    """Office admins and staff somewhere (or the system): they have a curation queue."""
    return reach_of(user).is_office_writer


def sees(user, product) -> bool:
    return reach_of(user).sees_region(product.region_code) or manages_business(user, product.business)


def product_q(user) -> Q:
    """Products the user may open: the jurisdiction's (officers) and their own business's."""
    reach = reach_of(user)
    if reach.everything:
        return Q()
    q = reach.region_q("region_code")
    own = owned_business_ids(user)
    if own:
        q |= Q(business_id__in=own)
    return q


def curation_q(user) -> Q:
    """Products the user curates: inside a jurisdiction where they are office admin or staff."""
    return reach_of(user).writable_region_q("region_code")


def reaches_products(user) -> bool:
    """Whether "Produk" belongs in the user's menu: officers and UMKM owners."""
    reach = reach_of(user)
    return reach.is_officer or is_producer(user)


def curators_of(region_code: str):
    """The office admins and staff whose jurisdiction holds `region_code`: they hear about the
    products waiting for them and about expired legality."""
    return office_people_over(region_code=region_code, roles=OFFICE_WRITE_ROLES)
