"""The catalogue, a price list and the delivery fees name products and kecamatan the way people say
them; the codes stay in the downloadable sheets. Each page costs the same number of queries for one
row as for five."""

import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sinergi.purchasing import services

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    """What a reader sees: the page without its tags and attributes (a title attribute included)."""
    assert response.status_code == 200
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def extra_products(system, price_list, count):
    """`count` more products, each priced in `price_list` with two tiers."""
    start = price_list.items.count()
    for n in range(start, start + count):
        product = services.product_create(
            actor=system,
            code=f"teh-celup-{n}",
            name=f"Teh celup rasa {n}",
            category="lainnya",
            unit="kotak",
            pack_size=Decimal(25),
            content_unit="pcs",
            commodity="",
        )
        services.price_list_item_save(
            actor=system, price_list=price_list, product=product, tiers=[(1, 9000 + n), (50, 8500)]
        )


def test_catalogue_names_products_not_codes(as_user, supplier, price_lists):
    response = as_user(supplier).get(reverse("purchasing:catalogue"))
    text = page_text(response)
    assert "Beras medium 5 kg" in text
    assert "Gula pasir 1 kg" in text
    assert "beras-medium-5kg" not in text
    assert "gula-pasir-1kg" not in text
    # The code remains for the office as a hover hint.
    assert 'title="beras-medium-5kg"' in response.content.decode()


def test_price_list_names_products_not_codes(as_user, supplier, price_lists):
    text = page_text(
        as_user(supplier).get(reverse("purchasing:price_list_detail", args=[price_lists["bulog"].pk]))
    )
    assert "Beras medium 5 kg" in text
    assert "Gula pasir 1 kg" in text
    assert "beras-medium-5kg" not in text
    assert "gula-pasir-1kg" not in text


def test_delivery_fees_name_kecamatan_and_regencies_not_codes(as_user, system, supplier, bulog, price_lists):
    services.delivery_fees_set(actor=system, supplier=bulog, fees={"32.71.01": 75000})
    text = page_text(as_user(supplier).get(reverse("purchasing:delivery_fees") + "?region=32.73"))
    assert "Coblong" in text
    assert "32.73.02" not in text
    assert "32.73.05" not in text
    # The other regency the supplier serves is offered by name.
    assert "JUGA MELAYANI: KOTA BOGOR" in text.upper()
    assert "32.71" not in text


def test_catalogue_queries_do_not_grow_with_products(as_user, system, supplier, price_lists):
    client = as_user(supplier)
    path = reverse("purchasing:catalogue")
    extra_products(system, price_lists["bulog"], 1)
    one = queries(client, path)
    extra_products(system, price_lists["bulog"], 4)
    assert queries(client, path) == one


def test_price_list_queries_do_not_grow_with_items(as_user, system, supplier, price_lists):
    client = as_user(supplier)
    path = reverse("purchasing:price_list_detail", args=[price_lists["bulog"].pk])
    extra_products(system, price_lists["bulog"], 1)
    one = queries(client, path)
    extra_products(system, price_lists["bulog"], 4)
    assert queries(client, path) == one


def test_delivery_fee_queries_do_not_grow_with_regencies(as_user, system, supplier, bulog, price_lists):
    client = as_user(supplier)
    path = reverse("purchasing:delivery_fees") + "?region=32.73"
    services.delivery_fees_set(actor=system, supplier=bulog, fees={"32.71.01": 1000})
    one = queries(client, path)
    services.delivery_fees_set(
        actor=system,
        supplier=bulog,
        fees={"32.71.01": 1000, "32.72.01": 1000, "32.74.01": 1000, "32.75.01": 1000, "32.76.01": 1000},
    )
    assert queries(client, path) == one


def test_codes_stay_in_the_fee_sheet(as_user, supplier, price_lists):
    response = as_user(supplier).get(reverse("purchasing:delivery_fee_sheet"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {str(cell) for row in sheet.iter_rows(values_only=True) for cell in row}
    assert {"32.73.02", "32.73.05"} <= cells
