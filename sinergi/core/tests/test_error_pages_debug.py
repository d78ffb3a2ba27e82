"""With DEBUG on (the demo, `make run`), the site still shows its own 403, 404 and 500 pages."""

import pytest
from django.test import Client, modify_settings, override_settings

from sinergi.registry.models import CooperativeProfile
from sinergi.registry.services import cooperative_register

friendly = modify_settings(MIDDLEWARE={"append": "sinergi.core.middleware.FriendlyErrorsMiddleware"})


def template_names(response) -> list[str]:
    return [template.name for template in response.templates]


@pytest.mark.django_db
@friendly
@override_settings(DEBUG=True)
def test_unknown_address_in_the_demo_shows_the_site_404_page(client, officer_bogor):
    client.force_login(officer_bogor)
    response = client.get("/tidak-ada-halaman-ini/")
    html = response.content.decode()
    assert response.status_code == 404
    assert {"404.html", "base.html"} <= set(template_names(response))
    assert "<title>Halaman tidak ditemukan · Sinergi</title>" in html
    assert '<html lang="id">' in html
    assert '<a class="btn" href="/">Kembali ke beranda</a>' in html
    assert "data-history-back hidden>Kembali ke halaman sebelumnya</button>" in html
    assert 'class="mainnav"' in html
    # Django's technical page names the URL patterns it tried; the site's page does not.
    assert "URLconf" not in html


@pytest.mark.django_db
@friendly
@override_settings(DEBUG=True)
def test_the_demo_404_page_follows_the_chosen_language(client, officer_bogor):
    client.force_login(officer_bogor)
    client.cookies["sinergi_lang"] = "en"
    response = client.get("/tidak-ada-halaman-ini/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html
    assert "<title>Page not found · Sinergi</title>" in html
    assert '<a class="btn" href="/">Back to the home page</a>' in html
    assert "data-history-back hidden>" in html
    assert "Halaman tidak ditemukan" not in html


@pytest.mark.django_db
@friendly
@override_settings(DEBUG=True)
def test_an_object_out_of_reach_in_the_demo_shows_the_site_404_page(client, officer_bandung, officer_bogor):
    ksp = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    client.force_login(officer_bandung)
    response = client.get(f"/registri/koperasi/{ksp.pk}/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "404.html" in template_names(response)
    assert "KSP Mekar Jaya" not in html
    assert "<title>Halaman tidak ditemukan · Sinergi</title>" in html


@pytest.mark.django_db
@friendly
@override_settings(DEBUG=True)
def test_a_refused_page_in_the_demo_shows_the_site_403_page_and_changes_nothing(client, viewer_bogor):
    client.force_login(viewer_bogor)
    before = CooperativeProfile.objects.count()
    response = client.post("/registri/koperasi/baru/", {"name": "KSP Liar", "region": "32.71.03.1002"})
    html = response.content.decode()
    assert response.status_code == 403
    assert template_names(response)[:2] == ["403.html", "base.html"]
    assert "<title>Akses ditolak · Sinergi</title>" in html
    assert '<a class="btn" href="/">Kembali ke beranda</a>' in html
    assert CooperativeProfile.objects.count() == before


@pytest.mark.django_db
@friendly
@override_settings(DEBUG=True)
def test_the_demo_403_page_in_english(client, viewer_bogor):
    client.force_login(viewer_bogor)
    client.cookies["sinergi_lang"] = "en"
    response = client.post("/registri/koperasi/baru/", {"name": "KSP Liar", "region": "32.71.03.1002"})
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="en">' in html
    assert '<a class="btn" href="/">Back to the home page</a>' in html
    assert "Akses ditolak" not in html


@pytest.mark.urls("sinergi.core.tests.urls_failing")
@friendly
@override_settings(DEBUG=True)
def test_a_failing_page_in_the_demo_shows_the_site_500_page(caplog):
    client = Client(raise_request_exception=False)
    response = client.get("/rusak/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "<title>Terjadi kesalahan di server · Sinergi</title>" in html
    assert '<a class="btn" href="/">Kembali ke beranda</a>' in html
    assert "Traceback" not in html and "RuntimeError" not in html
    # The developer still finds the traceback in the console.
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Internal Server Error: /rusak/"
    assert record.exc_info[0] is RuntimeError


@pytest.mark.urls("sinergi.core.tests.urls_failing")
@friendly
@override_settings(DEBUG=True)
def test_the_demo_500_page_in_english():
    client = Client(raise_request_exception=False)
    client.cookies["sinergi_lang"] = "en"
    html = client.get("/rusak/").content.decode()
    assert '<html lang="en">' in html
    assert '<a class="btn" href="/">Back to the home page</a>' in html


@pytest.mark.django_db
@friendly
@override_settings(DEBUG=True, SINERGI_FRIENDLY_ERRORS=False)
def test_the_technical_pages_come_back_when_asked(client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()
    assert "404.html" not in template_names(response)


@pytest.mark.django_db
@friendly
@override_settings(DEBUG=True)
def test_a_page_that_exists_is_left_alone(client, officer_bogor):
    client.force_login(officer_bogor)
    response = client.get("/")
    assert response.status_code == 200
    assert "404.html" not in template_names(response)
