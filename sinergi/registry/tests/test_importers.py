import datetime as dt
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sinergi.accounts.models import Organization
from sinergi.core.models import AuditEvent
from sinergi.registry.importers import (
    BusinessImporter,
    CooperativeImporter,
    FileRejected,
    MemberImporter,
    SheetError,
)
from sinergi.registry.importers.sheets import read_sheet
from sinergi.registry.keys import name_key
from sinergi.registry.models import (
    BusinessProfile,
    CooperativeProfile,
    CooperativeStatusChange,
    DuplicateCandidate,
    Member,
)
from sinergi.registry.search import search_organizations

UMKM_HEADER = ["No", "nama_umkm", "Pemilik", "NIK", "JK", "NIB", "KBLI", "Alamat Usaha", "Desa/Kelurahan", "Kec",
               "Kab/Kota", "No Telp", "Modal", "Omset", "Tenaga Kerja", "Tahun Berdiri", "Status"]  # fmt: skip


def umkm_row(n, name, *, nik="", gender="P", nib="", village="Kedung Badak", district="Tanah Sareal",
             regency="Kota Bogor", phone="", capital="", sales="", workers="", founded="", status="aktif"):  # fmt: skip
    return [n, name, "Pemilik", nik, gender, nib, "10792", "Jl. Uji", village, district, regency, phone, capital, sales,
            workers, founded, status]  # fmt: skip


@pytest.mark.django_db
def test_messy_umkm_sheet_every_rejection_and_warning_reason(write_csv, officer_bogor):
    path = write_csv(
        [
            UMKM_HEADER,
            umkm_row(
                1,
                "Keripik Talas Bu Euis",
                nik="3271064107850003",
                nib="9120001234567",
                phone="0812-3456-7890",
                capital="Rp 25.000.000",
                sales="Rp 180.000.000",
                workers="3",
                founded="2015",
            ),  # fmt: skip
            umkm_row(2, "Roti Unyil", nik="12345"),
            umkm_row(3, "Toko A", nib="912000"),
            umkm_row(4, "Toko B", phone="0812"),
            umkm_row(5, "Toko C", founded="31/13/2020"),
            umkm_row(6, "Toko D", capital="lima juta"),
            umkm_row(7, "Toko E", sales="-100"),
            umkm_row(8, "Toko F", gender="X"),
            umkm_row(9, ""),
            umkm_row(10, "Toko G", village="Sukamaju", district="", regency="Kab. Bogor"),
            umkm_row(11, "Toko H", village="Xyzabc", district="Bogor Tengah"),
            umkm_row(12, "Toko I", village="Dago", district="Coblong", regency="Kota Bandung"),
            umkm_row(13, "Keripik Talas Bu Euis", nib="9120001234567"),
            umkm_row(14, "Toko J", village="", district="", regency="Kota Bogor"),
            umkm_row(
                15,
                "Asinan Gedung Dalam",
                village="Paledang",
                district="Bogor Tengah",
                capital="15 jt",
                sales="Rp 2,5 miliar",
                founded="31 Maret 2012",
            ),  # fmt: skip
        ]
    )
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(path)
    reasons = {r.line: r.reason for r in report.rejected}
    # A bad optional cell is left empty with a warning; identity numbers, names and places reject.
    assert (report.created, report.updated, report.unchanged) == (7, 0, 0)
    assert sorted(reasons) == [3, 4, 10, 11, 12, 13, 14, 15]
    assert reasons[3] == "NIK Pemilik: NIK harus 16 digit angka: 12345"
    assert reasons[4] == "NIB: NIB harus 13 digit angka: 912000"
    assert [(w.line, w.reason) for w in report.warnings] == [
        (5, "No. HP/WhatsApp: Nomor telepon tidak valid: 0812 (dikosongkan)"),
        (6, "Tanggal Berdiri: Tanggal tidak dikenali: 31/13/2020 (dikosongkan)"),
        (7, "Modal Usaha: Bukan nilai uang: lima juta (dikosongkan)"),
        (8, "Omzet per Tahun: Nilai uang tidak boleh negatif: -100 (dikosongkan)"),
        (9, "Jenis Kelamin: Jenis kelamin tidak dikenal: X (pilihan: L, P) (dikosongkan)"),
    ]
    assert report.warnings[1].reason_en == "Tanggal Berdiri: Unrecognised date: 31/13/2020 (left empty)"
    toko_c = BusinessProfile.objects.get(organization__name="Toko C")
    assert (toko_c.founded_on, toko_c.organization.region_id) == (None, "32.71.06.1003")
    toko_f = BusinessProfile.objects.get(organization__name="Toko F")
    assert (toko_f.owner_gender, toko_f.annual_sales) == ("", None)
    assert reasons[10] == "Nama Usaha: wajib diisi"
    assert reasons[11].startswith("Wilayah Sukamaju / Kab. Bogor di luar wilayah kerja Anda")
    assert reasons[12] == "Wilayah tidak ditemukan: Xyzabc / Bogor Tengah / Kota Bogor"
    assert reasons[13] == "Wilayah Dago, Coblong, Kota Bandung, Jawa Barat di luar wilayah kerja Anda"
    assert reasons[14] == "Duplikat dalam berkas: sama dengan baris 2"
    assert reasons[15].startswith("Wilayah kurang rinci")
    assert all(r.reason_en for r in report.rejected)
    talas = BusinessProfile.objects.get(nib="9120001234567")
    assert (talas.owner_nik, talas.organization.phone, talas.capital, talas.annual_sales) == (
        "3271064107850003", "6281234567890", 25_000_000, 180_000_000,
    )  # fmt: skip
    assert (talas.region_code, talas.district_code, talas.regency_code, talas.scale) == (
        "32.71.06.1003", "32.71.06", "32.71", "mikro",
    )  # fmt: skip
    asinan = BusinessProfile.objects.get(organization__name="Asinan Gedung Dalam")
    assert asinan.scale == "kecil" and asinan.founded_on.isoformat() == "2012-03-31"
    assert AuditEvent.objects.filter(action="registry.import.umkm").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("chunk", [1, 20000])
