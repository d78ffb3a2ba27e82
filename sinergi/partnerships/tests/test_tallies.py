"""The tallies follow every write; the panel reads them per region."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from sinergi.partnerships import services, tallies
from sinergi.partnerships.selectors_tallies import agreement_tally, partnerships_panel

pytestmark = pytest.mark.django_db


def test_tallies_follow_the_writes_and_the_panel_reads_them(officer_kab, active, officer_bandung, today):
    services.obligation_add(
        actor=officer_kab, agreement=active, party=active.parties.first(), measure="evidence",
        description="Pendampingan", target=Decimal(2), due_on=today,
    )  # fmt: skip
    late = services.obligation_add(
        actor=officer_kab, agreement=active, party=active.parties.first(), measure="evidence",
        description="Terlambat", target=Decimal(1), due_on=today - dt.timedelta(days=3),
    )  # fmt: skip
    services.progress_add(
        actor=officer_kab, obligation=late, recorded_on=today, amount=Decimal(1), note="Bukti"
    )
    assert tallies.differences() == []
    rows = agreement_tally(region="32.01", by=("status", "scope"))
    assert {(r["status"], r["scope"]): r["count"] for r in rows if r["count"]} == {
        ("active", ""): 1, ("active", "capital"): 1, ("active", "capacity"): 1,
        ("active", "distribution"): 1, ("active", "marketing"): 1,
    }  # fmt: skip
    panel = partnerships_panel(user=officer_kab, region="32.01")
    assert (panel["active"], panel["agreements"], panel["met"], panel["obligations"]) == (1, 1, 1, 2)
    assert [(r["place"], r["name"]) for r in panel["rows"]] == [("32.01.01", "Cibinong")]
    assert partnerships_panel(user=officer_bandung, region="")["agreements"] == 0
    html = render_to_string("partnerships/_insights_panel.html", {"partnerships": panel})
    assert "Cibinong" in html
    assert "1 / 2" in html


def test_repair_rewrites_what_differs(active):
    from sinergi.partnerships.models import AgreementTally

    AgreementTally.objects.filter(layer=0, scope="").update(count=5)
    found = tallies.differences()
    assert len(found) >= 1
    lines = tallies.describe(found[0])
    assert lines[0].startswith("Perjanjian kerja sama di ")
    tallies.repair(found)
    assert tallies.differences() == []
