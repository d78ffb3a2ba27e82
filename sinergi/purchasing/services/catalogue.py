"""Catalogue writes: products, suppliers' price lists with their volume tiers, delivery fees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, User
from sinergi.core.audit import audit_record, changed, snapshot
from sinergi.core.money import MoneyError, parse_money
from sinergi.purchasing.models import (
    ContentUnit,
    DeliveryFee,
    PriceList,
    PriceListItem,
    PriceTier,
    Product,
    ProductCategory,
)
from sinergi.purchasing.prices import COMMODITY_BY_KEY
from sinergi.purchasing.selectors import may_correct_products, may_manage_catalogue, may_supply
from sinergi.regions.models import Region

PRODUCT_FIELDS = ["code", "name", "category", "unit", "pack_size", "content_unit", "commodity", "is_active"]
PRICE_LIST_FIELDS = ["name", "valid_from", "valid_until"]
MAX_TIERS = 10
# No round needs more; a typo of three extra zeros should fail loudly, not price a warehouse.
MAX_QTY = 1_000_000


def whole_rupiah(value, field: str) -> Decimal:
    """A positive whole-Rupiah amount from a number or text ("Rp 68.000"), else a field error."""
    try:
        amount = parse_money(value)
    except MoneyError:
        amount = None
    if amount is None or amount != amount.to_integral_value() or amount <= 0:
        raise ValidationError(
            {
                field: _("Harga harus rupiah bulat lebih dari nol: %(v)s")
                % {"v": value if value != "" else "—"}
            }
        )
    return amount.quantize(Decimal(1))


def tier_problems(tiers: Iterable[tuple[int, Decimal]]) -> list[str]:
    """What is wrong with an all-units tier schedule, lowest minimum first (empty when valid).

    The optimiser's rules, worded for a supplier: the first tier starts at 1, minimums rise, and
    prices never rise with quantity — a schedule where buying more costs more per unit is a typo.
    """
    tiers = list(tiers)
    if not tiers:
        return [_("Isi paling sedikit satu jenjang harga.")]
    if len(tiers) > MAX_TIERS:
        return [_("Paling banyak %(n)s jenjang harga.") % {"n": MAX_TIERS}]
    problems = []
    for i, (min_qty, price) in enumerate(tiers, start=1):
        if not isinstance(min_qty, int) or isinstance(min_qty, bool) or not 1 <= min_qty <= MAX_QTY:
            problems.append(_("Jenjang %(i)s: jumlah minimum harus bilangan bulat 1 atau lebih.") % {"i": i})
        if not isinstance(price, Decimal) or price <= 0 or price != price.to_integral_value():
            problems.append(_("Jenjang %(i)s: harga harus rupiah bulat lebih dari nol.") % {"i": i})
    if problems:
        return problems
    if tiers[0][0] != 1:
        problems.append(_("Jenjang pertama harus mulai dari jumlah 1, bukan %(n)s.") % {"n": tiers[0][0]})
    for i in range(1, len(tiers)):
        if tiers[i][0] <= tiers[i - 1][0]:
            problems.append(
                _("Jenjang %(i)s: jumlah minimum %(n)s harus lebih besar dari %(prev)s.")
                % {"i": i + 1, "n": tiers[i][0], "prev": tiers[i - 1][0]}
            )
        if tiers[i][1] > tiers[i - 1][1]:
            problems.append(
                _("Jenjang %(i)s: harga %(p)s naik dari %(prev)s; harga tidak boleh naik dengan jumlah.")
                % {"i": i + 1, "p": tiers[i][1], "prev": tiers[i - 1][1]}
            )
    return problems


def clean_tiers(tiers: Iterable) -> list[tuple[int, Decimal]]:
    """(min_qty, unit_price) pairs from numbers or text, checked; raises a `tiers` field error."""
    cleaned = []
    for min_qty, price in tiers:
        # Whole numbers typed as text ("500") count; anything else is reported by tier_problems.
        qty = int(min_qty) if isinstance(min_qty, str) and min_qty.strip().isdigit() else min_qty
        try:
            amount = parse_money(price) if not isinstance(price, Decimal) else price
        except MoneyError:
            amount = None
        cleaned.append((qty, amount if amount is not None else Decimal(-1)))
    problems = tier_problems(cleaned)
    if problems:
        raise ValidationError({"tiers": problems})
    return [(qty, price.quantize(Decimal(1))) for qty, price in cleaned]


# --- products --------------------------------------------------------------------------------


def _product_values(values: Mapping) -> dict:
    errors: dict[str, str] = {}
    clean = {}
    if "code" in values:
        code = (values["code"] or "").strip().lower()
        if not code or len(code) > 60 or not all(ch.isalnum() or ch in "-_" for ch in code):
            errors["code"] = _(
                "Kode barang hanya huruf kecil, angka dan tanda hubung, mis. beras-medium-5kg."
            )
        clean["code"] = code
    if "name" in values:
        clean["name"] = (values["name"] or "").strip()
        if not clean["name"]:
            errors["name"] = _("Nama barang wajib diisi.")
    if "category" in values:
        clean["category"] = values["category"]
        if values["category"] not in ProductCategory.values:
            errors["category"] = _("Kategori tidak dikenal: %(v)s") % {"v": values["category"]}
    if "unit" in values:
        clean["unit"] = (values["unit"] or "").strip().lower()
        if not clean["unit"] or len(clean["unit"]) > 20:
            errors["unit"] = _("Satuan wajib diisi (mis. karung, dus, botol).")
    if "pack_size" in values:
        try:
            pack = Decimal(str(values["pack_size"]).replace(",", "."))
        except (InvalidOperation, TypeError, ValueError):
            pack = Decimal(0)
        if (
            not pack.is_finite()
            or pack <= 0
            or pack >= Decimal("10000000")
            or pack != pack.quantize(Decimal("0.001"))
        ):
            errors["pack_size"] = _("Isi per satuan harus angka lebih dari nol (paling banyak 3 desimal).")
        clean["pack_size"] = pack
    if "content_unit" in values:
        clean["content_unit"] = values["content_unit"]
        if values["content_unit"] not in ContentUnit.values:
            errors["content_unit"] = _("Satuan isi tidak dikenal: %(v)s") % {"v": values["content_unit"]}
    if "commodity" in values:
        clean["commodity"] = values["commodity"] or ""
        if clean["commodity"] and clean["commodity"] not in COMMODITY_BY_KEY:
            errors["commodity"] = _("Komoditas tidak dikenal: %(v)s") % {"v": values["commodity"]}
    if "is_active" in values:
        clean["is_active"] = bool(values["is_active"])
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def product_create(
    *,
    actor: User,
    code: str,
    name: str,
    category: str,
    unit: str,
    pack_size,
    content_unit: str,
    commodity: str = "",
) -> Product:
    """Add a product to the shared catalogue (suppliers, coordinators and office writers)."""
    if not may_manage_catalogue(actor):
        raise PermissionDenied(_("Anda tidak berhak menambah barang ke katalog."))
    values = _product_values(
        {
            "code": code,
            "name": name,
            "category": category,
            "unit": unit,
            "pack_size": pack_size,
            "content_unit": content_unit,
            "commodity": commodity,
        }
    )
    if Product.objects.filter(code=values["code"]).exists():
        raise ValidationError({"code": _("Kode barang %(code)s sudah dipakai.") % {"code": values["code"]}})
    product = Product.objects.create(**values)
    audit_record(
        actor=actor, action="purchasing.product.create", obj=product, after=snapshot(product, PRODUCT_FIELDS)
    )
    return product


@transaction.atomic
def product_update(*, actor: User, product: Product, **changes) -> Product:
    """Correct a product. Only offices: a product is shared, and a changed pack size would change
    every supplier's offer of it."""
    if not may_correct_products(actor):
        raise PermissionDenied(_("Hanya petugas dinas yang dapat mengubah barang katalog."))
    unknown = set(changes) - (set(PRODUCT_FIELDS) - {"code"})
    if unknown:
        raise ValidationError({k: _("Kolom ini tidak dapat diubah.") for k in unknown})
    product = Product.objects.select_for_update().get(pk=product.pk)
    before = snapshot(product, PRODUCT_FIELDS)
    for key, value in _product_values(changes).items():
        setattr(product, key, value)
    product.save()
    old, new = changed(before, snapshot(product, PRODUCT_FIELDS))
    if new:
        audit_record(actor=actor, action="purchasing.product.update", obj=product, before=old, after=new)
    return product


