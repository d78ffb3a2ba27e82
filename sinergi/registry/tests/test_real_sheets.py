"""Sheets as Dinas offices and the ministry really keep them: the ODS export, repeated legal
numbers, placeholder cells, bad optional cells that must not cost the whole row."""

import dataclasses
import io
import json
import zipfile
from xml.sax.saxutils import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from sinergi.accounts.models import Organization
from sinergi.core.models import AuditEvent
from sinergi.registry.importers import BusinessImporter, CooperativeImporter
from sinergi.registry.models import (
    BusinessProfile,
    CooperativeProfile,
    CooperativeStatusChange,
    DuplicateCandidate,
    ImportBatch,
)

ODS_HEADER = ["No", "Nama Koperasi", "Nomor Badan Hukum", "Tanggal Badan Hukum", "NIK", "Bentuk Koperasi",
              "Kelompok Koperasi", "Jenis Koperasi", "Alamat", "Desa/Kelurahan", "Kecamatan", "Kab/Kota", "Provinsi",
              "Jumlah Anggota", "No. Telp", "Email"]  # fmt: skip


def write_ods(path, rows):
    """A minimal OpenDocument spreadsheet, as LibreOffice and the ministry's ODS export write them."""

    def cell(value):
        if value is None or value == "":
            return "<table:table-cell/>"
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Data Koperasi">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def ministry_rows():
    return [
        ODS_HEADER,
        [1, "Koperasi Simpan Pinjam Mekar Sari", "518/13/BH/PERINDAGKOP", "0000-00-00", "3271030020001",
         "Primer Kabupaten/Kota", "Kop. Simpan Pinjam", "Koperasi Karyawan", "Jl. Pajajaran No. 12", "Paledang",
         "Bogor Tengah", "Kota Bogor", "Jawa Barat", 215, "0812 3456 7890 / 0856 1111 2222", "-"],
        [2, "KSU Tunas Harapan", "12/BH/XIII.4/2001", "00-00-0000", "-", "Primer Provinsi",
         "Kop. Serba Usaha", "Koperasi Unit Desa (KUD)", "Kp. Cibuluh RT 02/05", "Cibuluh", "Bogor Utara",
         "Kota Bogor", "Jawa Barat", 48, "tunasharapan@gmail.com", ""],
        [3, "Koperasi Konsumen Pasir Mulia", "7/BH/DK-10/1996", "12/05/1996", "3271060020003", "Sekunder Nasional",
         "Kop. Konsumen", "Koperasi Wanita", "Jl. Pasir Mulia 5", "Kedung Badak", "Tanah Sareal", "Kota Bogor",
         "Jawa Barat", "", "tidak ada", "Belum Ada"],
        [4, "Kop. Produsen Tani Makmur", "21/BH/2005", "2005-03-01", "3271060020004", "Primer Nasional",
         "Kop. Produsen", "", "", "Sukadamai", "Tanah Sareal", "Kota Bogor", "Jawa Barat", 30, "0", "n/a"],
        [5, "Koperasi Pemasaran Sukadamai", "22/BH/2006", "", "3271060020005", "Primer Kabupaten/Kota",
         "Kop. Pemasaran", "", "", "Sukadamai", "Tanah Sareal", "Kota Bogor", "Jawa Barat", 12, "", ""],
        [6, "Koperasi Jasa Angkutan Bogor", "23/BH/2007", "", "3271060020006", "Primer Kabupaten/Kota",
         "Kop. Jasa", "", "", "Sukadamai", "Tanah Sareal", "Kota Bogor", "Jawa Barat", 9, "", ""],
    ]  # fmt: skip


