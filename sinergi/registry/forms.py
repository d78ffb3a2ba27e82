"""Registry forms: they shape input only; the rules (`registry.rules`) are applied by the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.core.forms import IsoDateInput
from sinergi.core.money import MoneyError, parse_money
from sinergi.regions.widgets import RegionField
from sinergi.registry import cells, rules, selectors
from sinergi.registry.filters import BusinessFilters, CooperativeFilters
from sinergi.registry.models import (
    BusinessScale,
    BusinessStatus,
    CooperativeForm,
    CooperativeGroup,
    CooperativeStatus,
    CooperativeType,
    Gender,
    ImportBatch,
)

DATE = IsoDateInput()


class MoneyField(forms.CharField):
    """Rupiah typed the way people write it ("Rp 25.000.000", "25 jt"); cleaned to a Decimal.

    Only the reading happens here; whether the amount is allowed is the services' rule."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "Rp 0"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        from decimal import Decimal

        if isinstance(value, Decimal):
            return f"{value:,.0f}".replace(",", ".") if value == value.to_integral() else str(value)
        return value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return parse_money(value)
        except MoneyError:
            raise forms.ValidationError(rules.problem_message(rules.MONEY_INVALID, value=value)) from None


class CellField(forms.CharField):
    """A text field cleaned by the importer's own cell parser, so the form and the sheet agree."""

    def __init__(self, parser, **kwargs):
        self.parser = parser
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        try:
            return self.parser(value)
        except cells.CellError as exc:
            raise forms.ValidationError(exc.message_id) from None


