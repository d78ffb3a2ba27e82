"""The published contract (`/api/v1/openapi.json`) says what the API really does, and hostile input
is refused at the door instead of reaching the database (NUL bytes, absurd page numbers and ids,
years no financial year has)."""

import datetime as dt

import pytest

from sinergi.accounts.services import api_token_create
from sinergi.core.paging import MAX_PAGE
from sinergi.core.text import SINGLE_LINE_PATTERN
from sinergi.health.models import AnnualReport
from sinergi.health.services.reports import EARLIEST_YEAR, LATEST_YEAR
from sinergi.regions.codes import code_pattern
from sinergi.registry import rules, services
from sinergi.registry.models import BusinessProfile, CooperativeProfile

HUGE = "100000000000000000000"
ERROR_REF = "#/components/schemas/ErrorOut"


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _keyword(prop: dict, key: str):
    """A JSON-schema keyword of a property, also inside the branch of an optional one (`X | None`)."""
    for branch in [prop, *prop.get("anyOf", [])]:
        if key in branch:
            return branch[key]
    raise KeyError(key)


def _operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


@pytest.fixture
def office(client, officer_bogor):
    token = api_token_create(actor=officer_bogor, name="uji")[1]
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


@pytest.fixture
def ksp(officer_bogor):
    return services.cooperative_register(
        actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002", legal_number="1/BH/1998",
        legal_date=dt.date(1998, 4, 12), cooperative_type="simpan_pinjam",
    )  # fmt: skip


# --- the published document ---------------------------------------------------------------------


