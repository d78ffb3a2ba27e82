"""Duplicate detection over the registry tables: builds match records and stores review candidates.

The scoring itself is pure (registry/matching.py); this module reads the rows it needs with one
query per kind and writes the candidates that reach the threshold into the review queue.
"""

from __future__ import annotations

from collections.abc import Iterable

from sinergi.accounts.models import OrganizationKind
from sinergi.accounts.scoping import region_within_q
from sinergi.registry.keys import legal_match_key, name_key
from sinergi.registry.matching import Pair, Record, find_pairs
from sinergi.registry.models import BusinessProfile, CooperativeProfile, DuplicateCandidate


def _business_records(qs) -> Iterable[Record]:
    for row in qs.values_list(
        "organization_id",
        "name_key",
        "district_code",
        "regency_code",
        "owner_name",
        "organization__address",
        "organization__phone",
        "owner_nik",
        "nib",
    ).iterator(chunk_size=20000):
        yield Record(*row)


def _cooperative_records(qs) -> Iterable[Record]:
    for pk, name, district, regency, address, phone, nik, legal, legal_date in qs.values_list(
        "organization_id",
        "organization__name",
        "district_code",
        "regency_code",
        "organization__address",
        "organization__phone",
        "nik_koperasi",
        "legal_key",
        "legal_date",
    ).iterator(chunk_size=20000):
        yield Record(
            id=pk,
            name_key=name_key(name),
            district=district,
            regency=regency,
            address=address,
            phone=phone,
            number=nik,
            legal=legal_match_key(legal),
            legal_date=legal_date.isoformat() if legal_date else "",
        )


def records_by_ids(kind: str, ids: list[int]) -> dict[int, Record]:
    """Match records of the given organisations, by id."""
    if not ids:
        return {}
    model, build = (
        (BusinessProfile, _business_records)
        if kind == OrganizationKind.UMKM
        else (CooperativeProfile, _cooperative_records)
    )
    found: dict[int, Record] = {}
    for start in range(0, len(ids), 5000):
        for record in build(model.objects.filter(organization_id__in=ids[start : start + 5000])):
            found[record.id] = record
    return found


def records(kind: str, *, region: str = "", districts: Iterable[str] | None = None) -> list[Record]:
    """Match records of every live organisation of `kind` inside `region` (or the given districts)."""
    if kind == OrganizationKind.UMKM:
        qs = BusinessProfile.objects.filter(organization__merged_into__isnull=True)
        build = _business_records
    else:
        qs = CooperativeProfile.objects.filter(organization__merged_into__isnull=True)
        build = _cooperative_records
    if region:
        qs = qs.filter(region_within_q("region_code", region))
    if districts is not None:
        qs = qs.filter(district_code__in=sorted(set(districts)))
    return list(build(qs))


def store_candidates(kind: str, pairs: list[Pair]) -> int:
    """Add the pairs not already in the queue (whatever their status); returns how many were added."""
    if not pairs:
        return 0
    wanted = {(p.left, p.right): p for p in pairs}
    lefts = sorted({p.left for p in pairs})
    known = set(
        DuplicateCandidate.objects.filter(left_id__in=lefts).values_list("left_id", "right_id").iterator()
    )
    regions = dict(
        (BusinessProfile if kind == OrganizationKind.UMKM else CooperativeProfile)
        .objects.filter(organization_id__in=lefts)
        .values_list("organization_id", "region_code")
    )
    new = [
        DuplicateCandidate(
            kind=kind,
            left_id=left,
            right_id=right,
            score=pair.score,
            reasons=pair.reasons,
            region_code=regions.get(left, ""),
        )
        for (left, right), pair in wanted.items()
        if (left, right) not in known
    ]
    DuplicateCandidate.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
    return len(new)


def scan(kind: str, *, region: str = "", persist: bool = True) -> tuple[list[Pair], int]:
    """Every candidate pair of `kind` in `region`; stores new ones in the review queue."""
    pairs = find_pairs(records(kind, region=region))
    added = store_candidates(kind, pairs) if persist else 0
    return pairs, added


def pairs_for_new(kind: str, new: list[Record]) -> list[Pair]:
    """Pairs between new records (from an import) and what the registry holds in their kecamatan."""
    if not new:
        return []
    existing = records(kind, districts={r.district for r in new})
    new_ids = {r.id for r in new}
    return find_pairs([*existing, *new], only=new_ids)
