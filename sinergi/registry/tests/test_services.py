import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.core.models import AuditEvent
from sinergi.registry import services
from sinergi.registry.models import BusinessProfile, CooperativeProfile, CooperativeStatusChange, Member


@pytest.fixture
def ksp(officer_bogor):
    return services.cooperative_register(
        actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002", nik_koperasi="3271030010001",
        legal_number="1/BH/1998", cooperative_type="simpan_pinjam", members_male=10, members_female=15,
    )  # fmt: skip


@pytest.mark.django_db
def test_register_cooperative_copies_region_and_history(ksp, officer_bogor):
    assert (ksp.region_code, ksp.district_code, ksp.regency_code, ksp.legal_key) == (
        "32.71.03.1002", "32.71.03", "32.71", "1/BH/1998",
    )  # fmt: skip
    assert ksp.status_changes.get().to_status == "aktif"
    assert AuditEvent.objects.filter(action="cooperative.register", object_id=str(ksp.pk)).exists()


@pytest.mark.django_db
def test_duplicate_nik_koperasi_is_a_validation_error(ksp, officer_bogor):
    with pytest.raises(ValidationError) as exc:
        services.cooperative_register(
            actor=officer_bogor, name="Lain", region_code="32.71.03.1002", nik_koperasi="3271030010001"
        )
    assert "nik_koperasi" in exc.value.error_dict
    assert CooperativeProfile.objects.count() == 1


@pytest.mark.django_db
def test_register_outside_jurisdiction_is_denied(officer_bandung):
    with pytest.raises(PermissionDenied):
        services.cooperative_register(actor=officer_bandung, name="X", region_code="32.71.03.1002")
    assert not CooperativeProfile.objects.exists()


@pytest.mark.django_db
def test_status_change_needs_reason_and_is_recorded(ksp, officer_bogor, viewer_bogor):
    with pytest.raises(ValidationError):
        services.cooperative_set_status(
            actor=officer_bogor, cooperative=ksp, status="tidak_aktif", reason=" "
        )
    with pytest.raises(PermissionDenied):
        services.cooperative_set_status(actor=viewer_bogor, cooperative=ksp, status="tidak_aktif", reason="x")
    ksp.refresh_from_db()
    assert ksp.status == "aktif"
    services.cooperative_set_status(
        actor=officer_bogor,
        cooperative=ksp,
        status="tidak_aktif",
        reason="Tidak RAT 3 tahun",
        effective_on=dt.date(2026, 1, 1),
    )
    ksp.refresh_from_db()
    change = ksp.status_changes.order_by("-id").first()
    assert (ksp.status, change.from_status, change.to_status, change.reason) == (
        "tidak_aktif", "aktif", "tidak_aktif", "Tidak RAT 3 tahun",
    )  # fmt: skip
    services.cooperative_set_status(
        actor=officer_bogor, cooperative=ksp, status="dibubarkan", reason="Putusan"
    )
    with pytest.raises(ValidationError):
        services.cooperative_set_status(
            actor=officer_bogor, cooperative=ksp, status="aktif", reason="Hidup lagi"
        )


@pytest.mark.django_db
def test_update_cannot_change_status_directly(ksp, officer_bogor):
    with pytest.raises(ValidationError):
        services.cooperative_update(actor=officer_bogor, cooperative=ksp, status="dibubarkan")
    ksp.refresh_from_db()
    assert ksp.status == "aktif"


@pytest.mark.django_db
def test_one_flagship_per_district(ksp, officer_bogor):
    other = services.cooperative_register(actor=officer_bogor, name="KSU Lain", region_code="32.71.03.1005")
    services.cooperative_update(actor=officer_bogor, cooperative=ksp, is_flagship=True)
    with pytest.raises(ValidationError) as exc:
        services.cooperative_update(actor=officer_bogor, cooperative=other, is_flagship=True)
    assert "is_flagship" in exc.value.error_dict


