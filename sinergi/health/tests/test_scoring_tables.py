"""Every band edge of every score table, on both rule sets, against hand-written expectations.

The expectations below are copied by hand from reference.md §1.3 (Permen KUKM 14/2009 tables reused
by Perdep 06/2016) and §1.4, not derived from the code's tables: values just below, at and just
above each printed boundary. `None` marks a ratio outside every band (only possible with
inconsistent figures). Each edge is checked twice: on the table, and through `assess` with a
report built to give exactly that ratio.
"""

from decimal import Decimal

import pytest

from sinergi.health.scoring import RULE_SETS, ReportError, assess
from sinergi.health.scoring.bands import interval
from sinergi.health.scoring.definitions import QuestionnaireComponent, RatioComponent
from sinergi.health.scoring.report import MANAGEMENT_GROUPS

EDGES = {
    "1a": [
        ("-0.01", 0), ("0", 0), ("0.01", 25), ("19.99", 25), ("20", 25), ("20.01", 50), ("39.99", 50),
        ("40", 50), ("40.01", 100), ("59.99", 100), ("60", 100), ("60.01", 50), ("79.99", 50), ("80", 50),
        ("80.01", 25), ("99.99", 25), ("100", 25), ("100.01", None),
    ],
    "1b": [
        ("-0.01", 0), ("0", 0), ("0.01", 0), ("9.99", 0), ("10", 0), ("10.01", 10), ("19.99", 10), ("20", 10),
        ("20.01", 20), ("29.99", 20), ("30", 20), ("30.01", 30), ("39.99", 30), ("40", 30), ("40.01", 40),
        ("49.99", 40), ("50", 40), ("50.01", 50), ("59.99", 50), ("60", 50), ("60.01", 60), ("69.99", 60),
        ("70", 60), ("70.01", 70), ("79.99", 70), ("80", 70), ("80.01", 80), ("89.99", 80), ("90", 80),
        ("90.01", 90), ("99.99", 90), ("100", 100), ("100.01", 100),
    ],
    "1c": [
        ("3.99", 0), ("4", 50), ("4.01", 50), ("5.99", 50), ("6", 75), ("6.01", 75), ("7.99", 75), ("8", 100),
        ("8.01", 100),
    ],
    "2a": [
        ("24.99", 0), ("25", 50), ("25.01", 50), ("49.99", 50), ("50", 75), ("50.01", 75), ("74.99", 75),
        ("75", 100), ("75.01", 100),
    ],
    "2b": [
        ("-0.01", None), ("0", 100), ("0.01", 80), ("9.99", 80), ("10", 80), ("10.01", 60), ("19.99", 60),
        ("20", 60), ("20.01", 40), ("29.99", 40), ("30", 40), ("30.01", 20), ("39.99", 20), ("40", 20),
        ("40.01", 10), ("44.99", 10), ("45", 10), ("45.01", 0),
    ],
    "2c": [
        ("-0.01", None), ("0", 0), ("0.01", 10), ("9.99", 10), ("10", 10), ("10.01", 20), ("19.99", 20),
        ("20", 20), ("20.01", 30), ("29.99", 30), ("30", 30), ("30.01", 40), ("39.99", 40), ("40", 40),
        ("40.01", 50), ("49.99", 50), ("50", 50), ("50.01", 60), ("59.99", 60), ("60", 60), ("60.01", 70),
        ("69.99", 70), ("70", 70), ("70.01", 80), ("79.99", 80), ("80", 80), ("80.01", 90), ("89.99", 90),
        ("90", 90), ("90.01", 100), ("99.99", 100), ("100", 100), ("100.01", 100),
    ],
    # The printed gap 25 < x < 26 scores the lower band's 75 (Decision 2).
    "2d": [
        ("20.99", 100), ("21", 75), ("21.01", 75), ("24.99", 75), ("25", 75), ("25.01", 75), ("25.5", 75),
        ("25.99", 75), ("26", 50), ("26.01", 50), ("29.99", 50), ("30", 50), ("30.01", 25),
    ],
    "4a": [
        ("89.99", 100), ("90", 75), ("90.01", 75), ("94.99", 75), ("95", 50), ("95.01", 50), ("99.99", 50),
        ("100", 25), ("100.01", 25),
    ],
    "4b": [
        ("39.99", 100), ("40", 100), ("40.01", 75), ("59.99", 75), ("60", 75), ("60.01", 50), ("79.99", 50),
        ("80", 50), ("80.01", 25),
    ],
    "4c": [
        ("4.99", 100), ("5", 75), ("5.01", 75), ("9.99", 75), ("10", 50), ("10.01", 50), ("14.99", 50),
        ("15", 50), ("15.01", 0),
    ],
    "5a": [
        ("9.99", 25), ("10", 25), ("10.01", 100), ("14.99", 100), ("15", 100), ("15.01", 50), ("19.99", 50),
        ("20", 50), ("20.01", 25),
    ],
    "5b": [
        ("49.99", 25), ("50", 50), ("50.01", 50), ("74.99", 50), ("75", 75), ("75.01", 75), ("99.99", 75),
        ("100", 100), ("100.01", 100),
    ],
    "6a": [
        ("4.99", 25), ("5", 50), ("5.01", 50), ("7.49", 50), ("7.5", 75), ("7.51", 75), ("9.99", 75),
        ("10", 100), ("10.01", 100),
    ],
    "6b": [
        ("2.99", 25), ("3", 50), ("3.01", 50), ("3.99", 50), ("4", 75), ("4.01", 75), ("4.99", 75),
        ("5", 100), ("5.01", 100),
    ],
    "6c": [("99.99", 0), ("100", 0), ("100.01", 100)],
    "7a": [
        ("24.99", 25), ("25", 50), ("25.01", 50), ("49.99", 50), ("50", 75), ("50.01", 75), ("74.99", 75),
        ("75", 100), ("75.01", 100),
    ],
    "7b": [
        ("4.99", 0), ("5", 50), ("5.01", 50), ("7.49", 50), ("7.5", 75), ("7.51", 75), ("9.99", 75),
        ("10", 100), ("10.01", 100),
    ],
}

