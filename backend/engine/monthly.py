"""Monthly payslip of an open-ended contract: Annex III KB/WIB 92 key formula.

Steps (every step rounded half up to the cent, Annex III point 12):

1. ``ss = gross × 13.07 %`` (contract type's rate and base).
2. Work bonus (monthly, full-time reference wage S = gross), per part:
   ``max`` when S ≤ threshold, ``max − slope × (S − threshold)`` up to ``zero_at``, else 0.
   Total A + B is capped at ``ss`` (part A is granted first, then part B: interpretation,
   unverified). ``personal_ss = ss − bonus``.
3. ``taxable = gross − personal_ss``; annual taxable ``A = taxable × 12``.
4. Flat professional expenses ``min(A × 30 %, cap)``; net annual ``N = A − expenses``.
5. Married with one income: marital quotient ``Q = min(N × 30 %, cap)``.
6. Annual tax ``max(0, scale(N − Q) − R) + max(0, scale(Q) − R)`` where ``scale`` taxes each
   bracket (rounded per bracket) and R is the tax on the tax-free sum. Applying R to each
   spouse's part separately is our reading of Annex III (unverified).
7. Monthly base withholding ``= annual tax / 12``.
8. Minus the monthly reduction for dependent children (floored at 0).
9. Minus the fiscal work bonus ``33.14 % × A' + 52.54 % × B'`` (floored at 0).
10. Special social security contribution: monthly scale for a single-income household
    (applied to every family status: the two-income scale is not modelled).
11. ``net = gross − personal_ss − withholding − special_ss``.

Not modelled (documented limits): part-time work bonus, single-parent extra reduction,
disabled dependants, other dependants, the annual cap of the fiscal work bonus.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import EngineInputError
from .money import Ratio, format_percent
from .payroll import contract_rule, employer_cost, largest_gross
from .rules import RuleBook, RuleSet
from .simulation import Line
from .texts import MONTHLY, fmt
from .workcalendar import last_day_of_month, monthly_pay_date

__all__ = [
    "FAMILY_STATUSES",
    "FamilySituation",
    "MonthlyPayslip",
    "MonthPay",
    "month_gross",
    "month_pay",
    "monthly_gross_from_projection",
    "monthly_payslip",
    "work_bonus",
]

FAMILY_STATUSES = ("single", "married_one_income", "married_two_incomes")


@dataclass(frozen=True)
class FamilySituation:
    """``status``: single | married_one_income | married_two_incomes (legal cohabitants = married)."""

    status: str = "single"
    dependent_children: int = 0


@dataclass(frozen=True)
class MonthlyPayslip:
    rule_set: str
    rule_set_fallback: bool
    gross_cents: int
    social_security_cents: int  # before the work bonus
    work_bonus_cents: int
    work_bonus_a_cents: int
    work_bonus_b_cents: int
    personal_social_security_cents: int  # social security actually withheld
    taxable_cents: int
    annual_taxable_cents: int
    professional_expenses_cents: int
    annual_net_taxable_cents: int
    marital_quotient_cents: int
    annual_tax_cents: int
    withholding_base_cents: int
    child_reduction_cents: int
    fiscal_work_bonus_cents: int
    withholding_tax_cents: int
    special_social_security_cents: int
    net_cents: int
    lines: tuple[Line, ...]


def _r(cents: int, ratio: Ratio) -> int:
    n, d = ratio
    return (2 * cents * n + d) // (2 * d)


def _scale(income: int, brackets: list[tuple[int | None, Ratio]]) -> int:
    tax = 0
    lower = 0
    for upper, ratio in brackets:
        if income <= lower:
            break
        top = income if upper is None or income < upper else upper
        tax += _r(top - lower, ratio)
        if upper is None:
            break
        lower = upper
    return tax


def work_bonus(gross_cents: int, rs: RuleSet) -> tuple[int, int]:
    """Uncapped work bonus parts (A, B) in cents for a monthly reference wage."""
    out = []
    for max_c, threshold, slope, zero_at in rs.work_bonus_parts:
        if gross_cents <= threshold:
            amount = max_c
        elif gross_cents <= zero_at:
            amount = max(0, max_c - _r(gross_cents - threshold, slope))
        else:
            amount = 0
        out.append(amount)
    return out[0], out[1]


def _special_ss(gross_cents: int, rs: RuleSet) -> int:
    amount = 0
    for over, base, ratio in rs.special_ss_tiers:
        if gross_cents > over:
            amount = base + _r(gross_cents - over, ratio)
    return min(amount, rs.special_ss_max)


def _children(n: int, rs: RuleSet) -> int:
    if n <= 0:
        return 0
    table = rs.children_reduction
    if n <= len(table):
        return table[n - 1]
    return table[-1] + (n - len(table)) * rs.children_extra


def monthly_payslip(
    gross_cents: int,
    situation: FamilySituation,
    on: date,
    *,
    contract_type: str = "open_ended",
    country: str = "BE",
    legal_entity: str = "smart",
    rules: RuleBook | None = None,
) -> MonthlyPayslip:
    """Monthly payslip for ``gross_cents`` paid in the month of ``on``."""
    if type(gross_cents) is not int:
        raise EngineInputError("grossCents", "not_an_integer", {})
    if gross_cents <= 0:
        raise EngineInputError("grossCents", "not_positive", {})
    if situation.status not in FAMILY_STATUSES:
        raise EngineInputError(
            "familyStatus",
            "unknown_family_status",
            {"value": str(situation.status), "allowed": ", ".join(FAMILY_STATUSES)},
        )
    children = situation.dependent_children
    if type(children) is not int or children < 0:
        raise EngineInputError("dependentChildren", "negative", {})
    book = rules or RuleBook.default()
    rs, fallback = book.for_date(country, legal_entity, on, field="date")
    if gross_cents > rs.max_amount_cents:
        raise EngineInputError("grossCents", "too_large", {"max": rs.max_amount_cents})
    ct = contract_rule(rs, contract_type)
    if not ct.monthly_key_formula:
        allowed = ", ".join(c for c, r in rs.contracts.items() if r.monthly_key_formula)
        raise EngineInputError("contractType", "not_monthly_contract", {"allowed": allowed})

    ss = _r(gross_cents, ct.worker_ss)
    a, b = work_bonus(gross_cents, rs)
    a_granted = min(a, ss)
    b_granted = min(b, ss - a_granted)
    bonus = a_granted + b_granted
    personal_ss = ss - bonus
    taxable = gross_cents - personal_ss

    annual = taxable * 12
    expenses = min(_r(annual, rs.prof_expenses), rs.prof_expenses_cap)
    net_annual = annual - expenses
    quotient = 0
    if situation.status == "married_one_income":
        quotient = min(_r(net_annual, rs.marital_quotient), rs.marital_quotient_cap)
    r = rs.tax_free_reduction
    annual_tax = max(0, _scale(net_annual - quotient, rs.brackets) - r)
    if quotient:
        annual_tax += max(0, _scale(quotient, rs.brackets) - r)
    base_wh = (2 * annual_tax + 12) // 24  # annual / 12, half up
    child = min(_children(children, rs), base_wh)
    after_child = base_wh - child
    fa, fb = rs.fiscal_work_bonus
    fiscal = min(_r(a_granted, fa) + _r(b_granted, fb), after_child)
    withholding = after_child - fiscal
    special = _special_ss(gross_cents, rs)
    net = gross_cents - personal_ss - withholding - special

    lines = _lines(
        rs,
        ct,
        children,
        gross_cents,
        ss,
        bonus,
        taxable,
        base_wh,
        child,
        fiscal,
        withholding,
        special,
        net,
    )
    return MonthlyPayslip(
        rule_set=rs.id,
        rule_set_fallback=fallback,
        gross_cents=gross_cents,
        social_security_cents=ss,
        work_bonus_cents=bonus,
        work_bonus_a_cents=a_granted,
        work_bonus_b_cents=b_granted,
        personal_social_security_cents=personal_ss,
        taxable_cents=taxable,
        annual_taxable_cents=annual,
        professional_expenses_cents=expenses,
        annual_net_taxable_cents=net_annual,
        marital_quotient_cents=quotient,
        annual_tax_cents=annual_tax,
        withholding_base_cents=base_wh,
        child_reduction_cents=child,
        fiscal_work_bonus_cents=fiscal,
        withholding_tax_cents=withholding,
        special_social_security_cents=special,
        net_cents=net,
        lines=lines,
    )


def _lines(rs, ct, children, gross, ss, bonus, taxable, base_wh, child, fiscal, wh, special, net):
    def line(code: str, amount: int, **params: object) -> Line:
        label, expl = MONTHLY[code]
        return Line(code, amount, fmt(label, **params), fmt(expl, **params))

    ss_text = format_percent(ct.worker_ss_text)
    pe = format_percent(rs.value("key_formula.professional_expenses_percent"))
    return (
        line("gross", gross),
        line("social_security", ss, ss=ss_text),
        line("work_bonus", bonus),
        line("taxable", taxable),
        line("withholding_base", base_wh, pe=pe),
        line("child_reduction", child, children=children),
        line(
            "fiscal_work_bonus",
            fiscal,
            a=format_percent(rs.value("work_bonus.fiscal_part_a_percent")),
            b=format_percent(rs.value("work_bonus.fiscal_part_b_percent")),
        ),
        line("withholding_tax", wh),
        line("special_social_security", special),
        line("net", net),
    )


def _weekdays(start: date, end: date) -> int:
    """Monday-Friday days in [start, end] (public holidays included: they are paid days)."""
    if end < start:
        return 0
    days = (end - start).days + 1
    full, rest = divmod(days, 7)
    count = full * 5
    for i in range(rest):
        if (start.weekday() + i) % 7 < 5:
            count += 1
    return count


def month_gross(
    monthly_gross_cents: int, year: int, month: int, employed_from: date, employed_until: date | None
) -> tuple[int, int, int]:
    """Gross of one month of an open-ended contract: ``(gross, days employed, days in month)``.

    A whole month pays the agreed monthly gross; a month the contract starts or ends in pays
    pro rata the weekdays employed (Mon-Fri, public holidays included since they are paid),
    rounded half up. A month outside the contract pays 0.
    """
    if type(monthly_gross_cents) is not int or monthly_gross_cents <= 0:
        raise EngineInputError("monthlyGrossCents", "not_positive", {})
    first = date(year, month, 1)
    last = last_day_of_month(year, month)
    start = max(first, employed_from)
    end = min(last, employed_until) if employed_until else last
    total = _weekdays(first, last)
    employed = _weekdays(start, end)
    if employed == total:
        return monthly_gross_cents, employed, total
    return (2 * monthly_gross_cents * employed + total) // (2 * total), employed, total


@dataclass(frozen=True)
class MonthPay:
    """One month of an open-ended contract: what the payroll run pays and books."""

    month: date  # first day of the month
    pay_date: date
    days_employed: int
    days_in_month: int
    employer_cost_cents: int
    payslip: MonthlyPayslip


def month_pay(
    monthly_gross_cents: int,
    month: date,
    employed_from: date,
    employed_until: date | None,
    situation: FamilySituation,
    *,
    contract_type: str = "open_ended",
    country: str = "BE",
    legal_entity: str = "smart",
    rules: RuleBook | None = None,
) -> MonthPay | None:
    """The month's pay (pro rata in a first or last month, key formula on the month's gross,
    employer cost = gross × the contract's coefficient), or None when not employed that month."""
    first = month.replace(day=1)
    gross, employed, total = month_gross(
        monthly_gross_cents, first.year, first.month, employed_from, employed_until
    )
    if employed == 0:
        return None
    book = rules or RuleBook.default()
    rs, _ = book.for_date(country, legal_entity, first, field="month")
    slip = monthly_payslip(gross, situation, first, contract_type=contract_type, country=country,
                           legal_entity=legal_entity, rules=book)
    cost = employer_cost(gross, contract_rule(rs, contract_type).coefficient)
    return MonthPay(first, monthly_pay_date(first.year, first.month, rs), employed, total, cost, slip)


def monthly_gross_from_projection(
    annual_turnover_cents: int,
    on: date,
    *,
    contract_type: str = "open_ended",
    country: str = "BE",
    legal_entity: str = "smart",
    rules: RuleBook | None = None,
) -> tuple[int, str]:
    """The monthly gross a projected yearly turnover (excl. VAT) can carry (002:379: pay set from
    an estimate of future income): turnover less the shared contribution, over 12 months, is the
    monthly employer cost; the gross is the largest whose cost fits. ``(gross, rule set id)``."""
    if type(annual_turnover_cents) is not int or annual_turnover_cents <= 0:
        raise EngineInputError("projectedAnnualTurnoverCents", "not_positive", {})
    book = rules or RuleBook.default()
    rs, _ = book.for_date(country, legal_entity, on, field="startDate")
    n, d = rs.contribution
    contribution = (2 * annual_turnover_cents * n + d) // (2 * d)
    budget = (annual_turnover_cents - contribution) // 12
    gross = largest_gross(budget, contract_rule(rs, contract_type).coefficient)
    if gross <= 0:
        raise EngineInputError("projectedAnnualTurnoverCents", "not_positive", {})
    return gross, rs.id