@pytest.mark.django_db
def test_the_ministrys_ods_export_imports_as_it_is(tmp_path, officer_bogor):
    path = write_ods(tmp_path / "data-koperasi-kota-bogor.ods", ministry_rows())
    report = CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(path)
    assert (report.created, report.updated, report.unchanged, report.rejected) == (6, 0, 0, [])
    assert report.warnings == []
    assert report.summary()["unknown_columns"] == ["Provinsi"]
    stored = {
        p.organization.name: (
            p.nik_koperasi, p.legal_number, p.legal_date, p.form, p.cooperative_type, p.group, p.members_total,
            p.organization.phone, p.organization.email, p.status, p.region_code,
        )
        for p in CooperativeProfile.objects.select_related("organization")
    }  # fmt: skip
    assert stored == {
        "Koperasi Simpan Pinjam Mekar Sari": ("3271030020001", "518/13/BH/PERINDAGKOP", None, "primer",
                                              "simpan_pinjam", "karyawan", 215, "6281234567890", "", "belum_tahu",
                                              "32.71.03.1002"),
        "KSU Tunas Harapan": ("", "12/BH/XIII.4/2001", None, "primer", "serba_usaha", "desa", 48, "",
                              "tunasharapan@gmail.com", "belum_tahu", "32.71.05.1005"),
        "Koperasi Konsumen Pasir Mulia": ("3271060020003", "7/BH/DK-10/1996", __import__("datetime").date(1996, 5, 12),
                                          "sekunder", "konsumen", "wanita", 0, "", "", "belum_tahu", "32.71.06.1003"),
        "Kop. Produsen Tani Makmur": ("3271060020004", "21/BH/2005", __import__("datetime").date(2005, 3, 1),
                                      "primer", "produsen", "", 30, "", "", "belum_tahu", "32.71.06.1007"),
        "Koperasi Pemasaran Sukadamai": ("3271060020005", "22/BH/2006", None, "primer", "pemasaran", "", 12, "",
                                         "", "belum_tahu", "32.71.06.1007"),
        "Koperasi Jasa Angkutan Bogor": ("3271060020006", "23/BH/2007", None, "primer", "jasa", "", 9, "", "",
                                         "belum_tahu", "32.71.06.1007"),
    }  # fmt: skip
    mekar = CooperativeProfile.objects.get(nik_koperasi="3271030020001")
    assert (mekar.members_male, mekar.members_female, mekar.members_unspecified) == (0, 0, 215)
    history = CooperativeStatusChange.objects.get(cooperative=mekar)
    assert (history.from_status, history.to_status, history.get_to_status_display()) == (
        "",
        "belum_tahu",
        "Belum diketahui",
    )
    # Importing the same file again changes nothing and writes no update.
    events = AuditEvent.objects.count()
    again = CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(path)
    assert (again.created, again.updated, again.unchanged, again.rejected, again.warnings) == (
        0,
        0,
        6,
        [],
        [],
    )
    assert CooperativeProfile.objects.count() == 6
    assert AuditEvent.objects.exclude(action="registry.import.cooperative").count() == events - 1
    assert not AuditEvent.objects.filter(action="cooperative.import_update").exists()


@pytest.mark.django_db
def test_a_repeated_legal_number_imports_both_cooperatives_and_flags_them(tmp_path, officer_bogor):
    header = ["Nama Koperasi", "Nomor Badan Hukum", "Alamat", "Kelurahan/Desa", "Kecamatan", "Kab/Kota"]
    first = [header, ["KUD Sumber Rejeki", "518/13/BH/PERINDAGKOP", "Jl. Pajajaran No. 12", "Paledang",
                      "Bogor Tengah", "Kota Bogor"]]  # fmt: skip
    path = write_ods(tmp_path / "a.ods", first)
    assert CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(path).created == 1
    # The same old local number for another cooperative (another name, another address), twice in
    # one list, and once more for the first cooperative under its own name.
    second = [header,
              ["Koperasi Karyawan Tirta Pakuan", "518 / 13 / BH / PERINDAGKOP", "Jl. Siliwangi 121", "Paledang",
               "Bogor Tengah", "Kota Bogor"],
              ["KUD Sumber Rejeki", "518/13/BH/PERINDAGKOP", "Jl. Pajajaran No. 12", "Paledang", "Bogor Tengah",
               "Kota Bogor"]]  # fmt: skip
    path = write_ods(tmp_path / "b.ods", second)
    report = CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(path)
    assert (report.created, report.updated, report.unchanged, report.rejected) == (1, 0, 1, [])
    assert report.possible_duplicates == 1
    names = dict(Organization.objects.filter(kind="cooperative").values_list("name", "address"))
    assert names == {
        "KUD Sumber Rejeki": "Jl. Pajajaran No. 12",
        "Koperasi Karyawan Tirta Pakuan": "Jl. Siliwangi 121",
    }
    pair = DuplicateCandidate.objects.get()
    assert (pair.kind, pair.status, pair.reasons["legal"]) == ("cooperative", "open", "same")
    assert {pair.left.name, pair.right.name} == {"KUD Sumber Rejeki", "Koperasi Karyawan Tirta Pakuan"}
    again = CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(path)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 2, [])
    assert DuplicateCandidate.objects.count() == 1


