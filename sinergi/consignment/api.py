"""The consignment API at /api/v1/market/: outlets, stock, sales and settlements."""

from ninja import Router

router = Router(tags=["consignment"])
