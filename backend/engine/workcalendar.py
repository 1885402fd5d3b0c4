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
    "DayFlag",
    "Holiday",
    "flag_sundays_and_holidays",
    "weekdays_between",
    "weekdays_in_month",
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


SUNDAY_NAMES = {"nl": "Zondag", "fr": "Dimanche", "en": "Sunday"}


@dataclass(frozen=True)
class DayFlag:
    """A performance date that needs a look: a Sunday or a public holiday (or both)."""

    day: date
    kind: str  # "public_holiday" (also when it falls on a Sunday) or "sunday"
    code: str  # the holiday code of the rule set, or "sunday"
    names: dict[str, str]
    is_sunday: bool


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


def flag_sundays_and_holidays(
    days,
    *,
    country: str = "BE",
    legal_entity: str = "smart",
    rules: RuleBook | None = None,
) -> tuple[DayFlag, ...]:
    """The dates among ``days`` that are a Sunday or a public holiday of the rule set in force
    on that date (calendar data, KB 18 april 1974), sorted; work on them is flagged for review."""
    book = rules or RuleBook.default()
    out = []
    for day in sorted(set(days)):
        rs, _ = book.for_date(country, legal_entity, day)
        holiday = rs.holidays(day.year).get(day)
        sunday = day.weekday() == 6
        if holiday is not None:
            out.append(DayFlag(day, "public_holiday", holiday["code"], dict(holiday["names"]), sunday))
        elif sunday:
            out.append(DayFlag(day, "sunday", "sunday", dict(SUNDAY_NAMES), True))
    return tuple(out)


def weekdays_between(start: date, end: date, days_per_week: int = 5) -> int:
    """Days of a ``days_per_week`` regime (Monday first) in [start, end]; public holidays count
    (they are paid days)."""
    if end < start:
        return 0
    days = (end - start).days + 1
    full, rest = divmod(days, 7)
    count = full * days_per_week
    for i in range(rest):
        if (start.weekday() + i) % 7 < days_per_week:
            count += 1
    return count


_MONTH_DAYS: dict[tuple[int, int, int], int] = {}


def weekdays_in_month(year: int, month: int, days_per_week: int = 5) -> int:
    """``D`` of the RSZ instructions: the days of the calendar month in the regime."""
    key = (year, month, days_per_week)
    got = _MONTH_DAYS.get(key)
    if got is None:
        got = weekdays_between(date(year, month, 1), last_day_of_month(year, month), days_per_week)
        if len(_MONTH_DAYS) < 10_000:
            _MONTH_DAYS[key] = got
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
