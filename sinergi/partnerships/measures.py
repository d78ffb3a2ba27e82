"""Obligations measured from what the platform records.

Each measure the platform knows has one provider `(obligation, start, end, notes=None) -> Decimal |
None`: the amount delivered by the obligation's party between `start` and `end` (inclusive), or
None when the platform cannot tell (the slice holding the data is not installed). A provider given
a `notes` dict fills it with how the number was obtained — the source, how many records and the
records themselves with their dates — which the obligation page words in the reader's language
("dihitung dari 3 putaran Belanja Bareng: …") and from which the date the target was reached is
found.

Which records count for a party:
- joint purchasing: the bills of the rounds that closed in the period — a member cooperative's own
  bills; every member's bills when the party leads the buying network, or is not a cooperative and
  the agreement is the network's (a supplier answering for the network's volume);
- training: attendance at training events in the period — every attendee when the party is the
  office that ran the event, else the attendees sent by the agreement's parties;
- clinic: coaching-clinic recommendations done in the period that the party carried out or received
  (a bank granting the loan a clinic recommended);
- consignment: sales and products stocked in outlets, between the agreement's producers (UMKM) and
  outlets (cooperatives, companies), read from the consignment slice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from sinergi.accounts.models import OrganizationKind

OUTLET_KINDS = frozenset(
    {OrganizationKind.COOPERATIVE, OrganizationKind.COMPANY, OrganizationKind.ASSOCIATION}
)


def _note(notes: dict | None, source: str, items: list[dict], **extra) -> None:
    if notes is not None:
        notes.clear()
        notes.update({"source": source, "count": len(items), "items": items, **extra})


def _parties(obligation):
    return list(obligation.agreement.parties.select_related("organization"))


def _network_ids(obligation) -> list[int]:
    """The buying networks whose rounds count in full for the party: the networks it leads, and the
    agreement's own network when the party is not a cooperative buying in it (a supplier, an office
    or an association answering for the network's volume). A member cooperative counts its own
    bills only."""
    from sinergi.registry.models import Network

    party = obligation.party.organization
    ids = list(Network.objects.filter(lead_id=party.pk).values_list("pk", flat=True))
    if obligation.agreement.network_id and party.kind != OrganizationKind.COOPERATIVE:
        ids.append(obligation.agreement.network_id)
    return sorted(set(ids))


def _purchase_bills(obligation, start: dt.date, end: dt.date):
    from sinergi.purchasing.models import CooperativeBill

    networks = _network_ids(obligation)
    who = Q(cooperative_id=obligation.party.organization_id)
    if networks:
        who |= Q(plan__round__network_id__in=networks)
    # A round's purchase happened when it closed: early (`closed_at`) or at its planned time.
    return (
        CooperativeBill.objects.filter(who)
        .annotate(bought_at=Coalesce("plan__round__closed_at", "plan__round__closes_at"))
        .filter(bought_at__date__gte=start, bought_at__date__lte=end)
        .select_related("plan__round")
        .order_by("bought_at", "pk")
    )


def _by_round(bills, amount: Callable) -> list[dict]:
    rounds: dict[int, dict] = {}
    for bill in bills:
        rnd = bill.plan.round
        day = timezone.localdate(rnd.closed_at or rnd.closes_at)
        item = rounds.setdefault(rnd.pk, {"name": rnd.name, "date": day.isoformat(), "amount": Decimal(0)})
        item["amount"] += amount(bill)
    return [{**item, "amount": str(item["amount"])} for item in rounds.values()]


def purchase_volume(obligation, start: dt.date, end: dt.date, notes: dict | None = None) -> Decimal | None:
    """Rupiah bought through buying-network rounds (what the cooperatives paid)."""
    items = _by_round(_purchase_bills(obligation, start, end), lambda b: b.pays)
    _note(notes, "purchase_rounds", items)
    return sum((Decimal(i["amount"]) for i in items), Decimal(0))


def purchase_savings(obligation, start: dt.date, end: dt.date, notes: dict | None = None) -> Decimal | None:
    """Rupiah saved against buying alone in those rounds."""
    items = _by_round(_purchase_bills(obligation, start, end), lambda b: b.saves)
    _note(notes, "purchase_rounds", items)
    return sum((Decimal(i["amount"]) for i in items), Decimal(0))


def people_trained(obligation, start: dt.date, end: dt.date, notes: dict | None = None) -> Decimal | None:
    """People marked present at training events in the period."""
    from sinergi.events.models import Attendance, EventKind

    party = obligation.party.organization
    attended = Attendance.objects.filter(
        registration__event__kind=EventKind.TRAINING,
        registration__event__cancelled_at__isnull=True,
        registration__event__date__gte=start,
        registration__event__date__lte=end,
    )
    if party.kind == OrganizationKind.GOVERNMENT:
        attended = attended.filter(registration__event__office=party)
    else:
        attended = attended.filter(
            registration__organization_id__in=[p.organization_id for p in _parties(obligation)]
        )
    events: dict[int, dict] = {}
    for row in attended.select_related("registration__event").order_by("registration__event__date", "pk"):
        event = row.registration.event
        item = events.setdefault(event.pk, {"name": event.title, "date": event.date.isoformat(), "amount": 0})
        item["amount"] += 1
    items = [{**i, "amount": str(i["amount"])} for i in events.values()]
    _note(notes, "training_events", items)
    return Decimal(sum(int(i["amount"]) for i in items))


def clinic_referrals(obligation, start: dt.date, end: dt.date, notes: dict | None = None) -> Decimal | None:
    """Coaching-clinic recommendations done in the period that the party carried or received."""
    from sinergi.clinic.models import Recommendation, RecommendationStatus

    org = obligation.party.organization_id
    done = (
        Recommendation.objects.filter(status=RecommendationStatus.DONE, done_on__gte=start, done_on__lte=end)
        .filter(Q(responsible_org_id=org) | Q(target_org_id=org))
        .select_related("case__participant")
        .order_by("done_on", "pk")
    )
    items = [
        {
            "name": f"{r.get_kind_display()}: {r.case.participant.name}",
            "date": r.done_on.isoformat(),
            "amount": "1",
        }
        for r in done
    ]
    _note(notes, "clinic_recommendations", items)
    return Decimal(len(items))


def _producers_and_outlets(obligation) -> tuple[list[int] | None, list[int] | None]:
    """The producers (UMKM) and outlet owners among the parties: the party's own side is itself, the
    other side the other parties of that kind (None: any)."""
    party = obligation.party.organization
    others = [p.organization for p in _parties(obligation) if p.organization_id != party.pk]
    if party.kind == OrganizationKind.UMKM:
        outlets = [o.pk for o in others if o.kind in OUTLET_KINDS]
        return [party.pk], outlets or None
    producers = [o.pk for o in others if o.kind == OrganizationKind.UMKM]
    return producers or None, [party.pk]


def consignment_sales(obligation, start: dt.date, end: dt.date, notes: dict | None = None) -> Decimal | None:
    """Rupiah of consignment sales between the agreement's producers and outlets."""
    try:
        from sinergi.consignment.selectors import sales_total
    except ImportError:
        return None
    producers, outlets = _producers_and_outlets(obligation)
    total = sales_total(producer_ids=producers, outlet_org_ids=outlets, start=start, end=end)
    _note(notes, "consignment_sales", [], start=start.isoformat(), end=end.isoformat())
    return Decimal(total)


def products_stocked(obligation, start: dt.date, end: dt.date, notes: dict | None = None) -> Decimal | None:
    """Products on the outlets' shelves on the last day of the period."""
    try:
        from sinergi.consignment.selectors import products_stocked as stocked
    except ImportError:
        return None
    producers, outlets = _producers_and_outlets(obligation)
    count = stocked(producer_ids=producers, outlet_org_ids=outlets, on=end)
    _note(notes, "products_stocked", [], on=end.isoformat())
    return Decimal(count)


PROVIDERS: dict[str, Callable] = {
    "purchase_volume": purchase_volume,
    "purchase_savings": purchase_savings,
    "trained": people_trained,
    "clinic_referrals": clinic_referrals,
    "consignment_sales": consignment_sales,
    "stocked": products_stocked,
}

# Measures whose progress is a level on a day (products on the shelves), not a sum over time.
LEVEL_MEASURES = frozenset({"stocked"})


def is_computed(measure: str) -> bool:
    return measure in PROVIDERS


def measure(obligation, start: dt.date, end: dt.date, notes: dict | None = None) -> Decimal | None:
    provider = PROVIDERS.get(obligation.measure)
    if provider is None:
        return None
    return provider(obligation, start, end, notes)
