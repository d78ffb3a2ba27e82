"""The 403, 404 and 500 pages: the site's layout, the person's language, a way back home."""

from unittest import mock

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, RequestFactory, override_settings

from sinergi.core.views import SERVER_ERROR_FALLBACK, server_error
from sinergi.registry.models import CooperativeProfile
from sinergi.registry.services import cooperative_register


def template_names(response) -> list[str]:
    return [template.name for template in response.templates]


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_unknown_address_shows_the_site_404_page(client, officer_bogor):
    client.force_login(officer_bogor)
    response = client.get("/tidak-ada-halaman-ini/")
    html = response.content.decode()
    assert response.status_code == 404
    assert template_names(response)[:2] == ["404.html", "base.html"]
    assert "<title>Halaman tidak ditemukan · Sinergi</title>" in html
    assert '<html lang="id">' in html
    assert '<a class="btn" href="/">' in html
    # The site's frame: the menu of a signed-in officer and the footer.
    assert 'class="mainnav"' in html and 'class="site"' in html
    assert response["Content-Security-Policy"].startswith("default-src 'self'")


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_404_page_for_someone_signed_out(client):
    response = client.get("/tidak-ada-halaman-ini/")
    html = response.content.decode()
    assert response.status_code == 404
    assert template_names(response)[0] == "404.html"
    assert "Halaman tidak ditemukan" in html and 'class="mainnav"' not in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_404_page_follows_the_chosen_language(client):
    client.cookies["sinergi_lang"] = "en"
    response = client.get("/tidak-ada-halaman-ini/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html
    assert "Cooperative and MSME Office" in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_an_object_out_of_reach_shows_the_site_404_page(client, officer_bandung, officer_bogor):
    ksp = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    client.force_login(officer_bandung)
    response = client.get(f"/registri/koperasi/{ksp.pk}/")
    assert response.status_code == 404
    assert template_names(response)[0] == "404.html"
    assert "KSP Mekar Jaya" not in response.content.decode()


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_refused_page_shows_the_site_403_page_and_changes_nothing(client, viewer_bogor):
    client.force_login(viewer_bogor)
    before = CooperativeProfile.objects.count()
    response = client.post("/registri/koperasi/baru/", {"name": "KSP Liar", "region": "32.71.03.1002"})
    html = response.content.decode()
    assert response.status_code == 403
    assert template_names(response)[:2] == ["403.html", "base.html"]
    assert "<title>Akses ditolak · Sinergi</title>" in html
    assert "Halaman ini di luar wewenang peran Anda." in html
    assert '<a class="btn" href="/">' in html and 'class="mainnav"' in html
    assert CooperativeProfile.objects.count() == before


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_form_without_its_security_token_shows_the_site_page(officer_bogor):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/masuk/", {"username": officer_bogor.email, "password": "rahasia-uji-123"})
    html = response.content.decode()
    assert response.status_code == 403
    assert template_names(response)[:2] == ["403_csrf.html", "base.html"]
    assert "<title>Formulir tidak dapat dikirim · Sinergi</title>" in html
    assert '<a class="btn" href="/">' in html
    # Nobody was signed in by the refused form.
    assert SESSION_KEY not in client.session


@pytest.mark.urls("sinergi.core.tests.urls_failing")
@override_settings(DEBUG=False)
def test_a_failing_page_shows_the_500_page_without_the_database():
    # No django_db mark: any query while drawing the page would fail the test.
    client = Client(raise_request_exception=False)
    response = client.get("/rusak/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "<title>Terjadi kesalahan di server · Sinergi</title>" in html
    assert '<html lang="id">' in html
    assert 'class="topbar"' in html and '<a class="btn" href="/">' in html
    assert "/static/css/sinergi.css" in html
    assert response["Content-Security-Policy"].startswith("default-src 'self'")


@pytest.mark.urls("sinergi.core.tests.urls_failing")
@override_settings(DEBUG=False)
def test_the_500_page_follows_the_chosen_language():
    client = Client(raise_request_exception=False)
    client.cookies["sinergi_lang"] = "en"
    html = client.get("/rusak/").content.decode()
    assert '<html lang="en">' in html
    assert "Cooperative and MSME Office" in html


def test_the_500_page_survives_a_broken_template():
    request = RequestFactory().get("/rusak/")
    with mock.patch("sinergi.core.views.loader.render_to_string", side_effect=ValueError("manifest")):
        response = server_error(request)
    assert response.status_code == 500
    assert response.content.decode() == SERVER_ERROR_FALLBACK


def test_the_site_uses_its_own_500_handler():
    from sinergi import urls

    assert urls.handler500 is server_error
