"""The insights API at /api/v1/insights/: each dashboard panel, scoped like the dashboard.

Figures come from the slices' tallies; a place outside the caller's jurisdiction answers 404, as
any object outside it does. Codes are given as stored (statuses, scales, KBLI section letters) so
that clients can join them to their own vocabularies; the page shows their names.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Router, Schema

from sinergi.assistance.selectors_tallies import assistance_panel
from sinergi.clinic.selectors_tallies import clinic_panel
from sinergi.consignment.selectors_tallies import consignment_panel
from sinergi.core.schemas import Line, errors
from sinergi.insights import dashboard as board
from sinergi.insights.snapshots import pillar_panel
from sinergi.market.selectors_tallies import catalogue_panel
from sinergi.partnerships.selectors_tallies import partnerships_panel

router = Router(tags=["insights"])


class Members(Schema):
    male: int
    female: int
    unspecified: int


class CooperativeFigures(Schema):
    registered: int
    active: int
    unknown: int
    active_ratio: Decimal | None
    members: Members
    by_status: dict[str, int]
    by_type: dict[str, int]


class BusinessFigures(Schema):
    registered: int
    active: int
    active_ratio: Decimal | None
    employees: int
    annual_sales: Decimal
    by_status: dict[str, int]
    by_scale: dict[str, int]
    by_sector: dict[str, int]
    by_owner_gender: dict[str, int]


class PlaceOut(Schema):
    code: str
    name: str
    cooperatives_registered: int
    cooperatives_active: int
    members: int
    businesses_registered: int
    businesses_active: int
    employees: int
    annual_sales: Decimal


class HealthFigures(Schema):
    year: int
    assessed: int
    indicative: int
    by_predicate: dict[str, int]
    submitted: int
    verified: int
    returned: int
    rat_held: int
    rat_ratio: Decimal | None


class PurchasingFigures(Schema):
    since: str
    rounds_closed: int
    ordering_cooperatives: int
    goods: Decimal
    delivery: Decimal
    savings: Decimal


class PillarFigures(Schema):
    counted_at: str
    by_pillar: dict[str, int]


class ClinicFigures(Schema):
    year: int
    target_participants: int
    target_good: int
    participants: int
    closed: int
    good: int
    improved: int
    unchanged: int
    worse: int


class CatalogueFigures(Schema):
    published: int
    producers: int
    waiting: int
    expired: int


class ConsignmentFigures(Schema):
    month: str
    sales: int
    units: int
    gross: Decimal
    # UMKM with goods on hand in an outlet today (counted live: a count of distinct producers does
    # not add up across places)
    producers_with_goods: int


class PartnershipFigures(Schema):
    agreements: int
    active: int
    obligations: int
    met: int
    overdue: int


class AssistanceFigures(Schema):
    year: int
    applied: int
    eligible: int
    selected: int
    handed_over: int


class DashboardOut(Schema):
    region: str
    cooperatives: CooperativeFigures
    businesses: BusinessFigures
    health: HealthFigures | None
    pillars: PillarFigures | None
    clinic: ClinicFigures
    catalogue: CatalogueFigures
    consignment: ConsignmentFigures
    partnerships: PartnershipFigures
    assistance: AssistanceFigures
    purchasing: PurchasingFigures | None
    places: list[PlaceOut]


def _health(panel: dict | None) -> dict | None:
    if panel is None:
        return None
    return {
        **{
            k: panel[k]
            for k in ("year", "assessed", "indicative", "submitted", "verified", "returned", "rat_held")
        },
        "rat_ratio": panel["rat_ratio"],
        "by_predicate": {predicate: n for predicate, n, _share in panel["predicates"]},
    }


def _pillars(panel: dict | None) -> dict | None:
    if panel is None:
        return None
    return {
        "counted_at": panel["taken_at"].isoformat(),
        "by_pillar": {pillar: n for pillar, _label, n in panel["rows"]},
    }


def _purchasing(panel: dict | None) -> dict | None:
    if panel is None:
        return None
    return {
        "since": panel["since"].isoformat(),
        "rounds_closed": panel["rounds"],
        "ordering_cooperatives": panel["cooperatives"],
        "goods": panel["goods"],
        "delivery": panel["delivery"],
        "savings": panel["savings"],
    }


def _consignment(panel: dict) -> dict:
    return {
        "month": panel["month"],
        "sales": panel["sales"],
        "units": panel["qty"],
        "gross": panel["gross"],
        "producers_with_goods": panel["producers"],
    }


def _place(row: dict) -> dict:
    return {
        "code": row["code"],
        "name": row["name"],
        "cooperatives_registered": row["kop_terdaftar"],
        "cooperatives_active": row["kop_aktif"],
        "members": row["anggota"],
        "businesses_registered": row["umkm"],
        "businesses_active": row["umkm_aktif"],
        "employees": row["tenaga_kerja"],
        "annual_sales": row["omzet"],
    }


@router.get("/dashboard", response={200: DashboardOut, **errors(403, 404)})
def dashboard(request, region: Line | None = None):
    """The office dashboard of `region` (the caller's jurisdiction when empty): cooperatives, UMKM,
    cooperative health of the latest financial year, the three pillars as the nightly snapshot last
    counted them (`counted_at`), the coaching clinic's year against its targets, the public catalogue,
    consignment sales
    of this month in outlets, agreements and their obligations, warung assistance applications of
    this year, joint purchasing of the last twelve months, and the places one level down."""
    if not board.may_see_dashboard(request.auth):
        raise PermissionDenied
    code = board.resolve_place(request.auth, region)
    cooperatives = board.cooperative_figures(request.auth, code)
    return {
        "region": code,
        "cooperatives": cooperatives,
        "businesses": board.business_figures(request.auth, code),
        "health": _health(board.health_panel(request.auth, code, cooperatives["registered"])),
        "pillars": _pillars(pillar_panel(code)),
        "clinic": clinic_panel(user=request.auth, region=code, year=timezone.localdate().year),
        "catalogue": catalogue_panel(user=request.auth, region=code),
        "consignment": _consignment(consignment_panel(user=request.auth, region=code)),
        "partnerships": partnerships_panel(user=request.auth, region=code),
        "assistance": assistance_panel(user=request.auth, region=code, year=timezone.localdate().year),
        "purchasing": _purchasing(board.purchasing_panel(request.auth, code)),
        "places": [_place(row) for row in board.place_rows(request.auth, code)],
    }
