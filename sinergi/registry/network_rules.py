"""The network membership rules as plain functions (no database): each returns a problem code, or None.

A row moves berkomitmen → anggota → keluar (or berkomitmen → keluar, a pledge withdrawn): a pledge
has a date and no join; a member has a join date; leaving is dated on or after the join. The
services ask these before writing; the doors word the codes with `PROBLEMS`.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

PLEDGED, MEMBER, LEFT = "pledged", "member", "left"

PROBLEMS = {
    "already_current": _("%(name)s sudah tercatat di jaringan ini."),
    "already_member": _("%(name)s sudah menjadi anggota jaringan ini."),
    "not_current": _("%(name)s bukan anggota atau calon anggota jaringan ini."),
    "future": _("Tanggal tidak boleh di masa depan."),
    "join_before_pledge": _("Tanggal bergabung tidak boleh sebelum tanggal berkomitmen."),
    "leave_before_join": _("Tanggal keluar tidak boleh sebelum tanggal bergabung."),
    "leave_before_pledge": _("Tanggal keluar tidak boleh sebelum tanggal berkomitmen."),
    "no_date": _("Tanggal wajib diisi."),
}


def pledge_problem(*, current_state: str | None, pledged_on: dt.date | None, today: dt.date) -> str | None:
    """An organisation commits to join: not while it already pledged or belongs."""
    if current_state is not None:
        return "already_current"
    if pledged_on is None:
        return "no_date"
    if pledged_on > today:
        return "future"
    return None


def join_problem(
    *, current_state: str | None, pledged_on: dt.date | None, joined_on: dt.date | None, today: dt.date
) -> str | None:
    """An organisation joins, straight away or after its pledge."""
    if current_state == MEMBER:
        return "already_member"
    if joined_on is None:
        return "no_date"
    if joined_on > today:
        return "future"
    if current_state == PLEDGED and pledged_on is not None and joined_on < pledged_on:
        return "join_before_pledge"
    return None


def leave_problem(
    *,
    current_state: str | None,
    pledged_on: dt.date | None,
    joined_on: dt.date | None,
    left_on: dt.date | None,
    today: dt.date,
) -> str | None:
    """A member leaves, or a pledge is withdrawn."""
    if current_state not in (PLEDGED, MEMBER):
        return "not_current"
    if left_on is None:
        return "no_date"
    if left_on > today:
        return "future"
    if joined_on is not None and left_on < joined_on:
        return "leave_before_join"
    if joined_on is None and pledged_on is not None and left_on < pledged_on:
        return "leave_before_pledge"
    return None
