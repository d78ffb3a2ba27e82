"""The consignment part of the demo world: the PKPRI Kota Bogor minimarket and a corner in Bogor
Trade Mall take published products of Kota Bogor's UMKM on consignment, with a month and a bit of
sales (deterministic) and last month settled, approved and paid.

Needs the accounts demo (the mall and its `gerai@` login), the registry demo (PKPRI Kota Bogor)
and the market demo (published products). Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from sinergi.accounts.demo import DOMAIN, demo_user
from sinergi.accounts.models import Membership, Organization, OrganizationKind, Role
from sinergi.consignment import services
from sinergi.consignment.models import Agreement, Outlet, StatementStatus
from sinergi.market.models import Product, ProductStatus

PKPRI = "PKPRI Kota Bogor"
MALL = "Mal Bogor Trade Mall (BTM)"
CITY = "32.71"


def _outlet(actor, organization, name, kind, address) -> Outlet:
    outlet = Outlet.objects.filter(organization=organization, name=name).first()
    if outlet is None:
        outlet = services.outlet_create(
            actor=actor,
            organization=organization,
            name=name,
            kind=kind,
            region_code=organization.region_id,
            address=address,
        )
    return outlet


def _staff(actor, organization) -> str:
    """The outlet login of the minimarket (the mall's `gerai@` comes from the accounts demo)."""
    from sinergi.accounts.services import membership_add

    email = f"gerai.pkpri@{DOMAIN}"
    user = demo_user(email, "Yuni Kartika")
    if not Membership.objects.filter(user=user, organization=organization).exists():
        membership_add(actor=actor, organization=organization, user=user, role=Role.OUTLET)
    return email


def _producers() -> dict[int, list[Product]]:
    products = Product.objects.filter(
        status=ProductStatus.PUBLISHED, region_code__startswith=CITY + "."
    ).order_by("business_id", "pk")
    found: dict[int, list[Product]] = {}
    for product in products:
        found.setdefault(product.business_id, []).append(product)
    return found


def _agree(actor, outlet, producer_id, products, rng, today, fixed: bool) -> Agreement:
    agreement = Agreement.objects.filter(outlet=outlet, producer_id=producer_id).first()
    if agreement is not None:
        return agreement
    producer = Organization.objects.get(pk=producer_id)
    items = []
    for p in products[:4]:
        if fixed:
            items.append(
                services.ItemTerms(p.pk, p.price, (p.price * Decimal("0.8") / 500).quantize(Decimal(1)) * 500)
            )
        else:
            items.append(services.ItemTerms(p.pk, p.price))
    agreement = services.agreement_create(
        actor=actor,
        outlet=outlet,
        producer=producer,
        price_model="fixed" if fixed else "commission",
        commission_pct=Decimal(rng.choice([15, 17.5, 20])),
        items=items,
        period="monthly",
        return_rules="Barang tidak laku dapat ditarik produsen; barang rusak karena penyimpanan ditanggung gerai.",
        return_max_days=14,
        starts_on=today - dt.timedelta(days=75),
        activate=True,
    )
    start = today - dt.timedelta(days=70)
    services.delivery_receive(
        actor=actor,
        agreement=agreement,
        received_on=start,
        lines=[
            services.DeliveryLine(
                i.product_id, rng.randint(40, 90), start + dt.timedelta(days=rng.choice([80, 120, 180]))
            )
            for i in items
        ],
    )
    return agreement


def _sell(actor, outlet, agreements, rng, first: dt.date, last: dt.date) -> None:
    items = [(i.product_id, i.retail_price) for a in agreements for i in a.items.all()]
    if not items:
        return
    day = first
    while day <= last:
        for n in range(rng.randint(2, 6)):
            picked = rng.sample(items, k=min(len(items), rng.choice([1, 1, 2])))
            method = rng.choice(["cash", "cash", "qris", "transfer"])
            reference = f"TRF{day:%m%d}{n:02d}" if method == "transfer" else ""
            try:
                services.sale_record(
                    actor=actor,
                    outlet=outlet,
                    client_id=f"demo-{outlet.pk}-{day:%Y%m%d}-{n}",
                    lines=[services.LineIn(pid, rng.randint(1, 3)) for pid, _price in picked],
                    paid_with=method,
                    reference=reference,
                    sold_on=day,
                )
            except services.InsufficientStock:
                continue
        day += dt.timedelta(days=1)


def seed(*, actor, today: dt.date | None = None) -> list[tuple[str, str]]:
    """Create the outlets, agreements, stock, sales and last month's paid statements; return the
    demo logins with what waits for each."""
    today = today or timezone.localdate()
    pkpri = Organization.objects.filter(kind=OrganizationKind.COOPERATIVE, name=PKPRI).first()
    mall = Organization.objects.filter(name=MALL).first()
    producers = _producers()
    if pkpri is None or mall is None or not producers:
        return []
    rng = random.Random(3271)
    minimarket = _outlet(actor, pkpri, "Minimarket PKPRI Kota Bogor", "minimarket", "Jl. Paledang No. 12")
    corner = _outlet(
        actor, mall, "Pojok UMKM Bogor Trade Mall", "mall_corner", "Jl. Ir. H. Juanda No. 68, lantai 2"
    )
    logins = [(_staff(actor, pkpri), f"Staf gerai, {minimarket.name}: jual, terima barang, laporan")]
    logins.append((f"gerai@{DOMAIN}", f"Staf gerai, {corner.name}: jual, stan dan daftar tunggu"))

    ids = sorted(producers)
    shop_agreements = [
        _agree(actor, minimarket, pid, producers[pid], rng, today, fixed=False) for pid in ids[:6]
    ]
    corner_agreements = [
        _agree(actor, corner, pid, producers[pid], rng, today, fixed=True) for pid in ids[:3]
    ]

    if not corner.spaces.exists():
        spaces = [
            services.space_create(actor=actor, outlet=corner, label=label)
            for label in ("Stan A1", "Stan A2", "Rak B1")
        ]
        month_start = today.replace(day=1)
        for space, pid in zip(spaces, ids[:3], strict=False):
            services.space_allocate(
                actor=actor,
                space=space,
                business=Organization.objects.get(pk=pid),
                starts_on=month_start,
                ends_on=month_start + dt.timedelta(days=89),
            )
        for pid in ids[3:5]:
            services.waiting_add(
                actor=actor,
                outlet=corner,
                business=Organization.objects.get(pk=pid),
                requested_on=today - dt.timedelta(days=rng.randint(3, 20)),
                note="Menunggu stan kosong.",
            )

    last_month_end = today.replace(day=1) - dt.timedelta(days=1)
    first = last_month_end.replace(day=1)
    yesterday = today - dt.timedelta(days=1)
    _sell(actor, minimarket, shop_agreements, rng, first, yesterday)
    _sell(actor, corner, corner_agreements, rng, first, yesterday)

    for statement in services.month_settle(actor=actor, year=last_month_end.year, month=last_month_end.month):
        if statement.status == StatementStatus.DRAFT:
            statement = services.statement_approve(actor=actor, statement=statement)
        if statement.status == StatementStatus.APPROVED:
            services.statement_pay(
                actor=actor,
                statement=statement,
                paid_on=today - dt.timedelta(days=rng.randint(1, 4)),
                paid_with="transfer",
                reference=f"BJB-{statement.pk:05d}",
            )
    return logins
