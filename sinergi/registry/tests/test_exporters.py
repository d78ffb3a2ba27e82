import csv
import io

import pytest
from openpyxl import load_workbook

from sinergi.registry import exporters
from sinergi.registry.importers import BusinessImporter, CooperativeImporter
from sinergi.registry.models import BusinessProfile, CooperativeProfile
from sinergi.registry.synthetic import Generator

SEEN = lambda org: True  # noqa: E731 — every row's personal data written unmasked
HIDDEN = lambda org: False  # noqa: E731


def _write(tmp_path, kind, rows, name, masked=False):
    path = tmp_path / name
    text = "".join(exporters.csv_stream(kind, rows, masked=masked))
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_unmasked_export_reimports_unchanged(tmp_path, superuser, write_csv):
    gen = Generator(seed=7, prefixes=("32.71",))
    rows = list(gen.businesses(40))
    header = list(rows[0])
    BusinessImporter(actor=superuser).run(write_csv([header, *[[r[h] for h in header] for r in rows]]))
    created = BusinessProfile.objects.count()
    assert created >= 38  # a couple of generated names may coincide in one village
    exported = _write(
        tmp_path, "umkm", exporters.business_rows(BusinessProfile.objects.all(), visible=SEEN), "e.csv"
    )
    report = BusinessImporter(actor=superuser).run(exported)
    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, created, [])


@pytest.mark.django_db
def test_cooperative_export_reimports_unchanged(tmp_path, superuser, write_csv):
    import datetime as dt

    gen = Generator(seed=8, prefixes=("32.73",))
    rows = [gen.cooperative(i, dt.date(2026, 11, 1)) for i in range(30)]
    header = list(rows[0])
    CooperativeImporter(actor=superuser).run(write_csv([header, *[[r[h] for h in header] for r in rows]]))
    count = CooperativeProfile.objects.count()
    exported = _write(
        tmp_path,
        "cooperative",
        exporters.cooperative_rows(CooperativeProfile.objects.all()),
        "k.csv",
    )
    report = CooperativeImporter(actor=superuser).run(exported)
    assert (report.created, report.updated, report.unchanged, len(report.rejected)) == (0, 0, count, 0)


@pytest.mark.django_db
def test_masked_export_hides_personal_data_and_never_overwrites(tmp_path, superuser, write_csv):
    gen = Generator(seed=9, prefixes=("32.71",))
    rows = [r for r in gen.businesses(10) if r["NIK Pemilik"] and r["No. HP/WhatsApp"]][:3]
    header = list(rows[0])
    BusinessImporter(actor=superuser).run(write_csv([header, *[[r[h] for h in header] for r in rows]]))
    masked_rows = list(exporters.business_rows(BusinessProfile.objects.all(), visible=HIDDEN))
    nik_col = exporters.headers("umkm").index("NIK Pemilik")
    assert exporters.headers("umkm", masked=True)[nik_col] == "NIK Pemilik (tersamar)"
    assert all("*" in row[nik_col] for row in masked_rows)
    before = dict(BusinessProfile.objects.values_list("pk", "owner_nik"))
    report = BusinessImporter(actor=superuser).run(
        _write(tmp_path, "umkm", masked_rows, "m.csv", masked=True)
    )
    assert report.unchanged == 3 and report.masked_ignored >= 6
    assert dict(BusinessProfile.objects.values_list("pk", "owner_nik")) == before


def test_formula_injection_is_neutralised():
    assert exporters.safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert exporters.safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert exporters.safe_cell("+62812") == "'+62812"
    assert exporters.safe_cell(125) == 125


@pytest.mark.django_db
def test_exported_names_cannot_run_as_formulas(officer_bogor):
    from sinergi.registry.services import business_register

    business_register(actor=officer_bogor, name="=cmd|' /C calc'!A0", region_code="32.71.06.1003")
    text = "".join(
        exporters.csv_stream("umkm", exporters.business_rows(BusinessProfile.objects.all(), visible=SEEN))
    )
    row = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1]
    assert row[0] == "'=cmd|' /C calc'!A0"


