"""A sheet row's place: its kelurahan/desa, kecamatan and kabupaten/kota columns, then its address.

- `resolve_parts(village=, district=, regency=, province=, within=, prefer=)` reads the place
  columns alone: each level narrows the search for the next, which makes it the fast, exact path
  (no address is parsed).
- `resolve_place(village=, district=, regency=, address=, within=, prefer=)` reads a whole row: its
  columns, then its address read inside the regions those columns settle. A row is never placed
  outside the kabupaten/kota or kecamatan its own columns name.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import gettext_noop

from sinergi.regions.codes import code_within
from sinergi.regions.resolve.names import (
    Candidate,
    Resolution,
    candidates_of,
    index,
    is_generic,
    is_narrow,
    named,
    resolved,
    say,
    split_hint,
)
from sinergi.regions.resolve.text import from_code, fuzzy, resolve


def _given(value) -> bool:
    return value is not None and bool(str(value).strip())


@lru_cache(maxsize=200_000)
def resolve_parts(
    *,
    village: str | None = None,
    district: str | None = None,
    regency: str | None = None,
    province: str | None = None,
    within: str | None = None,
    prefer: str | None = None,
) -> Resolution:
    """Explicit columns → the most specific region they name, checked against each other.

    Each level narrows the search for the next, so "Bogor" + "Cibinong" is Kabupaten Bogor's
    kecamatan even though "Bogor" alone is ambiguous. A name not found at its level is matched
    loosely (typos) inside the levels above it; if that is not clearly one region, the row gets
    the nearest candidates instead of a guess. The answer carries the regions the columns did
    settle (`bounds`), so a caller reading the row's address never leaves them.
    """
    scopes: list[str | None] = [within]
    settled: tuple[str, ...] = ()
    confidence = 1.0
    notes: list = []
    given = False
    for level, text in ((1, province), (2, regency), (3, district), (4, village)):
        if not _given(text):
            continue
        given = True
        by_code = from_code(str(text), None)
        if by_code is not None and by_code.ok and by_code.level == level:
            found = [by_code.code] if any(s is None or code_within(by_code.code, s) for s in scopes) else []
        else:
            hint_level, rtype, bare = split_hint(str(text))
            if hint_level is not None and hint_level != level:
                rtype = None
            codes, bare = named(bare)
            # A generic word ("Kampung") names a region only inside a kabupaten/kota the row names.
            generic = bool(codes) and is_generic(bare)
            found = [
                code
                for code in codes
                if code.count(".") + 1 == level
                and (rtype is None or index().region_type(code) == rtype)
                and any((s is None or code_within(code, s)) and (not generic or is_narrow(s)) for s in scopes)
            ]
            if not found:
                suggested: list[Candidate] = []
                for scope in scopes:
                    close = fuzzy(bare, level, rtype, scope, written=str(text).strip(), prefer=prefer)
                    if close is None:
                        continue
                    if close.ok:
                        found.append(close.code)
                        notes.extend(close.notes)
                    else:
                        suggested.extend(close.candidates)
                if len(found) != 1:
                    pool = candidates_of(found, prefer) or tuple(suggested[:10])
                    return Resolution(
                        code=None,
                        problem="not_found",
                        candidates=pool,
                        method="parts",
                        bounds=settled,
                        check_address=True,
                    )
                confidence *= 0.85
        if not found:
            return Resolution(
                code=None, problem="not_found", method="parts", bounds=settled, check_address=True
            )
        scopes = sorted(set(found))
        settled = tuple(scopes)
    if not given:
        return Resolution(code=None, problem="empty", method="parts")
    if len(scopes) == 1 and scopes[0] is not None:
        code = scopes[0]
        # Without a kabupaten/kota column a kecamatan or village name is checked against the address.
        unchecked = not _given(regency) and not is_narrow(within)
        return resolved(
            code,
            confidence,
            "parts",
            tuple(notes),
            bounds=(code,),
            check_address=code.count(".") < 2 or unchecked,
        )
    return Resolution(
        code=None,
        problem="ambiguous",
        candidates=candidates_of([c for c in scopes if c], prefer),
        method="parts",
        bounds=settled,
        check_address=True,
    )


def _common(codes) -> str | None:
    """The smallest region holding all of `codes` (None when they lie in different provinces)."""
    split = [c.split(".") for c in codes]
    shared: list[str] = []
    for parts in zip(*split, strict=False):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    return ".".join(shared) or None


def _deeper(code: str, bound: str) -> bool:
    return code != bound and code_within(code, bound)


def _area(code: str) -> str:
    """The kabupaten/kota a region lies in (a province stays itself)."""
    return ".".join(code.split(".")[:2])


def resolve_place(
    *,
    village: str | None = None,
    district: str | None = None,
    regency: str | None = None,
    address: str | None = None,
    within: str | None = None,
    prefer: str | None = None,
) -> Resolution:
    """One sheet row's place: its place columns, then its address, read inside what they settle.

    The columns bound the answer. When they settle only a kabupaten/kota (or a kecamatan, with a
    village that is not found) the address is parsed inside it, so a kampung, street or village
    name in the address never moves the row to a region of that name elsewhere. When they fit
    several regions, the address may choose among them. When they name no kabupaten/kota, a
    village found by name alone must agree with the address.
    """
    if not any(_given(v) for v in (village, district, regency)):
        if _given(address):
            return resolve(str(address), within, prefer)
        return Resolution(code=None, problem="empty", method="parts")
    parts = resolve_parts(village=village, district=district, regency=regency, within=within, prefer=prefer)
    if not parts.check_address or not _given(address):
        return parts
    address = str(address).strip()
    written = " / ".join(str(v).strip() for v in (village, district, regency) if _given(v))

    if parts.ok and parts.level >= 3:
        # Found by a kecamatan or village name alone: the address says which kabupaten/kota it is in.
        read = resolve(address, within, prefer)
        if not read.ok or read.confidence < 0.8 or code_within(parts.code, read.code):
            return parts
        if _deeper(read.code, parts.code):
            return read
        inside = resolve_parts(village=village, district=district, within=_area(read.code), prefer=prefer)
        if inside.ok:
            return inside
        return Resolution(
            code=None,
            problem="ambiguous",
            candidates=candidates_of([parts.code, read.code], prefer),
            method="parts",
        )

    bounds: tuple[str | None, ...] = parts.bounds
    if not bounds:
        if within and resolve_parts(village=village, district=district, regency=regency).bounds:
            return parts  # the columns name a place outside `within`: the caller says so
        # A misspelt kabupaten/kota with suggestions: the address may only pick among them. Columns
        # that name nothing at all leave the address free (inside `within`).
        bounds = tuple(c.code for c in parts.candidates) or (within,)
    read = resolve(address, _common([b for b in bounds if b]) if all(bounds) else None, prefer)
    if not read.ok:
        return parts
    related = [b for b in bounds if b is None or code_within(read.code, b) or code_within(b, read.code)]
    if len(related) != 1:
        return parts
    bound = related[0]
    if parts.problem == "ambiguous":
        # Each bound is a full answer; the address tells which one (or a place inside it).
        return read if bound is None or _deeper(read.code, bound) else resolved(bound, 0.8, "parts")
    if bound is not None and not _deeper(read.code, bound):
        return parts  # the address adds nothing to what the columns say
    if parts.ok:
        return read  # the columns gave only the kabupaten/kota; the address the rest
    if read.level < 3:
        return parts  # too coarse to stand in for the columns that were not found
    note = say(
        gettext_noop("Wilayah “%(written)s” tidak ditemukan; dibaca dari alamat: %(place)s."),
        written=written,
        place=read.label,
    )
    return Resolution(
        code=read.code,
        confidence=min(read.confidence, 0.6),
        label=read.label,
        candidates=read.candidates,
        method="address",
        notes=(*read.notes, note),
    )
