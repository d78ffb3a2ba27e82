"""The market API at /api/v1/market/: UMKM products and the public feed."""

from ninja import Router

router = Router(tags=["market"])
