"""Every change to a product, one function each: create, edit, photo, legality, submit, publish,
return, and the daily legality check.

Curation: a producer submits, an office admin or staff of the producer's jurisdiction publishes or
returns it with a note. Nothing publishes without that step, through any door. A published
product whose name, category, description, photo or legality changes goes back to "submitted"
(out of the catalogue until curated again): those are what a buyer trusts the office to have
checked. Price, unit and stock note change without a new curation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.accounts.models import OrganizationKind
from sinergi.accounts.scoping import organization_managers
from sinergi.core.audit import audit_record
from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import Notice
from sinergi.core.text import problem_message, text_problem
from sinergi.market import access, photos, rules, tallies
from sinergi.market.models import Category, Legality, LegalityKind, Product, ProductStatus

# The notification centre's events for curation and legality (the reminder event until the centre
# names them).
EVENT_CURATION = NotificationEvent.PRODUCT_CURATION
EVENT_LEGALITY = NotificationEvent.LEGALITY_EXPIRING

SUBMITTED_NOTICE = Notice(
    EVENT_CURATION,
    gettext_lazy("Produk menunggu kurasi: %(name)s"),
    gettext_lazy("%(business)s mengajukan produk untuk tayang di katalog."),
)
PUBLISHED_NOTICE = Notice(
    EVENT_CURATION,
    gettext_lazy("Produk tayang di katalog: %(name)s"),
    gettext_lazy("Produk Anda sudah dikurasi dan tampil di katalog publik."),
)
RETURNED_NOTICE = Notice(
    EVENT_CURATION,
    gettext_lazy("Produk dikembalikan: %(name)s"),
    gettext_lazy("Catatan petugas: %(note)s"),
)
EXPIRING_NOTICE = Notice(
    EVENT_LEGALITY,
    gettext_lazy("Izin %(kind)s produk %(name)s segera berakhir"),
    gettext_lazy("Izin %(kind)s nomor %(number)s berlaku sampai %(until)s. Perpanjang sebelum berakhir."),
)
EXPIRED_NOTICE = Notice(
    EVENT_LEGALITY,
    gettext_lazy("Izin %(kind)s produk %(name)s sudah kedaluwarsa"),
    gettext_lazy(
        "Izin %(kind)s nomor %(number)s berakhir %(until)s. Lencananya tidak lagi tampil di katalog."
    ),
)

PUBLIC_FIELDS = ("name", "category", "description", "unit", "price", "stock_note")


def refuse(code: str, field: str = "__all__") -> ValidationError:
    """The refusal for a rule's problem code, worded in the active language."""
    return ValidationError({field: ValidationError(str(rules.PROBLEMS[code]), code=code)})


def _refuse_all(found: dict[str, str]) -> None:
    if found:
        raise ValidationError(
            {field: ValidationError(str(rules.PROBLEMS[code]), code=code) for field, code in found.items()}
        )


def _check_texts(values: dict, multiline: tuple[str, ...] = ("description",)) -> None:
    for field, value in values.items():
        if isinstance(value, str):
            code = text_problem(value, multiline=field in multiline)
            if code:
                raise ValidationError(
                    {field: problem_message(code, value=value, multiline=field in multiline)}
                )


def _audit(*, actor, action: str, product: Product, before=None, after=None):
    return audit_record(
        actor=actor,
        action=f"market.{action}",
        obj=product,
        before=before,
        after=after,
        region_code=product.region_code,
        organization_id=product.business_id,
    )


def _snapshot(product: Product) -> dict:
    return {
        "name": product.name,
        "category": product.category,
        "description": product.description,
        "unit": product.unit,
        "price": product.price,
        "stock_note": product.stock_note,
        "status": product.status,
        "legality_state": product.legality_state,
    }


def _step(product: Product, step: str) -> None:
    problem = rules.transition_problem(step, product.status)
    if problem:
        raise refuse(problem, "status")


def _must_edit(actor, product: Product) -> None:
    if not access.may_edit(actor, product):
        raise PermissionDenied(_("Hanya pemilik usaha yang dapat mengubah produknya."))


