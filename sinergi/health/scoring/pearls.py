"""WOCCU PEARLS ratios that one annual report of the health-assessment schema allows.

PEARLS (Protection, Effective financial structure, Asset quality, Rates of return and costs,
Liquidity, Signs of growth) is the World Council of Credit Unions' monitoring system; goals are
WOCCU's "standards of excellence" (reference.md §3). It is a *complement* to the official Indonesian
assessment, not part of it, and every ratio here is an **approximation**: Indonesian cooperative
accounts do not carry PEARLS's categories, so each ratio states in `approximation` what stands in
for what. In particular:

- delinquency is taken from the collectibility classes (kurang lancar, diragukan, macet), while
  PEARLS counts loans from 30 days overdue: A1 understates delinquency, and P1/P2 assume that macet
  are the loans overdue more than 12 months and kurang lancar + diragukan those overdue 1–12 months;
- R-ratios divide by year-end total assets, where PEARLS uses the average over the year;
- "member shares" are the savings of equity character (simpanan pokok, wajib, lain berkarakter
  wajib) and "institutional capital" the reserves plus grants (cadangan + hibah), unadjusted.

Left out because the schema lacks what they need: P3–P6 (charge-offs, recoveries, total
liabilities), E3–E6 and E9 (financial and non-financial investments, savings deposits, external
credit, allowance shortfalls), A2–A3 (non-earning assets, zero-cost funds), R1–R8, R10–R11 (income
and cost by asset class, average balances), L1–L2 (savings deposits, liquidity reserves) and every
S-ratio (growth needs two years; `pearls` reads one report).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from sinergi.health.scoring.bands import Interval, interval
from sinergi.health.scoring.decimals import display, percent
from sinergi.health.scoring.report import Report


@dataclass(frozen=True)
class PearlsRatio:
    """One PEARLS ratio in percent. `passed` is None when the ratio is not computable or the goal is
    not a threshold (R12: "enough to reach E9 = 10 %")."""

    code: str
    name: str
    name_id: str
    ratio: Decimal | None
    goal: str
    passed: bool | None
    formula: str
    approximation: str
    inputs: Mapping[str, Decimal]
    missing: tuple[str, ...]
    note: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "inputs", MappingProxyType(dict(self.inputs)))
        object.__setattr__(self, "missing", tuple(self.missing))

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "name_id": self.name_id,
            "ratio": display(self.ratio),
            "goal": self.goal,
            "passed": self.passed,
            "formula": self.formula,
            "approximation": self.approximation,
            "inputs": {name: f"{value:f}" for name, value in self.inputs.items()},
            "missing": list(self.missing),
            "note": self.note,
        }


@dataclass(frozen=True)
class _Definition:
    code: str
    name: str
    name_id: str
    numerator: tuple[tuple[Decimal, str], ...]
    denominator: tuple[tuple[Decimal, str], ...]
    formula: str
    goal: str
    goal_interval: Interval | None
    approximation: str


_ONE = Decimal(1)

DEFINITIONS: tuple[_Definition, ...] = (
    _Definition(
        code="P1",
        name="Allowance for loan losses / allowance required for loans delinquent > 12 months",
        name_id="Cadangan risiko terhadap pinjaman macet",
        numerator=((_ONE, "cadangan_risiko"),),
        denominator=((_ONE, "pinjaman_macet"),),
        formula="cadangan_risiko / pinjaman_macet × 100",
        goal="100%",
        goal_interval=interval("x ≥ 100"),
        approximation=(
            "pinjaman macet stands in for loans delinquent more than 12 months, which PEARLS provisions at"
            " 100 %; the collectibility classes do not map exactly to PEARLS's age buckets"
        ),
    ),
    _Definition(
        code="P2",
        name="Net allowance (after P1) / allowance required for loans delinquent 1–12 months",
        name_id="Sisa cadangan risiko terhadap pinjaman kurang lancar dan diragukan",
        numerator=((_ONE, "cadangan_risiko"), (-_ONE, "pinjaman_macet")),
        denominator=((_ONE, "pinjaman_kurang_lancar"), (_ONE, "pinjaman_diragukan")),
        formula="(cadangan_risiko − pinjaman_macet) / (pinjaman_kurang_lancar + pinjaman_diragukan) × 100",
        goal="35%",
        goal_interval=interval("x ≥ 35"),
        approximation=(
            "the allowance left after covering pinjaman macet in full, over kurang lancar + diragukan as"
            " the loans delinquent 1–12 months"
        ),
    ),
    _Definition(
        code="E1",
        name="Net loans / total assets",
        name_id="Pinjaman bersih terhadap total aset",
        numerator=((_ONE, "pinjaman_diberikan"), (-_ONE, "cadangan_risiko")),
        denominator=((_ONE, "total_aset"),),
        formula="(pinjaman_diberikan − cadangan_risiko) / total_aset × 100",
        goal="70–80%",
        goal_interval=interval("70 ≤ x ≤ 80"),
        approximation="net loans = loans outstanding less the risk reserve (cadangan risiko / PPAP)",
    ),
    _Definition(
        code="E2",
        name="Liquid investments / total assets",
        name_id="Simpanan di bank terhadap total aset",
        numerator=((_ONE, "bank"),),
        denominator=((_ONE, "total_aset"),),
        formula="bank / total_aset × 100",
        goal="≤ 16%",
        goal_interval=interval("x ≤ 16"),
        approximation=(
            "bank balances stand in for liquid investments; cash on hand (kas) is left to L3 as a"
            " non-earning asset"
        ),
    ),
    _Definition(
        code="E7",
        name="Member share capital / total assets",
        name_id="Simpanan pokok dan wajib terhadap total aset",
        numerator=(
            (_ONE, "simpanan_pokok"),
            (_ONE, "simpanan_wajib"),
            (_ONE, "simpanan_lain_berkarakter_wajib"),
        ),
        denominator=((_ONE, "total_aset"),),
        formula="(simpanan_pokok + simpanan_wajib + simpanan_lain_berkarakter_wajib) / total_aset × 100",
        goal="≤ 20%",
        goal_interval=interval("x ≤ 20"),
        approximation="member shares = the members' savings of equity character",
    ),
    _Definition(
        code="E8",
        name="Institutional capital / total assets",
        name_id="Cadangan dan hibah terhadap total aset",
        numerator=((_ONE, "cadangan"), (_ONE, "hibah")),
        denominator=((_ONE, "total_aset"),),
        formula="(cadangan + hibah) / total_aset × 100",
        goal="≥ 10%",
        goal_interval=interval("x ≥ 10"),
        approximation=(
            "institutional capital = reserves and grants, the equity no member owns; not adjusted for"
            " allowance shortfalls (that would be E9)"
        ),
    ),
    _Definition(
        code="A1",
        name="Total loan delinquency / gross loan portfolio",
        name_id="Pinjaman bermasalah terhadap pinjaman yang diberikan",
        numerator=((_ONE, "pinjaman_kurang_lancar"), (_ONE, "pinjaman_diragukan"), (_ONE, "pinjaman_macet")),
        denominator=((_ONE, "pinjaman_diberikan"),),
        formula="(pinjaman_kurang_lancar + pinjaman_diragukan + pinjaman_macet) / pinjaman_diberikan × 100",
        goal="≤ 5%",
        goal_interval=interval("x ≤ 5"),
        approximation=(
            "delinquency from the collectibility classes; PEARLS counts loans from 30 days overdue, so"
            " loans late but still classed lancar are missed and the ratio understates delinquency"
        ),
    ),
    _Definition(
        code="R9",
        name="Operating expenses / average assets",
        name_id="Beban usaha dan perkoperasian terhadap total aset",
        numerator=((_ONE, "beban_usaha"), (_ONE, "beban_perkoperasian")),
        denominator=((_ONE, "total_aset"),),
        formula="(beban_usaha + beban_perkoperasian) / total_aset × 100",
        goal="≤ 5%",
        goal_interval=interval("x ≤ 5"),
        approximation="year-end total assets instead of the average over the year",
    ),
    _Definition(
        code="R12",
        name="Net income / average assets (ROA)",
        name_id="SHU sebelum pajak terhadap total aset",
        numerator=((_ONE, "shu_sebelum_pajak"),),
        denominator=((_ONE, "total_aset"),),
        formula="shu_sebelum_pajak / total_aset × 100",
        goal="enough to reach E9 = 10%",
        goal_interval=None,
        approximation="SHU before tax over year-end total assets instead of net income over average assets",
    ),
    _Definition(
        code="L3",
        name="Non-earning liquid assets / total assets",
        name_id="Kas terhadap total aset",
        numerator=((_ONE, "kas"),),
        denominator=((_ONE, "total_aset"),),
        formula="kas / total_aset × 100",
        goal="< 1%",
        goal_interval=interval("x < 1"),
        approximation="cash on hand (kas) is the non-earning liquid asset; bank balances count as earning",
    ),
)


def pearls(report: Report | Mapping) -> list[PearlsRatio]:
    """The PEARLS ratios computable from one report, in PEARLS order, with goal and pass/fail.

    A ratio whose inputs are missing, or whose denominator is zero, has `ratio` and `passed` None and
    says why in `missing` / `note`. Raises `ReportError` for invalid input, like `assess`.
    """
    report = Report.from_dict(report)
    return [_compute(definition, report) for definition in DEFINITIONS]


def _compute(definition: _Definition, report: Report) -> PearlsRatio:
    inputs, missing = {}, []
    for _, name in definition.numerator + definition.denominator:
        value = report.amount(name)
        if value is None:
            missing.append(name)
        else:
            inputs[name] = value

    def result(ratio: Decimal | None, passed: bool | None, note: str) -> PearlsRatio:
        return PearlsRatio(
            code=definition.code,
            name=definition.name,
            name_id=definition.name_id,
            ratio=ratio,
            goal=definition.goal,
            passed=passed,
            formula=definition.formula,
            approximation=definition.approximation,
            inputs=inputs,
            missing=tuple(sorted(set(missing))),
            note=note,
        )

    if missing:
        return result(None, None, "data tidak lengkap / missing data")
    numerator = sum((coefficient * inputs[name] for coefficient, name in definition.numerator), Decimal(0))
    denominator = sum(
        (coefficient * inputs[name] for coefficient, name in definition.denominator), Decimal(0)
    )
    if denominator == 0:
        return result(None, None, "penyebut nol, rasio tidak terdefinisi / zero denominator, ratio undefined")
    ratio = percent(numerator, denominator)
    if definition.goal_interval is None:
        return result(ratio, None, "sasaran bukan ambang angka / the goal is not a numeric threshold")
    return result(ratio, ratio in definition.goal_interval, "")
