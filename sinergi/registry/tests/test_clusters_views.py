"""Kampung Koperasi pages: list, detail, the two-step form and its business search."""

import pytest

from sinergi.registry import selectors, services
from sinergi.registry.models import Cluster


@pytest.fixture
def kampung(officer_bogor, officer_bandung):
    ksp = services.cooperative_register(
        actor=officer_bogor, name="KSP Talas Bogor", region_code="32.71.06.1003"
    )
    kopwan = services.cooperative_register(
        actor=officer_bogor, name="Kopwan Mawar", region_code="32.71.06.1001"
    )
    far = services.cooperative_register(actor=officer_bogor, name="KUD Utara", region_code="32.71.04.1001")
    talas = services.business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003"
    )
    bolu = services.business_register(
        actor=officer_bogor, name="Bolu Talas Sangkuriang", region_code="32.71.06.1001"
    )
    cluster = services.cluster_save(
        actor=officer_bogor, name="Kampung Talas", commodity="Talas", district_code="32.71.06",
        flagship=ksp.organization, cooperatives=[ksp.organization], businesses=[talas.organization],
    )  # fmt: skip
    bandung = services.cluster_save(
        actor=officer_bandung, name="Kampung Rajut", commodity="Rajutan", district_code="32.73.02"
    )
    return {"ksp": ksp, "kopwan": kopwan, "far": far, "talas": talas, "bolu": bolu, "cluster": cluster,
            "bandung": bandung}  # fmt: skip


@pytest.mark.django_db
def test_cluster_list_scoped(client, kampung, officer_bandung, coop_manager):
    assert list(selectors.cluster_list(user=officer_bandung)) == [kampung["bandung"]]
    client.force_login(officer_bandung)
    html = client.get("/registri/klaster/").content.decode()
    assert "Kampung Rajut" in html and "Kampung Talas" not in html
    assert client.get(f"/registri/klaster/{kampung['cluster'].pk}/").status_code == 404
    client.force_login(coop_manager)  # a cooperative outside every cluster
    assert "Belum ada klaster." in client.get("/registri/klaster/").content.decode()


@pytest.mark.django_db
def test_cluster_detail_lists_members_with_links(client, kampung, officer_bogor, viewer_bogor):
    cluster = kampung["cluster"]
    client.force_login(viewer_bogor)
    html = client.get(f"/registri/klaster/{cluster.pk}/").content.decode()
    assert f'href="/registri/koperasi/{kampung["ksp"].pk}/"' in html
    assert f'href="/registri/umkm/{kampung["talas"].pk}/"' in html
    assert f'href="/registri/umkm/?cluster={cluster.pk}"' in html
    assert f'href="/registri/koperasi/?cluster={cluster.pk}"' in html
    assert "/ubah/" not in html
    client.force_login(officer_bogor)
    assert (
        f"/registri/klaster/{cluster.pk}/ubah/"
        in client.get(f"/registri/klaster/{cluster.pk}/").content.decode()
    )
    # The cooperative's own page links to its cluster.
    detail = client.get(f"/registri/koperasi/{kampung['ksp'].pk}/").content.decode()
    assert f'href="/registri/klaster/{cluster.pk}/"' in detail


@pytest.mark.django_db
def test_member_sees_own_cluster(client, kampung, officer_bogor, coop_manager):
    from sinergi.accounts.models import Membership

    coop = Membership.objects.get(user=coop_manager).organization
    services.cluster_save(
        actor=officer_bogor, cluster=kampung["cluster"], name="Kampung Talas", commodity="Talas",
        district_code="32.71.06", cooperatives=[coop],
    )  # fmt: skip
    client.force_login(coop_manager)
    assert "Kampung Talas" in client.get("/registri/klaster/").content.decode()


@pytest.mark.django_db
def test_create_in_two_steps(client, kampung, officer_bogor):
    client.force_login(officer_bogor)
    first = client.get("/registri/klaster/baru/").content.decode()
    assert 'name="district_3"' in first
    too_shallow = client.get("/registri/klaster/baru/?district_2=32.71").content.decode()
    assert "Pilih sampai kecamatan" in too_shallow
    second = client.get("/registri/klaster/baru/?district_3=32.71.06").content.decode()
    assert "KSP Talas Bogor" in second and "Kopwan Mawar" in second and "KUD Utara" not in second
    assert "Bolu Talas Sangkuriang" in second
    response = client.post(
        "/registri/klaster/baru/",
        {"district": "32.71.06", "name": "Kampung Bolu", "commodity": "Bolu", "flagship": kampung["kopwan"].pk,
         "cooperatives": [kampung["kopwan"].pk], "businesses": [kampung["bolu"].pk, kampung["talas"].pk]},
    )  # fmt: skip
    created = Cluster.objects.get(name="Kampung Bolu")
    assert response.status_code == 302 and response.url == f"/registri/klaster/{created.pk}/"
    assert (created.district_id, created.flagship_id) == ("32.71.06", kampung["kopwan"].pk)
    assert sorted(created.businesses.values_list("pk", flat=True)) == sorted(
        [kampung["bolu"].pk, kampung["talas"].pk]
    )


@pytest.mark.django_db
def test_form_refuses_members_from_another_kecamatan(client, kampung, officer_bogor):
    client.force_login(officer_bogor)
    response = client.post(
        "/registri/klaster/baru/",
        {"district": "32.71.06", "name": "Kampung X", "commodity": "X", "cooperatives": [kampung["far"].pk]},
    )
    assert response.status_code == 200
    assert not Cluster.objects.filter(name="Kampung X").exists()


@pytest.mark.django_db
def test_edit_and_business_search(client, kampung, officer_bogor):
    cluster = kampung["cluster"]
    client.force_login(officer_bogor)
    page = client.get(f"/registri/klaster/{cluster.pk}/ubah/").content.decode()
    assert 'value="Kampung Talas"' in page and "checked" in page
    found = client.get(
        "/registri/klaster/pilihan/",
        {"district": "32.71.06", "q": "bolu", "businesses": [kampung["talas"].pk]},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "<html" not in found
    assert "Bolu Talas Sangkuriang" in found and "Keripik Talas Bu Euis" in found  # match, and the chosen one
    assert found.index("Keripik Talas Bu Euis") < found.index("Bolu Talas Sangkuriang")
    response = client.post(
        f"/registri/klaster/{cluster.pk}/ubah/",
        {"district": "32.71.06", "name": "Kampung Talas Bogor", "commodity": "Talas", "businesses": [kampung["bolu"].pk]},
    )  # fmt: skip
    assert response.status_code == 302
    cluster.refresh_from_db()
    assert (cluster.name, cluster.flagship_id) == ("Kampung Talas Bogor", None)
    assert list(cluster.businesses.values_list("pk", flat=True)) == [kampung["bolu"].pk]


@pytest.mark.django_db
def test_form_permissions(client, kampung, viewer_bogor, officer_bandung):
    cluster = kampung["cluster"]
    client.force_login(viewer_bogor)
    assert client.get("/registri/klaster/baru/").status_code == 403
    assert client.get(f"/registri/klaster/{cluster.pk}/ubah/").status_code == 403
    assert client.get("/registri/klaster/pilihan/?district=32.71.06&q=talas").status_code == 403
    client.force_login(officer_bandung)
    assert client.get(f"/registri/klaster/{cluster.pk}/ubah/").status_code == 404
    assert client.get("/registri/klaster/pilihan/?district=32.71.06&q=talas").status_code == 403
    client.post("/registri/klaster/baru/", {"district": "32.71.06", "name": "Y", "commodity": "Y"})
    assert not Cluster.objects.filter(name="Y").exists()