def _locked(product: Product) -> Product:
    """The product's row as it is now, locked for this write."""
    return Product.objects.select_for_update().select_related("business").get(pk=product.pk)


def _refresh_state(product: Product, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    expiries = list(product.legalities.values_list("expires_on", flat=True))
    product.legality_state = rules.product_legality_state(expiries, today)


def _back_to_curation(product: Product) -> None:
    """A published product whose curated content changed leaves the catalogue until curated again."""
    if product.status == ProductStatus.PUBLISHED:
        product.status = ProductStatus.SUBMITTED
        product.submitted_at = timezone.now()
        product.published_at = None


def _values(name, category, description, unit, price, stock_note) -> dict:
    return {
        "name": (name or "").strip(),
        "category": category,
        "description": (description or "").strip(),
        "unit": (unit or "").strip(),
        "price": price,
        "stock_note": (stock_note or "").strip(),
    }


def _validate(values: dict) -> None:
    _check_texts(values)
    _refuse_all(
        rules.product_problems(
            name=values["name"],
            unit=values["unit"],
            category=values["category"],
            price=values["price"],
            categories=Category.values,
        )
    )


@transaction.atomic
def product_create(
    *,
    actor,
    business,
    name: str,
    category: str,
    unit: str,
    price: Decimal,
    description: str = "",
    stock_note: str = "",
) -> Product:
    """A new product of a UMKM, as a draft (only its owner adds products)."""
    if business is None or business.kind != OrganizationKind.UMKM:
        raise refuse("not_umkm", "business")
    if not access.manages_business(actor, business):
        raise PermissionDenied(_("Hanya pemilik usaha yang dapat menambah produknya."))
    values = _values(name, category, description, unit, price, stock_note)
    _validate(values)
    product = Product(business=business, slug=slugify(values["name"])[:160] or "produk", **values)
    product.copy_region(business.region_id or "")
    product.save()
    tallies.TallyChange().created(products=[product.pk]).watch(producers=[business.pk]).apply()
    _audit(actor=actor, action="product.create", product=product, after=_snapshot(product))
    return product


@transaction.atomic
def product_update(
    *,
    actor,
    product: Product,
    name: str,
    category: str,
    unit: str,
    price: Decimal,
    description: str = "",
    stock_note: str = "",
) -> Product:
    """Edit a product. A published product whose name, category or description changes goes back
    to curation; a new price, unit or stock note keeps it published."""
    _must_edit(actor, product)
    change = tallies.TallyChange().watch_product(product)
    product = _locked(product)
    values = _values(name, category, description, unit, price, stock_note)
    _validate(values)
    before = _snapshot(product)
    changed = {field for field, value in values.items() if getattr(product, field) != value}
    if not changed:
        return product
    for field, value in values.items():
        setattr(product, field, value)
    product.slug = slugify(product.name)[:160] or "produk"
    if rules.needs_recuration(changed):
        _back_to_curation(product)
    product.save()
    change.apply()
    _audit(actor=actor, action="product.update", product=product, before=before, after=_snapshot(product))
    return product


@transaction.atomic
def product_photo_set(*, actor, product: Product, upload) -> Product:
    """Replace the product's photo. The upload is checked by its content, limited to 5 MB and
    stored resized; a refused upload stores nothing and changes nothing. A published product goes
    back to curation: the office vouches for what the photo shows."""
    _must_edit(actor, product)
    data = photos.read_upload(upload)
    prepared = photos.prepare(data)  # refuse before locking or writing anything
    change = tallies.TallyChange().watch_product(product)
    product = _locked(product)
    before = _snapshot(product)
    old = (product.photo, product.thumbnail)
    stored = photos.store(product.pk, prepared)
    product.photo, product.photo_width, product.photo_height = stored.photo, stored.width, stored.height
    product.thumbnail = stored.thumbnail
    product.thumbnail_width, product.thumbnail_height = stored.thumbnail_width, stored.thumbnail_height
    _back_to_curation(product)
    product.save()
    change.apply()
    # The old files go once the new ones are committed.
    transaction.on_commit(lambda: photos.delete(*old))
    _audit(
        actor=actor,
        action="product.photo",
        product=product,
        before={**before, "photo": bool(old[0])},
        after={**_snapshot(product), "photo": True},
    )
    return product


@transaction.atomic
def legality_save(
    *,
    actor,
    product: Product,
    kind: str,
    number: str,
    issued_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    legality: Legality | None = None,
    today: dt.date | None = None,
) -> Legality:
    """Add a legality (halal, PIRT, BPOM, SNI) to a product, or change one. A published product
    goes back to curation: the office checks the new number before the badge shows."""
    _must_edit(actor, product)
    today = today or timezone.localdate()
    number = (number or "").strip()
    _check_texts({"number": number})
    _refuse_all(
        rules.legality_problems(
            kind=kind, number=number, issued_on=issued_on, expires_on=expires_on,
            kinds=LegalityKind.values, today=today,
        )
    )  # fmt: skip
    change = tallies.TallyChange().watch_product(product)
    product = _locked(product)
    if legality is not None and legality.product_id != product.pk:
        raise PermissionDenied
    clash = product.legalities.filter(kind=kind)
    if legality is not None:
        clash = clash.exclude(pk=legality.pk)
    if clash.exists():
        raise refuse("legality_duplicate", "kind")
    if legality is not None and (legality.kind, legality.number, legality.issued_on, legality.expires_on) == (
        kind, number, issued_on, expires_on,
    ):  # fmt: skip
        return legality  # saved untouched: no write, no new curation
    before_product = _snapshot(product)
    before = None
    if legality is None:
        legality = Legality(product=product)
    else:
        before = {"kind": legality.kind, "number": legality.number, "issued_on": legality.issued_on,
                  "expires_on": legality.expires_on}  # fmt: skip
    legality.kind, legality.number = kind, number
    legality.issued_on, legality.expires_on = issued_on, expires_on
    legality.alerted_state = ""
    legality.save()
    _refresh_state(product, today)
    _back_to_curation(product)
    product.save()
    change.apply()
    after = {"kind": kind, "number": number, "issued_on": issued_on, "expires_on": expires_on}
    audit_record(
        actor=actor, action="market.legality.save", obj=legality, before=before, after=after,
        region_code=product.region_code, organization_id=product.business_id,
    )  # fmt: skip
    if before_product["status"] != product.status:
        _audit(actor=actor, action="product.recuration", product=product,
               before={"status": before_product["status"]}, after={"status": product.status})  # fmt: skip
    return legality


@transaction.atomic
def legality_delete(*, actor, legality: Legality, today: dt.date | None = None) -> Product:
    product = legality.product
    _must_edit(actor, product)
    change = tallies.TallyChange().watch_product(product)
    product = _locked(product)
    before = {"kind": legality.kind, "number": legality.number, "expires_on": legality.expires_on}
    legality.delete()
    _refresh_state(product, today)
    product.save()
    change.apply()
    audit_record(
        actor=actor, action="market.legality.delete", object_type="market.legality",
        object_id=str(before["number"]), object_repr=str(product), before=before,
        region_code=product.region_code, organization_id=product.business_id,
    )  # fmt: skip
    return product


def _detail_url(product: Product) -> str:
    return reverse("market:detail", args=[product.pk])


@transaction.atomic
def product_submit(*, actor, product: Product) -> Product:
    """The owner asks the office to curate the product (from draft, or after it was returned)."""
    _must_edit(actor, product)
    change = tallies.TallyChange().watch_product(product)
    product = _locked(product)
    _step(product, "submit")
    before = product.status
    product.status = ProductStatus.SUBMITTED
    product.submitted_at = timezone.now()
    product.save()
    change.apply()
    _audit(actor=actor, action="product.submit", product=product, before={"status": before},
           after={"status": product.status})  # fmt: skip
    SUBMITTED_NOTICE.send(
        users=access.curators_of(product.region_code),
        params={"name": product.name, "business": product.business.name},
        url=_detail_url(product),
        actor=actor,
    )
    return product


@transaction.atomic
def product_publish(*, actor, product: Product) -> Product:
    """Curation passed: an office admin or staff of the producer's jurisdiction publishes the
    product to the public catalogue. Refused for anyone else (the producer included) and for a
    product that was not submitted for curation."""
    if not access.may_curate(actor, product):
        raise PermissionDenied(str(rules.PROBLEMS["not_curated"]))
    change = tallies.TallyChange().watch_product(product)
    product = _locked(product)
    _step(product, "publish")
    before = product.status
    product.status = ProductStatus.PUBLISHED
    product.published_at = timezone.now()
    product.curated_by = actor if getattr(actor, "pk", None) else None
    product.return_note = ""
    product.save()
    change.apply()
    _audit(actor=actor, action="product.publish", product=product, before={"status": before},
           after={"status": product.status})  # fmt: skip
    PUBLISHED_NOTICE.send(
        users=organization_managers([product.business_id]), params={"name": product.name},
        url=_detail_url(product), actor=actor,
    )  # fmt: skip
    return product


@transaction.atomic
def product_return(*, actor, product: Product, note: str) -> Product:
    """Curation found something to fix: the product goes back to its owner with the note (and
    leaves the catalogue if it was published)."""
    if not access.may_curate(actor, product):
        raise PermissionDenied(_("Hanya admin dan staf dinas di wilayah kerjanya yang mengkurasi produk."))
    note = (note or "").strip()
    _check_texts({"note": note}, multiline=("note",))
    if not note:
        raise refuse("return_note_missing", "note")
    change = tallies.TallyChange().watch_product(product)
    product = _locked(product)
    _step(product, "return")
    before = product.status
    product.status = ProductStatus.RETURNED
    product.return_note = note
    product.published_at = None
    product.curated_by = actor if getattr(actor, "pk", None) else None
    product.save()
    change.apply()
    _audit(actor=actor, action="product.return", product=product, before={"status": before},
           after={"status": product.status, "note": note})  # fmt: skip
    RETURNED_NOTICE.send(
        users=organization_managers([product.business_id]), params={"name": product.name, "note": note[:300]},
        url=_detail_url(product), actor=actor,
    )  # fmt: skip
    return product


def legality_check(*, actor, today: dt.date | None = None) -> dict:
    """The daily check (`sinergi market_legality_check`): keep each product's legality state
    current and tell the producer and the curating officers, once, when a legality starts
    expiring (within 30 days) and once when it has expired. A second run on the same day changes
    nothing and tells nobody."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=rules.EXPIRING_DAYS)
    result = {"checked": 0, "changed": 0, "expiring": 0, "expired": 0, "notifications": 0}
    due = (
        Legality.objects.filter(expires_on__lte=horizon)
        .select_related("product__business")
        .order_by("expires_on", "pk")
    )
    # Products whose kept state may be out of date: those with a legality near or past its end,
    # and those still marked expiring/expired (a renewal may have cleared them).
    product_ids = set(due.values_list("product_id", flat=True))
    product_ids |= set(
        Product.objects.filter(legality_state__in=["expiring", "expired"]).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for product_id in sorted(product_ids):
            product = Product.objects.get(pk=product_id)
            change = tallies.TallyChange().watch_product(product)
            product = Product.objects.select_for_update().get(pk=product_id)
            result["checked"] += 1
            before = product.legality_state
            _refresh_state(product, today)
            if product.legality_state != before:
                product.save(update_fields=["legality_state", "updated_at"])
                change.apply()
                result["changed"] += 1
                _audit(actor=actor, action="product.legality_state", product=product,
                       before={"legality_state": before}, after={"legality_state": product.legality_state})  # fmt: skip
        for legality in due:
            state = rules.legality_state_of(legality.expires_on, today)
            if state == "valid" or legality.alerted_state == state:
                continue
            product = legality.product
            notice = EXPIRED_NOTICE if state == "expired" else EXPIRING_NOTICE
            users = list(organization_managers([product.business_id])) + list(
                access.curators_of(product.region_code)
            )
            sent = notice.send(
                users=users,
                params={
                    "kind": legality.get_kind_display(),
                    "name": product.name,
                    "number": legality.number,
                    "until": legality.expires_on.strftime("%d-%m-%Y"),
                },
                url=_detail_url(product),
            )
            Legality.objects.filter(pk=legality.pk).update(alerted_state=state)
            result[state] += 1
            result["notifications"] += len(sent.notifications)
    return result
