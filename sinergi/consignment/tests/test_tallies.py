"""The sales tally: kept by every sale, equal to a recount, repaired when it drifts; the panel."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from sinergi.consignment import services, tallies
from sinergi.consignment.models import SaleTally
from sinergi.consignment.selectors_tallies import consignment_panel

pytestmark = pytest.mark.django_db


def test_tally_panel_and_repair(
    stocked, cashier, officer_bogor, officer_bandung, outlet, talas, sambal, today
):
    services.sale_record(
        actor=cashier, outlet=outlet, client_id="1", paid_with="cash", lines=[services.LineIn(talas.pk, 2)]
    )
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="2",
        paid_with="qris",
        lines=[services.LineIn(talas.pk, 1), services.LineIn(sambal.pk, 1)],
    )
    assert tallies.differences() == []
    panel = consignment_panel(user=officer_bogor, region="32.71")
    assert (panel["sales"], panel["qty"], panel["gross"], panel["producers"]) == (2, 4, Decimal(72500), 1)
    assert [(p["place"], p["name"], p["count"]) for p in panel["places"]] == [("32.71.03", "Bogor Tengah", 2)]
    html = render_to_string("consignment/_insights_panel.html", {"consignment": panel})
    assert "Rp72.500" in html and "Bogor Tengah" in html
    assert consignment_panel(user=officer_bandung, region="")["sales"] == 0
    assert consignment_panel(user=officer_bandung, region="")["producers"] == 0

    SaleTally.objects.filter(layer=0).update(count=5)
    found = tallies.differences()
    assert [(d.key, d.stored, d.counted) for d in found] == [
        (("32.71.03.1002", today.strftime("%Y-%m")), (5, 4, Decimal(72500)), (2, 4, Decimal(72500)))
    ]
    assert tallies.describe(found[0])[0].startswith(
        f"Penjualan titip di 32.71.03.1002, {today:%Y-%m}: tercatat 5"
    )
    tallies.repair()
    assert tallies.differences() == []
