"""The selection rule of a warung aid programme (a pure module: no Django, no database).

1. Each eligible application gets a score: Σ weight × criterion value, each value already
   normalised to 0–1, rounded to 6 decimals (half up) before ranking.
2. Applications are ranked by score, highest first; ties go to the earlier application, then to
   the lower id.
3. Walking down the ranking, an application is selected when its package still has stock and the
   remaining budget covers the package's unit cost. Otherwise it is skipped, with the reason
   `stock` when its package has none left, else `budget`, and the walk goes on.
4. Ineligible applications (`eligibility.reasons`) are never selected and keep their reasons.

`sinergi assistance_select PATH --json` runs it on a JSON document (`from_dict` / `to_dict`), the
API and the programme page run it on the stored applications: the same function every time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sinergi.assistance import eligibility

SIX_PLACES = Decimal("0.000001")
STOCK = "stock"
BUDGET = "budget"


@dataclass(frozen=True)
class Package:
    id: int
    unit_cost: Decimal
    stock: int


@dataclass(frozen=True)
class Applicant:
    id: int
    package: int
    region: str
    scale: str
    months_operating: int
    aided_recently: bool
    nik_valid: bool
    applied_at: dt.datetime
    criteria: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    budget: Decimal
    target_regions: tuple[str, ...]
    max_scale: str
    min_months_operating: int
    weights: Mapping[str, Decimal]


@dataclass(frozen=True)
class Selected:
    application: int
    package: int
    score: Decimal


@dataclass(frozen=True)
class Skipped:
    application: int
    reason: str
    score: Decimal


@dataclass(frozen=True)
class Ineligible:
    application: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    selected: tuple[Selected, ...]
    skipped: tuple[Skipped, ...]
    ineligible: tuple[Ineligible, ...]
    budget_left: Decimal
    stock_left: Mapping[int, int]


class InputError(ValueError):
    """Input the rule cannot run on, with one line per problem."""

    def __init__(self, message: str, details: list[str]):
        super().__init__(message)
        self.message = message
        self.details = details


def score(weights: Mapping[str, Decimal], criteria: Mapping[str, Decimal]) -> Decimal:
    """Σ weight × value over the weighted criteria (a missing value counts 0), to 6 decimals."""
    total = sum((Decimal(w) * Decimal(criteria.get(name, 0)) for name, w in weights.items()), Decimal(0))
    return total.quantize(SIX_PLACES, rounding=ROUND_HALF_UP)


def reasons_of(settings: Settings, applicant: Applicant) -> list[str]:
    return eligibility.reasons(
        region=applicant.region,
        target_regions=settings.target_regions,
        scale=applicant.scale,
        max_scale=settings.max_scale,
        months_operating=applicant.months_operating,
        min_months=settings.min_months_operating,
        aided_recently=applicant.aided_recently,
        nik_valid=applicant.nik_valid,
    )


def select(settings: Settings, packages: list[Package], applicants: list[Applicant]) -> Result:
    """Run the rule. Every applicant's package must be one of `packages`."""
    by_id = {p.id: p for p in packages}
    unknown = sorted({a.package for a in applicants} - set(by_id))
    if unknown:
        raise InputError("Paket tidak dikenal / Unknown package", [str(pk) for pk in unknown])
    ineligible, ranked = [], []
    for applicant in applicants:
        found = reasons_of(settings, applicant)
        if found:
            ineligible.append(Ineligible(applicant.id, tuple(found)))
        else:
            ranked.append((score(settings.weights, applicant.criteria), applicant))
    ranked.sort(key=lambda item: (-item[0], item[1].applied_at, item[1].id))
    budget_left = Decimal(settings.budget)
    stock_left = {p.id: p.stock for p in packages}
    selected, skipped = [], []
    for value, applicant in ranked:
        package = by_id[applicant.package]
        if stock_left[package.id] <= 0:
            skipped.append(Skipped(applicant.id, STOCK, value))
        elif package.unit_cost > budget_left:
            skipped.append(Skipped(applicant.id, BUDGET, value))
        else:
            stock_left[package.id] -= 1
            budget_left -= package.unit_cost
            selected.append(Selected(applicant.id, package.id, value))
    ineligible.sort(key=lambda item: item.application)
    return Result(tuple(selected), tuple(skipped), tuple(ineligible), budget_left, stock_left)


# --- the JSON door ----------------------------------------------------------------------------


def _decimal(value, where: str, problems: list[str]) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        problems.append(f"{where}: bukan angka desimal / not a decimal")
        return Decimal(0)
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        problems.append(f"{where}: bukan angka desimal / not a decimal")
        return Decimal(0)
    if not number.is_finite():
        problems.append(f"{where}: bukan angka desimal / not a decimal")
        return Decimal(0)
    return number


def _int(value, where: str, problems: list[str]) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(f"{where}: bukan bilangan bulat / not an integer")
        return 0
    return value


def _bool(value, where: str, problems: list[str]) -> bool:
    if not isinstance(value, bool):
        problems.append(f"{where}: bukan true/false / not a boolean")
        return False
    return value


def _str(value, where: str, problems: list[str]) -> str:
    if not isinstance(value, str):
        problems.append(f"{where}: bukan teks / not a string")
        return ""
    return value


