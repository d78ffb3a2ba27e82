"""The tally follows every write and agrees with a recount; the panel reads it."""

import pytest

from sinergi.assistance import services, tallies
from sinergi.assistance.selectors_tallies import assistance_panel

pytestmark = pytest.mark.django_db


def test_tally_matches_recount_and_panel(
    apply, shops, etalase, freezer, programme, coop_manager, officer_bogor, officer_bandung
):
    from sinergi.assistance.tests.factories import warung

    apply(shops[0], etalase)
    apply(shops[1], freezer)
    apply(shops[2], etalase)
    apply(warung("Toko Menengah", nik="3271064107850066", scale="menengah"), etalase)
    services.applications_close(actor=coop_manager, programme=programme)
    services.selection_run(actor=coop_manager, programme=programme)
    assert tallies.differences() == []
    year = programme.opens_on.year
    assert assistance_panel(user=officer_bogor, region="32.71", year=year) == {
        "year": year, "applied": 4, "eligible": 3, "selected": 3, "handed_over": 0,
    }  # fmt: skip
    assert assistance_panel(user=officer_bandung, region="", year=year)["applied"] == 0
    from sinergi.assistance.models import ApplicationTally

    ApplicationTally.objects.filter(layer=0, status="selected").update(count=9)
    found = tallies.differences()
    assert tallies.describe(found[0])[0].endswith("tercatat 9, dihitung 1")
    tallies.repair(found)
    assert tallies.differences() == []
