"""Duplicate review pages and selectors: scoping, permissions, one happy path each."""

from decimal import Decimal

import pytest

from sinergi.accounts.models import Organization
from sinergi.registry import selectors, services
from sinergi.registry.models import DuplicateCandidate, MergeRecord


@pytest.fixture
def pairs(officer_bogor, officer_bandung):
    """A likely duplicate in Kota Bogor (found by a scan) and one in Kota Bandung."""
    services.business_register(actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003",
                               owner_name="Euis Rahmawati", owner_nik="3271064107850003", phone="081234567890")  # fmt: skip
    services.business_register(actor=officer_bogor, name="Kripik Talas Ibu Euis", region_code="32.71.06.1003",
                               owner_name="Euis Rahmawati", owner_nik="3271064107850003", phone="081234567890",
                               kbli="10792")  # fmt: skip
    services.duplicate_scan(actor=officer_bogor, kind="umkm", region="32.71")
    a = services.cooperative_register(
        actor=officer_bandung, name="KSP Mekar Sari", region_code="32.73.02.1004"
    )
    b = services.cooperative_register(
        actor=officer_bandung, name="Kop Mekar Sari", region_code="32.73.02.1004"
    )
    bandung = DuplicateCandidate.objects.create(
        kind="cooperative", left=a.organization, right=b.organization, score=Decimal("91"), reasons={"name": 100.0},
        region_code="32.73.02.1004",
    )  # fmt: skip
    return DuplicateCandidate.objects.get(kind="umkm"), bandung


@pytest.mark.django_db
def test_queue_selector_is_scoped(pairs, officer_bogor, officer_bandung, coop_manager, superuser):
    bogor, bandung = pairs
    assert list(selectors.duplicate_list(user=officer_bogor)) == [bogor]
    assert list(selectors.duplicate_list(user=officer_bandung)) == [bandung]
    assert list(selectors.duplicate_list(user=coop_manager)) == []
    assert list(selectors.duplicate_list(user=superuser)) == [bogor, bandung]  # best score first
    assert list(selectors.duplicate_list(user=superuser, kind="umkm")) == [bogor]
    assert list(selectors.duplicate_list(user=superuser, status="merged")) == []
    assert list(selectors.duplicate_list(user=superuser, region="32.73")) == [bandung]