def test_template_has_headers_example_and_guide():
    book = load_workbook(io.BytesIO(exporters.template_bytes("umkm")))
    data = book["Data"]
    assert [c.value for c in data[1]][:3] == ["Nama Usaha", "Nama Pemilik", "NIK Pemilik"]
    assert data.cell(row=2, column=1).value == "Keripik Talas Bu Euis"
    guide = [row[0].value for row in book["Petunjuk"].iter_rows(min_row=2, max_row=4)]
    assert guide == ["Nama Usaha", "Nama Pemilik", "NIK Pemilik"]
    assert book["Data"].cell(row=3, column=3).number_format == "@"


def test_rejected_workbook_lists_line_and_both_languages():
    from sinergi.registry.importers.pipeline import Rejection

    content = exporters.rejected_workbook(
        "umkm", ["Nama Usaha"], [Rejection(4, "alasan", "reason", ["Toko"])]
    )
    sheet = load_workbook(io.BytesIO(content))["Ditolak"]
    assert [c.value for c in sheet[2]] == [4, "alasan", "reason", "Toko"]


@pytest.mark.django_db
def test_export_command_round_trip(tmp_path, superuser, officer_bogor, write_csv):
    from django.core.management import call_command

    from sinergi.registry.services import business_register

    business_register(
        actor=officer_bogor, name="Toko Satu", region_code="32.71.06.1003", owner_nik="3271064107850003"
    )
    out = tmp_path / "umkm.csv"
    call_command("registry_export", str(out), "--kind", "umkm")
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].startswith("Toko Satu,,3271064107850003")
    report = BusinessImporter(actor=superuser).run(out)
    assert (report.created, report.unchanged) == (0, 1)
    masked = tmp_path / "umkm-masked.xlsx"
    call_command("registry_export", str(masked), "--kind", "umkm", "--masked")
    sheet = load_workbook(masked)["umkm"]
    assert sheet.cell(row=1, column=3).value == "NIK Pemilik (tersamar)"
    assert sheet.cell(row=2, column=3).value == "3271********0003"


# --- the formula guard, undone exactly ------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["=SUM(A1)", "+62 812 3456 7890", "-", "@Euis", "'=x", "''+1", "'biasa", "Toko Satu", "'", ""],
)
def test_unguard_undoes_exactly_what_guard_adds(value):
    assert exporters.unguard(exporters.guard(value)) == value


def test_guard_marks_formulas_and_leaves_other_values():
    assert exporters.guard("+62 812 3456 7890") == "'+62 812 3456 7890"
    assert exporters.guard("'=x") == "''=x"
    assert exporters.guard("'biasa") == "'biasa"
    assert exporters.guard(125) == 125
    assert exporters.unguard("'biasa") == "'biasa"
    assert exporters.unguard(125) == 125


@pytest.mark.django_db
def test_guarded_values_come_back_exactly_as_they_left(tmp_path, officer_bogor, superuser):
    from sinergi.registry.services import business_register

    business = business_register(
        actor=officer_bogor,
        name="=Toko Formula",
        region_code="32.71.06.1003",
        owner_name="+62 812 3456 7890",
        address="-Blok A* No. 3",
        owner_nik="3271064107850003",
        phone="081234567890",
    )
    BusinessProfile.objects.filter(pk=business.pk).update(owner_name="'=x")
    stored = BusinessProfile.objects.values_list(
        "organization__name", "owner_name", "organization__address", "owner_nik", "organization__phone"
    ).get()
    exported = _write(
        tmp_path, "umkm", exporters.business_rows(BusinessProfile.objects.all(), visible=SEEN), "e.csv"
    )
    row = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))[1]
    assert row[:3] == ["'=Toko Formula", "''=x", "3271064107850003"]
    assert row[6] == "'-Blok A* No. 3"
    report = BusinessImporter(actor=superuser).run(exported)
    assert (report.created, report.updated, report.unchanged, report.rejected, report.masked_ignored) == (
        0, 0, 1, [], 0,
    )  # fmt: skip
    after = BusinessProfile.objects.values_list(
        "organization__name", "owner_name", "organization__address", "owner_nik", "organization__phone"
    ).get()
    assert after == stored == ("=Toko Formula", "'=x", "-Blok A* No. 3", "3271064107850003", "6281234567890")


