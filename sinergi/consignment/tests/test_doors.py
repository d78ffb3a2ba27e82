"""One rule, every door: a negative price is refused with the same reason through the service, the
API and the sheet import, and nothing changes."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sinergi.consignment import services
from sinergi.consignment.importers import sales_import
from sinergi.consignment.models import Sale, StockMovement

pytestmark = pytest.mark.django_db
REASON = "Harga tidak boleh negatif."


def test_negative_price_every_door(tmp_path, api, stocked, cashier, outlet, talas, today):
    moves = StockMovement.objects.count()
    with pytest.raises(ValidationError) as err:
        services.sale_record(
            actor=cashier,
            outlet=outlet,
            client_id="svc",
            paid_with="cash",
            lines=[services.LineIn(talas.pk, 1, Decimal(-15000))],
        )
    assert err.value.message_dict == {"lines": [REASON]}
    response = api(cashier).post(
        "/api/v1/market/sales",
        content_type="application/json",
        data=json.dumps(
            {
                "outlet": outlet.pk,
                "client_id": "api",
                "paid_with": "cash",
                "lines": [{"product": talas.pk, "qty": 1, "unit_price": "-15000"}],
            }
        ),
    )
    assert (response.status_code, response.json()["detail"]) == (400, REASON)
    sheet = tmp_path / "jual.csv"
    sheet.write_text(
        f"tanggal,produk,jumlah,harga\n{today.isoformat()},{talas.pk},1,-15000\n", encoding="utf-8"
    )
    report = sales_import(actor=cashier, outlet=outlet, path=sheet, dry_run=False)
    assert report.rejected == [(2, REASON)]
    assert Sale.objects.count() == 0
    assert StockMovement.objects.count() == moves
