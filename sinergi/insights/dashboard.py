"""The office dashboard: the registry's tallies for one place and the places one level below it.

Everything here is read from the slices' tally selectors, never by counting profiles, so a page
costs a handful of grouped queries over the places it shows. A place is a region code ('' for the
whole country, "32" a province, "32.01" a regency, "32.01.05" a kecamatan, a village code); a
viewer sees only what lies inside their jurisdiction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.scoping import reach_of
from sinergi.assistance.selectors_tallies import assistance_panel
from sinergi.clinic.selectors_tallies import clinic_panel
from sinergi.consignment.selectors_tallies import consignment_panel
from sinergi.health.selectors_tallies import assessment_tally, report_tally
from sinergi.insights import geo, official
from sinergi.insights.maps import choropleth_data
from sinergi.market.selectors_tallies import catalogue_panel
from sinergi.partnerships.selectors_tallies import partnerships_panel
from sinergi.purchasing.selectors_tallies import round_totals
from sinergi.regions.models import Region
from sinergi.registry.models import BusinessScale, CooperativeStatus, CooperativeType, Gender
from sinergi.registry.rules import on_register
from sinergi.registry.selectors_tallies import business_tally, cooperative_tally
from sinergi.registry.tallies import KBLI_SECTION

LEVEL_NAMES = {
    0: _("Semua wilayah"),
    2: _("Provinsi"),
    5: _("Kabupaten/kota"),
    8: _("Kecamatan"),
    13: _("Kelurahan/desa"),
}
CHILD_NAMES = {0: _("Provinsi"), 2: _("Kabupaten/kota"), 5: _("Kecamatan"), 8: _("Kelurahan/desa")}

# KBLI 2020 sections, as the BPS publications name them (short form).
SECTION_NAMES = {
    "A": _("Pertanian, kehutanan dan perikanan"),
    "B": _("Pertambangan dan penggalian"),
    "C": _("Industri pengolahan"),
    "D": _("Listrik dan gas"),
    "E": _("Air, limbah dan daur ulang"),
    "F": _("Konstruksi"),
    "G": _("Perdagangan dan reparasi"),
    "H": _("Transportasi dan pergudangan"),
    "I": _("Akomodasi dan makan minum"),
    "J": _("Informasi dan komunikasi"),
    "K": _("Jasa keuangan dan asuransi"),
    "L": _("Real estat"),
    "M": _("Jasa profesional"),
    "N": _("Jasa persewaan dan penunjang usaha"),
    "O": _("Administrasi pemerintahan"),
    "P": _("Jasa pendidikan"),
    "Q": _("Jasa kesehatan dan kegiatan sosial"),
    "R": _("Kesenian, hiburan dan rekreasi"),
    "S": _("Jasa lainnya"),
    "T": _("Jasa rumah tangga"),
    "U": _("Badan internasional"),
    "": _("KBLI belum diisi"),
}
assert set(KBLI_SECTION.values()) <= set(SECTION_NAMES)


# --- where the viewer stands ----------------------------------------------------------------


def start_places(user) -> list[str]:
    """The places a viewer's dashboard starts from: their jurisdictions, or the provinces holding
    data for those who reach everything."""
    reach = reach_of(user)
    if reach.everything:
        provinces = sorted({row["place"] for row in cooperative_tally(region="") if row["place"]})
        provinces += sorted(
            {row["place"] for row in business_tally(region="") if row["place"]} - set(provinces)
        )
        return sorted(provinces) or ["32"]
    return reach.office_codes()


def may_see_dashboard(user) -> bool:
    return reach_of(user).is_officer


def resolve_place(user, code: str | None) -> str:
    """The place asked for, checked against the viewer's reach; their first place when none.
    A place outside the jurisdiction is not found, as any object outside it is."""
    code = (code or "").strip()
    if not code:
        starts = start_places(user)
        return starts[0] if starts else ""
    reach = reach_of(user)
    if len(code) not in CHILD_NAMES and len(code) != 13:
        raise Http404
    if not (reach.everything or reach.sees_region(code)):
        raise Http404
    if not Region.objects.filter(code=code).exists():
        raise Http404
    return code


@dataclass(frozen=True)
class Crumb:
    code: str
    name: str
    url: str | None


def breadcrumbs(user, code: str) -> list[Crumb]:
    """The way down to `code` from the highest place the viewer may open."""
    reach = reach_of(user)
    codes = [code[:n] for n in (2, 5, 8, 13) if len(code) >= n]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    crumbs = []
    for part in codes:
        if reach.everything or reach.sees_region(part):
            crumbs.append(Crumb(part, names.get(part, part), dashboard_url(part) if part != code else None))
    return crumbs


def dashboard_url(code: str, **params) -> str:
    query = {"wilayah": code, **{k: v for k, v in params.items() if v}}
    return f"{reverse('insights:dashboard')}?{urlencode(query)}"


# --- the figures ----------------------------------------------------------------------------


def money(value) -> Decimal:
    """A sum of Rupiah with its two places, whatever the database gave back (SQLite drops them)."""
    return Decimal(value or 0).quantize(CENT)


CENT = Decimal("0.01")


def _ratio(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def _list_url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode({k: v for k, v in params.items() if v})}"


def cooperative_list_url(region: str, status: str = "") -> str:
    return _list_url("registry:cooperative_list", region=region, status=status)


def business_list_url(region: str, **params) -> str:
    return _list_url("registry:business_list", region=region, **params)


def rupiah_short(value) -> str:
    """A large amount of Rupiah as people say it: "Rp90 juta", "Rp1,2 miliar"."""
    from sinergi.core.templatetags.sinergi import number

    amount = Decimal(value or 0)
    for size, word in (
        (Decimal(10**12), _("triliun")),
        (Decimal(10**9), _("miliar")),
        (Decimal(10**6), _("juta")),
    ):
        if abs(amount) >= size:
            scaled = (amount / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            places = 0 if scaled == scaled.to_integral_value() else 1
            return f"Rp{number(scaled, places)} {word}"
    return f"Rp{number(amount)}"


@dataclass
class Figure:
    """One number on the dashboard, with the list behind it and how it is made."""

    label: str
    value: int | Decimal | None
    url: str | None = None
    kind: str = "count"  # count, percent, rupiah
    explain: str = ""

    @property
    def short(self) -> str:
        return rupiah_short(self.value) if self.kind == "rupiah" else ""


@dataclass
class Breakdown:
    """A dimension split of one measure: rows of (label, value, share %, list URL)."""

    title: str
    rows: list[tuple[str, int, Decimal | None, str | None]] = field(default_factory=list)


def registered_cooperatives(counts: dict[str, int]) -> int:
    """Registered cooperatives: every status but dissolved (a dissolved one leaves the register)."""
    return sum(n for status, n in counts.items() if on_register(status))


def cooperative_figures(user, code: str) -> dict:
    """The cooperative figures of a place, as plain values (the page and the API both show them)."""
    by_status = cooperative_tally(user=user, region=code, by=("status",))
    counts = {value: 0 for value in CooperativeStatus.values}
    # Members of registered cooperatives: a dissolved cooperative's members are no longer counted.
    members = {"male": 0, "female": 0, "unspecified": 0}
    for row in by_status:
        counts[row["status"]] = counts.get(row["status"], 0) + row["count"]
        if on_register(row["status"]):
            members["male"] += row["members_male"]
            members["female"] += row["members_female"]
            members["unspecified"] += row["members_unspecified"]
    by_type: dict[str, int] = {}
    for row in cooperative_tally(user=user, region=code, by=("cooperative_type",)):
        by_type[row["cooperative_type"]] = by_type.get(row["cooperative_type"], 0) + row["count"]
    registered = registered_cooperatives(counts)
    return {
        "registered": registered,
        "active": counts[CooperativeStatus.AKTIF],
        "unknown": counts[CooperativeStatus.BELUM_DIKETAHUI],
        "active_ratio": _ratio(counts[CooperativeStatus.AKTIF], registered),
        "members": members,
        "by_status": counts,
        "by_type": by_type,
    }


def business_figures(user, code: str) -> dict:
    """The UMKM figures of a place, as plain values."""
    totals = business_tally(user=user, region=code, by=())[0]

    def split(dimension: str) -> dict[str, int]:
        return {
            row[dimension]: row["count"] for row in business_tally(user=user, region=code, by=(dimension,))
        }

    by_status = split("status")
    return {
        "registered": totals["count"],
        "active": by_status.get("aktif", 0),
        "active_ratio": _ratio(by_status.get("aktif", 0), totals["count"]),
        "employees": totals["employees"],
        "annual_sales": money(totals["annual_sales"]),
        "by_status": by_status,
        "by_scale": split("scale"),
        "by_sector": split("sector"),
        "by_owner_gender": split("owner_gender"),
    }


def cooperative_panel(user, code: str) -> dict:
    data = cooperative_figures(user, code)
    counts, members, by_type = data["by_status"], data["members"], data["by_type"]
    all_members = sum(members.values())
    figures = [
        Figure(_("Koperasi terdaftar"), data["registered"], cooperative_list_url(code),
               explain=_("Semua koperasi di wilayah ini kecuali yang sudah dibubarkan.")),
        Figure(_("Aktif"), data["active"], cooperative_list_url(code, CooperativeStatus.AKTIF)),
        Figure(_("Belum diketahui"), data["unknown"], cooperative_list_url(code, CooperativeStatus.BELUM_DIKETAHUI)),
        Figure(_("Rasio aktif"), data["active_ratio"], kind="percent",
               explain=_("Koperasi aktif dibagi koperasi terdaftar.")),
        Figure(_("Anggota"), all_members, explain=_("Jumlah anggota yang dilaporkan tiap koperasi terdaftar.")),
    ]  # fmt: skip
    status_total = sum(counts.values())
    status_rows = [
        (label, counts[value], _ratio(counts[value], status_total), cooperative_list_url(code, value))
        for value, label in CooperativeStatus.choices
    ]
    member_rows = [
        (label, members[key], _ratio(members[key], all_members), None)
        for key, label in (
            ("male", _("Laki-laki")),
            ("female", _("Perempuan")),
            ("unspecified", _("Tanpa rincian")),
        )
    ]
    type_total = sum(by_type.values())
    type_rows = [
        (label, by_type.get(value, 0), _ratio(by_type.get(value, 0), type_total), None)
        for value, label in CooperativeType.choices
    ]
    if by_type.get(""):
        type_rows.append((_("Jenis belum diisi"), by_type[""], _ratio(by_type[""], type_total), None))
    return {
        "data": data,
        "figures": figures,
        "breakdowns": [
            Breakdown(_("Koperasi menurut status"), status_rows),
            Breakdown(_("Anggota menurut jenis kelamin"), member_rows),
            Breakdown(_("Koperasi menurut jenis"), type_rows),
        ],
    }


def business_panel(user, code: str) -> dict:
    data = business_figures(user, code)
    registered = data["registered"]
    figures = [
        Figure(_("UMKM terdaftar"), registered, business_list_url(code)),
        Figure(_("Aktif"), data["active"], business_list_url(code, status="aktif")),
        Figure(_("Rasio aktif"), data["active_ratio"], kind="percent",
               explain=_("UMKM aktif dibagi UMKM terdaftar.")),
        Figure(_("Tenaga kerja"), data["employees"],
               explain=_("Jumlah tenaga kerja yang dilaporkan tiap usaha.")),
        Figure(_("Omzet setahun"), data["annual_sales"], kind="rupiah",
               explain=_("Jumlah omzet tahunan yang dilaporkan tiap usaha.")),
    ]  # fmt: skip
    by_scale, by_sector, by_gender = data["by_scale"], data["by_sector"], data["by_owner_gender"]
    scale_rows = [
        (label, by_scale.get(value, 0), _ratio(by_scale.get(value, 0), registered),
         business_list_url(code, scale=value))
        for value, label in BusinessScale.choices
    ]  # fmt: skip
    if by_scale.get(""):
        scale_rows.append((_("Skala belum diketahui"), by_scale[""], _ratio(by_scale[""], registered), None))
    sector_rows = [
        (
            f"{letter} · {SECTION_NAMES[letter]}" if letter else SECTION_NAMES[""],
            n,
            _ratio(n, registered),
            None,
        )
        for letter, n in sorted(by_sector.items(), key=lambda item: (-item[1], item[0]))
        if n
    ]
    gender_rows = [
        (label, by_gender.get(value, 0), _ratio(by_gender.get(value, 0), registered), None)
        for value, label in Gender.choices
    ] + [(_("Belum diisi"), by_gender.get("", 0), _ratio(by_gender.get("", 0), registered), None)]
    return {
        "data": data,
        "figures": figures,
        "breakdowns": [
            Breakdown(_("UMKM menurut skala usaha (PP 7/2021)"), scale_rows),
            Breakdown(_("UMKM menurut sektor (seksi KBLI)"), sector_rows),
            Breakdown(_("UMKM menurut jenis kelamin pemilik"), gender_rows),
        ],
    }


# --- places one level down: the table and the map ------------------------------------------


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    kind: str  # count, percent, rupiah
    value: Callable[[dict], int | Decimal | None]


def _place_ratio(part: str, whole: str):
    return lambda row: _ratio(row[part], row[whole])


INDICATORS = [
    Indicator("kop_terdaftar", _("Koperasi terdaftar"), "count", lambda r: r["kop_terdaftar"]),
    Indicator("kop_aktif", _("Koperasi aktif"), "count", lambda r: r["kop_aktif"]),
    Indicator("kop_rasio", _("Rasio koperasi aktif"), "percent", _place_ratio("kop_aktif", "kop_terdaftar")),
    Indicator("anggota", _("Anggota koperasi"), "count", lambda r: r["anggota"]),
    Indicator("umkm", _("UMKM terdaftar"), "count", lambda r: r["umkm"]),
    Indicator("umkm_aktif", _("UMKM aktif"), "count", lambda r: r["umkm_aktif"]),
    Indicator("umkm_rasio", _("Rasio UMKM aktif"), "percent", _place_ratio("umkm_aktif", "umkm")),
    Indicator("tenaga_kerja", _("Tenaga kerja UMKM"), "count", lambda r: r["tenaga_kerja"]),
    Indicator("omzet", _("Omzet UMKM setahun"), "rupiah", lambda r: r["omzet"]),
]
INDICATOR_BY_KEY = {indicator.key: indicator for indicator in INDICATORS}


def indicator(key: str | None) -> Indicator:
    return INDICATOR_BY_KEY.get(key or "", INDICATORS[0])


def place_rows(user, code: str) -> list[dict]:
    """One row per place one level below `code` that holds any data, with every indicator's
    inputs; four grouped queries whatever the number of profiles."""
    if len(code) == 13:
        return []
    rows: dict[str, dict] = {}

    def row(place: str) -> dict:
        return rows.setdefault(
            place,
            {"code": place, "kop_terdaftar": 0, "kop_aktif": 0, "anggota": 0, "umkm": 0, "umkm_aktif": 0,
             "tenaga_kerja": 0, "omzet": Decimal(0)},
        )  # fmt: skip

    for item in cooperative_tally(user=user, region=code, by=("place", "status")):
        target = row(item["place"])
        if on_register(item["status"]):
            target["kop_terdaftar"] += item["count"]
            target["anggota"] += item["members_male"] + item["members_female"] + item["members_unspecified"]
        if item["status"] == CooperativeStatus.AKTIF:
            target["kop_aktif"] += item["count"]
    for item in business_tally(user=user, region=code, by=("place", "status")):
        target = row(item["place"])
        target["umkm"] += item["count"]
        target["tenaga_kerja"] += item["employees"]
        target["omzet"] += money(item["annual_sales"])
        if item["status"] == "aktif":
            target["umkm_aktif"] += item["count"]
    names = dict(Region.objects.filter(code__in=list(rows)).values_list("code", "name"))
    out = []
    for place, values in rows.items():
        values["name"] = names.get(place, place)
        values["url"] = dashboard_url(place) if len(place) < 13 else None
        values["cooperatives_url"] = cooperative_list_url(place)
        values["businesses_url"] = business_list_url(place)
        out.append(values)
    return sorted(out, key=lambda r: r["name"])


# --- health and joint purchasing, from their slices' tallies ---------------------------------

PREDICATES = (
    "sehat", "cukup_sehat", "dalam_pengawasan", "dalam_pengawasan_khusus", "kurang_sehat", "tidak_sehat",
    "sangat_tidak_sehat",
)  # fmt: skip


def health_panel(user, code: str, registered: int) -> dict | None:
    """The latest financial year with verified reports or assessments: cooperatives assessed by
    predicate, and RAT compliance (cooperatives that held the year's RAT over registered ones)."""
    years = [
        row["year"]
        for row in report_tally(user=user, region=code, by=("year",))
        if row["verified"] or row["submitted"] or row["returned"]
    ]
    years += [row["year"] for row in assessment_tally(user=user, region=code, by=("year",)) if row["count"]]
    if not years:
        return None
    year = max(years)
    reports = report_tally(user=user, region=code, by=(), year=year)[0]
    by_predicate: dict[str, int] = {}
    indicative = 0
    for row in assessment_tally(user=user, region=code, by=("predicate", "official"), year=year):
        by_predicate[row["predicate"]] = by_predicate.get(row["predicate"], 0) + row["count"]
        if not row["official"]:
            indicative += row["count"]
    assessed = sum(by_predicate.values())
    return {
        "year": year,
        "assessed": assessed,
        "indicative": indicative,
        "predicates": [
            (p, by_predicate.get(p, 0), _ratio(by_predicate.get(p, 0), assessed)) for p in PREDICATES
        ]
        + ([("", by_predicate[""], _ratio(by_predicate[""], assessed))] if by_predicate.get("") else []),
        "submitted": reports["submitted"],
        "verified": reports["verified"],
        "returned": reports["returned"],
        "rat_held": reports["rat_held"],
        "rat_ratio": _ratio(reports["rat_held"], registered),
        "registered": registered,
    }


def purchasing_panel(user, code: str, today=None) -> dict | None:
    """Joint purchasing of the last twelve months (rounds closing in them): volume and savings."""
    import datetime as dt

    today = today or dt.date.today()
    start = dt.date(today.year - 1, today.month, 1)
    totals = round_totals(user=user, region=code, month__gte=start)
    if not totals["rounds_closed"] and not totals["goods"]:
        return None
    goods = money(totals["goods"])
    savings = money(totals["savings"])
    return {
        "since": start,
        "rounds": totals["rounds_closed"],
        "goods": goods,
        "goods_short": rupiah_short(goods),
        "delivery": money(totals["delivery"]),
        "savings": savings,
        "savings_short": rupiah_short(savings),
        "cooperatives": totals["ordering_cooperatives"],
    }


def _with_short_gross(panel: dict) -> dict:
    """A month's consignment sales written short for a stat card ("Rp3,5 juta")."""
    return {**panel, "gross_short": rupiah_short(panel["gross"])}


def dashboard(user, code: str) -> dict:
    """All the dashboard shows for `code`."""
    from sinergi.insights.snapshots import pillar_panel

    cooperatives = cooperative_panel(user, code)
    businesses = business_panel(user, code)
    return {
        "health": health_panel(user, code, cooperatives["data"]["registered"]),
        "pillars": pillar_panel(code),
        "clinic": clinic_panel(user=user, region=code, year=timezone.localdate().year),
        "market": catalogue_panel(user=user, region=code),
        "consignment": _with_short_gross(consignment_panel(user=user, region=code)),
        "partnerships": partnerships_panel(user=user, region=code),
        "assistance": assistance_panel(user=user, region=code, year=timezone.localdate().year),
        "purchasing": purchasing_panel(user, code),
        "official": comparisons(user, code, cooperatives["data"], businesses["data"]),
        "code": code,
        "level_name": LEVEL_NAMES.get(len(code), ""),
        "child_level_name": CHILD_NAMES.get(len(code)),
        "cooperatives": cooperatives,
        "businesses": businesses,
        "places": place_rows(user, code),
        "indicators": INDICATORS,
    }


def start_places_named(user) -> list[tuple[str, str, str]]:
    """(code, name, dashboard URL) of each place a viewer may start from, when more than one."""
    codes = start_places(user)
    if len(codes) < 2:
        return []
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return [(code, names.get(code, code), dashboard_url(code)) for code in codes]


# --- the map ----------------------------------------------------------------------------------

METHODS = [("quantile", _("Kuantil (jumlah wilayah sama per kelas)")), ("jenks", _("Jeda alami (Jenks)"))]


def method(value: str | None) -> str:
    return value if value in dict(METHODS) else "quantile"


# The boundaries the project ships: regencies inside a province, kecamatan inside a regency.
MAP_LEVELS = {2: ("regency", "kabupaten"), 5: ("district", "kecamatan")}


def map_for(user, code: str, chosen: Indicator, how: str, places: list[dict]) -> dict | None:
    """What the choropleth of the places one level below `code` needs, or None where no
    boundaries exist (villages) or nothing is registered."""
    if len(code) not in MAP_LEVELS or not places:
        return None
    level, name = MAP_LEVELS[len(code)]
    shapes = geo.boundaries(level, code)
    codes = [feature["properties"]["code"] for feature in shapes["features"]]
    if not codes:
        return None
    reach = reach_of(user)
    by_code = {row["code"]: row for row in places}
    # Every place on the map has a figure: a place with no registered row has 0 (it is counted,
    # and there is none); a place outside the viewer's reach has no data.
    empty = {"kop_terdaftar": 0, "kop_aktif": 0, "anggota": 0, "umkm": 0, "umkm_aktif": 0,
             "tenaga_kerja": 0, "omzet": Decimal(0)}  # fmt: skip
    values = {}
    links = {}
    for place in codes:
        if not (reach.everything or reach.sees_region(place)):
            values[place] = None
            continue
        values[place] = chosen.value(by_code.get(place, empty))
        links[place] = dashboard_url(place, indikator=chosen.key, kelas=how)
    data = choropleth_data(
        values,
        method=how,
        k=5,
        links=links,
        title=str(chosen.label),
        decimals=1 if chosen.kind == "percent" else 0,
    )
    return {
        "data": data,
        "geojson_url": f"{reverse('insights:boundaries')}?{urlencode({'tingkat': name, 'induk': code})}",
    }


# --- official figures beside the register ----------------------------------------------------


@dataclass
class Comparison:
    """An official figure beside Sinergi's own count of the same thing."""

    label: str
    official: int
    source: str
    source_url: str
    ours: int
    projected: bool = False

    @property
    def difference(self) -> int:
        return self.ours - self.official

    @property
    def coverage(self) -> Decimal | None:
        """How much of the official figure the register holds, in percent."""
        return _ratio(self.ours, self.official)


def official_umkm(code: str) -> tuple[int, int] | None:
    """(year, count) of the latest official UMKM figure for a regency or the province."""
    totals = official.umkm_totals()
    if len(code) == 5:
        years = [year for (region, year) in totals if region == code]
        return (max(years), totals[(code, max(years))].count) if years else None
    if len(code) == 2:
        years = [year for (region, year) in totals if region.startswith(code + ".")]
        if not years:
            return None
        year = max(years)
        return year, sum(
            c.count for (region, y), c in totals.items() if y == year and region.startswith(code + ".")
        )
    return None


def comparisons(user, code: str, cooperatives: dict, businesses: dict) -> list[Comparison]:
    """Official open data beside the register, for a regency or the province: how complete the
    register is. Figures from press statements and the open-data portal, labelled as such."""
    if len(code) not in (2, 5):
        return []
    out = []
    umkm = official_umkm(code)
    if umkm:
        year, count = umkm
        out.append(Comparison(
            _("UMKM"), count,
            _("Proyeksi Dinas KUK Jawa Barat tahun %(year)s (Open Data Jabar)") % {"year": year},
            "https://opendata.jabarprov.go.id/", businesses["registered"], projected=True,
        ))  # fmt: skip
    for measure, label, ours in (
        ("registered", _("Koperasi terdaftar"), cooperatives["registered"]),
        ("active", _("Koperasi aktif"), cooperatives["active"]),
    ):
        figure = official.latest_cooperative_figure(code, field=measure)
        if figure:
            source = _("%(who)s, per %(when)s") % {"who": figure.reported_by, "when": figure.as_of}
            out.append(Comparison(label, getattr(figure, measure), source, figure.source_url, ours))
    return out
