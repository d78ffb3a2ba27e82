"""Eligibility of a warung for an aid programme: one pure function per rule, each answering its
reason code or None. The codes are what every door shows (worded by `rules.REASONS`) and what
`assistance_select` prints:

- `region`: the warung lies in none of the programme's target regions (code prefixes);
- `scale`: the business is above the programme's largest scale (PP 7/2021: mikro < kecil <
  menengah < besar), or its scale is not known;
- `months`: operating for fewer months than the programme asks;
- `aided`: aided by another programme within the programme's look-back window;
- `nik`: the owner's NIK is not valid, or already applies in this cycle.

No Django here: the selection module, the services and the command call the same functions.
"""

from __future__ import annotations

REGION = "region"
SCALE = "scale"
MONTHS = "months"
AIDED = "aided"
NIK = "nik"
# The order reasons are listed in, everywhere.
CODES = (REGION, SCALE, MONTHS, AIDED, NIK)

SCALES = ("mikro", "kecil", "menengah", "besar")


def within(code: str, prefix: str) -> bool:
    """Whether a Kemendagri code lies in (or is) the region `prefix`."""
    return bool(prefix) and (code == prefix or code.startswith(prefix + "."))


def region_problem(code: str, target_regions) -> str | None:
    return None if any(within(code, prefix) for prefix in target_regions) else REGION


def scale_problem(scale: str, max_scale: str) -> str | None:
    if scale not in SCALES or max_scale not in SCALES:
        return SCALE
    return SCALE if SCALES.index(scale) > SCALES.index(max_scale) else None


def months_problem(months_operating: int, min_months: int) -> str | None:
    return MONTHS if months_operating < min_months else None


def aided_problem(aided_recently: bool) -> str | None:
    return AIDED if aided_recently else None


def nik_problem(nik_valid: bool) -> str | None:
    return None if nik_valid else NIK


def reasons(
    *,
    region: str,
    target_regions,
    scale: str,
    max_scale: str,
    months_operating: int,
    min_months: int,
    aided_recently: bool,
    nik_valid: bool,
) -> list[str]:
    """Every reason the application is not eligible, in the order of `CODES` (empty: eligible)."""
    found = (
        region_problem(region, target_regions),
        scale_problem(scale, max_scale),
        months_problem(months_operating, min_months),
        aided_problem(aided_recently),
        nik_problem(nik_valid),
    )
    return [code for code in found if code]


def months_between(start, end) -> int:
    """Whole months from the date `start` to the date `end` (0 when `start` is later or unknown)."""
    if start is None or end < start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months