BOBOT = {
    "1a": 6, "1b": 6, "1c": 3, "2a": 10, "2b": 5, "2c": 5, "2d": 5, "3a": 3, "3b": 3, "3c": 3, "3d": 3,
    "3e": 3, "4a": 4, "4b": 4, "4c": 2, "5a": 10, "5b": 5, "6a": 3, "6b": 3, "6c": 4, "7a": 7, "7b": 3,
}
ASPECT_MAX = {
    "permodalan": 15, "kualitas_aktiva_produktif": 25, "manajemen": 15, "efisiensi": 10, "likuiditas": 15,
    "kemandirian_pertumbuhan": 10, "jatidiri": 10,
}
EDGE_CASES = [
    (rules, code, ratio, nilai)
    for rules in RULE_SETS
    for code, cases in EDGES.items()
    for ratio, nilai in cases
]


NO_DOUBTFUL = {"pinjaman_kurang_lancar": 0, "pinjaman_diragukan": 0}


def report_for_ratio(code: str, ratio: str) -> dict:
    """A minimal report whose component `code` has exactly `ratio` percent (denominator 10 000)."""
    x = Decimal(ratio) * 100
    rest = 10_000 - x
    return {
        "1a": {"modal_sendiri": x, "total_aset": 10_000},
        "1b": {"modal_sendiri": x, "pinjaman_berisiko": 10_000},
        "1c": {"modal_tertimbang": x, "atmr": 10_000},
        "2a": {"volume_pinjaman_anggota": x, "volume_pinjaman": 10_000},
        # rpm = 1.0 × pinjaman_macet with the other classes at zero.
        "2b": {**NO_DOUBTFUL, "pinjaman_macet": x, "pinjaman_diberikan": 10_000},
        "2c": {**NO_DOUBTFUL, "cadangan_risiko": x, "pinjaman_macet": 10_000},
        "2d": {"pinjaman_berisiko": x, "pinjaman_diberikan": 10_000},
        "4a": {"beban_operasi_anggota": x, "partisipasi_bruto": 10_000},
        "4b": {"beban_usaha": x, "shu_kotor": 10_000},
        "4c": {"biaya_karyawan": x, "volume_pinjaman": 10_000},
        "5a": {"kas": x, "bank": 0, "kewajiban_lancar": 10_000},
        "5b": {"pinjaman_diberikan": x, "dana_diterima": 10_000},
        "6a": {"shu_sebelum_pajak": x, "total_aset": 10_000},
        "6b": {"shu_bagian_anggota": x, "modal_sendiri": 10_000},
        "6c": {"partisipasi_neto": x, "beban_usaha": 10_000, "beban_perkoperasian": 0},
        # partisipasi_bruto / (partisipasi_bruto + pendapatan) with the two summing to 10 000.
        "7a": {"partisipasi_bruto": x, "pendapatan": rest},
        "7b": {"pea": x, "simpanan_pokok": 10_000, "simpanan_wajib": 0},
    }[code]


