"""The clinic tally follows every state change and agrees with a recount."""

import pytest

from sinergi.clinic import services, tallies
from sinergi.clinic.selectors_tallies import case_tally, clinic_panel
from sinergi.clinic.tests.factories import assessed

pytestmark = pytest.mark.django_db


def test_tally_follows_the_loop(
    officer_bogor,
    officer_bandung,
    coop_manager,
    umkm_owner,
    umkm_bogor,
    business,
    following,
    coop_profile,
    this_year,
):
    services.case_request(actor=umkm_owner, participant=umkm_bogor)
    assert tallies.differences() == []
    assert clinic_panel(user=officer_bogor, region="32.71", year=this_year) == {
        "participants": 1, "closed": 0, "good": 0, "improved": 0, "unchanged": 0, "worse": 0,
        "year": this_year, "target_participants": 30, "target_good": 10,
    }  # fmt: skip
    assessed(coop_profile, year=this_year - 1, predicate="cukup_sehat", total="70.00")
    services.case_close(actor=officer_bogor, case=following)
    assert tallies.differences() == []
    assert clinic_panel(user=officer_bogor, region="32.71", year=this_year) == {
        "participants": 1, "closed": 1, "good": 1, "improved": 1, "unchanged": 0, "worse": 0,
        "year": this_year, "target_participants": 30, "target_good": 10,
    }  # fmt: skip
    rows = case_tally(user=officer_bogor, region="32.71", by=("place", "stage"), year=this_year)
    assert sorted((r["place"], r["stage"], r["count"]) for r in rows if r["count"]) == [
        ("32.71.06", "closed", 1), ("32.71.06", "requested", 1),
    ]  # fmt: skip
    elsewhere = clinic_panel(user=officer_bandung, region="", year=this_year)
    assert (elsewhere["participants"], elsewhere["target_participants"]) == (0, 0)


def test_refusal_leaves_tally_unchanged(officer_bogor, following):
    from django.core.exceptions import ValidationError

    before = case_tally(region="", by=("stage",))
    with pytest.raises(ValidationError):
        services.case_close(actor=officer_bogor, case=following)
    assert case_tally(region="", by=("stage",)) == before
    assert tallies.differences() == []


def test_repair_and_describe(officer_bogor, enrolled, this_year):
    from sinergi.clinic.models import CaseTally

    CaseTally.objects.filter(layer=0).update(count=5)
    found = tallies.differences()
    lines = [line for item in found if item.layer == 0 for line in tallies.describe(item)]
    assert lines == [
        f"Kasus klinik di 32.71.06.1001, program {this_year}, Koperasi, Terdaftar: tercatat 5, dihitung 1"
    ]
    tallies.repair(found)
    assert tallies.differences() == []


def test_insights_panel_renders_the_figures(officer_bogor, enrolled, this_year):
    from django.template.loader import render_to_string

    panel = clinic_panel(user=officer_bogor, region="32.71", year=this_year)
    html = render_to_string("clinic/_insights_panel.html", {"clinic": panel})
    assert f"Klinik konsultasi {this_year}" in html
    assert '<span class="value">1 / 30</span>' in html
    assert "Selesai: 0 membaik, 0 tetap, 0 memburuk" in html