@pytest.mark.django_db
def test_record_rat_keeps_latest(ksp, officer_bogor):
    services.cooperative_record_rat(actor=officer_bogor, cooperative=ksp, rat_date=dt.date(2026, 3, 1))
    services.cooperative_record_rat(actor=officer_bogor, cooperative=ksp, rat_date=dt.date(2025, 3, 1))
    ksp.refresh_from_db()
    assert ksp.last_rat_date == dt.date(2026, 3, 1)
    with pytest.raises(ValidationError):
        services.cooperative_record_rat(
            actor=officer_bogor, cooperative=ksp, rat_date=dt.date.today() + dt.timedelta(days=3)
        )


@pytest.mark.django_db
def test_business_scale_and_override(officer_bogor, coop_manager):
    biz = services.business_register(
        actor=officer_bogor, name="Konveksi Rahayu", region_code="32.71.06.1001", capital=Decimal("800000000"),
        annual_sales=Decimal("3000000000"),
    )  # fmt: skip
    assert biz.scale == "kecil"  # sales Rp3 miliar > Rp2 miliar (PP 7/2021: sales when known)
    with pytest.raises(ValidationError):
        services.business_update(actor=officer_bogor, business=biz, scale_override="mikro")
    services.business_update(
        actor=officer_bogor, business=biz, scale_override="mikro", scale_override_reason="Omzet musiman"
    )
    biz.refresh_from_db()
    assert (biz.scale, biz.effective_scale) == ("kecil", "mikro")


@pytest.mark.django_db
def test_owner_cannot_override_scale(umkm_owner, umkm_bogor):
    biz = BusinessProfile.objects.create(
        organization=umkm_bogor, region_code="32.71.06.1003", district_code="32.71.06", regency_code="32.71",
        name_key="keripik talas bu euis",
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.business_update(
            actor=umkm_owner, business=biz, scale_override="menengah", scale_override_reason="x"
        )
    services.business_update(actor=umkm_owner, business=biz, employees=4)
    biz.refresh_from_db()
    assert (biz.employees, biz.scale_override) == (4, "")


@pytest.mark.django_db
def test_member_numbers_unique_per_cooperative(ksp, officer_bogor):
    coop = ksp.organization
    services.member_save(
        actor=officer_bogor,
        cooperative=coop,
        member_number="A-1",
        name="Asep",
        savings_wajib=Decimal("120000"),
    )
    with pytest.raises(ValidationError) as exc:
        services.member_save(actor=officer_bogor, cooperative=coop, member_number="A-1", name="Lain")
    assert "member_number" in exc.value.error_dict
    assert Member.objects.count() == 1


@pytest.mark.django_db
def test_member_writes_outside_reach_change_nothing(ksp, officer_bandung, umkm_owner):
    for actor in (officer_bandung, umkm_owner):
        with pytest.raises(PermissionDenied):
            services.member_save(actor=actor, cooperative=ksp.organization, member_number="Z", name="Z")
    assert not Member.objects.exists()


@pytest.mark.django_db
def test_cluster_in_own_district_only(ksp, officer_bogor, officer_bandung):
    cluster = services.cluster_save(
        actor=officer_bogor, name="Kampung Talas", commodity="Talas", district_code="32.71.03", flagship=ksp.organization,
        cooperatives=[ksp.organization],
    )  # fmt: skip
    assert cluster.cooperatives.get() == ksp.organization
    with pytest.raises(PermissionDenied):
        services.cluster_save(actor=officer_bandung, name="X", commodity="Y", district_code="32.71.03")


@pytest.mark.django_db
def test_old_import_files_are_purged(officer_bogor, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.utils import timezone

    from sinergi.registry.models import ImportBatch

    settings.MEDIA_ROOT = tmp_path
    batch = services.import_batch_upload(
        actor=officer_bogor, kind="umkm", uploaded_file=SimpleUploadedFile("a.csv", b"Nama Usaha\nX\n")
    )
    path = batch.file.path
    recent = services.import_batch_upload(
        actor=officer_bogor, kind="umkm", uploaded_file=SimpleUploadedFile("b.csv", b"Nama Usaha\nY\n")
    )
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - dt.timedelta(days=31))
    call_command("registry_purge_imports")
    batch.refresh_from_db()
    recent.refresh_from_db()
    assert not batch.file and recent.file
    import os

    assert not os.path.exists(path)


# --- the registry's rules, applied by the services ----------------------------------------------


@pytest.mark.django_db
def test_register_business_refuses_every_bad_value_at_once(officer_bogor):
    with pytest.raises(ValidationError) as exc:
        services.business_register(
            actor=officer_bogor, name="Toko", region_code="32.71.03.1002", phone="12345", email="toko@",
            owner_nik="12345", nib="912000", capital=Decimal("-1"), annual_sales=Decimal("1e16"),
            employees=100_001, founded_on=dt.date.today() + dt.timedelta(days=1),
        )  # fmt: skip
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert exc.value.message_dict == {
        "phone": ["Nomor telepon tidak valid: 12345"],
        "email": ["Alamat e-mail tidak valid: toko@"],
        "owner_nik": ["NIK harus 16 digit angka: 12345"],
        "nib": ["NIB harus 13 digit angka: 912000"],
        "capital": ["Nilai uang tidak boleh negatif: -1"],
        "annual_sales": ["Nilai uang terlalu besar: 10000000000000000"],
        "employees": ["Jumlah tenaga kerja harus antara 0 dan 100.000: 100001"],
        "founded_on": [f"Tanggal tidak boleh di masa depan: {tomorrow.isoformat()}"],
    }
    assert not BusinessProfile.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="business.").exists()


