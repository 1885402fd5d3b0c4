"""Belgian working-day calendar and pay dates, driven by rule-set data.

Public holidays are rules in the rule set (``calendar.public_holidays``: fixed dates and
Easter offsets, KB 18 april 1974). Working days are Monday-Friday that are not public
holidays. When a holiday falls on a weekend it is not moved (the employer grants a
replacement day, which is not a bank/payroll matter).

Pay date rules (``calendar.pay_date_rule``, per entity):

* ``working_days_after_last_day``: the N-th working day after the last day worked
  (N = ``calendar.pay_date_working_days``, 7 for Smart, seed 001:111). The last day itself
  is never counted, whether or not it is a working day.
* ``tenth_of_next_month``: the 10th of the month after the last day worked; when the 10th
  is not a working day, the next working day.

The holiday rules of the rule set that applies to the last day worked are used for every
year the count crosses (the rules are year-independent).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .rules import RuleBook, RuleSet

__all__ = [
    "Holiday",
    "public_holidays",
    "is_working_day",
    "add_working_days",
    "pay_date",
    "pay_date_for",
    "monthly_pay_date",
    "last_day_of_month",
]

_ONE = timedelta(days=1)


@dataclass(frozen=True)
class Holiday:
    day: date
    code: str
    names: dict[str, str]


def public_holidays(year: int, rules: RuleSet) -> list[Holiday]:
    """The public holidays of ``year`` according to ``rules``, sorted by date."""
    return [
        Holiday(day=d, code=h["code"], names=dict(h["names"]))
        for d, h in sorted(rules.holidays(year).items())
    ]


def is_working_day(day: date, rules: RuleSet) -> bool:
    return day.weekday() < 5 and day not in rules.holidays(day.year)


def add_working_days(day: date, n: int, rules: RuleSet) -> date:
    """The ``n``-th working day strictly after ``day`` (n >= 1)."""
    if n < 1:
        raise ValueError("n must be >= 1")
    d = day
    while n:
        d += _ONE
        if d.weekday() < 5 and d not in rules.holidays(d.year):
            n -= 1
    return d


def _next_working_day_on_or_after(day: date, rules: RuleSet) -> date:
    d = day
    while not (d.weekday() < 5 and d not in rules.holidays(d.year)):
        d += _ONE
    return d


def pay_date(last_day_worked: date, rules: RuleSet) -> date:
    """Salary pay date for a performance whose last day worked is ``last_day_worked``."""
    cache = rules.cache
    key = ("pay_date", last_day_worked)
    got = cache.get(key)
    if got is not None:
        return got
    if rules.pay_date_rule == "tenth_of_next_month":
        y, m = last_day_worked.year, last_day_worked.month
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        got = _next_working_day_on_or_after(date(y, m, 10), rules)
    else:
        got = add_working_days(last_day_worked, rules.pay_date_working_days, rules)
    cache[key] = got
    return got


def last_day_of_month(year: int, month: int) -> date:
    return (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - _ONE


def monthly_pay_date(year: int, month: int, rules: RuleSet) -> date:
    """Pay date of a month's salary under an open-ended contract
    (``calendar.monthly_pay_date_rule``; the only rule: the month's last working day)."""
    d = last_day_of_month(year, month)
    while not (d.weekday() < 5 and d not in rules.holidays(d.year)):
        d -= _ONE
    return d


def pay_date_for(
    last_day_worked: date,
    *,
    country: str = "BE",
    legal_entity: str = "smart",
    rules: RuleBook | None = None,
) -> tuple[date, str, bool]:
    """Pay date with the rule-set lookup: ``(pay_date, rule_set_id, fallback)``."""
    book = rules or RuleBook.default()
    rs, fallback = book.for_date(country, legal_entity, last_day_worked)
    return pay_date(last_day_worked, rs), rs.id, fallback