@pytest.mark.django_db
def test_one_legal_number_with_two_nik_koperasi_is_two_cooperatives_not_a_duplicate(write_csv, officer_bogor):
    rows = [["Nama Koperasi", "NIK Koperasi", "Nomor Badan Hukum", "Kelurahan/Desa", "Kecamatan", "Kab/Kota"],
            ["KSP Sejahtera", "3271030020001", "518/13/BH/PERINDAGKOP", "Paledang", "Bogor Tengah", "Kota Bogor"],
            ["KPRI Guru", "3271030020002", "518/13/BH/PERINDAGKOP", "Paledang", "Bogor Tengah", "Kota Bogor"]]  # fmt: skip
    report = CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert (report.created, report.rejected, report.possible_duplicates) == (2, [], 0)
    assert not DuplicateCandidate.objects.exists()


@pytest.mark.django_db
def test_a_legal_number_and_name_of_a_cooperative_with_another_nik_is_an_identity_conflict(
    write_csv, officer_bogor
):
    header = ["Nama Koperasi", "NIK Koperasi", "Nomor Badan Hukum", "Kelurahan/Desa", "Kecamatan", "Kab/Kota"]
    first = [
        header,
        ["KSP Sejahtera", "3271030020001", "9/BH/1999", "Paledang", "Bogor Tengah", "Kota Bogor"],
    ]
    CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(first))
    second = [
        header,
        ["KSP Sejahtera", "3271030020009", "9/BH/1999", "Paledang", "Bogor Tengah", "Kota Bogor"],
    ]
    report = CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(second))
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "Nomor Badan Hukum dan nama ini milik koperasi dengan NIK 3271030020001")
    ]
    assert list(CooperativeProfile.objects.values_list("nik_koperasi", flat=True)) == ["3271030020001"]


COOP_HEADER = ["Nama Koperasi", "NIK Koperasi", "Nomor Badan Hukum", "Tanggal Badan Hukum", "Kelompok", "Jenis",
               "Bentuk", "Kelurahan/Desa", "Kecamatan", "Kab/Kota", "Jumlah Anggota Laki-laki",
               "Jumlah Anggota Perempuan", "Jumlah Anggota", "Tanggal RAT Terakhir", "Status"]  # fmt: skip


@pytest.mark.django_db
def test_bad_optional_cells_import_the_row_empty_with_a_warning(write_csv, officer_bogor):
    rows = [COOP_HEADER,
            ["KSP Mekar", "3271030020001", "1/BH/1998", "31 Juni 1998", "Kop. Angkasa", "simpan pinjam", "primer",
             "Paledang", "Bogor Tengah", "Kota Bogor", "10", "12", "15", "kemarin", "aktif"],
            ["KSU Jaya", "3271030020002", "2/BH/1999", "1999-01-02", "karyawan", "serba usaha", "tersier",
             "Paledang", "Bogor Tengah", "Kota Bogor", "banyak", "5", "", "2025-02-30", "setengah aktif"]]  # fmt: skip
    report = CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert (report.created, report.rejected) == (2, [])
    assert [w.line for w in report.warnings] == [2, 3]
    reasons = {w.line: w.reason.split("; ") for w in report.warnings}
    assert reasons[2] == [
        "Tanggal Badan Hukum: Tanggal tidak dikenali: 31 Juni 1998 (dikosongkan)",
        "Kelompok: Kelompok koperasi tidak dikenal: Kop. Angkasa (pilihan: desa, karyawan, kpri, lainnya, "
        "masyarakat, nelayan, pedagang, pemuda, pesantren, tani, tni polri, wanita) (dikosongkan)",
        "Tanggal RAT Terakhir: Tanggal tidak dikenali: kemarin (dikosongkan)",
        "Jumlah Anggota: 15 lebih kecil dari jumlah anggota laki-laki dan perempuan (diabaikan)",
    ]
    assert reasons[3] == [
        "Bentuk: Bentuk koperasi tidak dikenal: tersier (pilihan: primer, sekunder) (dikosongkan)",
        "Jumlah Anggota Laki-laki: Harus bilangan bulat: banyak (dikosongkan)",
        "Tanggal RAT Terakhir: Tanggal tidak dikenali: 2025-02-30 (dikosongkan)",
        "Status: Status tidak dikenal: setengah aktif (pilihan: aktif, belum tahu, dibekukan, dibubarkan, "
        "tidak aktif) (dikosongkan)",
    ]
    mekar = CooperativeProfile.objects.get(nik_koperasi="3271030020001")
    assert (mekar.legal_date, mekar.group, mekar.cooperative_type, mekar.last_rat_date, mekar.status) == (
        None, "", "simpan_pinjam", None, "aktif",
    )  # fmt: skip
    assert (mekar.members_male, mekar.members_female, mekar.members_unspecified) == (10, 12, 0)
    jaya = CooperativeProfile.objects.get(nik_koperasi="3271030020002")
    assert (jaya.form, jaya.group, jaya.members_male, jaya.members_female, jaya.status) == (
        "primer", "karyawan", 0, 5, "belum_tahu",
    )  # fmt: skip