@pytest.mark.django_db
def test_a_guarded_phone_cell_is_read_as_the_number(superuser, write_csv):
    path = write_csv(
        [
            ["Nama Usaha", "Kelurahan/Desa", "Kecamatan", "Kabupaten/Kota", "No. HP/WhatsApp", "Alamat"],
            ["Toko Dua", "Tanah Sareal", "Tanah Sareal", "Kota Bogor", "'+62 812 3456 7890", "Blok A* No. 3"],
        ]
    )
    report = BusinessImporter(actor=superuser).run(path)
    assert (report.created, report.rejected, report.warnings, report.masked_ignored) == (1, [], [], 0)
    assert BusinessProfile.objects.values_list("organization__phone", "organization__address").get() == (
        "6281234567890",
        "Blok A* No. 3",
    )


# --- masked only in a masked export, and only in the masker's form -------------------------------


@pytest.mark.django_db
def test_a_masked_looking_nik_in_an_ordinary_sheet_is_an_invalid_nik(superuser, officer_bogor, write_csv):
    from sinergi.registry.services import business_register

    business_register(
        actor=officer_bogor, name="Toko Satu", region_code="32.71.06.1003", owner_nik="3271064107850003"
    )
    path = write_csv(
        [
            ["Nama Usaha", "NIK Pemilik", "Kelurahan/Desa", "Kecamatan", "Kabupaten/Kota"],
            ["Toko Satu", "3271********0003", "Tanah Sareal", "Tanah Sareal", "Kota Bogor"],
        ]
    )
    report = BusinessImporter(actor=superuser).run(path)
    assert report.masked_ignored == 0
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "NIK Pemilik: NIK harus 16 digit angka: 3271********0003")
    ]
    assert BusinessProfile.objects.values_list("owner_nik", flat=True).get() == "3271064107850003"


@pytest.mark.django_db
def test_a_masked_export_keeps_real_values_typed_into_it(tmp_path, superuser, officer_bogor):
    from sinergi.registry.services import business_register

    business_register(
        actor=officer_bogor, name="Toko Satu", region_code="32.71.06.1003", owner_nik="3271064107850003",
        phone="081234567890", address="Gg. Mawar RT 02/05",
    )  # fmt: skip
    business_register(
        actor=officer_bogor, name="Toko Dua", region_code="32.71.06.1003", owner_nik="3271060101800001",
        phone="081298765432", address="Jl. Pajajaran 12",
    )  # fmt: skip
    rows = list(
        exporters.business_rows(BusinessProfile.objects.order_by("organization__name"), visible=HIDDEN)
    )
    assert [(r[0], r[2], r[6], r[10]) for r in rows] == [
        ("Toko Dua", "3271********0001", "******", "6281******432"),
        ("Toko Satu", "3271********0003", "******", "6281******890"),
    ]
    rows[0][10] = "081211112222"  # a corrected phone typed into the masked export
    report = BusinessImporter(actor=superuser).run(_write(tmp_path, "umkm", rows, "m.csv", masked=True))
    assert (report.updated, report.unchanged, report.rejected, report.masked_ignored) == (1, 1, [], 5)
    assert list(
        BusinessProfile.objects.order_by("organization__name").values_list(
            "owner_nik", "organization__phone", "organization__address"
        )
    ) == [
        ("3271060101800001", "6281211112222", "Jl. Pajajaran 12"),
        ("3271064107850003", "6281234567890", "Gg. Mawar RT 02/05"),
    ]


# --- the export service -----------------------------------------------------------------------------