def _unit(value, where: str, problems: list[str]) -> Decimal:
    number = _decimal(value, where, problems)
    if not Decimal(0) <= number <= Decimal(1):
        problems.append(f"{where}: harus antara 0 dan 1 / must lie between 0 and 1")
    return number


def from_dict(data) -> tuple[Settings, list[Package], list[Applicant]]:
    """Read the command's input document; every problem is reported at once."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise InputError("Masukan harus objek JSON / The input must be a JSON object", [])
    missing = [
        key
        for key in ("budget", "target_regions", "max_scale", "min_months_operating", "weights", "packages",
                    "applications")
        if key not in data
    ]  # fmt: skip
    if missing:
        raise InputError("Kolom wajib tidak ada / Missing keys", missing)
    budget = _decimal(data["budget"], "budget", problems)
    if budget < 0:
        problems.append("budget: tidak boleh negatif / must not be negative")
    regions = data["target_regions"]
    if not isinstance(regions, list) or not all(isinstance(r, str) for r in regions):
        problems.append("target_regions: daftar kode wilayah / a list of region codes")
        regions = []
    max_scale = data["max_scale"]
    if max_scale not in ("mikro", "kecil"):
        problems.append('max_scale: "mikro" atau "kecil" / "mikro" or "kecil"')
    min_months = _int(data["min_months_operating"], "min_months_operating", problems)
    weights: dict[str, Decimal] = {}
    if not isinstance(data["weights"], dict):
        problems.append("weights: objek kriteria → bobot / an object criterion → weight")
    else:
        for name, raw in data["weights"].items():
            weight = weights[name] = _decimal(raw, f"weights.{name}", problems)
            if weight < 0:
                problems.append(f"weights.{name}: tidak boleh negatif / must not be negative")
    packages: list[Package] = []
    for i, raw in enumerate(data["packages"] if isinstance(data["packages"], list) else [None]):
        where = f"packages[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: objek paket / a package object")
            continue
        package = Package(
            id=_int(raw.get("id"), f"{where}.id", problems),
            unit_cost=_decimal(raw.get("unit_cost"), f"{where}.unit_cost", problems),
            stock=_int(raw.get("stock"), f"{where}.stock", problems),
        )
        if package.unit_cost <= 0:
            problems.append(f"{where}.unit_cost: harus lebih dari 0 / must be above 0")
        if package.stock < 0:
            problems.append(f"{where}.stock: tidak boleh negatif / must not be negative")
        packages.append(package)
    if len({p.id for p in packages}) != len(packages):
        problems.append("packages: id ganda / duplicate ids")
    applicants: list[Applicant] = []
    raw_apps = data["applications"]
    for i, raw in enumerate(raw_apps if isinstance(raw_apps, list) else [None]):
        where = f"applications[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: objek permohonan / an application object")
            continue
        applied_raw = _str(raw.get("applied_at"), f"{where}.applied_at", problems)
        try:
            applied_at = dt.datetime.fromisoformat(applied_raw)
            if applied_at.tzinfo is None:
                applied_at = applied_at.replace(tzinfo=dt.UTC)
        except ValueError:
            if applied_raw:
                problems.append(f"{where}.applied_at: bukan tanggal-waktu ISO / not an ISO datetime")
            applied_at = dt.datetime.min.replace(tzinfo=dt.UTC)
        criteria_raw = raw.get("criteria", {})
        criteria = {}
        if not isinstance(criteria_raw, dict):
            problems.append(f"{where}.criteria: objek / an object")
        else:
            criteria = {k: _unit(v, f"{where}.criteria.{k}", problems) for k, v in criteria_raw.items()}
        scale = _str(raw.get("scale"), f"{where}.scale", problems)
        if scale and scale not in ("mikro", "kecil", "menengah"):
            problems.append(f'{where}.scale: "mikro", "kecil" atau "menengah"')
        applicants.append(
            Applicant(
                id=_int(raw.get("id"), f"{where}.id", problems),
                package=_int(raw.get("package"), f"{where}.package", problems),
                region=_str(raw.get("region"), f"{where}.region", problems),
                scale=scale,
                months_operating=_int(raw.get("months_operating"), f"{where}.months_operating", problems),
                aided_recently=_bool(raw.get("aided_recently"), f"{where}.aided_recently", problems),
                nik_valid=_bool(raw.get("nik_valid"), f"{where}.nik_valid", problems),
                applied_at=applied_at,
                criteria=criteria,
            )
        )
    if len({a.id for a in applicants}) != len(applicants):
        problems.append("applications: id ganda / duplicate ids")
    if problems:
        raise InputError("Masukan tidak valid / Invalid input", problems)
    settings = Settings(budget, tuple(regions), max_scale, min_months, weights)
    return settings, packages, applicants


def to_dict(result: Result) -> dict:
    """The answer of the API and the command: scores and money as decimal strings."""
    return {
        "selected": [
            {"application": s.application, "package": s.package, "score": str(s.score)}
            for s in result.selected
        ],
        "skipped": [{"application": s.application, "reason": s.reason} for s in result.skipped],
        "ineligible": [{"application": i.application, "reasons": list(i.reasons)} for i in result.ineligible],
        "budget_left": str(result.budget_left),
        "stock_left": {str(pk): n for pk, n in sorted(result.stock_left.items())},
    }
