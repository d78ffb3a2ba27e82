"""Who pays what of a pooled Belanja Bareng bill (pure; no Django).

A purchasing group only holds together if no member would have done better alone (Schotanus,
Telgen & de Boer 2008 show equal-price splits driving large members out), so every rule here is
held to the same two invariants, checked after the rule has run rather than trusted:

* payments add up exactly to the pooled cost, in whole Rupiah;
* no buyer pays more than its own optimal cost of buying alone.

The second is only possible when the pooled cost does not exceed the sum of the alone costs; the
optimiser guarantees that by never returning a plan dearer than all buyers' alone plans combined.

To add a rule, write a function with the signature of `_proportional`, add its name to
`ALLOCATION_RULES` and a branch to `allocate`; the invariants are enforced for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

ALLOCATION_RULES = ("proportional",)


@dataclass(frozen=True)
class BuyerCosts:
    """What a rule may look at for one buyer.

    `alone_cost` is the buyer's optimal cost buying alone (its own tiers and fees); `pooled_cost`
    is what its own lines cost at the pooled unit prices plus the delivery fees of the suppliers
    serving it — the "equal price" view, which a future rule could start from.
    """

    buyer: str
    alone_cost: int
    pooled_cost: int


class AllocationError(ValueError):
    """A rule broke an invariant, or the pooled cost exceeds what the buyers would pay alone."""


def largest_remainder(total: int, weights: Sequence[int], keys: Sequence[str]) -> list[int]:
    """Split `total` in proportion to integer `weights`, in whole units, summing exactly to `total`.

    Each share is floored, and the units left over go one each to the largest remainders; ties go
    to the smallest key, so the result does not depend on input order. Exact integer arithmetic
    throughout: shares of a 15-billion-Rupiah bill must not drift by a Rupiah.
    """
    weight_sum = sum(weights)
    if weight_sum <= 0:
        raise AllocationError("weights must have a positive sum")
    quotients = [divmod(total * w, weight_sum) for w in weights]
    shares = [q for q, _ in quotients]
    left = total - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-quotients[i][1], keys[i]))
    for i in by_remainder[:left]:
        shares[i] += 1
    return shares


def _proportional(total: int, buyers: Sequence[BuyerCosts]) -> list[int]:
    """Each buyer pays the pooled cost × its share of the summed alone costs.

    Everyone saves the same percentage. A buyer's exact share total·a/Σa is at most a because
    total ≤ Σa; rounding up adds less than one Rupiah, so with a whole a it never passes a.
    """
    return largest_remainder(total, [b.alone_cost for b in buyers], [b.buyer for b in buyers])


def allocate(rule: str, *, total: int, buyers: Sequence[BuyerCosts]) -> dict[str, int]:
    """Payments per buyer under `rule`, checked against the invariants of this module."""
    if not buyers:
        if total:
            raise AllocationError("a cost without buyers cannot be allocated")
        return {}
    alone = sum(b.alone_cost for b in buyers)
    if total > alone:
        raise AllocationError(f"pooled cost {total} exceeds the buyers' alone costs {alone}")
    if rule == "proportional":
        payments = _proportional(total, buyers)
    else:
        raise AllocationError(f"unknown allocation rule {rule!r} (known: {', '.join(ALLOCATION_RULES)})")
    if sum(payments) != total:
        raise AllocationError(f"rule {rule!r} allocated {sum(payments)} of {total}")
    for buyer, pays in zip(buyers, payments, strict=True):
        if not 0 <= pays <= buyer.alone_cost:
            raise AllocationError(
                f"rule {rule!r} charges {buyer.buyer} {pays}, alone it pays {buyer.alone_cost}"
            )
    return {buyer.buyer: pays for buyer, pays in zip(buyers, payments, strict=True)}
