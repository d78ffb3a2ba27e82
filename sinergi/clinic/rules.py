"""The clinic's rules as plain functions (no database): each returns a problem code, or None.

Every door (page, API, command, demo) reaches them through the services; the doors word the codes
in the user's language with `PROBLEMS`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

REQUESTED, ENROLLED, DIAGNOSIS, PLAN, FOLLOW_UP, CLOSED = (
    "requested",
    "enrolled",
    "diagnosis",
    "plan",
    "follow_up",
    "closed",
)
STAGE_ORDER = (REQUESTED, ENROLLED, DIAGNOSIS, PLAN, FOLLOW_UP, CLOSED)

# Which stage a step may start from, and where it leads.
TRANSITIONS = {
    "enrol": ({REQUESTED}, ENROLLED),
    "assign_team": ({ENROLLED, DIAGNOSIS}, DIAGNOSIS),
    "agree": ({DIAGNOSIS}, PLAN),
    "recommend": ({PLAN, FOLLOW_UP}, FOLLOW_UP),
    "close": ({PLAN, FOLLOW_UP}, CLOSED),
}

PROBLEMS = {
    "stage": _("Langkah ini tidak dapat dilakukan pada tahap kasus sekarang."),
    "rating_after_agreement": _(
        "Diagnosis sudah disepakati: penilaian tidak dapat ditambah atau diubah lagi."
    ),
    "rating_not_in_team": _("Hanya anggota tim diagnosis kasus ini yang dapat menilai."),
    "no_ratings": _("Diagnosis baru dapat disepakati setelah ada penilaian dari anggota tim."),
    "no_problems": _("Pilih paling sedikit satu penyakit untuk diagnosis."),
    "visit_before_enrolment": _("Tanggal kunjungan tidak boleh sebelum tanggal kasus terdaftar."),
    "visit_in_future": _("Kunjungan yang sudah dilakukan tidak boleh bertanggal di masa depan."),
    "due_before_enrolment": _("Batas waktu tidak boleh sebelum tanggal kasus terdaftar."),
    "no_outcome": _(
        "Kasus belum dapat ditutup: belum ada data sesudah pendampingan untuk mengukur hasilnya "
        "(penilaian kesehatan sesudah kasus terdaftar, atau omzet/NIB usaha yang diperbarui)."
    ),
    "empty_team": _("Tim diagnosis memerlukan paling sedikit satu pakar."),
    "closed": _("Kasus sudah selesai: tidak dapat diubah lagi."),
    "not_participant": _("Peserta klinik hanya koperasi atau UMKM."),
    "already_in_programme": _("Peserta ini sudah terdaftar di program tahun ini."),
    "target_good_above_participants": _("Target berakhir baik tidak boleh melebihi target peserta."),
    "responsible_missing": _("Sebutkan petugas/pakar atau organisasi yang bertanggung jawab."),
}


def transition_problem(step: str, stage: str) -> str | None:
    """Whether `step` may be taken at `stage`."""
    if stage == CLOSED:
        return "closed"
    allowed, _target = TRANSITIONS[step]
    return None if stage in allowed else "stage"


def next_stage(step: str) -> str:
    return TRANSITIONS[step][1]


def rating_problem(*, stage: str, agreed: bool, in_team: bool) -> str | None:
    """A team member rates while the team diagnoses: never after the diagnosis is agreed."""
    if agreed or stage in (PLAN, FOLLOW_UP, CLOSED):
        return "rating_after_agreement"
    if not in_team:
        return "rating_not_in_team"
    if stage != DIAGNOSIS:
        return "stage"
    return None


def agree_problem(*, stage: str, ratings: int, problems: int) -> str | None:
    problem = transition_problem("agree", stage)
    if problem:
        return problem
    if ratings == 0:
        return "no_ratings"
    if problems == 0:
        return "no_problems"
    return None


def visit_date_problem(
    *, enrolled_on: dt.date | None, planned_on: dt.date, visited_on: dt.date | None, today: dt.date
) -> str | None:
    """A visit (planned or made) is never dated before the case was enrolled."""
    for day in (planned_on, visited_on):
        if day is not None and enrolled_on is not None and day < enrolled_on:
            return "visit_before_enrolment"
    if visited_on is not None and visited_on > today:
        return "visit_in_future"
    return None


def programme_problem(*, target_participants: int, target_good: int) -> str | None:
    return "target_good_above_participants" if target_good > target_participants else None


# --- disagreement between raters ------------------------------------------------------------


@dataclass(frozen=True)
class Disagreement:
    """How far the raters differ: problems named by some but not all, and the severity spread."""

    shared: frozenset
    disputed: frozenset
    severity_min: int
    severity_max: int

    @property
    def any(self) -> bool:
        return bool(self.disputed) or self.severity_max != self.severity_min


def disagreement(ratings: list[tuple[int, frozenset]]) -> Disagreement | None:
    """`ratings` is (severity, problem ids) per rater; None when fewer than two raters."""
    if len(ratings) < 2:
        return None
    sets = [problems for _severity, problems in ratings]
    shared = frozenset.intersection(*sets)
    union = frozenset.union(*sets)
    severities = [severity for severity, _problems in ratings]
    return Disagreement(shared, union - shared, min(severities), max(severities))


# --- low health components --------------------------------------------------------------------

LOW_SHARE = Decimal("0.5")


def low_components(scores: dict[str, str | None], weights: dict[str, Decimal]) -> list[str]:
    """The components that earned less than half their weight (bobot), in the order given."""
    low = []
    for code, skor in scores.items():
        weight = weights.get(code)
        if skor is None or not weight:
            continue
        if Decimal(skor) < weight * LOW_SHARE:
            low.append(code)
    return low


# --- outcome ---------------------------------------------------------------------------------

IMPROVED, UNCHANGED, WORSE = "improved", "unchanged", "worse"


@dataclass(frozen=True)
class GoodSetting:
    """A programme's meaning of "good" (see `Programme`)."""

    predicate_steps: int = 1
    requires_rat: bool = True
    sales_growth_pct: Decimal = Decimal("10")


