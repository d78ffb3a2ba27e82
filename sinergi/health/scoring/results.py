"""What an assessment returns: frozen dataclasses that explain every number (reference.md Decision 5)
and serialise to the JSON form of the assessment.

`to_dict()` gives exactly the documented keys; `to_dict(detail=True)` adds, per component, the
inputs used, the derived quantities, the formula, the band matched, the note on any special rule and
the source table, so a supervisor can redo the score by hand and print it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from sinergi.health.scoring.decimals import display, percent, plain_number

RATIO = "ratio"
QUESTIONNAIRE = "questionnaire"


@dataclass(frozen=True)
class ComponentResult:
    """The score of one component, with everything a supervisor needs to redo it by hand (Decision 5).

    `kind` is "ratio" (a banded ratio, skor = nilai × bobot / 100) or "questionnaire" (3a–3e: nilai
    is the number of "Ya", skor = nilai × points). `ratio` is the full-precision ratio in percent
    (None for 3a–3e, for the zero-denominator rules and when not assessable). `inputs` are the
    report fields used, `derived` the quantities built from them (modal_sendiri, rpm) and
    `definitions` their formulas. `band` is the printed band matched, `note` explains any rule
    applied beyond plain banding, `missing` names the absent (or zero-denominator) fields. When not
    assessable, `ratio`, `nilai` and `skor` are all None, never 0: a missing score is not a zero
    score (Decision 6).
    """

    code: str
    kind: str
    name: str
    name_en: str
    bobot: Decimal
    assessable: bool
    ratio: Decimal | None
    nilai: int | None
    skor: Decimal | None
    inputs: Mapping[str, Decimal | tuple[bool, ...]]
    derived: Mapping[str, Decimal]
    formula: str
    definitions: tuple[str, ...]
    band: str | None
    note: str
    missing: tuple[str, ...]
    source: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "inputs", MappingProxyType(dict(self.inputs)))
        object.__setattr__(self, "derived", MappingProxyType(dict(self.derived)))
        object.__setattr__(self, "missing", tuple(self.missing))
        object.__setattr__(self, "definitions", tuple(self.definitions))

    def explain(self) -> str:
        """One line a supervisor can check by hand, e.g. "1a: … = 46.40 → 40 < x ≤ 60 → nilai 100 …"."""
        if not self.assessable:
            return (
                f"{self.code}: tidak dapat dinilai / not assessable ({self.note}): {', '.join(self.missing)}"
            )
        steps = [f"{self.code}: {self.formula}"]
        if self.ratio is not None:
            steps.append(f"= {display(self.ratio)}")
        if self.band:
            steps.append(f"→ {self.band}")
        if self.note:
            steps.append(f"({self.note})")
        if self.kind == QUESTIONNAIRE:
            steps.append(f"→ skor {display(self.skor)}")
        else:
            steps.append(
                f"→ nilai {self.nilai} × bobot {plain_number(self.bobot)} / 100 = skor {display(self.skor)}"
            )
        for definition in self.definitions:
            name = definition.split(" = ", 1)[0]
            value = f" = {plain_number(self.derived[name])}" if name in self.derived else ""
            steps.append(f"[{definition}{value}]")
        return " ".join(steps)

    def to_dict(self, detail: bool = False) -> dict:
        data = {
            "code": self.code,
            "ratio": display(self.ratio),
            "nilai": self.nilai,
            "bobot": plain_number(self.bobot),
            "skor": display(self.skor),
            "assessable": self.assessable,
        }
        if not self.assessable:
            data["missing"] = list(self.missing)
        if detail:
            data.update(
                kind=self.kind,
                name=self.name,
                name_en=self.name_en,
                inputs={k: list(v) if isinstance(v, tuple) else f"{v:f}" for k, v in self.inputs.items()},
                derived={k: plain_number(v) for k, v in self.derived.items()},
                formula=self.formula,
                definitions=list(self.definitions),
                band=self.band,
                note=self.note,
                source=self.source,
                explain=self.explain(),
            )
        return data


@dataclass(frozen=True)
class AspectResult:
    """One aspect: the sum of its assessable component scores, against its maximum (the bobot sum)."""

    code: str
    name: str
    name_en: str
    score: Decimal
    max: Decimal
    label_indicative: str | None
    components: tuple[ComponentResult, ...]

    @property
    def complete(self) -> bool:
        return all(c.assessable for c in self.components)

    @property
    def percent(self) -> Decimal:
        return percent(self.score, self.max)

    def to_dict(self, detail: bool = False) -> dict:
        data: dict = {
            "code": self.code,
            "score": display(self.score),
            "max": display(self.max),
            "label_indicative": self.label_indicative,
        }
        if detail:
            data.update(name=self.name, name_en=self.name_en, percent=display(self.percent))
        data["components"] = [c.to_dict(detail) for c in self.components]
        return data


@dataclass(frozen=True)
class Scaling:
    """How an indicative total was scaled to 100 (Decision 11)."""

    raw_total: Decimal
    applicable_max: Decimal
    factor: Decimal
    explanation: str

    def to_dict(self) -> dict:
        return {
            "raw_total": display(self.raw_total),
            "applicable_max": display(self.applicable_max),
            "factor": f"{self.factor.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP):f}",
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Assessment:
    """The result of one assessment. `total` keeps full precision; `to_dict` shows 2 decimals.

    `official` is False for the indicative score of Decision 11, which then carries `scaling`.
    """

    rules: str
    rules_name: str
    year: int | None
    total: Decimal
    predicate: str | None
    predicate_label: str | None
    predicate_label_en: str | None
    complete: bool
    aspects: tuple[AspectResult, ...]
    missing: tuple[str, ...]
    official: bool = True
    scaling: Scaling | None = None

    def components(self) -> Iterator[ComponentResult]:
        for aspect in self.aspects:
            yield from aspect.components

    def component(self, code: str) -> ComponentResult:
        for candidate in self.components():
            if candidate.code == code:
                return candidate
        raise KeyError(code)

    def aspect(self, code: str) -> AspectResult:
        for candidate in self.aspects:
            if candidate.code == code:
                return candidate
        raise KeyError(code)

    def to_dict(self, detail: bool = False) -> dict:
        """The JSON form. `detail=True` adds names, inputs, formulas, bands and notes (Decision 5)."""
        data: dict = {
            "rules": self.rules,
            "total": display(self.total),
            "predicate": self.predicate,
            "complete": self.complete,
            "aspects": [a.to_dict(detail) for a in self.aspects],
            "missing": list(self.missing),
        }
        if detail or not self.official:
            data["official"] = self.official
        if self.scaling is not None:
            data["scaling"] = self.scaling.to_dict()
        if detail:
            data["rules_name"] = self.rules_name
            data["year"] = self.year
            data["predicate_label"] = (
                None
                if self.predicate is None
                else {"id": self.predicate_label, "en": self.predicate_label_en}
            )
        return data
