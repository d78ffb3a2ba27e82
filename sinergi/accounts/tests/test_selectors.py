import pytest
from django.http import Http404

from sinergi.accounts import selectors, services
from sinergi.accounts.filters import OrganizationFilters
from sinergi.accounts.tests.factories import OrganizationFactory, UserFactory
from sinergi.core.audit import audit_record


@pytest.mark.django_db
def test_bandung_officer_sees_nothing_of_bogor(
    officer_bandung, cooperative_bogor, umkm_bogor, cooperative_bandung
):
    names = set(selectors.organization_list(user=officer_bandung).values_list("name", flat=True))
    assert cooperative_bandung.name in names
    assert cooperative_bogor.name not in names and umkm_bogor.name not in names
    with pytest.raises(Http404):
        selectors.access_organization(user=officer_bandung, pk=cooperative_bogor.pk)


@pytest.mark.django_db
def test_bogor_officer_sees_own_region_with_filters(
    officer_bogor, cooperative_bogor, umkm_bogor, cooperative_bandung
):
    everything = selectors.organization_list(user=officer_bogor)
    assert set(everything.values_list("name", flat=True)) >= {cooperative_bogor.name, umkm_bogor.name}
    assert cooperative_bandung not in everything
    only_umkm = selectors.organization_list(user=officer_bogor, filters=OrganizationFilters(kind="umkm"))
    assert list(only_umkm) == [umkm_bogor]
    in_tanah_sareal = selectors.organization_list(
        user=officer_bogor, filters=OrganizationFilters(region="32.71.06")
    )
    assert set(in_tanah_sareal) == {cooperative_bogor, umkm_bogor}
    by_name = selectors.organization_list(user=officer_bogor, filters=OrganizationFilters(q="talas"))
    assert list(by_name) == [umkm_bogor]


@pytest.mark.django_db
def test_member_sees_only_own_organization(coop_manager, cooperative_bogor, umkm_bogor):
    assert list(selectors.organization_list(user=coop_manager)) == [cooperative_bogor]
    with pytest.raises(Http404):
        selectors.access_organization(user=coop_manager, pk=umkm_bogor.pk)


@pytest.mark.django_db
def test_user_without_memberships_sees_nothing(cooperative_bogor):
    assert list(selectors.organization_list(user=UserFactory())) == []


@pytest.mark.django_db
def test_access_organization_rejects_garbage_ids(officer_bogor):
    with pytest.raises(Http404):
        selectors.access_organization(user=officer_bogor, pk="abc")


@pytest.mark.django_db
def test_audit_list_is_for_admins_of_the_region(
    admin_bogor, officer_bogor, officer_bandung, cooperative_bogor
):
    audit_record(actor=officer_bogor, action="x.bogor", obj=cooperative_bogor, region_code="32.71.06.1001")
    audit_record(actor=officer_bandung, action="x.bandung", object_type="t", region_code="32.73.02")
    assert list(selectors.audit_event_list(user=admin_bogor).values_list("action", flat=True)) == ["x.bogor"]
    assert list(selectors.audit_event_list(user=officer_bogor)) == []


@pytest.mark.django_db
def test_claim_list_scoped_to_region(officer_bogor, officer_bandung, umkm_bogor):
    claim = services.business_claim_submit(actor=UserFactory(), organization=umkm_bogor)
    assert list(selectors.claim_list(user=officer_bogor)) == [claim]
    assert list(selectors.claim_list(user=officer_bandung)) == []


@pytest.mark.django_db
def test_office_overview_counts_by_kind(officer_bogor, cooperative_bogor, umkm_bogor, cooperative_bandung):
    OrganizationFactory(kind="umkm", name="Warung Sate", region_id="32.71.01.1001")
    overview = selectors.office_overview(user=officer_bogor)
    counts = {k["kind"]: k["count"] for k in overview["kind_counts"]}
    # The office itself is a government organisation inside its own jurisdiction.
    assert counts == {"cooperative": 1, "umkm": 2, "government": 1}
    assert overview["organization_total"] == 4


@pytest.mark.django_db
def test_personal_data_export_contains_the_person(umkm_owner):
    services.correction_request_create(actor=umkm_owner, text="Alamat salah")
    data = selectors.personal_data_export(user=umkm_owner)
    assert data["akun"]["email"] == "pemilik@sinergi.test"
    assert data["keanggotaan"][0]["organisasi"] == "Keripik Talas Bu Euis"
    assert data["permintaan_koreksi"][0]["isi"] == "Alamat salah"
