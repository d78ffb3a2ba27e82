"""The rules of supervision, as plain functions of a cooperative's facts (no database).

- RAT compliance (reference.md §4.2, Decision 8): the RAT of tahun buku Y is due by the end of the
  month SINERGI_RAT_DUE_MONTHS (6) after the books close. A cooperative is *overdue* when the RAT of
  the latest tahun buku whose deadline has passed is not recorded — no RAT recorded after that
  year's books closed. It is *pending* while the RAT of the last closed year is not recorded but
  still within its deadline.
- Inactivity (Decision 8, §4.3): `registry.activity.cooperative_activity`, the one definition the
  registry's activity page applies too — no RAT for SINERGI_INACTIVE_AFTER_YEARS (3) years counts as
  inactive, the last of those years as a warning, a cooperative founded within those years without
  any RAT yet is *new*; a status the office set ("tidak aktif", "dibekukan") is inactive as it
  stands, and "aktif" or "belum diketahui" are decided by the last RAT.
- The three pillars of the Kampung Koperasi programme, first match wins: reorientation (a status
  the office set, inactive by the rule, or RAT overdue), rehabilitation (latest predicate Dalam
  Pengawasan / Dalam
  Pengawasan Khusus, or Kurang Sehat / Tidak Sehat / Sangat Tidak Sehat under the 2009 rules),
  development (Sehat / Cukup Sehat); active cooperatives without a predicate are "belum dinilai".
- The early-warning risk signals and their weights (`SIGNALS`).
- The deadlines of a dissolution case (UU 25/1992 Pasal 47(2)–(4)).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from sinergi.health.supervision.dates import (
    add_months,
    financial_year_end,
    last_closed_year,
    last_due_year,
    rat_due_date,
)
from sinergi.registry import activity as shared_activity
from sinergi.registry.activity import activity_window, cooperative_activity, decided_by_evidence

OVERDUE, PENDING, RECORDED = "overdue", "pending", "recorded"
# The activity states of the shared rule, under the names supervision's pages and tests use.
ACTIVE, WARNING, NEW, INACTIVE = (
    shared_activity.ACTIVE,
    shared_activity.WARNING,
    shared_activity.NEW,
    shared_activity.INACTIVE,
)
REORIENTATION, REHABILITATION, DEVELOPMENT, UNASSESSED = (
    "reorientasi",
    "rehabilitasi",
    "pengembangan",
    "belum_dinilai",
)
PILLARS = (
    (REORIENTATION, _("Reorientasi")),
    (REHABILITATION, _("Rehabilitasi")),
    (DEVELOPMENT, _("Pengembangan")),
    (UNASSESSED, _("Belum dinilai")),
)
PILLAR_RULES = (
    (
        REORIENTATION,
        _(
            "Koperasi tidak berstatus aktif, tidak mengadakan RAT selama batas tahun tidak aktif, atau RAT "
            "tahun buku terakhir lewat jatuh tempo."
        ),
    ),
    (
        REHABILITATION,
        _(
            "Predikat penilaian terakhir Dalam Pengawasan atau Dalam Pengawasan Khusus (Perdep 06/2016), "
            "atau Kurang Sehat, Tidak Sehat, Sangat Tidak Sehat (Permen 14/2009)."
        ),
    ),
    (DEVELOPMENT, _("Predikat penilaian terakhir Sehat atau Cukup Sehat.")),
    (UNASSESSED, _("Koperasi aktif yang belum punya penilaian lengkap.")),
)
WEAK_PREDICATES = frozenset(
    {"dalam_pengawasan", "dalam_pengawasan_khusus", "kurang_sehat", "tidak_sehat", "sangat_tidak_sehat"}
)
SOUND_PREDICATES = frozenset({"sehat", "cukup_sehat"})
WORST_PREDICATES = frozenset({"dalam_pengawasan_khusus", "tidak_sehat", "sangat_tidak_sehat"})


@dataclass(frozen=True)
class RatStatus:
    """Where a cooperative stands with its RAT: `year` is the tahun buku the state is about."""

    state: str
    year: int
    year_end: dt.date
    due_date: dt.date
    days_overdue: int = 0


def rat_status(last_rat: dt.date | None, end_month: int, today: dt.date, due_months: int) -> RatStatus:
    due_year = last_due_year(today, end_month, due_months)
    due_year_end = financial_year_end(due_year, end_month)
    if last_rat is None or last_rat <= due_year_end:
        due = rat_due_date(due_year, end_month, due_months)
        return RatStatus(OVERDUE, due_year, due_year_end, due, (today - due).days)
    closed = last_closed_year(today, end_month)
    closed_end = financial_year_end(closed, end_month)
    due = rat_due_date(closed, end_month, due_months)
    if last_rat <= closed_end:
        return RatStatus(PENDING, closed, closed_end, due)
    return RatStatus(RECORDED, closed, closed_end, due)


def activity(
    status: str, last_rat: dt.date | None, founded_on: dt.date | None, today: dt.date, years: int
) -> str | None:
    """The cooperative's activity by the shared rule (None once it is dissolved)."""
    return cooperative_activity(status, last_rat, founded_on, activity_window(today, years))


def may_be_proposed(status: str) -> bool:
    """An inactivity proposal asks the office to set "tidak aktif": it applies to the statuses the
    evidence decides ("aktif", "belum diketahui"), not to one the office has already set."""
    return decided_by_evidence(status)


