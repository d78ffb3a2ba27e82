"""Pages of outlets and consignment: parse, call the service or selector, render."""

from sinergi.consignment.views.outlets import (
    agreement_new,
    delivery,
    import_sales,
    index,
    mine,
    outlet_detail,
    sell,
    settle,
    stock_out,
)
from sinergi.consignment.views.spaces import spaces
from sinergi.consignment.views.statements import (
    statement_approve,
    statement_correct,
    statement_detail,
    statement_pay,
    statement_pdf,
)

__all__ = [
    "agreement_new", "delivery", "import_sales", "index", "mine", "outlet_detail", "sell", "settle", "spaces",
    "statement_approve", "statement_correct", "statement_detail", "statement_pay", "statement_pdf", "stock_out",
]  # fmt: skip