@pytest.mark.django_db
def test_cooperative_members_and_network_members_have_their_own_schemas(document):
    schemas = document["components"]["schemas"]
    assert "MemberOut" not in schemas
    assert set(schemas["CooperativeMemberOut"]["properties"]) == {
        "id", "member_number", "name", "nik", "gender", "joined_on", "status",
        "savings_pokok", "savings_wajib", "savings_sukarela",
    }  # fmt: skip
    assert set(schemas["NetworkMemberOut"]["properties"]) == {"id", "name", "district"}
    members = document["paths"]["/api/v1/registry/cooperatives/{cooperative_id}/members"]["get"]
    paged = members["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert paged == "#/components/schemas/PagedCooperativeMemberOut"


@pytest.mark.django_db
def test_every_operation_documents_its_errors_with_the_error_schema(document):
    assert document["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]
    operations = list(_operations(document))
    assert len(operations) >= 60
    for path, method, operation in operations:
        responses = operation["responses"]
        label = f"{method.upper()} {path}"
        if operation.get("security"):  # the open statistics need no credentials
            assert "401" in responses, label
        if operation.get("parameters") or operation.get("requestBody"):
            assert "422" in responses, label
        if "{" in path:
            assert "404" in responses, label
        if method in ("post", "put", "patch", "delete"):
            assert "403" in responses, label
        for status, answer in responses.items():
            if status >= "400":
                ref = answer["content"]["application/json"]["schema"]["$ref"]
                # The error schema, or one that extends it (a refused sale adds what is available).
                assert ref == ERROR_REF or _extends_error(document, ref), label


def _extends_error(document: dict, ref: str) -> bool:
    schemas = document["components"]["schemas"]
    schema = schemas[ref.rsplit("/", 1)[-1]]
    error = schemas["ErrorOut"]
    return set(error["properties"]) < set(schema["properties"]) and "detail" in schema["required"]


@pytest.mark.django_db
def test_order_writes_document_the_version_conflict(document):
    order = "/api/v1/purchasing/rounds/{round_id}/orders/{cooperative_id}"
    assert "409" in document["paths"][order]["put"]["responses"]
    assert "409" in document["paths"][order + "/lines/{product}"]["put"]["responses"]
    assert "409" not in document["paths"][order]["get"]["responses"]


@pytest.mark.django_db
def test_the_rules_bounds_are_published_from_their_constants(document):
    schemas = document["components"]["schemas"]
    cooperative = schemas["CooperativeIn"]["properties"]
    assert (cooperative["members_male"]["minimum"], cooperative["members_male"]["maximum"]) == (
        0, rules.MEMBERS_MAX,
    )  # fmt: skip
    assert cooperative["region"]["pattern"] == code_pattern(3) == r"^\d{2}\.\d{2}\.\d{2}(?:\.\d{4})?$"
    assert (cooperative["name"]["maxLength"], cooperative["name"]["pattern"]) == (200, SINGLE_LINE_PATTERN)
    business = schemas["BusinessIn"]["properties"]
    assert _keyword(business["employees"], "maximum") == rules.EMPLOYEES_MAX
    assert _keyword(business["capital"], "exclusiveMaximum") == int(rules.MONEY_LIMIT)
    patch = schemas["CooperativePatch"]["properties"]["fiscal_year_end_month"]
    assert (_keyword(patch, "minimum"), _keyword(patch, "maximum")) == (1, 12)
    year = schemas["ReportIn"]["properties"]["year"]
    assert (year["minimum"], year["maximum"]) == (EARLIEST_YEAR, LATEST_YEAR) == (1945, 2200)
    organization = schemas["OrganizationIn"]["properties"]
    assert "umkm" in organization["kind"]["enum"] and organization["region"]["pattern"] == code_pattern(3)
    page = document["paths"]["/api/v1/registry/cooperatives/"]["get"]["parameters"]
    assert [p["schema"]["maximum"] for p in page if p["name"] == "page"] == [MAX_PAGE]


# --- page numbers and ids -----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_absurd_page_number_is_refused_on_every_paginated_operation(office, document):
    paginated = [
        path.replace("{", "").replace("}", "")
        for path, method, operation in _operations(document)
        if method == "get" and any(p["name"] == "page" for p in operation.get("parameters", []))
    ]
    assert len(paginated) >= 10
    for path in paginated:
        url = "/".join("1" if part.endswith("_id") else part for part in path.split("/"))
        response = office.get(url, {"page": HUGE})
        assert response.status_code == 422, url
        assert "page" in response.json()["errors"], url
    assert office.get("/api/v1/registry/cooperatives/", {"page": MAX_PAGE}).json()["items"] == []


@pytest.mark.django_db
def test_an_absurd_page_number_on_a_page_shows_the_last_page_allowed(client, officer_bogor, ksp):
    client.force_login(officer_bogor)
    response = client.get("/registri/koperasi/", {"page": HUGE})
    assert response.status_code == 200
    assert response.context["page"].number == MAX_PAGE


@pytest.mark.django_db
def test_an_id_beyond_the_databases_integers_is_refused(office):
    for path in (
        "/api/v1/registry/cooperatives/-23466723453672385570406400",
        f"/api/v1/organizations/{HUGE}",
    ):
        response = office.get(path)
        assert response.status_code == 422, path


# --- text -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_nul_byte_in_a_name_is_refused_with_the_text_rule(office):
    response = office.post(
        "/api/v1/registry/businesses/",
        {"name": "Toko\x00Baru", "region": "32.71.03.1002"},
        content_type="application/json",
    )
    reason = (
        "Teks mengandung karakter kendali yang tidak terlihat (U+0000). Hapus karakter itu lalu coba lagi."
    )
    assert (response.status_code, response.json()) == (422, {"detail": reason, "errors": {"name": [reason]}})
    assert BusinessProfile.objects.count() == 0


@pytest.mark.django_db
def test_a_bidi_override_in_a_legal_number_changes_nothing(office, ksp):
    before = CooperativeProfile.objects.filter(pk=ksp.pk).values().get()
    response = office.patch(
        f"/api/v1/registry/cooperatives/{ksp.pk}",
        {"legal_number": "1/BH/\u202e8991"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "legal_number": [
            "Teks mengandung karakter pembalik arah tulisan (U+202E) yang bisa menyamarkan isinya. "
            "Hapus karakter itu lalu coba lagi."
        ]
    }
    assert CooperativeProfile.objects.filter(pk=ksp.pk).values().get() == before


@pytest.mark.django_db
def test_a_nul_byte_in_a_search_is_refused(office, ksp):
    for path in ("/api/v1/registry/cooperatives/", "/api/v1/organizations/", "/api/v1/regions/"):
        response = office.get(path, {"q": "Mekar\x00"})
        assert response.status_code == 422, path
        assert response.json()["errors"]["q"] == [
            "Teks mengandung karakter kendali yang tidak terlihat (U+0000). Hapus karakter itu lalu coba lagi."
        ]
    assert office.get("/api/v1/registry/cooperatives/", {"q": "Mekar"}).json()["count"] == 1


@pytest.mark.django_db
def test_a_reason_may_span_lines_but_a_name_may_not(office, ksp):
    response = office.post(
        f"/api/v1/registry/cooperatives/{ksp.pk}/status",
        {"status": "dibekukan", "reason": "Hasil pemeriksaan:\r\n- tidak RAT tiga tahun"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["status"]) == (200, "dibekukan")
    response = office.patch(
        f"/api/v1/registry/cooperatives/{ksp.pk}", {"name": "KSP\nMekar"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"]["name"] == [
        "Teks ini harus satu baris, tanpa baris baru atau tab (U+000A)."
    ]


@pytest.mark.django_db
def test_pages_refuse_hostile_text_in_the_query_and_the_form(client, officer_bogor, ksp):
    client.force_login(officer_bogor)
    response = client.get("/registri/koperasi/", {"q": "Mekar\x00"})
    assert response.status_code == 400
    assert "(U+0000)" in response.content.decode()
    assert client.get("/registri/koperasi/", {"q": "Mekar"}).status_code == 200
    response = client.post(
        "/registri/umkm/baru/", {"name": "Toko\u200bBaru", "region": "32.71.03.1002", "status": "aktif"}
    )
    assert response.status_code == 400
    assert "(U+200B)" in response.content.decode()
    assert BusinessProfile.objects.count() == 0


# --- annual report years ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_year_beyond_the_calendar_is_refused_with_the_report_rule(office, officer_bogor, ksp):
    for year in (10000, LATEST_YEAR + 1, EARLIEST_YEAR - 1):
        response = office.post(
            "/api/v1/health/reports/",
            {"cooperative_id": ksp.pk, "year": year},
            content_type="application/json",
        )
        assert response.status_code == 400, year
        assert response.json()["errors"]["year"] == ["Tahun buku tidak masuk akal."]
    assert AnnualReport.objects.count() == 0
