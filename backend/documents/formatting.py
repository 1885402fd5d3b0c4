"""What only documents format: identifiers as printed (VAT, enterprise number, IBAN) and
amounts as written in XML. Money, dates and rates for people come from ``backend.platform.formatting``
(Babel), the one formatting module of the project, re-exported here for the renderers.
"""

from __future__ import annotations

from backend.platform.formatting import (
    format_date,
    format_dates,
    format_decimal,
    format_money,
    format_percent,
)


def format_amount(cents: int) -> str:
    """Machine format for XML: ``123456`` -> ``"1234.56"``, ``-5`` -> ``"-0.05"``."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError("amounts are int cents")
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros}.{rest:02d}"


def format_vat_number(vat: str | None) -> str:
    """``BE0403170701`` -> ``BE 0403.170.701``; other countries as given."""
    if not vat:
        return ""
    if vat.startswith("BE") and len(vat) == 12 and vat[2:].isdigit():
        d = vat[2:]
        return f"BE {d[:4]}.{d[4:7]}.{d[7:]}"
    return vat


def format_company_number(number: str | None) -> str:
    if not number:
        return ""
    if len(number) == 10 and number.isdigit():
        return f"{number[:4]}.{number[4:7]}.{number[7:]}"
    return number


def format_iban(iban: str | None) -> str:
    """``BE71096123456769`` -> ``BE71 0961 2345 6769``."""
    if not iban:
        return ""
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


__all__ = [
    "format_amount", "format_company_number", "format_date", "format_dates", "format_decimal",
    "format_iban", "format_money", "format_percent", "format_vat_number",
]
