"""Belanja Bareng forms: the shape of the input only; every rule lives in the services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import IsoDateInput
from sinergi.purchasing.importers import TIER_COUNT
from sinergi.purchasing.models import ALLOCATION_LABELS, ContentUnit, ProductCategory
from sinergi.purchasing.prices import COMMODITY_CHOICES

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _datetime_field(label) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, widget=DateTimeLocalInput(), input_formats=[DATETIME_FORMAT])


class ProductForm(forms.Form):
    code = forms.SlugField(label=_("Kode barang"), max_length=60, help_text=_("mis. beras-medium-5kg"))
    name = forms.CharField(label=_("Nama barang"), max_length=150)
    category = forms.ChoiceField(label=_("Kategori"), choices=ProductCategory.choices)
    unit = forms.CharField(label=_("Satuan jual"), max_length=20, help_text=_("karung, dus, botol, pak …"))
    pack_size = forms.DecimalField(label=_("Isi per satuan"), max_digits=10, decimal_places=3, min_value=0)
    content_unit = forms.ChoiceField(label=_("Satuan isi"), choices=ContentUnit.choices)
    commodity = forms.ChoiceField(
        label=_("Komoditas (untuk HET/HAP)"), choices=[("", "—"), *COMMODITY_CHOICES], required=False
    )


class ProductEditForm(ProductForm):
    is_active = forms.BooleanField(label=_("Aktif (dapat ditawarkan)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["code"]  # the code is the product's identity in every price list and plan


class PriceListForm(forms.Form):
    supplier = forms.TypedChoiceField(label=_("Pemasok"), coerce=int)
    name = forms.CharField(label=_("Nama daftar harga"), max_length=150)
    valid_from = forms.DateField(label=_("Berlaku mulai"), widget=IsoDateInput())
    valid_until = forms.DateField(
        label=_("Berlaku sampai"),
        required=False,
        widget=IsoDateInput(),
        help_text=_("Kosongkan bila berlaku sampai ada daftar baru."),
    )

    def __init__(self, *args, suppliers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].choices = [(s.pk, s.name) for s in suppliers]


class PriceListEditForm(PriceListForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["supplier"]


class PriceItemForm(forms.Form):
    """A product and up to five tiers (Min n / Harga n), read by the service as pairs."""

    product = forms.TypedChoiceField(label=_("Barang"), coerce=int)

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].choices = [(p.pk, f"{p.name} · {p.unit}") for p in products]
        for i in range(1, TIER_COUNT + 1):
            self.fields[f"min_{i}"] = forms.IntegerField(
                label=_("Min %(i)s") % {"i": i},
                required=i == 1,
                min_value=1,
                initial=1 if i == 1 else None,
            )
            self.fields[f"price_{i}"] = forms.CharField(
                label=_("Harga %(i)s") % {"i": i},
                required=i == 1,
                max_length=20,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            )

    def tiers(self) -> list[tuple]:
        data = self.cleaned_data
        return [
            (data[f"min_{i}"], data[f"price_{i}"])
            for i in range(1, TIER_COUNT + 1)
            if data.get(f"min_{i}") is not None or data.get(f"price_{i}")
        ]


class PriceTiersForm(PriceItemForm):
    """Editing an item: its product is fixed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["product"]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas XLSX atau CSV"))
    dry_run = forms.BooleanField(label=_("Periksa saja, jangan simpan"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.SINERGI_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Gunakan berkas XLSX atau CSV."))
        return upload


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Nama putaran"), max_length=150)
    opens_at = _datetime_field(_("Dibuka mulai"))
    closes_at = _datetime_field(_("Ditutup pada"))
    allocation = forms.ChoiceField(label=_("Pembagian penghematan"), choices=list(ALLOCATION_LABELS.items()))
    notes = forms.CharField(
        label=_("Catatan untuk anggota"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("mis. jadwal pengiriman, cara pembayaran."),
    )

    def __init__(self, *args, locked=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in locked:
            self.fields[name].disabled = True


class ReopenForm(forms.Form):
    closes_at = _datetime_field(_("Tutup kembali pada"))


class SuppliersForm(forms.Form):
    suppliers = forms.TypedMultipleChoiceField(
        label=_("Pemasok"), coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suppliers"].choices = [
            (
                org.pk,
                f"{org.name} — {price_list.name}"
                if price_list
                else f"{org.name} ({_('tidak ada daftar harga berlaku')})",
            )
            for org, price_list in candidates
        ]


class OrderForm(forms.Form):
    """One whole-number field per product on offer (`qty_<product id>`), and the order version."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.products = list(products)
        for product in self.products:
            self.fields[f"qty_{product.pk}"] = forms.IntegerField(
                label=product.name,
                min_value=0,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "step": 1}),
            )

    def quantities(self) -> dict:
        return {p: self.cleaned_data.get(f"qty_{p.pk}") or 0 for p in self.products}


class DropLineForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=300)


def now_local_input(offset) -> str:
    return timezone.localtime(timezone.now() + offset).strftime(DATETIME_FORMAT)
