"""Catalogue services: products, price lists, tiers and delivery fees — every rule and denial."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from sinergi.core.models import AuditEvent
from sinergi.purchasing import optimizer, services
from sinergi.purchasing.models import DeliveryFee, PriceList, PriceTier, Product

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 1)


def tiers_of(item):
    return [(t.min_qty, t.unit_price) for t in item.tiers.order_by("min_qty")]


# --- products --------------------------------------------------------------------------------


def test_supplier_adds_a_product(supplier):
    product = services.product_create(
        actor=supplier,
        code=" Beras-Premium-5kg ",
        name="Beras premium 5 kg",
        category="beras",
        unit="Karung",
        pack_size=Decimal("5"),
        content_unit="kg",
        commodity="beras_premium",
    )
    assert (product.code, product.unit, product.pack_size) == ("beras-premium-5kg", "karung", Decimal(5))
    event = AuditEvent.objects.get(action="purchasing.product.create")
    assert event.after["code"] == "beras-premium-5kg"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "beras 5kg"}, "code"),
        ({"name": " "}, "name"),
        ({"category": "emas"}, "category"),
        ({"unit": ""}, "unit"),
        ({"pack_size": "0"}, "pack_size"),
        ({"pack_size": "1.2345"}, "pack_size"),
        ({"content_unit": "ton"}, "content_unit"),
        ({"commodity": "kopi"}, "commodity"),
    ],
)
def test_product_fields_are_checked(supplier, changes, field):
    values = {
        "code": "gula-1kg",
        "name": "Gula 1 kg",
        "category": "gula",
        "unit": "bungkus",
        "pack_size": Decimal(1),
        "content_unit": "kg",
        "commodity": "gula",
    } | changes
    with pytest.raises(ValidationError) as info:
        services.product_create(actor=supplier, **values)
    assert field in info.value.error_dict
    assert not Product.objects.exists()


def test_product_codes_are_unique(supplier, products):
    with pytest.raises(ValidationError) as info:
        services.product_create(
            actor=supplier,
            code="gula-pasir-1kg",
            name="Lain",
            category="gula",
            unit="pak",
            pack_size=Decimal(1),
            content_unit="kg",
        )
    assert "code" in info.value.error_dict
    assert Product.objects.get(code="gula-pasir-1kg").name == "Gula pasir 1 kg"


def test_members_and_umkm_cannot_add_products(coop_manager, umkm_owner):
    for user in (coop_manager, umkm_owner):
        with pytest.raises(PermissionDenied):
            services.product_create(
                actor=user,
                code="x",
                name="X",
                category="gula",
                unit="pak",
                pack_size=Decimal(1),
                content_unit="kg",
            )
    assert not Product.objects.exists()


def test_only_offices_correct_a_shared_product(officer_bandung, supplier, products):
    with pytest.raises(PermissionDenied):
        services.product_update(actor=supplier, product=products["beras"], pack_size=Decimal(10))
    assert Product.objects.get(code="beras-medium-5kg").pack_size == Decimal(5)
    services.product_update(actor=officer_bandung, product=products["beras"], name="Beras medium karung 5 kg")
    assert Product.objects.get(code="beras-medium-5kg").name == "Beras medium karung 5 kg"
    event = AuditEvent.objects.get(action="purchasing.product.update")
    assert event.before == {"name": "Beras medium 5 kg"}
    with pytest.raises(ValidationError):
        services.product_update(actor=officer_bandung, product=products["beras"], code="lain")


# --- price lists and tiers -------------------------------------------------------------------


def test_supplier_creates_and_updates_its_price_list(supplier, bulog):
    price_list = services.price_list_create(
        actor=supplier, supplier=bulog, name="Harga Desember", valid_from=TODAY
    )
    services.price_list_update(
        actor=supplier,
        price_list=price_list,
        name="Harga Desember",
        valid_from=TODAY,
        valid_until=dt.date(2026, 12, 31),
    )
    price_list.refresh_from_db()
    assert price_list.valid_until == dt.date(2026, 12, 31)
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="purchasing.").order_by("id")] == [
        "purchasing.price_list.create",
        "purchasing.price_list.update",
    ]


def test_another_supplier_cannot_touch_the_list(nusantara_staff, bulog, price_lists, products):
    price_list = price_lists["bulog"]
    with pytest.raises(PermissionDenied):
        services.price_list_create(actor=nusantara_staff, supplier=bulog, name="Palsu", valid_from=TODAY)
    with pytest.raises(PermissionDenied):
        services.price_list_update(
            actor=nusantara_staff, price_list=price_list, name="Palsu", valid_from=TODAY, valid_until=None
        )
    with pytest.raises(PermissionDenied):
        services.price_list_item_save(
            actor=nusantara_staff, price_list=price_list, product=products["beras"], tiers=[(1, 1000)]
        )
    with pytest.raises(PermissionDenied):
        services.price_list_item_remove(actor=nusantara_staff, item=price_list.items.first())
    price_list.refresh_from_db()
    assert price_list.name == "Harga November"
    assert tiers_of(price_list.items.get(product=products["beras"])) == [(1, 68000), (100, 65000)]


def test_validity_must_not_end_before_it_starts(supplier, bulog):
    with pytest.raises(ValidationError) as info:
        services.price_list_create(
            actor=supplier,
            supplier=bulog,
            name="Harga",
            valid_from=TODAY,
            valid_until=TODAY - dt.timedelta(days=1),
        )
    assert "valid_until" in info.value.error_dict
    assert not PriceList.objects.exists()


def test_item_save_reports_created_updated_unchanged(supplier, price_lists, products):
    price_list = price_lists["bulog"]
    item, outcome = services.price_list_item_save(
        actor=supplier,
        price_list=price_list,
        product=products["minyak"],
        tiers=[(1, "Rp 36.500"), ("50", 35500)],
    )
    assert outcome == "created"
    assert tiers_of(item) == [(1, Decimal(36500)), (50, Decimal(35500))]
    assert (
        services.price_list_item_save(
            actor=supplier, price_list=price_list, product=products["minyak"], tiers=[(1, 36500), (50, 35500)]
        )[1]
        == "unchanged"
    )
    assert (
        services.price_list_item_save(
            actor=supplier, price_list=price_list, product=products["minyak"], tiers=[(1, 36000)]
        )[1]
        == "updated"
    )
    assert tiers_of(item) == [(1, Decimal(36000))]
    events = AuditEvent.objects.filter(action="purchasing.price_item.save", object_id=str(item.pk)).order_by(
        "id"
    )
    assert [e.before for e in events] == [None, {"tiers": [[1, "36500"], [50, "35500"]]}]


@pytest.mark.parametrize(
    ("tiers", "message"),
    [
        ([], "Isi paling sedikit satu jenjang harga."),
        ([(2, 68000)], "Jenjang pertama harus mulai dari jumlah 1, bukan 2."),
        ([(1, 68000), (1, 67000)], "Jenjang 2: jumlah minimum 1 harus lebih besar dari 1."),
        (
            [(1, 68000), (100, 68500)],
            "Jenjang 2: harga 68500 naik dari 68000; harga tidak boleh naik dengan jumlah.",
        ),
        ([(1, 0)], "Jenjang 1: harga harus rupiah bulat lebih dari nol."),
        ([(1, "68.000,50")], "Jenjang 1: harga harus rupiah bulat lebih dari nol."),
        ([(1, "enam puluh")], "Jenjang 1: harga harus rupiah bulat lebih dari nol."),
        ([(0, 68000)], "Jenjang 1: jumlah minimum harus bilangan bulat 1 atau lebih."),
        ([(1.5, 68000)], "Jenjang 1: jumlah minimum harus bilangan bulat 1 atau lebih."),
        ([(i + 1, 1000) for i in range(11)], "Paling banyak 10 jenjang harga."),
    ],
)
def test_tier_rules(supplier, price_lists, products, tiers, message):
    price_list = price_lists["bulog"]
    with pytest.raises(ValidationError) as info:
        services.price_list_item_save(
            actor=supplier, price_list=price_list, product=products["beras"], tiers=tiers
        )
    assert message in info.value.error_dict["tiers"][0].messages
    assert tiers_of(price_list.items.get(product=products["beras"])) == [(1, 68000), (100, 65000)]


def test_inactive_products_are_not_priced(supplier, price_lists, products):
    Product.objects.filter(pk=products["minyak"].pk).update(is_active=False)
    products["minyak"].refresh_from_db()
    with pytest.raises(ValidationError):
        services.price_list_item_save(
            actor=supplier, price_list=price_lists["bulog"], product=products["minyak"], tiers=[(1, 36000)]
        )
    assert not price_lists["bulog"].items.filter(product=products["minyak"]).exists()


def test_item_remove(supplier, price_lists, products):
    item = price_lists["bulog"].items.get(product=products["gula"])
    services.price_list_item_remove(actor=supplier, item=item)
    assert not PriceTier.objects.filter(item_id=item.pk).exists()
    event = AuditEvent.objects.get(action="purchasing.price_item.remove")
    assert event.before == {"product": "gula-pasir-1kg", "tiers": [[1, "17000"], [200, "16500"]]}


tier_lists = st.lists(
    st.tuples(st.integers(min_value=-2, max_value=400), st.integers(min_value=-5, max_value=90_000)),
    min_size=1,
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(tiers=tier_lists)
def test_tier_rules_agree_with_the_optimiser(tiers):
    """A schedule the services accept is one the optimiser accepts, and the other way round."""
    ours = services.tier_problems([(q, Decimal(p)) for q, p in tiers])
    instance = optimizer.Instance(
        suppliers=(optimizer.Supplier("s", {"d": 0}),),
        offers=(optimizer.Offer("s", "p", tuple(optimizer.Tier(q, p) for q, p in tiers)),),
        orders=(optimizer.OrderLine("b", "d", "p", 1),),
    )
    try:
        optimizer.solve(instance, time_limit=5)
        theirs = []
    except optimizer.InstanceError as exc:
        theirs = exc.details
    assert bool(ours) == bool(theirs)


# --- delivery fees ---------------------------------------------------------------------------


def test_delivery_fees_add_change_remove(supplier, bulog):
    assert services.delivery_fees_set(
        actor=supplier, supplier=bulog, fees={"32.73.01": "75.000", "32.73.02": 0}
    ) == {"added": 2, "changed": 0, "removed": 0}
    counts = services.delivery_fees_set(
        actor=supplier, supplier=bulog, fees={"32.73.01": 80000, "32.73.02": ""}
    )
    assert counts == {"added": 0, "changed": 1, "removed": 1}
    assert dict(DeliveryFee.objects.values_list("district_id", "fee")) == {"32.73.01": Decimal(80000)}
    assert services.delivery_fees_set(actor=supplier, supplier=bulog, fees={"32.73.01": 80000}) == {
        "added": 0,
        "changed": 0,
        "removed": 0,
    }
    events = AuditEvent.objects.filter(action="purchasing.delivery_fees.set").order_by("id")
    assert [e.after for e in events] == [{"32.73.01": "75000", "32.73.02": "0"}, {"32.73.01": "80000"}]


@pytest.mark.parametrize(
    "fees",
    [{"32.73.01": -1}, {"32.73.01": "gratis"}, {"32.73.01": "1500,5"}, {"32.73": 1000}, {"99.99.99": 1000}],
)
def test_delivery_fee_errors_change_nothing(supplier, bulog, fees):
    services.delivery_fees_set(actor=supplier, supplier=bulog, fees={"32.73.05": 50000})
    with pytest.raises(ValidationError):
        services.delivery_fees_set(actor=supplier, supplier=bulog, fees={"32.73.05": 1, **fees})
    assert dict(DeliveryFee.objects.values_list("district_id", "fee")) == {"32.73.05": Decimal(50000)}


def test_another_supplier_cannot_set_fees(nusantara_staff, bulog):
    with pytest.raises(PermissionDenied):
        services.delivery_fees_set(actor=nusantara_staff, supplier=bulog, fees={"32.73.01": 1})
    assert not DeliveryFee.objects.exists()