@pytest.fixture
def two_businesses(officer_bogor):
    from sinergi.registry.services import business_register

    business_register(
        actor=officer_bogor, name="Toko Satu", region_code="32.71.06.1003", owner_nik="3271064107850003",
        phone="081234567890", address="Gg. Mawar RT 02/05",
    )  # fmt: skip
    business_register(
        actor=officer_bogor, name="Toko Dua", region_code="32.71.06.1003", owner_nik="3271060101800001",
        phone="081298765432", address="Jl. Pajajaran 12",
    )  # fmt: skip


def _export_events():
    from sinergi.core.models import AuditEvent

    return AuditEvent.objects.filter(object_type="registry.export")


@pytest.mark.django_db
def test_registry_export_masks_for_a_viewer_and_audits_once_without_values(two_businesses, viewer_bogor):
    from sinergi.registry.filters import BusinessFilters

    export = exporters.registry_export(
        actor=viewer_bogor, kind="umkm", filters=BusinessFilters(q="Satu"), masked=False
    )
    rows = list(export.rows)
    assert export.masked is True
    assert [(r[0], r[2], r[6], r[10]) for r in rows] == [
        ("Toko Satu", "3271********0003", "******", "6281******890")
    ]
    event = _export_events().get()
    assert (event.action, event.actor, event.region_code) == ("registry.export.umkm", viewer_bogor, "32.71")
    assert event.object_repr == export.filename("csv")
    assert export.filename("csv").startswith("umkm-tersamar-")
    assert event.after == {"format": "csv", "masked": True, "filters": {"q": "Satu"}, "via": "web"}
    assert "3271" not in str(event.after) and event.before is None


@pytest.mark.django_db
def test_registry_export_unmasked_for_a_staff_officer(two_businesses, officer_bogor):
    from sinergi.registry.filters import BusinessFilters

    export = exporters.registry_export(
        actor=officer_bogor, kind="umkm", filters=BusinessFilters(), masked=False
    )
    rows = sorted(export.rows)
    assert export.masked is False and export.filename("xlsx").startswith("umkm-2")
    assert [(r[0], r[2], r[6], r[10]) for r in rows] == [
        ("Toko Dua", "3271060101800001", "Jl. Pajajaran 12", "6281298765432"),
        ("Toko Satu", "3271064107850003", "Gg. Mawar RT 02/05", "6281234567890"),
    ]
    asked = exporters.registry_export(
        actor=officer_bogor, kind="umkm", filters=BusinessFilters(), masked=True
    )
    assert asked.masked is True
    assert sorted(r[2] for r in asked.rows) == ["3271********0001", "3271********0003"]
    assert [e.after["masked"] for e in _export_events().order_by("pk")] == [False, True]


@pytest.mark.django_db
def test_a_staff_officer_who_is_a_viewer_elsewhere_gets_the_other_regions_rows_masked(
    two_businesses, officer_bogor, office_bandung, officer_bandung
):
    from sinergi.accounts.scoping import forget_reach
    from sinergi.accounts.tests.factories import MembershipFactory
    from sinergi.registry.filters import BusinessFilters
    from sinergi.registry.services import business_register

    MembershipFactory(user=officer_bogor, organization=office_bandung, role="viewer")
    forget_reach(officer_bogor)
    business_register(
        actor=officer_bandung, name="Toko Bandung", region_code="32.73.02.1004", owner_nik="3273020101800001"
    )
    export = exporters.registry_export(
        actor=officer_bogor, kind="umkm", filters=BusinessFilters(), masked=False
    )
    assert export.masked is True
    assert sorted((r[0], r[2]) for r in export.rows) == [
        ("Toko Bandung", "3273********0001"),
        ("Toko Dua", "3271060101800001"),
        ("Toko Satu", "3271064107850003"),
    ]


