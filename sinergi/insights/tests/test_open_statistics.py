"""Open statistics: public counts by place and year, small cells suppressed, the same table on the
page, in CSV and in JSON."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from sinergi.insights import public
from sinergi.insights.models import Snapshot
from sinergi.registry import services, tallies
from sinergi.registry.tallies import BUSINESSES, COOPERATIVES

YEAR = timezone.localdate().year
# Kota Bogor's kecamatan, as the tables list them (by name).
KECAMATAN = ["Bogor Barat", "Bogor Selatan", "Bogor Tengah", "Bogor Timur", "Bogor Utara", "Tanah Sareal"]


def coops(village: str, count: int, status: str = "aktif"):
    """`count` cooperatives in the tally of `village`, in every layer (as the writes would add them)."""
    tallies.apply_deltas(COOPERATIVES, {(village, status, "konsumen", "primer"): [count, 0, 0, 0, 0]})


def umkm(village: str, count: int, status: str = "aktif", scale: str = "mikro"):
    tallies.apply_deltas(BUSINESSES, {(village, status, scale, "C", "P"): [count, 0, 0, 0]})


@pytest.fixture
def world(db):
    """Kota Bogor: 0 cooperatives in Bogor Barat, 3 in Bogor Selatan, 7 in Bogor Tengah (one not
    active), 12 in Bogor Timur; 2 dissolved in Bogor Utara. UMKM: 12 micro in Bogor Tengah (7 of
    them active), 3 small in Bogor Timur, all active, and 6 without a scale in Tanah Sareal."""
    coops("32.71.01.1001", 3)
    coops("32.71.03.1002", 6)
    coops("32.71.03.1005", 1, status="tidak_aktif")
    coops("32.71.02.1001", 12)
    coops("32.71.05.1001", 2, status="dibubarkan")
    umkm("32.71.03.1002", 7)
    umkm("32.71.03.1002", 5, status="tidak_aktif")
    umkm("32.71.02.1001", 3, scale="kecil")
    umkm("32.71.06.1001", 6, scale="")


def _grid(table, keys):
    return [[row.name, *(row.values[k] for k in keys)] for row in table.all_rows()]


@pytest.mark.django_db
def test_the_regency_table_is_suppressed_exactly(world):
    # Bogor Tengah's one inactive cooperative is below 5: with the 7 there and the regency's not
    # active total of 1, both Bogor Tengah and the regency's active count are hidden, since
    # registered minus active would give it away. UMKM: the regency's row of the province table
    # publishes 21 and hides the 6 of other scales beside the 3 small ones; this table keeps that
    # row and hides Tanah Sareal's 6 with it.
    table = public.open_table("32.71", YEAR)
    assert (table.name, table.source, table.has_data) == ("Kota Bogor", "live", True)
    assert _grid(table, ("cooperatives_registered", "cooperatives_active")) == [
        ["Kota Bogor", 22, "x"],
        ["Bogor Barat", 0, 0],
        ["Bogor Selatan", "<5", "<5"],
        ["Bogor Tengah", "x", "x"],
        ["Bogor Timur", 12, 12],
        ["Bogor Utara", 0, 0],
        ["Tanah Sareal", 0, 0],
    ]
    keys = ("businesses_registered", "businesses_registered_micro", "businesses_registered_small",
            "businesses_registered_medium", "businesses_registered_other")  # fmt: skip
    assert _grid(table, keys) == [
        ["Kota Bogor", 21, 12, "<5", 0, "x"],
        ["Bogor Barat", 0, 0, 0, 0, 0],
        ["Bogor Selatan", 0, 0, 0, 0, 0],
        ["Bogor Tengah", 12, 12, 0, 0, 0],
        ["Bogor Timur", "<5", 0, "<5", 0, 0],
        ["Bogor Utara", 0, 0, 0, 0, 0],
        ["Tanah Sareal", "x", 0, 0, 0, "x"],
    ]
    keys = ("businesses_active", "businesses_active_micro", "businesses_active_small",
            "businesses_active_medium", "businesses_active_other")  # fmt: skip
    assert _grid(table, keys) == [
        ["Kota Bogor", 16, 7, "<5", 0, "x"],
        ["Bogor Barat", 0, 0, 0, 0, 0],
        ["Bogor Selatan", 0, 0, 0, 0, 0],
        ["Bogor Tengah", 7, 7, 0, 0, 0],
        ["Bogor Timur", "<5", 0, "<5", 0, 0],
        ["Bogor Utara", 0, 0, 0, 0, 0],
        ["Tanah Sareal", "x", 0, 0, 0, "x"],
    ]


@pytest.mark.django_db
def test_a_regency_publishes_its_row_of_the_province_table(world):
    province = public.open_table("32", YEAR)
    regency = public.open_table("32.71", YEAR)
    assert regency.total.values == next(r.values for r in province.rows if r.code == "32.71")
    assert province.total.values["businesses_registered"] == 21


def test_a_table_below_keeps_the_totals_published_above():
    # Above: the 9 shown, the 3 hidden, the 12 shown. Below, the 3 is 2 + 1: both small, and the
    # row and column equations around them need the 9, the 11 and the 0 hidden too.
    assert public.suppress_under([[9, 2], [0, 1]], [9, "<5", 12]) == [
        ["x", "<5", "x"],
        ["x", "<5", "<5"],
        [9, "<5", 12],
    ]
    # Nothing small below, but the column hidden above must not be computable from its rows.
    assert public.suppress_under([[5, 6], [7, 8]], [12, "x", 26]) == [
        ["x", "x", 11],
        ["x", "x", 15],
        [12, "x", 26],
    ]


@pytest.mark.django_db
def test_a_kecamatan_publishes_its_row_of_the_regency_table(world, client):
    table = public.open_table("32.71.03", YEAR)
    assert (table.name, table.rows) == ("Bogor Tengah", ())
    regency = public.open_table("32.71", YEAR)
    assert table.total.values == next(r.values for r in regency.rows if r.code == "32.71.03")
    response = client.get(reverse("open_statistics:place", args=["32.71.03"]))
    assert response.status_code == 200
    assert "Bogor Tengah" in response.content.decode()
    assert "32.71.03.1002" not in response.content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_see_counts_and_nothing_personal(client, officer_bogor):
    services.cooperative_register(actor=officer_bogor, name="KSP Paledang Sejahtera", region_code="32.71.03.1002",
                                  phone="081311112222", email="ksp.paledang@contoh.id")  # fmt: skip
    services.business_register(actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.03.1002",
                               owner_name="Euis Rahmawati", owner_nik="3271064107850003", phone="081234567890")  # fmt: skip
    for url in (
        reverse("open_statistics:index"),
        reverse("open_statistics:place", args=["32.71"]),
        reverse("open_statistics:place", args=["32.71.03"]),
        reverse("open_statistics:csv", args=["32.71"]),
        reverse("api:open_json", kwargs={"code": "32.71"}),
        reverse("api:open_csv", kwargs={"code": "32.71.03"}),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for personal in (
            "Paledang Sejahtera",
            "Keripik",
            "Euis",
            "3271064107850003",
            "081234567890",
            "081311112222",
            "ksp.paledang",
            "Paledang",
            "32.71.03.1002",
            "Dinas Koperasi dan UMKM Kota Bogor",
            officer_bogor.full_name,
            officer_bogor.email,
        ):
            assert personal not in text, (url, personal)  # fmt: skip
    page = client.get(reverse("open_statistics:place", args=["32.71"])).content.decode()
    # One cooperative and one business in Bogor Tengah: both published as "<5".
    row = re.search(r'<tr><td data-label="Kecamatan"><a href="/statistik/32.71.03/">Bogor Tengah</a></td>(.*?)</tr>',
                    page).group(1)  # fmt: skip
    assert re.findall(r"<td[^>]*>(.*?)</td>", row) == ['<span class="open-hidden">&lt;5</span>'] * 2


def _page_rows(html: str, testid: str) -> list[list[str]]:
    body = re.search(rf'data-testid="{testid}">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", c).replace("&lt;", "<") for c in re.findall(r"<td[^>]*>(.*?)</td>", row)
        ]
        rows.append(cells)
    return rows


@pytest.mark.django_db
def test_csv_and_json_agree_with_the_page(world, client):
    html = client.get(reverse("open_statistics:place", args=["32.71"])).content.decode()
    lines = list(
        csv.reader(io.StringIO(client.get(reverse("open_statistics:csv", args=["32.71"])).content.decode()))
    )
    assert tuple(lines[0]) == public.CSV_HEADER
    api_csv = client.get(reverse("api:open_csv", kwargs={"code": "32.71"}))
    assert api_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert list(csv.reader(io.StringIO(api_csv.content.decode()))) == lines
    data = client.get(reverse("api:open_json", kwargs={"code": "32.71"})).json()
    assert data["licence"] == "CC BY 4.0" and data["source"] == "live" and data["year"] == YEAR
    assert [c["key"] for c in data["columns"]] == list(public.COLUMN_KEYS)
    from_json = [[r["region_code"], r["region_name"], r["level"], str(YEAR), "live",
                  *(str(r[k]) for k in public.COLUMN_KEYS)] for r in data["rows"]]  # fmt: skip
    assert from_json == lines[1:]
    # The page: its three tables, row for row.
    coop_keys = public.COOPERATIVE_KEYS
    column = {key: i for i, key in enumerate(public.CSV_HEADER)}
    for testid, keys in (
        ("open-cooperatives", coop_keys),
        ("open-businesses", public.REGISTERED_KEYS),
        ("open-businesses-active", public.ACTIVE_KEYS),
    ):
        assert _page_rows(html, testid) == [[line[1], *(line[column[k]] for k in keys)] for line in lines[1:]]
    assert lines[1][:5] == ["32.71", "Kota Bogor", "regency", str(YEAR), "live"]
    assert data["attribution"] in html.replace("&#x27;", "'")
    assert (
        f"Sinergi, Dinas Koperasi dan UMKM, {timezone.localdate():%d-%m-%Y}, CC BY 4.0" == data["attribution"]
    )


@pytest.mark.django_db
def test_a_snapshot_keeps_the_unsuppressed_counts_of_a_place(world):
    assert public.snapshot_figures("32.71.03") == {
        "cooperatives_active": 6,
        "cooperatives_not_active": 1,
        "businesses_registered_micro": 12,
        "businesses_registered_small": 0,
        "businesses_registered_medium": 0,
        "businesses_registered_other": 0,
        "businesses_active_micro": 7,
        "businesses_active_small": 0,
        "businesses_active_medium": 0,
        "businesses_active_other": 0,
    }
    assert public.snapshot_figures("32.71")["cooperatives_active"] == 21
    assert public.snapshot_figures("32.71.04") == dict.fromkeys(public.SNAPSHOT_KEYS, 0)


@pytest.mark.django_db
def test_a_past_year_comes_from_its_december_snapshots(world, client):
    last = YEAR - 1
    figures = dict.fromkeys(public.SNAPSHOT_KEYS, 0)
    Snapshot.objects.create(month=date(last, 12, 1), region_code="32.71.03",
                            figures={**figures, "cooperatives_active": 40, "cooperatives_not_active": 5,
                                     "businesses_registered_micro": 9, "businesses_active_micro": 8})  # fmt: skip
    Snapshot.objects.create(
        month=date(last, 12, 1), region_code="32.71.01", figures={**figures, "cooperatives_active": 30}
    )
    # A November snapshot is not the year's end.
    Snapshot.objects.create(
        month=date(last - 1, 11, 1), region_code="32.71.01", figures={**figures, "cooperatives_active": 9}
    )
    table = public.open_table("32.71", last)
    assert (table.source, table.has_data, table.as_of) == ("snapshot", True, date(last, 12, 31))
    assert _grid(table, ("cooperatives_registered", "cooperatives_active", "businesses_registered",
                         "businesses_active")) == [
        ["Kota Bogor", 75, 70, 9, 8],
        ["Bogor Barat", 0, 0, 0, 0],
        ["Bogor Selatan", 30, 30, 0, 0],
        ["Bogor Tengah", 45, 40, 9, 8],
        ["Bogor Timur", 0, 0, 0, 0],
        ["Bogor Utara", 0, 0, 0, 0],
        ["Tanah Sareal", 0, 0, 0, 0],
    ]  # fmt: skip
    assert public.years_available("32.71") == [YEAR, last]
    response = client.get(reverse("open_statistics:place", args=["32.71"]), {"tahun": last})
    html = response.content.decode()
    assert f"Angka akhir tahun {last}, dari catatan bulan Desember." in html
    assert _page_rows(html, "open-cooperatives")[3] == ["Bogor Tengah", "45", "40"]
    empty = client.get(reverse("open_statistics:place", args=["32.71"]), {"tahun": last - 1}).content.decode()
    assert f"Belum ada data untuk tahun {last - 1}" in empty
    assert 'data-testid="open-cooperatives"' not in empty
    data = client.get(reverse("api:open_json", kwargs={"code": "32.71"}), {"year": last - 1}).json()
    assert (data["has_data"], data["rows"]) == (False, [])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code", ["33.01", "33.01.01", "31.71.01", "32.99", "32.71.99", "32.71.03.1002", "3271", "xx"]
)
def test_places_outside_west_java_or_unknown_are_not_found(client, code):
    assert client.get(f"/statistik/{code}/").status_code == 404
    assert client.get(f"/statistik/{code}/unduh.csv").status_code == 404
    response = client.get(f"/api/v1/insights/open/{code}")
    assert (response.status_code, response.json()) == (404, {"detail": "Tidak ditemukan."})
    assert client.get(f"/api/v1/insights/open/{code}.csv").status_code == 404


@pytest.mark.django_db
def test_a_year_not_yet_come_is_not_found(client):
    assert client.get("/statistik/", {"tahun": YEAR + 1}).status_code == 404
    assert client.get("/statistik/", {"tahun": "dua"}).status_code == 404
    assert client.get("/api/v1/insights/open/32", {"year": YEAR + 1}).status_code == 404


@pytest.mark.django_db
def test_the_province_page_lists_the_regencies(world, client):
    html = client.get("/statistik/").content.decode()
    assert "Statistik terbuka: Jawa Barat" in html
    rows = _page_rows(html, "open-cooperatives")
    assert rows[0] == ["Jawa Barat", "22", "x"]
    assert ["Kota Bogor", "22", "x"] in rows
    assert len(rows) == 1 + 27  # West Java's 27 regencies and cities


@pytest.mark.django_db
def test_the_language_switch_works_for_anonymous_visitors(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/statistik/32.71/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/statistik/32.71/"
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_get_indonesian_whatever_their_browser_says(client):
    html = client.get("/statistik/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert '<html lang="id">' in html
    assert "Statistik terbuka: Jawa Barat" in html


@pytest.mark.django_db
def test_the_footer_and_the_login_page_link_to_the_statistics(client):
    html = client.get(reverse("login")).content.decode()
    assert html.count('href="/statistik/"') == 2
    assert "Lihat statistik terbuka koperasi dan UMKM Jawa Barat" in html


@pytest.mark.django_db
def test_the_api_schema_documents_the_columns_and_needs_no_credentials(client):
    document = client.get("/api/v1/openapi.json").json()
    row = document["components"]["schemas"]["OpenRowOut"]["properties"]
    assert list(row) == ["region_code", "region_name", "level", *public.COLUMN_KEYS]
    assert row["cooperatives_active"]["description"].startswith("Koperasi yang berstatus aktif.")
    for path in ("/api/v1/insights/open/{code}", "/api/v1/insights/open/{code}.csv"):
        operation = document["paths"][path]["get"]
        assert "security" not in operation
    header = document["paths"]["/api/v1/insights/open/{code}.csv"]["get"]["responses"]["200"]["description"]
    assert header.endswith(", ".join(public.CSV_HEADER) + ".")


@pytest.mark.django_db
def test_the_snapshot_command_keeps_what_a_past_year_publishes(world):
    from sinergi.insights.snapshots import snapshot_take

    last = YEAR - 1
    snapshot_take(date(last, 12, 1))
    live = public.open_table("32.71", YEAR)
    kept = public.open_table("32.71", last)
    assert (kept.source, kept.has_data) == ("snapshot", True)
    keys = ("cooperatives_registered", "cooperatives_active", "businesses_registered", "businesses_active")
    # Nothing changed since: the year-end figures are today's, cell for cell.
    assert _grid(kept, keys) == _grid(live, keys)
    assert _grid(kept, keys)[3][0] == "Bogor Tengah" and _grid(kept, keys)[3][3:] == [12, 7]
