"""The official cooperative health assessment: a report and a rule set in, an explained score out.

Implements the 7-aspect method of Perdep 06/Per/Dep.6/IV/2016 and Permen KUKM 14/2009 for
savings-and-loan cooperatives (KSP/USP) as decided in reference.md:

- ratios in percent with full `Decimal` precision; banding on the full-precision ratio, display
  rounded to 2 decimals half up (Decisions 2, 9);
- a ratio ≤ 0 in 1a or 1b scores nilai 0 (Decision 9);
- zero denominators: 1b and 2c score the maximum with a null ratio (nothing at risk, Decision 10),
  4b with shu_kotor ≤ 0 the worst band, every other one makes the component not assessable with
  the zero field named, as missing inputs do (Decision 6);
- the total is the sum of the component scores, the predicate is banded on that unrounded sum
  (Decision 3) and null while any component is not assessable (Decision 10);
- per-aspect labels are indicative: aspect score as % of its maximum, banded like the total
  (Decision 4), null while a component of the aspect is not assessable;
- every component result carries its inputs, formula, band, nilai, bobot and skor (Decision 5).

A component that is not assessable has `ratio`, `nilai` and `skor` all null (never "0.00": a
missing score is not a zero score, Decision 6) and names what is missing or zero in `missing`.

`assess_indicative` gives the unofficial score of Decision 11 for cooperatives without a
savings-and-loan business.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from sinergi.health.scoring.decimals import display, percent, plain_number
from sinergi.health.scoring.definitions import (
    Aspect,
    Component,
    Derived,
    NegativeDenominator,
    QuestionnaireComponent,
    RatioComponent,
    RuleSet,
    Term,
    ZeroDenominator,
)
from sinergi.health.scoring.report import Report, ReportError, ScoringError
from sinergi.health.scoring.results import (
    QUESTIONNAIRE,
    RATIO,
    AspectResult,
    Assessment,
    ComponentResult,
    Scaling,
)
from sinergi.health.scoring.rule_sets import DEFAULT_RULES, get_rule_set

# ---------------------------------------------------------------------------------------------
# Public entry points


def assess(report: Report | Mapping, rules: str | RuleSet = DEFAULT_RULES) -> Assessment:
    """Score a report (a `Report` or a dict in the input schema) with a rule set (code or object).

    Raises `ReportError` for invalid input — including figures whose ratio lies outside every band
    of a table (1a above 100 %: equity larger than total assets), reported under the component code
    — and `ScoringError` for an unknown rule set.
    """
    rule_set = get_rule_set(rules)
    report = Report.from_dict(report)
    aspects = tuple(_assess_aspect(rule_set, aspect, report) for aspect in rule_set.aspects)
    total = sum((a.score for a in aspects), Decimal(0))
    return _assessment(rule_set, report, aspects, total, official=True, scaling=None)


def assess_indicative(report: Report | Mapping, rules: str | RuleSet = DEFAULT_RULES) -> Assessment:
    """The unofficial score of a cooperative without a savings-and-loan business (Decision 11).

    Perdep 06/2016 only covers KSP/USP. Until the KKPKK rule set exists, other cooperatives get the
    components that apply to any cooperative (the rule set's `indicative_components`: 1a, 3a–3e, 4b,
    5a, 6a, 6b, 6c, 7a, 7b), and their summed score is scaled to 100 by 100 / (sum of their
    bobot) — 100 / 55 for both rule sets here. The result has `official=False` and a `scaling`
    that states the factor; aspects without an applicable component are left out, the others keep
    only their applicable components (and their maximum shrinks with them).
    """
    rule_set = get_rule_set(rules)
    report = Report.from_dict(report)
    applicable = set(rule_set.indicative_components)
    aspects = []
    for aspect in rule_set.aspects:
        components = tuple(c for c in aspect.components if c.code in applicable)
        if components:
            reduced = Aspect(aspect.code, aspect.name, aspect.name_en, components)
            aspects.append(_assess_aspect(rule_set, reduced, report))
    raw_total = sum((a.score for a in aspects), Decimal(0))
    applicable_max = sum((a.max for a in aspects), Decimal(0))
    factor = Decimal(100) / applicable_max
    codes = ", ".join(rule_set.indicative_components)
    divisor = plain_number(applicable_max)
    scaling = Scaling(
        raw_total=raw_total,
        applicable_max=applicable_max,
        factor=factor,
        explanation=(
            f"Skor indikatif, bukan penilaian resmi: jumlah skor komponen yang berlaku untuk semua koperasi"
            f" ({codes}) × 100 / {divisor} / Indicative, unofficial score: the sum of the scores of the"
            f" components that apply to any cooperative ({codes}) × 100 / {divisor}"
            " (reference.md Decision 11)"
        ),
    )
    total = percent(raw_total, applicable_max)
    return _assessment(rule_set, report, tuple(aspects), total, official=False, scaling=scaling)


def assess_documents(
    data, *, rules: str | RuleSet = DEFAULT_RULES, indicative: bool = False
) -> list[Assessment]:
    """Assess one report object or a list of them, as decoded from a JSON document.

    Every report is checked before anything is returned; a `ScoringError` lists the problems of all
    of them, each prefixed with the report's position ("[2] kas: …") when `data` is a list.
    """
    rule_set = get_rule_set(rules)
    score = assess_indicative if indicative else assess
    items = data if isinstance(data, list) else [data]
    results, problems = [], []
    for position, item in enumerate(items):
        try:
            results.append(score(item, rule_set))
        except ReportError as exc:
            prefix = f"[{position}] " if isinstance(data, list) else ""
            problems.extend(prefix + line for line in exc.detail)
    if problems:
        raise ScoringError("Laporan tidak valid / Invalid report", problems)
    return results


# ---------------------------------------------------------------------------------------------
# Internals


def _assessment(
    rule_set: RuleSet,
    report: Report,
    aspects: tuple[AspectResult, ...],
    total: Decimal,
    *,
    official: bool,
    scaling: Scaling | None,
) -> Assessment:
    complete = all(a.complete for a in aspects)
    # Decision 3: the predicate bands the unrounded total; Decision 10: none while incomplete.
    grade = rule_set.predicate_for(total) if complete else None
    missing = sorted({name for a in aspects for c in a.components for name in c.missing})
    return Assessment(
        rules=rule_set.code,
        rules_name=rule_set.name,
        year=report.year,
        total=total,
        predicate=grade.code if grade else None,
        predicate_label=grade.label if grade else None,
        predicate_label_en=grade.label_en if grade else None,
        complete=complete,
        aspects=aspects,
        missing=tuple(missing),
        official=official,
        scaling=scaling,
    )


def _assess_aspect(rule_set: RuleSet, aspect: Aspect, report: Report) -> AspectResult:
    components = tuple(_assess_component(c, report) for c in aspect.components)
    score = sum((c.skor for c in components if c.skor is not None), Decimal(0))
    label = None
    if all(c.assessable for c in components):
        # Decision 4: indicative only; the same bands as the total on the aspect's percentage.
        label = rule_set.predicate_for(percent(score, aspect.max)).code
    return AspectResult(aspect.code, aspect.name, aspect.name_en, score, aspect.max, label, components)


def _assess_component(component: Component, report: Report) -> ComponentResult:
    if isinstance(component, QuestionnaireComponent):
        return _assess_questionnaire(component, report)
    return _assess_ratio(component, report)


def _assess_questionnaire(component: QuestionnaireComponent, report: Report) -> ComponentResult:
    field = f"manajemen.{component.group}"
    answers = report.answers(component.group)
    formula = f"skor = jumlah Ya × {component.points} (number of Ya answers × {component.points})"
    if answers is None:
        return _not_assessable(component, formula, None, [field], "jawaban belum lengkap / answers missing")
    yes = sum(answers)
    return ComponentResult(
        code=component.code,
        kind=QUESTIONNAIRE,
        name=component.name,
        name_en=component.name_en,
        bobot=component.bobot,
        assessable=True,
        ratio=None,
        nilai=yes,
        skor=yes * component.points,
        inputs={field: answers},
        derived={},
        formula=formula,
        definitions=(),
        band=None,
        note=f"{yes} Ya dari {component.questions} pertanyaan / {yes} of {component.questions} answered Ya",
        missing=(),
        source=component.source,
    )


class _Inputs:
    """Collects the fields a ratio reads, the quantities it derives, and what is missing."""

    def __init__(self, report: Report):
        self.report = report
        self.inputs: dict[str, Decimal] = {}
        self.derived: dict[str, Decimal] = {}
        self.definitions: list[str] = []
        self.missing: list[str] = []
        # Derived quantities that could not be built but that the report may state directly.
        self.could_be_given: list[str] = []

    def value(self, term: Term) -> Decimal | None:
        if isinstance(term, Derived):
            return self._derive(term)
        amount = self.report.amount(term)
        if amount is None:
            self.missing.append(term)
        else:
            self.inputs[term] = amount
        return amount

    def _derive(self, derived: Derived) -> Decimal | None:
        if derived.given_field is not None:
            given = self.report.amount(derived.given_field)
            if given is not None:
                self.inputs[derived.given_field] = given
                return given
        if derived.text not in self.definitions:
            self.definitions.append(derived.text)
        parts = [(coefficient, self.value(name)) for coefficient, name in derived.terms]
        if any(value is None for _, value in parts):
            if derived.given_field is not None and derived.given_field not in self.could_be_given:
                self.could_be_given.append(derived.given_field)
            return None
        total = sum((coefficient * value for coefficient, value in parts), Decimal(0))
        self.derived[derived.name] = total
        return total

    def sum(self, terms: tuple[Term, ...]) -> Decimal | None:
        values = [self.value(term) for term in terms]
        if any(value is None for value in values):
            return None
        return sum(values, Decimal(0))


def _term_names(terms: tuple[Term, ...]) -> list[str]:
    return [term.name if isinstance(term, Derived) else term for term in terms]


def _assess_ratio(component: RatioComponent, report: Report) -> ComponentResult:
    collected = _Inputs(report)
    numerator = collected.sum(component.ratio.numerator)
    denominator = collected.sum(component.ratio.denominator)
    formula = component.ratio.text
    if numerator is None or denominator is None:
        note = "data tidak lengkap / missing data (Decision 6)"
        for name in collected.could_be_given:
            note += f"; {name} dapat diisi langsung / {name} may be given directly"
        return _not_assessable(component, formula, collected, collected.missing, note)

    denominator_names = _term_names(component.ratio.denominator)
    denominator_text = " + ".join(denominator_names)

    def scored(nilai: int, *, ratio: Decimal | None, band: str | None, note: str) -> ComponentResult:
        return ComponentResult(
            code=component.code,
            kind=RATIO,
            name=component.name,
            name_en=component.name_en,
            bobot=component.bobot,
            assessable=True,
            ratio=ratio,
            nilai=nilai,
            skor=nilai * component.bobot / 100,
            inputs=collected.inputs,
            derived=collected.derived,
            formula=formula,
            definitions=collected.definitions,
            band=band,
            note=note,
            missing=(),
            source=component.source,
        )

    worst = component.worst_band
    if denominator == 0:
        if component.if_denominator_zero is ZeroDenominator.MAXIMUM:
            if component.non_positive_numerator_scores_zero and numerator <= 0:
                numerator_text = " + ".join(_term_names(component.ratio.numerator))
                return scored(
                    0,
                    ratio=None,
                    band=None,
                    note=f"{denominator_text} = 0 dan/and {numerator_text} ≤ 0: nilai 0 (Decision 9)",
                )
            return scored(
                component.top_nilai,
                ratio=None,
                band=None,
                note=(
                    f"{denominator_text} = 0: tidak ada yang berisiko, nilai maksimum / "
                    "nothing at risk, maximum nilai (Decision 10)"
                ),
            )
        if component.if_denominator_zero is ZeroDenominator.WORST:
            return scored(
                worst.nilai,
                ratio=None,
                band=worst.text,
                note=f"{denominator_text} ≤ 0: pita terburuk / worst band",
            )
        return _not_assessable(
            component,
            formula,
            collected,
            denominator_names,
            f"{denominator_text} = 0: rasio tidak terdefinisi / ratio undefined (Decision 6)",
        )
    if denominator < 0 and component.if_denominator_negative is NegativeDenominator.WORST:
        return scored(
            worst.nilai,
            ratio=None,
            band=worst.text,
            note=(
                f"{denominator_text} < 0: rasio tidak bermakna, pita terburuk / meaningless ratio, worst band"
            ),
        )

    ratio = percent(numerator, denominator)
    matched = component.band_for(ratio)
    if matched is None:
        # Only inconsistent figures get here (equity larger than total assets): refuse them rather
        # than guess a score the regulation does not print.
        names = ", ".join(sorted(collected.inputs))
        raise ReportError(
            {
                component.code: (
                    f"rasio {display(ratio)} % di luar tabel ({component.ratio.text}); periksa {names} / "
                    f"ratio {display(ratio)} % lies outside the table ({component.ratio.text}); check {names}"
                )
            }
        )
    return scored(matched.nilai, ratio=ratio, band=matched.text, note=matched.note)


def _not_assessable(
    component: Component,
    formula: str,
    collected: _Inputs | None,
    missing: list[str],
    note: str,
) -> ComponentResult:
    return ComponentResult(
        code=component.code,
        kind=QUESTIONNAIRE if isinstance(component, QuestionnaireComponent) else RATIO,
        name=component.name,
        name_en=component.name_en,
        bobot=component.bobot,
        assessable=False,
        ratio=None,
        nilai=None,
        skor=None,
        inputs=collected.inputs if collected else {},
        derived=collected.derived if collected else {},
        formula=formula,
        definitions=collected.definitions if collected else (),
        band=None,
        note=note,
        missing=tuple(sorted(set(missing))),
        source=component.source,
    )
