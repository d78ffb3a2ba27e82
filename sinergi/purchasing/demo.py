"""The Belanja Bareng part of the demo world: JUK Kota Bandung, after the 2020 launch story.

A buying network (`registry.Network`) of 30 Kota Bandung cooperatives from the registry, joined
at the launch and coordinated by one of them, and eight more that pledged to join then; four
suppliers like the ones the Dinas brought in (the real Bulog regional office, and invented
companies in the roles of Indofood, Unilever and SB Mart); staples priced from the Badan Pangan
Kota Bandung consumer prices in `purchasing/data/` (a supplier sells below the shelf price, less
per unit for more), packaged goods at typical shelf prices; delivery fees per kecamatan; last
month's round closed, optimised, its Bulog purchase order sent; this month's round open with half
of the members' orders in, so a demo user can order.

Idempotent: everything is found by its name (or code) before it is created. Returns no logins
when the registry has no Kota Bandung cooperatives yet.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from sinergi.accounts.demo import demo_user
from sinergi.accounts.models import Membership, Organization, OrganizationKind, Role, User
from sinergi.accounts.services import membership_add, organization_create
from sinergi.purchasing import services, tallies
from sinergi.purchasing.models import PriceList, Product, PurchaseOrder, Round
from sinergi.purchasing.prices import consumer_price
from sinergi.regions.models import Region
from sinergi.registry.models import CooperativeProfile, Network, NetworkKind
from sinergi.registry.services import networks as network_services

DOMAIN = "sinergi.test"
CITY = "32.73"
NETWORK = "JUK Kota Bandung"
MEMBERS = 30
# "100 koperasi berkomitmen bergabung": a handful of the pledged cooperatives, pledged at the launch.
PLEDGED = 8
LAUNCHED = dt.date(2020, 2, 25)
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
# Cooperatives that sell goods to their members come first; savings-and-loan ones fill up.
TRADING_TYPES = ("konsumen", "serba_usaha", "pemasaran", "produsen")

BULOG = "Perum Bulog Kantor Wilayah Jawa Barat"
# (name, village, address, e-mail, phone, assortment, price factor range, tier steps, coverage)
SUPPLIERS = [
    (BULOG, "32.73.13.1007", "Jl. Asia Afrika No. 116", "", "", "staples", (0.90, 0.93), 3, 1.0),
    (
        "PT Pangan Nusantara Distribusi",
        "32.73.08.1002",
        "Jl. Setiabudi No. 90",
        "pesanan@pangannusantara.test",
        "0227201111",
        "food",
        (0.88, 0.93),
        3,
        0.85,
    ),
    (
        "PT Rumah Tangga Sejahtera",
        "32.73.16.1003",
        "Jl. Kiaracondong No. 210",
        "order@rtsejahtera.test",
        "0227302222",
        "household",
        (0.87, 0.92),
        3,
        0.8,
    ),
    (
        "Grosir Priangan",
        "32.73.10.1002",
        "Jl. Otto Iskandardinata No. 45",
        "grosir@priangan.test",
        "081220003333",
        "all",
        (0.95, 0.99),
        2,
        1.0,
    ),
]

# (code, name, category, unit, pack size, content unit, commodity, shelf price when not a staple, kind)
PRODUCTS = [
    (
        "beras-premium-5kg",
        "Beras premium 5 kg",
        "beras",
        "karung",
        "5",
        "kg",
        "beras_premium",
        None,
        "staples",
    ),
    ("beras-medium-5kg", "Beras medium 5 kg", "beras", "karung", "5", "kg", "beras_medium", None, "staples"),
    (
        "beras-medium-25kg",
        "Beras medium 25 kg",
        "beras",
        "karung",
        "25",
        "kg",
        "beras_medium",
        None,
        "staples",
    ),
    ("beras-sphp-5kg", "Beras SPHP 5 kg", "beras", "karung", "5", "kg", "beras_sphp", None, "staples"),
    ("gula-pasir-1kg", "Gula pasir 1 kg", "gula", "bungkus", "1", "kg", "gula", None, "staples"),
    ("gula-pasir-50kg", "Gula pasir 50 kg", "gula", "karung", "50", "kg", "gula", None, "staples"),
    ("minyakita-1l", "Minyakita 1 liter", "minyak", "botol", "1", "liter", "minyakita", None, "staples"),
    (
        "minyak-goreng-kemasan-2l",
        "Minyak goreng kemasan 2 liter",
        "minyak",
        "pouch",
        "2",
        "liter",
        "minyak_kemasan",
        None,
        "food",
    ),
    (
        "tepung-terigu-1kg",
        "Tepung terigu 1 kg",
        "tepung",
        "bungkus",
        "1",
        "kg",
        "tepung_kemasan",
        None,
        "food",
    ),
    (
        "tepung-terigu-25kg",
        "Tepung terigu curah 25 kg",
        "tepung",
        "karung",
        "25",
        "kg",
        "tepung_curah",
        None,
        "food",
    ),
    ("telur-ayam-ras-15kg", "Telur ayam ras 15 kg", "telur", "peti", "15", "kg", "telur", None, "staples"),
    ("garam-konsumsi-1kg", "Garam konsumsi 1 kg", "bumbu", "bungkus", "1", "kg", "garam", None, "staples"),
    (
        "mie-instan-goreng-dus-40",
        "Mi instan goreng (dus isi 40)",
        "mie",
        "dus",
        "40",
        "pcs",
        "",
        115000,
        "food",
    ),
    ("mie-instan-kuah-dus-40", "Mi instan kuah (dus isi 40)", "mie", "dus", "40", "pcs", "", 108000, "food"),
    ("kecap-manis-520ml", "Kecap manis 520 ml", "bumbu", "botol", "520", "ml", "", 24000, "food"),
    ("teh-celup-25", "Teh celup isi 25", "minuman", "kotak", "25", "pcs", "", 7500, "household"),
    (
        "kopi-sachet-renceng-10",
        "Kopi sachet (renceng 10)",
        "minuman",
        "renceng",
        "10",
        "pcs",
        "",
        14000,
        "food",
    ),
    ("susu-kental-manis-370g", "Susu kental manis 370 g", "makanan", "kaleng", "370", "g", "", 12500, "food"),
    ("sabun-mandi-4x85g", "Sabun mandi 4 × 85 g", "kebersihan", "pak", "4", "pcs", "", 16000, "household"),
    (
        "deterjen-bubuk-800g",
        "Deterjen bubuk 800 g",
        "kebersihan",
        "bungkus",
        "800",
        "g",
        "",
        23000,
        "household",
    ),
    (
        "sabun-cuci-piring-780ml",
        "Sabun cuci piring 780 ml",
        "kebersihan",
        "pouch",
        "780",
        "ml",
        "",
        15500,
        "household",
    ),
    ("pasta-gigi-190g", "Pasta gigi 190 g", "kebersihan", "tube", "190", "g", "", 14500, "household"),
]
# Typical units one cooperative orders per round, by unit: a few sacks, tens of packs.
TYPICAL_QTY = {
    "karung": (3, 25),
    "peti": (1, 6),
    "dus": (2, 12),
    "botol": (12, 60),
    "pouch": (12, 48),
    "bungkus": (20, 100),
    "kotak": (12, 48),
    "renceng": (10, 40),
    "kaleng": (12, 48),
    "pak": (12, 48),
    "tube": (12, 36),
}


def _rupiah(value: Decimal) -> int:
    """Round to the hundred Rupiah, as price lists do."""
    return int((Decimal(value) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 100)


def _shelf_price(row) -> Decimal:
    code, _name, _category, _unit, pack, content, commodity, shelf, _kind = row
    if shelf is not None:
        return Decimal(shelf)
    per_unit = consumer_price(commodity)
    grams = Decimal(pack) / 1000 if content in ("g", "ml") else Decimal(pack)
    return per_unit * grams


def _carries(assortment: str, kind: str, code: str) -> bool:
    if assortment == "all":
        return True
    if assortment == "staples":
        return kind == "staples"
    if assortment == "food":
        return kind == "food" or code.startswith(("minyak", "tepung", "teh"))
    return kind == "household" or code.startswith("kecap")


def _products(actor: User) -> dict[str, Product]:
    products = {}
    for row in PRODUCTS:
        code, name, category, unit, pack, content, commodity, _shelf, _kind = row
        product = Product.objects.filter(code=code).first()
        if product is None:
            product = services.product_create(
                actor=actor,
                code=code,
                name=name,
                category=category,
                unit=unit,
                pack_size=Decimal(pack),
                content_unit=content,
                commodity=commodity,
            )
        products[code] = product
    return products


def _supplier(actor: User, name: str, village: str, address: str, email: str, phone: str) -> Organization:
    org = Organization.objects.filter(kind=OrganizationKind.COMPANY, name=name).first()
    if org is None:
        org = organization_create(
            actor=actor,
            kind=OrganizationKind.COMPANY,
            name=name,
            region_code=village,
            address=address,
            email=email,
            phone=phone,
        )
    return org


def _price_lists(actor: User, products: dict[str, Product], today: dt.date) -> list[Organization]:
    rng = random.Random(3273)
    districts = list(
        Region.objects.filter(parent_id=CITY, level=3).order_by("code").values_list("code", flat=True)
    )
    suppliers = []
    for name, village, address, email, phone, assortment, (low, high), steps, coverage in SUPPLIERS:
        org = _supplier(actor, name, village, address, email, phone)
        suppliers.append(org)
        list_name = "Harga Belanja Bareng 2026"
        price_list = PriceList.objects.filter(supplier=org, name=list_name).first()
        if price_list is None:
            price_list = services.price_list_create(
                actor=actor, supplier=org, name=list_name, valid_from=today - dt.timedelta(days=60)
            )
            for row in PRODUCTS:
                if not _carries(assortment, row[8], row[0]):
                    continue
                price = _shelf_price(row) * Decimal(str(rng.uniform(low, high)))
                tiers = [(1, _rupiah(price))]
                low_qty, high_qty = TYPICAL_QTY[row[3]]
                # Breakpoints where a pooled round of 15–30 members lands: a single member rarely does.
                for step in range(1, steps):
                    price *= Decimal(str(1 - rng.uniform(0.015, 0.035)))
                    tiers.append((high_qty * (2 + 3 * step), min(tiers[-1][1], _rupiah(price))))
                services.price_list_item_save(
                    actor=actor, price_list=price_list, product=products[row[0]], tiers=tiers
                )
        if not org.delivery_fees.exists():
            depot = rng.randrange(len(districts))
            fees = {}
            for i, code in enumerate(districts):
                if i != depot and rng.random() > coverage:
                    continue
                distance = abs(i - depot) / (len(districts) - 1)
                fees[code] = int(round((60_000 + 100_000 * distance * rng.uniform(0.7, 1.3)) / 5_000) * 5_000)
            services.delivery_fees_set(actor=actor, supplier=org, fees=fees)
    return suppliers


def _members() -> list[Organization]:
    profiles = (
        CooperativeProfile.objects.filter(regency_code=CITY, status="aktif", organization__is_active=True)
        .select_related("organization")
        .order_by("organization__name")
    )
    trading = [p.organization for p in profiles if p.cooperative_type in TRADING_TYPES]
    others = [p.organization for p in profiles if p.cooperative_type not in TRADING_TYPES]
    return (trading + others)[: MEMBERS + PLEDGED]


def _person(actor: User, email: str, name: str, org: Organization, role: str) -> User:
    user = demo_user(email, name)
    if not Membership.objects.filter(user=user, organization=org).exists():
        membership_add(actor=actor, organization=org, user=user, role=role)
    return user


def _orders(
    actor: User, round: Round, members: list[Organization], products: dict[str, Product], rng
) -> None:
    offered = {o.product_id for o in round.offers.all()}
    catalogue = [p for p in products.values() if p.pk in offered]
    for cooperative in members:
        chosen = rng.sample(catalogue, k=min(len(catalogue), rng.randint(6, 12)))
        quantities = {}
        for product in chosen:
            low, high = TYPICAL_QTY[product.unit]
            quantities[product] = rng.randint(low, high)
        services.order_save(actor=actor, round=round, cooperative=cooperative, quantities=quantities)


def _month(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def seed(*, actor: User) -> list[tuple[str, str]]:
    """Create the network, suppliers, catalogue, prices, fees and two rounds; return the logins."""
    members = _members()
    if not members:
        return []
    members, pledged = members[:MEMBERS], members[MEMBERS:]
    today = timezone.localdate()
    now = timezone.now()
    rng = random.Random(2020)
    coordinator_org = members[0]
    network = Network.objects.filter(name=NETWORK).first()
    if network is None:
        network = network_services.network_create(
            actor=actor,
            name=NETWORK,
            kind=NetworkKind.BUYING,
            region_code=CITY,
            lead=coordinator_org,
            purpose="Jaringan Usaha Koperasi Kota Bandung: koperasi yang berkomitmen belanja bareng "
            "kebutuhan pokok dan barang konsumsi (diluncurkan Dinas KUMKM Kota Bandung, 2020).",
        )
        for cooperative in members:
            network_services.network_member_add(
                actor=actor, network=network, organization=cooperative, joined_on=LAUNCHED
            )
        for cooperative in pledged:
            network_services.network_member_pledge(
                actor=actor, network=network, organization=cooperative, pledged_on=LAUNCHED
            )
    coordinator = _person(actor, f"koordinator@{DOMAIN}", "Wawan Kurniawan", network.lead, Role.COORDINATOR)
    member_manager = _person(actor, f"pengurus.bandung@{DOMAIN}", "Neneng Rosita", members[1], Role.PENGURUS)
    products = _products(actor)
    suppliers = _price_lists(actor, products, today)

    last = today.replace(day=1) - dt.timedelta(days=1)
    closed_name = f"Belanja Bareng {_month(last)}"
    if not Round.objects.filter(network=network, name=closed_name).exists():
        closed = services.round_create(
            actor=actor,
            network=network,
            name=closed_name,
            opens_at=now - dt.timedelta(hours=1),
            closes_at=now + dt.timedelta(days=1),
            suppliers=suppliers,
            notes="Pengiriman minggu pertama bulan berikutnya; pembayaran saat barang diterima.",
        )
        services.round_open(actor=actor, round=closed)
        _orders(actor, closed, members, products, rng)
        services.round_close(actor=actor, round=closed)
        # The services only open rounds that close in the future: last month's round is dated
        # into its month once it has run, so the demo reads like history.
        opens = timezone.make_aware(dt.datetime(last.year, last.month, 1, 8))
        # Moving the round to last month moves its tally row too (the tally keys the closing month).
        change = tallies.TallyChange().watch(rounds=[closed.pk])
        Round.objects.filter(pk=closed.pk).update(
            opens_at=opens,
            opened_at=opens,
            closes_at=opens + dt.timedelta(days=10),
            closed_at=opens + dt.timedelta(days=10),
        )
        change.apply()
        closed.refresh_from_db()
        services.round_solve(actor=actor, round=closed)
        bulog = PurchaseOrder.objects.filter(round=closed, supplier__name=BULOG).first()
        if bulog is not None:
            services.purchase_order_send(actor=actor, purchase_order=bulog)

    open_name = f"Belanja Bareng {_month(today)}"
    if not Round.objects.filter(network=network, name=open_name).exists():
        current = services.round_create(
            actor=actor,
            network=network,
            name=open_name,
            opens_at=now - dt.timedelta(days=2),
            closes_at=now + dt.timedelta(days=5),
            suppliers=suppliers,
            notes="Pesan sebelum putaran ditutup. Makin banyak yang ikut, makin murah harganya.",
        )
        services.round_open(actor=actor, round=current)
        # Half the members have ordered; the demo member's cooperative has not yet.
        _orders(actor, current, [m for m in members[2::2]], products, rng)
    return [
        (coordinator.email, f"{Role.COORDINATOR.label}, {network.lead.name} ({NETWORK})"),
        (member_manager.email, f"{Role.PENGURUS.label}, {members[1].name} (anggota {NETWORK})"),
    ]