UMKM_HEADER = [
    "Nama Usaha",
    "NIK Pemilik",
    "NIB",
    "Kelurahan/Desa",
    "Kecamatan",
    "Kab/Kota",
    "No. HP",
    "Email",
]


def umkm(name, nik="", nib="", phone="", email=""):
    return [name, nik, nib, "Paledang", "Bogor Tengah", "Kota Bogor", phone, email]


@pytest.mark.django_db
def test_placeholder_cells_are_empty_and_phone_cells_are_read_as_offices_fill_them(write_csv, officer_bogor):
    rows = [UMKM_HEADER,
            umkm("Toko Satu", nik="-", nib="0", phone="Tidak Ada", email="n/a"),
            umkm("Toko Dua", nik=" belum  ada ", nib="N/A", phone="0812-3456-7890, 0813 1111 2222"),
            umkm("Toko Tiga", phone="0812 / 0856 2222 3333", email="-"),
            umkm("Toko Empat", phone="TokoEmpat@Gmail.com"),
            umkm("Toko Lima", phone="lima@contoh.id", email="pemilik@contoh.id"),
            umkm("Toko Enam", phone="0251 8321 xx", email="bukan-email")]  # fmt: skip
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert (report.created, report.rejected) == (6, [])
    stored = dict(BusinessProfile.objects.values_list("organization__name", "organization__phone"))
    assert stored == {"Toko Satu": "", "Toko Dua": "6281234567890", "Toko Tiga": "6285622223333",
                      "Toko Empat": "", "Toko Lima": "", "Toko Enam": ""}  # fmt: skip
    details = {
        name: (nik, nib, email)
        for name, nik, nib, email in BusinessProfile.objects.values_list(
            "organization__name", "owner_nik", "nib", "organization__email"
        )
    }
    assert details == {"Toko Satu": ("", "", ""), "Toko Dua": ("", "", ""), "Toko Tiga": ("", "", ""),
                       "Toko Empat": ("", "", "tokoempat@gmail.com"), "Toko Lima": ("", "", "pemilik@contoh.id"),
                       "Toko Enam": ("", "", "")}  # fmt: skip
    assert [(w.line, w.reason) for w in report.warnings] == [
        (6, "No. HP/WhatsApp: berisi alamat e-mail lima@contoh.id, bukan nomor telepon; kolom E-mail sudah "
            "berisi alamat lain (dikosongkan)"),
        (7, "No. HP/WhatsApp: Nomor telepon tidak valid: 0251 8321 xx (dikosongkan); "
            "E-mail: Alamat e-mail tidak valid: bukan-email (dikosongkan)"),
    ]  # fmt: skip
    again = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)