def test_a_row_with_nib_after_the_same_business_without_one_is_a_duplicate_in_any_chunking(
    write_csv, officer_bogor, monkeypatch, chunk
):
    monkeypatch.setattr("sinergi.registry.importers.pipeline.CHUNK", chunk)
    rows = [UMKM_HEADER, umkm_row(1, "Warung Bu Imas"), umkm_row(2, "WARUNG BU IMAS", nib="9120001234567"),
            umkm_row(3, "Warung Bu Imas", nib="9120007654321", village="Sukadamai"),
            umkm_row(4, "Warung Bu Imas", village="Sukadamai")]  # fmt: skip
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert (report.created, report.updated) == (3, 0)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (3, "Duplikat dalam berkas: sama dengan baris 2")
    ]
    # The same name in another village with an NIB first, then without: two businesses, as stored ones would be.
    stored = BusinessProfile.objects.values_list("nib", "organization__region__name")
    assert sorted(stored) == [("", "Kedung Badak"), ("", "Sukadamai"), ("9120007654321", "Sukadamai")]


@pytest.mark.django_db
@pytest.mark.parametrize("chunk", [1, 20000])
def test_a_row_without_nib_after_the_one_that_gave_the_business_its_nib_is_another_business(
    write_csv, officer_bogor, monkeypatch, chunk
):
    """Once a row gives the registered business its NIB, a row without NIB cannot be matched to it by
    name (as on any later import), so it is another business, paired with it as a possible duplicate —
    and nothing the first row set is lost."""
    BusinessImporter(actor=officer_bogor, scope_code="32.71").run(
        write_csv([UMKM_HEADER, umkm_row(1, "Warung Bu Imas")])
    )
    monkeypatch.setattr("sinergi.registry.importers.pipeline.CHUNK", chunk)
    rows = [UMKM_HEADER, umkm_row(1, "Warung Bu Imas", nib="9120001234567"),
            umkm_row(2, "Warung Bu Imas", phone="081234567890")]  # fmt: skip
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert (report.created, report.updated, report.rejected, report.possible_duplicates) == (1, 1, [], 1)
    stored = BusinessProfile.objects.values_list("nib", "organization__phone")
    assert sorted(stored) == [("", "6281234567890"), ("9120001234567", "")]
    again = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 2, [])


