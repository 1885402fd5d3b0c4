"""Exact money arithmetic: integer cents and rational rates, explicit rounding.

Every amount is an ``int`` number of euro cents. Every rate is parsed once from a
decimal *string* of the rule-set files into an exact integer fraction
``(numerator, denominator)``; hot paths then only use integer arithmetic.

Rounding policy (documented once, used everywhere):
``round_half_up`` rounds to the nearest cent, halves away from zero, which is what
Belgian payroll and VAT practice use ("afgerond naar de hogere of lagere cent naargelang
het cijfer van de duizendsten al dan niet 5 bereikt", Annex III KB/WIB 92 point 12).
A rule that needs another rounding says so next to its code.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

Ratio = tuple[int, int]
"""An exact non-negative rational number as (numerator, denominator>0)."""

__all__ = [
    "Ratio",
    "RateSyntaxError",
    "parse_decimal",
    "percent_ratio",
    "decimal_ratio",
    "round_half_up",
    "mul_ratio",
    "format_cents",
    "format_percent",
]


class RateSyntaxError(ValueError):
    """A decimal string could not be parsed (never a float, never NaN/Infinity)."""


def parse_decimal(text: object) -> Decimal:
    """Parse a decimal *string* strictly: no floats, no exponents, no NaN/Infinity."""
    if not isinstance(text, str):
        raise RateSyntaxError(f"expected a decimal string, got {type(text).__name__}")
    stripped = text.strip()
    if not stripped or any(c not in "0123456789.-" for c in stripped):
        raise RateSyntaxError(f"not a plain decimal string: {text!r}")
    try:
        value = Decimal(stripped)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the charset test
        raise RateSyntaxError(f"not a decimal: {text!r}") from exc
    if not value.is_finite():  # pragma: no cover - guarded by the charset test
        raise RateSyntaxError(f"not a finite decimal: {text!r}")
    return value


def decimal_ratio(text: str) -> Ratio:
    """``"1.52"`` -> ``(38, 25)``: the exact value of a decimal string as a fraction."""
    num, den = parse_decimal(text).as_integer_ratio()
    return num, den


def percent_ratio(text: str) -> Ratio:
    """``"6.5"`` (percent) -> ``(13, 200)``: the exact fraction of a percent string."""
    num, den = parse_decimal(text).as_integer_ratio()
    den *= 100
    # reduce
    a, b = num, den
    while b:
        a, b = b, a % b
    g = abs(a) or 1
    return num // g, den // g


def round_half_up(numerator: int, denominator: int) -> int:
    """Round ``numerator / denominator`` to an integer, halves away from zero.

    Exact for any integers (denominator > 0). Used with cents so the result is cents.
    """
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((-2 * numerator + denominator) // (2 * denominator))


def mul_ratio(cents: int, ratio: Ratio) -> int:
    """``round_half_up(cents × ratio)`` in exact integer arithmetic."""
    num, den = ratio
    n = cents * num
    if n >= 0:
        return (2 * n + den) // (2 * den)
    return -((-2 * n + den) // (2 * den))


def format_cents(cents: int) -> str:
    """``123456`` -> ``"1234.56"`` (plain, language-neutral; for explanations and logs)."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def format_percent(text: str) -> str:
    """Normalise a percent string for display: ``"6.50"`` -> ``"6.5"``."""
    value = parse_decimal(text).normalize()
    return format(value, "f")