@pytest.mark.django_db
def test_a_placeholder_never_erases_what_the_registry_holds(write_csv, officer_bogor):
    BusinessImporter(actor=officer_bogor, scope_code="32.71").run(
        write_csv(
            [
                UMKM_HEADER,
                umkm(
                    "Toko Satu",
                    nik="3271064107850003",
                    nib="9120001234567",
                    phone="081234567890",
                    email="satu@contoh.id",
                ),
            ]
        )  # fmt: skip
    )
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(
        write_csv(
            [UMKM_HEADER, umkm("Toko Satu", nik="-", nib="9120001234567", phone="0", email="tidak ada")]
        )
    )
    assert (report.unchanged, report.updated, report.warnings) == (1, 0, [])
    profile = BusinessProfile.objects.select_related("organization").get()
    assert (profile.owner_nik, profile.organization.phone, profile.organization.email) == (
        "3271064107850003", "6281234567890", "satu@contoh.id",
    )  # fmt: skip


@pytest.mark.django_db
def test_a_resolvers_correction_becomes_a_warning_of_the_row(write_csv, officer_bogor, monkeypatch):
    from sinergi.registry.importers import pipeline

    real = pipeline.resolve_place

    def corrected(**kwargs):
        result = real(**kwargs)
        return dataclasses.replace(result, notes=("Kelurahan Paledng dibaca sebagai Paledang",))

    monkeypatch.setattr(pipeline, "resolve_place", corrected)
    rows = [UMKM_HEADER, umkm("Toko Satu"), umkm("Toko Dua")]
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    assert report.created == 2
    assert [(w.line, w.reason, w.reason_en) for w in report.warnings] == [
        (2, "Kelurahan Paledng dibaca sebagai Paledang", "Kelurahan Paledng dibaca sebagai Paledang"),
        (3, "Kelurahan Paledng dibaca sebagai Paledang", "Kelurahan Paledng dibaca sebagai Paledang"),
    ]


@pytest.mark.django_db
def test_preview_page_and_report_show_the_warnings(client, officer_bogor, django_capture_on_commit_callbacks):
    client.force_login(officer_bogor)
    content = (
        b"Nama Usaha,Kelurahan/Desa,Kecamatan,Kabupaten/Kota,Tanggal Berdiri,NIK Pemilik\n"
        b"Toko Baru,Paledang,Bogor Tengah,Kota Bogor,31/13/2020,\n"
        b"Toko Rusak,Paledang,Bogor Tengah,Kota Bogor,,123\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/registri/impor/", {"kind": "umkm", "file": SimpleUploadedFile("data.csv", content)})
    batch = ImportBatch.objects.get()
    assert (batch.summary["created"], batch.summary["rejected_count"], batch.summary["warnings_count"]) == (
        1,
        1,
        1,
    )
    page = client.get(f"/registri/impor/{batch.pk}/").content.decode()
    assert "Baris dengan peringatan" in page
    assert "Tanggal Berdiri: Tanggal tidak dikenali: 31/13/2020 (dikosongkan)" in page
    assert "NIK Pemilik: NIK harus 16 digit angka: 123" in page
    # The screen speaks the user's language only; the downloadable report carries both.
    assert "Unrecognised date" not in page and "must be 16 digits" not in page
    client.post("/bahasa/", {"language": "en", "next": "/"})
    english = client.get(f"/registri/impor/{batch.pk}/").content.decode()
    assert "Tanggal Berdiri: Unrecognised date: 31/13/2020 (left empty)" in english
    assert "NIK Pemilik: NIK must be 16 digits: 123" in english
    assert "Tanggal tidak dikenali" not in english
    client.post("/bahasa/", {"language": "id", "next": "/"})
    response = client.get(f"/registri/impor/{batch.pk}/ditolak/")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [c.value for c in book["Ditolak"][2]][:3] == [
        3,
        "NIK Pemilik: NIK harus 16 digit angka: 123",
        "NIK Pemilik: NIK must be 16 digits: 123",
    ]
    assert [[c.value for c in row] for row in book["Peringatan"].iter_rows()] == [
        ["Baris", "Peringatan", "Warning"],
        [2, "Tanggal Berdiri: Tanggal tidak dikenali: 31/13/2020 (dikosongkan)",
         "Tanggal Berdiri: Unrecognised date: 31/13/2020 (left empty)"],
    ]  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/registri/impor/{batch.pk}/jalankan/")
    assert BusinessProfile.objects.get().founded_on is None