@pytest.mark.parametrize(("rules", "code", "ratio", "nilai"), EDGE_CASES)
def test_band_edge_on_the_table(rules, code, ratio, nilai):
    component = RULE_SETS[rules].component(code)
    matched = component.band_for(Decimal(ratio))
    assert (matched.nilai if matched else None) == nilai


@pytest.mark.parametrize(
    ("rules", "code", "ratio", "nilai"),
    [case for case in EDGE_CASES if case[3] is not None and Decimal(case[2]) >= 0],
)
def test_band_edge_through_assess(rules, code, ratio, nilai):
    result = assess(report_for_ratio(code, ratio), rules=rules).component(code)
    assert result.assessable
    assert result.ratio == Decimal(ratio)
    assert result.nilai == nilai
    assert result.skor == Decimal(nilai) * BOBOT[code] / 100


@pytest.mark.parametrize("rules", RULE_SETS)
def test_ratio_above_the_1a_table_is_refused_as_inconsistent(rules):
    with pytest.raises(ReportError) as caught:
        assess(report_for_ratio("1a", "100.01"), rules=rules)
    assert list(caught.value.errors) == ["1a"]
    assert "100.01" in caught.value.errors["1a"]
    assert "outside the table" in caught.value.errors["1a"]


@pytest.mark.parametrize("rules", RULE_SETS)
def test_the_edge_lists_cover_every_printed_boundary(rules):
    """Guards the lists above: a band edge added to a table without a test here fails."""
    for component in RULE_SETS[rules].components():
        if isinstance(component, QuestionnaireComponent):
            continue
        tested = {Decimal(ratio) for ratio, _ in EDGES[component.code]}
        for band in component.bands:
            for bound in band.interval.finite_bounds():
                around = {bound - Decimal("0.01"), bound, bound + Decimal("0.01")}
                assert around <= tested, (component.code, bound)


@pytest.mark.parametrize("rules", RULE_SETS)
def test_weights_and_aspect_maxima(rules):
    rule_set = RULE_SETS[rules]
    assert {c.code: int(c.bobot) for c in rule_set.components()} == BOBOT
    assert {a.code: int(a.max) for a in rule_set.aspects} == ASPECT_MAX
    assert [a.code for a in rule_set.aspects] == list(ASPECT_MAX)
    assert rule_set.max == 100


@pytest.mark.parametrize("rules", RULE_SETS)
def test_management_points_per_ya(rules):
    components = [c for c in RULE_SETS[rules].components() if isinstance(c, QuestionnaireComponent)]
    assert [(c.code, c.group, c.questions, c.points) for c in components] == [
        ("3a", "umum", 12, Decimal("0.25")),
        ("3b", "kelembagaan", 6, Decimal("0.50")),
        ("3c", "permodalan", 5, Decimal("0.60")),
        ("3d", "aktiva", 10, Decimal("0.30")),
        ("3e", "likuiditas", 5, Decimal("0.60")),
    ]
    assert [(c.group, c.questions) for c in components] == list(MANAGEMENT_GROUPS)


