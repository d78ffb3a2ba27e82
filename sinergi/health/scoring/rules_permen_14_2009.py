"""Rule set `permen-14-2009`: Permen KUKM No. 14/Per/M.KUKM/XII/2009 (amending 20/Per/M.KUKM/XI/2008),
health assessment of KSP/USP with seven aspects and five predicates.

The component tables below are the banded tables of Permen 14/2009 as reproduced in reference.md
§1.3, which Perdep 06/2016 reuses unchanged (§1.3 "Important limitation"); `rules_perdep_06_2016`
imports `ASPECTS` from here and only replaces the predicate bands. Band inequalities are written
exactly as printed (Decision 2); rows the printed table does not show as such carry a note.

Choices where the sources conflict (reference.md asks to decide and document):

- 1a: the 2009/2016 inverted-U bands, not the linear Permen 20/2008 rule. A ratio above 100 %
  (equity larger than assets) lies outside the table and is refused as inconsistent input.
- 1b: the printed 10-point bands of Permen 14/2009 Tabel 2 (0 < x ≤ 10 → 0), not the shifted bands
  of one implementation nor the continuous "+1 per 1 %" rule text.
- 2b, 2c: the printed bands, not the continuous rules (Decision 2).
- 2d: the printed gap 25 < x < 26 scores the lower band's 75 (Decision 2).
- 5b: the 50/75/100 breakpoints ("< 50 % → 25, each +25 % adds 25"), not 60/70/80/90.
- 6c: binary (≤ 100 → 0, > 100 → 100) as printed; graded variants have no regulation source.
"""

from decimal import Decimal

from sinergi.health.scoring import formulas
from sinergi.health.scoring.bands import band
from sinergi.health.scoring.definitions import (
    Aspect,
    NegativeDenominator,
    QuestionnaireComponent,
    RatioComponent,
    RuleSet,
    ZeroDenominator,
    grade,
)

_DECISION_9 = (
    "rasio ≤ 0 (modal sendiri negatif) → nilai 0 / ratio ≤ 0 (negative equity) scores 0 (Decision 9)"
)
_ABOVE_TOP = "di atas tabel cetak; aturan: maksimum 100 / above the printed table; the rule caps nilai at 100"

PERMODALAN = Aspect(
    code="permodalan",
    name="Permodalan",
    name_en="Capital",
    components=(
        RatioComponent(
            code="1a",
            name="Rasio modal sendiri terhadap total aset",
            name_en="Equity to total assets",
            bobot=Decimal(6),
            ratio=formulas.EQUITY_TO_ASSETS,
            bands=(
                band("x ≤ 0", 0, _DECISION_9),
                band("0 < x ≤ 20", 25),
                band("20 < x ≤ 40", 50),
                band("40 < x ≤ 60", 100),
                band("60 < x ≤ 80", 50),
                band("80 < x ≤ 100", 25),
            ),
            source="Permen KUKM 14/2009 (reference.md §1.3 1a)",
            non_positive_numerator_scores_zero=True,
        ),
        RatioComponent(
            code="1b",
            name="Rasio modal sendiri terhadap pinjaman diberikan yang berisiko",
            name_en="Equity to risky loans",
            bobot=Decimal(6),
            ratio=formulas.EQUITY_TO_RISKY_LOANS,
            bands=(
                band("x ≤ 0", 0, _DECISION_9),
                band("0 < x ≤ 10", 0),
                band("10 < x ≤ 20", 10),
                band("20 < x ≤ 30", 20),
                band("30 < x ≤ 40", 30),
                band("40 < x ≤ 50", 40),
                band("50 < x ≤ 60", 50),
                band("60 < x ≤ 70", 60),
                band("70 < x ≤ 80", 70),
                band("80 < x ≤ 90", 80),
                band("90 < x < 100", 90),
                band("x ≥ 100", 100),
            ),
            source="Permen KUKM 14/2009 Tabel 2 (reference.md §1.3 1b)",
            if_denominator_zero=ZeroDenominator.MAXIMUM,
            non_positive_numerator_scores_zero=True,
        ),
        RatioComponent(
            code="1c",
            name="Rasio kecukupan modal sendiri (CAR)",
            name_en="Capital adequacy ratio",
            bobot=Decimal(3),
            ratio=formulas.CAPITAL_ADEQUACY,
            bands=(
                band("x < 4", 0),
                band("4 ≤ x < 6", 50),
                band("6 ≤ x < 8", 75),
                band("x ≥ 8", 100),
            ),
            source="Permen KUKM 14/2009 Tabel 3 (reference.md §1.3 1c)",
        ),
    ),
)

