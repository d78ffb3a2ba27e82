from ninja import Router, Schema
from ninja.pagination import paginate

from sinergi.core.paging import ApiPagination
from sinergi.core.schemas import Line, errors
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
@paginate(ApiPagination, page_size=100)
def list_regions(request, parent: Line | None = None, q: Line | None = None):
    """Children of `parent` (provinces when empty), or a name search with `q`."""
    if q:
        return selectors.region_search(q=q, within=parent, limit=100)
    return selectors.region_children(parent_code=parent)


def _preferred_region(request) -> str | None:
    """Where the asking user works, whose regions are offered first when a name fits several: the
    jurisdiction of their first office, else the kabupaten/kota of their first organisation.

    Read from the active memberships the accounts middleware puts on every request
    (`request.memberships`, the organisation loaded with each): the regions slice lies below accounts
    and imports nothing of it. Only government offices have a jurisdiction."""
    memberships = list(getattr(request, "memberships", None) or ())
    for membership in memberships:
        if membership.organization.jurisdiction_id:
            return membership.organization.jurisdiction_id
    for membership in memberships:
        if membership.organization.region_id:
            return ".".join(membership.organization.region_id.split(".")[:2])
    return None


@router.get("/resolve", response=ResolutionOut)
def resolve_region(request, q: Line, within: Line | None = None):
    """Turn a place name or an address line into a region code with a confidence (0–1)."""
    r = resolve(q, within or None, _preferred_region(request))
    return {
        "query": q,
        "code": r.code,
        "confidence": r.confidence,
        "label": r.label,
        "problem": r.problem,
        "method": r.method,
        "candidates": [{"code": c.code, "label": c.label} for c in r.candidates],
    }


@router.get("/{code}", response={200: RegionOut, **errors(404)})
def get_region(request, code: Line):
    from django.http import Http404

    region = selectors.region_get(code=code)
    if region is None:
        raise Http404
    return region
