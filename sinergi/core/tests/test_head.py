"""HEAD is answered wherever GET is, with GET's status and headers and no body."""

import pytest
from django.http import FileResponse, HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from sinergi.core.middleware import HeadAsGetMiddleware
from sinergi.registry.services import business_register, cooperative_register


def plain_paths(patterns=None, prefix: str = "") -> list[str]:
    """Every page address of the site that takes no argument (the API is checked separately)."""
    found = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(pattern.pattern)
        if "<" in route or route.startswith("api/"):
            continue
        if isinstance(pattern, URLResolver):
            found += plain_paths(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern):
            found.append("/" + prefix + route)
    return found


def test_the_walk_covers_the_site():
    paths = plain_paths()
    assert len(paths) > 40
    assert {"/", "/masuk/", "/registri/koperasi/", "/registri/impor/", "/kesehatan/laporan/"} <= set(paths)


@pytest.mark.django_db
def test_every_page_answers_head_as_it_answers_get(client, officer_bogor):
    client.force_login(officer_bogor)
    client.raise_request_exception = False
    differing = {}
    for path in plain_paths():
        get, head = client.get(path), client.head(path)
        if (head.status_code, head.get("Content-Type")) != (get.status_code, get.get("Content-Type")):
            differing[path] = (get.status_code, head.status_code)
        assert (b"".join(head.streaming_content) if head.streaming else head.content) == b"", path
    assert differing == {}


@pytest.mark.django_db
def test_detail_pages_and_the_api_answer_head(client, officer_bogor):
    ksp = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    talas = business_register(actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003")
    client.force_login(officer_bogor)
    paths = [
        f"/registri/koperasi/{ksp.pk}/",
        f"/registri/koperasi/{ksp.pk}/ubah/",
        f"/registri/koperasi/{ksp.pk}/anggota/",
        f"/registri/umkm/{talas.pk}/",
        f"/registri/umkm/{talas.pk}/ubah/",
        f"/akun/organisasi/{ksp.organization_id}/",
        "/api/v1/registry/cooperatives/",
        f"/api/v1/registry/cooperatives/{ksp.pk}",
        f"/api/v1/registry/businesses/{talas.pk}",
        "/api/v1/me",
        "/api/v1/openapi.json",
        "/api/v1/docs",
    ]
    statuses = {path: (client.get(path).status_code, client.head(path).status_code) for path in paths}
    assert statuses == {path: (200, 200) for path in paths}


@pytest.mark.django_db
def test_head_is_refused_where_get_is(client, officer_bogor, viewer_bogor):
    # A POST-only action refuses GET and HEAD alike; a page out of reach is missing for both.
    ksp = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    client.force_login(viewer_bogor)
    assert client.head(f"/registri/koperasi/{ksp.pk}/status/").status_code == 405
    assert client.head("/registri/koperasi/999999999/").status_code == 404
    client.logout()
    anonymous = client.head("/registri/koperasi/")
    assert (anonymous.status_code, anonymous["Location"]) == (302, "/masuk/?next=/registri/koperasi/")


def test_the_body_is_dropped_and_its_length_kept():
    seen = []

    def page(request):
        seen.append(request.method)
        return HttpResponse("halaman", content_type="text/html")

    request = RequestFactory().head("/")
    response = HeadAsGetMiddleware(page)(request)
    assert seen == ["GET"]
    assert request.method == "HEAD"
    assert (response.status_code, response.content, response["Content-Length"]) == (200, b"", "7")


# Closing a response signals the end of a request, which tidies the database connections.
@pytest.mark.django_db
def test_a_file_is_not_sent_for_head(tmp_path):
    path = tmp_path / "lembar.csv"
    path.write_bytes(b"nama\nKSP Mekar Jaya\n")
    handle = path.open("rb")
    response = HeadAsGetMiddleware(lambda request: FileResponse(handle))(RequestFactory().head("/"))
    assert list(response.streaming_content) == []
    assert response["Content-Length"] == "20"
    response.close()
    assert handle.closed


def test_other_methods_pass_through():
    seen = []

    def page(request):
        seen.append(request.method)
        return HttpResponse("ok")

    middleware = HeadAsGetMiddleware(page)
    assert middleware(RequestFactory().get("/")).content == b"ok"
    assert middleware(RequestFactory().post("/")).content == b"ok"
    assert seen == ["GET", "POST"]