class IdentityField(forms.CharField):
    """An identity number (NIK, NIB, NIK Koperasi) as typed; the services judge it by the registry's
    rules, so the page, the API and a sheet refuse the same numbers for the same reason."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)


def _number(low: int, high: int) -> forms.NumberInput:
    """The browser's hint of the plausible range; the services' rule decides."""
    return forms.NumberInput(attrs={"min": low, "max": high})


def _choices(enum, blank=True):
    return ([("", "—")] if blank else []) + list(enum.choices)


class CooperativeFormBase(forms.Form):
    name = forms.CharField(label=_("Nama koperasi"), max_length=200)
    region = RegionField(label=_("Wilayah"), min_level=3)
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    phone = forms.CharField(label=_("Nomor WhatsApp"), max_length=40, required=False)
    email = forms.CharField(label=_("Email"), max_length=254, required=False)
    nik_koperasi = IdentityField(label=_("NIK Koperasi"))
    legal_number = forms.CharField(label=_("Nomor badan hukum"), max_length=100, required=False)
    legal_date = forms.DateField(label=_("Tanggal badan hukum"), required=False, widget=DATE)
    amendment_number = forms.CharField(
        label=_("Nomor perubahan anggaran dasar"), max_length=100, required=False
    )
    amendment_date = forms.DateField(label=_("Tanggal perubahan anggaran dasar"), required=False, widget=DATE)
    cooperative_type = forms.ChoiceField(label=_("Jenis"), choices=_choices(CooperativeType), required=False)
    group = forms.ChoiceField(label=_("Kelompok"), choices=_choices(CooperativeGroup), required=False)
    form = forms.ChoiceField(label=_("Bentuk"), choices=_choices(CooperativeForm, blank=False))
    kbli = CellField(
        cells.kbli, label=_("KBLI"), max_length=200, help_text=_("Kode KBLI 2020, pisahkan dengan koma.")
    )
    founded_on = forms.DateField(label=_("Tanggal berdiri"), required=False, widget=DATE)
    fiscal_year_end_month = forms.IntegerField(label=_("Bulan tutup buku"), initial=12, widget=_number(1, 12))
    members_male = forms.IntegerField(
        label=_("Anggota laki-laki"), initial=0, widget=_number(0, rules.MEMBERS_MAX)
    )
    members_female = forms.IntegerField(
        label=_("Anggota perempuan"), initial=0, widget=_number(0, rules.MEMBERS_MAX)
    )
    last_rat_date = forms.DateField(label=_("Tanggal RAT terakhir"), required=False, widget=DATE)

    PROFILE_FIELDS = (
        "nik_koperasi", "legal_number", "legal_date", "amendment_number", "amendment_date", "cooperative_type",
        "group", "form", "kbli", "founded_on", "fiscal_year_end_month", "members_male", "members_female",
        "last_rat_date",
    )  # fmt: skip

    def __init__(self, *args, root: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].widget.root = root


class CooperativeStatusForm(forms.Form):
    # "Belum diketahui" is where an import without a status starts, never a decision to take.
    status = forms.ChoiceField(
        label=_("Status baru"),
        choices=[c for c in CooperativeStatus.choices if c[0] != CooperativeStatus.BELUM_DIKETAHUI],
    )
    effective_on = forms.DateField(label=_("Berlaku sejak"), widget=DATE)
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))


class BusinessForm(forms.Form):
    name = forms.CharField(label=_("Nama usaha"), max_length=200)
    region = RegionField(label=_("Wilayah"), min_level=3)
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    phone = forms.CharField(label=_("Nomor WhatsApp"), max_length=40, required=False)
    owner_name = forms.CharField(label=_("Nama pemilik"), max_length=150, required=False)
    owner_nik = IdentityField(label=_("NIK pemilik"))
    owner_gender = forms.ChoiceField(
        label=_("Jenis kelamin pemilik"), choices=_choices(Gender), required=False
    )
    nib = IdentityField(label=_("NIB"))
    kbli = CellField(
        cells.kbli, label=_("KBLI"), max_length=200, help_text=_("Kode KBLI 2020, pisahkan dengan koma.")
    )
    capital = MoneyField(
        label=_("Modal usaha"), help_text=_("Tidak termasuk tanah dan bangunan tempat usaha.")
    )
    annual_sales = MoneyField(label=_("Omzet per tahun"))
    employees = forms.IntegerField(
        label=_("Jumlah tenaga kerja"), required=False, widget=_number(0, rules.EMPLOYEES_MAX)
    )
    founded_on = forms.DateField(label=_("Tanggal berdiri"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=_choices(BusinessStatus, blank=False))

    PROFILE_FIELDS = (
        "owner_name", "owner_nik", "owner_gender", "nib", "kbli", "capital", "annual_sales", "employees",
        "founded_on", "status",
    )  # fmt: skip

    def __init__(self, *args, root: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].widget.root = root


class ScaleOverrideForm(forms.Form):
    scale_override = forms.ChoiceField(
        label=_("Skala usaha menurut petugas"), choices=[("", _("ikuti perhitungan"))] + list(BusinessScale.choices),
        required=False,
    )  # fmt: skip
    scale_override_reason = forms.CharField(label=_("Alasan"), max_length=300, required=False)


class MemberForm(forms.Form):
    member_number = forms.CharField(label=_("Nomor anggota"), max_length=40)
    name = forms.CharField(label=_("Nama"), max_length=150)
    nik = IdentityField(label=_("NIK"))
    gender = forms.ChoiceField(label=_("Jenis kelamin"), choices=_choices(Gender), required=False)
    joined_on = forms.DateField(label=_("Tanggal masuk"), required=False, widget=DATE)
    savings_pokok = MoneyField(label=_("Simpanan pokok"))
    savings_wajib = MoneyField(label=_("Simpanan wajib"))
    savings_sukarela = MoneyField(label=_("Simpanan sukarela"))

    def cleaned_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        for key in ("savings_pokok", "savings_wajib", "savings_sukarela"):
            if data[key] is None:
                data[key] = 0
        return data


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis data"), choices=ImportBatch.Kind.choices)
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.xls,.xlsm,.ods"}),
    )


class OfficerForm(forms.Form):
    # The initial choice is the one the select shows, so an extra row left blank counts as unchanged.
    body = forms.ChoiceField(
        label=_("Badan"),
        choices=[("pengurus", _("Pengurus")), ("pengawas", _("Pengawas"))],
        initial="pengurus",
    )
    position = forms.CharField(label=_("Jabatan"), max_length=60)
    name = forms.CharField(label=_("Nama"), max_length=150)
    term_start = forms.DateField(label=_("Awal masa jabatan"), required=False, widget=DATE)
    term_end = forms.DateField(label=_("Akhir masa jabatan"), required=False, widget=DATE)


OfficerFormSet = forms.formset_factory(OfficerForm, extra=2, can_delete=True)


# --- duplicates and clusters ---------------------------------------------------------------------

KIND_CHOICES = [
    (OrganizationKind.UMKM.value, _("UMKM")),
    (OrganizationKind.COOPERATIVE.value, _("Koperasi")),
]


class ScanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis data"), choices=KIND_CHOICES)
    # Not "region": the list's filter on the same page has a region picker of its own, and two
    # pickers of one name would share their controls' ids (and so their labels).
    scan_region = RegionField(label=_("Wilayah"), min_level=1, depth=3, required=False)

    def __init__(self, *args, root: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scan_region"].widget.root = root


class DistinctForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan (mengapa berbeda)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ClusterForm(forms.Form):
    name = forms.CharField(label=_("Nama klaster"), max_length=200)
    commodity = forms.CharField(label=_("Komoditas"), max_length=100)
    flagship = forms.ModelChoiceField(
        label=_("Koperasi unggulan"), queryset=Organization.objects.none(), required=False
    )
    cooperatives = forms.ModelMultipleChoiceField(queryset=Organization.objects.none(), required=False)
    businesses = forms.ModelMultipleChoiceField(queryset=Organization.objects.none(), required=False)

    def __init__(self, *args, user, district: str, **kwargs):
        super().__init__(*args, **kwargs)
        coops = selectors.cooperative_list(user=user, filters=CooperativeFilters(region=district)).values(
            "organization_id"
        )
        businesses = selectors.business_list(user=user, filters=BusinessFilters(region=district))
        self.fields["flagship"].queryset = Organization.objects.filter(pk__in=coops).order_by("name")
        self.fields["cooperatives"].queryset = Organization.objects.filter(pk__in=coops)
        self.fields["businesses"].queryset = Organization.objects.filter(
            pk__in=businesses.values("organization_id")
        )


class MoveForm(forms.Form):
    region = RegionField(label=_("Wilayah tujuan"), min_level=3)
    reason = forms.CharField(
        label=_("Alasan pindah"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Misalnya alamat usaha yang baru. Petugas dinas wilayah tujuan membacanya."),
    )