@pytest.mark.django_db
def test_export_command_masks_as_the_presenter_decides_for_the_user(tmp_path, two_businesses, viewer_bogor):
    from django.core.management import call_command

    out = tmp_path / "viewer.csv"
    call_command(
        "registry_export", str(out), "--kind", "umkm", "--as", viewer_bogor.email, stdout=io.StringIO()
    )
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][2] == "NIK Pemilik (tersamar)" and rows[0][6] == "Alamat (tersamar)"
    assert sorted((r[0], r[2], r[6], r[10]) for r in rows[1:]) == [
        ("Toko Dua", "3271********0001", "******", "6281******432"),
        ("Toko Satu", "3271********0003", "******", "6281******890"),
    ]
    event = _export_events().get()
    assert (event.actor, event.after) == (
        viewer_bogor,
        {"format": "csv", "masked": True, "filters": {}, "via": "command"},
    )


# --- every column the importer reads is exported -----------------------------------------------------


def _csv_rows(export) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(export.csv()).lstrip("\ufeff"))))


@pytest.fixture
def full_business(officer_bogor):
    """An UMKM with every exported field filled, its owner's e-mail included."""
    import datetime as dt
    from decimal import Decimal

    from sinergi.registry.services import business_register

    return business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003", owner_name="Euis Rahmawati",
        owner_nik="3271064107850003", owner_gender="P", nib="9120001234567", kbli="10792",
        address="Gg. Mawar RT 02/05", phone="081234567890", email="Euis.Talas@Contoh.id",
        capital=Decimal("25000000"), annual_sales=Decimal("180000000"), employees=3,
        founded_on=dt.date(2015, 6, 1), status="aktif",
    )  # fmt: skip


@pytest.fixture
def full_cooperative(officer_bogor):
    """A cooperative with every exported field filled: its phone, its e-mail, and members whose sex
    is not recorded beside the men and women."""
    import datetime as dt

    from django.utils import timezone

    from sinergi.registry.services import cooperative_register

    profile = cooperative_register(
        actor=officer_bogor, name="Koperasi Sejahtera Bersama", region_code="32.71.03.1002",
        nik_koperasi="3271030010001", legal_number="518/BH/XIII.4/1998", legal_date=dt.date(1998, 4, 12),
        cooperative_type="serba_usaha", group="masyarakat", form="primer", address="Jl. Suryakencana 12",
        phone="0812 3456 7001", email="Kop.Sejahtera@Contoh.id", members_male=120, members_female=95,
        last_rat_date=timezone.localdate() - dt.timedelta(days=200),
    )  # fmt: skip
    # As an import of the ministry's ODS leaves it: 40 members counted only in "Jumlah Anggota".
    CooperativeProfile.objects.filter(pk=profile.pk).update(members_unspecified=40)
    profile.refresh_from_db()
    return profile


def _business_state():
    return list(
        BusinessProfile.objects.order_by("pk").values_list(
            "organization__name", "organization__address", "organization__phone", "organization__email",
            "organization__region_id", "owner_name", "owner_nik", "owner_gender", "nib", "kbli", "capital",
            "annual_sales", "employees", "founded_on", "status", "updated_at",
        )
    )  # fmt: skip


def _cooperative_state():
    return list(
        CooperativeProfile.objects.order_by("pk").values_list(
            "organization__name", "organization__address", "organization__phone", "organization__email",
            "organization__region_id", "nik_koperasi", "legal_number", "legal_date", "cooperative_type", "group",
            "form", "members_male", "members_female", "members_unspecified", "last_rat_date", "status",
            "updated_at",
        )
    )  # fmt: skip


