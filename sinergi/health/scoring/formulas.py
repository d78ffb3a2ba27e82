"""Formulas of the 7-aspect method (Permen KUKM 20/2008 as amended by 14/2009, reused by
Perdep 06/Per/Dep.6/IV/2016): the derived quantities and the ratio of each component.

reference.md §1.3 "Definitions used throughout". Both rule sets of this package use the same
formulas; a rule set with other definitions (the KKPKK method of Juknis 15/2021) writes its own.
"""

from decimal import Decimal

from sinergi.health.scoring.definitions import Derived, Ratio

# Modal sendiri of a KSP: members' savings of equity character, grants and reserves, plus at most
# 50 % of modal penyertaan "for health assessment purposes" (Permen 20/2008 & 14/2009 wording).
# The report may state it directly (the worksheet field); otherwise every part is needed, with 0
# entered where a part is truly zero (Decision 10).
MODAL_SENDIRI = Derived(
    name="modal_sendiri",
    terms=(
        (Decimal(1), "simpanan_pokok"),
        (Decimal(1), "simpanan_wajib"),
        (Decimal(1), "simpanan_lain_berkarakter_wajib"),
        (Decimal(1), "hibah"),
        (Decimal(1), "cadangan"),
        (Decimal("0.5"), "modal_penyertaan"),
    ),
    text=(
        "modal_sendiri = simpanan_pokok + simpanan_wajib + simpanan_lain_berkarakter_wajib + hibah"
        " + cadangan + 0.5 × modal_penyertaan"
    ),
    given_field="modal_sendiri",
)

# Risiko pinjaman bermasalah: 50 % of kurang lancar, 75 % of diragukan, 100 % of macet
# (Permen 14/2009; the KSU Setia Dharma official-format worksheet uses the same weights).
RPM = Derived(
    name="rpm",
    terms=(
        (Decimal("0.5"), "pinjaman_kurang_lancar"),
        (Decimal("0.75"), "pinjaman_diragukan"),
        (Decimal("1.0"), "pinjaman_macet"),
    ),
    text="rpm = 0.5 × pinjaman_kurang_lancar + 0.75 × pinjaman_diragukan + 1.0 × pinjaman_macet",
)

EQUITY_TO_ASSETS = Ratio((MODAL_SENDIRI,), ("total_aset",), "modal_sendiri / total_aset × 100")
EQUITY_TO_RISKY_LOANS = Ratio(
    (MODAL_SENDIRI,), ("pinjaman_berisiko",), "modal_sendiri / pinjaman_berisiko × 100"
)
# Decision 7: the risk weights behind modal tertimbang and ATMR were not retrieved, so both are
# reported inputs (the worksheet fields), never computed here.
CAPITAL_ADEQUACY = Ratio(("modal_tertimbang",), ("atmr",), "modal_tertimbang / atmr × 100")
MEMBER_LOAN_VOLUME = Ratio(
    ("volume_pinjaman_anggota",), ("volume_pinjaman",), "volume_pinjaman_anggota / volume_pinjaman × 100"
)
PROBLEM_LOAN_RISK = Ratio((RPM,), ("pinjaman_diberikan",), "rpm / pinjaman_diberikan × 100")
RISK_RESERVE = Ratio(("cadangan_risiko",), (RPM,), "cadangan_risiko / rpm × 100")
RISKY_LOANS = Ratio(
    ("pinjaman_berisiko",), ("pinjaman_diberikan",), "pinjaman_berisiko / pinjaman_diberikan × 100"
)
MEMBER_OPERATING_COST = Ratio(
    ("beban_operasi_anggota",), ("partisipasi_bruto",), "beban_operasi_anggota / partisipasi_bruto × 100"
)
OPERATING_COST_TO_GROSS_SHU = Ratio(("beban_usaha",), ("shu_kotor",), "beban_usaha / shu_kotor × 100")
SERVICE_EFFICIENCY = Ratio(
    ("biaya_karyawan",), ("volume_pinjaman",), "biaya_karyawan / volume_pinjaman × 100"
)
CASH = Ratio(("kas", "bank"), ("kewajiban_lancar",), "(kas + bank) / kewajiban_lancar × 100")
LOANS_TO_FUNDS = Ratio(
    ("pinjaman_diberikan",), ("dana_diterima",), "pinjaman_diberikan / dana_diterima × 100"
)
RETURN_ON_ASSETS = Ratio(("shu_sebelum_pajak",), ("total_aset",), "shu_sebelum_pajak / total_aset × 100")
RETURN_ON_EQUITY = Ratio(
    ("shu_bagian_anggota",), (MODAL_SENDIRI,), "shu_bagian_anggota / modal_sendiri × 100"
)
OPERATIONAL_SELF_RELIANCE = Ratio(
    ("partisipasi_neto",),
    ("beban_usaha", "beban_perkoperasian"),
    "partisipasi_neto / (beban_usaha + beban_perkoperasian) × 100",
)
GROSS_PARTICIPATION = Ratio(
    ("partisipasi_bruto",),
    ("partisipasi_bruto", "pendapatan"),
    "partisipasi_bruto / (partisipasi_bruto + pendapatan) × 100",
)
MEMBER_ECONOMIC_PROMOTION = Ratio(
    ("pea",), ("simpanan_pokok", "simpanan_wajib"), "pea / (simpanan_pokok + simpanan_wajib) × 100"
)
