"""Sheets never lose what the registry holds, and judge a row as the services judge a write:
placeholder cells are empty, a sheet that says less keeps what is stored, rules comparing two
fields read the stored one, and a value refused through one door is refused through all of them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sinergi.accounts.models import Organization
from sinergi.accounts.services import api_token_create
from sinergi.core.audit import REDACTED
from sinergi.core.models import AuditEvent
from sinergi.registry import cells, exporters, services
from sinergi.registry.importers import BusinessImporter, CooperativeImporter, MemberImporter
from sinergi.registry.keys import legal_key
from sinergi.registry.models import (
    BusinessProfile,
    CooperativeProfile,
    CooperativeStatusChange,
    DuplicateCandidate,
    Member,
)

PALEDANG = ["Paledang", "Bogor Tengah", "Kota Bogor"]
PLACE = ["Kelurahan/Desa", "Kecamatan", "Kabupaten/Kota"]


def import_cooperatives(officer, path):
    return CooperativeImporter(actor=officer, scope_code="32.71").run(path)


def import_businesses(officer, path):
    return BusinessImporter(actor=officer, scope_code="32.71").run(path)


def warnings_of(report):
    return [(w.line, w.reason, w.reason_en) for w in report.warnings]


@pytest.fixture
def ksp(officer_bogor):
    """A cooperative registered in Paledang: legal entity in 2010, last RAT in 2020."""
    return services.cooperative_register(
        actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002", address="Jl. Paledang No. 12",
        phone="081234567890", nik_koperasi="3271030010001", legal_number="1/BH/2010",
        legal_date=dt.date(2010, 5, 1), members_male=10, members_female=12, last_rat_date=dt.date(2020, 6, 1),
    )  # fmt: skip


@pytest.fixture
def talas(officer_bogor):
    """A business with an NIB registered in Cibogor, Bogor Tengah."""
    return services.business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.03.1004", address="Gg. Mawar RT 02/05",
        owner_name="Euis Rahmawati", nib="9120001234567", kbli="10792", capital=Decimal(25_000_000),
        annual_sales=Decimal(180_000_000), employees=3, founded_on=dt.date(2015, 6, 1),
    )  # fmt: skip


def state(profile):
    """Everything an import could change about a record, with its audit trail."""
    model = type(profile)
    return (
        model.objects.filter(pk=profile.pk).values().get(),
        Organization.objects.filter(pk=profile.pk).values().get(),
        AuditEvent.objects.filter(organization_id=profile.pk).count(),
    )


# --- 1. member counts ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_sheet_of_men_and_women_keeps_the_members_whose_sex_is_not_recorded(write_csv, officer_bogor, ksp):
    CooperativeProfile.objects.filter(pk=ksp.pk).update(members_unspecified=30)  # from the ministry's ODS
    header = ["Nama Koperasi", "NIK Koperasi", *PLACE, "Jumlah Anggota Laki-laki", "Jumlah Anggota Perempuan"]
    report = import_cooperatives(
        officer_bogor, write_csv([header, ["KSP Mekar Jaya", "3271030010001", *PALEDANG, 10, 12]])
    )
    assert (report.created, report.updated, report.unchanged, report.warnings) == (0, 0, 1, [])
    ksp.refresh_from_db()
    assert (ksp.members_male, ksp.members_female, ksp.members_unspecified) == (10, 12, 30)


@pytest.mark.django_db
def test_the_total_alone_counts_the_stored_men_and_women(write_csv, officer_bogor, ksp):
    header = ["Nama Koperasi", "NIK Koperasi", *PLACE, "Jumlah Anggota"]
    report = import_cooperatives(
        officer_bogor, write_csv([header, ["KSP Mekar Jaya", "3271030010001", *PALEDANG, 60]])
    )
    assert (report.updated, report.samples["updated"][0].changes) == (1, {"members_unspecified": [0, 38]})
    ksp.refresh_from_db()
    assert (ksp.members_male, ksp.members_female, ksp.members_unspecified, ksp.members_total) == (
        10,
        12,
        38,
        60,
    )
    again = import_cooperatives(
        officer_bogor, write_csv([header, ["KSP Mekar Jaya", "3271030010001", *PALEDANG, 60]])
    )
    assert (again.updated, again.unchanged) == (0, 1)


@pytest.mark.django_db
def test_an_unmasked_export_imports_unchanged(tmp_path, officer_bogor, ksp, talas):
    CooperativeProfile.objects.filter(pk=ksp.pk).update(members_unspecified=30)
    for kind, rows, importer in (
        ("cooperative", exporters.cooperative_rows(CooperativeProfile.objects.all()), CooperativeImporter),
        (
            "umkm",
            exporters.business_rows(BusinessProfile.objects.all(), visible=lambda org: True),
            BusinessImporter,
        ),
    ):
        path = tmp_path / f"{kind}.csv"
        path.write_text("".join(exporters.csv_stream(kind, rows)), encoding="utf-8")
        before = [state(ksp), state(talas)]
        report = importer(actor=officer_bogor, scope_code="32.71").run(path)
        assert (report.created, report.updated, report.unchanged, report.rejected, report.warnings) == (
            0,
            0,
            1,
            [],
            [],
        )
        assert [state(ksp), state(talas)] == before


# --- 2. a place said less precisely -------------------------------------------------------------


@pytest.mark.django_db
def test_a_row_naming_only_the_kecamatan_keeps_the_village(write_csv, officer_bogor, ksp, talas):
    before = [state(ksp), state(talas)]
    coop = import_cooperatives(
        officer_bogor,
        write_csv([["Nama Koperasi", "NIK Koperasi", "Kecamatan", "Kabupaten/Kota"],
                   ["KSP Mekar Jaya", "3271030010001", "Bogor Tengah", "Kota Bogor"]]),
    )  # fmt: skip
    umkm = import_businesses(
        officer_bogor,
        write_csv([["Nama Usaha", "NIB", "Kecamatan", "Kabupaten/Kota"],
                   ["Keripik Talas Bu Euis", "9120001234567", "Bogor Tengah", "Kota Bogor"]]),
    )  # fmt: skip
    assert (coop.unchanged, umkm.unchanged, coop.updated + umkm.updated) == (1, 1, 0)
    assert [state(ksp), state(talas)] == before


@pytest.mark.django_db
def test_another_place_is_a_change(write_csv, officer_bogor, talas):
    report = import_businesses(
        officer_bogor,
        write_csv([["Nama Usaha", "NIB", "Kecamatan", "Kabupaten/Kota"],
                   ["Keripik Talas Bu Euis", "9120001234567", "Tanah Sareal", "Kota Bogor"]]),
    )  # fmt: skip
    assert report.samples["updated"][0].changes == {"region": ["32.71.03.1004", "32.71.06"]}
    talas.refresh_from_db()
    assert (talas.region_code, talas.district_code) == ("32.71.06", "32.71.06")


# --- 3 and 4. placeholders ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "zero", "expected"),
    [("-", True, True), ("—", True, True), ("n/a", True, True), (" Tidak  Ada ", True, True),
     ("belum ada", True, True), ("0", True, True), (0, True, True), ("0000-00-00", True, True),
     ("0", False, False), (0, False, False), ("-", False, True), ("belum ada", False, True),
     ("Jl. Ada 1", True, False), ("Nana", True, False), ("2015", True, False), ("", True, False)],
)  # fmt: skip
def test_one_rule_says_what_a_placeholder_is(value, zero, expected):
    assert cells.is_placeholder(value, zero=zero) is expected


UMKM_FULL = ["Nama Usaha", "NIB", "KBLI", "Alamat", *PLACE, "No. HP/WhatsApp", "E-mail", "Modal Usaha",
             "Omzet per Tahun", "Jumlah Tenaga Kerja", "Tanggal Berdiri", "Status", "Jenis Kelamin"]  # fmt: skip


@pytest.mark.django_db
def test_placeholders_are_empty_cells_that_change_nothing_and_say_nothing(write_csv, officer_bogor, talas):
    before = state(talas)
    rows = [UMKM_FULL,
            ["Keripik Talas Bu Euis", "9120001234567", "-", "-", "Cibogor", "Bogor Tengah", "Kota Bogor", "tidak ada",
             "n/a", "-", "n/a", "-", "0", "-", "-"],
            ["Warung Baru", "belum ada", "0", "-", *PALEDANG, "0", "-", "0", "belum ada", "0", "0000-00-00", "N/A",
             "tidak ada"]]  # fmt: skip
    report = import_businesses(officer_bogor, write_csv(rows))
    assert (report.created, report.updated, report.unchanged, report.rejected, report.warnings) == (
        1,
        0,
        1,
        [],
        [],
    )
    assert state(talas) == before
    new = BusinessProfile.objects.select_related("organization").get(organization__name="Warung Baru")
    assert (new.nib, new.kbli, new.organization.address, new.organization.phone, new.organization.email) == (
        "", "", "", "", "",
    )  # fmt: skip
    # In amounts and counts a 0 is a number.
    assert (new.capital, new.annual_sales, new.employees, new.founded_on, new.status, new.owner_gender) == (
        0, None, 0, None, "aktif", "",
    )  # fmt: skip


@pytest.mark.django_db
def test_a_placeholder_legal_number_is_no_number(write_csv, officer_bogor, ksp):
    header = ["Nama Koperasi", "NIK Koperasi", "Nomor Badan Hukum", "Alamat", *PLACE]
    rows = [header,
            ["Koperasi Mawar Merah", "", "-", "Jl. Mawar 1", "Ciparigi", "Bogor Utara", "Kota Bogor"],
            ["Koperasi Melati Putih", "-", "Belum Ada", "Jl. Melati 9", "Sukasari", "Bogor Timur", "Kota Bogor"],
            ["KSP Mekar Jaya", "3271030010001", "belum ada", "tidak ada", *PALEDANG]]  # fmt: skip
    before = state(ksp)
    report = import_cooperatives(officer_bogor, write_csv(rows))
    needed = "Isi NIK Koperasi atau Nomor Badan Hukum agar koperasi dapat dikenali saat impor ulang"
    assert [(r.line, r.reason) for r in report.rejected] == [(2, needed), (3, needed)]
    assert (report.created, report.unchanged, report.possible_duplicates) == (0, 1, 0)
    assert state(ksp) == before
    assert not DuplicateCandidate.objects.exists()
    assert (legal_key("-"), legal_key(" belum  ada "), legal_key("518 / bh / 2001")) == (
        "",
        "",
        "518/BH/2001",
    )


# --- 5. the audit trail of an import ------------------------------------------------------------


@pytest.mark.django_db
def test_import_updates_are_audited_through_core_audit_without_personal_values(
    write_csv, officer_bogor, coop_manager, cooperative_bogor, ksp
):
    header = ["Nama Koperasi", "NIK Koperasi", "Alamat", "No. HP/WhatsApp", *PLACE]
    import_cooperatives(
        officer_bogor,
        write_csv([header, ["KSP Mekar Jaya", "3271030010001", "Jl. Baru 5", "0813 1111 2222", *PALEDANG]]),
    )
    event = AuditEvent.objects.get(action="cooperative.import_update")
    assert (event.before, event.after) == (
        {"address": REDACTED, "phone": REDACTED}, {"address": REDACTED, "phone": REDACTED},
    )  # fmt: skip
    assert (event.actor, event.actor_label, event.object_id, event.object_repr, event.region_code) == (
        officer_bogor, officer_bogor.email, str(ksp.pk), "KSP Mekar Jaya", "32.71.03.1002",
    )  # fmt: skip

    CooperativeProfile.objects.create(organization=cooperative_bogor, nik_koperasi="3271060010001",
                                      region_code="32.71.06.1001", district_code="32.71.06", regency_code="32.71")  # fmt: skip
    header = ["NIK Koperasi", "Nomor Anggota", "Nama", "NIK"]
    MemberImporter(actor=coop_manager).run(
        write_csv([header, ["3271060010001", "A-1", "Asep", "3271060101800001"]])
    )
    MemberImporter(actor=coop_manager).run(
        write_csv([header, ["3271060010001", "A-1", "Asep", "3271060101800002"]])
    )
    assert Member.objects.get().nik == "3271060101800002"
    event = AuditEvent.objects.get(action="member.import_update")
    assert (event.before, event.after, event.actor, event.organization_id) == (
        {"nik": REDACTED}, {"nik": REDACTED}, coop_manager, cooperative_bogor.pk,
    )  # fmt: skip


# --- 6. rules across two dates, against the stored one ------------------------------------------


def _service_refusal(officer, profile, **changes):
    with pytest.raises(ValidationError) as refused:
        services.cooperative_update(actor=officer, cooperative=profile, **changes)
    return refused.value.message_dict


@pytest.mark.django_db
def test_a_rat_before_the_stored_legal_date_is_refused_as_by_the_service(write_csv, officer_bogor, ksp):
    CooperativeProfile.objects.filter(pk=ksp.pk).update(last_rat_date=None)
    ksp.refresh_from_db()
    reason = "Tanggal RAT sebelum tanggal badan hukum: 2009-03-01"
    assert _service_refusal(officer_bogor, ksp, last_rat_date=dt.date(2009, 3, 1)) == {
        "last_rat_date": [reason]
    }
    before = state(ksp)
    header = ["Nama Koperasi", "NIK Koperasi", *PLACE, "Tanggal RAT Terakhir"]
    report = import_cooperatives(
        officer_bogor, write_csv([header, ["KSP Mekar Jaya", "3271030010001", *PALEDANG, "01/03/2009"]])
    )
    assert (report.unchanged, warnings_of(report)) == (1, [
        (2, f"Tanggal RAT Terakhir: {reason} (nilai lama dipertahankan)",
         "Tanggal RAT Terakhir: RAT date before the legal-entity date: 2009-03-01 (kept the stored value)"),
    ])  # fmt: skip
    assert state(ksp) == before


@pytest.mark.django_db
def test_a_legal_date_moved_past_the_stored_rat_is_refused_as_by_the_service(write_csv, officer_bogor, ksp):
    reason = "Tanggal RAT sebelum tanggal badan hukum: 2020-06-01"
    assert _service_refusal(officer_bogor, ksp, legal_date=dt.date(2021, 1, 1)) == {"last_rat_date": [reason]}
    before = state(ksp)
    header = ["Nama Koperasi", "NIK Koperasi", *PLACE, "Tanggal Badan Hukum"]
    report = import_cooperatives(
        officer_bogor, write_csv([header, ["KSP Mekar Jaya", "3271030010001", *PALEDANG, "2021-01-01"]])
    )
    assert (report.unchanged, [w[1] for w in warnings_of(report)]) == (
        1, [f"Tanggal Badan Hukum: {reason} (nilai lama dipertahankan)"],
    )  # fmt: skip
    assert state(ksp) == before
    # Moved together with a later RAT, it is a consistent change.
    header.append("Tanggal RAT Terakhir")
    report = import_cooperatives(
        officer_bogor,
        write_csv([header, ["KSP Mekar Jaya", "3271030010001", *PALEDANG, "2021-01-01", "2022-03-05"]]),
    )
    assert (report.updated, report.warnings) == (1, [])
    ksp.refresh_from_db()
    assert (ksp.legal_date, ksp.last_rat_date) == (dt.date(2021, 1, 1), dt.date(2022, 3, 5))


@pytest.mark.django_db
def test_an_earlier_rat_leaves_the_latest_as_the_service_does(write_csv, officer_bogor, ksp):
    services.cooperative_record_rat(actor=officer_bogor, cooperative=ksp, rat_date=dt.date(2019, 5, 5))
    ksp.refresh_from_db()
    assert ksp.last_rat_date == dt.date(2020, 6, 1)
    before = state(ksp)
    header = ["Nama Koperasi", "NIK Koperasi", *PLACE, "Tanggal RAT Terakhir"]
    report = import_cooperatives(
        officer_bogor, write_csv([header, ["KSP Mekar Jaya", "3271030010001", *PALEDANG, "2019-05-05"]])
    )
    assert (report.unchanged, [w[1] for w in warnings_of(report)]) == (
        1, ["Tanggal RAT Terakhir: Sudah tercatat RAT yang lebih baru: 2020-06-01 (nilai lama dipertahankan)"],
    )  # fmt: skip
    assert report.warnings[0].reason_en.endswith(": 2020-06-01 (kept the stored value)")
    assert state(ksp) == before


# --- 7. KBLI through every door -----------------------------------------------------------------


@pytest.fixture
def api(client, officer_bogor):
    token = api_token_create(actor=officer_bogor, name="uji")[1]

    def post(url, body):
        return client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")

    return post


@pytest.mark.django_db
def test_kbli_is_judged_by_one_rule_through_the_api_and_a_sheet(write_csv, api, officer_bogor):
    reason = "Kode KBLI tidak valid: zzz bukan kode"
    for url in ("/api/v1/registry/businesses/", "/api/v1/registry/cooperatives/"):
        response = api(url, {"name": "Usaha KBLI", "region": "32.71.04.1005", "kbli": "zzz bukan kode"})
        assert (response.status_code, response.json()) == (
            400,
            {"detail": reason, "errors": {"kbli": [reason]}},
        )
    assert (BusinessProfile.objects.count(), CooperativeProfile.objects.count()) == (0, 0)
    report = import_businesses(
        officer_bogor,
        write_csv([["Nama Usaha", "KBLI", *PLACE], ["Usaha KBLI", "zzz bukan kode", *PALEDANG]]),
    )
    assert (report.created, [w[1] for w in warnings_of(report)]) == (1, [f"KBLI: {reason} (dikosongkan)"])
    assert BusinessProfile.objects.get().kbli == ""
    # A list of codes is stored in one form, whatever the door.
    response = api(
        "/api/v1/registry/businesses/",
        {"name": "Usaha Dua", "region": "32.71.04.1005", "kbli": "10792; 47111"},
    )
    assert (response.status_code, BusinessProfile.objects.get(pk=response.json()["id"]).kbli) == (
        201,
        "10792,47111",
    )


# --- 8. UMKM matched by name --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("nib", ["", "-"])
def test_a_row_without_nib_named_as_a_business_with_one_is_flagged_not_silently_created(
    write_csv, officer_bogor, talas, nib
):
    rows = [["Nama Usaha", "NIB", "No. HP/WhatsApp", *PLACE],
            ["Keripik Talas Bu Euis", nib, "081311112222", "Cibogor", "Bogor Tengah", "Kota Bogor"]]  # fmt: skip
    report = import_businesses(officer_bogor, write_csv(rows))
    assert (report.created, report.updated, report.possible_duplicates) == (1, 0, 1)
    new = BusinessProfile.objects.exclude(pk=talas.pk).get()
    pair = DuplicateCandidate.objects.get()
    assert (pair.left_id, pair.right_id, pair.status, pair.reasons["name"]) == (
        talas.pk,
        new.pk,
        "open",
        100.0,
    )
    # The row is the new record from now on: importing it again creates nothing.
    again = import_businesses(officer_bogor, write_csv(rows))
    assert (again.created, again.updated, again.unchanged, again.possible_duplicates) == (0, 0, 1, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("chunk", [1, 20000])
def test_within_one_file_a_row_without_nib_after_a_new_namesake_with_one_is_flagged(
    write_csv, officer_bogor, monkeypatch, chunk
):
    monkeypatch.setattr("sinergi.registry.importers.pipeline.CHUNK", chunk)
    rows = [
        ["Nama Usaha", "NIB", *PLACE],
        ["Toko Aa", "9120001234567", *PALEDANG],
        ["Toko Aa", "", *PALEDANG],
    ]
    report = import_businesses(officer_bogor, write_csv(rows))
    assert (report.created, report.rejected, report.possible_duplicates) == (2, [], 1)
    with_nib, without = (BusinessProfile.objects.get(nib=n) for n in ("9120001234567", ""))
    pair = DuplicateCandidate.objects.get()
    assert (pair.left_id, pair.right_id) == (with_nib.pk, without.pk)


@pytest.mark.django_db
def test_a_kecamatan_row_matches_the_one_business_of_its_name_inside_it(write_csv, officer_bogor):
    warung = services.business_register(
        actor=officer_bogor, name="Warung Bu Imas", region_code="32.71.03.1004"
    )
    rows = [["Nama Usaha", "No. HP/WhatsApp", "Kecamatan", "Kabupaten/Kota"],
            ["Warung Bu Imas", "081311112222", "Bogor Tengah", "Kota Bogor"]]  # fmt: skip
    report = import_businesses(officer_bogor, write_csv(rows))
    assert (report.created, report.updated, report.samples["updated"][0].changes) == (
        0, 1, {"phone": ["", "6281311112222"]},
    )  # fmt: skip
    warung.refresh_from_db()
    assert (warung.region_code, warung.organization.phone) == ("32.71.03.1004", "6281311112222")
    # A village row finds the business registered at its kecamatan, and places it there.
    BusinessProfile.objects.filter(pk=warung.pk).update(region_code="32.71.03")
    Organization.objects.filter(pk=warung.pk).update(region_id="32.71.03")
    village = import_businesses(
        officer_bogor,
        write_csv([["Nama Usaha", *PLACE], ["Warung Bu Imas", "Gudang", "Bogor Tengah", "Kota Bogor"]]),
    )
    assert (village.created, village.samples["updated"][0].changes) == (
        0,
        {"region": ["32.71.03", "32.71.03.1001"]},
    )
    assert BusinessProfile.objects.get().region_code == "32.71.03.1001"


@pytest.mark.django_db
def test_a_kecamatan_row_with_several_namesakes_inside_is_flagged_with_each(write_csv, officer_bogor):
    one = services.business_register(actor=officer_bogor, name="Warung Bu Imas", region_code="32.71.03.1004")
    two = services.business_register(actor=officer_bogor, name="Warung Bu Imas", region_code="32.71.03.1001")
    rows = [["Nama Usaha", "Kecamatan", "Kabupaten/Kota"], ["Warung Bu Imas", "Bogor Tengah", "Kota Bogor"]]
    report = import_businesses(officer_bogor, write_csv(rows))
    assert (report.created, report.updated, report.possible_duplicates) == (1, 0, 2)
    new = BusinessProfile.objects.exclude(pk__in=[one.pk, two.pk]).get()
    assert new.region_code == "32.71.03"
    pairs = sorted(DuplicateCandidate.objects.values_list("left_id", "right_id"))
    assert pairs == [(one.pk, new.pk), (two.pk, new.pk)]


# --- 9. whole numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [("1.250", 1250), ("1,250", 1250), ("12.500.000", 12_500_000),
                                                 ("40", 40), (7.0, 7), ("-5", -5)])  # fmt: skip
def test_counts_read_thousands_in_groups_of_three(value, expected):
    assert cells.count(value) == expected


@pytest.mark.parametrize("value", ["1.5", "12,5", "1.2500", "1,250.000", 1.5, "lima"])
def test_counts_that_are_not_whole_numbers(value):
    with pytest.raises(cells.CellError) as refused:
        cells.count(value)
    assert refused.value.message_id == f"Harus bilangan bulat: {value}"


@pytest.mark.django_db
def test_a_negative_count_gives_the_range_rules_reason_as_the_api(write_csv, api, officer_bogor):
    reason = "Jumlah tenaga kerja harus antara 0 dan 100.000: -5"
    response = api(
        "/api/v1/registry/businesses/", {"name": "Toko Minus", "region": "32.71.03.1002", "employees": -5}
    )
    assert (response.status_code, response.json()["detail"]) == (400, reason)
    report = import_businesses(
        officer_bogor,
        write_csv([["Nama Usaha", *PLACE, "Jumlah Tenaga Kerja"], ["Toko Minus", *PALEDANG, "-5"]]),
    )
    assert [w[1] for w in warnings_of(report)] == [f"Jumlah Tenaga Kerja: {reason} (dikosongkan)"]
    assert BusinessProfile.objects.get().employees is None


# --- 10. what becomes of a value not applied ----------------------------------------------------


@pytest.mark.django_db
def test_an_update_row_says_the_stored_value_is_kept_a_new_row_that_it_is_left_empty(
    write_csv, officer_bogor, talas
):
    rows = [["Nama Usaha", "NIB", *PLACE, "Tanggal Berdiri"],
            ["Keripik Talas Bu Euis", "9120001234567", "Cibogor", "Bogor Tengah", "Kota Bogor", "31/13/2020"],
            ["Toko Baru", "", *PALEDANG, "31/13/2020"]]  # fmt: skip
    report = import_businesses(officer_bogor, write_csv(rows))
    assert (report.created, report.unchanged, warnings_of(report)) == (1, 1, [
        (2, "Tanggal Berdiri: Tanggal tidak dikenali: 31/13/2020 (nilai lama dipertahankan)",
         "Tanggal Berdiri: Unrecognised date: 31/13/2020 (kept the stored value)"),
        (3, "Tanggal Berdiri: Tanggal tidak dikenali: 31/13/2020 (dikosongkan)",
         "Tanggal Berdiri: Unrecognised date: 31/13/2020 (left empty)"),
    ])  # fmt: skip
    talas.refresh_from_db()
    assert talas.founded_on == dt.date(2015, 6, 1)


# --- 11. "belum diketahui" ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("known", ["aktif", "dibubarkan"])
def test_belum_diketahui_says_nothing_about_a_known_status(write_csv, officer_bogor, ksp, known):
    if known == "dibubarkan":
        services.cooperative_set_status(actor=officer_bogor, cooperative=ksp, status=known, reason="Putusan")
    before = state(ksp)
    history = CooperativeStatusChange.objects.filter(cooperative=ksp).count()
    header = ["Nama Koperasi", "NIK Koperasi", *PLACE, "Status"]
    report = import_cooperatives(
        officer_bogor, write_csv([header, ["KSP Mekar Jaya", "3271030010001", *PALEDANG, "Belum diketahui"]])
    )
    assert (report.unchanged, report.rejected, report.warnings) == (1, [], [])
    assert state(ksp) == before
    assert CooperativeStatusChange.objects.filter(cooperative=ksp).count() == history


# --- 12. every problem of a row at once ---------------------------------------------------------


@pytest.mark.django_db
def test_a_row_refused_for_its_place_reports_its_other_problems_too(write_csv, officer_bogor):
    header = ["Nama Koperasi", "Nomor Badan Hukum", *PLACE]
    report = import_cooperatives(
        officer_bogor,
        write_csv([header, ["Koperasi Tanpa Nomor", "-", "Xyzabc", "Bogor Tengah", "Kota Bogor"]]),
    )
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "Wilayah tidak ditemukan: Xyzabc / Bogor Tengah / Kota Bogor; Isi NIK Koperasi atau Nomor Badan Hukum "
            "agar koperasi dapat dikenali saat impor ulang"),
    ]  # fmt: skip


# --- 13. a new cooperative's status -------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_cooperative_is_registered_active_through_the_page_and_the_api(client, api, officer_bogor):
    reason = "Ubah status melalui perubahan status dengan alasan."
    response = api(
        "/api/v1/registry/cooperatives/",
        {"name": "Kop API", "region": "32.71.04.1005", "status": "dibubarkan"},
    )
    assert (response.status_code, response.json()) == (
        400,
        {"detail": reason, "errors": {"status": [reason]}},
    )
    assert not CooperativeProfile.objects.exists()
    response = api(
        "/api/v1/registry/cooperatives/", {"name": "Kop API", "region": "32.71.04.1005", "status": "aktif"}
    )
    assert (response.status_code, response.json()["status"]) == (201, "aktif")
    # The page offers no status for a new cooperative: it is registered active, the same as the API.
    client.force_login(officer_bogor)
    page = client.get("/registri/koperasi/baru/")
    assert page.status_code == 200 and 'name="status"' not in page.content.decode()
    response = client.post(
        "/registri/koperasi/baru/",
        {"name": "Kop Halaman", "region": "32.71.04.1005", "form": "primer", "fiscal_year_end_month": 12,
         "members_male": 0, "members_female": 0, "status": "dibubarkan"},
    )  # fmt: skip
    assert response.status_code == 302
    created = CooperativeProfile.objects.get(organization__name="Kop Halaman")
    assert (created.status, list(created.status_changes.values_list("to_status", flat=True))) == (
        "aktif",
        ["aktif"],
    )
