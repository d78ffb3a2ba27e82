import datetime as dt

import pytest

from sinergi.registry import selectors
from sinergi.registry.filters import BusinessFilters, CooperativeFilters
from sinergi.registry.services import business_register, cooperative_register


@pytest.fixture
def world(officer_bogor, officer_bandung):
    today = dt.date(2026, 11, 22)
    coops = {
        "fresh": cooperative_register(actor=officer_bogor, name="KSP Segar", region_code="32.71.03.1002",
                                      last_rat_date=dt.date(2026, 3, 1), cooperative_type="simpan_pinjam"),
        "warn": cooperative_register(actor=officer_bogor, name="KSU Hampir", region_code="32.71.03.1005",
                                     last_rat_date=dt.date(2024, 2, 1)),
        "old": cooperative_register(actor=officer_bogor, name="KUD Lama", region_code="32.71.06.1001",
                                    last_rat_date=dt.date(2020, 2, 1)),
        "never": cooperative_register(actor=officer_bogor, name="Kopwan Baru", region_code="32.71.06.1001"),
        "bandung": cooperative_register(actor=officer_bandung, name="KSP Bandung", region_code="32.73.02.1004",
                                        last_rat_date=dt.date(2026, 3, 1)),
    }  # fmt: skip
    business_register(
        actor=officer_bogor, name="Keripik Talas", region_code="32.71.06.1003", nib="9120001234567"
    )
    business_register(actor=officer_bandung, name="Batagor Kang Asep", region_code="32.73.02.1004")
    return today, coops


@pytest.mark.django_db
def test_bandung_sees_nothing_of_bogor(world, officer_bandung):
    assert [c.organization.name for c in selectors.cooperative_list(user=officer_bandung)] == ["KSP Bandung"]
    assert [b.organization.name for b in selectors.business_list(user=officer_bandung)] == [
        "Batagor Kang Asep"
    ]
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.access_cooperative(user=officer_bandung, pk=world[1]["fresh"].pk)


@pytest.mark.django_db
def test_filters_and_search(world, officer_bogor):
    names = lambda qs: [x.organization.name for x in qs]  # noqa: E731
    assert names(selectors.cooperative_list(user=officer_bogor, filters=CooperativeFilters(region="32.71.06"))) == [
        "Kopwan Baru", "KUD Lama",
    ]  # fmt: skip
    assert names(
        selectors.cooperative_list(
            user=officer_bogor, filters=CooperativeFilters(cooperative_type="simpan_pinjam")
        )
    ) == ["KSP Segar"]
    assert names(selectors.cooperative_list(user=officer_bogor, filters=CooperativeFilters(q="hampir"))) == [
        "KSU Hampir"
    ]
    assert names(selectors.business_list(user=officer_bogor, filters=BusinessFilters(q="9120001234567"))) == [
        "Keripik Talas"
    ]
    assert names(selectors.business_list(user=officer_bogor, filters=BusinessFilters(q="TALAS"))) == [
        "Keripik Talas"
    ]
    assert names(selectors.business_list(user=officer_bogor, filters=BusinessFilters(q="ta"))) == [
        "Keripik Talas"
    ]


@pytest.mark.django_db
def test_a_capped_search_keeps_the_matches_the_user_may_see(officer_bogor, officer_bandung, monkeypatch):
    """More "warung" in Bandung than a list shows must not push Bogor's out of a Bogor officer's list."""
    monkeypatch.setattr("sinergi.accounts.search.SEARCH_LIMIT", 2)
    for n in range(3):
        business_register(actor=officer_bandung, name=f"Warung Sembako {n}", region_code="32.73.02.1004")
    for n in range(2):
        business_register(actor=officer_bogor, name=f"Warung Sembako Bogor {n}", region_code="32.71.06.1003")
    business_register(actor=officer_bogor, name="Warung Sembako Tanah Sareal", region_code="32.71.06.1001")
    names = lambda qs: sorted(x.organization.name for x in qs)  # noqa: E731
    search = BusinessFilters(q="warung sembako")
    rows, capped = selectors.business_search(user=officer_bogor, filters=search)
    assert (len(rows), capped) == (2, True)
    assert all(x.region_code.startswith("32.71.") for x in rows)
    village = BusinessFilters(q="warung sembako", region="32.71.06.1003")
    rows, capped = selectors.business_search(user=officer_bogor, filters=village)
    assert (names(rows), capped) == (["Warung Sembako Bogor 0", "Warung Sembako Bogor 1"], False)
    rows, capped = selectors.business_search(user=officer_bandung, filters=search)
    assert len(rows) == 2 and capped and all(x.region_code.startswith("32.73.") for x in rows)
    rows, capped = selectors.business_search(user=officer_bandung, filters=BusinessFilters(q="bogor"))
    assert (list(rows), capped) == ([], False)
    assert len(selectors.business_list(user=officer_bogor, filters=search)) == 2


@pytest.mark.django_db
def test_member_sees_only_own_cooperative(world, coop_manager, cooperative_bogor):
    assert list(selectors.cooperative_list(user=coop_manager)) == []  # the fixture cooperative has no profile


@pytest.mark.django_db
def test_activity_counts_and_warning(world, officer_bogor):
    today, coops = world
    summary = selectors.activity_summary(user=officer_bogor, region="32.71", today=today)
    by_code = {r["code"]: r for r in summary["rows"]}
    assert by_code["32.71.03"] == {
        "code": "32.71.03",
        "name": "Bogor Tengah",
        "registered": 2,
        "active": 2,
        "warning": 1,
        "new": 0,
        "inactive": 0,
    }
    assert by_code["32.71.06"]["active"] == 0 and by_code["32.71.06"]["inactive"] == 2
    assert summary["total"] == {"registered": 4, "active": 2, "warning": 1, "new": 0, "inactive": 2}
    warning = selectors.cooperatives_about_to_turn_inactive(user=officer_bogor, region="32.71", today=today)
    assert [c.organization.name for c in warning] == ["KSU Hampir"]


@pytest.mark.django_db
@pytest.mark.parametrize("listing", ["cooperative_list", "business_list"])
def test_lists_read_regions_for_the_page_only(world, officer_bogor, django_assert_num_queries, listing):
    # Joining the region table into the list query made SQLite walk every region and sort the whole
    # result at a million rows; the page's regions come in one more query instead.
    qs = getattr(selectors, listing)(user=officer_bogor)
    assert "regions_region" not in str(qs.query)
    with django_assert_num_queries(2):
        names = [profile.organization.region.name for profile in qs[:25]]
    assert names and all(names)
