from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from sinergi.regions import selectors
from sinergi.regions.resolve import resolve

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    name: str
    level: int
    type: str
    parent_id: str | None
    postal_code: str
    path: str


class CandidateOut(Schema):
    code: str
    label: str


class ResolutionOut(Schema):
    query: str
    code: str | None
    confidence: float
    label: str
    problem: str
    method: str
    candidates: list[CandidateOut]


@router.get("/", response=list[RegionOut])
@paginate(PageNumberPagination, page_size=100)
def list_regions(request, parent: str | None = None, q: str | None = None):
    """Children of `parent` (provinces when empty), or a name search with `q`."""
    if q:
        return selectors.region_search(q=q, within=parent, limit=100)
    return selectors.region_children(parent_code=parent)


@router.get("/resolve", response=ResolutionOut)
def resolve_region(request, q: str, within: str | None = None):
    """Turn a place name or an address line into a region code with a confidence (0–1)."""
    r = resolve(q, within or None)
    return {
        "query": q,
        "code": r.code,
        "confidence": r.confidence,
        "label": r.label,
        "problem": r.problem,
        "method": r.method,
        "candidates": [{"code": c.code, "label": c.label} for c in r.candidates],
    }


@router.get("/{code}", response=RegionOut)
def get_region(request, code: str):
    from django.http import Http404

    region = selectors.region_get(code=code)
    if region is None:
        raise Http404
    return region
