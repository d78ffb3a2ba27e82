"""The fields of an annual report as the entry form, the pages, the import sheet and the API present
them: in the sections of a cooperative's statements, each with a note on what to enter.

The field names are those of the scoring input schema (`scoring.report.AMOUNT_FIELDS`); the notes
follow the definitions of Permen KUKM 20/2008 and 14/2009 (reference.md §1.3).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SECTIONS = (
    (
        "neraca",
        _("Neraca"),
        ("total_aset", "kas", "bank", "kewajiban_lancar", "dana_diterima"),
    ),
    (
        "permodalan",
        _("Permodalan"),
        (
            "simpanan_pokok",
            "simpanan_wajib",
            "simpanan_lain_berkarakter_wajib",
            "hibah",
            "cadangan",
            "modal_penyertaan",
            "modal_sendiri",
            "modal_tertimbang",
            "atmr",
        ),
    ),
    (
        "pinjaman",
        _("Pinjaman"),
        (
            "pinjaman_diberikan",
            "pinjaman_berisiko",
            "pinjaman_kurang_lancar",
            "pinjaman_diragukan",
            "pinjaman_macet",
            "cadangan_risiko",
            "volume_pinjaman",
            "volume_pinjaman_anggota",
        ),
    ),
    (
        "hasil_usaha",
        _("Hasil usaha dan partisipasi anggota"),
        (
            "partisipasi_bruto",
            "partisipasi_neto",
            "beban_operasi_anggota",
            "beban_usaha",
            "beban_perkoperasian",
            "biaya_karyawan",
            "pendapatan",
            "shu_kotor",
            "shu_sebelum_pajak",
            "shu_bagian_anggota",
            "pea",
        ),
    ),
)

HELP = {
    "total_aset": _("Jumlah aktiva pada neraca akhir tahun buku."),
    "kas": _("Uang tunai di kas koperasi."),
    "bank": _("Saldo rekening koperasi di bank."),
    "kewajiban_lancar": _(
        "Kewajiban yang jatuh tempo dalam satu tahun, termasuk simpanan anggota yang dapat ditarik."
    ),
    "dana_diterima": _("Total pasiva dikurangi hutang biaya dan SHU belum dibagi."),
    "simpanan_pokok": _("Saldo simpanan pokok anggota."),
    "simpanan_wajib": _("Saldo simpanan wajib anggota."),
    "simpanan_lain_berkarakter_wajib": _(
        "Simpanan lain yang tidak dapat ditarik selama menjadi anggota; isi 0 bila tidak ada."
    ),
    "hibah": _("Hibah yang diterima koperasi; isi 0 bila tidak ada."),
    "cadangan": _("Cadangan yang disisihkan dari SHU; dapat negatif setelah rugi."),
    "modal_penyertaan": _("Modal penyertaan; penilaian menghitung 50% darinya ke dalam modal sendiri."),
    "modal_sendiri": _(
        "Kosongkan agar dihitung dari bagiannya (simpanan pokok + wajib + lain berkarakter wajib + hibah "
        "+ cadangan + 50% modal penyertaan); isi bila kertas kerja menyatakannya langsung."
    ),
    "modal_tertimbang": _(
        "Modal sendiri tertimbang dari kertas kerja CAR (bobot risiko resmi, tidak dihitung di sini)."
    ),
    "atmr": _("Aktiva tertimbang menurut risiko dari kertas kerja CAR."),
    "pinjaman_diberikan": _("Saldo pinjaman yang diberikan (bruto) pada akhir tahun buku."),
    "pinjaman_berisiko": _("Pinjaman tanpa agunan yang memadai."),
    "pinjaman_kurang_lancar": _("Saldo pinjaman berkolektibilitas kurang lancar."),
    "pinjaman_diragukan": _("Saldo pinjaman berkolektibilitas diragukan."),
    "pinjaman_macet": _("Saldo pinjaman berkolektibilitas macet."),
    "cadangan_risiko": _("Cadangan penyisihan penghapusan pinjaman (PPAP)."),
    "volume_pinjaman": _("Jumlah pinjaman yang disalurkan selama tahun buku."),
    "volume_pinjaman_anggota": _("Bagian volume pinjaman yang disalurkan kepada anggota."),
    "partisipasi_bruto": _(
        "Kontribusi anggota atas pelayanan yang diterima (beban pokok + partisipasi neto)."
    ),
    "partisipasi_neto": _("Partisipasi bruto dikurangi beban pokok; dapat negatif."),
    "beban_operasi_anggota": _("Beban pokok + beban usaha bagi anggota + beban perkoperasian."),
    "beban_usaha": _("Beban usaha selama tahun buku."),
    "beban_perkoperasian": _("Beban perkoperasian (pendidikan, RAT, dan sejenisnya)."),
    "biaya_karyawan": _("Gaji dan tunjangan karyawan selama tahun buku."),
    "pendapatan": _("Pendapatan dari transaksi dengan non-anggota."),
    "shu_kotor": _("Sisa hasil usaha kotor; dapat negatif."),
    "shu_sebelum_pajak": _("Sisa hasil usaha sebelum pajak; dapat negatif."),
    "shu_bagian_anggota": _("Bagian SHU yang dibagikan kepada anggota."),
    "pea": _("Promosi ekonomi anggota: manfaat ekonomi yang diterima anggota + SHU bagian anggota."),
}


def label(name: str) -> str:
    """The Indonesian label of a report field (the model's verbose name)."""
    from sinergi.health.models import AnnualReport

    return str(AnnualReport._meta.get_field(name).verbose_name)