@pytest.mark.django_db
@pytest.mark.parametrize("chunk", [1, 20000])
def test_a_row_with_another_nib_after_the_one_that_gave_the_business_its_nib_is_another_business(
    write_csv, officer_bogor, monkeypatch, chunk
):
    BusinessImporter(actor=officer_bogor, scope_code="32.71").run(
        write_csv([UMKM_HEADER, umkm_row(1, "Warung Bu Imas")])
    )
    monkeypatch.setattr("sinergi.registry.importers.pipeline.CHUNK", chunk)
    rows = [UMKM_HEADER, umkm_row(1, "Warung Bu Imas", nib="9120001234567"),
            umkm_row(2, "Warung Bu Imas", nib="9120007654321")]  # fmt: skip
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert (report.created, report.updated, report.rejected) == (1, 1, [])
    assert sorted(BusinessProfile.objects.values_list("nib", flat=True)) == ["9120001234567", "9120007654321"]
    again = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 2, [])


@pytest.mark.django_db
def test_ambiguous_place_names_the_candidates(write_csv, superuser):
    path = write_csv(
        [UMKM_HEADER, umkm_row(1, "Toko G", village="Sukamaju", district="", regency="Kab. Bogor")]
    )
    report = BusinessImporter(actor=superuser).run(path)
    reason = report.rejected[0].reason
    assert reason.startswith(
        "Wilayah ambigu: Sukamaju / Kab. Bogor; kemungkinan: 32.01.06.2001 Sukamaju, Jonggol"
    )


@pytest.mark.django_db
def test_reimport_is_idempotent_and_updates_are_audited(write_csv, officer_bogor):
    rows = [UMKM_HEADER, umkm_row(1, "Keripik Talas Bu Euis", nib="9120001234567", sales="180000000"),
            umkm_row(2, "Warung Kopi Mang Ujang", gender="L")]  # fmt: skip
    first = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    again = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert (again.created, again.updated, again.unchanged, len(again.rejected)) == (0, 0, 2, 0)
    assert BusinessProfile.objects.count() == 2
    rows[2][13] = "Rp 90.000.000"  # new sales for the coffee stall, matched by name + village
    rows[1][1] = "KERIPIK TALAS BU EUIS."  # another spelling of the same name, matched by NIB
    third = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert (third.created, third.updated, third.unchanged) == (0, 2, 0)
    kopi = BusinessProfile.objects.get(organization__name="Warung Kopi Mang Ujang")
    assert kopi.annual_sales == 90_000_000
    event = AuditEvent.objects.get(action="business.import_update", object_id=str(kopi.pk))
    assert event.before == {"annual_sales": None} and event.after == {"annual_sales": "90000000"}
    assert (event.actor, event.actor_label, event.region_code) == (
        officer_bogor,
        officer_bogor.email,
        "32.71.06.1003",
    )
    assert event.organization_id == kopi.pk and event.object_repr == "Warung Kopi Mang Ujang"
    # The renamed business keeps its id and is found by its new name, not by a stale index entry.
    talas = BusinessProfile.objects.get(nib="9120001234567")
    assert talas.organization.name == "KERIPIK TALAS BU EUIS." and talas.name_key == name_key(
        "Keripik Talas Bu Euis"
    )
    renamed = AuditEvent.objects.get(action="business.import_update", object_id=str(talas.pk))
    assert renamed.before == {"name": "Keripik Talas Bu Euis"} and renamed.after == {
        "name": "KERIPIK TALAS BU EUIS."
    }
    assert list(search_organizations("TALAS BU EUIS.", kind="umkm").values_list("pk", flat=True)) == [
        talas.pk
    ]
    assert kopi.organization.updated_at > kopi.organization.created_at


