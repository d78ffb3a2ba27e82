"""Where imported rows are placed: the place columns bound the answer, the address narrows it."""

import pytest

from sinergi.registry.importers import BusinessImporter
from sinergi.registry.models import BusinessProfile

HEADER = ["Nama Usaha", "Alamat Usaha", "Desa/Kelurahan", "Kecamatan", "Kab/Kota"]


def sheet(write_csv, *rows):
    return write_csv([HEADER, *[list(row) for row in rows]])


def placed():
    return dict(BusinessProfile.objects.values_list("organization__name", "organization__region_id"))


@pytest.mark.django_db
def test_a_row_naming_only_its_regency_is_placed_by_its_address_inside_it(write_csv, officer_bogor):
    path = sheet(write_csv, ("Toko Pajajaran", "Jl. Pajajaran No 10 Baranangsiang", "", "", "Kota Bogor"))
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(path)
    assert (report.created, report.rejected, report.warnings) == (1, [], [])
    assert placed() == {"Toko Pajajaran": "32.71.02.1002"}


@pytest.mark.django_db
def test_a_kampung_in_the_address_never_moves_a_row_out_of_its_regency(write_csv, superuser):
    # Read alone, "Kp. Padabeunghar" used to land in the desa called "Kampung" in Gunungkidul.
    path = sheet(write_csv, ("Warung Kp", "Kp. Padabeunghar", "", "", "Kota Bogor"))
    report = BusinessImporter(actor=superuser).run(path)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "Wilayah kurang rinci (perlu kecamatan atau kelurahan/desa): Kota Bogor")
    ]
    assert placed() == {}


@pytest.mark.django_db
def test_a_row_is_never_placed_outside_the_kecamatan_its_columns_name(write_csv, superuser):
    # No village of Kecamatan Subang (Kabupaten Subang) is called Subang; the desa Subang is in Kuningan.
    path = sheet(write_csv, ("Toko Subang", "Desa Subang", "Subang", "Kecamatan Subang", "Kabupaten Subang"))
    report = BusinessImporter(actor=superuser).run(path)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "Wilayah tidak ditemukan: Subang / Kecamatan Subang / Kabupaten Subang")
    ]
    assert placed() == {}


@pytest.mark.django_db
def test_an_address_never_moves_a_row_into_the_jurisdiction_from_another_regency(write_csv, officer_bogor):
    path = sheet(write_csv, ("Toko Bandung", "Kelurahan Paledang", "", "", "Kota Bandung"))
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(path)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "Wilayah Kota Bandung, Jawa Barat di luar wilayah kerja Anda")
    ]
    assert placed() == {}


@pytest.mark.django_db
def test_a_misspelt_village_imports_with_a_warning_naming_the_correction(write_csv, officer_bogor):
    path = sheet(write_csv, ("Toko Balumbang", "Jl. Uji", "Balungbangjaya", "Bogor Barat", "Kota Bogor"))
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(path)
    assert (report.created, report.rejected) == (1, [])
    assert [(w.line, w.reason) for w in report.warnings] == [
        (2, "Nama wilayah “Balungbangjaya” tidak ada; dibaca sebagai Balumbang Jaya.")
    ]
    assert placed() == {"Toko Balumbang": "32.71.04.1005"}


@pytest.mark.django_db
def test_a_village_not_found_is_read_from_the_address_inside_its_kecamatan(write_csv, officer_bogor):
    path = sheet(
        write_csv, ("Toko Paledang", "Jl. Uji, Kelurahan Paledang", "Xyzabc", "Bogor Tengah", "Kota Bogor")
    )
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(path)
    assert [(w.line, w.reason) for w in report.warnings] == [
        (
            2,
            "Wilayah “Xyzabc / Bogor Tengah / Kota Bogor” tidak ditemukan; dibaca dari alamat: "
            "Paledang, Bogor Tengah, Kota Bogor, Jawa Barat.",
        )
    ]
    assert placed() == {"Toko Paledang": "32.71.03.1002"}


@pytest.mark.django_db
def test_abbreviated_regency_names_resolve(write_csv, officer_bandung):
    path = sheet(
        write_csv,
        ("Toko Dago", "Jl. Uji", "Dago", "Coblong", "Kota Bdg"),
        ("Toko Lembang", "Jl. Uji", "Pagerwangi", "Lembang", "Kab. Bdg Barat"),
    )
    report = BusinessImporter(actor=officer_bandung, scope_code="32.73").run(path)
    assert (report.created, [(r.line, r.reason) for r in report.rejected]) == (
        1,
        [(3, "Wilayah Pagerwangi, Lembang, Kabupaten Bandung Barat, Jawa Barat di luar wilayah kerja Anda")],
    )
    assert placed() == {"Toko Dago": "32.73.02.1004"}


@pytest.mark.django_db
def test_candidates_start_in_the_uploaders_jurisdiction_and_province(write_csv, officer_bogor):
    path = sheet(
        write_csv,
        ("Toko Sukamaju", "Jl. Uji", "Sukamaju", "", ""),
        ("Toko Sukabumi", "Sukabumi", "", "", ""),
    )
    report = BusinessImporter(actor=officer_bogor).run(path)
    reasons = [r.reason for r in report.rejected]
    assert reasons[0].startswith(
        "Wilayah ambigu: Sukamaju; kemungkinan: 32.01.06.2001 Sukamaju, Jonggol, Kabupaten Bogor, Jawa Barat; "
        "32.01.16.2013 Sukamaju, Cibungbulang, Kabupaten Bogor, Jawa Barat; "
    )
    assert reasons[1] == (
        "Wilayah ambigu: Sukabumi; kemungkinan: 32.02 Kabupaten Sukabumi, Jawa Barat; "
        "32.72 Kota Sukabumi, Jawa Barat; 32.02.32 Sukabumi, Kabupaten Sukabumi, Jawa Barat; "
        "18.71.12 Sukabumi, Kota Bandar Lampung, Lampung; "
        "16.08.04.2017 Sukabumi, Cempaka, Kabupaten Ogan Komering Ulu Timur, Sumatera Selatan"
    )
    assert placed() == {}
