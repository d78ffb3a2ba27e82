"""Matchmaking: which organisations fit a UMKM, a cooperative or a bank, with an explainable score.

Pure: no Django. The caller builds `Profile`s from the registry (region codes, clusters, KBLI codes,
scale, the latest health predicate, whether it runs an outlet or lists products) and gets back
`Match`es, each with its score and the reasons that make it up, as (points, reason code) pairs the
page words in the reader's language.

Points:
- place: the same kecamatan 30, else the same regency 10;
- the same commodity cluster (Kampung Koperasi) 25;
- sector: a KBLI code sharing the first two digits (the KBLI division) 20;
- scope a UMKM needs: capital → a bank 25; marketing or distribution → a cooperative or company
  running an outlet 20; capacity building → a university 15;
- a cooperative recruiting or stocking: a UMKM with products listed 15, one not yet a member of any
  cooperative 10;
- a bank's lending criteria: the scale it lends to 25, a sector it lends to 20, a cooperative
  whose latest predicate it accepts 20; a cooperative whose predicate it does not accept is left out.

A candidate with no point is left out. Ties are broken by name, then id, so the order is stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UMKM, COOPERATIVE, BANK, COMPANY, UNIVERSITY = "umkm", "cooperative", "bank", "company", "university"

SAME_DISTRICT = (30, "same_district")
SAME_REGENCY = (10, "same_regency")
SAME_CLUSTER = (25, "same_cluster")
SECTOR = (20, "sector")
SCOPE_CAPITAL = (25, "scope_capital")
SCOPE_MARKET = (20, "scope_market")
SCOPE_CAPACITY = (15, "scope_capacity")
HAS_PRODUCTS = (15, "has_products")
NOT_MEMBER = (10, "not_member")
SCALE_FIT = (25, "scale_fit")
LENDING_SECTOR = (20, "lending_sector")
HEALTH_FIT = (20, "health_fit")


@dataclass(frozen=True)
class Profile:
    """What matchmaking knows of one organisation."""

    id: int
    name: str
    kind: str
    region_code: str
    clusters: frozenset[int] = frozenset()
    kbli: tuple[str, ...] = ()
    scale: str = ""
    predicate: str = ""
    has_outlet: bool = False
    has_products: bool = False
    is_member: bool = False

    @property
    def district(self) -> str:
        return ".".join(self.region_code.split(".")[:3])

    @property
    def regency(self) -> str:
        return ".".join(self.region_code.split(".")[:2])


@dataclass(frozen=True)
class Criteria:
    """A bank's lending criteria: empty means any."""

    scales: frozenset[str] = frozenset()
    kbli_prefixes: tuple[str, ...] = ()
    predicates: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Match:
    candidate: Profile
    score: int
    reasons: tuple[tuple[int, str], ...] = field(default_factory=tuple)


def divisions(codes: tuple[str, ...]) -> set[str]:
    return {code[:2] for code in codes if len(code) >= 2}


def _place(seeker: Profile, candidate: Profile) -> list[tuple[int, str]]:
    if seeker.district == candidate.district:
        return [SAME_DISTRICT]
    if seeker.regency == candidate.regency:
        return [SAME_REGENCY]
    return []


def _common(seeker: Profile, candidate: Profile) -> list[tuple[int, str]]:
    reasons = _place(seeker, candidate)
    if seeker.clusters & candidate.clusters:
        reasons.append(SAME_CLUSTER)
    if divisions(seeker.kbli) & divisions(candidate.kbli):
        reasons.append(SECTOR)
    return reasons


def _ranked(matches: list[Match]) -> list[Match]:
    kept = [m for m in matches if m.score > 0]
    return sorted(kept, key=lambda m: (-m.score, m.candidate.name, m.candidate.id))


def _match(candidate: Profile, reasons: list[tuple[int, str]]) -> Match:
    return Match(candidate=candidate, score=sum(p for p, _ in reasons), reasons=tuple(reasons))


def for_umkm(seeker: Profile, candidates: list[Profile], needs: frozenset[str]) -> list[Match]:
    """Cooperatives and partners for a UMKM needing `needs` (scope codes: capital, marketing,
    distribution, capacity). Only place, cluster or sector points would suggest a bank for
    marketing; a bank scores only on capital."""
    matches = []
    for c in candidates:
        if c.id == seeker.id or c.kind == UMKM:
            continue
        reasons: list[tuple[int, str]] = []
        if c.kind == BANK:
            if "capital" not in needs:
                continue
            reasons = _place(seeker, c) + [SCOPE_CAPITAL]
        else:
            reasons = _common(seeker, c)
            if needs & {"marketing", "distribution"} and c.kind in (COOPERATIVE, COMPANY) and c.has_outlet:
                reasons.append(SCOPE_MARKET)
            if "capacity" in needs and c.kind == UNIVERSITY:
                reasons.append(SCOPE_CAPACITY)
        matches.append(_match(c, reasons))
    return _ranked(matches)


def for_cooperative(seeker: Profile, candidates: list[Profile]) -> list[Match]:
    """UMKM a cooperative could recruit as members or whose products it could stock."""
    matches = []
    for c in candidates:
        if c.kind != UMKM:
            continue
        reasons = _common(seeker, c)
        if not reasons:
            continue
        if c.has_products:
            reasons.append(HAS_PRODUCTS)
        if not c.is_member:
            reasons.append(NOT_MEMBER)
        matches.append(_match(c, reasons))
    return _ranked(matches)


def for_bank(seeker: Profile, candidates: list[Profile], criteria: Criteria) -> list[Match]:
    """UMKM and cooperatives that fit a bank's lending criteria (scale, sector, health)."""
    matches = []
    for c in candidates:
        if c.kind not in (UMKM, COOPERATIVE):
            continue
        reasons = _place(seeker, c)
        if c.kind == UMKM and c.scale and (not criteria.scales or c.scale in criteria.scales):
            reasons.append(SCALE_FIT)
        if criteria.kbli_prefixes and any(k.startswith(p) for k in c.kbli for p in criteria.kbli_prefixes):
            reasons.append(LENDING_SECTOR)
        if c.kind == COOPERATIVE:
            if not c.predicate or (criteria.predicates and c.predicate not in criteria.predicates):
                continue
            reasons.append(HEALTH_FIT)
        matches.append(_match(c, reasons))
    return _ranked(matches)