@pytest.mark.django_db
def test_cli_as_a_user_applies_their_jurisdiction_like_the_web_upload(
    write_csv, officer_bogor, capsys, django_capture_on_commit_callbacks
):
    from sinergi.registry.services import import_batch_preview, import_batch_upload

    rows = [["Nama Usaha", "Kelurahan/Desa", "Kecamatan", "Kabupaten/Kota"],
            ["Toko Bogor", "Paledang", "Bogor Tengah", "Kota Bogor"],
            ["Batagor Kang Asep", "Dago", "Coblong", "Kota Bandung"]]  # fmt: skip
    path = write_csv(rows)
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_batch_upload(
            actor=officer_bogor, kind="umkm", uploaded_file=SimpleUploadedFile("a.csv", path.read_bytes())
        )
        import_batch_preview(actor=officer_bogor, batch=batch)
    batch.refresh_from_db()
    web = [(r["line"], r["reason"]) for r in batch.summary["rejected_sample"]]
    assert web == [(3, "Wilayah Dago, Coblong, Kota Bandung, Jawa Barat di luar wilayah kerja Anda")]
    call_command(
        "registry_import", str(path), "--kind", "umkm", "--json", "--as", officer_bogor.email.upper()
    )
    body = json.loads(capsys.readouterr().out)
    assert body["created"] == 1
    assert [(r["line"], r["reason"].split(" / ")[0]) for r in body["rejected"]] == web
    assert list(Organization.objects.filter(kind="umkm").values_list("name", flat=True)) == ["Toko Bogor"]


@pytest.mark.django_db
def test_cli_as_a_user_without_an_office_is_refused_and_writes_nothing(write_csv, coop_manager, capsys):
    path = write_csv([["Nama Usaha", "Kelurahan/Desa", "Kecamatan", "Kabupaten/Kota"],
                      ["Toko Bogor", "Paledang", "Bogor Tengah", "Kota Bogor"]])  # fmt: skip
    with pytest.raises(CommandError, match="Impor hanya untuk petugas dinas."):
        call_command("registry_import", str(path), "--kind", "umkm", "--json", "--as", coop_manager.email)
    assert json.loads(capsys.readouterr().out) == {"error": "Impor hanya untuk petugas dinas.", "detail": []}
    assert not BusinessProfile.objects.exists()


@pytest.mark.django_db
def test_cli_as_a_user_cannot_widen_their_jurisdiction_with_within(write_csv, officer_bogor):
    path = write_csv([["Nama Usaha", "Kelurahan/Desa", "Kecamatan", "Kabupaten/Kota"],
                      ["Batagor", "Dago", "Coblong", "Kota Bandung"]])  # fmt: skip
    with pytest.raises(CommandError, match="Wilayah 32.73 di luar wilayah kerja pengguna"):
        call_command(
            "registry_import", str(path), "--kind", "umkm", "--as", officer_bogor.email, "--within", "32.73"
        )
    assert not BusinessProfile.objects.exists()


@pytest.mark.django_db
def test_unknown_status_is_listed_and_filtered_like_the_others(client, write_csv, officer_bogor):
    rows = [["Nama Koperasi", "NIK Koperasi", "Kelurahan/Desa", "Kecamatan", "Kab/Kota", "Status"],
            ["KSP Tanpa Status", "3271030020001", "Paledang", "Bogor Tengah", "Kota Bogor", ""],
            ["KSP Aktif", "3271030020002", "Paledang", "Bogor Tengah", "Kota Bogor", "Aktif"]]  # fmt: skip
    CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    client.force_login(officer_bogor)
    page = client.get("/registri/koperasi/", {"status": "belum_tahu"}).content.decode()
    assert "KSP Tanpa Status" in page and "KSP Aktif" not in page
    assert '<option value="belum_tahu" selected>Belum diketahui</option>' in page
    statuses = dict(CooperativeProfile.objects.values_list("organization__name", "status"))
    assert statuses == {"KSP Tanpa Status": "belum_tahu", "KSP Aktif": "aktif"}