KUALITAS_AKTIVA_PRODUKTIF = Aspect(
    code="kualitas_aktiva_produktif",
    name="Kualitas Aktiva Produktif",
    name_en="Earning asset quality",
    components=(
        RatioComponent(
            code="2a",
            name="Rasio volume pinjaman pada anggota terhadap volume pinjaman diberikan",
            name_en="Loans to members to all loans (volume)",
            bobot=Decimal(10),
            ratio=formulas.MEMBER_LOAN_VOLUME,
            bands=(
                band("x < 25", 0),
                band("25 ≤ x < 50", 50),
                band("50 ≤ x < 75", 75),
                band("x ≥ 75", 100),
            ),
            source="Permen KUKM 14/2009 Tabel 6 (reference.md §1.3 2a)",
        ),
        RatioComponent(
            code="2b",
            name="Rasio risiko pinjaman bermasalah terhadap pinjaman yang diberikan",
            name_en="Problem-loan risk to loans outstanding",
            bobot=Decimal(5),
            ratio=formulas.PROBLEM_LOAN_RISK,
            bands=(
                band("x = 0", 100),
                band("0 < x ≤ 10", 80),
                band("10 < x ≤ 20", 60),
                band("20 < x ≤ 30", 40),
                band("30 < x ≤ 40", 20),
                band("40 < x ≤ 45", 10),
                band("x > 45", 0),
            ),
            source="Permen KUKM 14/2009 Tabel 2.4 (reference.md §1.3 2b)",
        ),
        RatioComponent(
            code="2c",
            name="Rasio cadangan risiko terhadap risiko pinjaman bermasalah",
            name_en="Risk reserve to problem-loan risk",
            bobot=Decimal(5),
            ratio=formulas.RISK_RESERVE,
            bands=(
                band("x = 0", 0),
                band("0 < x ≤ 10", 10),
                band("10 < x ≤ 20", 20),
                band("20 < x ≤ 30", 30),
                band("30 < x ≤ 40", 40),
                band("40 < x ≤ 50", 50),
                band("50 < x ≤ 60", 60),
                band("60 < x ≤ 70", 70),
                band("70 < x ≤ 80", 80),
                band("80 < x ≤ 90", 90),
                band("90 < x ≤ 100", 100),
                band("x > 100", 100, _ABOVE_TOP),
            ),
            source="Permen KUKM 14/2009 Tabel 2.5 (reference.md §1.3 2c)",
            if_denominator_zero=ZeroDenominator.MAXIMUM,
        ),
        RatioComponent(
            code="2d",
            name="Rasio pinjaman yang berisiko terhadap pinjaman yang diberikan",
            name_en="Risky loans to loans outstanding",
            bobot=Decimal(5),
            ratio=formulas.RISKY_LOANS,
            bands=(
                band("x < 21", 100),
                band("21 ≤ x ≤ 25", 75),
                band(
                    "25 < x < 26",
                    75,
                    "celah pada tabel cetak; berlaku pita bawah / gap in the printed table; "
                    "the lower band applies (Decision 2)",
                ),
                band("26 ≤ x ≤ 30", 50),
                band("x > 30", 25),
            ),
            source="Permen KUKM 14/2009 (reference.md §1.3 2d)",
        ),
    ),
)

