"""Pre-diagnosis findings in words, in the reader's language.

A finding is stored as its kind and plain values (`PreDiagnosis.params`), and put into a sentence
only when it is shown, so an officer reading in English and a manager reading in Indonesian each
see it in their own language, with their own number format.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def _number(value, places: int | None = 2) -> str:
    """1,50 in Indonesian, 1.50 in English; `places=None` keeps a whole weight whole (6, 2,5)."""
    number = Decimal(str(value))
    if places is None:
        number = number.normalize() if number == number.to_integral() else number
    return number_format(number, places, use_l10n=True)


def _date(value: str) -> str:
    return dt.date.fromisoformat(value).strftime("%d-%m-%Y")


def describe(kind: str, params: dict) -> tuple[str, str, str]:
    """(label, detail, evidence label) of a finding."""
    if kind == "health_low":
        return (
            _("Komponen kesehatan rendah: %(name)s") % {"name": params["name"]},
            _("Skor %(skor)s dari bobot %(bobot)s (tahun buku %(year)s)")
            % {
                "skor": _number(params["score"]),
                "bobot": _number(params["weight"], None),
                "year": params["year"],
            },
            _("Penilaian kesehatan %(year)s") % {"year": params["year"]},
        )
    if kind == "rat_overdue":
        return (
            _("RAT terlambat"),
            _("RAT tahun buku %(year)s belum tercatat, jatuh tempo %(due)s")
            % {"year": params["year"], "due": _date(params["due"])},
            _("Kesehatan dan RAT koperasi"),
        )
    if kind == "bad_loans_rising":
        return (
            _("Rasio pinjaman bermasalah naik"),
            _("%(before)s%% (%(y1)s) menjadi %(now)s%% (%(y2)s)")
            % {
                "before": _number(params["before"]),
                "now": _number(params["now"]),
                "y1": params["y1"],
                "y2": params["y2"],
            },
            _("Penilaian kesehatan %(year)s") % {"year": params["y2"]},
        )
    if kind == "no_network_sales":
        return (
            _("Tidak ada transaksi lewat jaringan Belanja Bareng"),
            _("Tidak ada pesanan dalam 12 bulan terakhir."),
            _("Belanja Bareng"),
        )
    if kind == "no_legality":
        return (
            _("Usaha belum memiliki legalitas (NIB)"),
            _("Nomor Induk Berusaha belum tercatat di registri."),
            _("Data usaha"),
        )
    return kind, "", ""