@pytest.mark.django_db
def test_queue_page_lists_own_pairs_only(client, pairs, officer_bandung, officer_bogor):
    bogor, bandung = pairs
    client.force_login(officer_bogor)
    html = client.get("/registri/duplikat/").content.decode()
    assert "Keripik Talas Bu Euis" in html and "KSP Mekar Sari" not in html
    assert "Pindai sekarang" in html
    rows = client.get("/registri/duplikat/?kind=cooperative", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in rows and "Tidak ada pasangan" in rows
    assert client.get(f"/registri/duplikat/{bandung.pk}/").status_code == 404
    client.force_login(officer_bandung)
    assert client.get(f"/registri/duplikat/{bogor.pk}/").status_code == 404


@pytest.mark.django_db
def test_queue_is_for_officers(client, pairs, coop_manager):
    client.force_login(coop_manager)
    assert client.get("/registri/duplikat/").status_code == 403
    assert client.get(f"/registri/duplikat/{pairs[0].pk}/").status_code == 403


@pytest.mark.django_db
def test_compare_page_explains_and_masks_for_viewer(client, pairs, viewer_bogor, officer_bogor):
    bogor, _bandung = pairs
    client.force_login(viewer_bogor)
    html = client.get(f"/registri/duplikat/{bogor.pk}/").content.decode()
    assert "NIK pemilik sama." in html and "Nomor WhatsApp sama." in html and "Kecamatan sama." in html
    assert "3271********0003" in html and "3271064107850003" not in html
    assert "Gabungkan" not in html  # viewers only read
    client.force_login(officer_bogor)
    html = client.get(f"/registri/duplikat/{bogor.pk}/").content.decode()
    assert "3271064107850003" in html and 'name="keep"' in html


@pytest.fixture
def contact_pairs(officer_bogor):
    """In Kota Bogor: two UMKM that may be one business, each with its owner's contact details, and
    two cooperatives, one with its own contact details."""
    a = services.business_register(
        actor=officer_bogor, name="Toko Sari Rasa", region_code="32.71.06.1003", owner_nik="3271064107850003",
        phone="081234567890", address="Gg. Mawar RT 02/05", email="sari.rasa@contoh.id",
    )  # fmt: skip
    b = services.business_register(
        actor=officer_bogor, name="Toko Sari Rasa Bogor", region_code="32.71.06.1003",
        owner_nik="3271060101800001", phone="081298765432", address="Jl. Pajajaran 12", email="toko.sari@contoh.id",
    )  # fmt: skip
    k = services.cooperative_register(
        actor=officer_bogor, name="KSP Mekar Sari", region_code="32.71.03.1002", phone="081211112222",
        address="Jl. Suryakencana 12", email="ksp.mekar@contoh.id",
    )  # fmt: skip
    m = services.cooperative_register(actor=officer_bogor, name="Kop Mekar Sari", region_code="32.71.03.1002")
    umkm = DuplicateCandidate.objects.create(
        kind="umkm", left=a.organization, right=b.organization, score=Decimal("90"), reasons={"name": 92.0},
        region_code="32.71.06.1003",
    )  # fmt: skip
    cooperatives = DuplicateCandidate.objects.create(
        kind="cooperative", left=k.organization, right=m.organization, score=Decimal("91"),
        reasons={"name": 100.0}, region_code="32.71.03.1002",
    )  # fmt: skip
    return umkm, cooperatives


CONTACT_LABELS = ("NIK pemilik", "WhatsApp", "Email", "Alamat")


def _contact_rows(response) -> list[tuple[str, str, str]]:
    return [(r["label"], r["left"], r["right"]) for r in response.context["rows"] if r["label"] in CONTACT_LABELS]


@pytest.mark.django_db
def test_compare_page_shows_a_viewer_what_the_presenter_shows(client, contact_pairs, viewer_bogor):
    umkm, cooperatives = contact_pairs
    client.force_login(viewer_bogor)
    response = client.get(f"/registri/duplikat/{umkm.pk}/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert _contact_rows(response) == [
        ("NIK pemilik", "3271********0003", "3271********0001"),
        ("WhatsApp", "6281******890", "6281******432"),
        ("Email", "s********@contoh.id", "t********@contoh.id"),
        ("Alamat", "******", "******"),
    ]
    html = response.content.decode()
    for raw in ("3271064107850003", "3271060101800001", "6281234567890", "6281298765432",
                "sari.rasa@contoh.id", "toko.sari@contoh.id", "Gg. Mawar", "Jl. Pajajaran"):  # fmt: skip
        assert raw not in html
    assert "Data pribadi ditampilkan tersamar untuk peran Anda." in html
    # A cooperative's contact details are its own, not a person's: shown as the cooperative's page does.
    response = client.get(f"/registri/duplikat/{cooperatives.pk}/")
    assert response["Cache-Control"] == "private, no-store"
    assert _contact_rows(response) == [
        ("WhatsApp", "6281211112222", "–"),
        ("Email", "ksp.mekar@contoh.id", "–"),
        ("Alamat", "Jl. Suryakencana 12", "–"),
    ]
    assert "Data pribadi ditampilkan tersamar" not in response.content.decode()


@pytest.mark.django_db
def test_compare_page_shows_a_staff_officer_the_personal_data(client, contact_pairs, officer_bogor):
    umkm, _cooperatives = contact_pairs
    client.force_login(officer_bogor)
    response = client.get(f"/registri/duplikat/{umkm.pk}/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert _contact_rows(response) == [
        ("NIK pemilik", "3271064107850003", "3271060101800001"),
        ("WhatsApp", "6281234567890", "6281298765432"),
        ("Email", "sari.rasa@contoh.id", "toko.sari@contoh.id"),
        ("Alamat", "Gg. Mawar RT 02/05", "Jl. Pajajaran 12"),
    ]
    assert "Data pribadi ditampilkan tersamar" not in response.content.decode()


@pytest.mark.django_db
def test_compare_page_explains_cooperative_evidence(client, pairs, officer_bandung):
    _bogor, bandung = pairs
    bandung.reasons = {"name": 100.0, "legal": "same", "legal_date": "different", "tier": "different",
                       "group": "different", "address": 100.0}  # fmt: skip
    bandung.save(update_fields=["reasons"])
    client.force_login(officer_bandung)
    html = client.get(f"/registri/duplikat/{bandung.pk}/").content.decode()
    for text in (
        "Nomor badan hukum sama (nomor lama kadang dipakai lebih dari satu koperasi).",
        "Tanggal badan hukum berbeda.",
        "Yang satu koperasi primer, yang lain koperasi sekunder.",
        "Nama menyebut kelompok anggota yang berbeda (misalnya Kopkar dan KPRI).",
        "Alamat mirip 100%.",
    ):
        assert text in html
    assert "legal_date" not in html and "tier" not in html  # no code names on screen


@pytest.mark.django_db
def test_merge_through_the_page(client, pairs, officer_bogor):
    bogor, _bandung = pairs
    client.force_login(officer_bogor)
    response = client.post(f"/registri/duplikat/{bogor.pk}/gabung/", {"keep": bogor.right_id})
    assert response.status_code == 302 and response.url == "/registri/duplikat/?kind=umkm"
    assert Organization.objects.get(pk=bogor.left_id).merged_into_id == bogor.right_id
    listing = client.get("/registri/umkm/").content.decode()
    assert f'href="/registri/umkm/{bogor.right_id}/"' in listing
    assert f'href="/registri/umkm/{bogor.left_id}/"' not in listing


@pytest.mark.django_db
def test_merge_refused_for_viewer_and_bad_choice(client, pairs, viewer_bogor, officer_bogor):
    bogor, _bandung = pairs
    client.force_login(viewer_bogor)
    client.post(f"/registri/duplikat/{bogor.pk}/gabung/", {"keep": bogor.left_id})
    client.force_login(officer_bogor)
    client.post(f"/registri/duplikat/{bogor.pk}/gabung/", {"keep": "999999"})
    assert not MergeRecord.objects.exists()
    assert DuplicateCandidate.objects.get(pk=bogor.pk).status == "open"


@pytest.mark.django_db
def test_mark_distinct_through_the_page(client, pairs, officer_bogor):
    bogor, _bandung = pairs
    client.force_login(officer_bogor)
    response = client.post(f"/registri/duplikat/{bogor.pk}/berbeda/", {"note": "Dua usaha"})
    assert response.status_code == 302
    assert DuplicateCandidate.objects.get(pk=bogor.pk).status == "distinct"
    assert "Dua usaha" in client.get(f"/registri/duplikat/{bogor.pk}/").content.decode()


@pytest.mark.django_db
def test_scan_button(client, officer_bogor, viewer_bogor):
    services.business_register(actor=officer_bogor, name="Opak Cibuluh", region_code="32.71.06.1003",
                               owner_name="Oman Sobari", phone="081300001111")  # fmt: skip
    services.business_register(actor=officer_bogor, name="Opak Cibuluh 2", region_code="32.71.06.1003",
                               owner_name="Oman Sobari", phone="081300001111")  # fmt: skip
    client.force_login(viewer_bogor)
    assert client.post("/registri/duplikat/pindai/", {"kind": "umkm"}).status_code == 403
    client.force_login(officer_bogor)
    response = client.post("/registri/duplikat/pindai/", {"kind": "umkm"})  # the whole jurisdiction
    assert response.status_code == 302 and response.url == "/registri/duplikat/?kind=umkm&region=32.71"
    assert DuplicateCandidate.objects.count() == 1
    assert "1 pasangan mirip, 1 baru" in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_merge_history_and_revert_for_admins_only(client, pairs, officer_bogor, admin_bogor):
    bogor, _bandung = pairs
    record = services.duplicate_merge(actor=officer_bogor, candidate=bogor, keep=bogor.left)
    client.force_login(officer_bogor)
    assert client.get("/registri/duplikat/riwayat/").status_code == 403
    assert client.post(f"/registri/duplikat/riwayat/{record.pk}/batalkan/").status_code == 403
    client.force_login(admin_bogor)
    assert "Kripik Talas Ibu Euis" in client.get("/registri/duplikat/riwayat/").content.decode()
    html = client.get(f"/registri/duplikat/riwayat/{record.pk}/").content.decode()
    assert "Batalkan penggabungan" in html and "<li>KBLI</li>" in html
    response = client.post(f"/registri/duplikat/riwayat/{record.pk}/batalkan/")
    assert response.status_code == 302
    assert MergeRecord.objects.get(pk=record.pk).reverted_by == admin_bogor
    assert DuplicateCandidate.objects.get(pk=bogor.pk).status == "open"


@pytest.mark.django_db
def test_merge_history_other_region_sees_nothing(client, pairs, officer_bogor, office_bandung):
    from sinergi.accounts.tests.factories import MembershipFactory, UserFactory

    record = services.duplicate_merge(actor=officer_bogor, candidate=pairs[0], keep=pairs[0].left)
    admin_bandung = MembershipFactory(
        user=UserFactory(email="admin.bandung@sinergi.test"), organization=office_bandung, role="admin"
    ).user
    assert list(selectors.merge_list(user=admin_bandung)) == []
    client.force_login(admin_bandung)
    assert client.get(f"/registri/duplikat/riwayat/{record.pk}/").status_code == 404


@pytest.mark.django_db
def test_superseded_pairs_leave_the_queue(pairs, officer_bogor):
    bogor, _bandung = pairs
    third = services.business_register(
        actor=officer_bogor,
        name="Keripik Talas Euis",
        region_code="32.71.06.1003",
        owner_name="Euis Rahmawati",
    )
    hidden = DuplicateCandidate.objects.create(
        kind="umkm",
        left=bogor.left,
        right=third.organization,
        score=Decimal("86"),
        region_code="32.71.06.1003",
    )
    existing = DuplicateCandidate.objects.create(
        kind="umkm",
        left=bogor.right,
        right=third.organization,
        score=Decimal("87"),
        region_code="32.71.06.1003",
    )
    services.duplicate_merge(actor=officer_bogor, candidate=bogor, keep=bogor.right)
    assert list(selectors.duplicate_list(user=officer_bogor)) == [existing]
    assert selectors.access_duplicate(user=officer_bogor, pk=hidden.pk) == hidden


@pytest.mark.django_db
def test_navigation_has_duplicates_for_officers(client, officer_bogor, coop_manager):
    client.force_login(officer_bogor)
    assert 'href="/registri/duplikat/"' in client.get("/registri/koperasi/").content.decode()
    client.force_login(coop_manager)
    assert 'href="/registri/duplikat/"' not in client.get("/").content.decode()
