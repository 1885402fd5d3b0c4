"""Money, dates and rates for people to read, in Dutch, French and English, on Babel (CLDR).

The one place that turns cents and dates into text for a person: PDFs, e-mails, error
messages, pages and the bot all call it. Machine formats (UBL, SEPA, CODA) do not: they write
``1234.56`` themselves.

- money: nl ``€ 1.234,56``, fr ``1 234,56 €`` (narrow no-break space between thousands, no-break
  space before the sign, as CLDR gives for fr-BE), en ``€1,234.56``;
- dates in words: ``2 maart 2026``, ``2 mars 2026``, ``2 March 2026``;
- percentages: ``11,11%`` / ``11,11 %``... as CLDR writes them for the locale.

Locales: nl -> nl_BE, fr -> fr_BE, en -> en_GB (day before month, never ambiguous).
Money is an ``int`` of cents: converted to ``Decimal`` exactly, never through a float.

Deferred values: ``Money(cents)`` and ``Day(date)`` can be passed as message parameters whose
language is only known when the message is rendered (``backend.platform.i18n.t`` localises any value
with a ``localize(language)`` method); ``money_texts`` gives the three texts at once for
parameters stored as JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.lists import format_list
from babel.numbers import format_currency
from babel.numbers import format_decimal as _babel_decimal
from babel.numbers import format_percent as _babel_percent

LANGUAGES = ("nl", "fr", "en")
BRUSSELS = ZoneInfo("Europe/Brussels")  # the time people here read
DEFAULT_LANGUAGE = "nl"
LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}
# en_GB writes the euro as the US-style "€1,234.56" too; kept explicit so a CLDR change shows.
_MONEY_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}


def locale_for(language: str) -> str:
    """The CLDR locale of one of our languages (unknown ones read as Dutch, the default)."""
    return LOCALES.get(language, LOCALES[DEFAULT_LANGUAGE])


def _cents(cents: int) -> Decimal:
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError(f"amounts are int cents, got {type(cents).__name__}")
    return Decimal(cents).scaleb(-2)


def format_money(cents: int, language: str) -> str:
    """``123456`` -> nl ``€ 1.234,56``, fr ``1 234,56 €``, en ``€1,234.56``."""
    return format_currency(_cents(cents), "EUR",
                           locale=_MONEY_LOCALES.get(language, _MONEY_LOCALES["nl"]))


def money_texts(cents: int) -> dict[str, str]:
    """The amount in every language: for parameters stored before the reader is known."""
    return {lang: format_money(cents, lang) for lang in LANGUAGES}


def format_date(day: dt.date, language: str) -> str:
    """A date in words: ``2 maart 2026``, ``2 mars 2026``, ``2 March 2026``."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    if isinstance(day, dt.datetime):
        day = day.date()
    return _babel_date(day, format="long", locale=locale_for(language))


def format_datetime(moment: dt.datetime, language: str) -> str:
    """A moment in Brussels time: ``3 december 2026, 14:05``, ``3 décembre 2026, 14:05``,
    ``3 December 2026, 14:05``."""
    local = moment.astimezone(BRUSSELS)
    return f"{format_date(local.date(), language)}, " \
           f"{_babel_time(local.time(), format='HH:mm', locale=locale_for(language))}"


def date_texts(day: dt.date) -> dict[str, str]:
    return {lang: format_date(day, lang) for lang in LANGUAGES}


def format_dates(days: Iterable[dt.date], language: str) -> str:
    """Several dates in words, sorted; a run of consecutive days is one range:
    ``2 maart 2026 – 4 maart 2026 en 9 maart 2026``."""
    ordered = sorted(set(days))
    if not ordered:
        return ""
    runs: list[tuple[dt.date, dt.date]] = []
    start = prev = ordered[0]
    for day in ordered[1:]:
        if (day - prev).days == 1:
            prev = day
            continue
        runs.append((start, prev))
        start = prev = day
    runs.append((start, prev))
    texts = [format_date(a, language) if a == b
             else f"{format_date(a, language)} – {format_date(b, language)}" for a, b in runs]
    return format_list(texts, locale=locale_for(language))


def _decimal(value: str | int | Decimal) -> Decimal:
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError("rates and quantities are decimal strings, never floats")
    return Decimal(str(value).strip())


def format_decimal(value: str | int | Decimal, language: str) -> str:
    """``"7.6"`` -> ``7,6`` (nl, fr) or ``7.6`` (en); as many decimals as given."""
    number = _decimal(value)
    decimals = max(0, -number.normalize().as_tuple().exponent)
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return _babel_decimal(number, format=pattern, locale=locale_for(language))


def format_percent(rate: str | int | Decimal, language: str) -> str:
    """A rate in percent (``"11.11"`` = 11.11 %) as the locale writes it: ``11,11%``..."""
    number = _decimal(rate)
    decimals = max(0, -number.normalize().as_tuple().exponent)
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "") + "%"
    return _babel_percent(number.scaleb(-2), format=pattern, locale=locale_for(language))


@dataclass(frozen=True)
class Money:
    """An amount to be written in the reader's language when the message is rendered."""

    cents: int

    def localize(self, language: str) -> str:
        return format_money(self.cents, language)

    def __str__(self) -> str:
        return self.localize(DEFAULT_LANGUAGE)


@dataclass(frozen=True)
class Day:
    """A date to be written in words in the reader's language when the message is rendered."""

    day: dt.date

    def localize(self, language: str) -> str:
        return format_date(self.day, language)

    def __str__(self) -> str:
        return self.localize(DEFAULT_LANGUAGE)


def localize(value: object, language: str) -> object:
    """``value.localize(language)`` for deferred values, the value itself otherwise."""
    method = getattr(value, "localize", None)
    return method(language) if callable(method) else value


def jinja_filters() -> dict[str, object]:
    """Filters for server-rendered pages: ``{{ cents | money(lang) }}``, ``{{ day | date(lang) }}``."""
    return {"money": format_money, "date": format_date, "dates": format_dates,
            "datetime": format_datetime, "percent": format_percent}


__all__ = [
    "BRUSSELS", "DEFAULT_LANGUAGE", "Day", "LANGUAGES", "LOCALES", "Money", "date_texts",
    "format_date", "format_dates", "format_datetime", "format_decimal", "format_money",
    "format_percent", "jinja_filters", "locale_for", "localize", "money_texts",
]
