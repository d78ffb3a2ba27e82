"""What a network change means for joint purchasing (networks are written by the registry,
`registry.services.networks`; these functions are registered there in PurchasingConfig.ready)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization
from sinergi.purchasing import tallies
from sinergi.purchasing.models import Order, RoundStatus
from sinergi.registry.models import Network


def refuse_leaving_with_orders(network: Network, organization: Organization) -> None:
    """A cooperative with an order in a round not yet finished stays until the order is gone: its
    bill would otherwise go to a cooperative that no longer belongs."""
    unfinished = Order.objects.filter(
        round__network=network,
        cooperative=organization,
        lines__isnull=False,
        round__status__in=[RoundStatus.OPEN, RoundStatus.CLOSED, RoundStatus.OPTIMISED],
    )
    if unfinished.exists():
        raise ValidationError(
            {
                "organization": _(
                    "%(name)s masih punya pesanan di putaran yang belum selesai; hapus pesanannya dulu."
                )
                % {"name": organization.name}
            }
        )


def watch_lead_change(network: Network):
    """The rounds are counted in the lead's village: a new lead moves them (`purchasing.tallies`)."""
    change = tallies.TallyChange()
    change.watch(rounds=network.rounds.values_list("pk", flat=True))
    return change.apply
