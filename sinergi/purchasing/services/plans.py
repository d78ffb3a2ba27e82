"""After closing: optimise the round, keep its plan, fix unplaceable lines, send purchase orders.

The round becomes an `optimizer.Instance`: the buyer is the cooperative's organisation id, its
district the cooperative's kecamatan (the first three parts of its region code), the products the
catalogue codes, the offers the tiers frozen when the round opened, and the delivery fees those
the suppliers have set *now* — so when a line cannot be served, the coordinator can ask a supplier
to add that kecamatan and run again without reopening anything. The plan records every fee it
used, so a bill never moves once computed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, User
from sinergi.core.audit import audit_record
from sinergi.core.jobs import job_create, job_fail, job_finish, job_progress
from sinergi.core.models import Job
from sinergi.core.money import format_rupiah
from sinergi.core.notifications import Message, notify
from sinergi.purchasing import notices, optimizer, tallies
from sinergi.purchasing.models import (
    CooperativeBill,
    Delivery,
    DeliveryFee,
    OrderLine,
    PlanLine,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    Round,
    RoundPlan,
    RoundStatus,
)
from sinergi.purchasing.selectors import may_acknowledge, may_coordinate, supplier_staff
from sinergi.regions.models import Region

JOB_KIND = "purchasing.optimise"
# The benchmark round (500 cooperatives × 200 products) certifies 0.1 % in a few seconds; a minute
# leaves room for a slow machine, and a timeout still returns a plan nobody pays more for than alone.
SOLVE_TIME_LIMIT = 60.0
GAP_TOLERANCE = 0.001


def district_of(cooperative: Organization) -> str:
    """The kecamatan code of a cooperative: the first three parts of its region code."""
    return ".".join(cooperative.region_id.split(".")[:3])


def _audit(actor, action: str, obj, round: Round, **kwargs) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        region_code=round.network.region_id,
        organization_id=round.network.lead_id,
        **kwargs,
    )


def _check_coordinator(actor: User, round: Round) -> None:
    if not may_coordinate(actor, round.network):
        raise PermissionDenied(_("Hanya koordinator jaringan yang dapat mengatur putaran ini."))


def _has_sent(round: Round) -> bool:
    return PurchaseOrder.objects.filter(round=round, status=PurchaseOrder.Status.SENT).exists()


def _check_plannable(round: Round) -> None:
    if round.status not in (RoundStatus.CLOSED, RoundStatus.OPTIMISED):
        raise ValidationError(_("Putaran harus ditutup dulu sebelum dioptimalkan."))
    if _has_sent(round):
        raise ValidationError(_("Surat pesanan sudah dikirim; rencana tidak dapat dihitung ulang."))


# --- the instance ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundInstance:
    """The optimiser input of a round, its order lines in the instance's order, and the lines no
    supplier can serve (each a dict the round page shows: who, what, where, why)."""

    instance: optimizer.Instance
    lines: tuple[OrderLine, ...]
    problems: tuple[dict, ...]


def round_instance(*, round: Round) -> RoundInstance:
    """Build the optimiser instance of a closed round (order lines not dropped)."""
    offers = list(round.offers.select_related("product"))
    supplier_ids = sorted({o.supplier_id for o in offers})
    lines = tuple(
        OrderLine.objects.filter(order__round=round, dropped_at__isnull=True)
        .select_related("product", "order__cooperative")
        .order_by("order__cooperative__name", "order__cooperative_id", "product__code")
    )
    districts = {district_of(line.order.cooperative) for line in lines}
    district_names = dict(Region.objects.filter(code__in=districts).values_list("code", "name"))
    fees: dict[int, dict[str, int]] = {pk: {} for pk in supplier_ids}
    for fee in DeliveryFee.objects.filter(supplier_id__in=supplier_ids, district_id__in=districts):
        fees[fee.supplier_id][fee.district_id] = int(fee.fee)
    offered_by: dict[int, set[int]] = {}
    for offer in offers:
        offered_by.setdefault(offer.product_id, set()).add(offer.supplier_id)
    problems = []
    for line in lines:
        cooperative = line.order.cooperative
        district = district_of(cooperative)
        sellers = offered_by.get(line.product_id, set())
        if not sellers:
            reason = _("tidak ada pemasok yang menawarkan barang ini")
        elif not any(district in fees[s] for s in sellers):
            reason = _("tidak ada pemasok barang ini yang mengirim ke Kecamatan %(d)s") % {
                "d": district_names.get(district, district)
            }
        else:
            continue
        problems.append(
            {
                "line": line.pk,
                "cooperative": cooperative.name,
                "cooperative_id": cooperative.pk,
                "product": line.product.name,
                "product_id": line.product_id,
                "qty": line.qty,
                "district": district,
                "reason": reason,
            }
        )
    instance = optimizer.Instance(
        suppliers=tuple(optimizer.Supplier(id=str(pk), delivery_fee=fees[pk]) for pk in supplier_ids),
        offers=tuple(
            optimizer.Offer(
                supplier=str(o.supplier_id),
                product=o.product.code,
                tiers=tuple(optimizer.Tier(min_qty=q, unit_price=p) for q, p in o.tiers),
            )
            for o in offers
        ),
        orders=tuple(
            optimizer.OrderLine(
                buyer=str(line.order.cooperative_id),
                district=district_of(line.order.cooperative),
                product=line.product.code,
                qty=line.qty,
            )
            for line in lines
        ),
    )
    return RoundInstance(instance=instance, lines=lines, problems=tuple(problems))


def instance_to_dict(instance: optimizer.Instance, allocation: str) -> dict:
    """The instance in the JSON shape `sinergi purchasing_solve` reads (`optimizer.instance_from_dict`)."""
    return {
        "suppliers": [{"id": s.id, "delivery_fee": dict(s.delivery_fee)} for s in instance.suppliers],
        "offers": [
            {
                "supplier": o.supplier,
                "product": o.product,
                "tiers": [{"min_qty": t.min_qty, "unit_price": t.unit_price} for t in o.tiers],
            }
            for o in instance.offers
        ],
        "orders": [
            {"buyer": line.buyer, "district": line.district, "product": line.product, "qty": line.qty}
            for line in instance.orders
        ],
        "allocation": allocation,
    }


# --- optimising ------------------------------------------------------------------------------


@transaction.atomic
def round_optimise(*, actor: User, round: Round) -> Job:
    """Ask for the plan of a closed round: a background job whose page shows its progress."""
    # Imported here: the task module imports these services.
    from sinergi.purchasing.tasks import round_solve_task

    _check_coordinator(actor, round)
    round = Round.objects.select_for_update().select_related("network").get(pk=round.pk)
    _check_plannable(round)
    job = job_create(
        actor=actor,
        kind=JOB_KIND,
        label=_("Optimalkan %(name)s") % {"name": round.name},
        # The job page links back to the round whatever happens (the problem lines are listed there).
        params={"round": round.pk, "back_url": reverse("purchasing:round_detail", args=[round.pk])},
        organization_id=round.network.lead_id,
    )
    _audit(actor, "purchasing.round.optimise_requested", round, round, after={"job": job.pk})
    transaction.on_commit(
        lambda: round_solve_task.enqueue(job_id=job.pk, round_id=round.pk, actor_id=actor.pk)
    )
    return job


@transaction.atomic
def _problems_record(actor: User, round: Round, problems: list[dict]) -> None:
    Round.objects.filter(pk=round.pk).update(problems=problems, updated_at=timezone.now())
    _audit(actor, "purchasing.round.optimise_failed", round, round, after={"problems": problems})


def round_solve(
    *,
    actor: User,
    round: Round,
    job_id: int | None = None,
    time_limit: float = SOLVE_TIME_LIMIT,
    progress: Callable[[int, int, str], None] | None = None,
) -> RoundPlan:
    """Compute and store the plan of a closed round (the job's work; also the demo's and tests').

    Lines no supplier can serve are recorded on the round (`problems`) and refused with a
    ValidationError naming them; the coordinator drops them or has a supplier add the kecamatan,
    then runs again. Solving runs outside any transaction (it may take a minute); the store
    checks that the round has not changed meanwhile.
    """
    progress = progress or (lambda done, total, message: None)
    _check_coordinator(actor, round)
    round = Round.objects.select_related("network").get(pk=round.pk)
    _check_plannable(round)
    progress(1, 3, _("menyusun data putaran"))
    built = round_instance(round=round)
    if not built.lines:
        raise ValidationError(_("Belum ada pesanan di putaran ini."))
    if built.problems:
        _problems_record(actor, round, list(built.problems))
        raise ValidationError(
            _("%(n)s baris pesanan tidak dapat dilayani pemasok mana pun: %(lines)s")
            % {
                "n": len(built.problems),
                "lines": "; ".join(
                    f"{p['cooperative']} – {p['product']} ({p['reason']})" for p in built.problems
                ),
            },
            code="problems",
        )
    progress(2, 3, _("menghitung rencana termurah"))
    try:
        plan = optimizer.solve(
            built.instance, allocation=round.allocation, gap_tolerance=GAP_TOLERANCE, time_limit=time_limit
        )
    except optimizer.InstanceError as exc:
        problems = [{"line": None, "reason": detail} for detail in exc.details]
        _problems_record(actor, round, problems)
        raise ValidationError(f"{exc.message}: " + "; ".join(exc.details), code="problems") from exc
    progress(3, 3, _("menyimpan rencana"))
    return _plan_store(actor=actor, round=round, built=built, plan=plan, job_id=job_id)


def round_solve_run(*, job_id: int, round_id: int, actor_id: int) -> dict:
    """The background job of `round_optimise`: solve the round and keep its job up to date.

    A refusal (`ValidationError`) fails the job with the reason (lines nobody can serve are named
    on the round page as well); an unexpected error fails it too, so that its page never shows a
    job stuck "running", and is raised again for the task queue's log.
    """
    actor = User.objects.get(pk=actor_id)
    round = Round.objects.select_related("network").get(pk=round_id)
    next_url = reverse("purchasing:round_detail", args=[round_id])
    try:
        plan = round_solve(
            actor=actor,
            round=round,
            job_id=job_id,
            progress=lambda done, total, message: job_progress(job_id, done, total, message),
        )
    except ValidationError as exc:
        job_fail(job_id, " ".join(exc.messages))
        return {"error": exc.messages, "next_url": next_url}
    except Exception as exc:
        job_fail(job_id, f"{type(exc).__name__}: {exc}")
        raise
    summary = {
        "next_url": next_url,
        "status": plan.status,
        "gap": plan.gap,
        "total_cost": int(plan.total_cost),
        "alone_cost": int(plan.alone_cost),
        "savings": int(plan.savings),
    }
    job_finish(job_id, summary)
    return summary


def _number(round: Round, index: int) -> str:
    return f"BB-{round.pk:05d}-{index:02d}"


@transaction.atomic
def _plan_store(
    *, actor: User, round: Round, built: RoundInstance, plan: optimizer.Plan, job_id
) -> RoundPlan:
    round = Round.objects.select_for_update().select_related("network").get(pk=round.pk)
    _check_plannable(round)
    change = tallies.TallyChange().watch(rounds=[round.pk])
    current = set(
        OrderLine.objects.filter(order__round=round, dropped_at__isnull=True).values_list("pk", flat=True)
    )
    if current != {line.pk for line in built.lines}:
        raise ValidationError(_("Pesanan putaran berubah selama dihitung; jalankan lagi."))
    RoundPlan.objects.filter(round=round).delete()
    stored = RoundPlan.objects.create(
        round=round,
        status=plan.status,
        gap=plan.gap,
        total_cost=plan.total_cost,
        goods_cost=plan.goods_cost,
        delivery_cost=plan.delivery_cost,
        alone_cost=plan.alone_cost,
        savings=plan.savings,
        allocation=plan.allocation,
        stats=optimizer.plan_to_dict(plan)["stats"],
        instance=instance_to_dict(built.instance, round.allocation),
        job_id=job_id,
        solved_at=timezone.now(),
        solved_by=actor if actor.pk else None,
    )
    products = {p.code: p for p in Product.objects.filter(code__in={line.product for line in plan.lines})}
    PlanLine.objects.bulk_create(
        [
            PlanLine(
                plan=stored,
                order_line=order_line,
                cooperative_id=int(line.buyer),
                product=products[line.product],
                supplier_id=int(line.supplier),
                qty=line.qty,
                unit_price=line.unit_price,
                goods_cost=line.goods_cost,
                alone_supplier_id=int(line.alone_supplier),
                alone_unit_price=line.alone_unit_price,
            )
            for order_line, line in zip(built.lines, plan.lines, strict=True)
        ]
    )
    CooperativeBill.objects.bulk_create(
        [
            CooperativeBill(
                plan=stored,
                cooperative_id=int(b.buyer),
                district_code=b.district,
                alone_cost=b.alone_cost,
                pays=b.pays,
                saves=b.saves,
                goods_cost=b.goods_cost,
                delivery_cost=b.delivery_cost,
            )
            for b in plan.buyers
        ]
    )
    names = dict(
        Organization.objects.filter(
            pk__in={int(t.supplier) for t in plan.suppliers} | {int(d.supplier) for d in plan.deliveries}
        ).values_list("pk", "name")
    )
    supplier_ids = sorted(names, key=lambda pk: (names[pk], pk))
    orders: dict[int, PurchaseOrder] = {}
    for index, supplier_id in enumerate(supplier_ids, start=1):
        goods = sum(t.goods_cost for t in plan.suppliers if int(t.supplier) == supplier_id)
        fees = sum(d.fee for d in plan.deliveries if int(d.supplier) == supplier_id)
        orders[supplier_id] = PurchaseOrder.objects.create(
            plan=stored,
            round=round,
            supplier_id=supplier_id,
            number=_number(round, index),
            goods_cost=goods,
            delivery_cost=fees,
            total=goods + fees,
        )
    PurchaseOrderLine.objects.bulk_create(
        [
            PurchaseOrderLine(
                purchase_order=orders[int(t.supplier)],
                product=products[t.product],
                qty=t.qty,
                tier=t.tier,
                tier_min_qty=t.tier_min_qty,
                unit_price=t.unit_price,
                goods_cost=t.goods_cost,
            )
            for t in plan.suppliers
        ]
    )
    Delivery.objects.bulk_create(
        [
            Delivery(
                purchase_order=orders[int(d.supplier)],
                cooperative_id=int(d.buyer),
                district_code=d.district,
                fee=d.fee,
            )
            for d in plan.deliveries
        ]
    )
    before = round.status
    round.status = RoundStatus.OPTIMISED
    round.problems = []
    round.save(update_fields=["status", "problems", "updated_at"])
    change.apply()
    _audit(
        actor,
        "purchasing.round.optimise",
        round,
        round,
        before={"status": before},
        after={
            "status": round.status,
            "plan_status": plan.status,
            "gap": plan.gap,
            "total_cost": plan.total_cost,
            "alone_cost": plan.alone_cost,
            "savings": plan.savings,
            "job": job_id,
        },
    )
    notices.round_optimised(actor=actor, round=round)
    return stored


@transaction.atomic
def order_line_drop(*, actor: User, line: OrderLine, reason: str) -> OrderLine:
    """Leave a member's line out of a closed round (typically one no supplier can serve).

    The line is kept, marked with the reason, so the member sees what happened. A plan computed
    before no longer matches the orders: it is discarded and the round goes back to closed.
    """
    round = line.order.round
    _check_coordinator(actor, round)
    round = Round.objects.select_for_update().select_related("network").get(pk=round.pk)
    _check_plannable(round)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan agar anggota mengerti.")})
    line = (
        OrderLine.objects.select_for_update().select_related("order__cooperative", "product").get(pk=line.pk)
    )
    if line.dropped_at is not None:
        raise ValidationError(_("Baris ini sudah dikeluarkan."))
    change = tallies.TallyChange().watch(rounds=[round.pk])
    line.dropped_at = timezone.now()
    line.dropped_reason = reason[:300]
    line.save(update_fields=["dropped_at", "dropped_reason"])
    if round.status == RoundStatus.OPTIMISED:
        RoundPlan.objects.filter(round=round).delete()
        round.status = RoundStatus.CLOSED
    round.problems = [p for p in round.problems if p.get("line") != line.pk]
    round.save(update_fields=["status", "problems", "updated_at"])
    change.apply()
    audit_record(
        actor=actor,
        action="purchasing.order_line.drop",
        obj=line.order,
        after={"product": line.product.code, "qty": line.qty, "reason": line.dropped_reason},
        region_code=line.order.cooperative.region_id,
        organization_id=line.order.cooperative_id,
    )
    return line


# --- purchase orders -------------------------------------------------------------------------


def purchase_order_contacts(purchase_order: PurchaseOrder) -> tuple[list[str], list[str]]:
    """E-mail addresses and WhatsApp numbers of the supplier: the organisation's and its staff's."""
    supplier = purchase_order.supplier
    people = list(supplier_staff(supplier).select_related("user"))
    emails = [supplier.email, *[m.user.email for m in people]]
    phones = [supplier.phone, *[m.user.phone for m in people]]
    return list(dict.fromkeys(e for e in emails if e)), list(dict.fromkeys(p for p in phones if p))


def purchase_order_message(purchase_order: PurchaseOrder) -> Message:
    round = purchase_order.round
    link = settings.SITE_URL + reverse("purchasing:purchase_order_detail", args=[purchase_order.pk])
    body = _(
        "Yth. %(supplier)s,\n\nJaringan %(network)s mengirim surat pesanan %(number)s dari putaran "
        "%(round)s: barang %(goods)s, ongkos kirim %(fees)s, total %(total)s.\n"
        "Rincian barang dan daftar pengiriman per koperasi: %(link)s\n\nTerima kasih."
    ) % {
        "supplier": purchase_order.supplier.name,
        "network": round.network.name,
        "number": purchase_order.number,
        "round": round.name,
        "goods": format_rupiah(purchase_order.goods_cost),
        "fees": format_rupiah(purchase_order.delivery_cost),
        "total": format_rupiah(purchase_order.total),
        "link": link,
    }
    return Message(
        subject=_("Surat pesanan Belanja Bareng %(number)s") % {"number": purchase_order.number}, body=body
    )


@transaction.atomic
def purchase_order_send(*, actor: User, purchase_order: PurchaseOrder) -> PurchaseOrder:
    """Mark a purchase order sent and e-mail the supplier (after commit). Once every purchase order
    of the round is sent the round is final (PO terkirim). WhatsApp links for the same message come
    from `purchase_order_contacts` and `purchase_order_message`."""
    round = purchase_order.round
    _check_coordinator(actor, round)
    round = Round.objects.select_for_update().select_related("network").get(pk=round.pk)
    if round.status not in (RoundStatus.OPTIMISED, RoundStatus.ORDERED):
        raise ValidationError(_("Putaran belum dioptimalkan."))
    purchase_order = (
        PurchaseOrder.objects.select_for_update()
        .select_related("supplier", "round__network")
        .get(pk=purchase_order.pk)
    )
    if purchase_order.status == PurchaseOrder.Status.SENT:
        raise ValidationError(_("Surat pesanan ini sudah dikirim."))
    purchase_order.status = PurchaseOrder.Status.SENT
    purchase_order.sent_at = timezone.now()
    purchase_order.sent_by = actor if actor.pk else None
    purchase_order.save(update_fields=["status", "sent_at", "sent_by"])
    if not PurchaseOrder.objects.filter(round=round, status=PurchaseOrder.Status.DRAFT).exists():
        round.status = RoundStatus.ORDERED
        round.save(update_fields=["status", "updated_at"])
        notices.bills_ready(actor=actor, round=round)
    emails, _phones = purchase_order_contacts(purchase_order)
    message = purchase_order_message(purchase_order)
    _audit(
        actor,
        "purchasing.purchase_order.send",
        purchase_order,
        round,
        before={"status": PurchaseOrder.Status.DRAFT},
        # How many addresses the order went to, not the addresses: the trail holds no personal data.
        after={"status": PurchaseOrder.Status.SENT, "recipients": len(emails), "total": purchase_order.total},
    )
    staff = [m.user for m in supplier_staff(purchase_order.supplier).select_related("user")]
    notices.purchase_order_sent(actor=actor, purchase_order=purchase_order, users=staff)
    # The supplier's own mailbox has no account to hold a notification: it gets the full letter.
    mailbox = [e for e in [purchase_order.supplier.email] if e and e not in {u.email for u in staff}]
    transaction.on_commit(lambda: notify(message=message, emails=mailbox))
    return purchase_order


@transaction.atomic
def purchase_order_acknowledge(*, actor: User, purchase_order: PurchaseOrder) -> PurchaseOrder:
    """The supplier confirms it has received a sent purchase order and will deliver it."""
    if not may_acknowledge(actor, purchase_order.supplier_id):
        raise PermissionDenied(_("Hanya staf pemasok ini yang dapat menerima surat pesanannya."))
    purchase_order = (
        PurchaseOrder.objects.select_for_update().select_related("round__network").get(pk=purchase_order.pk)
    )
    if purchase_order.status != PurchaseOrder.Status.SENT:
        raise ValidationError(_("Surat pesanan ini belum dikirim."))
    if purchase_order.acknowledged_at is not None:
        raise ValidationError(_("Surat pesanan ini sudah diterima."))
    purchase_order.acknowledged_at = timezone.now()
    purchase_order.acknowledged_by = actor
    purchase_order.save(update_fields=["acknowledged_at", "acknowledged_by"])
    _audit(
        actor,
        "purchasing.purchase_order.acknowledge",
        purchase_order,
        purchase_order.round,
        before={"acknowledged_at": None},
        after={"acknowledged_at": purchase_order.acknowledged_at.isoformat()},
    )
    return purchase_order


@transaction.atomic
def purchase_orders_send_all(*, actor: User, round: Round) -> list[PurchaseOrder]:
    """Send every purchase order of the round not sent yet: all of them, or none on an error."""
    _check_coordinator(actor, round)
    drafts = PurchaseOrder.objects.filter(round=round, status=PurchaseOrder.Status.DRAFT).select_related(
        "round"
    )
    return [purchase_order_send(actor=actor, purchase_order=po) for po in drafts]
