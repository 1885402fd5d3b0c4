"""The main entry point: from an invoice amount to a net salary (3in1 / QuickJob).

    turnover (excl. VAT) − contribution − expenses = work budget
    gross = largest g with round_half_up(g × coefficient) ≤ work budget
    unit remainder = work budget − employer cost
    social security, taxable, withholding, net (see payroll.py)

Invariant, exact to the cent:
``turnover == contribution + expenses + employer_cost + unit_remainder``.

Rule-set choice: the rule set in force on the LAST performance date (the day the salary
becomes due); its id and fallback flag are in the result.

The contribution base is the turnover minus the expenses whose category has
``in_contribution_base = false`` (all categories count by default).

Performance: the hot path uses integer arithmetic only (rates pre-compiled into exact
fractions), validation results, pay dates and texts are cached per rule-set segment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from .errors import EngineInputError
from .money import format_percent
from .payroll import withholding_ratio
from .rules import RuleBook, RuleSet
from .texts import SIMULATION, fmt
from .vat import check_vat
from .workcalendar import pay_date as _pay_date

__all__ = ["ExpenseInput", "SimulationInput", "Line", "Simulation", "simulate"]

_COUNTRY_OK: dict[str, bool] = {}


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
            "lines": [line.to_api(lang) for line in self.lines],
        }


# --------------------------------------------------------------------------- helpers
def _check_dates(dates: Any) -> date:
    """Validate performance dates; return the last one."""
    if not isinstance(dates, tuple | list):
        raise EngineInputError("performanceDates", "not_a_date", {})
    n = len(dates)
    if n == 0:
        raise EngineInputError("performanceDates", "no_dates", {})
    if n == 1:
        d = dates[0]
        if type(d) is not date:
            raise EngineInputError("performanceDates", "not_a_date", {})
        return d
    for d in dates:
        if type(d) is not date:
            raise EngineInputError("performanceDates", "not_a_date", {})
    if len(set(dates)) != n:
        seen: set[date] = set()
        for d in dates:
            if d in seen:
                raise EngineInputError(
                    "performanceDates", "duplicate_date", {"date": d.isoformat()}
                )
            seen.add(d)
    return max(dates)


def _vat(rs: RuleSet, inp: SimulationInput) -> tuple[tuple[int, int], str | None, str]:
    key = ("vat", inp.vat_rate, inp.vat_exemption, inp.client_country)
    try:
        hit = rs.cache.get(key)
    except TypeError:  # unhashable garbage input: validated below
        hit = key = None
    if hit is not None:
        return hit
    cc = inp.client_country
    ok = _COUNTRY_OK.get(cc) if isinstance(cc, str) else False
    if ok is None:
        ok = len(cc) == 2 and cc.isascii() and cc.isalpha() and cc.isupper()
        _COUNTRY_OK[cc] = ok
    if not ok:
        raise EngineInputError("clientCountry", "invalid_country", {})
    if not isinstance(inp.vat_rate, str):
        raise EngineInputError(
            "vatRate",
            "unknown_vat_rate",
            {"value": str(inp.vat_rate), "allowed": ", ".join(rs.vat_rates)},
        )
    if inp.vat_exemption is not None and not isinstance(inp.vat_exemption, str):
        raise EngineInputError(
            "vatExemption",
            "unknown_exemption",
            {"value": str(inp.vat_exemption), "allowed": ", ".join(rs.vat_exemptions)},
        )
    ratio, exemption = check_vat(rs, inp.vat_rate, inp.vat_exemption, cc)
    result = (ratio, exemption, format_percent(inp.vat_rate))
    if key is not None and len(rs.cache) < 50_000:
        rs.cache[key] = result
    return result


def _texts(rs: RuleSet, ct, wh_text: str, vat_text: str, exemption: str | None):
    key = ("texts", ct.code, wh_text, vat_text, exemption)
    hit = rs.cache.get(key)
    if hit is not None:
        return hit
    coef = format_percent(ct.coefficient_text)
    ss = format_percent(ct.worker_ss_text)
    base = format_percent(ct.ss_base_text)
    employer = format_percent(ct.employer_ss_text)
    rate = rs.contribution_text

    def pair(code: str, **params: object):
        label, expl = SIMULATION[code]
        return fmt(label, **params), fmt(expl, **params)

    mention = None
    if exemption is not None:
        mention = rs.vat_exemptions[exemption][0]
        vat_pair = pair(
            "vat_exempt",
            mention_nl=mention["nl"],
            mention_fr=mention["fr"],
            mention_en=mention["en"],
        )
    else:
        vat_pair = pair("vat", vat=vat_text)
    ss_code = "social_security_student" if ct.code == "student" else "social_security"
    wh_code = "withholding_tax_monthly" if ct.monthly_key_formula else "withholding_tax"
    result = (
        pair("turnover"),
        vat_pair,
        pair("total_incl_vat"),
        pair("contribution", rate=rate),
        pair("expenses"),
        pair("work_budget"),
        pair("employer_cost", coef=coef, employer=employer),
        pair("gross", coef=coef),
        pair(ss_code, ss=ss, base=base, employer=employer),
        pair("taxable"),
        pair(wh_code, wh=wh_text),
        pair("unit_remainder"),
        mention,
    )
    if len(rs.cache) < 50_000:
        rs.cache[key] = result
    return result


def _net_text(rs: RuleSet, pay: date):
    key = ("net_text", pay)
    hit = rs.cache.get(key)
    if hit is None:
        label, expl = SIMULATION["net"]
        hit = (fmt(label), fmt(expl, pay_date=pay.isoformat()))
        if len(rs.cache) < 50_000:
            rs.cache[key] = hit
    return hit


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

    last = _check_dates(inp.performance_dates)
    rs, fallback = book.for_date(inp.country, inp.legal_entity, last)
    if len(inp.performance_dates) > rs.max_performance_dates:
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
    (vnum, vden), exemption, vat_text = _vat(rs, inp)
    (wnum, wden), wh_text = withholding_ratio(rs, ct, inp.withholding_rate)

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
    taxable = gross - ss
    wh = (2 * taxable * wnum + wden) // (2 * wden)
    net = taxable - wh

    pay = rs.cache.get(("pay_date", last))
    if pay is None:
        pay = _pay_date(last, rs)

    t = _texts(rs, ct, wh_text, vat_text, exemption)
    nt = _net_text(rs, pay)
    # tuple.__new__ directly: same immutable NamedTuples, without the Python-level __new__
    lines = (
        _new(Line, ("turnover", base, *t[0])),
        _new(Line, ("vat", vat, *t[1])),
        _new(Line, ("total_incl_vat", total, *t[2])),
        _new(Line, ("contribution", contribution, *t[3])),
        _new(Line, ("expenses", exp_total, *t[4])),
        _new(Line, ("work_budget", work_budget, *t[5])),
        _new(Line, ("employer_cost", emp_cost, *t[6])),
        _new(Line, ("gross", gross, *t[7])),
        _new(Line, ("social_security", ss, *t[8])),
        _new(Line, ("taxable", taxable, *t[9])),
        _new(Line, ("withholding_tax", wh, *t[10])),
        _new(Line, ("net", net, *nt)),
        _new(Line, ("unit_remainder", remainder, *t[11])),
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
            lines,
            ct.code,
            vat_text,
            exemption,
            t[12],
            wh_text,
        ),
    )
