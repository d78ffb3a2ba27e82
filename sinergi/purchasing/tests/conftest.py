"""The Belanja Bareng test world, built through the services.

Two suppliers, three products, the JUK Kota Bandung network with two member cooperatives, and a
round in each state. The numbers are small enough to check by hand:

    Bulog        beras-medium-5kg  1+: 68.000  100+: 65.000   gula-pasir-1kg 1+: 17.000  200+: 16.500
                 delivers to 32.73.02 and 32.73.05 for 100.000
    Nusantara    beras-medium-5kg  1+: 69.000                 minyak-goreng-2l 1+: 36.000  50+: 35.000
                 delivers to 32.73.02 only, for 50.000
    Mekar Sari (32.73.02) orders beras 60, minyak 30;  Cahaya (32.73.05) orders beras 50, gula 10.

Alone, Mekar Sari buys everything from Nusantara (4.140.000 + 1.080.000 + 50.000 = 5.270.000)
and Cahaya from Bulog (3.400.000 + 170.000 + 100.000 = 3.670.000): 8.940.000. Pooled, the 110
sacks of rice reach Bulog's 100+ tier: 7.150.000 + 170.000 + 1.080.000 + 100.000 + 100.000 +
50.000 = 8.650.000, a saving of 290.000.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import Workbook

from sinergi.accounts.services import system_user
from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from sinergi.purchasing import services
from sinergi.purchasing.models import Product
from sinergi.registry.services import networks as network_services

ALONE_TOTAL = 8_940_000
POOLED_TOTAL = 8_650_000


@pytest.fixture
def system(db):
    return system_user()


@pytest.fixture
def bulog(supplier):
    """The supplier persona's company."""
    return supplier.memberships.get().organization


@pytest.fixture
def nusantara(db):
    return OrganizationFactory(
        kind="company",
        name="PT Pangan Nusantara",
        region_id="32.73.08.1001",
        email="pesanan@pangan-nusantara.test",
        phone="081322223333",
    )


@pytest.fixture
def nusantara_staff(nusantara):
    return MembershipFactory(
        user=UserFactory(email="pemasok.nusantara@sinergi.test", full_name="Rudi Hartono"),
        organization=nusantara,
        role="supplier",
    ).user


@pytest.fixture
def products(system):
    def make(code, name, category, unit, pack, content, commodity=""):
        return services.product_create(
            actor=system,
            code=code,
            name=name,
            category=category,
            unit=unit,
            pack_size=pack,
            content_unit=content,
            commodity=commodity,
        )

    return {
        "beras": make(
            "beras-medium-5kg", "Beras medium 5 kg", "beras", "karung", Decimal(5), "kg", "beras_medium"
        ),
        "gula": make("gula-pasir-1kg", "Gula pasir 1 kg", "gula", "bungkus", Decimal(1), "kg", "gula"),
        "minyak": make("minyak-goreng-2l", "Minyak goreng 2 liter", "minyak", "pouch", Decimal(2), "liter"),
    }


@pytest.fixture
def price_lists(system, bulog, nusantara, products):
    start = timezone.localdate() - dt.timedelta(days=30)
    bulog_list = services.price_list_create(
        actor=system, supplier=bulog, name="Harga November", valid_from=start
    )
    services.price_list_item_save(
        actor=system, price_list=bulog_list, product=products["beras"], tiers=[(1, 68000), (100, 65000)]
    )
    services.price_list_item_save(
        actor=system, price_list=bulog_list, product=products["gula"], tiers=[(1, 17000), (200, 16500)]
    )
    other = services.price_list_create(
        actor=system, supplier=nusantara, name="Harga grosir", valid_from=start
    )
    services.price_list_item_save(
        actor=system, price_list=other, product=products["beras"], tiers=[(1, 69000)]
    )
    services.price_list_item_save(
        actor=system, price_list=other, product=products["minyak"], tiers=[(1, 36000), (50, 35000)]
    )
    services.delivery_fees_set(actor=system, supplier=bulog, fees={"32.73.02": 100000, "32.73.05": 100000})
    services.delivery_fees_set(actor=system, supplier=nusantara, fees={"32.73.02": 50000})
    return {"bulog": bulog_list, "nusantara": other}


@pytest.fixture
def juk_coordinator_org(db):
    return OrganizationFactory(
        kind="cooperative", name="Koperasi Sekunder JUK Bandung", region_id="32.73.19.1003"
    )


@pytest.fixture
def coordinator(juk_coordinator_org):
    return MembershipFactory(
        user=UserFactory(email="koordinator@sinergi.test", full_name="Wawan Kurniawan"),
        organization=juk_coordinator_org,
        role="coordinator",
    ).user


@pytest.fixture
def cooperative_cahaya(db):
    return OrganizationFactory(kind="cooperative", name="Koperasi Cahaya", region_id="32.73.05.1003")


@pytest.fixture
def bandung_manager(cooperative_bandung):
    """Pengurus of Koperasi Mekar Sari (Kota Bandung, kecamatan Coblong 32.73.02)."""
    return MembershipFactory(
        user=UserFactory(email="pengurus.bandung@sinergi.test", full_name="Neneng Rosita"),
        organization=cooperative_bandung,
        role="pengurus",
    ).user


@pytest.fixture
def cahaya_manager(cooperative_cahaya):
    return MembershipFactory(
        user=UserFactory(email="pengurus.cahaya@sinergi.test", full_name="Iis Suryani"),
        organization=cooperative_cahaya,
        role="pengurus",
    ).user


@pytest.fixture
def network(system, juk_coordinator_org, coordinator, cooperative_bandung, cooperative_cahaya):
    juk = network_services.network_create(
        actor=system, name="JUK Kota Bandung", region_code="32.73", lead=juk_coordinator_org
    )
    network_services.network_member_add(actor=system, network=juk, organization=cooperative_bandung)
    network_services.network_member_add(actor=system, network=juk, organization=cooperative_cahaya)
    return juk


@pytest.fixture
def draft_round(system, network, price_lists, bulog, nusantara):
    now = timezone.now()
    return services.round_create(
        actor=system,
        network=network,
        name="Belanja Bareng Desember",
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=3),
        suppliers=[bulog, nusantara],
    )


@pytest.fixture
def open_round(system, draft_round):
    return services.round_open(actor=system, round=draft_round)


def order(actor, round, cooperative, **quantities):
    codes = Product.objects.in_bulk(list(quantities), field_name="code")
    return services.order_save(
        actor=actor,
        round=round,
        cooperative=cooperative,
        quantities={codes[c]: q for c, q in quantities.items()},
    )


@pytest.fixture
def ordered_round(system, open_round, cooperative_bandung, cooperative_cahaya):
    order(system, open_round, cooperative_bandung, **{"beras-medium-5kg": 60, "minyak-goreng-2l": 30})
    order(system, open_round, cooperative_cahaya, **{"beras-medium-5kg": 50, "gula-pasir-1kg": 10})
    return open_round


@pytest.fixture
def closed_round(system, ordered_round):
    return services.round_close(actor=system, round=ordered_round)


@pytest.fixture
def optimised_round(system, closed_round):
    services.round_solve(actor=system, round=closed_round)
    closed_round.refresh_from_db()
    return closed_round


@pytest.fixture
def write_xlsx(tmp_path):
    """write_xlsx(header, rows, name) → the path of a one-sheet workbook holding them."""

    def write(header, rows, name="lembar.xlsx"):
        workbook = Workbook()
        workbook.active.append(header)
        for row in rows:
            workbook.active.append(row)
        path = tmp_path / name
        workbook.save(path)
        return path

    return write
