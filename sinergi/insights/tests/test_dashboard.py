"""The office dashboard: figures from the tallies, scoped to the viewer, drilling down by place."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from sinergi.insights import dashboard as board
from sinergi.regions.models import Region
from sinergi.registry import services

URL = reverse("insights:dashboard")


@pytest.fixture
def world(officer_bogor, officer_bandung):
    """Kota Bogor: three cooperatives in Bogor Tengah (two active, one unknown), one dissolved in
    Tanah Sareal; two businesses in Bogor Tengah. Kota Bandung: one cooperative, one business."""
    reg = services.cooperative_register
    reg(
        actor=officer_bogor,
        name="KSP Paledang",
        region_code="32.71.03.1002",
        cooperative_type="simpan_pinjam",
        members_male=30,
        members_female=20,
    )
    reg(
        actor=officer_bogor,
        name="Koperasi Tegallega",
        region_code="32.71.03.1005",
        cooperative_type="konsumen",
        members_female=15,
    )
    reg(actor=officer_bogor, name="Koperasi Babakan", region_code="32.71.03.1005", status="belum_tahu")
    gone = reg(actor=officer_bogor, name="Koperasi Kebon Pedes", region_code="32.71.06.1001", members_male=40)
    services.cooperative_set_status(actor=officer_bogor, cooperative=gone, status="dibubarkan", reason="RAT")
    reg(actor=officer_bandung, name="Koperasi Mekar Sari", region_code="32.73.02.1004", members_male=99)
    services.business_register(
        actor=officer_bogor,
        name="Keripik Talas Bu Euis",
        region_code="32.71.03.1002",
        employees=3,
        annual_sales=Decimal("120000000"),
        kbli="10792",
        owner_gender="P",
    )
    services.business_register(
        actor=officer_bogor,
        name="Bengkel Pak Ujang",
        region_code="32.71.03.1005",
        employees=2,
        annual_sales=Decimal("80000000"),
        kbli="45201",
        owner_gender="L",
        status="tidak_aktif",
    )
    services.business_register(
        actor=officer_bandung,
        name="Batik Bandung",
        region_code="32.73.02.1004",
        employees=50,
        annual_sales=Decimal("900000000"),
    )
    # fmt: skip


def _figures(panel):
    return [(str(f.label), f.value) for f in panel["figures"]]


@pytest.mark.django_db
def test_an_officer_sees_their_jurisdiction_only(world, officer_bogor):
    assert board.resolve_place(officer_bogor, "") == "32.71"
    data = board.dashboard(officer_bogor, "32.71")
    assert _figures(data["cooperatives"]) == [
        ("Koperasi terdaftar", 3),
        ("Aktif", 2),
        ("Belum diketahui", 1),
        ("Rasio aktif", Decimal("66.7")),
        ("Anggota", 65),
    ]
    assert _figures(data["businesses"]) == [
        ("UMKM terdaftar", 2),
        ("Aktif", 1),
        ("Rasio aktif", Decimal("50.0")),
        ("Tenaga kerja", 5),
        ("Omzet setahun", Decimal("200000000.00")),
    ]
    places = [
        (r["name"], r["kop_terdaftar"], r["kop_aktif"], r["anggota"], r["umkm"]) for r in data["places"]
    ]
    assert places == [("Bogor Tengah", 3, 2, 65, 2), ("Tanah Sareal", 0, 0, 0, 0)]


@pytest.mark.django_db
def test_drilling_into_a_kecamatan_lists_its_villages(world, officer_bogor):
    data = board.dashboard(officer_bogor, "32.71.03")
    rows = {r["code"]: (r["kop_terdaftar"], r["umkm"], r["url"]) for r in data["places"]}
    assert rows == {
        "32.71.03.1002": (1, 1, None),
        "32.71.03.1005": (2, 1, None),
    }
    gender = data["businesses"]["breakdowns"][2].rows
    assert [(str(label), n) for label, n, _share, _url in gender] == [
        ("Laki-laki", 1),
        ("Perempuan", 1),
        ("Belum diisi", 0),
    ]
    sectors = data["businesses"]["breakdowns"][1].rows
    assert [(str(label), n) for label, n, _s, _u in sectors] == [
        ("C · Industri pengolahan", 1),
        ("G · Perdagangan dan reparasi", 1),
    ]


@pytest.mark.django_db
def test_a_place_outside_the_jurisdiction_is_not_found(client, world, officer_bogor):
    client.force_login(officer_bogor)
    assert client.get(URL, {"wilayah": "32.73"}).status_code == 404
    assert client.get(URL, {"wilayah": "32"}).status_code == 404
    assert client.get(URL, {"wilayah": "99.99"}).status_code == 404
    assert client.get(URL, {"wilayah": "32.71.99"}).status_code == 404


@pytest.mark.django_db
def test_the_page_links_each_number_to_the_list_behind_it(client, world, officer_bogor):
    client.force_login(officer_bogor)
    page = client.get(URL).content.decode()
    assert "Dasbor: Kota Bogor" in page
    assert 'href="/registri/koperasi/?region=32.71&amp;status=aktif"' in page
    assert 'href="/wawasan/?wilayah=32.71.03"' in page
    assert "Koperasi Mekar Sari" not in page and "99" not in page.split("Anggota")[1][:200]
    drilled = client.get(URL, {"wilayah": "32.71.03", "indikator": "umkm"}).content.decode()
    assert '<a href="/wawasan/?wilayah=32.71">Kota Bogor</a>' in drilled
    villages = Region.objects.filter(code__in=["32.71.03.1002", "32.71.03.1005"]).values_list(
        "name", flat=True
    )
    assert len(villages) == 2 and all(f">{name}</td>" in drilled for name in villages)


@pytest.mark.django_db
def test_people_outside_offices_may_not_open_it(client, world, coop_manager):
    client.force_login(coop_manager)
    assert client.get(URL).status_code == 403


@pytest.mark.django_db
def test_the_cost_does_not_grow_with_the_rows(client, world, officer_bogor, django_assert_max_num_queries):
    client.force_login(officer_bogor)
    client.get(URL)
    # A fixed number per panel: registry, health, pillars, clinic, catalogue, consignment,
    # partnerships, warung assistance, joint purchasing, places.
    with django_assert_max_num_queries(40) as first:
        client.get(URL)
    for i in range(20):
        services.business_register(actor=officer_bogor, name=f"Usaha {i}", region_code="32.71.06.1001")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(URL)


@pytest.mark.django_db
def test_the_api_gives_the_same_figures_scoped_like_the_page(client, world, officer_bogor, coop_manager):
    client.force_login(officer_bogor)
    body = client.get("/api/v1/insights/dashboard").json()
    assert body["region"] == "32.71"
    coops = body["cooperatives"]
    assert (coops["registered"], coops["active"], coops["unknown"], coops["active_ratio"]) == (
        3,
        2,
        1,
        "66.7",
    )
    assert coops["members"] == {"male": 30, "female": 35, "unspecified": 0}
    assert coops["by_status"] == {
        "aktif": 2,
        "tidak_aktif": 0,
        "dibekukan": 0,
        "dibubarkan": 1,
        "belum_tahu": 1,
    }
    umkm = body["businesses"]
    assert (umkm["registered"], umkm["active"], umkm["employees"], umkm["annual_sales"]) == (
        2,
        1,
        5,
        "200000000.00",
    )
    assert umkm["by_sector"] == {"C": 1, "G": 1}
    assert [
        (p["code"], p["cooperatives_registered"], p["businesses_registered"]) for p in body["places"]
    ] == [("32.71.03", 3, 2), ("32.71.06", 0, 0)]
    assert client.get("/api/v1/insights/dashboard", {"region": "32.73"}).status_code == 404
    client.force_login(coop_manager)
    assert client.get("/api/v1/insights/dashboard").status_code == 403


@pytest.mark.django_db
def test_the_map_colours_the_kecamatan_of_a_regency_and_links_each(client, world, officer_bogor):
    data = board.dashboard(officer_bogor, "32.71")
    shown = board.map_for(officer_bogor, "32.71", board.indicator("kop_terdaftar"), "jenks", data["places"])
    assert shown["geojson_url"] == "/wawasan/batas.geojson?tingkat=kecamatan&induk=32.71"
    values = shown["data"]["values"]
    # Kota Bogor's six kecamatan: Bogor Tengah holds three registered cooperatives, the others none.
    assert len(values) == 6 and values["32.71.03"] == 3 and sum(values.values()) == 3
    assert (
        shown["data"]["links"]["32.71.03"] == "/wawasan/?wilayah=32.71.03&indikator=kop_terdaftar&kelas=jenks"
    )
    assert shown["data"]["method"] == "jenks"
    # No map of villages: no boundaries ship for them.
    assert (
        board.map_for(officer_bogor, "32.71.03", board.indicator("umkm"), "quantile", data["places"]) is None
    )
    client.force_login(officer_bogor)
    page = client.get(URL, {"kelas": "jenks"}).content.decode()
    assert 'data-geojson-url="/wawasan/batas.geojson?tingkat=kecamatan&amp;induk=32.71"' in page
    assert '<option value="jenks" selected>' in page
    shapes = client.get("/wawasan/batas.geojson", {"tingkat": "kecamatan", "induk": "32.71"}).json()
    assert sorted(f["properties"]["code"] for f in shapes["features"])[:2] == ["32.71.01", "32.71.02"]
    assert client.get("/wawasan/batas.geojson", {"tingkat": "desa"}).status_code == 404


def test_large_amounts_read_as_people_say_them():
    assert board.rupiah_short(Decimal("90000000")) == "Rp90 juta"
    assert board.rupiah_short(Decimal("1250000000")) == "Rp1,3 miliar"
    assert board.rupiah_short(Decimal("2000000000000")) == "Rp2 triliun"
    assert board.rupiah_short(Decimal("750000")) == "Rp750.000"


@pytest.mark.django_db
def test_official_figures_sit_beside_the_register(client, world, officer_bogor):
    data = board.dashboard(officer_bogor, "32.71")
    rows = [(str(c.label), c.official, c.ours, c.difference, c.projected) for c in data["official"]]
    assert board.official_umkm("32.71") == (2023, 131538)
    assert rows == [
        ("UMKM", 131538, 2, -131536, True),
        ("Koperasi terdaftar", 826, 3, -823, False),  # Diskop Kota Bogor, 18-12-2018
        ("Koperasi aktif", 528, 2, -526, False),  # the same office, 2018
    ]
    assert data["official"][1].coverage == Decimal("0.4")
    # Only regencies and the province have official figures; a kecamatan has none.
    assert board.dashboard(officer_bogor, "32.71.03")["official"] == []
    client.force_login(officer_bogor)
    page = client.get(URL).content.decode()
    assert "Dibandingkan dengan angka resmi" in page and "Proyeksi Dinas KUK Jawa Barat tahun 2023" in page


@pytest.mark.django_db
def test_the_office_home_counts_from_the_tallies(client, world, officer_bogor):
    from sinergi.accounts.models import Organization

    # An organisation row with no registry profile is not a registered cooperative.
    Organization.objects.create(kind="cooperative", name="Tanpa profil", region_id="32.71.03.1002")
    client.force_login(officer_bogor)
    page = client.get("/").content.decode()
    cards = dict(re.findall(r'<span class="value">([\d.]+)</span><span class="label">([^<]+)</span>', page))
    # Kota Bogor: four cooperatives with a profile (one dissolved is still a row of the register), two UMKM.
    assert {label: value for value, label in cards.items() if label in ("Koperasi", "UMKM")} == {
        "Koperasi": "4",
        "UMKM": "2",
    }
    assert 'href="/wawasan/"' in page


@pytest.mark.django_db
def test_health_and_purchasing_panels_read_their_slices_tallies(client, world, officer_bogor):
    import datetime as dt

    from sinergi.health import tallies as health_tallies
    from sinergi.purchasing import tallies as purchasing_tallies

    village = "32.71.03.1002"
    # Financial year 2025: two reports verified (both with their RAT), one waiting; three
    # cooperatives assessed: two "Sehat" (one indicative), one "Cukup Sehat". In Bandung, one more.
    health_tallies.apply_deltas(
        health_tallies.REPORTS, {(village, 2025): [1, 2, 0, 2], (village, 2024): [0, 3, 0, 3]}
    )
    health_tallies.apply_deltas(
        health_tallies.ASSESSMENTS,
        {(village, 2025, "sehat", True): [1], (village, 2025, "sehat", False): [1],
         (village, 2025, "cukup_sehat", True): [1], ("32.73.02.1004", 2025, "sehat", True): [5]},
    )  # fmt: skip
    this_month = dt.date.today().replace(day=1)
    purchasing_tallies.apply_deltas(
        {(village, this_month): [2, Decimal("12500000"), Decimal("800000"), Decimal("1500000"), 9],
         (village, dt.date(2020, 1, 1)): [1, Decimal("99"), Decimal("0"), Decimal("0"), 1]}
    )  # fmt: skip
    data = board.dashboard(officer_bogor, "32.71")
    health = data["health"]
    assert (health["year"], health["assessed"], health["indicative"]) == (2025, 3, 1)
    assert health["predicates"][:2] == [("sehat", 2, Decimal("66.7")), ("cukup_sehat", 1, Decimal("33.3"))]
    # RAT held for 2025 by 2 of the 3 registered cooperatives of Kota Bogor.
    assert (health["rat_held"], health["registered"], health["rat_ratio"]) == (2, 3, Decimal("66.7"))
    assert (health["submitted"], health["verified"]) == (1, 2)
    buying = data["purchasing"]
    # Only the last twelve months: the round of January 2020 is left out.
    assert (buying["rounds"], buying["cooperatives"], buying["goods"], buying["savings"]) == (
        2,
        9,
        Decimal("12500000.00"),
        Decimal("1500000.00"),
    )
    assert buying["savings_short"] == "Rp1,5 juta"
    client.force_login(officer_bogor)
    page = client.get(URL).content.decode()
    assert "Kesehatan koperasi, tahun buku 2025" in page and "Sudah RAT: 2 dari 3 koperasi terdaftar" in page
    assert "Belanja Bareng, 12 bulan terakhir" in page and "Rp12,5 juta" in page
    body = client.get("/api/v1/insights/dashboard").json()
    assert body["health"]["by_predicate"]["sehat"] == 2 and body["health"]["rat_ratio"] == "66.7"
    assert (body["purchasing"]["rounds_closed"], body["purchasing"]["savings"]) == (2, "1500000.00")