MANAJEMEN = Aspect(
    code="manajemen",
    name="Manajemen",
    name_en="Management",
    components=(
        QuestionnaireComponent(
            code="3a",
            name="Manajemen umum",
            name_en="General management",
            bobot=Decimal(3),
            group="umum",
            questions=12,
            points=Decimal("0.25"),
            source="Permen KUKM 14/2009 Tabel 9 (reference.md §1.3 3)",
        ),
        QuestionnaireComponent(
            code="3b",
            name="Kelembagaan",
            name_en="Institutional",
            bobot=Decimal(3),
            group="kelembagaan",
            questions=6,
            points=Decimal("0.50"),
            source="Permen KUKM 14/2009 Tabel 10 (reference.md §1.3 3)",
        ),
        QuestionnaireComponent(
            code="3c",
            name="Manajemen permodalan",
            name_en="Capital management",
            bobot=Decimal(3),
            group="permodalan",
            questions=5,
            points=Decimal("0.60"),
            source="Permen KUKM 14/2009 Tabel 11 (reference.md §1.3 3)",
        ),
        QuestionnaireComponent(
            code="3d",
            name="Manajemen aktiva",
            name_en="Asset management",
            bobot=Decimal(3),
            group="aktiva",
            questions=10,
            points=Decimal("0.30"),
            source="Permen KUKM 14/2009 Tabel 12 (reference.md §1.3 3)",
        ),
        QuestionnaireComponent(
            code="3e",
            name="Manajemen likuiditas",
            name_en="Liquidity management",
            bobot=Decimal(3),
            group="likuiditas",
            questions=5,
            points=Decimal("0.60"),
            source="Permen KUKM 14/2009 Tabel 13 (reference.md §1.3 3)",
        ),
    ),
)

EFISIENSI = Aspect(
    code="efisiensi",
    name="Efisiensi",
    name_en="Efficiency",
    components=(
        RatioComponent(
            code="4a",
            name="Rasio beban operasi anggota terhadap partisipasi bruto",
            name_en="Member operating cost to gross participation",
            bobot=Decimal(4),
            ratio=formulas.MEMBER_OPERATING_COST,
            bands=(
                band("x ≥ 100", 25),
                band("95 ≤ x < 100", 50),
                band("90 ≤ x < 95", 75),
                band("x < 90", 100),
            ),
            source="Permen KUKM 14/2009 (reference.md §1.3 4a; medium confidence)",
        ),
        RatioComponent(
            code="4b",
            name="Rasio beban usaha terhadap SHU kotor",
            name_en="Operating costs to gross SHU",
            bobot=Decimal(4),
            ratio=formulas.OPERATING_COST_TO_GROSS_SHU,
            bands=(
                band("x > 80", 25),
                band("60 < x ≤ 80", 50),
                band("40 < x ≤ 60", 75),
                band("x ≤ 40", 100),
            ),
            source="Permen KUKM 14/2009 (reference.md §1.3 4b; medium confidence)",
            if_denominator_zero=ZeroDenominator.WORST,
            if_denominator_negative=NegativeDenominator.WORST,
        ),
        RatioComponent(
            code="4c",
            name="Rasio efisiensi pelayanan",
            name_en="Service efficiency (staff cost to loan volume)",
            bobot=Decimal(2),
            ratio=formulas.SERVICE_EFFICIENCY,
            bands=(
                band("x < 5", 100),
                band("5 ≤ x < 10", 75),
                band("10 ≤ x ≤ 15", 50),
                band("x > 15", 0),
            ),
            source="Permen KUKM 14/2009 (reference.md §1.3 4c; medium confidence)",
        ),
    ),
)

LIKUIDITAS = Aspect(
    code="likuiditas",
    name="Likuiditas",
    name_en="Liquidity",
    components=(
        RatioComponent(
            code="5a",
            name="Rasio kas",
            name_en="Cash ratio",
            bobot=Decimal(10),
            ratio=formulas.CASH,
            bands=(
                band("x ≤ 10", 25),
                band("10 < x ≤ 15", 100),
                band("15 < x ≤ 20", 50),
                band("x > 20", 25),
            ),
            source="Permen KUKM 14/2009 Tabel 17 (reference.md §1.3 5a)",
        ),
        RatioComponent(
            code="5b",
            name="Rasio pinjaman yang diberikan terhadap dana yang diterima",
            name_en="Loans to funds received",
            bobot=Decimal(5),
            ratio=formulas.LOANS_TO_FUNDS,
            bands=(
                band("x < 50", 25),
                band("50 ≤ x < 75", 50),
                band("75 ≤ x < 100", 75),
                band("x ≥ 100", 100),
            ),
            source="Permen KUKM 14/2009 (reference.md §1.3 5b; medium-low confidence)",
        ),
    ),
)