# --- price lists -----------------------------------------------------------------------------


def _check_supplier(actor: User, supplier: Organization) -> None:
    if not may_supply(actor, supplier.pk):
        raise PermissionDenied(_("Anda tidak berhak mengubah harga pemasok ini."))


def _dates(valid_from, valid_until) -> None:
    if not isinstance(valid_from, dt.date):
        raise ValidationError({"valid_from": _("Tanggal mulai berlaku wajib diisi.")})
    if valid_until is not None and valid_until < valid_from:
        raise ValidationError({"valid_until": _("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai.")})


def _audit_supplier(actor, action: str, obj, supplier: Organization, **kwargs) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        region_code=supplier.region_id,
        organization_id=supplier.pk,
        **kwargs,
    )


@transaction.atomic
def price_list_create(
    *,
    actor: User,
    supplier: Organization,
    name: str,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
) -> PriceList:
    """Start a price list (daftar harga) for a period; its items are added next or imported."""
    _check_supplier(actor, supplier)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama daftar harga wajib diisi.")})
    _dates(valid_from, valid_until)
    price_list = PriceList.objects.create(
        supplier=supplier, name=name, valid_from=valid_from, valid_until=valid_until
    )
    _audit_supplier(
        actor,
        "purchasing.price_list.create",
        price_list,
        supplier,
        after=snapshot(price_list, PRICE_LIST_FIELDS),
    )
    return price_list


