"""Forms of the outlet pages: they shape input only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.consignment.models import PaymentMethod, Period, PriceModel
from sinergi.core.forms import IsoDateInput
from sinergi.market.models import Product, ProductStatus


class AgreementForm(forms.Form):
    """A consignment of one published product (the producer is the product's UMKM)."""

    product = forms.ModelChoiceField(
        label=_("Produk"), queryset=Product.objects.none(), empty_label=_("— pilih produk —")
    )
    price_model = forms.ChoiceField(
        label=_("Model harga"), choices=PriceModel.choices, initial=PriceModel.COMMISSION
    )
    retail_price = forms.DecimalField(label=_("Harga jual (Rp)"), decimal_places=0, max_digits=18)
    commission_pct = forms.DecimalField(
        label=_("Komisi gerai (%)"), decimal_places=2, max_digits=5, required=False, initial=20
    )
    consignment_price = forms.DecimalField(
        label=_("Harga titip per satuan (Rp)"),
        decimal_places=0,
        max_digits=18,
        required=False,
        help_text=_("Untuk model harga titip tetap: yang diterima produsen per satuan terjual."),
    )
    period = forms.ChoiceField(
        label=_("Periode penyelesaian"), choices=Period.choices, initial=Period.MONTHLY
    )
    return_rules = forms.CharField(
        label=_("Aturan retur"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    return_max_days = forms.IntegerField(
        label=_("Batas retur (hari)"), min_value=0, max_value=365, initial=14
    )
    starts_on = forms.DateField(label=_("Mulai berlaku"), widget=IsoDateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = (
            Product.objects.filter(status=ProductStatus.PUBLISHED).select_related("business").order_by("name")
        )
        self.fields["product"].label_from_instance = lambda p: f"{p.name} — {p.business.name}"


class DeliveryForm(forms.Form):
    product = forms.TypedChoiceField(label=_("Produk"), coerce=int, choices=())
    qty = forms.IntegerField(label=_("Jumlah diterima"), min_value=1)
    best_before = forms.DateField(label=_("Baik digunakan sebelum"), required=False, widget=IsoDateInput)
    received_on = forms.DateField(label=_("Tanggal terima"), widget=IsoDateInput)

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].choices = [
            (i.product_id, i.product.name) for i in agreement.items.select_related("product")
        ]


class RemoveForm(DeliveryForm):
    kind = forms.ChoiceField(
        label=_("Jenis"), choices=[("return", _("Retur ke produsen")), ("writeoff", _("Hapus kedaluwarsa"))]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["best_before"]
        self.fields["qty"].label = _("Jumlah")
        self.fields["received_on"].label = _("Tanggal")


class SettleForm(forms.Form):
    month = forms.RegexField(
        label=_("Bulan (YYYY-MM)"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        widget=forms.TextInput(attrs={"type": "month"}),
    )


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Tanggal bayar"), widget=IsoDateInput)
    paid_with = forms.ChoiceField(label=_("Cara bayar"), choices=PaymentMethod.choices)
    reference = forms.CharField(label=_("Referensi (nomor transfer)"), required=False, max_length=60)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas penjualan (XLSX, ODS atau CSV)"))
    dry_run = forms.BooleanField(label=_("Uji saja (tidak disimpan)"), required=False, initial=True)


def producer_choices(outlet) -> list[tuple[int, str]]:
    """UMKM with published products in the outlet's regency: who may ask for or get a space."""
    from sinergi.accounts.models import Organization

    regency = ".".join(outlet.region_code.split(".")[:2])
    producers = (
        Organization.objects.filter(
            products__status=ProductStatus.PUBLISHED, products__region_code__startswith=regency + "."
        )
        .distinct()
        .order_by("name")
        .values_list("pk", "name")[:500]
    )
    return list(producers)


class SpaceForm(forms.Form):
    label = forms.CharField(label=_("Nama stan/rak"), max_length=60)


class AllocationForm(forms.Form):
    space = forms.TypedChoiceField(label=_("Stan/rak"), coerce=int, choices=())
    business = forms.TypedChoiceField(label=_("UMKM"), coerce=int, choices=())
    starts_on = forms.DateField(label=_("Mulai"), widget=IsoDateInput)
    ends_on = forms.DateField(label=_("Selesai"), widget=IsoDateInput)

    def __init__(self, *args, outlet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].choices = [(s.pk, s.label) for s in outlet.spaces.all()]
        self.fields["business"].choices = producer_choices(outlet)


class WaitingForm(forms.Form):
    business = forms.TypedChoiceField(label=_("UMKM"), coerce=int, choices=())
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args, outlet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business"].choices = producer_choices(outlet)
