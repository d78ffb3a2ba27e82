"""The assistance rules every door calls (STYLE.md "one rule, every door"): the cycle's order, the
application period, the reasons of eligibility worded for the reader, and the problem texts of
refusals. Services raise them; pages, the API and the commands only word them.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from sinergi.assistance import eligibility
from sinergi.assistance.models import Cycle

# The cycle's order: a step runs only from the stages listed for it.
STEPS = {
    "apply": (Cycle.OPEN,),
    "close_applications": (Cycle.OPEN,),
    "select": (Cycle.CLOSED, Cycle.SELECTED),
    "override": (Cycle.SELECTED,),
    # A late recipient may still receive goods while the first visits are being made.
    "handover": (Cycle.SELECTED, Cycle.HANDED_OVER, Cycle.MONITORED),
    "visit": (Cycle.HANDED_OVER, Cycle.MONITORED),
    "finish": (Cycle.MONITORED,),
}

# What each cycle step needs first, worded for the person who tried it.
STEP_PROBLEMS = {
    "apply": _("Pendaftaran program ini tidak sedang dibuka."),
    "close_applications": _("Pendaftaran sudah ditutup."),
    "select": _("Seleksi hanya dijalankan setelah pendaftaran ditutup dan sebelum serah terima."),
    "override": _("Keputusan panitia hanya dapat diubah setelah seleksi dan sebelum serah terima."),
    "handover": _("Serah terima hanya dapat dicatat setelah seleksi."),
    "visit": _("Kunjungan pemantauan hanya dapat dicatat setelah serah terima."),
    "finish": _("Program ditutup setelah pemantauan berjalan."),
}

REASONS = {
    eligibility.REGION: _("Warung di luar wilayah sasaran program."),
    eligibility.SCALE: _("Skala usaha di atas batas program (PP 7/2021) atau belum diketahui."),
    eligibility.MONTHS: _("Lama usaha kurang dari syarat program."),
    eligibility.AIDED: _("Sudah menerima bantuan program lain dalam jangka waktu yang ditetapkan."),
    eligibility.NIK: _("NIK pemilik tidak valid atau sudah mendaftar di program ini."),
}

SKIP_REASONS = {
    "stock": _("Stok paket sudah habis."),
    "budget": _("Sisa anggaran tidak cukup."),
    "override": _("Dibatalkan oleh panitia."),
}

PROBLEMS = {
    "period": _("Permohonan di luar masa pendaftaran program."),
    "not_selected": _("Warung ini tidak terpilih; serah terima ditolak."),
    "handed_over": _("Paket ini sudah diserahkan kepada warung ini."),
    "over_budget": _("Keputusan ini melebihi sisa anggaran program."),
    "over_stock": _("Stok paket ini sudah habis."),
    "before_handover": _("Kunjungan tidak boleh sebelum tanggal serah terima."),
    "visit_done": _("Kunjungan ini sudah dicatat."),
    "no_handover": _("Belum ada serah terima untuk warung ini."),
    "ineligible": _("Permohonan yang tidak memenuhi syarat tidak dapat dipilih."),
}


def step_problem(step: str, cycle: str) -> str | None:
    """The step's own code when the programme is not at a stage it may run from, else None."""
    return None if cycle in STEPS[step] else step


def period_problem(applied_on: dt.date, opens_on: dt.date, closes_on: dt.date) -> str | None:
    return None if opens_on <= applied_on <= closes_on else "period"


def reason_texts(codes) -> list[str]:
    return [str(REASONS[code]) for code in codes if code in REASONS]
