"""Words for what the health pages would otherwise show as stored codes."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from sinergi.health.scoring import RULE_SETS

register = template.Library()

EVENT_LABELS = {
    "annual_report.create": _("Laporan dibuat"),
    "annual_report.update": _("Isian diubah"),
    "annual_report.delete": _("Konsep dihapus"),
    "annual_report.submit": _("Diajukan ke dinas"),
    "annual_report.return": _("Dikembalikan dengan catatan"),
    "annual_report.verify": _("Diverifikasi dan dinilai"),
    "annual_report.attachment_add": _("Lampiran diunggah"),
    "annual_report.attachment_remove": _("Lampiran dihapus"),
    "assessment.score": _("Dinilai"),
    "assessment.batch": _("Dinilai ulang"),
    "dissolution.open": _("Rencana pembubaran dibuat"),
    "dissolution.notice": _("Pemberitahuan dicatat"),
    "dissolution.objection": _("Keberatan dicatat"),
    "dissolution.objection_decision": _("Keputusan atas keberatan dicatat"),
    "dissolution.decision": _("Keputusan pembubaran dicatat"),
    "dissolution.withdraw": _("Rencana dibatalkan"),
}


@register.filter
def event_label(action: str) -> str:
    """A recorded step in words; an unknown one as "Perubahan" rather than its stored code."""
    return EVENT_LABELS.get(action, _("Perubahan"))


@register.filter
def rules_name(code: str) -> str:
    """The human name of a rule set recorded by its code."""
    rule_set = RULE_SETS.get(code)
    return rule_set.name if rule_set else ""


@register.filter
def cooperative_status(value: str) -> str:
    """A cooperative's registry status in words ("Tidak aktif", not its stored value)."""
    from sinergi.registry.models import CooperativeStatus

    try:
        return CooperativeStatus(value).label
    except ValueError:
        return ""


@register.filter
def formula_words(text: str) -> str:
    """A formula with the report's fields named in words."""
    from sinergi.health.selectors import formula_text

    return formula_text(text)


# The PEARLS notes the scoring package keeps in English (it is shared with the command line): what
# each ratio stands in for, said the way the page says everything else.
PEARLS_NOTES = {
    "P1": _(
        "Pinjaman macet menggantikan pinjaman yang menunggak lebih dari 12 bulan, yang dicadangkan penuh "
        "oleh PEARLS; golongan kolektibilitas tidak persis sama dengan kelompok umur tunggakan PEARLS."
    ),
    "P2": _(
        "Cadangan yang tersisa setelah menutup pinjaman macet sepenuhnya, dibagi pinjaman kurang lancar + "
        "diragukan sebagai pinjaman yang menunggak 1–12 bulan."
    ),
    "E1": _("Pinjaman bersih = pinjaman yang diberikan dikurangi cadangan risiko (PPAP)."),
    "E2": _("Saldo bank menggantikan investasi likuid; kas dihitung pada L3 sebagai aset yang tidak menghasilkan."),
    "E7": _("Simpanan anggota = simpanan yang berkarakter modal."),
    "E8": _(
        "Modal kelembagaan = cadangan dan hibah, modal yang tidak dimiliki anggota; belum disesuaikan "
        "dengan kekurangan cadangan (itu E9)."
    ),
    "A1": _(
        "Tunggakan dari golongan kolektibilitas; PEARLS menghitung pinjaman sejak terlambat 30 hari, "
        "sehingga pinjaman terlambat yang masih tergolong lancar tidak terhitung dan rasionya lebih rendah."
    ),
    "R9": _("Total aset akhir tahun, bukan rata-rata selama tahun buku."),
    "R12": _("SHU sebelum pajak dibagi total aset akhir tahun, bukan laba bersih dibagi rata-rata aset."),
    "L3": _("Kas adalah aset likuid yang tidak menghasilkan; saldo bank dihitung sebagai aset yang menghasilkan."),
}
PEARLS_GOALS = {"R12": _("cukup untuk mencapai E9 = 10%")}


@register.filter
def pearls_note(item) -> str:
    return PEARLS_NOTES.get(item.code, "")


@register.filter
def pearls_goal(item) -> str:
    return PEARLS_GOALS.get(item.code, item.goal)


@register.filter
def note_words(text: str) -> str:
    """An engine note in Indonesian alone, with the report's fields named in words."""
    from sinergi.health.selectors import note_text

    return note_text(text)
