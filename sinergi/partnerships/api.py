"""The partnerships API at /api/v1/partnerships/: agreements, obligations, scorecards, matches."""

from ninja import Router

router = Router(tags=["partnerships"])
