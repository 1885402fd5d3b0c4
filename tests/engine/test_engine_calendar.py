"""Belgian working days and pay dates (holidays are rule-set data, KB 18 april 1974)."""

from __future__ import annotations

from datetime import date

import pytest

from backend.engine import (
    RuleBook,
    add_working_days,
    is_working_day,
    pay_date,
    pay_date_for,
    public_holidays,
)
from backend.engine.rules import easter_sunday

D = date


def test_holidays_2025_and_2026(rs2025):
    assert [h.day for h in public_holidays(2025, rs2025)] == [
        D(2025, 1, 1), D(2025, 4, 21), D(2025, 5, 1), D(2025, 5, 29), D(2025, 6, 9),
        D(2025, 7, 21), D(2025, 8, 15), D(2025, 11, 1), D(2025, 11, 11), D(2025, 12, 25),
    ]  # fmt: skip
    h2026 = {h.code: h.day for h in public_holidays(2026, rs2025)}
    assert h2026["easter_monday"] == D(2026, 4, 6)
    assert h2026["ascension"] == D(2026, 5, 14)
    assert h2026["whit_monday"] == D(2026, 5, 25)
    assert public_holidays(2026, rs2025)[0].names["fr"] == "Nouvel An"


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2017, D(2017, 4, 16)), (2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)),
     (2027, D(2027, 3, 28)), (2038, D(2038, 4, 25))],
)  # fmt: skip
def test_easter(year, easter):
    assert easter_sunday(year) == easter


# pay date = 7th working day after the last day worked (001:111)
PAY_DATES = [
    (D(2025, 12, 22), D(2026, 1, 2)),   # 23,24,[25 Christmas],26,29,30,31,[1 Jan],2
    (D(2025, 12, 24), D(2026, 1, 6)),   # 26,29,30,31,2,5,6
    (D(2025, 12, 31), D(2026, 1, 12)),  # [1 Jan],2,5,6,7,8,9,12
    (D(2026, 1, 1), D(2026, 1, 12)),    # a holiday as last day: counting starts the day after
    (D(2026, 4, 1), D(2026, 4, 13)),    # 2,3,[6 Easter Monday],7,8,9,10,13
    (D(2026, 4, 3), D(2026, 4, 15)),    # 7,8,9,10,13,14,15
    (D(2025, 4, 18), D(2025, 4, 30)),   # 22,23,24,25,28,29,30 (21 Easter Monday)
    (D(2025, 5, 23), D(2025, 6, 4)),    # 26,27,28,[29 Ascension],30,2,3,4
    (D(2025, 3, 8), D(2025, 3, 18)),    # a Saturday: 10..14, 17, 18
    (D(2024, 12, 20), D(2025, 1, 2)),   # 23,24,26,27,30,31,2 (crosses rule-set years)
]  # fmt: skip


@pytest.mark.parametrize(("last_day", "expected"), PAY_DATES)
def test_pay_dates(book, last_day, expected):
    rs, _ = book.for_date("BE", "smart", last_day)
    assert pay_date(last_day, rs) == expected
    assert pay_date_for(last_day)[0] == expected


def test_pay_date_for_names_rule_set():
    assert pay_date_for(D(2026, 4, 1)) == (D(2026, 4, 13), "be-smart-2026@2026-04-01", False)
    assert pay_date_for(D(2027, 4, 1))[1:] == ("be-smart-2026@2026-09-01", True)


def test_sundays_and_public_holidays_are_flagged():
    from backend.engine import flag_sundays_and_holidays

    days = [D(2026, 4, 5), D(2026, 4, 6), D(2026, 4, 7), D(2026, 11, 1), D(2026, 11, 11)]
    flags = flag_sundays_and_holidays(days)
    # 5 April 2026 is Easter Sunday (a Sunday, not one of the ten legal holidays); 6 April is
    # Easter Monday; 1 November 2026 is All Saints' Day on a Sunday; 11 November is Armistice
    assert [(f.day, f.kind, f.code, f.is_sunday) for f in flags] == [
        (D(2026, 4, 5), "sunday", "sunday", True),
        (D(2026, 4, 6), "public_holiday", "easter_monday", False),
        (D(2026, 11, 1), "public_holiday", "all_saints", True),
        (D(2026, 11, 11), "public_holiday", "armistice", False),
    ]
    assert flags[0].names["nl"] == "Zondag" and flags[1].names["fr"] == "Lundi de Pâques"
    assert flag_sundays_and_holidays([D(2026, 4, 7), D(2026, 4, 8)]) == ()


def test_working_days(rs2025):
    assert not is_working_day(D(2025, 7, 21), rs2025)  # National Day
    assert not is_working_day(D(2025, 7, 19), rs2025)  # Saturday
    assert is_working_day(D(2025, 7, 22), rs2025)
    assert add_working_days(D(2025, 11, 10), 1, rs2025) == D(2025, 11, 12)  # skips Armistice
    with pytest.raises(ValueError):
        add_working_days(D(2025, 1, 1), 0, rs2025)


def test_tenth_of_next_month_rule(doc2025):
    doc2025["parameters"]["calendar.pay_date_rule"]["value"] = "tenth_of_next_month"
    rs, _ = RuleBook.from_documents([doc2025]).for_date("BE", "smart", D(2025, 6, 1))
    assert pay_date(D(2025, 6, 3), rs) == D(2025, 7, 10)  # Thursday
    assert pay_date(D(2025, 4, 30), rs) == D(2025, 5, 12)  # 10 May is a Saturday
    assert pay_date(D(2025, 12, 5), rs) == D(2026, 1, 12)  # 10 Jan 2026 is a Saturday


def test_holiday_rules_are_data(doc2025):
    """Adding a holiday in the rule file moves pay dates (no code change)."""
    doc2025["parameters"]["calendar.public_holidays"]["value"].append(
        {"code": "kings_day_test", "rule": "fixed", "month": 3, "day": 4,
         "names": {"nl": "Test", "fr": "Test", "en": "Test"}}
    )  # fmt: skip
    rs, _ = RuleBook.from_documents([doc2025]).for_date("BE", "smart", D(2025, 3, 3))
    assert pay_date(D(2025, 3, 3), rs) == D(2025, 3, 13)
