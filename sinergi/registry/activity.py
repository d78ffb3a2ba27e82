"""A cooperative's activity from its last RAT (annual members' meeting).

The full rule (reference Decision 8) belongs to the health and supervision slice; the registry
shows this simple version of it: a cooperative counts as active when it held a RAT within the last
N years (N = SINERGI_INACTIVE_AFTER_YEARS, default 3), and is "about to turn inactive" during the
last of those years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class ActivityWindow:
    """Dates that split cooperatives by their last RAT, as of `today`."""

    today: dt.date
    inactive_before: dt.date  # last RAT before this → counts as inactive
    warning_before: dt.date  # last RAT before this (but not inactive) → about to turn inactive

    def classify(self, last_rat: dt.date | None) -> str:
        if last_rat is None or last_rat < self.inactive_before:
            return "inactive"
        if last_rat < self.warning_before:
            return "warning"
        return "active"


def activity_window(today: dt.date, inactive_after_years: int) -> ActivityWindow:
    return ActivityWindow(
        today=today,
        inactive_before=years_before(today, inactive_after_years),
        warning_before=years_before(today, max(inactive_after_years - 1, 0)),
    )
