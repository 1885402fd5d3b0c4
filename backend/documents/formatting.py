"""Display formatting for documents: money, dates, rates. Integer arithmetic only.

Money: Belgian style ``1.234,56 €`` in nl and fr, ``€1,234.56`` in en.
Dates: ``2 maart 2026`` / ``2 mars 2026`` / ``2 March 2026`` (never ambiguous).
Rates: ``11,11 %`` in nl and fr, ``11.11%`` in en.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from backend.documents.models import normalize_decimal, parse_decimal

MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def _group(digits: str, sep: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return sep.join(parts)


def format_money(cents: int, language: str) -> str:
    """``123456`` -> ``"1.234,56 €"`` (nl, fr) or ``"€1,234.56"`` (en)."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError("amounts are int cents")
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    if language == "en":
        return f"{sign}€{_group(str(euros), ',')}.{rest:02d}"
    return f"{sign}{_group(str(euros), '.')},{rest:02d} €"


def format_amount(cents: int) -> str:
    """Machine format for XML: ``123456`` -> ``"1234.56"``, ``-5`` -> ``"-0.05"``."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError("amounts are int cents")
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros}.{rest:02d}"


def format_date(value: date, language: str) -> str:
    months = MONTHS.get(language, MONTHS["nl"])
    return f"{value.day} {months[value.month - 1]} {value.year}"


def format_dates(values: Iterable[date], language: str) -> str:
    """Several dates, sorted; a run of consecutive days is shown as a range."""
    days = sorted(set(values))
    if not days:
        return ""
    runs: list[tuple[date, date]] = []
    start = prev = days[0]
    for d in days[1:]:
        if (d - prev).days == 1:
            prev = d
            continue
        runs.append((start, prev))
        start = prev = d
    runs.append((start, prev))
    sep = {"nl": " tot ", "fr": " au ", "en": " to "}.get(language, " - ")
    texts = [
        format_date(a, language) if a == b else f"{format_date(a, language)}{sep}{format_date(b, language)}"
        for a, b in runs
    ]
    return ", ".join(texts)


def format_decimal(value: str, language: str) -> str:
    text = normalize_decimal(parse_decimal("value", value))
    return text if language == "en" else text.replace(".", ",")


def format_percent(rate: str, language: str) -> str:
    """``"11.11"`` -> ``"11,11 %"`` (nl, fr) or ``"11.11%"`` (en)."""
    text = format_decimal(rate, language)
    return f"{text}%" if language == "en" else f"{text} %"


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
    if not iban:
        return ""
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