@pytest.mark.parametrize("rules", RULE_SETS)
def test_zero_denominator_rules_are_those_of_the_brief(rules):
    rule_set = RULE_SETS[rules]
    special = {
        c.code: (c.if_denominator_zero.value, c.if_denominator_negative.value)
        for c in rule_set.components()
        if isinstance(c, RatioComponent)
        and (c.if_denominator_zero.value != "not_assessable" or c.if_denominator_negative.value != "ratio")
    }
    assert special == {
        "1b": ("maximum", "ratio"),
        "2c": ("maximum", "ratio"),
        "4b": ("worst", "worst"),
        "6b": ("not_assessable", "worst"),
    }


PREDICATES_2016 = [
    ("0", "dalam_pengawasan_khusus"), ("50.99", "dalam_pengawasan_khusus"), ("51.00", "dalam_pengawasan"),
    ("51.01", "dalam_pengawasan"), ("65.99", "dalam_pengawasan"), ("66.00", "cukup_sehat"),
    ("66.01", "cukup_sehat"), ("79.99", "cukup_sehat"), ("80.00", "sehat"), ("80.01", "sehat"),
    ("100", "sehat"),
    # Decision 3: the unrounded sum is banded; 79.999 would print as "80.00" and is still cukup sehat.
    ("79.999", "cukup_sehat"), ("50.9999", "dalam_pengawasan_khusus"),
]
PREDICATES_2009 = [
    ("0", "sangat_tidak_sehat"), ("19.99", "sangat_tidak_sehat"), ("20", "tidak_sehat"),
    ("20.01", "tidak_sehat"), ("39.99", "tidak_sehat"), ("40", "kurang_sehat"), ("40.01", "kurang_sehat"),
    ("59.99", "kurang_sehat"), ("60", "cukup_sehat"), ("60.01", "cukup_sehat"), ("79.99", "cukup_sehat"),
    ("80", "sehat"), ("80.01", "sehat"), ("100", "sehat"),
]


@pytest.mark.parametrize(("total", "predicate"), PREDICATES_2016)
def test_predicate_bands_2016(total, predicate):
    assert RULE_SETS["perdep-06-2016"].predicate_for(Decimal(total)).code == predicate


@pytest.mark.parametrize(("total", "predicate"), PREDICATES_2009)
def test_predicate_bands_2009(total, predicate):
    assert RULE_SETS["permen-14-2009"].predicate_for(Decimal(total)).code == predicate


def test_predicate_labels():
    assert [(g.code, g.label) for g in RULE_SETS["perdep-06-2016"].predicates] == [
        ("sehat", "Sehat"),
        ("cukup_sehat", "Cukup Sehat"),
        ("dalam_pengawasan", "Dalam Pengawasan"),
        ("dalam_pengawasan_khusus", "Dalam Pengawasan Khusus"),
    ]
    assert [g.code for g in RULE_SETS["permen-14-2009"].predicates] == [
        "sehat", "cukup_sehat", "kurang_sehat", "tidak_sehat", "sangat_tidak_sehat",
    ]


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("40 < x ≤ 60", ["40.0001", "60"], ["40", "60.0001"]),
        ("21 ≤ x ≤ 25", ["21", "25"], ["20.9999", "25.0001"]),
        ("x = 0", ["0"], ["-0.0001", "0.0001"]),
        ("x >= 75", ["75"], ["74.9999"]),
        ("x < 5", ["4.9999", "-1000"], ["5"]),
    ],
)
def test_interval_parsing(text, inside, outside):
    parsed = interval(text)
    assert all(Decimal(v) in parsed for v in inside)
    assert not any(Decimal(v) in parsed for v in outside)


@pytest.mark.parametrize("text", ["x <> 5", "60 < x ≤ 40", "0 x 10", "40 < y ≤ 60"])
def test_malformed_band_text_is_refused(text):
    with pytest.raises(ValueError):
        interval(text)


def test_overlapping_bands_are_refused_when_a_table_is_built():
    from sinergi.health.scoring.bands import band
    from sinergi.health.scoring.formulas import EQUITY_TO_ASSETS

    with pytest.raises(ValueError, match="overlap"):
        RatioComponent(
            code="9z",
            name="",
            name_en="",
            bobot=Decimal(1),
            ratio=EQUITY_TO_ASSETS,
            bands=(band("x ≤ 20", 0), band("x ≥ 20", 100)),
            source="",
        )
