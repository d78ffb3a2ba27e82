"""`sinergi market_settle`: exact JSON, and a second run makes nothing new."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from sinergi.consignment import services
from sinergi.consignment.models import Statement

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("market_settle", *args, stdout=out)
    return json.loads(out.getvalue())


def test_market_settle_json_idempotent(stocked, cashier, outlet, umkm_bogor, talas, today):
    end = today.replace(day=1) - dt.timedelta(days=1)
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="k1",
        paid_with="cash",
        sold_on=end,
        lines=[services.LineIn(talas.pk, 3)],
    )
    period = end.strftime("%Y-%m")
    first = run("--period", period, "--json")
    assert first == {
        "statements": [
            {
                "outlet": outlet.pk,
                "producer": umkm_bogor.pk,
                "sold_qty": 3,
                "gross": "45000",
                "outlet_margin": "9000",
                "producer_share": "36000",
            }
        ]
    }
    assert run("--period", period, "--outlet", str(outlet.pk), "--json") == first
    assert Statement.objects.count() == 1


def test_market_settle_bad_period(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("market_settle", "--period", "2026-13", stdout=StringIO())


def test_stock_verify_and_repair(stocked, outlet, talas):
    from django.core.management.base import CommandError

    from sinergi.consignment.models import StockBalance

    out = StringIO()
    call_command("market_stock_verify", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"differences": [], "repaired": False}
    StockBalance.objects.filter(outlet=outlet, product=talas).update(on_hand=3)
    with pytest.raises(CommandError):
        call_command("market_stock_verify", "--json", stdout=StringIO())
    out = StringIO()
    call_command("market_stock_verify", "--repair", "--json", stdout=out)
    assert json.loads(out.getvalue())["differences"] == [
        {"outlet": outlet.pk, "product": talas.pk, "balance": 3, "movements": 10}
    ]
    assert StockBalance.objects.get(outlet=outlet, product=talas).on_hand == 10
