"""Browser journey: an officer builds a Kampung Koperasi, finding its businesses with the search box."""

import pytest

from conftest import login, pick_region
from sinergi.registry import services
from sinergi.registry.models import Cluster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_cluster_with_search(page, officer_bogor):
    ksp = services.cooperative_register(
        actor=officer_bogor, name="KSP Talas Bogor", region_code="32.71.06.1003"
    )
    talas = services.business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003"
    )
    bolu = services.business_register(
        actor=officer_bogor, name="Bolu Talas Sangkuriang", region_code="32.71.06.1001"
    )
    services.business_register(actor=officer_bogor, name="Bakso Mang Ujang", region_code="32.71.06.1002")
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")

    page.goto(page.base_url + "/registri/koperasi/")
    page.click("a:has-text('Kampung Koperasi')")
    page.click("a:has-text('Klaster baru')")
    pick_region(page, "district", ["32.71.06"], first_level=3)  # the picker starts below the office's root
    page.click("button:has-text('Lanjut')")
    page.fill("#id_name", "Kampung Talas")
    page.fill("#id_commodity", "Talas")
    page.select_option("#id_flagship", str(ksp.pk))
    page.check(f"#coop-{ksp.pk}")
    page.fill("#business-q", "keripik")
    page.locator("#business-options label", has_text="Bakso Mang Ujang").wait_for(state="detached")
    page.check(f"#biz-{talas.pk}")
    page.fill("#business-q", "bolu")
    page.locator("#business-options label", has_text="Bolu Talas Sangkuriang").wait_for()
    assert page.is_checked(f"#biz-{talas.pk}")  # the first choice stays while searching again
    page.check(f"#biz-{bolu.pk}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("h1:has-text('Kampung Talas')")
    cluster = Cluster.objects.get(name="Kampung Talas")
    assert (cluster.district_id, cluster.flagship_id) == ("32.71.06", ksp.pk)
    assert sorted(cluster.businesses.values_list("pk", flat=True)) == sorted([talas.pk, bolu.pk])
    page.click("a:has-text('Buka di daftar UMKM')")
    page.wait_for_selector("#rows:has-text('Bolu Talas Sangkuriang')")
    assert "Bakso Mang Ujang" not in page.locator("#rows").inner_text()
