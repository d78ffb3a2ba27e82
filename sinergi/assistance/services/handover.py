"""The handover of goods with its proof, the monitoring visits it schedules, and repayments to a
revolving fund."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.assistance import rules
from sinergi.assistance.models import (
    Application,
    Confirmation,
    Cycle,
    Handover,
    Repayment,
    Status,
    Visit,
)
from sinergi.assistance.photos import checked_photo, checked_signature
from sinergi.assistance.services.common import (
    VISIT_MONTHS,
    _add_months,
    _locked,
    _require_run,
    _step,
    audit,
    normalize_space,
    refuse,
)
from sinergi.assistance.tallies import TallyChange
from sinergi.core.audit import snapshot
from sinergi.core.notifications import Message, notify

# --- handover ---------------------------------------------------------------------------------


def _decimal_or_none(value, field: str, low: int, high: int):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except Exception:
        raise ValidationError({field: _("Koordinat tidak valid.")}) from None
    if not Decimal(low) <= number <= Decimal(high):
        raise ValidationError({field: _("Koordinat tidak valid.")})
    return number


@transaction.atomic
def handover_record(
    *,
    actor,
    application: Application,
    handed_on: dt.date,
    items: str,
    address: str,
    confirmation: str,
    serial_numbers: str = "",
    photo=None,
    signature: str = "",
    latitude=None,
    longitude=None,
) -> tuple[Handover, str | None]:
    """Record the handover of the application's package, with its proof. With a signature the
    recipient confirms on the spot; with a code, a 6-digit code goes to the owner by WhatsApp (the
    link is returned for the officer to open) and `handover_confirm` checks it. Visits at 3, 6
    and 12 months are scheduled."""
    programme = application.programme
    _require_run(actor, programme)
    programme = _locked(programme)
    _step("handover", programme)
    application = (
        Application.objects.select_for_update().select_related("package", "business").get(pk=application.pk)
    )
    if Handover.objects.filter(application=application, package=application.package).exists():
        raise refuse("handed_over", "package")
    if application.status != Status.SELECTED:
        raise refuse("not_selected", "status")
    if handed_on is None or handed_on > timezone.localdate():
        raise ValidationError({"handed_on": _("Tanggal serah terima tidak boleh di masa depan.")})
    items, address = items.strip(), normalize_space(address)
    if not items:
        raise ValidationError({"items": _("Tulis barang yang diserahkan.")})
    if not address:
        raise ValidationError({"address": _("Tulis alamat serah terima.")})
    if confirmation not in Confirmation.values:
        raise ValidationError({"confirmation": _("Pilih cara konfirmasi penerima.")})
    handover = Handover(
        application=application,
        package=application.package,
        region_code=application.region_code,
        handed_on=handed_on,
        items=items,
        serial_numbers=serial_numbers.strip(),
        address=address,
        latitude=_decimal_or_none(latitude, "latitude", -90, 90),
        longitude=_decimal_or_none(longitude, "longitude", -180, 180),
        confirmation=confirmation,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    if photo is not None:
        handover.photo = checked_photo(photo, name="serah-terima")
    link = None
    if confirmation == Confirmation.SIGNATURE:
        handover.signature = checked_signature(signature or "")
        handover.confirmed_at = timezone.now()
    else:
        code = f"{secrets.randbelow(10**6):06d}"
        handover.code_hash = make_password(code)
        text = _("Kode konfirmasi serah terima bantuan %(package)s untuk %(shop)s: %(code)s") % {
            "package": application.package.name, "shop": application.business.name, "code": code,
        }  # fmt: skip
        delivery = notify(
            message=Message(_("Serah terima bantuan warung"), text), phones=[application.business.phone]
        )
        link = delivery.whatsapp_links[0] if delivery.whatsapp_links else None
        if link is None:
            raise ValidationError(
                {"confirmation": _("Nomor WhatsApp warung tidak dapat dipakai; minta tanda tangan.")}
            )
    handover.save()
    Visit.objects.bulk_create(
        Visit(handover=handover, region_code=handover.region_code, month=m, due_on=_add_months(handed_on, m))
        for m in VISIT_MONTHS
    )
    change = TallyChange().watch(applications=[application.pk])
    application.status = Status.HANDED_OVER
    application.save(update_fields=["status", "updated_at"])
    change.apply()
    if programme.cycle == Cycle.SELECTED:
        programme.cycle = Cycle.HANDED_OVER
        programme.save(update_fields=["cycle", "updated_at"])
    audit(
        actor=actor,
        action="handover.record",
        obj=handover,
        after=snapshot(
            handover, ["application", "package", "handed_on", "items", "serial_numbers", "confirmation"]
        ),
        organization_id=application.business_id,
    )
    return handover, link


@transaction.atomic
def handover_confirm(*, actor, handover: Handover, code: str) -> Handover:
    """The recipient's code, read out to the officer, confirms a handover."""
    _require_run(actor, handover.application.programme)
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if handover.confirmed_at is not None:
        return handover
    if not handover.code_hash or not check_password((code or "").strip(), handover.code_hash):
        raise ValidationError({"code": _("Kode konfirmasi tidak cocok.")})
    handover.confirmed_at = timezone.now()
    handover.save(update_fields=["confirmed_at", "updated_at"])
    audit(actor=actor, action="handover.confirm", obj=handover, after={"confirmed": True})
    return handover


