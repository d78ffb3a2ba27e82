"""The health part of the demo world: annual reports of a few dozen cooperatives that the registry
demo created, entered, submitted and verified through the real services.

Each chosen cooperative gets 2–4 financial years of KSP-scale figures (total assets from Rp 500
juta to Rp 50 miliar) drawn around a quality level that drifts from year to year, so the verified
years spread over every predicate, some scores fall and some bad-loan ratios rise (the early-warning
signals). The latest year of some cooperatives is left submitted, awaiting verification. One
cooperative without a RAT for years has a dissolution case in progress.

Idempotent: a cooperative and year that already has a report is left alone. When the registry demo
has not created enough cooperatives, nothing is created.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from sinergi.health import services
from sinergi.health.models import AnnualReport, DissolutionCase, DissolutionGround
from sinergi.health.scoring.report import MANAGEMENT_GROUPS
from sinergi.health.supervision import services as supervision
from sinergi.health.supervision.dates import financial_year_end, last_closed_year
from sinergi.registry.models import CooperativeProfile, CooperativeStatus, CooperativeType

MIN_COOPERATIVES = 20
# (regency, how many cooperatives get reports)
REGENCIES = (("32.71", 12), ("32.01", 8), ("32.73", 8), ("32.72", 5), ("32.02", 5))
# The cooperative of the demo pengurus (registry demo, NIK Koperasi 3271060010001).
KSB_NIK = "3271060010001"
THOUSAND = Decimal(1000)


def _rupiah(value: float) -> Decimal:
    """An amount rounded to thousands, as statements are usually printed."""
    return (Decimal(str(round(value))) / THOUSAND).quantize(Decimal(1)) * THOUSAND


def figures(rng: random.Random, assets: float, quality: float) -> dict:
    """One year's figures of a savings-and-loan cooperative with total assets `assets` (Rupiah);
    `quality` 0–1 moves every ratio from the weak end of its score table to the strong end. The
    figures keep every bound of the entry checks, and SHU sebelum pajak = SHU kotor − beban usaha −
    beban perkoperasian."""

    def between(low: float, high: float) -> float:
        return rng.uniform(low, high)

    def by_quality(weak: tuple[float, float], strong: tuple[float, float]) -> float:
        low = weak[0] + (strong[0] - weak[0]) * quality
        high = weak[1] + (strong[1] - weak[1]) * quality
        return between(min(low, high), max(low, high))

    equity = assets * by_quality((0.10, 0.22), (0.42, 0.55))
    loans = assets * between(0.62, 0.74)
    current_liabilities = assets * between(0.25, 0.40)
    cash = current_liabilities * by_quality((0.04, 0.35), (0.105, 0.145))
    risky = loans * by_quality((0.27, 0.38), (0.05, 0.18))
    problem = loans * by_quality((0.10, 0.22), (0.005, 0.04))
    rpm_share = 0.5 * 0.5 + 0.75 * 0.2 + 1.0 * 0.3
    volume = loans * between(1.1, 1.6)
    gross_participation = volume * between(0.12, 0.18)
    income = gross_participation * by_quality((0.45, 0.9), (0.05, 0.25))
    net_participation = gross_participation * between(0.45, 0.58)
    gross_shu = net_participation + income * 0.3
    operating = gross_shu * by_quality((0.78, 0.98), (0.30, 0.55))
    cooperative_costs = gross_shu * 0.05
    shu = gross_shu - operating - cooperative_costs
    member_shu = max(shu, 0) * 0.9 * 0.4
    pokok, wajib = equity * 0.08, equity * 0.55
    values = {
        "total_aset": assets,
        "kas": cash * 0.3,
        "bank": cash * 0.7,
        "kewajiban_lancar": current_liabilities,
        "dana_diterima": assets * between(0.85, 0.95),
        "simpanan_pokok": pokok,
        "simpanan_wajib": wajib,
        "simpanan_lain_berkarakter_wajib": equity * 0.05,
        "hibah": equity * 0.02,
        "cadangan": equity * 0.25,
        "modal_penyertaan": equity * 0.10,
        "modal_tertimbang": equity * by_quality((0.15, 0.35), (0.8, 0.95)),
        "atmr": assets * between(0.7, 0.9),
        "pinjaman_diberikan": loans,
        "pinjaman_berisiko": risky,
        "pinjaman_kurang_lancar": problem * 0.5,
        "pinjaman_diragukan": problem * 0.2,
        "pinjaman_macet": problem * 0.3,
        "cadangan_risiko": problem * rpm_share * by_quality((0.15, 0.5), (0.85, 1.1)),
        "volume_pinjaman": volume,
        "volume_pinjaman_anggota": volume * by_quality((0.35, 0.7), (0.78, 0.97)),
        "partisipasi_bruto": gross_participation,
        "partisipasi_neto": net_participation,
        "beban_operasi_anggota": gross_participation * by_quality((0.96, 1.08), (0.78, 0.89)),
        "beban_usaha": operating,
        "beban_perkoperasian": cooperative_costs,
        "biaya_karyawan": volume * by_quality((0.08, 0.17), (0.015, 0.045)),
        "pendapatan": income,
        "shu_kotor": gross_shu,
        "shu_bagian_anggota": member_shu,
        "pea": member_shu + gross_participation * by_quality((0.0, 0.02), (0.05, 0.1)),
    }
    amounts = {name: _rupiah(value) for name, value in values.items()}
    amounts["shu_sebelum_pajak"] = (
        amounts["shu_kotor"] - amounts["beban_usaha"] - amounts["beban_perkoperasian"]
    )
    if amounts["shu_bagian_anggota"] > max(amounts["shu_sebelum_pajak"], Decimal(0)):
        amounts["shu_bagian_anggota"] = max(amounts["shu_sebelum_pajak"], Decimal(0))
    return amounts


def answers(rng: random.Random, quality: float) -> dict:
    chance = 0.35 + 0.6 * quality
    return {group: [rng.random() < chance for _ in range(size)] for group, size in MANAGEMENT_GROUPS}


def _chosen() -> list[CooperativeProfile]:
    chosen = list(CooperativeProfile.objects.filter(nik_koperasi=KSB_NIK).select_related("organization"))
    for regency, count in REGENCIES:
        qs = (
            CooperativeProfile.objects.filter(regency_code=regency, status=CooperativeStatus.AKTIF)
            .exclude(nik_koperasi=KSB_NIK)
            .select_related("organization")
            .order_by("pk")
        )
        savings_and_loan = list(qs.filter(cooperative_type=CooperativeType.SIMPAN_PINJAM)[:count])
        others = list(
            qs.exclude(cooperative_type=CooperativeType.SIMPAN_PINJAM)[
                : max(count - len(savings_and_loan), 1)
            ]
        )
        chosen += savings_and_loan + others
    return chosen


def _rat_date(rng: random.Random, cooperative: CooperativeProfile, year: int, today: dt.date) -> dt.date:
    year_end = financial_year_end(year, cooperative.fiscal_year_end_month)
    return min(year_end + dt.timedelta(days=rng.randint(45, 160)), today - dt.timedelta(days=1))


def _reports(actor, cooperative: CooperativeProfile, rng: random.Random, today: dt.date, index: int) -> None:
    last = last_closed_year(today, cooperative.fiscal_year_end_month)
    years = rng.choice((2, 3, 3, 4))
    quality = (0.92, 0.75, 0.5, 0.25, 0.62, 0.85, 0.35)[index % 7]
    drift = rng.choice((-0.12, -0.06, 0.0, 0.05, 0.1))
    assets = 10 ** rng.uniform(8.7, 10.7)  # Rp 500 juta – Rp 50 miliar
    # The latest year: verified for most, awaiting verification for every fourth cooperative.
    latest_waits = index % 4 == 1
    for offset, year in enumerate(range(last - years + 1, last + 1)):
        year_quality = min(max(quality + drift * offset + rng.uniform(-0.05, 0.05), 0.0), 1.0)
        year_assets = assets * (1.08**offset) * rng.uniform(0.97, 1.05)
        values = figures(rng, year_assets, year_quality)
        manajemen = answers(rng, year_quality)
        if AnnualReport.objects.filter(cooperative=cooperative, year=year).exists():
            continue
        report = services.annual_report_create(
            actor=actor,
            cooperative=cooperative,
            year=year,
            rat_date=_rat_date(rng, cooperative, year, today),
            values=values,
            manajemen=manajemen,
        )
        report = services.annual_report_submit(actor=actor, report=report)
        if year == last and latest_waits:
            continue
        services.annual_report_verify(actor=actor, report=report)


def _dissolution_case(actor, today: dt.date) -> None:
    if DissolutionCase.objects.filter(cooperative__regency_code="32.71").exists():
        return
    candidate = (
        CooperativeProfile.objects.filter(
            regency_code="32.71",
            status=CooperativeStatus.AKTIF,
            last_rat_date__isnull=False,
            annual_reports=None,
        )
        .order_by("last_rat_date", "pk")
        .first()
    )
    if candidate is None:
        return
    case = supervision.dissolution_case_open(
        actor=actor,
        cooperative=candidate,
        ground=DissolutionGround.NO_ACTIVITY,
        facts=(
            f"Tidak mengadakan RAT sejak {candidate.last_rat_date:%d-%m-%Y}; kunjungan lapangan dinas menemukan "
            "kantor tutup dan tidak ada transaksi simpan pinjam selama dua tahun terakhir."
        ),
    )
    supervision.dissolution_notice_issue(
        actor=actor,
        case=case,
        notice_number=f"518/{100 + candidate.pk % 800}/Diskopukm",
        notice_date=today - dt.timedelta(days=24),
        received_on=today - dt.timedelta(days=20),
        signatory="Kepala Dinas Koperasi dan UMKM Kota Bogor",
        today=today,
    )


def seed(*, actor, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    services.questionnaire_seed(actor=actor)
    if CooperativeProfile.objects.count() < MIN_COOPERATIVES:
        return
    rng = random.Random(2026)
    for index, cooperative in enumerate(_chosen()):
        _reports(actor, cooperative, random.Random(rng.random() + cooperative.pk), today, index)
    _dissolution_case(actor, today)
