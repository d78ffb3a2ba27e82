import datetime as dt

import pytest
from django.utils import timezone

from sinergi.market import services, tallies
from sinergi.market.models import ProducerTally, ProductTally
from sinergi.market.selectors_tallies import catalogue_panel, product_tally
from sinergi.market.tests.factories import product, published

pytestmark = pytest.mark.django_db


def test_tally_follows_every_write_and_recount_equals_kept(umkm_owner, officer_bogor, umkm_bogor, system):
    a = published(umkm_owner, officer_bogor, umkm_bogor, name="Keripik Talas")
    b = product(umkm_owner, umkm_bogor, name="Kopi Bubuk", category="minuman")
    services.product_submit(actor=umkm_owner, product=b)
    c = product(umkm_owner, umkm_bogor, name="Tas Anyaman", category="kerajinan")
    today = timezone.localdate()
    services.legality_save(
        actor=umkm_owner, product=c, kind="pirt", number="1-2", expires_on=today + dt.timedelta(days=5)
    )
    services.legality_check(actor=system, today=today + dt.timedelta(days=6))
    assert tallies.differences() == []
    rows = product_tally(region="32.71.06", by=("category", "status", "legality"))
    assert sorted((r["category"], r["status"], r["legality"], r["count"]) for r in rows if r["count"]) == [
        ("kerajinan", "draft", "expired", 1),
        ("makanan", "published", "none", 1),
        ("minuman", "submitted", "none", 1),
    ]
    assert catalogue_panel(region="32.71") == {"published": 1, "producers": 1, "waiting": 1, "expired": 1}
    services.product_return(actor=officer_bogor, product=a, note="Perbaiki foto.")
    assert catalogue_panel(region="32.71") == {"published": 0, "producers": 0, "waiting": 1, "expired": 1}
    assert tallies.differences() == []


def test_panel_is_scoped_to_the_users_jurisdiction(umkm_owner, officer_bogor, officer_bandung, umkm_bogor):
    published(umkm_owner, officer_bogor, umkm_bogor)
    assert catalogue_panel(user=officer_bogor)["published"] == 1
    assert catalogue_panel(user=officer_bandung) == {
        "published": 0,
        "producers": 0,
        "waiting": 0,
        "expired": 0,
    }


def test_differences_repair_and_describe(umkm_owner, officer_bogor, umkm_bogor):
    published(umkm_owner, officer_bogor, umkm_bogor)
    ProductTally.objects.filter(layer=0, status="published").update(count=5)
    ProducerTally.objects.all().delete()
    found = tallies.differences()
    assert len(found) == 5  # the village row of products, and the producer rows of four levels
    lines = [line for item in found for line in tallies.describe(item)]
    assert "Produk di 32.71.06.1003, Makanan, Tayang, Belum ada izin: tercatat 5, dihitung 1" in lines
    assert "UMKM dengan produk tayang di 32.71: tercatat 0, dihitung 1" in lines
    tallies.repair(found)
    assert tallies.differences() == []
    tallies.rebuild()
    assert tallies.differences() == []