@pytest.mark.django_db
def test_empty_and_masked_cells_never_overwrite(write_csv, officer_bogor):
    rows = [UMKM_HEADER, umkm_row(1, "Keripik Talas Bu Euis", nik="3271064107850003", nib="9120001234567",
                                  phone="081234567890")]  # fmt: skip
    BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    # A masked export marks its masked columns: only there do masked values count as masked.
    header = [f"{h} (tersamar)" if h in ("NIK", "No Telp") else h for h in UMKM_HEADER]
    masked = [header, umkm_row(1, "Keripik Talas Bu Euis", nik="3271********0003", nib="9120001234567",
                               phone="6281******890")]  # fmt: skip
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(masked))
    assert (report.unchanged, report.masked_ignored) == (1, 2)
    profile = BusinessProfile.objects.get()
    assert profile.owner_nik == "3271064107850003" and profile.organization.phone == "6281234567890"


@pytest.mark.django_db
def test_dry_run_writes_nothing_but_counts(write_csv, officer_bogor):
    path = write_csv([UMKM_HEADER, umkm_row(1, "Toko Baru"), umkm_row(2, "")])
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71", dry_run=True).run(path)
    assert (report.created, len(report.rejected)) == (1, 1)
    assert not BusinessProfile.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="registry.import").exists()


@pytest.mark.django_db
def test_business_of_another_region_is_not_touched(write_csv, officer_bogor, officer_bandung):
    BusinessImporter(actor=officer_bandung, scope_code="32.73").run(
        write_csv(
            [
                UMKM_HEADER,
                umkm_row(
                    1,
                    "Batagor Kang Asep",
                    nib="9120009999999",
                    village="Dago",
                    district="Coblong",
                    regency="Kota Bandung",
                ),
            ]
        )  # fmt: skip
    )
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(
        write_csv([UMKM_HEADER, umkm_row(1, "Batagor Kang Asep", nib="9120009999999", sales="1000")])
    )
    assert report.rejected[0].reason == "Usaha ini sudah terdaftar di wilayah lain di luar wilayah kerja Anda"
    assert BusinessProfile.objects.get().region_code == "32.73.02.1004"


@pytest.mark.django_db
def test_new_row_similar_to_existing_counts_as_possible_duplicate(write_csv, officer_bogor):
    BusinessImporter(actor=officer_bogor, scope_code="32.71").run(
        write_csv([UMKM_HEADER, umkm_row(1, "Keripik Singkong Bu Imas", phone="081311112222")])
    )
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(
        write_csv([UMKM_HEADER, umkm_row(1, "Kripik Singkong Ibu Imas", phone="081311112222")])
    )
    assert (report.created, report.possible_duplicates) == (1, 1)
    pair = DuplicateCandidate.objects.get()
    assert pair.reasons["phone"] == "same" and pair.status == "open"


@pytest.mark.django_db
def test_missing_required_column_rejects_the_file(write_csv, officer_bogor):
    with pytest.raises(FileRejected, match="Nama Usaha"):
        BusinessImporter(actor=officer_bogor).run(
            write_csv([["Pemilik", "Kecamatan"], ["A", "Bogor Tengah"]])
        )


@pytest.mark.django_db
def test_semicolon_csv_in_windows_encoding(tmp_path, officer_bogor):
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "Nama Usaha;Kelurahan;Kecamatan;Kab/Kota\r\nCaf\xe9 Ren\xe9;Paledang;Bogor Tengah;Kota Bogor\r\n".encode(
            "cp1252"
        )
    )
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(path)
    assert report.created == 1
    assert Organization.objects.get(kind="umkm").name == "Café René"


@pytest.mark.django_db
def test_xlsx_with_numbers_and_nik_stored_as_number(tmp_path, officer_bogor):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "Nama Usaha",
            "NIK Pemilik",
            "Kelurahan/Desa",
            "Kecamatan",
            "Kabupaten/Kota",
            "Jumlah Tenaga Kerja",
            "Omzet per Tahun",
        ]
    )
    ws.append(["Toko Angka", 3271064107850003, "Paledang", "Bogor Tengah", "Kota Bogor", 4, 150000000])
    ws.append(["Toko Teks", "3271064107850003", "Paledang", "Bogor Tengah", "Kota Bogor", 2, "Rp 50.000.000"])
    wb.save(tmp_path / "data.xlsx")
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(tmp_path / "data.xlsx")
    assert report.created == 1
    assert report.rejected[0].line == 2 and "sebagai angka" in report.rejected[0].reason
    assert BusinessProfile.objects.get().employees == 2


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 50_000_000)
    with pytest.raises(SheetError, match="tidak wajar"):
        read_sheet(path)


