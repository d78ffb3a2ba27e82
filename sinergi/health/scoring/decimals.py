"""Decimal arithmetic and display conventions of the assessment (reference.md Decisions 3 and 9).

Ratios are computed in percent with full precision and banded on that value; what is shown is
rounded to 2 decimals, half up. Floats never enter: amounts arrive as `Decimal`.
"""

from decimal import ROUND_HALF_UP, Context, Decimal

# Rupiah amounts reach 10^15 and ratios need their fractional digits to be banded exactly; 50
# significant digits keep every terminating quotient exact and put the rounding of the others far
# below any band edge.
_CONTEXT = Context(prec=50)
_HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


def percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """numerator / denominator × 100, multiplying first so that e.g. 1/5 gives exactly 20."""
    return _CONTEXT.divide(_CONTEXT.multiply(numerator, _HUNDRED), denominator)


def display(value: Decimal | None) -> str | None:
    """A number as shown: 2 decimals, half up. None stays None."""
    if value is None:
        return None
    return f"{value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP):f}"


def plain_number(value: Decimal) -> str:
    """A number without exponent or needless zeros: Decimal("10") → "10", "580000000.0" → "580000000"."""
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
