"""The assistance API at /api/v1/assistance/: programmes, applications, selection, handover."""

from ninja import Router

router = Router(tags=["assistance"])