def test_unsupported_file_type(tmp_path):
    path = tmp_path / "data.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(SheetError, match="tidak didukung"):
        read_sheet(path)


COOP_HEADER = ["Nama Koperasi", "NIK Koperasi", "Nomor Badan Hukum", "Tanggal Badan Hukum", "Jenis", "Kelompok",
               "Bentuk", "Alamat", "Kelurahan/Desa", "Kecamatan", "Kabupaten/Kota", "Jumlah Anggota Laki-laki",
               "Jumlah Anggota Perempuan", "Tanggal RAT Terakhir", "Status"]  # fmt: skip


def coop_row(name, nik, legal, *, rat="2026-03-28", status="aktif", kind="KSP"):
    return [name, nik, legal, "1998-04-12", kind, "masyarakat", "primer", "Jl. Uji", "Paledang", "Bogor Tengah",
            "Kota Bogor", "10", "12", rat, status]  # fmt: skip


@pytest.mark.django_db
def test_cooperative_import_natural_keys_and_conflicts(write_csv, officer_bogor):
    first = CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(
        write_csv(
            [
                COOP_HEADER,
                coop_row("KSP Mekar", "3271030010001", "1/BH/1998"),
                coop_row("KSU Jaya", "", "2/BH/1999", kind="serba usaha"),
                coop_row("Tanpa Kunci", "", ""),
                coop_row(
                    "Masa Depan",
                    "3271030010009",
                    "9/BH/2000",
                    rat=(dt.date.today() + dt.timedelta(days=30)).isoformat(),
                ),
            ]
        )  # fmt: skip
    )
    assert first.created == 3
    assert [r.line for r in first.rejected] == [4]
    assert first.rejected[0].reason.startswith("Isi NIK Koperasi atau Nomor Badan Hukum")
    # A last RAT in the future is left empty: the rest of the row is good.
    assert [(w.line, w.reason) for w in first.warnings] == [
        (
            5,
            "Tanggal RAT Terakhir: Tanggal tidak boleh di masa depan: "
            f"{dt.date.today() + dt.timedelta(days=30):%Y-%m-%d} (dikosongkan)",
        )
    ]
    assert CooperativeProfile.objects.get(nik_koperasi="3271030010009").last_rat_date is None
    profile = CooperativeProfile.objects.get(nik_koperasi="3271030010001")
    assert (profile.cooperative_type, profile.members_total, profile.last_rat_date.isoformat()) == (
        "simpan_pinjam", 22, "2026-03-28",
    )  # fmt: skip
    assert CooperativeStatusChange.objects.filter(cooperative=profile).count() == 1
    second = CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(
        write_csv(
            [
                COOP_HEADER,
                coop_row(
                    "KSU Jaya", "3271030010002", "2 / BH / 1999", kind="serba usaha", status="tidak aktif"
                ),
                coop_row("Bentrok", "3271030010001", "2/BH/1999"),
            ]
        )  # fmt: skip
    )
    assert (second.updated, [r.line for r in second.rejected]) == (1, [3])
    jaya = CooperativeProfile.objects.get(legal_number="2/BH/1999")
    assert (jaya.nik_koperasi, jaya.status) == ("3271030010002", "tidak_aktif")
    assert (
        CooperativeStatusChange.objects.filter(cooperative=jaya).order_by("-id").first().to_status
        == "tidak_aktif"
    )


MEMBER_HEADER = ["NIK Koperasi", "Nomor Anggota", "Nama", "NIK", "Jenis Kelamin", "Tanggal Masuk", "Simpanan Pokok",
                 "Simpanan Wajib", "Simpanan Sukarela"]  # fmt: skip


