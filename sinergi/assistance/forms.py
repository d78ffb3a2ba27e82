"""Forms of warung aid: they shape input only; the services decide (STYLE.md)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.assistance.models import COMPUTED_CRITERIA, Confirmation, Criterion, GrievanceKind, MaxScale
from sinergi.core.forms import IsoDateInput

ENTERED_CRITERIA = [c for c in Criterion if c not in COMPUTED_CRITERIA]
MONEY = {"min_value": 0, "decimal_places": 0, "max_digits": 18}


class ProgrammeForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Penyelenggara"))
    name = forms.CharField(label=_("Nama program"), max_length=200)
    budget = forms.DecimalField(label=_("Anggaran (Rp)"), **MONEY)
    opens_on = forms.DateField(label=_("Pendaftaran dibuka"), widget=IsoDateInput)
    closes_on = forms.DateField(label=_("Pendaftaran ditutup"), widget=IsoDateInput)
    target_regions = forms.CharField(
        label=_("Wilayah sasaran"),
        help_text=_(
            "Kode wilayah Kemendagri dipisah koma: kota/kabupaten (32.71), kecamatan (32.71.06) atau kelurahan/desa."
        ),
    )
    max_scale = forms.ChoiceField(label=_("Skala usaha terbesar"), choices=MaxScale.choices)
    min_months_operating = forms.IntegerField(
        label=_("Lama usaha minimal (bulan)"), min_value=0, max_value=600, initial=12
    )
    aided_within_months = forms.IntegerField(
        label=_("Belum dibantu program lain dalam (bulan)"), min_value=0, max_value=120, initial=24,
        help_text=_("0 berarti tidak diperiksa."),
    )  # fmt: skip
    check_nik = forms.BooleanField(label=_("Periksa NIK pemilik"), required=False, initial=True)
    revolving_fund = forms.BooleanField(label=_("Dana bergulir"), required=False)
    amount_due = forms.DecimalField(
        label=_("Angsuran yang dikembalikan per penerima (Rp)"), initial=0, **MONEY
    )
    supplier = forms.ModelChoiceField(queryset=None, label=_("Koperasi pemasok"), required=False)
    grievance_days = forms.IntegerField(
        label=_("Batas jawaban pengaduan (hari)"), min_value=1, max_value=90, initial=14
    )

    def __init__(self, *args, organizations, suppliers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["supplier"].queryset = suppliers
        for criterion in Criterion:
            self.fields[f"w_{criterion.value}"] = forms.DecimalField(
                label=_("Bobot: %(name)s") % {"name": criterion.label},
                min_value=0, max_value=100, decimal_places=2, max_digits=6, initial=0, required=False,
            )  # fmt: skip

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["target_regions"] = [c.strip() for c in data["target_regions"].split(",") if c.strip()]
        data["weights"] = {c.value: data.pop(f"w_{c.value}") or 0 for c in Criterion}
        return data


class PackageForm(forms.Form):
    name = forms.CharField(label=_("Nama paket"), max_length=150)
    unit_cost = forms.DecimalField(label=_("Harga satuan (Rp)"), **MONEY)
    stock = forms.IntegerField(label=_("Stok"), min_value=1)
    items = forms.CharField(
        label=_("Barang dalam paket"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu barang per baris."),
    )  # fmt: skip


class ApplicationForm(forms.Form):
    business = forms.ModelChoiceField(queryset=None, label=_("Warung"))
    package = forms.ModelChoiceField(queryset=None, label=_("Paket yang diminta"))
    baseline_revenue = forms.DecimalField(label=_("Omzet sebulan saat ini (Rp)"), **MONEY)
    photo = forms.FileField(label=_("Foto warung"), required=False)

    def __init__(self, *args, businesses, packages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business"].queryset = businesses
        self.fields["package"].queryset = packages
        for criterion in ENTERED_CRITERIA:
            self.fields[f"c_{criterion.value}"] = forms.DecimalField(
                label=_("%(name)s (0–1)") % {"name": criterion.label},
                min_value=0, max_value=1, decimal_places=6, max_digits=7, initial=0,
            )  # fmt: skip
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png"

    def criteria(self) -> dict:
        return {c.value: self.cleaned_data[f"c_{c.value}"] for c in ENTERED_CRITERIA}


class OverrideForm(forms.Form):
    note = forms.CharField(label=_("Catatan keputusan panitia"), widget=forms.Textarea(attrs={"rows": 2}))


class HandoverForm(forms.Form):
    handed_on = forms.DateField(label=_("Tanggal serah terima"), widget=IsoDateInput)
    items = forms.CharField(label=_("Barang yang diserahkan"), widget=forms.Textarea(attrs={"rows": 3}))
    serial_numbers = forms.CharField(
        label=_("Nomor seri"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    address = forms.CharField(label=_("Alamat serah terima"), max_length=300)
    latitude = forms.DecimalField(
        label=_("Lintang"), required=False, min_value=-90, max_value=90, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("Bujur"), required=False, min_value=-180, max_value=180, decimal_places=6
    )
    photo = forms.FileField(label=_("Foto serah terima"), required=False)
    confirmation = forms.ChoiceField(
        label=_("Konfirmasi penerima"), choices=Confirmation.choices, widget=forms.RadioSelect
    )
    signature = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png"


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Kode dari penerima"), max_length=6, min_length=6)


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Tanggal kunjungan"), widget=IsoDateInput)
    revenue = forms.DecimalField(label=_("Omzet sebulan (Rp)"), **MONEY)
    stock_turnover = forms.DecimalField(
        label=_("Perputaran stok (kali sebulan)"), required=False, min_value=0, decimal_places=2, max_digits=6
    )
    operating = forms.BooleanField(label=_("Warung masih buka"), required=False, initial=True)
    photo = forms.FileField(label=_("Foto kunjungan"), required=False)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for i, item in enumerate(items):
            self.fields[f"item_{i}"] = forms.BooleanField(
                label=_("Dipakai: %(item)s") % {"item": item}, required=False, initial=True
            )
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png"

    def goods(self) -> dict[str, bool]:
        return {item: self.cleaned_data[f"item_{i}"] for i, item in enumerate(self.items)}


class RepaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Tanggal bayar"), widget=IsoDateInput)
    amount = forms.DecimalField(label=_("Jumlah (Rp)"), **MONEY)


class GrievanceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=GrievanceKind.choices)
    application = forms.ModelChoiceField(queryset=None, label=_("Permohonan"), required=False)
    text = forms.CharField(label=_("Isi pengaduan"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda a: a.business.name


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Jawaban"), widget=forms.Textarea(attrs={"rows": 2}))
