"""Rupiah amounts: parsing the ways offices write them, and formatting them the Indonesian way.

Money is always `Decimal` (DESIGN.md §5). Sheets write "Rp 1.250.000", "1.250.000,00", "Rp1,5 jt",
"1250000" or "1.5 juta"; all of them must come out exact, never through float.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_SCALES = {
    "rb": Decimal(1_000),
    "ribu": Decimal(1_000),
    "k": Decimal(1_000),
    "jt": Decimal(1_000_000),
    "juta": Decimal(1_000_000),
    "m": Decimal(1_000_000_000),
    "miliar": Decimal(1_000_000_000),
    "milyar": Decimal(1_000_000_000),
    "t": Decimal(1_000_000_000_000),
    "triliun": Decimal(1_000_000_000_000),
}
_MONEY = re.compile(
    r"^(?P<sign>-)?\s*(?:rp\.?|idr)?\s*(?P<sign2>-)?\s*(?P<num>[0-9][0-9.,\s]*)\s*(?P<scale>[a-z]+)?\.?$"
)
TWO_PLACES = Decimal("0.01")


class MoneyError(ValueError):
    """The text is not an amount of money."""


def _number(text: str, has_scale: bool) -> Decimal:
    digits = re.sub(r"\s", "", text)
    digits = digits.rstrip(",.-")
    if "," in digits and "." in digits:
        # Whichever separator comes last is the decimal mark: "1.250.000,50" or "1,250,000.50".
        if digits.rfind(",") > digits.rfind("."):
            digits = digits.replace(".", "").replace(",", ".")
        else:
            digits = digits.replace(",", "")
    elif "," in digits:
        parts = digits.split(",")
        # "1,5 juta" or "1250000,50": a comma with 1-2 trailing digits is the decimal mark;
        # "1,250,000" (groups of three) is a thousands separator.
        if len(parts) == 2 and (len(parts[1]) != 3 or has_scale):
            digits = parts[0] + "." + parts[1]
        else:
            digits = digits.replace(",", "")
    elif "." in digits:
        parts = digits.split(".")
        # Indonesian thousands use dots: "1.250.000". "1.5 juta" or "12500.50" is a decimal.
        if len(parts) == 2 and (len(parts[1]) != 3 or has_scale):
            pass
        elif all(len(p) == 3 for p in parts[1:]):
            digits = digits.replace(".", "")
        else:
            raise MoneyError(text)
    try:
        return Decimal(digits)
    except InvalidOperation as exc:
        raise MoneyError(text) from exc


def parse_money(value) -> Decimal | None:
    """Parse an amount in Rupiah. Empty → None. Raises MoneyError on anything else that is not money."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise MoneyError(str(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # Spreadsheet cells arrive as floats; their shortest repr is the number the user typed.
        return Decimal(repr(value))
    text = str(value).strip().lower()
    if text in {"", "-"}:
        return None
    # "Rp1.250.000,-" writes "and no cents" with a trailing ",-".
    text = re.sub(r"[,.]-$", "", text)
    match = _MONEY.match(text)
    if not match:
        raise MoneyError(str(value))
    scale_word = match.group("scale")
    scale = Decimal(1)
    if scale_word:
        if scale_word not in _SCALES:
            raise MoneyError(str(value))
        scale = _SCALES[scale_word]
    amount = _number(match.group("num"), bool(scale_word)) * scale
    if match.group("sign") or match.group("sign2"):
        amount = -amount
    return amount.quantize(TWO_PLACES, rounding=ROUND_HALF_UP) if amount != amount.to_integral() else amount


def format_rupiah(value, *, decimals: bool = False) -> str:
    """Rp1.234.567 (Indonesian grouping); negative amounts as -Rp1.234."""
    if value is None or value == "":
        return "–"
    amount = Decimal(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if decimals:
        whole, frac = f"{amount.quantize(TWO_PLACES, rounding=ROUND_HALF_UP):f}".split(".")
    else:
        whole, frac = f"{amount.quantize(Decimal(1), rounding=ROUND_HALF_UP):f}", ""
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}Rp{grouped}" + (f",{frac}" if decimals else "")
