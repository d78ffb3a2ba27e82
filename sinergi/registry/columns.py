"""The columns of registry sheets: canonical headers, the synonyms offices use, and their parsers.

One definition serves the importer (header matching, validation), the exporter (same columns, so an
unmasked export re-imports as "unchanged") and the downloadable templates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sinergi.core.privacy import read_masked_header
from sinergi.registry import cells


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    parse: Callable | None = None
    synonyms: tuple[str, ...] = ()
    required: bool = False
    # Columns whose values repeat (places, statuses): parse each distinct value once.
    repeats: bool = False
    # A person's data (UU PDP): masked in exports unless the viewer's role needs it.
    personal: bool = False
    # A bad value rejects the row (identity numbers: a wrong one would match or create the wrong
    # record). A bad value in any other optional column is dropped with a warning for its line.
    strict: bool = False
    example: str = ""
    allowed: str = ""


def compact(header: str) -> str:
    """'No. HP/WhatsApp' → 'nohpwhatsapp': how headers are compared."""
    return re.sub(r"[^a-z0-9]", "", str(header or "").lower())


REGION_CODE = Column(
    "Kode Wilayah",
    "region_code",
    cells.text,
    ("kodewilayah", "kodedesa", "kodekelurahan", "kodewilayahkemendagri", "kodekemendagri"),
    example="32.71.06.1001",
)

REGION_COLUMNS = (
    Column(
        "Alamat",
        "address",
        cells.plain(300),
        ("alamatkoperasi", "alamatlengkap", "alamatkantor", "jalan"),
        example="Jl. KH. Sholeh Iskandar No. 2",
    ),
    Column(
        "Kelurahan/Desa",
        "village",
        cells.text,
        ("kelurahan", "desa", "desakelurahan", "keldesa", "kel", "desakel", "kelurahandesa", "namadesa"),
        repeats=True,
        example="Tanah Sareal",
    ),
    Column(
        "Kecamatan",
        "district",
        cells.text,
        ("kec", "namakecamatan", "kecamatanusaha"),
        repeats=True,
        example="Tanah Sareal",
    ),
    Column(
        "Kabupaten/Kota",
        "regency",
        cells.text,
        ("kabkota", "kabupaten", "kota", "kabupatenkota", "kotakabupaten", "kotakab", "kab"),
        repeats=True,
        example="Kota Bogor",
    ),
    REGION_CODE,
)

PHONE_SYNONYMS = (
    "nohp", "hp", "notelp", "telp", "telepon", "notelepon", "nowa", "wa", "whatsapp", "nohpwa", "kontak",
    "nomorhp", "nomortelepon", "nomorwhatsapp", "notlp", "tlp", "telpkoperasi", "teleponkoperasi",
)  # fmt: skip
EMAIL_SYNONYMS = ("email", "alamatemail", "surel", "emailkoperasi", "emailusaha", "surelkoperasi")

UMKM_COLUMNS = (
    Column(
        "Nama Usaha",
        "name",
        cells.name,
        ("namaumkm", "namausaha", "usaha", "namaperusahaan", "namatoko", "namabisnis", "umkm"),
        required=True,
        example="Keripik Talas Bu Euis",
    ),
    Column(
        "Nama Pemilik",
        "owner_name",
        cells.plain(150),
        ("pemilik", "namapemilikusaha"),
        example="Euis Rahmawati",
    ),
    Column(
        "NIK Pemilik",
        "owner_nik",
        cells.nik,
        ("nik", "nikpemilik", "noktp", "nomorktp", "ktp", "nomorindukkependudukan"),
        personal=True,
        strict=True,
        example="3271064107850003",
    ),
    Column(
        "Jenis Kelamin",
        "owner_gender",
        cells.GENDER,
        ("jk", "lp", "gender", "jeniskelaminpemilik", "kelamin"),
        repeats=True,
        example="P",
        allowed="L, P",
    ),
    Column("NIB", "nib", cells.nib, ("nomorindukberusaha", "nonib"), strict=True, example="9120001234567"),
    Column(
        "KBLI", "kbli", cells.kbli, ("kodekbli", "kbli2020", "bidangusahakbli"), repeats=True, example="10792"
    ),
    # A micro business's address is usually its owner's home: personal data.
    Column(
        "Alamat",
        "address",
        cells.plain(300),
        ("alamatusaha", "alamatlengkap", "jalan"),
        personal=True,
        example="Gg. Mawar RT 02/05",
    ),
    *REGION_COLUMNS[1:4],
    Column(
        "No. HP/WhatsApp",
        "phone",
        cells.phone,
        (
            "nohp",
            "hp",
            "notelp",
            "telp",
            "telepon",
            "notelepon",
            "nowa",
            "wa",
            "whatsapp",
            "nohpwa",
            "kontak",
            "nomorhp",
            "nomortelepon",
            "nomorwhatsapp",
        ),
        personal=True,
        example="081234567890",
    ),  # fmt: skip
    # A micro business's e-mail is usually its owner's own: personal data.
    Column("E-mail", "email", cells.email, EMAIL_SYNONYMS, personal=True, example="euis.talas@contoh.id"),
    Column(
        "Modal Usaha",
        "capital",
        cells.money,
        ("modal", "modalusahars", "modalrp", "asset", "aset"),
        example="Rp 25.000.000",
    ),
    Column(
        "Omzet per Tahun",
        "annual_sales",
        cells.money,
        ("omzet", "omset", "omsetpertahun", "omzettahunan", "omsettahunan", "penjualantahunan", "omzetrp"),
        example="Rp 180.000.000",
    ),
    Column(
        "Jumlah Tenaga Kerja",
        "employees",
        cells.count,
        ("tenagakerja", "jumlahtk", "tk", "karyawan", "jumlahkaryawan", "pekerja"),
        example="3",
    ),
    Column(
        "Tanggal Berdiri",
        "founded_on",
        cells.date,
        ("tahunberdiri", "berdiri", "tglberdiri", "mulaiusaha", "tanggalmulaiusaha"),
        example="2015-06-01",
    ),
    Column(
        "Status",
        "status",
        cells.BUSINESS_STATUS,
        ("statususaha",),
        repeats=True,
        example="aktif",
        allowed="aktif, tidak aktif, tutup",
    ),
    REGION_CODE,
)

COOPERATIVE_COLUMNS = (
    Column(
        "Nama Koperasi",
        "name",
        cells.name,
        ("namakoperasi", "koperasi", "nama", "namakop"),
        required=True,
        example="Koperasi Sejahtera Bersama",
    ),
    Column(
        "NIK Koperasi",
        "nik_koperasi",
        cells.nik_koperasi,
        ("nik", "nomorindukkoperasi", "nikkop", "niknomorindukkoperasi"),
        strict=True,
        example="3271060010001",
    ),
    Column(
        "Nomor Badan Hukum",
        "legal_number",
        cells.plain(100),
        ("nobadanhukum", "badanhukum", "nomorbh", "nobh", "bh", "nomorbadanhukumkoperasi"),
        example="518/BH/XIII.4/1998",
    ),
    Column(
        "Tanggal Badan Hukum",
        "legal_date",
        cells.date,
        ("tglbadanhukum", "tanggalbh", "tglbh"),
        example="1998-04-12",
    ),
    Column(
        "Jenis",
        "cooperative_type",
        cells.COOPERATIVE_TYPE,
        ("jeniskoperasi",),
        repeats=True,
        example="serba usaha",
        allowed="simpan pinjam, konsumen, produsen, pemasaran, jasa, serba usaha",
    ),
    Column(
        "Kelompok",
        "group",
        cells.COOPERATIVE_GROUP,
        ("kelompokkoperasi",),
        repeats=True,
        example="masyarakat",
        allowed="karyawan, KPRI, TNI/Polri, pondok pesantren, desa, wanita, tani, nelayan, pedagang, pemuda, "
        "masyarakat, lainnya",
    ),
    Column(
        "Bentuk",
        "form",
        cells.COOPERATIVE_FORM,
        ("bentukkoperasi", "primersekunder"),
        repeats=True,
        example="primer",
        allowed="primer, sekunder",
    ),
    *REGION_COLUMNS[:4],
    # A cooperative's own contact, not a person's.
    Column("No. HP/WhatsApp", "phone", cells.phone, PHONE_SYNONYMS, example="081234567890"),
    Column("E-mail", "email", cells.email, EMAIL_SYNONYMS, example="koperasi@contoh.id"),
    Column(
        "Jumlah Anggota Laki-laki",
        "members_male",
        cells.count,
        ("anggotalakilaki", "anggotapria", "jumlahanggotapria", "anggotal", "lakilaki", "pria"),
        example="120",
    ),
    Column(
        "Jumlah Anggota Perempuan",
        "members_female",
        cells.count,
        ("anggotaperempuan", "anggotawanita", "jumlahanggotawanita", "anggotap", "perempuan", "wanita"),
        example="95",
    ),
    # All members, also those whose sex is not recorded (the ministry's ODS gives only this total):
    # the importer keeps the difference as members without a sex split.
    Column(
        "Jumlah Anggota",
        "members_total",
        cells.count,
        ("jumlahanggota", "anggota", "totalanggota", "jmlanggota", "jumlahanggotakoperasi"),
        example="215",
    ),
    Column(
        "Tanggal RAT Terakhir",
        "last_rat_date",
        cells.date,
        ("ratterakhir", "tanggalrat", "tglrat", "tglratterakhir", "rat", "tahunrat"),
        example="2026-03-28",
    ),
    Column(
        "Status",
        "status",
        cells.COOPERATIVE_STATUS,
        ("statuskoperasi",),
        repeats=True,
        example="aktif",
        allowed="aktif, tidak aktif, dibekukan, dibubarkan",
    ),
    REGION_CODE,
)

MEMBER_COLUMNS = (
    Column(
        "NIK Koperasi",
        "nik_koperasi",
        cells.nik_koperasi,
        ("nikkoperasi", "nomorindukkoperasi"),
        required=True,
        repeats=True,
        example="3271060010001",
    ),
    Column(
        "Nomor Anggota",
        "member_number",
        cells.plain(40),
        ("noanggota", "nomoranggota", "noang", "idanggota"),
        required=True,
        example="A-0001",
    ),
    Column("Nama", "name", cells.name, ("namaanggota", "namalengkap"), required=True, example="Asep Suryana"),
    Column(
        "NIK",
        "nik",
        cells.nik,
        ("nikanggota", "noktp", "ktp"),
        personal=True,
        strict=True,
        example="3271060101800001",
    ),
    Column(
        "Jenis Kelamin",
        "gender",
        cells.GENDER,
        ("jk", "lp", "gender", "kelamin"),
        repeats=True,
        example="L",
        allowed="L, P",
    ),
    Column(
        "Tanggal Masuk",
        "joined_on",
        cells.date,
        ("tglmasuk", "tanggalbergabung", "masuk"),
        example="2019-01-15",
    ),
    Column("Simpanan Pokok", "savings_pokok", cells.money, ("pokok", "simpananpokokrp"), example="100000"),
    Column("Simpanan Wajib", "savings_wajib", cells.money, ("wajib", "simpananwajibrp"), example="1200000"),
    Column(
        "Simpanan Sukarela", "savings_sukarela", cells.money, ("sukarela", "simpanansukarelarp"), example="0"
    ),
)

COLUMNS = {"umkm": UMKM_COLUMNS, "cooperative": COOPERATIVE_COLUMNS, "member": MEMBER_COLUMNS}


def import_columns(kind: str) -> tuple[Column, ...]:
    """Every column an import of `kind` reads: those its export writes, so an export re-imports."""
    return COLUMNS[kind]


@dataclass(frozen=True)
class HeaderMatch:
    """Which sheet column feeds which registry column, and what was left over."""

    positions: dict[str, int]  # column key → index in the sheet row
    unknown: tuple[str, ...]
    missing_required: tuple[str, ...]
    duplicated: tuple[str, ...]
    # Columns a masked export marked as masked ("NIK Pemilik (tersamar)"): only there does a cell in
    # the masker's own form count as masked.
    masked: frozenset[str] = frozenset()


def match_headers(kind: str, headers: list) -> HeaderMatch:
    """Match a sheet's header row, tolerant of case, spacing, punctuation and the usual synonyms."""
    columns = import_columns(kind)
    lookup: dict[str, str] = {}
    for column in columns:
        lookup.setdefault(compact(column.header), column.key)
    for column in columns:
        for synonym in column.synonyms:
            lookup.setdefault(synonym, column.key)
    positions: dict[str, int] = {}
    unknown: list[str] = []
    duplicated: list[str] = []
    masked: set[str] = set()
    for index, header in enumerate(headers):
        header, marked = read_masked_header(header)
        key = lookup.get(compact(header))
        if key is None:
            if str(header or "").strip() and compact(header) not in ("no", "nomor", "nourut"):
                unknown.append(str(header).strip())
            continue
        if key in positions:
            duplicated.append(str(header).strip())
            continue
        positions[key] = index
        if marked:
            masked.add(key)
    missing = tuple(c.header for c in columns if c.required and c.key not in positions)
    return HeaderMatch(
        positions=positions,
        unknown=tuple(unknown),
        missing_required=missing,
        duplicated=tuple(duplicated),
        masked=frozenset(masked),
    )