@transaction.atomic
def price_list_update(
    *, actor: User, price_list: PriceList, name: str, valid_from: dt.date, valid_until: dt.date | None
) -> PriceList:
    """Rename a price list or change its validity. Rounds already open keep their copied prices."""
    _check_supplier(actor, price_list.supplier)
    price_list = PriceList.objects.select_for_update().select_related("supplier").get(pk=price_list.pk)
    before = snapshot(price_list, PRICE_LIST_FIELDS)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama daftar harga wajib diisi.")})
    _dates(valid_from, valid_until)
    price_list.name, price_list.valid_from, price_list.valid_until = name, valid_from, valid_until
    price_list.save()
    old, new = changed(before, snapshot(price_list, PRICE_LIST_FIELDS))
    if new:
        _audit_supplier(
            actor, "purchasing.price_list.update", price_list, price_list.supplier, before=old, after=new
        )
    return price_list


def _tiers_of(item: PriceListItem) -> list[tuple[int, Decimal]]:
    return [(t.min_qty, t.unit_price) for t in item.tiers.order_by("min_qty")]


@transaction.atomic
def price_list_item_save(
    *, actor: User, price_list: PriceList, product: Product, tiers: Iterable
) -> tuple[PriceListItem, str]:
    """Set a product's tiers in a price list (insert or replace). Returns the item and "created",
    "updated" or "unchanged", so an import run twice reports the second run as unchanged."""
    _check_supplier(actor, price_list.supplier)
    cleaned = clean_tiers(tiers)
    if not product.is_active:
        raise ValidationError({"product": _("Barang %(name)s tidak aktif.") % {"name": product.name}})
    item, created = PriceListItem.objects.select_for_update().get_or_create(
        price_list=price_list, product=product
    )
    before = [] if created else _tiers_of(item)
    if before == cleaned:
        return item, "unchanged"
    item.tiers.all().delete()
    PriceTier.objects.bulk_create(
        [PriceTier(item=item, min_qty=qty, unit_price=price) for qty, price in cleaned]
    )
    item.save(update_fields=["updated_at"])
    _audit_supplier(
        actor,
        "purchasing.price_item.save",
        item,
        price_list.supplier,
        before={"tiers": before} if before else None,
        after={"product": product.code, "tiers": cleaned},
    )
    return item, "created" if created else "updated"


@transaction.atomic
def price_list_item_remove(*, actor: User, item: PriceListItem) -> None:
    supplier = item.price_list.supplier
    _check_supplier(actor, supplier)
    _audit_supplier(
        actor,
        "purchasing.price_item.remove",
        item,
        supplier,
        before={"product": item.product.code, "tiers": _tiers_of(item)},
    )
    item.delete()


# --- delivery fees ---------------------------------------------------------------------------


@transaction.atomic
def delivery_fees_set(*, actor: User, supplier: Organization, fees: Mapping[str, object]) -> dict[str, int]:
    """Set the fee per kecamatan code; an empty fee removes the kecamatan (no delivery there).

    Fees may be zero (free delivery) but not negative. Returns counts of what changed.
    """
    _check_supplier(actor, supplier)
    errors: dict[str, list[str]] = {}
    wanted: dict[str, Decimal | None] = {}
    known = set(Region.objects.filter(code__in=list(fees), level=3).values_list("code", flat=True))
    for code, value in fees.items():
        if code not in known:
            errors.setdefault("fees", []).append(_("Kode kecamatan tidak dikenal: %(code)s") % {"code": code})
            continue
        if value in (None, ""):
            wanted[code] = None
            continue
        try:
            amount = parse_money(value)
        except MoneyError:
            amount = None
        if amount is None or amount < 0 or amount != amount.to_integral_value():
            errors.setdefault("fees", []).append(
                _("Ongkos kirim ke %(code)s harus rupiah bulat 0 atau lebih: %(v)s")
                % {"code": code, "v": value}
            )
            continue
        wanted[code] = amount.quantize(Decimal(1))
    if errors:
        raise ValidationError(errors)
    current = {f.district_id: f for f in DeliveryFee.objects.select_for_update().filter(supplier=supplier)}
    counts = {"added": 0, "changed": 0, "removed": 0}
    before, after = {}, {}
    for code, amount in wanted.items():
        row = current.get(code)
        if amount is None:
            if row is not None:
                before[code] = row.fee
                row.delete()
                counts["removed"] += 1
        elif row is None:
            DeliveryFee.objects.create(supplier=supplier, district_id=code, fee=amount)
            after[code] = amount
            counts["added"] += 1
        elif row.fee != amount:
            before[code], after[code] = row.fee, amount
            row.fee = amount
            row.save(update_fields=["fee", "updated_at"])
            counts["changed"] += 1
    if before or after:
        _audit_supplier(
            actor,
            "purchasing.delivery_fees.set",
            supplier,
            supplier,
            before=before,
            after=after,
        )
    return counts
