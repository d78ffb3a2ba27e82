"""The officer deciding a claim opens the business it is about, or checks a new one is not
already registered under its name."""

import pytest

from sinergi.accounts.services import business_claim_submit
from sinergi.accounts.tests.factories import UserFactory
from sinergi.registry.models import BusinessProfile


@pytest.mark.django_db
def test_each_claim_links_to_its_business_or_to_a_search_for_its_name(client, officer_bogor, umkm_bogor):
    BusinessProfile.objects.create(organization=umkm_bogor)
    claimant = UserFactory(email="asep@sinergi.test", full_name="Asep Sunandar")
    existing = business_claim_submit(actor=claimant, organization=umkm_bogor, evidence="Usaha keluarga.")
    new = business_claim_submit(
        actor=claimant, new_name="Warung Talas & Ubi", new_region_code="32.71.06.1003", new_address="Jl. A"
    )
    client.force_login(officer_bogor)
    html = client.get("/akun/klaim/tinjau/").content.decode()
    assert (
        f'<section class="card gap-bottom claim" id="klaim-{existing.pk}">\n  <div class="row">'
        f'<a href="/registri/umkm/{umkm_bogor.pk}/"><strong>Keripik Talas Bu Euis</strong></a></div>'
    ) in html
    assert (
        f'<section class="card gap-bottom claim" id="klaim-{new.pk}">\n  <div class="row">'
        '<strong>Warung Talas &amp; Ubi</strong><span class="badge badge-blue">usaha baru</span></div>\n'
        '  <p class="muted"><small>Kedung Badak, Tanah Sareal, Kota Bogor, Jawa Barat · Jl. A</small></p>\n'
        '  <p><small><a href="/registri/umkm/?q=Warung%20Talas%20%26%20Ubi">'
        "Cek apakah usaha ini sudah terdaftar</a></small></p>"
    ) in html
    assert client.get(f"/registri/umkm/{umkm_bogor.pk}/").status_code == 200
    search = client.get("/registri/umkm/?q=Warung%20Talas%20%26%20Ubi").content.decode()
    assert 'value="Warung Talas &amp; Ubi"' in search
