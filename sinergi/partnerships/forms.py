"""Forms of the partnership pages: shape only; every rule is decided by the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import IsoDateInput
from sinergi.partnerships.models import AgreementKind, Decision, Measure, ReferralStatus, Scope
from sinergi.registry.models import BusinessScale

PARTY_FIELDS = ("party_1", "party_2", "party_3", "party_4")
NEEDS = [
    (code, label)
    for code, label in Scope.choices
    if code in ("capital", "capacity", "marketing", "distribution")
]


class AgreementForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Dinas pencatat"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Jenis perjanjian"), choices=AgreementKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=250)
    number = forms.CharField(label=_("Nomor perjanjian"), max_length=100, required=False)
    purpose = forms.CharField(
        label=_("Maksud dan tujuan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    start_on = forms.DateField(label=_("Tanggal mulai"), widget=IsoDateInput)
    end_on = forms.DateField(label=_("Tanggal berakhir"), widget=IsoDateInput)
    scopes = forms.MultipleChoiceField(
        label=_("Ruang lingkup"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    network = forms.ModelChoiceField(
        label=_("Jaringan atau konsorsium"), queryset=None, required=False,
        help_text=_("Isi bila perjanjian ini milik sebuah jaringan belanja bareng atau konsorsium."),
    )  # fmt: skip

    def __init__(self, *args, offices=None, organizations=None, networks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        self.fields["network"].queryset = networks
        labels = [_("Pihak pertama"), _("Pihak kedua"), _("Pihak ketiga"), _("Pihak keempat")]
        for name, label in zip(PARTY_FIELDS, labels, strict=True):
            self.fields[name] = forms.ModelChoiceField(
                label=label, queryset=organizations, required=False, empty_label=_("— pilih organisasi —")
            )

    def parties(self) -> list:
        return [self.cleaned_data[name] for name in PARTY_FIELDS if self.cleaned_data.get(name)]


class PartyForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organisasi pihak"), queryset=None)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class SignForm(forms.Form):
    signatory_name = forms.CharField(label=_("Nama penanda tangan"), max_length=150)
    signatory_title = forms.CharField(label=_("Jabatan penanda tangan"), max_length=150, required=False)
    signed_on = forms.DateField(label=_("Tanggal tanda tangan"), widget=IsoDateInput)


class TerminateForm(forms.Form):
    reason = forms.CharField(label=_("Alasan diakhiri"), widget=forms.Textarea(attrs={"rows": 3}))


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Judul dokumen"), max_length=200, required=False)
    file = forms.FileField(label=_("Berkas PDF"), help_text=_("PDF, paling besar 10 MB."))


class ObligationForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Pihak yang bertanggung jawab"), queryset=None, empty_label=None)
    measure = forms.ChoiceField(label=_("Ukuran"), choices=Measure.choices)
    description = forms.CharField(label=_("Uraian kewajiban"), max_length=300)
    target = forms.DecimalField(label=_("Target"), max_digits=18, decimal_places=0)
    start_on = forms.DateField(
        label=_("Dihitung mulai"), widget=IsoDateInput, required=False,
        help_text=_("Kosongkan untuk menghitung sejak perjanjian mulai."),
    )  # fmt: skip
    due_on = forms.DateField(label=_("Jatuh tempo"), widget=IsoDateInput)

    def __init__(self, *args, parties=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties
        self.fields["party"].label_from_instance = lambda p: p.organization.name


class ProgressForm(forms.Form):
    recorded_on = forms.DateField(label=_("Tanggal"), widget=IsoDateInput)
    amount = forms.DecimalField(label=_("Jumlah"), max_digits=18, decimal_places=0)
    note = forms.CharField(label=_("Keterangan bukti"), widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label=_("Berkas bukti (PDF atau foto)"), required=False)


class ReferralForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Dinas pengirim"), queryset=None, empty_label=None)
    organization = forms.ModelChoiceField(label=_("Organisasi yang dirujuk"), queryset=None)
    partner = forms.ModelChoiceField(label=_("Mitra tujuan"), queryset=None)
    scope = forms.ChoiceField(label=_("Kebutuhan"), choices=Scope.choices)
    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, offices=None, organizations=None, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        self.fields["organization"].queryset = organizations
        self.fields["partner"].queryset = partners


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Jawaban"), choices=[c for c in ReferralStatus.choices if c[0] != "sent"]
    )
    answer = forms.CharField(label=_("Keterangan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MatchSearchForm(forms.Form):
    seeker = forms.ModelChoiceField(label=_("Cari pasangan untuk"), queryset=None)
    needs = forms.MultipleChoiceField(
        label=_("Kebutuhan (untuk UMKM)"), choices=NEEDS, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, seekers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seeker"].queryset = seekers


class DecisionForm(forms.Form):
    candidate = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.HiddenInput)


# Health predicates a bank may accept, in the order of the official method (best first).
PREDICATES = [
    ("sehat", _("Sehat")),
    ("cukup_sehat", _("Cukup Sehat")),
    ("kurang_sehat", _("Kurang Sehat")),
    ("dalam_pengawasan", _("Dalam Pengawasan")),
    ("dalam_pengawasan_khusus", _("Dalam Pengawasan Khusus")),
    ("tidak_sehat", _("Tidak Sehat")),
    ("sangat_tidak_sehat", _("Sangat Tidak Sehat")),
]


class LendingCriteriaForm(forms.Form):
    scales = forms.MultipleChoiceField(
        label=_("Skala usaha yang dibiayai"),
        choices=BusinessScale.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    kbli_prefixes = forms.CharField(
        label=_("Awalan KBLI yang dibiayai"),
        required=False,
        max_length=200,
        help_text=_("Pisahkan dengan koma, misalnya 10, 47, 56. Kosongkan untuk semua bidang usaha."),
    )
    predicates = forms.MultipleChoiceField(
        label=_("Predikat kesehatan koperasi yang diterima"),
        choices=PREDICATES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_kbli_prefixes(self) -> list[str]:
        return [p.strip() for p in self.cleaned_data["kbli_prefixes"].split(",") if p.strip()]
