"""Every write of outlets and consignment, one function each (STYLE.md): permission, rule, save,
audit, tally."""

from sinergi.consignment.services.agreements import ItemTerms, agreement_create, agreement_set_status
from sinergi.consignment.services.outlets import outlet_create, space_allocate, space_create, waiting_add
from sinergi.consignment.services.sales import LineIn, sale_record
from sinergi.consignment.services.settlements import (
    month_settle,
    statement_approve,
    statement_correct,
    statement_make,
    statement_pay,
)
from sinergi.consignment.services.stock import (
    DeliveryLine,
    InsufficientStock,
    delivery_receive,
    stock_differences,
    stock_recount,
    stock_remove,
)

__all__ = [
    "DeliveryLine",
    "InsufficientStock",
    "ItemTerms",
    "LineIn",
    "agreement_create",
    "agreement_set_status",
    "delivery_receive",
    "month_settle",
    "outlet_create",
    "sale_record",
    "space_allocate",
    "space_create",
    "statement_approve",
    "statement_correct",
    "statement_make",
    "statement_pay",
    "stock_differences",
    "stock_recount",
    "stock_remove",
    "waiting_add",
]
