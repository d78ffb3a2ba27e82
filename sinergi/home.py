"""The home page: what needs attention: the work waiting for each user across the slices.

Like the main menu (`navigation.py`), this module sits above the slices and only reads through their
scoped selectors: an office sees the queues of its jurisdiction, a cooperative manager the state of
their own cooperative (latest annual report, RAT, open buying rounds).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.middleware import active_membership
from sinergi.accounts.models import OrganizationKind
from sinergi.accounts.scoping import acts_for_office, reach_of
from sinergi.accounts.selectors import my_claims, office_overview
from sinergi.clinic.models import Stage
from sinergi.clinic.selectors import case_list
from sinergi.health.filters import ReportFilters
from sinergi.health.models import Assessment, ReportStatus
from sinergi.health.selectors import annual_report_list
from sinergi.health.supervision import rules as supervision_rules
from sinergi.health.supervision.selectors import (
    dissolution_case_list,
    last_rat_date,
    status_proposal_list,
)
from sinergi.market.access import is_producer
from sinergi.market.selectors import curation_queue, my_products
from sinergi.purchasing.filters import RoundFilters
from sinergi.purchasing.models import Order, RoundStatus
from sinergi.purchasing.selectors.access import coordinated_ids, may_order
from sinergi.purchasing.selectors.results import purchase_orders_to_acknowledge
from sinergi.purchasing.selectors.rounds import round_list
from sinergi.registry.models import CooperativeProfile
from sinergi.registry.selectors import duplicate_list
from sinergi.registry.selectors_tallies import business_totals, cooperative_totals

# A queue shows at most this many; beyond it the card reads "1.000+" (counting further costs time
# that grows with the registry and tells the office nothing more).
QUEUE_CAP = 1000


@dataclass(frozen=True)
class Queue:
    """A count of things waiting, with the page that lists them."""

    count: int
    label: str
    url: str

    @property
    def more(self) -> bool:
        return self.count > QUEUE_CAP

    @property
    def shown(self) -> int:
        return min(self.count, QUEUE_CAP)


def _capped(qs) -> int:
    return qs.order_by()[: QUEUE_CAP + 1].count()


@dataclass
class CooperativeState:
    """A cooperative manager's view of their own cooperative."""

    name: str
    report: object | None = None  # latest annual report
    assessment: Assessment | None = None  # latest verified assessment
    rat: supervision_rules.RatStatus | None = None
    rat_source: str = ""
    new_report_url: str = ""
    rounds: list[dict] = field(default_factory=list)


def office_queues(user) -> list[Queue]:
    """Counts of the office's waiting work, each linking to its list."""
    return [
        Queue(
            _capped(annual_report_list(user=user, filters=ReportFilters(status=ReportStatus.SUBMITTED))),
            _("laporan tahunan menunggu verifikasi"),
            reverse("health:report_list") + "?status=" + ReportStatus.SUBMITTED,
        ),
        Queue(
            _capped(status_proposal_list(user=user)),
            _("usulan status tidak aktif menunggu keputusan"),
            reverse("health:inactivity_list"),
        ),
        Queue(
            _capped(dissolution_case_list(user=user, open_only=True)),
            _("kasus pembubaran berjalan"),
            reverse("health:case_list"),
        ),
        Queue(
            _capped(case_list(user=user, stage=Stage.REQUESTED)),
            _("permintaan klinik konsultasi menunggu diterima"),
            reverse("clinic:index"),
        ),
        Queue(
            _capped(curation_queue(user=user)),
            _("produk menunggu kurasi"),
            reverse("market:curation"),
        ),
        Queue(
            _capped(duplicate_list(user=user)),
            _("calon duplikat perlu ditinjau"),
            reverse("registry:duplicate_list"),
        ),
        Queue(
            _capped(round_list(user=user, filters=RoundFilters(status=RoundStatus.OPEN))),
            _("putaran Belanja Bareng dibuka"),
            reverse("purchasing:round_list") + "?status=" + RoundStatus.OPEN,
        ),
    ]


