"""The shapes a rule set is written in: formulas, components, aspects, predicates.

A rule set module (`rules_perdep_06_2016.py`, `rules_permen_14_2009.py`) builds one `RuleSet` out
of these dataclasses and nothing else, so its tables are data that can be read against the
regulation (reference.md Decision 1). The engine (`engine.py`) is the only code that interprets
them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sinergi.health.scoring.bands import Band, Interval, check_disjoint, interval


@dataclass(frozen=True)
class Derived:
    """A quantity built from report fields: Σ coefficient × field.

    `given_field` names a report field that, when present, is used as is instead of the derivation
    (the report may state `modal_sendiri` directly). Any missing term makes the derived value
    missing (Decision 10).
    """

    name: str
    terms: tuple[tuple[Decimal, str], ...]
    text: str
    given_field: str | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.terms)


# A term of a ratio is either a report field (by name) or a derived quantity.
Term = str | Derived


@dataclass(frozen=True)
class Ratio:
    """(Σ numerator) / (Σ denominator) × 100, the form of every ratio component of §1.3."""

    numerator: tuple[Term, ...]
    denominator: tuple[Term, ...]
    text: str


class ZeroDenominator(StrEnum):
    """What a component scores when its denominator is zero."""

    # Decision 6: the ratio does not exist, so the component is not assessable.
    NOT_ASSESSABLE = "not_assessable"
    # 1b and 2c: nothing at risk, the best a cooperative can be; ratio null, top nilai (Decision 10).
    MAXIMUM = "maximum"
    # 4b: no gross SHU to carry the operating costs is the worst case, not an unknown one.
    WORST = "worst"


class NegativeDenominator(StrEnum):
    """What a component scores when its denominator is below zero."""

    # Compute the ratio as printed; the tables cover it (most denominators cannot be negative).
    RATIO = "ratio"
    # A negative denominator would flip the ratio's meaning (a loss of −100 over costs of 50 would
    # look like an excellent −50 %); score the worst band instead.
    WORST = "worst"


@dataclass(frozen=True)
class RatioComponent:
    """A component scored by banding a ratio in percent: skor = nilai × bobot / 100 (§1.2)."""

    code: str
    name: str
    name_en: str
    bobot: Decimal
    ratio: Ratio
    bands: tuple[Band, ...]
    source: str
    if_denominator_zero: ZeroDenominator = ZeroDenominator.NOT_ASSESSABLE
    if_denominator_negative: NegativeDenominator = NegativeDenominator.RATIO
    # Decision 9: equity ≤ 0 scores nilai 0, also when the denominator is zero (1b with no risky
    # loans still earns nothing for capital the cooperative does not have).
    non_positive_numerator_scores_zero: bool = False

    def __post_init__(self) -> None:
        check_disjoint(tuple(b.interval for b in self.bands), f"component {self.code}")

    def band_for(self, ratio: Decimal) -> Band | None:
        for candidate in self.bands:
            if ratio in candidate.interval:
                return candidate
        return None

    @property
    def worst_band(self) -> Band:
        return min(self.bands, key=lambda b: b.nilai)

    @property
    def top_nilai(self) -> int:
        return max(b.nilai for b in self.bands)


@dataclass(frozen=True)
class QuestionnaireComponent:
    """A management component (3a–3e): each "Ya" earns `points`; nilai is the number of "Ya".

    `group` is the key of the answers in the report (`manajemen.<group>`).
    """

    code: str
    name: str
    name_en: str
    bobot: Decimal
    group: str
    questions: int
    points: Decimal
    source: str

    def __post_init__(self) -> None:
        if self.questions * self.points != self.bobot:
            raise ValueError(
                f"component {self.code}: {self.questions} × {self.points} is not its bobot {self.bobot}"
            )


Component = RatioComponent | QuestionnaireComponent


@dataclass(frozen=True)
class Aspect:
    code: str
    name: str
    name_en: str
    components: tuple[Component, ...]

    @property
    def max(self) -> Decimal:
        return sum((c.bobot for c in self.components), Decimal(0))


@dataclass(frozen=True)
class Grade:
    """A predicate (predikat): totals in `interval` earn it. `code` is what the JSON carries."""

    code: str
    label: str
    label_en: str
    interval: Interval


def grade(text: str, code: str, label: str, label_en: str) -> Grade:
    return Grade(code, label, label_en, interval(text))


@dataclass(frozen=True)
class RuleSet:
    """A complete assessment method: aspects with their components, and the predicate bands.

    `indicative_components` are the components that apply to any cooperative, used for the
    unofficial score of a cooperative without a savings-and-loan business (Decision 11).

    `version` names this edition of the tables. Every stored assessment records it next to `code`,
    because the explanation of an assessment is computed again from its inputs when it is shown:
    raise it whenever a band, a weight, a formula or a predicate changes, so an assessment scored
    under the old tables is recognised as such.
    """

    code: str
    name: str
    regulation: str
    aspects: tuple[Aspect, ...]
    predicates: tuple[Grade, ...]
    indicative_components: tuple[str, ...]
    version: str = "1"

    def __post_init__(self) -> None:
        check_disjoint(tuple(g.interval for g in self.predicates), f"{self.code} predicates")
        codes = [c.code for c in self.components()]
        if len(codes) != len(set(codes)):
            raise ValueError(f"{self.code}: duplicate component codes")
        unknown = set(self.indicative_components) - set(codes)
        if unknown:
            raise ValueError(f"{self.code}: unknown indicative components {sorted(unknown)}")

    def components(self) -> Iterator[Component]:
        for aspect in self.aspects:
            yield from aspect.components

    def component(self, code: str) -> Component:
        for candidate in self.components():
            if candidate.code == code:
                return candidate
        raise KeyError(code)

    @property
    def max(self) -> Decimal:
        return sum((a.max for a in self.aspects), Decimal(0))

    def predicate_for(self, total: Decimal) -> Grade:
        for candidate in self.predicates:
            if total in candidate.interval:
                return candidate
        raise ValueError(f"{self.code}: no predicate band holds {total}")

    def grade(self, code: str) -> Grade:
        for candidate in self.predicates:
            if candidate.code == code:
                return candidate
        raise KeyError(code)
