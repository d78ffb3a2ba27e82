"""Date arithmetic of supervision: financial years, the RAT deadline and the dissolution windows.

A financial year (tahun buku) is named after the calendar year in which it ends: with books closed
in December, tahun buku 2025 runs January–December 2025; with books closed in June, tahun buku 2025
runs July 2024–June 2025.
"""

from __future__ import annotations

import calendar
import datetime as dt


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the end of a shorter month (31 Jan + 1 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def financial_year_end(year: int, end_month: int) -> dt.date:
    return month_end(year, end_month)


def rat_due_date(year: int, end_month: int, due_months: int) -> dt.date:
    """The last day for the RAT of tahun buku `year`: the end of the month `due_months` after the
    books close (UU 25/1992 Pasal 26(2) as read in reference.md §4.2: 6 months by default)."""
    index = year * 12 + end_month - 1 + due_months
    due_year, due_month = divmod(index, 12)
    return month_end(due_year, due_month + 1)


def last_closed_year(today: dt.date, end_month: int) -> int:
    """The latest tahun buku whose books closed before `today`."""
    year = today.year
    while financial_year_end(year, end_month) >= today:
        year -= 1
    return year


def last_due_year(today: dt.date, end_month: int, due_months: int) -> int:
    """The latest tahun buku whose RAT deadline has passed by `today`."""
    year = today.year
    while rat_due_date(year, end_month, due_months) >= today:
        year -= 1
    return year