def cooperative_state(user, membership, today: dt.date | None = None) -> CooperativeState | None:
    """The manager's own cooperative: its latest report and assessment, its RAT, open buying rounds."""
    if membership is None:
        return None
    organization = membership.organization
    reach = reach_of(user)
    if organization.kind != OrganizationKind.COOPERATIVE or not reach.manages_cooperative(organization.pk):
        return None
    today = today or timezone.localdate()
    state = CooperativeState(name=organization.name)
    profile = CooperativeProfile.objects.filter(organization=organization).first()
    if profile is not None:
        reports = annual_report_list(user=user, filters=ReportFilters()).filter(cooperative=profile)
        state.report = reports.order_by("-year").first()
        state.assessment = (
            Assessment.objects.filter(
                report__in=reports.filter(status=ReportStatus.VERIFIED), cooperative=profile
            )
            .order_by("-year")
            .first()
        )
        last_rat, state.rat_source = last_rat_date(profile)
        state.rat = supervision_rules.rat_status(
            last_rat, profile.fiscal_year_end_month, today, settings.SINERGI_RAT_DUE_MONTHS
        )
        if reach.operates_cooperative(organization.pk):
            state.new_report_url = reverse("health:report_create") + f"?koperasi={profile.pk}"
    open_rounds = round_list(user=user, filters=RoundFilters(status=RoundStatus.OPEN)).filter(
        network__memberships__organization=organization, network__memberships__state="member"
    )
    orders = {
        o.round_id: o
        for o in Order.objects.filter(round__in=open_rounds, cooperative=organization).prefetch_related(
            "lines"
        )
    }
    for round_ in open_rounds.select_related("network").distinct():
        order = orders.get(round_.pk)
        state.rounds.append(
            {
                "round": round_,
                "lines": sum(1 for line in order.lines.all() if line.qty and line.dropped_at is None)
                if order
                else 0,
                "may_order": may_order(user, round_.network, organization.pk),
                "url": reverse("purchasing:order_edit", args=[round_.pk, organization.pk]),
            }
        )
    return state


def coordinated_rounds(user, membership) -> list:
    """The open rounds of the networks the active organisation coordinates, for its coordinator
    staff: the rounds they watch while members order."""
    if membership is None or membership.organization_id not in coordinated_ids(reach_of(user)):
        return []
    return list(
        round_list(user=user, filters=RoundFilters(status=RoundStatus.OPEN))
        .filter(network__lead_id=membership.organization_id)
        .select_related("network")
        .order_by("closes_at", "pk")
    )


def registered_counts(user) -> dict[str, int]:
    """Cooperatives and UMKM in the user's reach, from the registry's tallies (not counted row by row)."""
    return {
        OrganizationKind.COOPERATIVE: cooperative_totals(user=user)["count"],
        OrganizationKind.UMKM: business_totals(user=user)["count"],
    }


@login_required
def home(request):
    """A home page per role: an office sees its jurisdiction and its queues, a cooperative manager
    their cooperative's reports, RAT and buying rounds, anyone else their organisation and claims."""
    user = request.user
    reach = reach_of(user)
    membership = active_membership(request)
    context = {"membership": membership, "reach": reach}
    if reach.is_officer and (membership is None or acts_for_office(membership)):
        context.update(
            office_overview(user=user, counted=registered_counts(user)), queues=office_queues(user)
        )
        return render(request, "accounts/home_office.html", context)
    context["claims"] = my_claims(user=user)[:5]
    context["cooperative_state"] = cooperative_state(user, membership)
    context["coordinated_rounds"] = coordinated_rounds(user, membership)
    # A supplier confirms here the purchase orders sent to it ("Terima pesanan").
    context["orders_to_acknowledge"] = list(purchase_orders_to_acknowledge(user=user)[:20])
    # A UMKM owner sees their products here, with status and legality warnings.
    context["producer"] = is_producer(user)
    context["mine"] = my_products(user=user) if context["producer"] else []
    return render(request, "accounts/home_member.html", context)
