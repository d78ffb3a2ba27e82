"""The links a list page writes: the next page and the exports keep the filters shown.

`{% querystring %}` writes its own `?`: a template that adds another sends a parameter named
`?page` and the list stays on page 1, and an export link drops its first filter.
"""

import html
import io
import re

import pytest
from openpyxl import load_workbook

from sinergi.core.audit import audit_record
from sinergi.core.models import AuditEvent
from sinergi.registry.services import business_register, cooperative_register


def link(page_html: str, text: str) -> str:
    """The href of the one link whose text contains `text`."""
    found = [
        html.unescape(href)
        for href, body in re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', page_html, re.S)
        if text in body
    ]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def twenty_six_cooperatives(officer_bogor):
    return [
        cooperative_register(actor=officer_bogor, name=f"Koperasi Uji {i:02d}", region_code="32.71.03.1002")
        for i in range(1, 27)
    ]


@pytest.mark.django_db
def test_next_page_link_of_a_list_leads_to_page_two(client, officer_bogor, twenty_six_cooperatives):
    client.force_login(officer_bogor)
    first = client.get("/registri/koperasi/?status=aktif").content.decode()
    assert "Koperasi Uji 25" in first and "Koperasi Uji 26" not in first
    href = link(first, "Berikutnya")
    assert href == "?status=aktif&page=2"

    second = client.get("/registri/koperasi/" + href).content.decode()
    assert "Koperasi Uji 26" in second and "Koperasi Uji 25" not in second
    assert "Baris 26–26" in second
    assert link(second, "Sebelumnya") == "?status=aktif&page=1"


@pytest.mark.django_db
def test_next_page_link_of_a_numbered_list_leads_to_page_two(client, superuser):
    for i in range(51):
        audit_record(actor=superuser, action="uji.catatan", object_type="uji", object_id=str(i))
    client.force_login(superuser)
    first = client.get("/akun/audit/?action=uji.catatan").content.decode()
    assert "Halaman 1 dari 2" in first
    href = link(first, "Berikutnya")
    assert href == "?action=uji.catatan&page=2"
    second = client.get("/akun/audit/" + href).content.decode()
    assert "Halaman 2 dari 2" in second


@pytest.fixture
def two_businesses(officer_bogor):
    talas = business_register(actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003")
    business_register(actor=officer_bogor, name="Batik Tulis Pak Ujang", region_code="32.71.06.1003")
    return talas


def _export_links(page_html: str) -> tuple[str, str]:
    return link(page_html, "Ekspor CSV"), link(page_html, "Ekspor XLSX")


@pytest.mark.django_db
def test_export_links_carry_the_filters_and_the_format(client, officer_bogor, two_businesses):
    client.force_login(officer_bogor)
    page_html = client.get("/registri/umkm/?q=talas&status=aktif&page=1").content.decode()
    csv_href, xlsx_href = _export_links(page_html)
    assert csv_href == "/registri/umkm/ekspor/?q=talas&status=aktif"
    assert xlsx_href == "/registri/umkm/ekspor/?q=talas&status=aktif&format=xlsx"

    response = client.get(xlsx_href)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Keripik Talas Bu Euis"]
    event = AuditEvent.objects.get(action="registry.export.umkm")
    assert event.after["format"] == "xlsx"
    assert event.after["filters"]["q"] == "talas" and event.after["filters"]["status"] == "aktif"


@pytest.mark.django_db
def test_xlsx_export_link_without_filters_downloads_xlsx(client, officer_bogor, two_businesses):
    client.force_login(officer_bogor)
    csv_href, xlsx_href = _export_links(client.get("/registri/koperasi/").content.decode())
    assert (csv_href, xlsx_href) == ("/registri/koperasi/ekspor/", "/registri/koperasi/ekspor/?format=xlsx")
    response = client.get(xlsx_href)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.django_db
def test_live_search_fragment_brings_export_links_for_its_search(client, officer_bogor, two_businesses):
    client.force_login(officer_bogor)
    fragment = client.get("/registri/umkm/?q=batik", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "Batik Tulis Pak Ujang" in fragment
    assert _export_links(fragment) == (
        "/registri/umkm/ekspor/?q=batik",
        "/registri/umkm/ekspor/?q=batik&format=xlsx",
    )
