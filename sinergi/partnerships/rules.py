"""The rules of partnerships as plain functions (no database): each returns a problem code, or None.

Every door (page, API, command, demo) reaches them through the services; the doors word the codes
in the user's language with `PROBLEMS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from sinergi.regions.codes import code_within

DRAFT, SIGNED, ACTIVE, EXPIRED, TERMINATED = "draft", "signed", "active", "expired", "terminated"
ENDED = frozenset({EXPIRED, TERMINATED})
ON_TRACK, MET_ON_TIME, MET_LATE, MISSED, OVERDUE = "on_track", "met_on_time", "met_late", "missed", "overdue"

# The largest PDF an agreement document or evidence may be.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"

PROBLEMS = {
    "few_parties": _("Perjanjian baru dapat ditandatangani bila ada paling sedikit dua pihak."),
    "unsigned_parties": _("Belum semua pihak menandatangani."),
    "not_draft": _("Perjanjian yang sudah ditandatangani tidak dapat diubah lagi."),
    "ended": _("Perjanjian sudah berakhir atau diakhiri."),
    "ends_before_start": _("Tanggal berakhir tidak boleh sebelum tanggal mulai."),
    "no_scope": _("Pilih paling sedikit satu ruang lingkup."),
    "unknown_scope": _("Ruang lingkup tidak dikenal."),
    "no_party_inside": _("Paling sedikit satu pihak harus berada di wilayah kerja dinas Anda."),
    "party_twice": _("Organisasi ini sudah menjadi pihak dalam perjanjian."),
    "due_before_start": _("Batas waktu kewajiban tidak boleh sebelum perjanjian mulai berlaku."),
    "due_after_end": _("Batas waktu kewajiban tidak boleh sesudah perjanjian berakhir."),
    "start_after_due": _("Tanggal mulai dihitung tidak boleh sesudah batas waktu."),
    "target_not_positive": _("Target harus lebih dari nol."),
    "amount_not_positive": _("Jumlah capaian harus lebih dari nol."),
    "computed_measure": _("Capaian kewajiban ini dihitung dari data Sinergi; tidak dicatat dengan tangan."),
    "signed_in_future": _("Tanggal tanda tangan tidak boleh di masa depan."),
    "not_pdf": _("Dokumen harus berupa PDF."),
    "too_large": _("Berkas paling besar 10 MB."),
    "no_reason": _("Tuliskan alasan perjanjian diakhiri."),
    "referral_state": _("Rujukan ini tidak dapat diubah ke keadaan tersebut."),
    "same_organization": _("Mitra dan organisasi yang dirujuk tidak boleh sama."),
    "evidence_missing": _("Tuliskan bukti capaian."),
}

# Which referral status may follow which.
REFERRAL_STEPS = {
    "sent": {"accepted", "refused"},
    "accepted": {"completed"},
    "refused": set(),
    "completed": set(),
}


def dates_problem(start_on: dt.date, end_on: dt.date) -> str | None:
    return "ends_before_start" if end_on < start_on else None


def scopes_problem(scopes: Iterable[str], known: Iterable[str]) -> str | None:
    scopes = list(scopes)
    if not scopes:
        return "no_scope"
    if set(scopes) - set(known):
        return "unknown_scope"
    return None


def jurisdiction_problem(*, office_codes: Iterable[str], party_codes: Iterable[str]) -> str | None:
    """An office records an agreement only when at least one party lies in its jurisdiction; the
    others may be anywhere (a bank's regional branch, a national supplier). `office_codes` is None-free
    list of the jurisdictions where the actor writes; an empty list with `everything` is handled by
    the caller."""
    office_codes = list(office_codes)
    if any(code_within(code, scope) for code in party_codes for scope in office_codes):
        return None
    return "no_party_inside"


def sign_problem(*, status: str, party_count: int) -> str | None:
    """Whether a party may sign now: only a draft, and only with two parties or more."""
    if status != DRAFT:
        return "not_draft"
    if party_count < 2:
        return "few_parties"
    return None


def signed_on_problem(signed_on: dt.date, today: dt.date) -> str | None:
    return "signed_in_future" if signed_on > today else None


def status_on(*, status: str, start_on: dt.date, end_on: dt.date, today: dt.date) -> str:
    """The status a signed or active agreement has on `today`: active from the start date, expired
    after the end date. Drafts and terminated agreements keep theirs."""
    if status not in (SIGNED, ACTIVE):
        return status
    if today > end_on:
        return EXPIRED
    if today >= start_on:
        return ACTIVE
    return SIGNED


def obligation_problem(
    *,
    target: Decimal,
    due_on: dt.date,
    start_on: dt.date | None,
    agreement_start: dt.date,
    agreement_end: dt.date,
) -> str | None:
    if target is None or target <= 0:
        return "target_not_positive"
    if due_on < agreement_start:
        return "due_before_start"
    if due_on > agreement_end:
        return "due_after_end"
    if start_on is not None and start_on > due_on:
        return "start_after_due"
    return None


def obligation_state(
    *,
    target: Decimal,
    due_on: dt.date,
    met_on: dt.date | None,
    today: dt.date,
    agreement_status: str,
) -> str:
    """Where an obligation stands.

    Met by the due date: met on time. Met after it: met late. Not met and the due date passed: overdue
    while the agreement still runs, missed once it has ended (nothing more can count). Otherwise on
    track.
    """
    if met_on is not None:
        return MET_ON_TIME if met_on <= due_on else MET_LATE
    if today > due_on:
        return MISSED if agreement_status in ENDED else OVERDUE
    return ON_TRACK


def met_on_from_entries(target: Decimal, entries: Iterable[tuple[dt.date, Decimal]]) -> dt.date | None:
    """The date the running total of dated amounts first reaches `target`, or None."""
    total = Decimal(0)
    for day, amount in sorted(entries, key=lambda e: e[0]):
        total += amount
        if total >= target:
            return day
    return None


def document_problem(head: bytes, size: int) -> str | None:
    """A document is judged by its content, not its name: a PDF starts with `%PDF-`."""
    if size > MAX_DOCUMENT_BYTES:
        return "too_large"
    if not head.startswith(PDF_MAGIC):
        return "not_pdf"
    return None


def referral_step_problem(current: str, new: str) -> str | None:
    return None if new in REFERRAL_STEPS.get(current, set()) else "referral_state"


def renewal_due(
    *, status: str, end_on: dt.date, today: dt.date, days: int, reminded_on: dt.date | None
) -> bool:
    """An active agreement ending within `days` days is reminded about once."""
    return status == ACTIVE and today <= end_on <= today + dt.timedelta(days=days) and reminded_on is None
