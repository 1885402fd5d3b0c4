"""Per-contract payroll: coefficients, largest gross, employee side, student quota.

Employer cost of a gross wage ``g`` with coefficient ``c`` (exact fraction n/d):
``employer_cost(g) = round_half_up(g × n / d)``. The gross paid from a work budget ``B`` is
the LARGEST ``g`` with ``employer_cost(g) ≤ B``::

    round_half_up(g·n/d) ≤ B  ⇔  g·n/d < B + ½  ⇔  2·g·n < (2B + 1)·d
    ⇒  g = ((2B + 1)·d − 1) // (2n)

(exact integer arithmetic; ``employer_cost`` is non-decreasing in ``g`` because n > 0).
The cents left (``B − employer_cost(g)``) stay in the unit.

Employee side, one rounding per step (half up to the cent):
``social_security = round(gross × base% × rate%)`` (13.07 % on 100 %, or on 108 % for
manual workers and artists; students 2.71 % solidarity), ``taxable = gross − social_security``,
``withholding = round(taxable × chosen rate)``, ``net = taxable − withholding``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .errors import EngineInputError
from .money import RateSyntaxError, Ratio, parse_decimal
from .rules import RuleBook
from .ruleset import ContractRule, RuleSet

__all__ = [
    "largest_gross",
    "employer_cost",
    "contract_rule",
    "withholding_ratio",
    "StudentQuota",
    "parse_hours",
    "student_quota",
]


def employer_cost(gross_cents: int, coefficient: Ratio) -> int:
    n, d = coefficient
    return (2 * gross_cents * n + d) // (2 * d)


def largest_gross(work_budget_cents: int, coefficient: Ratio) -> int:
    """Largest gross (cents) whose employer cost fits in the work budget (0 if none)."""
    if work_budget_cents <= 0:
        return 0
    n, d = coefficient
    return ((2 * work_budget_cents + 1) * d - 1) // (2 * n)


def contract_rule(rs: RuleSet, contract_type: str) -> ContractRule:
    ct = rs.contracts.get(contract_type)
    if ct is None:
        raise EngineInputError(
            "contractType",
            "unknown_contract_type",
            {"value": contract_type, "allowed": ", ".join(rs.contracts)},
        )
    return ct


def withholding_ratio(rs: RuleSet, ct: ContractRule, rate: str | None) -> tuple[Ratio, str]:
    """Validate the worker's chosen flat withholding rate; returns (ratio, normalized text)."""
    if rate is None:
        return ct.withholding_default, ct.withholding_default_text
    if type(rate) is not str:
        raise EngineInputError("withholdingRate", "invalid_rate", {"value": str(rate)})
    hit = ct.withholding_options.get(rate)
    if hit is not None:
        return hit, rate
    key = ("wh", ct.code, rate)
    cached = rs.cache.get(key)
    if cached is not None:
        return cached
    try:
        value = parse_decimal(rate)
    except RateSyntaxError:
        raise EngineInputError("withholdingRate", "invalid_rate", {"value": rate}) from None
    text = format(value.normalize(), "f")
    if value < Decimal(ct.withholding_minimum_text):
        raise EngineInputError(
            "withholdingRate",
            "withholding_below_minimum",
            {"value": text, "minimum": ct.withholding_minimum_text},
        )
    hit = ct.withholding_options.get(text)
    if hit is None:
        raise EngineInputError(
            "withholdingRate",
            "withholding_not_allowed",
            {"value": text, "allowed": ", ".join(ct.withholding_options_text)},
        )
    result = (hit, text)
    if len(rs.cache) < 50_000:
        rs.cache[key] = result
    return result


@dataclass(frozen=True)
class StudentQuota:
    """Result of a student hour-quota check (hours as exact Decimals)."""

    year: int
    quota_hours: int
    used_hours: Decimal
    planned_hours: Decimal
    remaining_after_hours: Decimal
    exceeded: bool
    rule_set: str
    rule_set_fallback: bool


def parse_hours(value: object, field: str) -> Decimal:
    """Hours as an exact Decimal: an int, a Decimal or a decimal string; never a float."""
    if isinstance(value, bool) or isinstance(value, float):
        raise EngineInputError(field, "invalid_hours", {})
    if isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, Decimal):
        d = value
    elif isinstance(value, str):
        try:
            d = parse_decimal(value)
        except RateSyntaxError:
            raise EngineInputError(field, "invalid_hours", {}) from None
    else:
        raise EngineInputError(field, "invalid_hours", {})
    if not d.is_finite() or d < 0:
        raise EngineInputError(field, "invalid_hours", {})
    return d


def student_quota(
    hours_used: int | str | Decimal,
    hours_planned: int | str | Decimal,
    on: date,
    *,
    country: str = "BE",
    legal_entity: str = "smart",
    rules: RuleBook | None = None,
) -> StudentQuota:
    """Check the yearly student hour quota (``student.yearly_hour_quota``) for ``on``'s year.

    ``exceeded`` is True when used + planned hours go beyond the quota: the hours beyond it
    are subject to ordinary social security (13.07 %), so the API routes the job for review.
    """
    used = parse_hours(hours_used, "hoursUsed")
    planned = parse_hours(hours_planned, "hoursPlanned")
    book = rules or RuleBook.default()
    rs, fallback = book.for_date(country, legal_entity, on, field="date")
    quota = rs.student_hour_quota
    remaining = Decimal(quota) - used - planned
    return StudentQuota(
        year=on.year,
        quota_hours=quota,
        used_hours=used,
        planned_hours=planned,
        remaining_after_hours=remaining,
        exceeded=remaining < 0,
        rule_set=rs.id,
        rule_set_fallback=fallback,
    )
