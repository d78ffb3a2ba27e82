"""The shared catalogue, suppliers' price lists (with import) and delivery fees."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.models import Organization
from sinergi.core.forms import apply_errors
from sinergi.core.htmx import render_page
from sinergi.purchasing import exporters, fee_sheets, importers, selectors, services
from sinergi.purchasing.filters import CatalogueFilters, PriceListFilters
from sinergi.purchasing.forms import (
    PriceItemForm,
    PriceListEditForm,
    PriceListForm,
    PriceTiersForm,
    ProductEditForm,
    ProductForm,
    UploadForm,
)
from sinergi.purchasing.models import PriceListItem, Product, ProductCategory
from sinergi.purchasing.views.common import attempt, download, require
from sinergi.regions.models import Region


def _sees_catalogue(user) -> bool:
    return selectors.may_see_all_prices(user) or selectors.supplier_organizations(user).exists()


@login_required
def catalogue(request):
    """Products with the offers in force today and a warning where a price passes the HET/HAP."""
    require(_sees_catalogue(request.user))
    filters = CatalogueFilters.from_params(request.GET)
    context = {
        "rows": selectors.catalogue(user=request.user, filters=filters),
        "filters": filters,
        "categories": ProductCategory.choices,
        "can_add": selectors.may_manage_catalogue(request.user),
        "can_correct": selectors.may_correct_products(request.user),
    }
    return render_page(request, "purchasing/catalogue.html", context, partial="rows")


@login_required
@require_http_methods(["GET", "POST"])
def product_create(request):
    require(selectors.may_manage_catalogue(request.user))
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.product_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Barang ditambahkan ke katalog."))
            wanted = request.GET.get("next", "")
            safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()})
            return redirect(wanted if wanted and safe else "purchasing:catalogue")
    return render(
        request,
        "purchasing/form.html",
        {"form": form, "title": _("Barang baru"), "back": "purchasing:catalogue"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request, pk: int):
    """Correct a shared product (offices only: every supplier's offer of it depends on it)."""
    require(selectors.may_correct_products(request.user))
    product = get_object_or_404(Product, pk=pk)
    initial = {name: getattr(product, name) for name in ProductEditForm.base_fields}
    form = ProductEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.product_update(actor=request.user, product=product, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("purchasing:catalogue")
    return render(
        request, "purchasing/form.html", {"form": form, "title": product.name, "back": "purchasing:catalogue"}
    )


@login_required
def price_list_list(request):
    require(_sees_catalogue(request.user))
    filters = PriceListFilters.from_params(request.GET)
    context = {
        "price_lists": selectors.price_list_list(user=request.user, filters=filters),
        "filters": filters,
        "can_add": selectors.supplier_organizations(request.user).exists(),
    }
    return render(request, "purchasing/price_list_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def price_list_create(request):
    suppliers = list(selectors.supplier_organizations(request.user).order_by("name"))
    require(bool(suppliers))
    form = PriceListForm(
        request.POST or None, suppliers=suppliers, initial={"valid_from": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            price_list = services.price_list_create(
                actor=request.user,
                supplier={s.pk: s for s in suppliers}[data["supplier"]],
                name=data["name"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Daftar harga dibuat. Tambahkan barang atau impor dari Excel."))
            return redirect("purchasing:price_list_detail", pk=price_list.pk)
    return render(
        request,
        "purchasing/form.html",
        {"form": form, "title": _("Daftar harga baru"), "back": "purchasing:price_list_list"},
    )


def _item_rows(price_list):
    rows = []
    for item in selectors.price_list_items(price_list=price_list):
        tiers = list(item.tiers.all())
        rows.append(
            {
                "item": item,
                "tiers": list(zip(tiers, selectors.tier_warnings(item.product, tiers), strict=True)),
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def price_list_detail(request, pk: int):
    """A price list: its items and tiers with ceiling warnings; the supplier adds items here."""
    price_list = selectors.access_price_list(user=request.user, pk=pk)
    may_edit = selectors.may_supply(request.user, price_list.supplier_id)
    products = Product.objects.filter(is_active=True).order_by("category", "name")
    form = PriceItemForm(request.POST or None, products=products) if may_edit else None
    if request.method == "POST":
        require(may_edit)
        if form.is_valid():
            product = get_object_or_404(Product, pk=form.cleaned_data["product"])
            try:
                _item, outcome = services.price_list_item_save(
                    actor=request.user, price_list=price_list, product=product, tiers=form.tiers()
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Harga %(name)s disimpan.") % {"name": product.name})
                return redirect("purchasing:price_list_detail", pk=price_list.pk)
    context = {
        "price_list": price_list,
        "rows": _item_rows(price_list),
        "may_edit": may_edit,
        "form": form,
        "upload_form": UploadForm() if may_edit else None,
        "today": timezone.localdate(),
    }
    return render(request, "purchasing/price_list_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def price_list_edit(request, pk: int):
    price_list = selectors.access_price_list(user=request.user, pk=pk)
    require(selectors.may_supply(request.user, price_list.supplier_id))
    initial = {
        "name": price_list.name,
        "valid_from": price_list.valid_from,
        "valid_until": price_list.valid_until,
    }
    form = PriceListEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.price_list_update(actor=request.user, price_list=price_list, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("purchasing:price_list_detail", pk=price_list.pk)
    return render(
        request,
        "purchasing/form.html",
        {"form": form, "title": price_list.name, "back": "purchasing:price_list_list"},
    )


def _item(request, pk: int, item_pk: int) -> PriceListItem:
    price_list = selectors.access_price_list(user=request.user, pk=pk)
    require(selectors.may_supply(request.user, price_list.supplier_id))
    return get_object_or_404(price_list.items.select_related("product", "price_list__supplier"), pk=item_pk)


@login_required
@require_http_methods(["GET", "POST"])
def price_item_edit(request, pk: int, item_pk: int):
    item = _item(request, pk, item_pk)
    initial = {}
    for i, tier in enumerate(item.tiers.order_by("min_qty"), start=1):
        initial[f"min_{i}"], initial[f"price_{i}"] = tier.min_qty, int(tier.unit_price)
    form = PriceTiersForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.price_list_item_save(
                actor=request.user, price_list=item.price_list, product=item.product, tiers=form.tiers()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Harga %(name)s disimpan.") % {"name": item.product.name})
            return redirect("purchasing:price_list_detail", pk=pk)
    return render(
        request,
        "purchasing/form.html",
        {"form": form, "title": item.product.name, "back": "purchasing:price_list_list"},
    )


@login_required
@require_POST
def price_item_remove(request, pk: int, item_pk: int):
    item = _item(request, pk, item_pk)
    attempt(
        request,
        services.price_list_item_remove,
        _("%(name)s dihapus dari daftar harga.") % {"name": item.product.name},
        item=item,
    )
    return redirect("purchasing:price_list_detail", pk=pk)


@login_required
@require_POST
def price_list_import(request, pk: int):
    """Import an uploaded sheet into the price list and show what happened to every row."""
    price_list = selectors.access_price_list(user=request.user, pk=pk)
    require(selectors.may_supply(request.user, price_list.supplier_id))
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("purchasing:price_list_detail", pk=pk)
    upload = form.cleaned_data["file"]
    with _upload_copy(upload, "harga") as path:
        try:
            report = importers.import_price_list(
                actor=request.user, price_list=price_list, path=path, dry_run=form.cleaned_data["dry_run"]
            )
        except importers.FileRejected as exc:
            messages.error(request, str(exc))
            return redirect("purchasing:price_list_detail", pk=pk)
    return render(
        request,
        "purchasing/price_import_result.html",
        {"price_list": price_list, "report": report, "filename": upload.name},
    )


@contextmanager
def _upload_copy(upload, stem: str) -> Iterator[Path]:
    """A temporary copy of an uploaded sheet, removed afterwards (result pages list the rows)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (stem + Path(upload.name).suffix.lower())
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        yield path


@login_required
def price_list_template(request):
    require(_sees_catalogue(request.user))
    return download(
        exporters.price_list_template(), filename="templat-daftar-harga.xlsx", content_type=exporters.XLSX
    )


def _fee_supplier(request) -> tuple[Organization, list[Organization]]:
    """The supplier whose fees the request is about (one the user keeps), and all such suppliers."""
    suppliers = list(selectors.supplier_organizations(request.user).order_by("name"))
    require(bool(suppliers))
    by_pk = {s.pk: s for s in suppliers}
    wanted = request.GET.get("supplier") or request.POST.get("supplier") or ""
    supplier = by_pk.get(int(wanted)) if wanted.isdigit() else suppliers[0]
    if supplier is None:
        raise PermissionDenied
    return supplier, suppliers


@login_required
@require_http_methods(["GET", "POST"])
def delivery_fees(request):
    """A supplier's delivery fee per kecamatan of one regency: empty means no delivery there."""
    supplier, suppliers = _fee_supplier(request)
    region_code = (request.GET.get("region") or request.POST.get("region") or "").strip()
    if not Region.objects.filter(pk=region_code, level=2).exists():
        region_code = ".".join(supplier.region_id.split(".")[:2])
    table = selectors.delivery_fee_table(supplier=supplier, region_code=region_code)
    if request.method == "POST":
        fees = {
            district.code: request.POST.get(f"fee_{district.code}", "").strip() for district, _fee in table
        }
        try:
            counts = services.delivery_fees_set(actor=request.user, supplier=supplier, fees=fees)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Ongkos kirim disimpan: %(a)s baru, %(c)s berubah, %(r)s dihapus.")
                % {"a": counts["added"], "c": counts["changed"], "r": counts["removed"]},
            )
            return redirect(f"{request.path}?supplier={supplier.pk}&region={region_code}")
    context = {
        "supplier": supplier,
        "suppliers": suppliers,
        "region": Region.objects.get(pk=region_code),
        "regions": Region.objects.filter(level=2, code__startswith=region_code.split(".")[0] + ".").order_by(
            "code"
        ),
        "table": table,
        "others": selectors.fee_regions(supplier=supplier, exclude=region_code),
        "upload_form": UploadForm(),
    }
    return render(request, "purchasing/delivery_fees.html", context)


@login_required
def delivery_fee_sheet(request):
    """The supplier's fees as a sheet in the import's columns."""
    supplier, _suppliers = _fee_supplier(request)
    return download(
        exporters.delivery_fee_workbook(supplier), filename="ongkos-kirim.xlsx", content_type=exporters.XLSX
    )


@login_required
@require_POST
def delivery_fee_import(request):
    """Import an uploaded sheet of fees and show what happened to every row."""
    supplier, _suppliers = _fee_supplier(request)
    back = f"{reverse('purchasing:delivery_fees')}?supplier={supplier.pk}"
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    upload = form.cleaned_data["file"]
    with _upload_copy(upload, "ongkir") as path:
        try:
            report = fee_sheets.import_delivery_fees(
                actor=request.user, supplier=supplier, path=path, dry_run=form.cleaned_data["dry_run"]
            )
        except fee_sheets.FileRejected as exc:
            messages.error(request, str(exc))
            return redirect(back)
    context = {"supplier": supplier, "report": report, "filename": upload.name, "back": back}
    return render(request, "purchasing/delivery_fee_import_result.html", context)