@pytest.mark.django_db
def test_register_business_stores_values_in_their_stored_form(officer_bogor):
    biz = services.business_register(
        actor=officer_bogor, name="Toko", region_code="32.71.03.1002", phone="0812-3456-7890",
        email=" Toko@Contoh.ID ", owner_nik="3271 0641 0785 0003", nib="912.000.123.4567",
    )  # fmt: skip
    biz.organization.refresh_from_db()
    assert (biz.owner_nik, biz.nib, biz.organization.phone, biz.organization.email) == (
        "3271064107850003", "9120001234567", "6281234567890", "toko@contoh.id",
    )  # fmt: skip


@pytest.mark.django_db
def test_update_judges_only_changed_values(ksp, officer_bogor):
    # A value stored before the rule existed (an old import) does not block other changes.
    CooperativeProfile.objects.filter(pk=ksp.pk).update(members_male=20_000_000)
    ksp.refresh_from_db()
    services.cooperative_update(
        actor=officer_bogor, cooperative=ksp, members_male=20_000_000, members_female=16
    )
    ksp.refresh_from_db()
    assert (ksp.members_male, ksp.members_female) == (20_000_000, 16)
    with pytest.raises(ValidationError) as exc:
        services.cooperative_update(actor=officer_bogor, cooperative=ksp, members_male=99_999_999_999)
    assert exc.value.message_dict == {
        "members_male": ["Jumlah anggota harus antara 0 dan 10.000.000: 99999999999"]
    }
    ksp.refresh_from_db()
    assert ksp.members_male == 20_000_000


@pytest.mark.django_db
def test_cooperative_dates_and_counts(ksp, officer_bogor):
    future = dt.date(dt.date.today().year + 4, 3, 28)
    cases = [
        ({"last_rat_date": future}, {"last_rat_date": [f"Tanggal tidak boleh di masa depan: {future.isoformat()}"]}),
        ({"legal_date": dt.date(1899, 12, 31)}, {"legal_date": ["Tanggal tidak boleh sebelum 1 Januari 1900: 1899-12-31"]}),
        (
            {"legal_date": dt.date(2020, 1, 1), "last_rat_date": dt.date(2019, 3, 1)},
            {"last_rat_date": ["Tanggal RAT sebelum tanggal badan hukum: 2019-03-01"]},
        ),
        ({"fiscal_year_end_month": 13}, {"fiscal_year_end_month": ["Bulan harus antara 1 dan 12: 13"]}),
        ({"members_female": -1}, {"members_female": ["Jumlah anggota harus antara 0 dan 10.000.000: -1"]}),
        ({"nik_koperasi": "12AB"}, {"nik_koperasi": ["NIK Koperasi harus berupa angka (10 sampai 20 digit): 12AB"]}),
    ]  # fmt: skip
    before = CooperativeProfile.objects.filter(pk=ksp.pk).values().get()
    for changes, errors in cases:
        with pytest.raises(ValidationError) as exc:
            services.cooperative_update(actor=officer_bogor, cooperative=ksp, **changes)
        assert exc.value.message_dict == errors
    assert CooperativeProfile.objects.filter(pk=ksp.pk).values().get() == before
    # A legal date moved after the stored last RAT makes that RAT implausible too.
    services.cooperative_update(actor=officer_bogor, cooperative=ksp, last_rat_date=dt.date(2019, 3, 1))
    with pytest.raises(ValidationError) as exc:
        services.cooperative_update(actor=officer_bogor, cooperative=ksp, legal_date=dt.date(2020, 1, 1))
    assert exc.value.message_dict == {
        "last_rat_date": ["Tanggal RAT sebelum tanggal badan hukum: 2019-03-01"]
    }


