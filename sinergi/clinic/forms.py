"""Forms of the clinic pages: shape only; every rule is decided by the services."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.clinic.models import (
    Area,
    ExpertKind,
    GoalKind,
    RecommendationKind,
    RecommendationStatus,
    Responsible,
    Severity,
)
from sinergi.core.forms import IsoDateInput


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Nama program"), max_length=200)
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    start_year = forms.IntegerField(label=_("Tahun mulai program"), min_value=2000, max_value=2100)
    horizon_years = forms.IntegerField(label=_("Jangka waktu (tahun)"), min_value=1, max_value=20, initial=5)
    target_participants = forms.IntegerField(label=_("Target peserta per tahun"), min_value=1, initial=30)
    target_good = forms.IntegerField(label=_("Target berakhir baik"), min_value=0, initial=10)
    good_predicate_steps = forms.IntegerField(
        label=_("Kenaikan predikat yang dihitung baik"), min_value=1, max_value=4, initial=1
    )
    good_requires_rat = forms.BooleanField(
        label=_("Koperasi baik harus tepat waktu RAT"), required=False, initial=True
    )
    good_sales_growth_pct = forms.DecimalField(
        label=_("Kenaikan omzet UMKM yang dihitung baik (%)"), min_value=0, max_digits=6, decimal_places=2,
        initial=Decimal("10"),
    )  # fmt: skip

    def __init__(self, *args, offices=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["year"]
            del self.fields["start_year"]
        elif offices is not None:
            self.fields["office"] = forms.ModelChoiceField(
                label=_("Dinas"), queryset=offices, empty_label=None
            )
            self.order_fields(["office"])


class ProblemForm(forms.Form):
    code = forms.CharField(label=_("Kode"), max_length=20)
    name = forms.CharField(label=_("Nama penyakit"), max_length=200)
    area = forms.ChoiceField(label=_("Bidang"), choices=Area.choices)
    severity = forms.TypedChoiceField(label=_("Tingkat keparahan"), choices=Severity.choices, coerce=int)
    description = forms.CharField(
        label=_("Keterangan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)


class ExpertForm(forms.Form):
    email = forms.EmailField(label=_("Email pakar"), help_text=_("Orang yang sudah punya akun Sinergi."))
    kind = forms.ChoiceField(label=_("Jenis pakar"), choices=ExpertKind.choices)
    areas = forms.MultipleChoiceField(
        label=_("Bidang keahlian"), choices=Area.choices, widget=forms.CheckboxSelectMultiple
    )
    affiliation = forms.CharField(label=_("Lembaga asal"), max_length=200, required=False)


class IntakeForm(forms.Form):
    """One yes/no and a note per area: short enough to answer on a phone."""

    def __init__(self, *args, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for code, label in Area.choices:
            given = answers.get(code) or {}
            self.fields[f"{code}_felt"] = forms.BooleanField(
                label=_("Ada masalah %(area)s") % {"area": str(label).lower()}, required=False,
                initial=given.get("felt", False),
            )  # fmt: skip
            self.fields[f"{code}_note"] = forms.CharField(
                label=_("Ceritakan singkat (%(area)s)") % {"area": str(label).lower()}, required=False,
                max_length=500, initial=given.get("note", ""), widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip

    def answers(self) -> dict:
        return {
            code: {"felt": self.cleaned_data[f"{code}_felt"], "note": self.cleaned_data[f"{code}_note"]}
            for code in Area.values
        }


class TeamForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(
        label=_("Anggota tim diagnosis"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, experts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = experts
        self.fields["experts"].label_from_instance = lambda e: (
            f"{e.user.full_name} — {e.get_kind_display()}: " + ", ".join(e.area_labels)
        )


class RatingForm(forms.Form):
    problems = forms.ModelMultipleChoiceField(
        label=_("Penyakit yang Anda lihat"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    severity = forms.TypedChoiceField(
        label=_("Tingkat masalah secara keseluruhan"), choices=Severity.choices, coerce=int
    )
    comment = forms.CharField(label=_("Komentar"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, problems=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problems"].queryset = problems


class AgreeForm(forms.Form):
    problems = forms.ModelMultipleChoiceField(
        label=_("Diagnosis yang disepakati"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label=_("Ringkasan diagnosis"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    goal_kind = forms.ChoiceField(
        label=_("Sasaran terukur (UMKM)"), choices=[("", "–"), *GoalKind.choices], required=False
    )
    goal_sales_pct = forms.DecimalField(
        label=_("Target kenaikan omzet (%)"), required=False, min_value=0, max_digits=6, decimal_places=2
    )

    def __init__(self, *args, problems=None, umkm=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problems"].queryset = problems
        if not umkm:
            del self.fields["goal_kind"]
            del self.fields["goal_sales_pct"]


class RecommendationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis rekomendasi"), choices=RecommendationKind.choices)
    description = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.ChoiceField(label=_("Penanggung jawab"), choices=Responsible.choices)
    responsible_user = forms.ModelChoiceField(label=_("Petugas atau pakar"), queryset=None, required=False)
    responsible_org = forms.ModelChoiceField(
        label=_("Bank atau organisasi mitra"), queryset=None, required=False
    )
    target_org = forms.ModelChoiceField(
        label=_("Tujuan: bank, gerai, atau jaringan"), queryset=None, required=False
    )
    due_on = forms.DateField(label=_("Batas waktu"), widget=IsoDateInput)

    def __init__(self, *args, people=None, organizations=None, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_user"].queryset = people
        self.fields["responsible_org"].queryset = organizations
        self.fields["target_org"].queryset = organizations
        if events is not None:
            self.fields["target_event"] = forms.ModelChoiceField(
                label=_("Kegiatan pelatihan"), queryset=events, required=False
            )
            self.order_fields([*[f for f in self.fields if f != "due_on"], "due_on"])


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RecommendationStatus.choices)


class VisitForm(forms.Form):
    planned_on = forms.DateField(label=_("Tanggal rencana kunjungan"), widget=IsoDateInput)
    purpose = forms.CharField(label=_("Tujuan kunjungan"), max_length=300)


class VisitRecordForm(forms.Form):
    visited_on = forms.DateField(label=_("Tanggal kunjungan"), widget=IsoDateInput)
    notes = forms.CharField(label=_("Catatan kunjungan"), widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("Lampiran (foto atau PDF)"), required=False)


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Catatan hasil"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RequestForm(forms.Form):
    note = forms.CharField(
        label=_("Masalah yang ingin dibantu"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
