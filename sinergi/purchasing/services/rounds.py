"""Round writes: set up, open, order, close.

Concurrency (DESIGN.md §8: no lost updates, a closed round cannot change). Every order write
locks the round row first (`select_for_update`), then the order row. Closing takes the same round
lock, so a save either commits before the close or sees the round closed — never half of each.
Writers in one round queue on that lock for a few milliseconds each, which even a 500-member round
absorbs. Against lost updates between two people editing the same order from forms loaded
earlier, an edit carries the order `version` it was made against; a stale version is refused
with a message, never written over the newer order. On SQLite the lock is a no-op, but its
IMMEDIATE transactions (settings) serialise writers the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, User
from sinergi.core.audit import audit_record, changed, snapshot
from sinergi.purchasing import notices, tallies
from sinergi.purchasing.allocation import ALLOCATION_RULES
from sinergi.purchasing.models import (
    Order,
    OrderLine,
    Product,
    Round,
    RoundOffer,
    RoundStatus,
    RoundSupplier,
)
from sinergi.purchasing.selectors import accepts_orders, may_coordinate, may_order, valid_price_list
from sinergi.purchasing.services.catalogue import MAX_QTY, tier_problems
from sinergi.registry.models import Network, NetworkKind
from sinergi.registry.selectors_networks import ordering_cooperatives

ROUND_FIELDS = ["name", "opens_at", "closes_at", "status", "allocation", "notes"]


def _audit(actor, action: str, round: Round, **kwargs) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=round,
        region_code=round.network.region_id,
        organization_id=round.network.lead_id,
        **kwargs,
    )


def _check_coordinator(actor: User, network: Network) -> None:
    if not may_coordinate(actor, network):
        raise PermissionDenied(_("Hanya koordinator jaringan yang dapat mengatur putaran ini."))


def _locked(round: Round) -> Round:
    return Round.objects.select_for_update().select_related("network").get(pk=round.pk)


def _whole_minute(moment):
    """A round opens and closes on a whole minute, the precision its form shows and sends back: a
    time given with seconds (API, scripts) would otherwise move each time the form is saved."""
    return moment.replace(second=0, microsecond=0) if isinstance(moment, dt.datetime) else moment


def _check_times(opens_at: dt.datetime, closes_at: dt.datetime) -> None:
    if not isinstance(opens_at, dt.datetime) or not isinstance(closes_at, dt.datetime):
        raise ValidationError({"opens_at": _("Isi waktu buka dan tutup putaran.")})
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("Waktu tutup harus sesudah waktu buka.")})


@transaction.atomic
def round_create(
    *,
    actor: User,
    network: Network,
    name: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    notes: str = "",
    allocation: str = ALLOCATION_RULES[0],
    suppliers: Iterable[Organization] = (),
) -> Round:
    """A new round in draft (konsep): nothing is offered or ordered until it opens."""
    _check_coordinator(actor, network)
    if network.kind != NetworkKind.BUYING:
        raise ValidationError({"network": _("Hanya jaringan belanja bareng yang menjalankan putaran.")})
    if not network.is_active:
        raise ValidationError({"network": _("Jaringan ini tidak aktif.")})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama putaran wajib diisi.")})
    opens_at, closes_at = _whole_minute(opens_at), _whole_minute(closes_at)
    _check_times(opens_at, closes_at)
    if allocation not in ALLOCATION_RULES:
        raise ValidationError({"allocation": _("Aturan pembagian tidak dikenal.")})
    round = Round.objects.create(
        network=network,
        name=name,
        opens_at=opens_at,
        closes_at=closes_at,
        notes=(notes or "").strip(),
        allocation=allocation,
    )
    RoundSupplier.objects.bulk_create([RoundSupplier(round=round, supplier=s) for s in suppliers])
    _audit(
        actor,
        "purchasing.round.create",
        round,
        after={**snapshot(round, ROUND_FIELDS), "suppliers": sorted(s.pk for s in suppliers)},
    )
    return round


@transaction.atomic
def round_update(*, actor: User, round: Round, **changes) -> Round:
    """Change a round. In draft anything; while open only its name, notes and closing time (to
    extend or shorten it, but not into the past); afterwards nothing."""
    _check_coordinator(actor, round.network)
    round = _locked(round)
    allowed = {
        RoundStatus.DRAFT: {"name", "notes", "opens_at", "closes_at", "allocation"},
        RoundStatus.OPEN: {"name", "notes", "closes_at"},
    }.get(round.status, set())
    refused = set(changes) - allowed
    if refused:
        raise ValidationError(
            {
                k: _("Tidak dapat diubah saat putaran berstatus %(s)s.") % {"s": round.get_status_display()}
                for k in refused
            }
        )
    before = snapshot(round, ROUND_FIELDS)
    change = tallies.TallyChange().watch(rounds=[round.pk])
    if "name" in changes:
        round.name = (changes["name"] or "").strip()
        if not round.name:
            raise ValidationError({"name": _("Nama putaran wajib diisi.")})
    if "notes" in changes:
        round.notes = (changes["notes"] or "").strip()
    if "allocation" in changes:
        if changes["allocation"] not in ALLOCATION_RULES:
            raise ValidationError({"allocation": _("Aturan pembagian tidak dikenal.")})
        round.allocation = changes["allocation"]
    round.opens_at = _whole_minute(changes.get("opens_at", round.opens_at))
    round.closes_at = _whole_minute(changes.get("closes_at", round.closes_at))
    _check_times(round.opens_at, round.closes_at)
    if round.status == RoundStatus.OPEN and "closes_at" in changes and round.closes_at <= timezone.now():
        raise ValidationError(
            {"closes_at": _("Waktu tutup tidak boleh di masa lalu; tutup saja putarannya.")}
        )
    round.save()
    change.apply()
    old, new = changed(before, snapshot(round, ROUND_FIELDS))
    if new:
        _audit(actor, "purchasing.round.update", round, before=old, after=new)
    return round


@transaction.atomic
def round_suppliers_set(*, actor: User, round: Round, suppliers: Iterable[Organization]) -> Round:
    """Choose the suppliers of a draft round."""
    _check_coordinator(actor, round.network)
    round = _locked(round)
    if round.status != RoundStatus.DRAFT:
        raise ValidationError({"suppliers": _("Pemasok hanya dapat diubah selagi putaran masih konsep.")})
    wanted = {s.pk for s in suppliers}
    before = set(round.round_suppliers.values_list("supplier_id", flat=True))
    round.round_suppliers.exclude(supplier_id__in=wanted).delete()
    RoundSupplier.objects.bulk_create([RoundSupplier(round=round, supplier_id=pk) for pk in wanted - before])
    if wanted != before:
        _audit(
            actor,
            "purchasing.round.suppliers",
            round,
            before={"suppliers": sorted(before)},
            after={"suppliers": sorted(wanted)},
        )
    return round


@transaction.atomic
def round_open(*, actor: User, round: Round) -> Round:
    """Open a draft round: copy each supplier's price list valid on the closing day into offers.

    Refused when a supplier has no valid list, or nothing at all would be offered.
    """
    _check_coordinator(actor, round.network)
    round = _locked(round)
    if round.status != RoundStatus.DRAFT:
        raise ValidationError(_("Hanya putaran berstatus konsep yang dapat dibuka."))
    if round.closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("Waktu tutup sudah lewat; ubah dulu jadwalnya.")})
    on = timezone.localtime(round.closes_at).date()
    participants = list(round.round_suppliers.select_related("supplier"))
    if not participants:
        raise ValidationError({"suppliers": _("Pilih paling sedikit satu pemasok.")})
    offers, problems = [], []
    for participant in participants:
        price_list = valid_price_list(supplier_id=participant.supplier_id, on=on)
        if price_list is None:
            problems.append(
                _("%(s)s tidak punya daftar harga yang berlaku pada %(d)s.")
                % {"s": participant.supplier.name, "d": on.strftime("%d-%m-%Y")}
            )
            continue
        participant.price_list = price_list
        participant.save(update_fields=["price_list"])
        for item in price_list.items.select_related("product").prefetch_related("tiers"):
            tiers = sorted((t.min_qty, t.unit_price) for t in item.tiers.all())
            if not item.product.is_active or tier_problems(tiers):
                continue  # an inactive product, or tiers saved before a rule tightened: not offered
            offers.append(
                RoundOffer(
                    round=round,
                    supplier_id=participant.supplier_id,
                    product=item.product,
                    tiers=[[qty, int(price)] for qty, price in tiers],
                )
            )
    if problems:
        raise ValidationError({"suppliers": problems})
    if not offers:
        raise ValidationError({"suppliers": _("Daftar harga pemasok terpilih belum berisi barang.")})
    RoundOffer.objects.bulk_create(offers)
    round.status = RoundStatus.OPEN
    round.opened_at = timezone.now()
    round.save(update_fields=["status", "opened_at", "updated_at"])
    _audit(
        actor,
        "purchasing.round.open",
        round,
        before={"status": RoundStatus.DRAFT},
        after={"status": RoundStatus.OPEN, "offers": len(offers)},
    )
    notices.round_opened(actor=actor, round=round)
    return round


@transaction.atomic
def round_close(*, actor: User, round: Round) -> Round:
    """Close an open round, at or before its closing time. From now on no order changes."""
    _check_coordinator(actor, round.network)
    round = _locked(round)
    if round.status != RoundStatus.OPEN:
        raise ValidationError(_("Hanya putaran yang sedang dibuka yang dapat ditutup."))
    change = tallies.TallyChange().watch(rounds=[round.pk])
    round.status = RoundStatus.CLOSED
    round.closed_at = timezone.now()
    round.save(update_fields=["status", "closed_at", "updated_at"])
    change.apply()
    _audit(
        actor,
        "purchasing.round.close",
        round,
        before={"status": RoundStatus.OPEN},
        after={"status": RoundStatus.CLOSED, "early": round.closed_at < round.closes_at},
    )
    return round


@transaction.atomic
def round_reopen(*, actor: User, round: Round, closes_at: dt.datetime) -> Round:
    """Reopen a round closed by mistake, until it is optimised: members may order again until the
    new closing time. That time must lie ahead, or the scheduled `rounds_close_due` would close the
    round again at its next run."""
    _check_coordinator(actor, round.network)
    round = _locked(round)
    if round.status != RoundStatus.CLOSED:
        raise ValidationError(
            _("Hanya putaran yang sudah ditutup dan belum dioptimalkan yang dapat dibuka kembali.")
        )
    closes_at = _whole_minute(closes_at)
    if not isinstance(closes_at, dt.datetime):
        raise ValidationError({"closes_at": _("Isi waktu tutup yang baru.")})
    if closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("Waktu tutup yang baru harus di masa depan.")})
    if closes_at <= round.opens_at:
        raise ValidationError({"closes_at": _("Waktu tutup harus sesudah waktu buka.")})
    fields = ["status", "closes_at", "closed_at"]
    before = snapshot(round, fields)
    change = tallies.TallyChange().watch(rounds=[round.pk])
    round.status = RoundStatus.OPEN
    round.closes_at = closes_at
    round.closed_at = None
    # Problems found by a failed optimisation belong to the orders as they were; they may change now.
    round.problems = []
    round.save(update_fields=["status", "closes_at", "closed_at", "problems", "updated_at"])
    change.apply()
    _audit(
        actor,
        "purchasing.round.reopen",
        round,
        before=before,
        after=snapshot(round, fields),
    )
    return round


def rounds_close_due(*, actor: User, now: dt.datetime | None = None) -> list[Round]:
    """Close every open round whose closing time has passed (the scheduled `purchasing_close_due`)."""
    now = now or timezone.now()
    closed = []
    for round in Round.objects.filter(status=RoundStatus.OPEN, closes_at__lte=now).select_related("network"):
        closed.append(round_close(actor=actor, round=round))
    notices.rounds_closing_soon(now=now)
    return closed


# --- orders ----------------------------------------------------------------------------------


def _lock_order(
    actor: User, round: Round, cooperative: Organization, version: int | None
) -> tuple[Round, Order]:
    """Check, lock the round then the order, and compare versions (see the module docstring)."""
    if not may_order(actor, round.network, cooperative.pk):
        raise PermissionDenied(_("Anda tidak berhak memesan untuk koperasi ini."))
    round = _locked(round)
    if not ordering_cooperatives(round.network).filter(pk=cooperative.pk).exists():
        raise PermissionDenied(_("%(name)s bukan anggota jaringan ini.") % {"name": cooperative.name})
    if not accepts_orders(round):
        if round.status == RoundStatus.OPEN and timezone.now() < round.opens_at:
            raise ValidationError(_("Putaran belum mulai menerima pesanan."))
        raise ValidationError(_("Putaran sudah ditutup; pesanan tidak dapat diubah lagi."))
    order, _created = Order.objects.select_for_update().get_or_create(round=round, cooperative=cooperative)
    if version is not None and version != order.version:
        message = _(
            "Pesanan ini baru saja diubah orang lain (versi %(now)s, Anda mengubah versi %(yours)s). "
            "Muat ulang halaman, periksa, lalu simpan lagi."
        ) % {"now": order.version, "yours": version}
        raise ValidationError({"version": ValidationError(message, code="conflict")})
    return round, order


def _clean_qty(product: Product, qty) -> int:
    if isinstance(qty, str) and qty.strip().isdigit():
        qty = int(qty)
    if not isinstance(qty, int) or isinstance(qty, bool) or not 0 <= qty <= MAX_QTY:
        raise ValidationError(
            {
                str(product.pk): _("Jumlah %(name)s harus bilangan bulat 0 sampai %(max)s.")
                % {"name": product.name, "max": f"{MAX_QTY:,}".replace(",", ".")}
            }
        )
    return qty


def _apply(actor: User, round: Round, order: Order, wanted: Mapping[Product, int], *, replace: bool) -> Order:
    offered = set(round.offers.values_list("product_id", flat=True))
    not_offered = [p.name for p in wanted if p.pk not in offered]
    if not_offered:
        raise ValidationError(
            {"lines": _("Tidak ditawarkan di putaran ini: %(names)s") % {"names": ", ".join(not_offered)}}
        )
    quantities = {product: _clean_qty(product, qty) for product, qty in wanted.items()}
    lines = {line.product_id: line for line in order.lines.select_related("product")}
    before = {line.product.code: line.qty for line in lines.values()}
    by_id = {p.pk: qty for p, qty in quantities.items()}
    for product, qty in quantities.items():
        line = lines.get(product.pk)
        if qty == 0:
            if line is not None:
                line.delete()
        elif line is None:
            OrderLine.objects.create(order=order, product=product, qty=qty)
        elif line.qty != qty:
            line.qty = qty
            line.save(update_fields=["qty"])
    if replace:
        for product_id, line in lines.items():
            if product_id not in by_id:
                line.delete()
    after = {line.product.code: line.qty for line in order.lines.select_related("product")}
    if after == before:
        return order
    Order.objects.filter(pk=order.pk).update(
        version=F("version") + 1, updated_by=actor, updated_at=timezone.now()
    )
    order.refresh_from_db()
    audit_record(
        actor=actor,
        action="purchasing.order.save",
        obj=order,
        before=before,
        after=after,
        region_code=order.cooperative.region_id,
        organization_id=order.cooperative_id,
    )
    return order


@transaction.atomic
def order_save(
    *,
    actor: User,
    round: Round,
    cooperative: Organization,
    quantities: Mapping[Product, int],
    version: int | None = None,
) -> Order:
    """Replace a member's whole order: the products given with their quantities, nothing else
    (a quantity of 0 removes the product). `version` is the order version the edit was made
    against; None skips the check (a script that owns the order)."""
    round, order = _lock_order(actor, round, cooperative, version)
    change = tallies.TallyChange().watch(rounds=[round.pk])
    order = _apply(actor, round, order, quantities, replace=True)
    change.apply()
    return order


@transaction.atomic
def order_line_set(
    *,
    actor: User,
    round: Round,
    cooperative: Organization,
    product: Product,
    qty: int,
    version: int | None = None,
) -> Order:
    """Set one product's quantity in a member's order (0 removes it), leaving the other lines."""
    round, order = _lock_order(actor, round, cooperative, version)
    change = tallies.TallyChange().watch(rounds=[round.pk])
    order = _apply(actor, round, order, {product: qty}, replace=False)
    change.apply()
    return order
