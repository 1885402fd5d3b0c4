"""Monthly payslip of an open-ended contract: Annex III KB/WIB 92 key formula.

Steps (every step rounded half up to the cent, Annex III point 12):

1. ``ss = gross × 13.07 %`` (the contract type's rate and base: 108 % for manual workers).
2. Work bonus (:mod:`backend.engine.social`): reference monthly wage ``S = gross`` for a full
   month; for a first or last month with ``J`` of ``D`` days paid, ``S = (gross / J) × D`` and
   the bonus is ``R × J / D``. Capped at ``ss`` (part B gives way first).
   ``personal_ss = ss − bonus``.
3. ``taxable = gross − personal_ss``.
4. Key formula (:mod:`backend.engine.keyformula`): annual tax after the tax-free sum (married
   with one income: marital quotient, both tax-free sums deducted from the tax on both parts
   together), minus the annual family reductions (children; single parent), / 12.
5. Minus the fiscal work bonus ``a % × A' + b % × B'`` (floored at 0).
6. Special social security contribution: the monthly scale of the family status (individual;
   joint, spouse without professional income; joint, spouse with professional income) on the
   gross declared (× 108 % for manual workers).
7. ``net = gross − personal_ss − withholding − special_ss``.

Not modelled (documented limits): other dependants, disabled persons, group insurance, the
annual cap of the work bonus, non-residents (scale III).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import EngineInputError
from .keyformula import key_formula
from .money import format_percent
from .notices import FALLBACK_LABEL, fallback_notice
from .payroll import contract_rule, employer_cost, largest_gross
from .rules import RuleBook
from .simulation import Line
from .social import fiscal_work_bonus, grant_work_bonus, monthly_work_bonus, special_social_security
from .texts import fmt
from .texts_monthly import MONTHLY, SPECIAL_SS_SCALES
from .workcalendar import last_day_of_month, monthly_pay_date, weekdays_between

__all__ = [
    "FAMILY_STATUSES",
    "FamilySituation",
    "MonthlyPayslip",
    "MonthPay",
    "month_gross",
    "month_pay",
    "monthly_gross_from_projection",
    "monthly_payslip",
]

FAMILY_STATUSES = ("single", "married_one_income", "married_two_incomes")


@dataclass(frozen=True)
class FamilySituation:
    """``status``: single | married_one_income | married_two_incomes (legal cohabitants =
    married; "one income": the spouse has no or only a limited professional income).
    ``single_parent``: a single person with dependent children who does not live with a partner
    (Annex III: the extra reduction for a single parent)."""

    status: str = "single"
    dependent_children: int = 0
    single_parent: bool = False


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
    single_parent_reduction_cents: int = 0
    rule_set_notice: dict[str, str] | None = None


def _check_situation(situation: FamilySituation) -> None:
    if situation.status not in FAMILY_STATUSES:
        raise EngineInputError(
            "familyStatus",
            "unknown_family_status",
            {"value": str(situation.status), "allowed": ", ".join(FAMILY_STATUSES)},
        )
    children = situation.dependent_children
    if type(children) is not int or children < 0:
        raise EngineInputError("dependentChildren", "negative", {})
    if situation.single_parent not in (True, False):
        raise EngineInputError("singleParent", "not_a_boolean", {})
    if situation.single_parent and situation.status != "single":
        raise EngineInputError("singleParent", "single_parent_not_single", {})
    if situation.single_parent and children == 0:
        raise EngineInputError("singleParent", "single_parent_needs_children", {})


def monthly_payslip(
    gross_cents: int,
    situation: FamilySituation,
    on: date,
    *,
    contract_type: str = "open_ended",
    country: str = "BE",
    legal_entity: str = "smart",
    rules: RuleBook | None = None,
    days_paid: int | None = None,
    days_in_month: int | None = None,
) -> MonthlyPayslip:
    """Monthly payslip for ``gross_cents`` paid in the month of ``on``.

    ``days_paid`` of ``days_in_month`` (a first or last month of the contract) make the work
    bonus use the RSZ reference wage of a full month; both omitted: a full month.
    """
    if type(gross_cents) is not int:
        raise EngineInputError("grossCents", "not_an_integer", {})
    if gross_cents <= 0:
        raise EngineInputError("grossCents", "not_positive", {})
    _check_situation(situation)
    book = rules or RuleBook.default()
    rs, fallback = book.for_date(country, legal_entity, on, field="date")
    if gross_cents > rs.max_amount_cents:
        raise EngineInputError("grossCents", "too_large", {"max": rs.max_amount_cents})
    ct = contract_rule(rs, contract_type)
    if not ct.monthly_key_formula:
        allowed = ", ".join(c for c, r in rs.contracts.items() if r.monthly_key_formula)
        raise EngineInputError("contractType", "not_monthly_contract", {"allowed": allowed})

    sn, sd = ct.worker_ss
    ss = (2 * gross_cents * sn + sd) // (2 * sd)
    a, b = monthly_work_bonus(gross_cents, rs, ct.work_bonus_column, days_paid, days_in_month)
    a_granted, b_granted = grant_work_bonus(a, b, ss)
    bonus = a_granted + b_granted
    personal_ss = ss - bonus
    taxable = gross_cents - personal_ss

    status, children = situation.status, situation.dependent_children
    kf = key_formula(taxable, rs, status, children, situation.single_parent)
    base_wh = kf.monthly_base_cents
    child = base_wh - (2 * (kf.annual_tax_cents - kf.children_reduction_cents) + 12) // 24
    parent = base_wh - child - kf.monthly_cents
    after_family = kf.monthly_cents
    fiscal = min(fiscal_work_bonus(a_granted, b_granted, rs), after_family)
    withholding = after_family - fiscal
    bn, bd = ct.ss_base
    special = special_social_security((2 * gross_cents * bn + bd) // (2 * bd), rs, status)
    net = gross_cents - personal_ss - withholding - special
    notice = fallback_notice(rs, on) if fallback else None

    lines = _lines(rs, ct, situation, notice, gross_cents, ss, bonus, taxable, base_wh, child,
                   parent, fiscal, withholding, special, net)  # fmt: skip
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
        annual_taxable_cents=kf.annual_taxable_cents,
        professional_expenses_cents=kf.professional_expenses_cents,
        annual_net_taxable_cents=kf.annual_net_taxable_cents,
        marital_quotient_cents=kf.marital_quotient_cents,
        annual_tax_cents=kf.annual_tax_cents,
        withholding_base_cents=base_wh,
        child_reduction_cents=child,
        fiscal_work_bonus_cents=fiscal,
        withholding_tax_cents=withholding,
        special_social_security_cents=special,
        net_cents=net,
        lines=lines,
        single_parent_reduction_cents=parent,
        rule_set_notice=notice,
    )


def _lines(rs, ct, situation, notice, gross, ss, bonus, taxable, base_wh, child, parent, fiscal,
           wh, special, net):  # fmt: skip
    def line(code: str, amount: int, **params: object) -> Line:
        label, expl = MONTHLY[code]
        return Line(code, amount, fmt(label, **params), fmt(expl, **params))

    ss_text = format_percent(ct.worker_ss_text)
    pe = format_percent(rs.value("key_formula.professional_expenses_percent"))
    scale = SPECIAL_SS_SCALES[situation.status]
    out = [Line("rule_set_fallback", 0, dict(FALLBACK_LABEL), dict(notice))] if notice else []
    out += [
        line("gross", gross),
        line("social_security", ss, ss=ss_text),
        line("work_bonus", bonus),
        line("taxable", taxable),
        line("withholding_base", base_wh, pe=pe),
        line("child_reduction", child, children=situation.dependent_children),
    ]
    if situation.single_parent:
        out.append(line("single_parent_reduction", parent))
    out += [
        line(
            "fiscal_work_bonus",
            fiscal,
            a=format_percent(rs.value("work_bonus.fiscal_part_a_percent")),
            b=format_percent(rs.value("work_bonus.fiscal_part_b_percent")),
        ),
        line("withholding_tax", wh),
        line("special_social_security", special, scale_nl=scale["nl"], scale_fr=scale["fr"],
             scale_en=scale["en"]),  # fmt: skip
        line("net", net),
    ]
    return tuple(out)


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
    total = weekdays_between(first, last)
    employed = weekdays_between(start, end)
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
                           legal_entity=legal_entity, rules=book, days_paid=employed,
                           days_in_month=total)
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
