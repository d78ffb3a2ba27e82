import pytest

from sinergi.accounts.filters import OrganizationFilters


def test_the_region_filter_takes_the_pickers_deepest_choice():
    params = {"region_1": "32", "region_2": "32.71", "region_3": "", "region_4": ""}
    assert OrganizationFilters.from_params(params).region == "32.71"
    assert OrganizationFilters.from_params({"region": "32.73"}).region == "32.73"
    assert OrganizationFilters.from_params({"region": "Bogor"}).region == ""


@pytest.mark.django_db
def test_the_organisation_list_filters_by_the_region_picker(
    client, officer_bogor, cooperative_bogor, umkm_bogor
):
    client.force_login(officer_bogor)
    html = client.get("/akun/organisasi/").content.decode()
    assert 'id="id_region_3"' in html and 'id="f-region"' not in html
    assert 'placeholder="32.71.03"' not in html and "Kode wilayah" not in html
    html = client.get(
        "/akun/organisasi/", {"region_2": "32.71", "region_3": "32.71.06", "region_4": "32.71.06.1001"}
    ).content.decode()
    assert "Koperasi Sejahtera Bersama" in html and "Keripik Talas Bu Euis" not in html


@pytest.mark.django_db
def test_a_viewer_is_not_offered_a_new_organisation(client, viewer_bogor, officer_bogor):
    client.force_login(viewer_bogor)
    assert "/akun/organisasi/baru/" not in client.get("/akun/organisasi/").content.decode()
    client.force_login(officer_bogor)
    assert "/akun/organisasi/baru/" in client.get("/akun/organisasi/").content.decode()
