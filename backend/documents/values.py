"""The values a document is made of, each checked: cents, decimal rates and quantities, the
structured communication, the language, and the error a bad one raises.

Money is an ``int`` number of euro cents, never a float; rates and quantities are decimal
strings (``"21"``, ``"11.11"``, ``"2.5"``) or ints; roundings are half up to the cent.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal

from backend.engine import ogm as engine_ogm
from backend.engine.errors import EngineInputError

Language = Literal["nl", "fr", "en"]
LANGUAGES: tuple[str, ...] = ("nl", "fr", "en")


class DocumentError(ValueError):
    """A document's data is inconsistent or incomplete; the message says what and where."""


def check_cents(name: str, value: object, *, allow_negative: bool = False) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DocumentError(f"{name} must be an int number of cents, got {type(value).__name__}")
    if value < 0 and not allow_negative:
        raise DocumentError(f"{name} must not be negative, got {value}")


def check_language(value: str) -> None:
    if value not in LANGUAGES:
        raise DocumentError(f"language must be one of {LANGUAGES}, got {value!r}")


def parse_decimal(name: str, value: object) -> Decimal:
    """A decimal *string* (or int) as an exact ``Decimal``; floats are refused."""
    if isinstance(value, bool) or isinstance(value, float):
        raise DocumentError(f"{name} must be a decimal string, not {type(value).__name__}")
    if isinstance(value, int):
        return Decimal(value)
    if not isinstance(value, str) or not re.fullmatch(r"\d+(\.\d+)?", value.strip()):
        raise DocumentError(f"{name} must be a non-negative decimal string, got {value!r}")
    try:
        return Decimal(value.strip())
    except InvalidOperation as exc:  # pragma: no cover - guarded by the regex
        raise DocumentError(f"{name} is not a decimal: {value!r}") from exc


def normalize_decimal(value: Decimal) -> str:
    """``Decimal("21.00")`` -> ``"21"``, ``Decimal("2.50")`` -> ``"2.5"`` (no exponent)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def round_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` to the nearest integer, halves away from zero."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((-2 * numerator + denominator) // (2 * denominator))


def ratio(value: Decimal) -> tuple[int, int]:
    num, den = value.as_integer_ratio()
    return num, den


def apply_rate(cents: int, rate_percent: str) -> int:
    """``cents × rate %``, rounded half up to the cent: the VAT on a base, a deposit, ..."""
    num, den = ratio(parse_decimal("rate", rate_percent))
    return round_half_up(cents * num, den * 100)


def multiply(quantity: str, unit_price_cents: int) -> int:
    """``quantity × unit price``, rounded half up to the cent."""
    num, den = ratio(parse_decimal("quantity", quantity))
    return round_half_up(num * unit_price_cents, den)


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def ogm_digits(structured_communication: str) -> str:
    """``"+++123/4567/89002+++"`` -> ``"123456789002"``; checks the mod-97 check digits
    (the engine owns the OGM rules: ``backend.engine.ogm``)."""
    try:
        return engine_ogm.parse_ogm(structured_communication)
    except EngineInputError as exc:
        raise DocumentError(f"invalid structured communication: {structured_communication!r}") from exc


def format_ogm(digits: str) -> str:
    """``"123456789002"`` -> ``"+++123/4567/89002+++"``."""
    return engine_ogm.format_ogm(ogm_digits(digits))


def make_ogm(reference: int) -> str:
    """A structured communication for a reference number of at most 10 digits."""
    if isinstance(reference, bool) or not isinstance(reference, int) or not 0 < reference < 10**10:
        raise DocumentError(f"OGM reference must be an int of 1..10 digits, got {reference!r}")
    return engine_ogm.make_ogm(reference)


def split_vat_included(amount_cents: int, vat_rate: str) -> tuple[int, int]:
    """``(base, vat)`` inside a VAT-included amount: base rounded half up, VAT the rest."""
    num, den = ratio(parse_decimal("vat_rate", vat_rate))
    base = round_half_up(amount_cents * den * 100, den * 100 + num)
    return base, amount_cents - base
