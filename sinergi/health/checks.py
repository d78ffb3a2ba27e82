"""Checks on the figures of an annual report as it is entered (pemeriksaan isian laporan tahunan).

The input schema has no total liabilities, so the full balance-sheet identity (aset = kewajiban +
ekuitas) cannot be tested. What the schema does allow, and what no real set of accounts can break,
is checked as an **error** (the report is not saved):

- amounts that cannot be negative by nature (the scoring package's rule: every amount outside
  `SIGNED_FIELDS`), and no more than 2 decimal places (Rupiah and sen);
- assets: kas + bank ≤ total aset; kas + bank + (pinjaman diberikan − cadangan risiko) ≤ total aset
  (cash, bank balances and net loans are all assets); modal sendiri ≤ total aset (equity is part of
  the liabilities side; the engine also refuses a 1a ratio above 100 %, so this bound has no
  tolerance);
- loans: pinjaman berisiko ≤ pinjaman diberikan; kurang lancar + diragukan + macet ≤ pinjaman
  diberikan (both are parts of the loans outstanding); volume pinjaman pada anggota ≤ volume
  pinjaman;
- participation and SHU: partisipasi neto ≤ partisipasi bruto (neto is bruto less beban pokok);
  SHU bagian anggota ≤ SHU sebelum pajak when positive, and not positive after a loss (the members'
  share is paid out of the year's SHU).

Sums are compared within a tolerance of Rp 1.000 or 0.5 % of the bound, whichever is larger:
statements are often rounded to thousands and copied by hand.

**Warnings** (saved, shown to the cooperative and the verifying officer):

- SHU sebelum pajak differs from SHU kotor − beban usaha − beban perkoperasian (other income or
  expenses may explain it, so it is not an error);
- a stated modal sendiri differs from the sum of its parts (the worksheet may define it otherwise);
- year-on-year outliers: for the main balances, the annual growth since the previous report is
  compared with the cooperative's own earlier growths by median and interquartile range (Tukey's
  fences at 1.5 × IQR, widened to at least ±25 % a year so that a steady history does not flag
  every small change). It needs at least three earlier years with the figure.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from sinergi.core.money import format_rupiah
from sinergi.health.scoring.report import AMOUNT_FIELDS, SIGNED_FIELDS

ERROR = "error"
WARNING = "warning"
_ABSOLUTE_TOLERANCE = Decimal(1000)
_RELATIVE_TOLERANCE = Decimal("0.005")
# The fence is never narrower than ln(1.25): ±25 % a year around the usual growth.
_MIN_FENCE = Decimal("1.25").ln()
_MIN_GROWTHS = 2
OUTLIER_FIELDS = (
    "total_aset",
    "kas",
    "bank",
    "kewajiban_lancar",
    "dana_diterima",
    "pinjaman_diberikan",
    "volume_pinjaman",
    "simpanan_wajib",
    "partisipasi_bruto",
    "pendapatan",
    "beban_usaha",
    "biaya_karyawan",
)
MODAL_SENDIRI_PARTS = (
    (Decimal(1), "simpanan_pokok"),
    (Decimal(1), "simpanan_wajib"),
    (Decimal(1), "simpanan_lain_berkarakter_wajib"),
    (Decimal(1), "hibah"),
    (Decimal(1), "cadangan"),
    (Decimal("0.5"), "modal_penyertaan"),
)


@dataclass(frozen=True)
class Finding:
    """One result of a check: the field it concerns, "error" or "warning", and the message."""

    code: str
    field: str
    level: str
    message: str

    def to_dict(self) -> dict:
        return {"code": self.code, "field": self.field, "level": self.level, "message": self.message}


def tolerance(bound: Decimal) -> Decimal:
    return max(_ABSOLUTE_TOLERANCE, abs(bound) * _RELATIVE_TOLERANCE)


def _sum(values: dict, names: tuple[str, ...]) -> Decimal | None:
    parts = [values.get(name) for name in names]
    if any(part is None for part in parts):
        return None
    return sum(parts, Decimal(0))


def derived_modal_sendiri(values: dict) -> Decimal | None:
    """Modal sendiri of a KSP from its parts (the formula the assessment uses for 1a, 1b and 6b)."""
    parts = [(coefficient, values.get(name)) for coefficient, name in MODAL_SENDIRI_PARTS]
    if any(value is None for _, value in parts):
        return None
    return sum((coefficient * value for coefficient, value in parts), Decimal(0))


def effective_modal_sendiri(values: dict) -> Decimal | None:
    given = values.get("modal_sendiri")
    return given if given is not None else derived_modal_sendiri(values)


def _label(name: str) -> str:
    from sinergi.health.fields import label

    return label(name)


def field_errors(values: dict) -> list[Finding]:
    """Negative amounts that cannot be negative, and more than two decimal places."""
    findings = []
    for name in AMOUNT_FIELDS:
        value = values.get(name)
        if value is None:
            continue
        if value < 0 and name not in SIGNED_FIELDS:
            findings.append(Finding("negative", name, ERROR, _("Tidak boleh negatif.")))
        elif value != value.quantize(Decimal("0.01")):
            findings.append(Finding("decimals", name, ERROR, _("Paling banyak 2 angka di belakang koma.")))
    return findings


def _at_most(
    code: str, field: str, left: Decimal | None, right: Decimal | None, message: str, *, exact=False
):
    if left is None or right is None:
        return None
    limit = right if exact else right + tolerance(right)
    if left > limit:
        return Finding(
            code, field, ERROR, message % {"left": format_rupiah(left), "right": format_rupiah(right)}
        )
    return None


def consistency_errors(values: dict) -> list[Finding]:
    """The bounds every real set of accounts keeps (see the module docstring)."""
    v = values.get
    cash = _sum(values, ("kas", "bank"))
    net_loans = None
    if v("pinjaman_diberikan") is not None and v("cadangan_risiko") is not None:
        net_loans = v("pinjaman_diberikan") - v("cadangan_risiko")
    problem_loans = _sum(values, ("pinjaman_kurang_lancar", "pinjaman_diragukan", "pinjaman_macet"))
    shu = v("shu_sebelum_pajak")
    checks = [
        _at_most(
            "cash_le_assets",
            "kas",
            cash,
            v("total_aset"),
            _("Kas + bank (%(left)s) melebihi total aset (%(right)s)."),
        ),
        _at_most(
            "cash_loans_le_assets",
            "pinjaman_diberikan",
            None if cash is None or net_loans is None else cash + net_loans,
            v("total_aset"),
            _(
                "Kas + bank + pinjaman bersih (pinjaman diberikan − cadangan risiko) = %(left)s melebihi "
                "total aset (%(right)s)."
            ),
        ),
        _at_most(
            "equity_le_assets",
            "modal_sendiri" if v("modal_sendiri") is not None else "cadangan",
            effective_modal_sendiri(values),
            v("total_aset"),
            _("Modal sendiri (%(left)s) melebihi total aset (%(right)s)."),
            exact=True,
        ),
        _at_most(
            "risky_le_loans",
            "pinjaman_berisiko",
            v("pinjaman_berisiko"),
            v("pinjaman_diberikan"),
            _("Pinjaman berisiko (%(left)s) melebihi pinjaman yang diberikan (%(right)s)."),
        ),
        _at_most(
            "problem_le_loans",
            "pinjaman_macet",
            problem_loans,
            v("pinjaman_diberikan"),
            _(
                "Pinjaman kurang lancar + diragukan + macet (%(left)s) melebihi pinjaman yang diberikan "
                "(%(right)s)."
            ),
        ),
        _at_most(
            "member_volume_le_volume",
            "volume_pinjaman_anggota",
            v("volume_pinjaman_anggota"),
            v("volume_pinjaman"),
            _("Volume pinjaman pada anggota (%(left)s) melebihi volume pinjaman (%(right)s)."),
        ),
        _at_most(
            "net_le_gross_participation",
            "partisipasi_neto",
            v("partisipasi_neto"),
            v("partisipasi_bruto"),
            _("Partisipasi neto (%(left)s) melebihi partisipasi bruto (%(right)s)."),
        ),
        _at_most(
            "member_shu_le_shu",
            "shu_bagian_anggota",
            v("shu_bagian_anggota"),
            None if shu is None else max(shu, Decimal(0)),
            _("SHU bagian anggota (%(left)s) melebihi SHU sebelum pajak yang positif (%(right)s)."),
        ),
    ]
    return [finding for finding in checks if finding is not None]


def consistency_warnings(values: dict) -> list[Finding]:
    v = values.get
    findings = []
    gross, costs = v("shu_kotor"), _sum(values, ("beban_usaha", "beban_perkoperasian"))
    if gross is not None and costs is not None and v("shu_sebelum_pajak") is not None:
        expected = gross - costs
        if abs(v("shu_sebelum_pajak") - expected) > tolerance(gross):
            findings.append(
                Finding(
                    "shu_consistency",
                    "shu_sebelum_pajak",
                    WARNING,
                    _(
                        "SHU sebelum pajak (%(shu)s) berbeda dari SHU kotor − beban usaha − beban "
                        "perkoperasian (%(expected)s). Periksa pendapatan dan beban lain-lain."
                    )
                    % {"shu": format_rupiah(v("shu_sebelum_pajak")), "expected": format_rupiah(expected)},
                )
            )
    derived = derived_modal_sendiri(values)
    if (
        v("modal_sendiri") is not None
        and derived is not None
        and abs(v("modal_sendiri") - derived) > tolerance(derived)
    ):
        findings.append(
            Finding(
                "equity_parts",
                "modal_sendiri",
                WARNING,
                _(
                    "Modal sendiri yang diisi (%(given)s) berbeda dari jumlah bagiannya (%(derived)s: simpanan "
                    "pokok + wajib + lain berkarakter wajib + hibah + cadangan + 50%% modal penyertaan). "
                    "Penilaian memakai angka yang diisi."
                )
                % {"given": format_rupiah(v("modal_sendiri")), "derived": format_rupiah(derived)},
            )
        )
    return findings


def _growth(value: Decimal, previous: Decimal, years: int) -> Decimal:
    """Annual log growth: ln(value / previous) / years."""
    return (value / previous).ln() / years


def outlier_warnings(year: int, values: dict, history: list[dict]) -> list[Finding]:
    """Year-on-year outliers against the cooperative's earlier years (`history`: dicts with "year"
    and the amounts, any order; only years before `year` count)."""
    findings = []
    earlier = sorted((h for h in history if h["year"] < year), key=lambda h: h["year"])
    for name in OUTLIER_FIELDS:
        value = values.get(name)
        points = [(h["year"], h[name]) for h in earlier if h.get(name) is not None and h[name] > 0]
        if value is None or value <= 0 or len(points) < _MIN_GROWTHS + 1:
            continue
        growths = [
            _growth(later, before, later_year - before_year)
            for (before_year, before), (later_year, later) in zip(points, points[1:], strict=False)
        ]
        q1, median, q3 = statistics.quantiles(growths, n=4, method="inclusive")
        width = max(Decimal("1.5") * (q3 - q1), _MIN_FENCE)
        last_year, last_value = points[-1]
        current = _growth(value, last_value, year - last_year)
        if q1 - width <= current <= q3 + width:
            continue
        change = (value / last_value - 1) * 100
        usual = (median.exp() - 1) * 100
        findings.append(
            Finding(
                "outlier",
                name,
                WARNING,
                _(
                    "%(field)s berubah %(change)s%% dari tahun %(last)s (%(before)s → %(now)s), jauh di luar "
                    "pola tahun-tahun sebelumnya (biasanya %(usual)s%% per tahun). Periksa kembali angkanya."
                )
                % {
                    "field": _label(name).capitalize(),
                    "change": f"{change:+.0f}",
                    "last": last_year,
                    "before": format_rupiah(last_value),
                    "now": format_rupiah(value),
                    "usual": f"{usual:+.0f}",
                },
            )
        )
    return findings


def report_findings(year: int | None, values: dict, history: list[dict]) -> list[Finding]:
    """Every finding for a report's figures: errors first, then warnings."""
    errors = field_errors(values)
    bad = {finding.field for finding in errors}
    clean = {name: value for name, value in values.items() if name not in bad}
    errors += consistency_errors(clean)
    warnings = consistency_warnings(clean)
    if year is not None:
        warnings += outlier_warnings(year, clean, history)
    return errors + warnings