@dataclass(frozen=True)
class CooperativeOutcome:
    """Ranks count from 0 for the best predicate of the rule set (Sehat); None when not scored."""

    before_rank: int | None
    after_rank: int | None
    after_sound: bool
    rat_up_to_date: bool


@dataclass(frozen=True)
class BusinessOutcome:
    sales_before: Decimal | None
    sales_after: Decimal | None
    nib_before: bool
    nib_after: bool
    goal_kind: str  # "sales" or "legality"
    goal_sales_pct: Decimal | None


@dataclass(frozen=True)
class Verdict:
    result: str
    good: bool


def cooperative_verdict(o: CooperativeOutcome, setting: GoodSetting) -> Verdict | None:
    """Improved, unchanged or worse by the predicate; good when it ends sound or enough predicates
    better, with its RAT up to date where the programme asks it. None: nothing measured after."""
    if o.after_rank is None:
        return None
    if o.before_rank is None:
        result = IMPROVED if o.after_sound else UNCHANGED
        steps = 0
    else:
        steps = o.before_rank - o.after_rank
        result = IMPROVED if steps > 0 else WORSE if steps < 0 else UNCHANGED
    good = (o.after_sound or steps >= setting.predicate_steps) and (
        o.rat_up_to_date or not setting.requires_rat
    )
    return Verdict(result, good)


def sales_growth(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    """Sales change in percent, two decimals; None without both figures or from zero."""
    if before is None or after is None or before <= 0:
        return None
    return ((after - before) * 100 / before).quantize(Decimal("0.01"))


def business_verdict(o: BusinessOutcome, setting: GoodSetting) -> Verdict | None:
    """A UMKM is good when it reached its plan's goal: sales up by the agreed percentage (the
    programme's by default), or the legality obtained."""
    growth = sales_growth(o.sales_before, o.sales_after)
    legality_gained = o.nib_after and not o.nib_before
    if growth is None and not legality_gained and o.goal_kind != "legality":
        return None
    if o.goal_kind == "legality" and growth is None and not legality_gained and not o.nib_after:
        return Verdict(UNCHANGED, False)
    if growth is not None and growth < 0 and not legality_gained:
        result = WORSE
    elif (growth is not None and growth > 0) or legality_gained:
        result = IMPROVED
    else:
        result = UNCHANGED
    if o.goal_kind == "legality":
        good = o.nib_after
    else:
        target = o.goal_sales_pct if o.goal_sales_pct is not None else setting.sales_growth_pct
        good = growth is not None and growth >= target
    return Verdict(result, good)