@pytest.mark.django_db
def test_a_full_business_exports_every_column_and_reimports_unchanged(tmp_path, full_business, officer_bogor):
    from sinergi.registry.filters import BusinessFilters

    export = exporters.registry_export(actor=officer_bogor, kind="umkm", filters=BusinessFilters())
    rows = _csv_rows(export)
    assert rows == [
        ["Nama Usaha", "Nama Pemilik", "NIK Pemilik", "Jenis Kelamin", "NIB", "KBLI", "Alamat", "Kelurahan/Desa",
         "Kecamatan", "Kabupaten/Kota", "No. HP/WhatsApp", "E-mail", "Modal Usaha", "Omzet per Tahun",
         "Jumlah Tenaga Kerja", "Tanggal Berdiri", "Status", "Kode Wilayah"],
        ["Keripik Talas Bu Euis", "Euis Rahmawati", "3271064107850003", "P", "9120001234567", "10792",
         "Gg. Mawar RT 02/05", "Kedung Badak", "Tanah Sareal", "Kota Bogor", "6281234567890",
         "euis.talas@contoh.id", "25000000", "180000000", "3", "2015-06-01", "aktif", "32.71.06.1003"],
    ]  # fmt: skip
    path = tmp_path / "umkm.csv"
    path.write_text("".join(exporters.csv_stream("umkm", rows[1:])), encoding="utf-8")
    before = _business_state()
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(path)
    assert (report.created, report.updated, report.unchanged, report.rejected, report.warnings) == (
        0, 0, 1, [], [],
    )  # fmt: skip
    assert _business_state() == before


@pytest.mark.django_db
def test_a_full_cooperative_exports_every_column_and_reimports_unchanged(
    tmp_path, full_cooperative, officer_bogor
):
    from sinergi.registry.filters import CooperativeFilters

    export = exporters.registry_export(actor=officer_bogor, kind="cooperative", filters=CooperativeFilters())
    rows = _csv_rows(export)
    assert rows == [
        ["Nama Koperasi", "NIK Koperasi", "Nomor Badan Hukum", "Tanggal Badan Hukum", "Jenis", "Kelompok", "Bentuk",
         "Alamat", "Kelurahan/Desa", "Kecamatan", "Kabupaten/Kota", "No. HP/WhatsApp", "E-mail",
         "Jumlah Anggota Laki-laki", "Jumlah Anggota Perempuan", "Jumlah Anggota", "Tanggal RAT Terakhir", "Status",
         "Kode Wilayah"],
        ["Koperasi Sejahtera Bersama", "3271030010001", "518/BH/XIII.4/1998", "1998-04-12", "serba_usaha",
         "masyarakat", "primer", "Jl. Suryakencana 12", "Paledang", "Bogor Tengah", "Kota Bogor", "6281234567001",
         "kop.sejahtera@contoh.id", "120", "95", "255", full_cooperative.last_rat_date.isoformat(), "aktif",
         "32.71.03.1002"],
    ]  # fmt: skip
    path = tmp_path / "koperasi.csv"
    path.write_text("".join(exporters.csv_stream("cooperative", rows[1:])), encoding="utf-8")
    before = _cooperative_state()
    report = CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(path)
    assert (report.created, report.updated, report.unchanged, report.rejected, report.warnings) == (
        0, 0, 1, [], [],
    )  # fmt: skip
    assert _cooperative_state() == before


@pytest.mark.django_db
def test_an_owners_email_is_masked_for_a_viewer_and_kept_on_reimport(
    tmp_path, full_business, full_cooperative, viewer_bogor, officer_bogor
):
    from sinergi.registry.filters import BusinessFilters, CooperativeFilters

    export = exporters.registry_export(actor=viewer_bogor, kind="umkm", filters=BusinessFilters())
    rows = _csv_rows(export)
    email = rows[0].index("E-mail (tersamar)")
    assert (export.masked, rows[1][email]) == (True, "e*********@contoh.id")
    # A cooperative's e-mail and phone are its own, not a person's: shown to a viewer as they are.
    cooperatives = _csv_rows(
        exporters.registry_export(actor=viewer_bogor, kind="cooperative", filters=CooperativeFilters())
    )
    assert [row[11:13] for row in cooperatives] == [
        ["No. HP/WhatsApp", "E-mail"],
        ["6281234567001", "kop.sejahtera@contoh.id"],
    ]
    path = tmp_path / "umkm-tersamar.csv"
    path.write_text("".join(exporters.csv_stream("umkm", rows[1:], masked=True)), encoding="utf-8")
    before = _business_state()
    report = BusinessImporter(actor=officer_bogor, scope_code="32.71").run(path)
    assert (report.updated, report.unchanged, report.rejected, report.masked_ignored) == (0, 1, [], 4)
    assert _business_state() == before
