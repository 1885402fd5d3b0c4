"""The withholding-tax key formula (sleutelformule / formule-clé, Annex III KB/WIB 92).

For a monthly taxable pay ``T`` (gross − personal social security after the work bonus):

1. annual gross taxable ``A = 12 × T``;
2. flat professional expenses ``E = min(A × 30 %, cap)``; net annual taxable ``N = A − E``;
3. the basic scale taxes each bracket at its rate; the amounts of the lower brackets are the
   rounded cumulative amounts the annex prints (4,469.93 at 16,710 in 2026, ...);
4. single worker, or married with two incomes (scale I): ``tax = scale(N) − R`` where ``R`` is
   the tax on the tax-free sum; married with one income (scale II): the marital quotient
   ``Q = min(N × 30 %, cap)`` is taxed apart, ``tax = scale(N − Q) + scale(Q) − 2 × R`` (the
   reduction for both tax-free sums is deducted from the tax on both parts together),
   never below zero;
5. the reductions for family charges (annual amounts since 2023: dependent children, the extra
   reduction of a single parent with dependent children) are deducted, never below zero;
6. monthly withholding = annual / 12.

Every amount is rounded half up to the cent (Annex III, point 12: "naar de hogere of lagere
cent naargelang het cijfer van de duizendsten al dan niet 5 bereikt").
"""

from __future__ import annotations

from dataclasses import dataclass

from .money import Ratio
from .ruleset import RuleSet

__all__ = ["KeyFormula", "annual_scale", "children_reduction", "key_formula"]


def _r(cents: int, ratio: Ratio) -> int:
    n, d = ratio
    return (2 * cents * n + d) // (2 * d)


def annual_scale(income: int, brackets: list[tuple[int | None, Ratio]]) -> int:
    """Tax of the basic scale on an annual income (cents), rounded per bracket."""
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


def children_reduction(n: int, rs: RuleSet) -> int:
    """Annual reduction for ``n`` dependent children (a table, then an amount per child)."""
    if n <= 0:
        return 0
    table = rs.children_annual
    if n <= len(table):
        return table[n - 1]
    return table[-1] + (n - len(table)) * rs.children_extra_annual


@dataclass(frozen=True, slots=True)
class KeyFormula:
    annual_taxable_cents: int
    professional_expenses_cents: int
    annual_net_taxable_cents: int
    marital_quotient_cents: int
    annual_tax_cents: int  # after the tax-free sum, before family reductions
    children_reduction_cents: int  # annual, as granted (never more than the tax)
    single_parent_reduction_cents: int  # annual, as granted
    annual_withholding_cents: int
    monthly_base_cents: int  # annual_tax / 12
    monthly_cents: int  # annual_withholding / 12


def key_formula(
    monthly_taxable: int, rs: RuleSet, status: str, children: int, single_parent: bool
) -> KeyFormula:
    annual = monthly_taxable * 12
    expenses = min(_r(annual, rs.prof_expenses), rs.prof_expenses_cap)
    net = annual - expenses
    quotient = 0
    if status == "married_one_income":
        quotient = min(_r(net, rs.marital_quotient), rs.marital_quotient_cap)
        tax = annual_scale(net - quotient, rs.brackets) + annual_scale(quotient, rs.brackets)
        tax -= 2 * rs.tax_free_reduction
    else:
        tax = annual_scale(net, rs.brackets) - rs.tax_free_reduction
    tax = max(0, tax)
    child = min(children_reduction(children, rs), tax)
    parent = 0
    if single_parent and children > 0 and status == "single":
        parent = min(rs.single_parent_annual, tax - child)
    after = tax - child - parent
    return KeyFormula(
        annual_taxable_cents=annual,
        professional_expenses_cents=expenses,
        annual_net_taxable_cents=net,
        marital_quotient_cents=quotient,
        annual_tax_cents=tax,
        children_reduction_cents=child,
        single_parent_reduction_cents=parent,
        annual_withholding_cents=after,
        monthly_base_cents=(2 * tax + 12) // 24,
        monthly_cents=(2 * after + 12) // 24,
    )
