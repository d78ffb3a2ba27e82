"""Forms of the supervision pages: shape only; the rules are in `supervision.services`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import IsoDateInput
from sinergi.health.models import DissolutionGround

DATE = {"widget": IsoDateInput()}


class ProposalDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib saat menolak usulan: tuliskan alasannya."),
    )


class CaseOpenForm(forms.Form):
    cooperative = forms.TypedChoiceField(label=_("Koperasi"), coerce=int)
    ground = forms.ChoiceField(
        label=_("Alasan pembubaran (PP 17/1994 Pasal 3)"),
        choices=DissolutionGround.choices,
        widget=forms.RadioSelect,
    )
    facts = forms.CharField(
        label=_("Fakta dan bukti"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Apa yang menunjukkan alasan itu: putusan pengadilan, hasil pemeriksaan, catatan RAT."),
    )

    def __init__(self, *args, cooperatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cooperative"].choices = [(c.pk, c.organization.name) for c in cooperatives]


class NoticeForm(forms.Form):
    notice_number = forms.CharField(label=_("Nomor surat pemberitahuan"), max_length=100)
    notice_date = forms.DateField(label=_("Tanggal surat"), **DATE)
    received_on = forms.DateField(
        label=_("Tanggal diterima koperasi"),
        help_text=_("Batas keberatan (2 bulan) dan keputusan (4 bulan) dihitung dari tanggal ini."),
        **DATE,
    )
    signatory = forms.CharField(
        label=_("Penanda tangan"), max_length=200, help_text=_("Nama dan jabatan, misalnya Kepala Dinas.")
    )


class ObjectionForm(forms.Form):
    received_on = forms.DateField(label=_("Tanggal keberatan diterima"), **DATE)
    summary = forms.CharField(label=_("Ringkasan keberatan"), widget=forms.Textarea(attrs={"rows": 3}))


class ObjectionDecisionForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("Keputusan atas keberatan"),
        choices=[
            ("0", _("Keberatan ditolak: lanjut ke keputusan pembubaran")),
            ("1", _("Keberatan diterima: rencana dibatalkan")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Tanggal keputusan"), **DATE)
    number = forms.CharField(label=_("Nomor keputusan"), max_length=100)
    reason = forms.CharField(label=_("Pertimbangan"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    dissolve = forms.TypedChoiceField(
        label=_("Keputusan"),
        choices=[("1", _("Membubarkan koperasi")), ("0", _("Tidak membubarkan koperasi"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Tanggal keputusan"), **DATE)
    number = forms.CharField(label=_("Nomor keputusan"), max_length=100)
    reason = forms.CharField(label=_("Pertimbangan"), widget=forms.Textarea(attrs={"rows": 3}))
    signatory = forms.CharField(label=_("Penanda tangan"), max_length=200)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan rencana"), widget=forms.Textarea(attrs={"rows": 2}))