KEMANDIRIAN_PERTUMBUHAN = Aspect(
    code="kemandirian_pertumbuhan",
    name="Kemandirian dan Pertumbuhan",
    name_en="Self-reliance and growth",
    components=(
        RatioComponent(
            code="6a",
            name="Rentabilitas aset",
            name_en="Return on assets",
            bobot=Decimal(3),
            ratio=formulas.RETURN_ON_ASSETS,
            bands=(
                band("x < 5", 25),
                band("5 ≤ x < 7.5", 50),
                band("7.5 ≤ x < 10", 75),
                band("x ≥ 10", 100),
            ),
            source="Permen KUKM 14/2009 (reference.md §1.3 6a; medium confidence)",
        ),
        RatioComponent(
            code="6b",
            name="Rentabilitas modal sendiri",
            name_en="Return on equity",
            bobot=Decimal(3),
            ratio=formulas.RETURN_ON_EQUITY,
            bands=(
                band("x < 3", 25),
                band("3 ≤ x < 4", 50),
                band("4 ≤ x < 5", 75),
                band("x ≥ 5", 100),
            ),
            source="Permen KUKM 14/2009 Tabel 20 (reference.md §1.3 6b)",
            # A return "on" negative equity has no meaning: a loss over negative equity would read
            # as a high positive return.
            if_denominator_negative=NegativeDenominator.WORST,
        ),
        RatioComponent(
            code="6c",
            name="Kemandirian operasional pelayanan",
            name_en="Operational self-reliance",
            bobot=Decimal(4),
            ratio=formulas.OPERATIONAL_SELF_RELIANCE,
            bands=(
                band("x ≤ 100", 0),
                band("x > 100", 100),
            ),
            source="Permen KUKM 14/2009 Tabel 21 (reference.md §1.3 6c)",
        ),
    ),
)

JATIDIRI = Aspect(
    code="jatidiri",
    name="Jatidiri Koperasi",
    name_en="Cooperative identity",
    components=(
        RatioComponent(
            code="7a",
            name="Rasio partisipasi bruto",
            name_en="Gross participation ratio",
            bobot=Decimal(7),
            ratio=formulas.GROSS_PARTICIPATION,
            bands=(
                band("x < 25", 25),
                band("25 ≤ x < 50", 50),
                band("50 ≤ x < 75", 75),
                band("x ≥ 75", 100),
            ),
            source="Permen KUKM 14/2009 (reference.md §1.3 7a)",
        ),
        RatioComponent(
            code="7b",
            name="Rasio promosi ekonomi anggota (PEA)",
            name_en="Member economic promotion ratio",
            bobot=Decimal(3),
            ratio=formulas.MEMBER_ECONOMIC_PROMOTION,
            bands=(
                band("x < 5", 0),
                band("5 ≤ x < 7.5", 50),
                band("7.5 ≤ x < 10", 75),
                band("x ≥ 10", 100),
            ),
            source="Permen KUKM 14/2009 (reference.md §1.3 7b; medium confidence)",
        ),
    ),
)

ASPECTS = (
    PERMODALAN,
    KUALITAS_AKTIVA_PRODUKTIF,
    MANAJEMEN,
    EFISIENSI,
    LIKUIDITAS,
    KEMANDIRIAN_PERTUMBUHAN,
    JATIDIRI,
)

# Decision 11: the components that do not presuppose a savings-and-loan business.
INDICATIVE_COMPONENTS = ("1a", "3a", "3b", "3c", "3d", "3e", "4b", "5a", "6a", "6b", "6c", "7a", "7b")

RULE_SET = RuleSet(
    code="permen-14-2009",
    name="Permen KUKM 14/2009 (KSP/USP, 5 predikat)",
    regulation="Peraturan Menteri Negara KUKM No. 14/Per/M.KUKM/XII/2009",
    aspects=ASPECTS,
    # reference.md §1.4, 2009 column; totals never exceed 100 (the weights sum to 100).
    predicates=(
        grade("80 ≤ x ≤ 100", "sehat", "Sehat", "Sound"),
        grade("60 ≤ x < 80", "cukup_sehat", "Cukup Sehat", "Fairly sound"),
        grade("40 ≤ x < 60", "kurang_sehat", "Kurang Sehat", "Less than sound"),
        grade("20 ≤ x < 40", "tidak_sehat", "Tidak Sehat", "Unsound"),
        grade("0 ≤ x < 20", "sangat_tidak_sehat", "Sangat Tidak Sehat", "Very unsound"),
    ),
    indicative_components=INDICATIVE_COMPONENTS,
    version="1",
)
