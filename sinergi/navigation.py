"""The main menu, by capability. An item appears only when its page exists and the user reaches it."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.middleware import active_membership
from sinergi.accounts.models import OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.assistance.access import reaches_assistance
from sinergi.clinic.access import reaches_clinic
from sinergi.consignment.access import reaches_consignment
from sinergi.events.selectors import reaches_events
from sinergi.market.access import reaches_products
from sinergi.partnerships.access import reaches_partnerships
from sinergi.purchasing.selectors import reaches_purchasing
from sinergi.registry.selectors_networks import reaches_networks


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


def navigation_for(request) -> list[NavItem]:
    reach = reach_of(request.user)
    path = request.path
    items: list[tuple[str, str]] = [(_("Beranda"), reverse("home"))]
    membership = getattr(request, "membership", None) or None
    # Registry
    if reach.is_officer:
        items.append((_("Dasbor"), reverse("insights:dashboard")))
        items.append((_("Rekap bulanan"), reverse("insights:recap_list")))
        items.append((_("Koperasi"), reverse("registry:cooperative_list")))
        items.append((_("UMKM"), reverse("registry:business_list")))
        items.append((_("Keaktifan"), reverse("registry:activity")))
        items.append((_("Impor"), reverse("registry:import_home")))
        items.append((_("Duplikat"), reverse("registry:duplicate_list")))
        items.append((_("Pindah wilayah"), reverse("registry:move_list")))
    elif membership is not None and membership.organization.kind == OrganizationKind.COOPERATIVE:
        items.append(
            (_("Koperasi saya"), reverse("registry:cooperative_detail", args=[membership.organization_id]))
        )
    elif membership is not None and membership.organization.kind == OrganizationKind.UMKM:
        items.append(
            (_("Usaha saya"), reverse("registry:business_detail", args=[membership.organization_id]))
        )
    # Health and supervision
    if reach.is_officer:
        items.append((_("Laporan tahunan"), reverse("health:report_list")))
        items.append((_("Pengawasan"), reverse("health:supervision")))
    elif reach.managed_cooperative_ids():
        items.append((_("Laporan tahunan"), reverse("health:report_list")))
    # Coaching clinic: programmes and cases (office), assigned cases (expert), own case (participant),
    # plans addressed to a partner
    if reaches_clinic(request.user):
        items.append((_("Klinik"), reverse("clinic:index")))
    # Networks and consortia (buying networks, business consortia, associations, forums)
    if reaches_networks(request.user):
        items.append((_("Jaringan"), reverse("registry:network_list")))
    # Joint purchasing: networks and rounds, a member's orders and bills, a supplier's orders
    if reaches_purchasing(request.user):
        items.append((_("Belanja Bareng"), reverse("purchasing:index")))
    # Events and training (pembinaan)
    if reaches_events(request.user):
        items.append((_("Kegiatan"), reverse("events:event_list")))
    # UMKM products: an owner's own, the office's curation
    if reaches_products(request.user):
        items.append((_("Produk"), reverse("market:index")))
    # Outlets and consignment: outlet staff, producers with goods in outlets, officers
    if reaches_consignment(request.user):
        items.append((_("Gerai"), reverse("consignment:index")))
    # Partnerships: agreements and obligations (office, parties), a bank's scorecard and referrals
    if reaches_partnerships(request.user):
        items.append((_("Kemitraan"), reverse("partnerships:index")))
    # Warung assistance: programmes (office, the running cooperative), an owner's own applications
    if reaches_assistance(request.user):
        items.append((_("Bantuan warung"), reverse("assistance:index")))
    # People and organisations
    if reach.is_officer:
        items.append((_("Organisasi"), reverse("accounts:organization_list")))
        items.append((_("Klaim usaha"), reverse("accounts:claim_list")))
    if reach.is_office_admin:
        items.append((_("Jejak audit"), reverse("accounts:audit_list")))
    items.append((_("Profil"), reverse("accounts:profile")))
    home = reverse("home")
    # The deepest item whose address the page lies under is the current one ("/wawasan/rekap/" is
    # "Rekap bulanan", not "Dasbor" at "/wawasan/").
    matches = [url for _label, url in items if (path == url if url == home else path.startswith(url))]
    current = max(matches, key=len, default=None)
    return [NavItem(label=str(label), url=url, active=url == current) for label, url in items]


def menu(request) -> dict:
    """Template context processor: the menu, the organisation the user acts for and their others.

    It sits here, above the slices, because the menu reads every slice; accounts only provides the
    memberships it lists."""
    if not hasattr(request, "user") or not request.user.is_authenticated:
        return {"nav_items": [], "active_membership": None, "my_memberships": []}
    return {
        "nav_items": navigation_for(request),
        "active_membership": active_membership(request),
        "my_memberships": getattr(request, "memberships", []),
    }
