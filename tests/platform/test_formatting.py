"""The one formatting module (Babel/CLDR): what a person reads, in nl-BE, fr-BE and en."""

from __future__ import annotations

import datetime as dt

import pytest

from backend.platform import i18n
from backend.platform.formatting import (
    Day,
    Money,
    date_texts,
    format_date,
    format_dates,
    format_decimal,
    format_money,
    format_percent,
    jinja_filters,
    money_texts,
)

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize("language, cents, text", [
    ("nl", 123456, f"€{NBSP}1.234,56"),
    ("fr", 123456, f"1{NNBSP}234,56{NBSP}€"),
    ("en", 123456, "€1,234.56"),
    ("nl", 145200, f"€{NBSP}1.452,00"),  # the "€1.452.00" mixed both conventions
    ("en", 5, "€0.05"),
    ("fr", -150000000, f"-1{NNBSP}500{NNBSP}000,00{NBSP}€"),
    ("de", 100, f"€{NBSP}1,00"),  # an unknown language reads as Dutch, the default
])
def test_money(language, cents, text):
    assert format_money(cents, language) == text


def test_money_is_int_cents_never_a_float():
    with pytest.raises(TypeError):
        format_money(12.5, "nl")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_money(True, "nl")  # type: ignore[arg-type]
    # a float would show here: 0.1 + 0.2 cents of drift on a large amount
    assert format_money(99_999_999_999, "en") == "€999,999,999.99"


def test_dates_in_words_and_ranges():
    day = dt.date(2026, 3, 2)
    assert date_texts(day) == {"nl": "2 maart 2026", "fr": "2 mars 2026", "en": "2 March 2026"}
    days = [dt.date(2026, 3, 2), dt.date(2026, 3, 3), dt.date(2026, 3, 4), dt.date(2026, 3, 9)]
    assert format_dates(days, "fr") == "2 mars 2026 – 4 mars 2026 et 9 mars 2026"
    assert format_dates(days, "en") == "2 March 2026 – 4 March 2026 and 9 March 2026"
    assert format_dates([], "nl") == ""
    assert format_date("2026-12-31", "nl") == "31 december 2026"


def test_rates_and_quantities():
    assert format_percent("11.11", "nl") == "11,11%"
    assert format_percent("21", "en") == "21%"
    assert format_decimal("7.6", "fr") == "7,6"
    assert format_decimal("1234.5", "en") == "1,234.5"
    with pytest.raises(TypeError):
        format_percent(21.0, "nl")  # type: ignore[arg-type]


def test_deferred_values_are_written_in_the_readers_language():
    """Errors and e-mails get ``Money`` / ``Day``; i18n.t writes them when the language is known."""
    i18n.register({"test.formatting": {"nl": "{amount} op {day}", "fr": "{amount} le {day}",
                                       "en": "{amount} on {day}"}})
    params = {"amount": Money(145200), "day": Day(dt.date(2026, 4, 2))}
    assert i18n.t("test.formatting", "nl", **params) == f"€{NBSP}1.452,00 op 2 april 2026"
    assert i18n.t("test.formatting", "fr", **params) == f"1{NNBSP}452,00{NBSP}€ le 2 avril 2026"
    assert i18n.t("test.formatting", "en", **params) == "€1,452.00 on 2 April 2026"
    assert money_texts(100)["en"] == "€1.00"


def test_filters_for_pages():
    filters = jinja_filters()
    assert filters["money"](123456, "en") == "€1,234.56"
    assert filters["date"](dt.date(2026, 3, 2), "fr") == "2 mars 2026"


def test_no_other_money_formatter_in_the_code():
    """One formatting module: the ad-hoc euro formatters are gone (issue 11)."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2] / "backend"
    pattern = re.compile(r"def _?euro\(|def format_money\(|def money\(")
    owners = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                    if pattern.search(p.read_text(encoding="utf-8")))
    assert owners == ["platform/formatting.py"], owners