@pytest.mark.django_db
def test_status_transitions_use_the_one_rule(ksp, officer_bogor):
    changes = CooperativeStatusChange.objects.filter(cooperative=ksp)
    for status, message in [
        ("aktif", "Koperasi sudah berstatus ini"),
        ("belum_tahu", "Status yang sudah diketahui tidak dapat diubah menjadi belum diketahui"),
        ("hidup", "Status tidak dikenal: hidup"),
    ]:
        with pytest.raises(ValidationError) as exc:
            services.cooperative_set_status(actor=officer_bogor, cooperative=ksp, status=status, reason="x")
        assert exc.value.message_dict == {"status": [message]}
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.cooperative_set_status(
            actor=officer_bogor, cooperative=ksp, status="dibekukan", reason="x", effective_on=tomorrow
        )
    assert exc.value.message_dict == {
        "effective_on": [f"Tanggal tidak boleh di masa depan: {tomorrow.isoformat()}"]
    }
    assert list(changes.values_list("to_status", flat=True)) == ["aktif"]
    services.cooperative_set_status(
        actor=officer_bogor, cooperative=ksp, status="dibubarkan", reason="Putusan"
    )
    for status in ("aktif", "tidak_aktif", "dibekukan"):
        with pytest.raises(ValidationError) as exc:
            services.cooperative_set_status(actor=officer_bogor, cooperative=ksp, status=status, reason="x")
        assert exc.value.message_dict == {
            "status": ["Koperasi yang sudah dibubarkan tidak dapat diubah statusnya"]
        }
    ksp.refresh_from_db()
    assert (ksp.status, changes.count()) == ("dibubarkan", 2)
    with pytest.raises(ValidationError) as exc:
        services.cooperative_register(
            actor=officer_bogor, name="Baru", region_code="32.71.03.1002", status="hidup"
        )
    assert exc.value.message_dict == {"status": ["Status tidak dikenal: hidup"]}


@pytest.mark.django_db
def test_record_rat_uses_the_last_rat_rule(ksp, officer_bogor):
    services.cooperative_update(actor=officer_bogor, cooperative=ksp, legal_date=dt.date(2010, 5, 1))
    with pytest.raises(ValidationError) as exc:
        services.cooperative_record_rat(actor=officer_bogor, cooperative=ksp, rat_date=dt.date(2009, 3, 1))
    assert exc.value.message_dict == {
        "last_rat_date": ["Tanggal RAT sebelum tanggal badan hukum: 2009-03-01"]
    }
    ksp.refresh_from_db()
    assert ksp.last_rat_date is None


@pytest.mark.django_db
def test_member_values_follow_the_rules(ksp, officer_bogor):
    coop = ksp.organization
    with pytest.raises(ValidationError) as exc:
        services.member_save(
            actor=officer_bogor, cooperative=coop, member_number="A-1", name="Asep", nik="3271069913850003",
            joined_on=dt.date(1899, 1, 1), savings_wajib=Decimal("1.005"),
        )  # fmt: skip
    assert exc.value.message_dict == {
        "nik": ["NIK tidak valid: 3271069913850003"],
        "joined_on": ["Tanggal tidak boleh sebelum 1 Januari 1900: 1899-01-01"],
        "savings_wajib": ["Nilai uang paling banyak dua angka di belakang koma: 1.005"],
    }
    assert not Member.objects.exists()
    member = services.member_save(
        actor=officer_bogor, cooperative=coop, member_number="A-1", name="Asep", nik="3271 0641 0785 0003"
    )
    assert member.nik == "3271064107850003"
