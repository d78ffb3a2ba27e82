import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.core.models import AuditEvent
from sinergi.registry import services
from sinergi.registry.models import BusinessProfile, CooperativeProfile, Member


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
