"""Belanja Bareng reads, always scoped by the asking user's reach, and who may do what.

By sub-domain: `access` (the permission questions), `networks`, `rounds` (with the live pooled
view and orders), `results` (bills, purchase orders, delivery lists, the report) and `catalogue`
(price lists, ceiling warnings, delivery fees). Import from here.

Who reaches what (DESIGN.md §2):

- an office (admin, staff, viewer) reaches the networks of its jurisdiction with their rounds,
  orders, bills and purchase orders; admins and staff may also run them, as the facilitator;
- a network coordinator (role "coordinator" in the coordinator organisation) runs its rounds;
- a member cooperative's managers see the network's rounds once open, their own order and bill;
  pengurus and staff order, the pengawas only read;
- a supplier's staff keep their own price lists and delivery fees and see the purchase orders
  addressed to them once sent — never another supplier's prices or a cooperative's bill.
"""

from sinergi.purchasing.selectors.access import (
    coordinated_ids,
    managed_cooperatives,
    may_add_network,
    may_coordinate,
    may_correct_products,
    may_manage_catalogue,
    may_order,
    may_see_all_prices,
    may_supply,
    may_view_whole_network,
    one_or_404,
    reaches_purchasing,
    supplied_ids,
    supplier_organizations,
    supplier_staff,
)
from sinergi.purchasing.selectors.catalogue import (
    CatalogueOffer,
    CatalogueRow,
    access_price_list,
    catalogue,
    delivery_fee_list,
    delivery_fee_table,
    fee_regions,
    price_list_items,
    price_list_list,
    suppliers_for_round,
    tier_warnings,
    valid_price_list,
)
from sinergi.purchasing.selectors.networks import (
    access_network,
    cooperatives_to_add,
    coordinator_candidates,
    network_list,
    network_members,
)
from sinergi.purchasing.selectors.results import (
    access_bill,
    access_purchase_order,
    bill_deliveries,
    bill_lines,
    bill_list,
    delivery_lists,
    purchase_order_drops,
    purchase_order_lines,
    purchase_order_list,
    round_report,
)
from sinergi.purchasing.selectors.rounds import (
    OfferPosition,
    ProductPool,
    accepts_orders,
    access_member,
    access_round,
    order_of,
    round_board,
    round_list,
    round_offers,
    round_orders,
    round_problems,
    round_products,
    tier_index,
)

__all__ = [
    "coordinated_ids",
    "supplied_ids",
    "supplier_staff",
    "CatalogueOffer",
    "CatalogueRow",
    "OfferPosition",
    "ProductPool",
    "accepts_orders",
    "access_bill",
    "access_member",
    "access_network",
    "access_price_list",
    "access_purchase_order",
    "access_round",
    "bill_deliveries",
    "bill_lines",
    "bill_list",
    "catalogue",
    "cooperatives_to_add",
    "coordinator_candidates",
    "delivery_fee_list",
    "delivery_fee_table",
    "delivery_lists",
    "fee_regions",
    "managed_cooperatives",
    "may_add_network",
    "may_coordinate",
    "may_correct_products",
    "may_manage_catalogue",
    "may_order",
    "may_see_all_prices",
    "may_supply",
    "may_view_whole_network",
    "network_list",
    "network_members",
    "one_or_404",
    "order_of",
    "price_list_items",
    "price_list_list",
    "purchase_order_drops",
    "purchase_order_lines",
    "purchase_order_list",
    "reaches_purchasing",
    "round_board",
    "round_list",
    "round_offers",
    "round_orders",
    "round_problems",
    "round_products",
    "round_report",
    "supplier_organizations",
    "suppliers_for_round",
    "tier_index",
    "tier_warnings",
    "valid_price_list",
]
