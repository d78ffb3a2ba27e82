"""Synthetic but realistic registry rows — for the demo world and the benchmarks (no Django).

Businesses and cooperatives get West Javanese names, owners with valid NIKs (the district of
their village, a real birth date), valid NIBs and phone numbers, and real villages (Kemendagri
2025) inside the requested regions. Everything is drawn from a seeded generator, so the same seed
gives the same rows: re-importing the demo world changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from lokal import wilayah

from sinergi.registry.names import FIRST_NAMES_FEMALE, FIRST_NAMES_MALE, LAST_NAMES

# (product, KBLI 2020, typical annual sales in Rp juta (low, high))
BUSINESS_TYPES = [
    ("Keripik Singkong", "10792", (30, 400)), ("Keripik Talas", "10792", (40, 500)), ("Opak", "10792", (20, 200)),
    ("Rengginang", "10792", (20, 250)), ("Dodol", "10732", (40, 600)), ("Moci", "10710", (60, 900)),
    ("Roti Unyil", "10710", (100, 1500)), ("Kue Balok", "10710", (30, 300)), ("Surabi", "56103", (20, 250)),
    ("Batagor", "56103", (40, 600)), ("Bakso", "56103", (60, 900)), ("Warung Nasi", "56101", (50, 700)),
    ("Tahu Sumedang", "10792", (50, 800)), ("Asinan", "10392", (40, 500)), ("Peuyeum", "10799", (20, 200)),
    ("Toko Kelontong", "47111", (80, 1200)), ("Warung Sembako", "47111", (60, 900)), ("Laundry", "96200", (40, 500)),
    ("Bengkel Motor", "45405", (60, 900)), ("Konveksi", "14111", (150, 3500)), ("Sablon Kaos", "18111", (50, 700)),
    ("Batik", "13134", (100, 2500)), ("Kerajinan Bambu", "16292", (30, 400)), ("Kopi Bubuk", "10761", (50, 1200)),
    ("Jamu", "21022", (20, 300)), ("Tanaman Hias", "01301", (30, 600)), ("Ikan Asin", "10221", (40, 800)),
    ("Ternak Lele", "03222", (40, 700)), ("Salon", "96021", (30, 400)), ("Fotokopi", "82191", (30, 300)),
]  # fmt: skip
HONORIFICS_F = ["Bu", "Ibu", "Ceu", "Teh", "Mbak"]
HONORIFICS_M = ["Pak", "Mang", "Kang", "Aa", "Bang"]
BRAND_WORDS = [
    "Berkah",
    "Jaya",
    "Mandiri",
    "Barokah",
    "Rahayu",
    "Makmur",
    "Sejahtera",
    "Mekar",
    "Sinar",
    "Lestari",
]
COOP_WORDS = [
    "Mekar Jaya", "Sauyunan", "Sejahtera Bersama", "Mitra Usaha", "Harapan Kita", "Bina Usaha", "Berkah Mandiri",
    "Sugih Mukti", "Rahayu", "Sinar Harapan", "Makmur Sentosa", "Barokah", "Gotong Royong", "Karya Bakti",
    "Silih Asih", "Rukun Tani", "Mina Bahari", "Tani Mukti", "Sauyunan Mandiri", "Tunas Harapan", "Cahaya Abadi",
    "Mulya Jaya", "Saluyu", "Hegar Mukti", "Sri Rejeki", "Sabilulungan", "Medal Sekar", "Pasundan", "Karya Mandiri",
]  # fmt: skip
# (type, group, prefix)
COOP_KINDS = [
    ("simpan_pinjam", "masyarakat", "KSP"), ("serba_usaha", "masyarakat", "Koperasi Serba Usaha"),
    ("konsumen", "karyawan", "Koperasi Karyawan"), ("simpan_pinjam", "kpri", "KPRI"),
    ("konsumen", "wanita", "Koperasi Wanita"), ("produsen", "tani", "Koperasi Tani"),
    ("serba_usaha", "desa", "KUD"), ("serba_usaha", "pesantren", "Kopontren"),
    ("produsen", "nelayan", "Koperasi Nelayan"), ("pemasaran", "pedagang", "Koperasi Pedagang Pasar"),
    ("jasa", "pemuda", "Koperasi Jasa"), ("simpan_pinjam", "tni_polri", "Primkop"),
]  # fmt: skip
OPERATOR_PREFIXES = [
    "0812",
    "0813",
    "0821",
    "0822",
    "0852",
    "0853",
    "0857",
    "0856",
    "0878",
    "0877",
    "0896",
    "0895",
]


@dataclass(frozen=True)
class Village:
    code: str
    name: str
    district: str
    regency: str


def villages_in(prefixes: tuple[str, ...]) -> list[Village]:
    base = wilayah._base()
    result = []
    for code, name in sorted(wilayah._desa().items()):
        if any(code.startswith(p + ".") for p in prefixes):
            parts = code.split(".")
            result.append(
                Village(
                    code=code,
                    name=name,
                    district=base[".".join(parts[:3])],
                    regency=base[".".join(parts[:2])],
                )
            )
    return result


class Generator:
    def __init__(self, seed: int, prefixes: tuple[str, ...]):
        self.rng = random.Random(seed)
        self.villages = villages_in(prefixes)
        if not self.villages:
            raise ValueError(f"no villages in {prefixes}")
        self._nib = 9_120_000_000_000 + self.rng.randrange(10_000_000)

    def person(self) -> tuple[str, str, str]:
        female = self.rng.random() < 0.55  # most micro businesses in the data are run by women
        first = self.rng.choice(FIRST_NAMES_FEMALE if female else FIRST_NAMES_MALE)
        return f"{first} {self.rng.choice(LAST_NAMES)}", ("P" if female else "L"), first

    def nik(self, village: Village, gender: str) -> str:
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=self.rng.randrange(365 * 45))
        day = birth.day + (40 if gender == "P" else 0)
        district = village.code[:8].replace(".", "")
        return f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{self.rng.randrange(1, 9999):04d}"

    def phone(self) -> str:
        return self.rng.choice(OPERATOR_PREFIXES) + "".join(str(self.rng.randrange(10)) for _ in range(8))

    def nib(self) -> str:
        self._nib += self.rng.randrange(1, 997)
        return str(self._nib)

    def business(self) -> dict:
        village = self.rng.choice(self.villages)
        product, kbli, (low, high) = self.rng.choice(BUSINESS_TYPES)
        owner, gender, first = self.person()
        roll = self.rng.random()
        if roll < 0.45:
            honorific = self.rng.choice(HONORIFICS_F if gender == "P" else HONORIFICS_M)
            name = f"{product} {honorific} {first}"
        elif roll < 0.75:
            name = f"{product} {self.rng.choice(BRAND_WORDS)} {self.rng.choice(BRAND_WORDS)}"
        else:
            name = f"{product} {village.name}"
        sales = self.rng.randint(low, high) * 1_000_000
        # A few grow past micro: a konveksi with Rp 3 miliar sales is a small business (PP 7/2021).
        if self.rng.random() < 0.03:
            sales *= self.rng.choice([5, 10, 20])
        capital = int(sales * self.rng.uniform(0.1, 0.6)) // 100_000 * 100_000
        founded = dt.date(self.rng.randint(1995, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28))
        return {
            "Nama Usaha": name,
            "Nama Pemilik": owner,
            "NIK Pemilik": self.nik(village, gender) if self.rng.random() < 0.8 else "",
            "Jenis Kelamin": gender,
            "NIB": self.nib() if self.rng.random() < 0.6 else "",
            "KBLI": kbli,
            "Alamat": f"Kp. {self.rng.choice(LAST_NAMES)} RT {self.rng.randint(1, 9):02d}/{self.rng.randint(1, 12):02d}",
            "Kelurahan/Desa": village.name,
            "Kecamatan": village.district,
            "Kabupaten/Kota": village.regency,
            "No. HP/WhatsApp": self.phone() if self.rng.random() < 0.85 else "",
            "Modal Usaha": capital,
            "Omzet per Tahun": sales,
            "Jumlah Tenaga Kerja": self.rng.choice([1, 1, 2, 2, 3, 4, 5, 8, 12]),
            "Tanggal Berdiri": founded.isoformat(),
            "Status": self.rng.choices(["aktif", "tidak aktif", "tutup"], weights=[90, 7, 3])[0],
            "Kode Wilayah": village.code,
        }

    def businesses(self, count: int, *, duplicate_share: float = 0.0) -> Iterator[dict]:
        """`count` businesses; a share of them re-registered under a slightly different spelling."""
        for _ in range(count):
            row = self.business()
            yield row
            if duplicate_share and self.rng.random() < duplicate_share:
                yield self.misspelled(row)

    def misspelled(self, row: dict) -> dict:
        """The same business as an office clerk might enter it twice: another spelling, no NIB."""
        name = row["Nama Usaha"]
        variants = [
            name.replace("Keripik", "Kripik").replace("Bu ", "Ibu ").replace("Pak ", "Bapak "),
            name + " 2",
            name.replace("Warung", "Wr.").replace("Toko", "Tk."),
            name.upper().replace(" ", "  ") + " (cabang)",
        ]
        changed = next(
            (v for v in variants if v != name and v.lower().split() != name.lower().split()), name + " 2"
        )
        return {**row, "Nama Usaha": changed, "NIB": "", "Alamat": row["Alamat"] + " (dekat masjid)"}

    def cooperative(self, number: int, today: dt.date) -> dict:
        village = self.rng.choice(self.villages)
        kind, group, prefix = self.rng.choice(COOP_KINDS)
        name = f"{prefix} {self.rng.choice(COOP_WORDS)}"
        if self.rng.random() < 0.5:
            name += f" {village.name}"
        legal_year = self.rng.randint(1975, 2022)
        legal_date = dt.date(legal_year, self.rng.randint(1, 12), self.rng.randint(1, 28))
        # "800 koperasi, only 307 active": many hold no RAT for years.
        roll = self.rng.random()
        if roll < 0.45:
            last_rat = dt.date(
                today.year - self.rng.choice([0, 1]), self.rng.randint(1, 6), self.rng.randint(1, 28)
            )
        elif roll < 0.6:
            last_rat = dt.date(today.year - 2, self.rng.randint(1, 12), self.rng.randint(1, 28))
        elif roll < 0.85:
            last_rat = dt.date(
                today.year - self.rng.randint(3, 9), self.rng.randint(1, 12), self.rng.randint(1, 28)
            )
        else:
            last_rat = None
        if last_rat and last_rat < legal_date:
            last_rat = None
        if last_rat and last_rat > today:
            last_rat = today - dt.timedelta(days=30)
        status = "aktif" if self.rng.random() < 0.85 else self.rng.choice(["tidak aktif", "dibekukan"])
        members = self.rng.randint(20, 1500)
        female_share = 0.8 if group == "wanita" else self.rng.uniform(0.25, 0.6)
        code = village.code.replace(".", "")[:6]
        return {
            "Nama Koperasi": name,
            "NIK Koperasi": f"{code}{number:07d}" if self.rng.random() < 0.85 else "",
            "Nomor Badan Hukum": f"{self.rng.randint(10, 9999)}/BH/{self.rng.choice(['XIII', 'X', 'KWK.10'])}/{legal_year}",
            "Tanggal Badan Hukum": legal_date.isoformat(),
            "Jenis": kind,
            "Kelompok": group,
            "Bentuk": "primer",
            "Alamat": f"Jl. {self.rng.choice(COOP_WORDS)} No. {self.rng.randint(1, 200)}",
            "Kelurahan/Desa": village.name,
            "Kecamatan": village.district,
            "Kabupaten/Kota": village.regency,
            "Jumlah Anggota Laki-laki": int(members * (1 - female_share)),
            "Jumlah Anggota Perempuan": members - int(members * (1 - female_share)),
            "Tanggal RAT Terakhir": last_rat.isoformat() if last_rat else "",
            "Status": status,
            "Kode Wilayah": village.code,
        }

    # --- a cooperative registered twice (duplicate-detection benchmarks) --------------------------

    def cooperatives(
        self, count: int, today: dt.date, *, duplicate_share: float = 0.0, old_number_share: float = 0.0
    ) -> Iterator[tuple[dict, bool]]:
        """`count` cooperatives, each with whether it is a second registration of the row before.

        A share is registered twice (see `cooperative_again`), and a share carries an old local
        legal number that other cooperatives of the regency carry too.
        """
        for number in range(1, count + 1):
            row = self.cooperative(number, today)
            if old_number_share and self.rng.random() < old_number_share:
                row["Nomor Badan Hukum"] = f"518/{self.rng.randint(1, 5)}/BH/PERINDAGKOP"
            yield row, False
            if duplicate_share and self.rng.random() < duplicate_share:
                yield self.cooperative_again(row), True

    def cooperative_again(self, row: dict) -> dict:
        """The same cooperative as a second list records it (the ministry's export beside the
        office's sheet): its type spelt out or abbreviated, the village added or dropped, sometimes
        the old spelling or upper case; no NIK Koperasi; the legal number typed another way or the
        amendment's number; the address written another way or missing."""
        rng = self.rng
        name = row["Nama Koperasi"]
        for short, long in COOP_TYPE_SPELLINGS:
            if name.startswith(short + " "):
                name = rng.choice(long) + name[len(short) :]
                break
        else:
            if name.startswith("Koperasi "):
                name = "Koperasi Konsumen " + name[len("Koperasi ") :]
        village = row["Kelurahan/Desa"]
        if name.endswith(" " + village):
            name = name[: -len(village) - 1] if rng.random() < 0.5 else name
        elif rng.random() < 0.3:
            name = f"{name} {village}"
        roll = rng.random()
        if roll < 0.15:
            name = _old_spelling(name)
        elif roll < 0.35:
            name = name.upper()
        legal, legal_date = row["Nomor Badan Hukum"], row["Tanggal Badan Hukum"]
        number, _, rest = legal.partition("/")
        year = legal.rsplit("/", 1)[-1]
        if rng.random() < 0.65:
            short_year = f"{number}/{rest[:-4]}{year[-2:]}" if year.isdigit() else f"No. {legal}"
            legal = rng.choice([f"No. {legal}", legal.replace("/", "."), short_year])
        else:
            amended = min(int(year) + rng.randint(5, 20) if year.isdigit() else 2010, 2024)
            legal = f"{rng.randint(10, 999)}/PAD/KDK.10/{amended}"
            if rng.random() < 0.5:  # and its date
                legal_date = dt.date(amended, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
        address = row["Alamat"]
        roll = rng.random()
        if roll < 0.1:
            address = ""
        elif roll < 0.4:
            address = address.replace("Jl. ", "Jalan ").replace("No. ", "No.")
        elif roll < 0.6:
            address = address.upper().replace("NO. ", "NO ")
        elif roll < 0.8:
            address = f"{address.replace('No. ', '')} RT {rng.randint(1, 9):02d}/{rng.randint(1, 12):02d}"
        return {
            **row,
            "Nama Koperasi": name,
            "NIK Koperasi": "",
            "Nomor Badan Hukum": legal,
            "Tanggal Badan Hukum": legal_date,
            "Alamat": address,
        }


# (the type as the generator writes it, other ways lists write it)
COOP_TYPE_SPELLINGS = [
    ("KSP", ["Koperasi Simpan Pinjam", "Kop. Simpan Pinjam", "Koperasi KSP"]),
    ("Koperasi Serba Usaha", ["KSU", "Kop. Serba Usaha", "Koperasi"]),
    ("Koperasi Karyawan", ["Kopkar", "Kop. Karyawan", "Koperasi Konsumen Karyawan"]),
    ("KPRI", ["Koperasi Pegawai Republik Indonesia", "Koperasi KPRI", "Kop. Pegawai Republik Indonesia"]),
    ("Koperasi Wanita", ["Kopwan", "Kop. Wanita"]),
    ("Koperasi Tani", ["Koptan", "Kop. Tani", "Koperasi Konsumen Tani"]),
    ("KUD", ["Koperasi Unit Desa", "Kop. Unit Desa"]),
    ("Kopontren", ["Koperasi Pondok Pesantren", "Koperasi Ponpes"]),
    ("Koperasi Nelayan", ["Kop. Nelayan", "Koperasi Konsumen Nelayan"]),
    ("Koperasi Pedagang Pasar", ["Koppas", "Kop. Pedagang Pasar"]),
    ("Koperasi Jasa", ["Kop. Jasa", "Koperasi Primer Jasa"]),
    ("Primkop", ["Koperasi Primer", "Primkop Koperasi"]),
]


def _old_spelling(text: str) -> str:
    """Ejaan lama, as cooperatives founded before 1972 still write their names: Jaya → Djaja."""
    out = []
    for word in text.split(" "):
        if word.isupper() and len(word) <= 5:  # an abbreviation (KSP, KUD) stays
            out.append(word)
            continue
        old = word.replace("j", "dj").replace("J", "Dj").replace("y", "j")
        old = old.replace("c", "tj").replace("C", "Tj")
        out.append(old.replace("u", "oe") if "u" in old and len(old) > 4 else old)
    return " ".join(out)
