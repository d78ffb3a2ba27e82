import pytest

from sinergi.accounts import search
from sinergi.accounts.models import Organization
from sinergi.accounts.search import first_matches, name_matches
from sinergi.accounts.selectors import business_search_for_claim
from sinergi.accounts.tests.factories import OrganizationFactory


def ids(qs):
    return set(qs.values_list("pk", flat=True))


@pytest.fixture
def parties(db):
    return {
        "umkm": OrganizationFactory(kind="umkm", name="Warung Nasi Bu Imas"),
        "coop": OrganizationFactory(kind="cooperative", name="Koperasi Warung Sejahtera"),
        "office": OrganizationFactory(
            kind="government", name="Dinas Koperasi Kota Bogor", jurisdiction_id="32.71"
        ),
        "company": OrganizationFactory(kind="company", name="PT Warung Grosir Nusantara"),
    }


def test_a_piece_of_the_name_finds_every_kind_case_insensitively(parties):
    assert ids(name_matches("warung")) == {parties[k].pk for k in ("umkm", "coop", "company")}
    assert ids(name_matches("  KOPERASI  ")) == {parties["coop"].pk, parties["office"].pk}
    assert ids(name_matches("nasi bu")) == {parties["umkm"].pk}
    assert ids(name_matches("warung makan")) == set()


def test_the_kind_narrows_the_matches(parties):
    assert ids(name_matches("warung", kind="cooperative")) == {parties["coop"].pk}
    assert ids(name_matches("koperasi", kind="government")) == {parties["office"].pk}
    assert ids(name_matches("warung", kind="bank")) == set()


def test_text_too_short_for_trigrams_is_still_matched(parties):
    assert ids(name_matches("pt")) == {parties["company"].pk}
    assert ids(name_matches("Bu", kind="umkm")) == {parties["umkm"].pk}


def test_the_cap_applies_to_what_is_left_after_scope_and_filters(parties, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_LIMIT", 2)

    def rows(kind=None):
        def build(match_limit):
            found = Organization.objects.filter(pk__in=name_matches("warung", limit=match_limit))
            return found.filter(kind=kind) if kind else found

        return build

    everything = ids(rows()(None))
    first, capped = first_matches(rows(), q="warung")
    assert (len(first), capped) == (2, True) and ids(first) < everything
    first, capped = first_matches(rows(), q="warung", limit=5)
    assert (ids(first), capped) == (everything, False) and len(everything) == 3
    first, capped = first_matches(rows("cooperative"), q="warung", kind=None)
    assert (ids(first), capped) == ({parties["coop"].pk}, False)


def test_renamed_organisations_are_found_by_their_new_name_only(parties):
    org = parties["umkm"]
    org.name = "Toko Kelontong Pak Asep"
    org.save()
    assert ids(name_matches("kelontong")) == {org.pk}
    assert ids(name_matches("nasi bu")) == set()
    Organization.objects.filter(pk=org.pk).delete()
    assert ids(name_matches("kelontong")) == set()


def test_the_claim_search_finds_registered_businesses_by_name(parties):
    found = list(business_search_for_claim(q="bu imas"))
    assert found == [parties["umkm"]]
    assert list(business_search_for_claim(q="bu imas", region="32.73")) == []
    assert list(business_search_for_claim(q="sejahtera")) == []  # a cooperative cannot be claimed


@pytest.mark.parametrize("probe_factor", [1, 5])
def test_matches_elsewhere_never_hide_the_ones_in_the_region_or_jurisdiction(
    client, officer_bogor, parties, monkeypatch, probe_factor
):
    """More matches in Bandung than a list shows must not push Bogor's one out of a Bogor list,
    whether the first look at the index holds it (5) or not (1)."""
    monkeypatch.setattr(search, "SEARCH_LIMIT", 2)
    monkeypatch.setattr(search, "PROBE_FACTOR", probe_factor)
    bandung = [
        OrganizationFactory(kind="umkm", name=f"Warung Sembako {n}", region_id="32.73.02.1001")
        for n in range(4)
    ]
    bogor = OrganizationFactory(kind="umkm", name="Warung Sembako Bu Imas", region_id="32.71.06.1003")
    # Created after the Bandung ones, so SQLite's index lists it last among the matches.
    assert bogor.pk > max(b.pk for b in bandung)
    assert list(business_search_for_claim(q="warung sembako", region="32.71.06.1003")) == [bogor]
    client.force_login(officer_bogor)
    html = client.get("/akun/organisasi/?q=warung+sembako").content.decode()
    assert "Warung Sembako Bu Imas" in html and "Warung Sembako 0" not in html
    assert "lebih dari 1.000 nama" not in html  # one match in Bogor: nothing was cut


@pytest.mark.django_db
def test_the_organisation_list_says_when_a_search_is_capped(client, officer_bogor, parties, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_LIMIT", 2)
    client.force_login(officer_bogor)
    html = client.get("/akun/organisasi/?q=warung").content.decode()
    assert "lebih dari 1.000 nama" in html
    html = client.get("/akun/organisasi/?q=warung&kind=cooperative").content.decode()
    assert "lebih dari 1.000 nama" not in html and "Koperasi Warung Sejahtera" in html
    assert "Warung Nasi Bu Imas" not in html
