"""The main entry point: from an invoice amount to a net salary (3in1 / QuickJob).

    turnover (excl. VAT) − contribution − expenses = work budget
    gross = largest g with round_half_up(g × coefficient) ≤ work budget
    unit remainder = work budget − employer cost
    social security = gross × rate − work bonus (RSZ: day contracts, month by month)
    taxable = gross − social security
    withholding = taxable × chosen rate − fiscal work bonus (never below 0)
    net = taxable − withholding

Invariant, exact to the cent:
``turnover == contribution + expenses + employer_cost + unit_remainder``.

Rule-set choice: the rule set in force on the LAST performance date (the day the salary
becomes due); its id and fallback flag are in the result. A date with no rule set in force
gets a notice in words (``rule_set_notice`` and a first line ``rule_set_fallback``).

The employer cost is shown with the parts its coefficient covers (``employer_cost_*`` lines:
public rates where they exist, Smart defaults otherwise, the rest as the mutualised margin).
``hours_per_day`` (default: the rule set's full-time day) gives the gross per hour, which is
compared with the legal minimum, and the hours of the work bonus.

Performance: the hot path uses integer arithmetic only (rates pre-compiled into exact
fractions); validation results, pay dates and texts are cached per rule-set segment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from .errors import EngineInputError
from .payroll import withholding_ratio
from .rules import RuleBook
from .simulation_parts import (
    check_dates,
    fallback_texts,
    hours_per_day,
    net_text,
    texts,
    vat_terms,
    work_bonus,
)
from .social import day_work_bonus
from .workcalendar import _MONTH_DAYS, weekdays_in_month
from .workcalendar import pay_date as _pay_date

__all__ = ["ExpenseInput", "SimulationInput", "Line", "Simulation", "simulate"]


@dataclass(frozen=True, slots=True)
class ExpenseInput:
    amount_cents: int
    category: str  # travel, meals, material, accommodation, other


@dataclass(frozen=True, slots=True)
class SimulationInput:
    performance_dates: tuple[date, ...]
    amount_cents: int
    vat_included: bool = False
    vat_rate: str = "21"
    vat_exemption: str | None = None
    contract_type: str = "employee"
    withholding_rate: str | None = None  # decimal string, None -> rule-set default
    expenses: tuple[ExpenseInput, ...] = ()
    client_country: str = "BE"
    country: str = "BE"
    legal_entity: str = "smart"  # Smart Belgium; see rules.py
    hours_per_day: str | int | None = None  # decimal string, None -> rule-set full-time day


class Line(NamedTuple):
    """One explained step: code, amount (cents), label and explanation in nl/fr/en."""

    code: str
    amount_cents: int
    label: dict[str, str]
    explanation: dict[str, str]

    def to_api(self, lang: str | None = None) -> dict[str, Any]:
        if lang is None:
            return {
                "code": self.code,
                "amountCents": self.amount_cents,
                "label": dict(self.label),
                "explanation": dict(self.explanation),
            }
        return {
            "code": self.code,
            "amountCents": self.amount_cents,
            "label": self.label.get(lang) or self.label["nl"],
            "explanation": self.explanation.get(lang) or self.explanation["nl"],
        }


class Simulation(NamedTuple):
    """Result of :func:`simulate` (immutable). Field names map 1:1 to the API (camelCase)."""

    rule_set: str
    rule_set_fallback: bool
    turnover_cents: int
    vat_cents: int
    total_incl_vat_cents: int
    contribution_cents: int
    expenses_cents: int
    work_budget_cents: int
    employer_cost_cents: int
    gross_cents: int
    social_security_cents: int
    taxable_cents: int
    withholding_tax_cents: int
    net_cents: int
    unit_remainder_cents: int
    pay_date: date
    lines: tuple[Line, ...]
    contract_type: str
    vat_rate: str
    vat_exemption: str | None
    vat_mention: dict[str, str] | None
    withholding_rate: str
    rule_set_notice: dict[str, str] | None = None  # nl/fr/en when no rule set is in force
    work_bonus_cents: int = 0  # social work bonus, already deducted from social security
    fiscal_work_bonus_cents: int = 0  # already deducted from the withholding tax
    hours_per_day: str = "7.6"
    gross_per_hour_cents: int = 0
    minimum_hourly_wage_cents: int = 0  # 0 when no minimum is checked (students)
    below_minimum_wage: bool = False

    def to_api(self, lang: str | None = None) -> dict[str, Any]:
        """camelCase dict as promised in api.md (``lang`` localizes line texts)."""
        return {
            "ruleSet": self.rule_set,
            "ruleSetFallback": self.rule_set_fallback,
            "turnoverCents": self.turnover_cents,
            "vatCents": self.vat_cents,
            "totalInclVatCents": self.total_incl_vat_cents,
            "contributionCents": self.contribution_cents,
            "expensesCents": self.expenses_cents,
            "workBudgetCents": self.work_budget_cents,
            "employerCostCents": self.employer_cost_cents,
            "grossCents": self.gross_cents,
            "socialSecurityCents": self.social_security_cents,
            "taxableCents": self.taxable_cents,
            "withholdingTaxCents": self.withholding_tax_cents,
            "netCents": self.net_cents,
            "unitRemainderCents": self.unit_remainder_cents,
            "payDate": self.pay_date.isoformat(),
            "contractType": self.contract_type,
            "vatRate": self.vat_rate,
            "vatExemption": self.vat_exemption,
            "vatMention": dict(self.vat_mention) if self.vat_mention else None,
            "withholdingRate": self.withholding_rate,
            "ruleSetNotice": _localized(self.rule_set_notice, lang),
            "workBonusCents": self.work_bonus_cents,
            "fiscalWorkBonusCents": self.fiscal_work_bonus_cents,
            "hoursPerDay": self.hours_per_day,
            "grossPerHourCents": self.gross_per_hour_cents,
            "minimumHourlyWageCents": self.minimum_hourly_wage_cents,
            "belowMinimumWage": self.below_minimum_wage,
            "lines": [line.to_api(lang) for line in self.lines],
        }


def _localized(texts_: dict[str, str] | None, lang: str | None) -> Any:
    if texts_ is None or lang is None:
        return dict(texts_) if texts_ else None
    return texts_.get(lang) or texts_["nl"]


_default_book: RuleBook | None = None
_new = tuple.__new__


# --------------------------------------------------------------------------- entry point
def simulate(inp: SimulationInput, rules: RuleBook | None = None) -> Simulation:
    """Simulate one performance (one or more day contracts invoiced together).

    Raises :class:`EngineInputError` with the camelCase field at fault.
    """
    global _default_book
    book = rules
    if book is None:
        book = _default_book
        if book is None:
            book = _default_book = RuleBook.default()

    last = check_dates(inp.performance_dates)
    rs, fallback = book.for_date(inp.country, inp.legal_entity, last)
    n_dates = len(inp.performance_dates)
    if n_dates > rs.max_performance_dates:
        raise EngineInputError(
            "performanceDates", "too_many_dates", {"max": rs.max_performance_dates}
        )

    amount = inp.amount_cents
    if type(amount) is not int:
        raise EngineInputError("amountCents", "not_an_integer", {})
    if amount <= 0:
        raise EngineInputError("amountCents", "not_positive", {})
    if amount > rs.max_amount_cents:
        raise EngineInputError("amountCents", "too_large", {"max": rs.max_amount_cents})

    ct = rs.contracts.get(inp.contract_type) if isinstance(inp.contract_type, str) else None
    if ct is None:
        raise EngineInputError(
            "contractType",
            "unknown_contract_type",
            {"value": str(inp.contract_type), "allowed": ", ".join(rs.contracts)},
        )
    (vnum, vden), exemption, vat_text = vat_terms(rs, inp)
    (wnum, wden), wh_text = withholding_ratio(rs, ct, inp.withholding_rate)
    if inp.hours_per_day is None:
        hours_text, (hn, hd) = rs.default_hours_per_day
    else:
        hours_text, (hn, hd) = hours_per_day(rs, inp.hours_per_day)

    # expenses
    expenses = inp.expenses
    exp_total = 0
    excluded = 0
    if expenses:
        if len(expenses) > rs.max_expenses:
            raise EngineInputError("expenses", "too_many_expenses", {"max": rs.max_expenses})
        in_base = rs.expense_in_base
        for i, e in enumerate(expenses):
            a = e.amount_cents
            if type(a) is not int:
                raise EngineInputError(f"expenses[{i}].amountCents", "not_an_integer", {})
            if a <= 0:
                raise EngineInputError(f"expenses[{i}].amountCents", "not_positive", {})
            if a > rs.max_amount_cents:
                raise EngineInputError(
                    f"expenses[{i}].amountCents", "too_large", {"max": rs.max_amount_cents}
                )
            flag = in_base.get(e.category) if isinstance(e.category, str) else None
            if flag is None:
                raise EngineInputError(
                    f"expenses[{i}].category",
                    "unknown_expense_category",
                    {"value": str(e.category), "allowed": ", ".join(in_base)},
                )
            exp_total += a
            if not flag:
                excluded += a

    # VAT split (see vat.py for the round-trip proof)
    if inp.vat_included:
        total = amount
        d = vden + vnum
        base = (2 * amount * vden + d) // (2 * d)
        vat = total - base
    else:
        base = amount
        vat = (2 * amount * vnum + vden) // (2 * vden)
        total = base + vat

    # contribution (half up)
    cnum, cden = rs.contribution
    cbase = base - excluded
    if cbase < 0:
        cbase = 0
    contribution = (2 * cbase * cnum + cden) // (2 * cden)
    work_budget = base - contribution - exp_total
    if work_budget < 0:
        raise EngineInputError(
            "expenses",
            "expenses_exceed_turnover",
            {"expenses": exp_total, "contribution": contribution, "turnover": base},
        )

    # largest gross with round_half_up(gross × coef) <= work budget (payroll.py)
    knum, kden = ct.coefficient
    gross = ((2 * work_budget + 1) * kden - 1) // (2 * knum)
    emp_cost = (2 * gross * knum + kden) // (2 * kden)
    remainder = work_budget - emp_cost

    snum, sden = ct.worker_ss
    ss = (2 * gross * snum + sden) // (2 * sden)
    bonus = fiscal = 0
    col = ct.work_bonus_column
    if col != "none" and gross > 0:
        if n_dates == 1:
            md = _MONTH_DAYS.get((last.year, last.month, rs.days_per_week))
            if md is None:
                md = weekdays_in_month(last.year, last.month, rs.days_per_week)
            bonus, fiscal = day_work_bonus(gross, 1, hn, hd, md, rs, col, ss)
        else:
            bonus, fiscal = work_bonus(book, inp, rs, last, ct, gross, ss, (hn, hd))
    ss -= bonus
    taxable = gross - ss
    wh = (2 * taxable * wnum + wden) // (2 * wden)
    if fiscal > wh:
        fiscal = wh
    wh -= fiscal
    net = taxable - wh

    # per hour, against the legal minimum: gross / (n × h) < minimum, exactly
    hours_n = n_dates * hn
    per_hour = (2 * gross * hd + hours_n) // (2 * hours_n)
    below, minimum = False, 0
    if ct.minimum_wage != "none":
        mn, md = rs.minimum_hourly[ct.minimum_wage]
        below = gross * hd * md < mn * hours_n
        minimum = (2 * mn + md) // (2 * md)

    pay = rs.cache.get(("pay_date", last))
    if pay is None:
        pay = _pay_date(last, rs)

    (l_turnover, e_turnover, l_vat, e_vat, l_total, e_total, l_contribution, e_contribution,
     l_expenses, e_expenses, l_budget, e_budget, l_cost, e_cost, l_margin, e_margin, l_gross,
     e_gross, l_hour, e_hour, l_ss, e_ss, l_bonus, e_bonus, l_taxable, e_taxable, l_wh, e_wh,
     l_fiscal, e_fiscal, l_remainder, e_remainder, cost_parts,
     mention) = texts(rs, ct, wh_text, vat_text, exemption, hours_text, below)  # fmt: skip
    # tuple.__new__ directly: same immutable NamedTuples, without the Python-level __new__
    n = _new
    lines = [n(Line, ("rule_set_fallback", 0, *fallback_texts(rs, last)))] if fallback else []
    lines += (
        n(Line, ("turnover", base, l_turnover, e_turnover)),
        n(Line, ("vat", vat, l_vat, e_vat)),
        n(Line, ("total_incl_vat", total, l_total, e_total)),
        n(Line, ("contribution", contribution, l_contribution, e_contribution)),
        n(Line, ("expenses", exp_total, l_expenses, e_expenses)),
        n(Line, ("work_budget", work_budget, l_budget, e_budget)),
        n(Line, ("employer_cost", emp_cost, l_cost, e_cost)),
    )
    margin = emp_cost - gross
    for code, label, expl, pn, pd in cost_parts:
        part = (2 * gross * pn + pd) // (2 * pd)
        margin -= part
        lines.append(n(Line, (code, part, label, expl)))
    lines += (
        n(Line, ("employer_cost_margin", margin, l_margin, e_margin)),
        n(Line, ("gross", gross, l_gross, e_gross)),
        n(Line, ("gross_per_hour", per_hour, l_hour, e_hour)),
        n(Line, ("social_security", ss, l_ss, e_ss)),
    )
    if col != "none":
        lines.append(n(Line, ("work_bonus", bonus, l_bonus, e_bonus)))
    lines += (
        n(Line, ("taxable", taxable, l_taxable, e_taxable)),
        n(Line, ("withholding_tax", wh, l_wh, e_wh)),
    )
    if col != "none":
        lines.append(n(Line, ("fiscal_work_bonus", fiscal, l_fiscal, e_fiscal)))
    l_net, e_net = net_text(rs, pay)
    lines += (
        n(Line, ("net", net, l_net, e_net)),
        n(Line, ("unit_remainder", remainder, l_remainder, e_remainder)),
    )
    return _new(
        Simulation,
        (
            rs.id,
            fallback,
            base,
            vat,
            total,
            contribution,
            exp_total,
            work_budget,
            emp_cost,
            gross,
            ss,
            taxable,
            wh,
            net,
            remainder,
            pay,
            tuple(lines),
            ct.code,
            vat_text,
            exemption,
            mention,
            wh_text,
            lines[0][3] if fallback else None,
            bonus,
            fiscal,
            hours_text,
            per_hour,
            minimum,
            below,
        ),
    )