# --- monitoring -------------------------------------------------------------------------------


def visit_for(application: Application, month: int) -> Visit:
    """The scheduled visit of a month; refused when the warung has had no handover."""
    visit = (
        Visit.objects.filter(handover__application=application, month=month)
        .select_related("handover")
        .first()
    )
    if visit is None:
        if not Handover.objects.filter(application=application).exists():
            raise ValidationError({"month": str(rules.PROBLEMS["no_handover"])})
        raise ValidationError({"month": _("Kunjungan hanya pada bulan ke-3, ke-6 dan ke-12.")})
    return visit


@transaction.atomic
def visit_record(
    *,
    actor,
    visit: Visit,
    visited_on: dt.date,
    revenue: Decimal,
    operating: bool,
    goods_in_use: dict[str, bool],
    stock_turnover: Decimal | None = None,
    photo=None,
    notes: str = "",
) -> Visit:
    """Record a monitoring visit: monthly revenue, stock turnover, whether the shop still runs and
    each item of the package is in use, a photo."""
    handover = visit.handover
    programme = handover.application.programme
    _require_run(actor, programme)
    programme = _locked(programme)
    _step("visit", programme)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.visited_on is not None:
        raise refuse("visit_done", "visited_on")
    if visited_on is None or visited_on < handover.handed_on:
        raise refuse("before_handover", "visited_on")
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("Tanggal kunjungan tidak boleh di masa depan.")})
    if revenue is None or revenue < 0 or revenue != revenue.to_integral():
        raise ValidationError({"revenue": _("Omzet harus rupiah utuh, tidak negatif.")})
    if stock_turnover is not None and stock_turnover < 0:
        raise ValidationError({"stock_turnover": _("Perputaran stok tidak boleh negatif.")})
    items = handover_items(handover)
    visit.goods_in_use = {item: bool(goods_in_use.get(item, False)) for item in items}
    visit.visited_on, visit.revenue, visit.operating = visited_on, revenue, bool(operating)
    visit.stock_turnover, visit.notes = stock_turnover, notes.strip()
    visit.recorded_by = actor if getattr(actor, "pk", None) else None
    if photo is not None:
        visit.photo = checked_photo(photo, name="kunjungan")
    visit.save()
    if programme.cycle == Cycle.HANDED_OVER:
        programme.cycle = Cycle.MONITORED
        programme.save(update_fields=["cycle", "updated_at"])
    audit(
        actor=actor,
        action="visit.record",
        obj=visit,
        after=snapshot(
            visit, ["month", "visited_on", "revenue", "stock_turnover", "operating", "goods_in_use"]
        ),
    )
    return visit


def handover_items(handover: Handover) -> list[str]:
    return [line.strip() for line in handover.items.splitlines() if line.strip()]


@transaction.atomic
def repayment_record(*, actor, application: Application, paid_on: dt.date, amount: Decimal) -> Repayment:
    """A recipient's repayment to a revolving-fund programme."""
    application = Application.objects.select_related("programme").get(pk=application.pk)
    programme = application.programme
    _require_run(actor, programme)
    if not programme.revolving_fund:
        raise ValidationError({"amount": _("Program ini bukan dana bergulir.")})
    if application.status != Status.HANDED_OVER:
        raise refuse("no_handover", "amount")
    if amount is None or amount <= 0 or amount != amount.to_integral():
        raise ValidationError({"amount": _("Jumlah harus rupiah utuh lebih dari nol.")})
    if paid_on is None or paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("Tanggal bayar tidak boleh di masa depan.")})
    repayment = Repayment.objects.create(
        application=application, paid_on=paid_on, amount=amount, recorded_by=actor
    )
    audit(actor=actor, action="repayment.record", obj=repayment, after=snapshot(repayment, ["paid_on", "amount"]),
          region_code=application.region_code)  # fmt: skip
    return repayment