@pytest.mark.django_db
def test_member_import_for_own_cooperative_only(
    write_csv, coop_manager, cooperative_bogor, cooperative_bandung
):
    from sinergi.registry.models import CooperativeProfile

    CooperativeProfile.objects.create(organization=cooperative_bogor, nik_koperasi="3271060010001",
                                      region_code="32.71.06.1001", district_code="32.71.06", regency_code="32.71")  # fmt: skip
    CooperativeProfile.objects.create(organization=cooperative_bandung, nik_koperasi="3273020010001",
                                      region_code="32.73.02.1004", district_code="32.73.02", regency_code="32.73")  # fmt: skip
    rows = [MEMBER_HEADER,
            ["3271060010001", "A-1", "Asep Suryana", "3271060101800001", "L", "15/01/2019", "100.000", "1.200.000", "0"],
            ["3273020010001", "B-1", "Orang Bandung", "", "P", "", "", "", ""],
            ["9999999999999", "C-1", "Orang Lain", "", "", "", "", "", ""]]  # fmt: skip
    report = MemberImporter(actor=coop_manager).run(write_csv(rows))
    assert report.created == 1
    assert [r.reason for r in report.rejected] == [
        "Koperasi dengan NIK 3273020010001 di luar wilayah kerja Anda",
        "Koperasi dengan NIK 9999999999999 tidak ada di registri",
    ]
    member = Member.objects.get()
    assert (member.cooperative, member.savings_wajib, member.joined_on.isoformat()) == (
        cooperative_bogor, 1_200_000, "2019-01-15",
    )  # fmt: skip
    rows[1][7] = "1.300.000"
    again = MemberImporter(actor=coop_manager).run(write_csv(rows[:2]))
    assert again.updated == 1
    event = AuditEvent.objects.get(action="member.import_update")
    assert event.after == {"savings_wajib": "1300000"}


@pytest.mark.django_db
def test_cli_prints_exactly_one_json_object(write_csv, capsys):
    path = write_csv([UMKM_HEADER, umkm_row(1, "Toko Baru"), umkm_row(2, "Toko Rusak", nik="1"),
                      umkm_row(3, "Toko Tanggal", founded="31/13/2020")])  # fmt: skip
    call_command("registry_import", str(path), "--kind", "umkm", "--json")
    out = capsys.readouterr().out
    assert json.loads(out) == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": [
            {
                "line": 3,
                "reason": "NIK Pemilik: NIK harus 16 digit angka: 1 / NIK Pemilik: NIK must be 16 digits: 1",
            }
        ],
        "warnings": [
            {
                "line": 4,
                "reason": "Tanggal Berdiri: Tanggal tidak dikenali: 31/13/2020 (dikosongkan) / "
                "Tanggal Berdiri: Unrecognised date: 31/13/2020 (left empty)",
            }
        ],
        "possible_duplicates": 0,
    }


@pytest.mark.django_db
def test_cli_error_json_and_exit(write_csv, capsys):
    path = write_csv([["Pemilik"], ["A"]])
    with pytest.raises(CommandError):
        call_command("registry_import", str(path), "--kind", "umkm", "--json")
    body = json.loads(capsys.readouterr().out)
    assert body["detail"] == [] and "Nama Usaha" in body["error"]


@pytest.mark.django_db
def test_a_large_import_refreshes_the_planner_statistics_of_every_table_it_wrote(
    write_csv, officer_bogor, monkeypatch
):
    from django.db import connection

    monkeypatch.setattr("sinergi.registry.importers.pipeline.STATISTICS_AFTER", 2)
    tables = ("accounts_organization", "registry_businessprofile")

    def planner_rows(table):
        """How many rows the query planner believes `table` has (None: no statistics)."""
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
                if not cursor.fetchall():
                    return None
                cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
                counts = [int(stat.split()[0]) for (stat,) in cursor.fetchall()]
                return max(counts) if counts else None
            # ANALYZE sets reltuples within its transaction; rows of this test's open transaction
            # are invisible to anything else, so only the import's own ANALYZE can count them.
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return int(cursor.fetchone()[0])

    def counts():
        return [Organization.objects.count(), BusinessProfile.objects.count()]

    BusinessImporter(actor=officer_bogor, scope_code="32.71").run(
        write_csv([UMKM_HEADER, umkm_row(1, "Toko Satu")])
    )
    assert [planner_rows(t) for t in tables] != counts()  # one row: not worth it
    rows = [UMKM_HEADER, umkm_row(1, "Toko Dua"), umkm_row(2, "Toko Tiga")]
    BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert [planner_rows(t) for t in tables] == counts()