@dataclass
class CooperativeFacts:
    """What supervision knows of one cooperative. `latest` and `previous` are its two most recent
    verified assessments ({"year", "total", "predicate", "rules", "official", "complete", "npl"})."""

    pk: int
    name: str
    region_code: str
    district_code: str
    status: str
    cooperative_type: str
    last_rat: dt.date | None
    last_rat_source: str
    rat: RatStatus
    activity: str
    latest: dict | None = None
    previous: dict | None = None
    pillar: str = ""
    signals: list = field(default_factory=list)

    @property
    def risk(self) -> int:
        return sum(signal.weight for signal in self.signals)


def pillar(facts: CooperativeFacts) -> str:
    if not decided_by_evidence(facts.status) or facts.activity == INACTIVE or facts.rat.state == OVERDUE:
        return REORIENTATION
    predicate = facts.latest["predicate"] if facts.latest else None
    if predicate in WEAK_PREDICATES:
        return REHABILITATION
    if predicate in SOUND_PREDICATES:
        return DEVELOPMENT
    return UNASSESSED


@dataclass(frozen=True)
class Signal:
    """One early-warning signal: its weight in the risk score and why it counts."""

    code: str
    weight: int
    label: str
    explanation: str


SIGNALS = {
    "predicate_worst": Signal(
        "predicate_worst",
        40,
        _("Predikat terburuk"),
        _(
            "Penilaian terakhir Dalam Pengawasan Khusus (atau Tidak Sehat / Sangat Tidak Sehat menurut "
            "Permen 14/2009): koperasi paling membutuhkan pendampingan."
        ),
    ),
    "predicate_weak": Signal(
        "predicate_weak",
        25,
        _("Predikat lemah"),
        _("Penilaian terakhir Dalam Pengawasan (atau Kurang Sehat menurut Permen 14/2009)."),
    ),
    "score_falling": Signal(
        "score_falling",
        20,
        _("Skor turun"),
        _("Skor total turun 5 poin atau lebih dibanding penilaian tahun sebelumnya."),
    ),
    "rat_overdue": Signal(
        "rat_overdue",
        20,
        _("RAT terlambat"),
        _("RAT tahun buku terakhir belum tercatat padahal sudah lewat jatuh tempo."),
    ),
    "bad_loans_rising": Signal(
        "bad_loans_rising",
        15,
        _("Pinjaman bermasalah naik"),
        _(
            "Rasio pinjaman bermasalah (kurang lancar + diragukan + macet terhadap pinjaman yang diberikan) "
            "naik 1 poin persentase atau lebih dibanding tahun sebelumnya."
        ),
    ),
}
SCORE_FALL = Decimal(5)
NPL_RISE = Decimal(1)


def npl_ratio(diberikan, kurang_lancar, diragukan, macet) -> Decimal | None:
    """Problem loans over loans outstanding, in percent (PEARLS A1 as approximated in §3)."""
    if any(value is None for value in (diberikan, kurang_lancar, diragukan, macet)) or not diberikan:
        return None
    return (kurang_lancar + diragukan + macet) * 100 / diberikan


def signals(facts: CooperativeFacts) -> list[Signal]:
    found = []
    latest, previous = facts.latest, facts.previous
    predicate = latest["predicate"] if latest else None
    if predicate in WORST_PREDICATES:
        found.append(SIGNALS["predicate_worst"])
    elif predicate in WEAK_PREDICATES:
        found.append(SIGNALS["predicate_weak"])
    if latest and previous and previous["total"] - latest["total"] >= SCORE_FALL:
        found.append(SIGNALS["score_falling"])
    if facts.rat.state == OVERDUE:
        found.append(SIGNALS["rat_overdue"])
    if (
        latest
        and previous
        and latest.get("npl") is not None
        and previous.get("npl") is not None
        and latest["npl"] - previous["npl"] >= NPL_RISE
    ):
        found.append(SIGNALS["bad_loans_rising"])
    return found


# --- dissolution deadlines ----------------------------------------------------------------------

OBJECTION_MONTHS = 2  # UU 25/1992 Pasal 47(3): objection within 2 months of receiving the notice
OBJECTION_DECISION_MONTHS = 1  # Pasal 47(4): the objection is decided within 1 month
DECISION_MONTHS = 4  # Pasal 47(2): the decision within 4 months of the notice being received


@dataclass(frozen=True)
class Deadline:
    code: str
    label: str
    due: dt.date
    done_on: dt.date | None
    overdue: bool
    late: bool
    applies: bool = True


def case_deadlines(case, today: dt.date) -> list[Deadline]:
    """The deadlines of a dissolution case that has been notified, with what is late or overdue."""
    if case.notice_received_on is None:
        return []
    received = case.notice_received_on
    objection_due = add_months(received, OBJECTION_MONTHS)
    deadlines = [
        Deadline(
            "objection",
            str(_("Batas pengajuan keberatan oleh koperasi (2 bulan)")),
            objection_due,
            case.objection_received_on,
            overdue=False,
            late=False,
        )
    ]
    if case.objection_received_on is not None:
        due = add_months(case.objection_received_on, OBJECTION_DECISION_MONTHS)
        done = case.objection_decided_on
        deadlines.append(
            Deadline(
                "objection_decision",
                str(_("Keputusan atas keberatan (1 bulan)")),
                due,
                done,
                overdue=done is None and today > due and not case.closed,
                late=done is not None and done > due,
            )
        )
    due = add_months(received, DECISION_MONTHS)
    done = case.decided_on
    deadlines.append(
        Deadline(
            "decision",
            str(_("Keputusan pembubaran (4 bulan sejak pemberitahuan diterima)")),
            due,
            done,
            overdue=done is None and today > due and not case.closed,
            late=done is not None and done > due,
        )
    )
    return deadlines


def objection_deadline(case) -> dt.date | None:
    return add_months(case.notice_received_on, OBJECTION_MONTHS) if case.notice_received_on else None
