"""Whether a cooperative is active: the one definition of "tidak aktif" in Sinergi.

The registry's activity page and the health slice's supervision (RAT compliance, inactivity
proposals, pillars, early warning) both call `cooperative_activity`, so they always count the same
cooperatives as inactive. It lives here, in plain Python without Django, because the registry
cannot read the health slice while the health slice may read the registry; the health slice owns
the rule (reference.md Decision 8) and the registry shows its result.

The rule, as of a day and for N = SINERGI_INACTIVE_AFTER_YEARS (default 3):

- a dissolved cooperative ("dibubarkan") is no longer counted at all;
- a cooperative the office has declared "tidak aktif" or frozen ("dibekukan") is inactive: the
  office has decided, the evidence is not asked again;
- every other status — "aktif", and "belum diketahui" for a cooperative imported without one —
  is decided from the evidence, its last RAT (Rapat Anggota Tahunan):
  - a RAT within the last N years: active, or "about to turn inactive" (warning) when it falls in
    the last of those years;
  - no RAT for N years: inactive;
  - no RAT at all but founded within the last N years: new, not yet inactive.

The evidence of the last RAT is the registry's `last_rat_date`: imported sheets and edits set it,
and the verification of an annual report in the health slice records its RAT date there (the
latest date is kept), so one field holds every RAT the platform knows of. `rat_evidence` says where
the date comes from.

Statuses are the plain values of `registry.models.CooperativeStatus`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ACTIVE, WARNING, NEW, INACTIVE = "active", "warning", "new", "inactive"
# Not active in the counts of the activity page: the inactive ones, and the new ones still without a
# RAT are counted apart.
ACTIVE_STATES = frozenset({ACTIVE, WARNING})

DISSOLVED = "dibubarkan"
# Statuses an office sets when a cooperative does not operate (a confirmed inactivity proposal, a
# freeze): they settle the question without the evidence.
DECLARED_INACTIVE = frozenset({"tidak_aktif", "dibekukan"})

REPORT, REGISTRY = "report", "registry"


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class ActivityWindow:
    """Dates that split cooperatives by their last RAT, as of `today`."""

    today: dt.date
    inactive_before: dt.date  # last RAT before this → inactive; founded on or after it → may be new
    warning_before: dt.date  # last RAT before this (but not inactive) → about to turn inactive


def activity_window(today: dt.date, inactive_after_years: int) -> ActivityWindow:
    return ActivityWindow(
        today=today,
        inactive_before=years_before(today, inactive_after_years),
        warning_before=years_before(today, max(inactive_after_years - 1, 0)),
    )


def decided_by_evidence(status: str) -> bool:
    """True for the statuses whose activity the last RAT decides ("aktif", "belum diketahui")."""
    return status != DISSOLVED and status not in DECLARED_INACTIVE


def cooperative_activity(
    status: str, last_rat: dt.date | None, founded_on: dt.date | None, window: ActivityWindow
) -> str | None:
    """ACTIVE, WARNING, NEW or INACTIVE; None for a dissolved cooperative, which is not counted."""
    if status == DISSOLVED:
        return None
    if status in DECLARED_INACTIVE:
        return INACTIVE
    if last_rat is None or last_rat < window.inactive_before:
        if last_rat is None and founded_on is not None and founded_on >= window.inactive_before:
            return NEW
        return INACTIVE
    if last_rat < window.warning_before:
        return WARNING
    return ACTIVE


def is_inactive(
    status: str, last_rat: dt.date | None, founded_on: dt.date | None, window: ActivityWindow
) -> bool:
    return cooperative_activity(status, last_rat, founded_on, window) == INACTIVE


def rat_evidence(registered: dt.date | None, reported: dt.date | None) -> tuple[dt.date | None, str]:
    """The last RAT of a cooperative and where it is known from: the registry's date, which is the
    RAT of a verified annual report when the latest such report (`reported`) holds it, and came from
    a sheet or an edit otherwise."""
    if registered is not None and reported == registered:
        return registered, REPORT
    return registered, REGISTRY
