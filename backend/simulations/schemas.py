"""Wire format of POST /simulations (api.md): camelCase, cents as integers, rates as strings."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec

from backend.http.values import (
    ContractType,
    ExpenseCategory,
    PositiveCents,
    VatExemption,
    VatRate,
)


class ExpenseIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    amount_cents: PositiveCents
    category: ExpenseCategory


class SimulationRequest(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    performance_dates: list[dt.date]
    amount_cents: PositiveCents
    vat_rate: VatRate = "21"
    vat_included: bool = False
    vat_exemption: VatExemption | None = None
    contract_type: ContractType = "employee"
    withholding_rate: str | None = None
    expenses: list[ExpenseIn] = msgspec.field(default_factory=list)
    client_country: str = "BE"
    hours_per_day: Annotated[int | str | None, msgspec.Meta(
        description="Hours worked each day (a whole number or a decimal string such as \"3\" "
                    "or \"7.6\"; at most the rule set's limit). Default: the full-time day of "
                    "the rule set (7.6 h). Gives grossPerHourCents and the work bonus hours.")
    ] = None


class SimulationLine(msgspec.Struct, rename="camel"):
    code: str
    label: str
    amount_cents: int
    explanation: str


class SimulationResponse(msgspec.Struct, rename="camel"):
    rule_set: str
    rule_set_fallback: Annotated[bool, msgspec.Meta(
        description="true when no rule set is in force yet for the last performance date (for "
                    "example next year's rules are not published or not approved yet): the "
                    "figures are computed with the latest rule set (ruleSet) and are provisional. "
                    "ruleSetNotice says so in words; a QuickJob for such a date goes to an "
                    "adviser, and no salary is paid on such figures.")]
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
    pay_date: dt.date
    lines: list[SimulationLine]
    rule_set_notice: Annotated[str | None, msgspec.Meta(
        description="When ruleSetFallback is true: the explanation in the caller's language "
                    "(Accept-Language), also the first line (code rule_set_fallback); else null")]
    work_bonus_cents: Annotated[int, msgspec.Meta(
        description="Social work bonus (werkbonus / bonus à l'emploi, RSZ instructions) already "
                    "deducted from socialSecurityCents; 0 when none applies")]
    fiscal_work_bonus_cents: Annotated[int, msgspec.Meta(
        description="Fiscal work bonus already deducted from withholdingTaxCents")]
    hours_per_day: Annotated[str, msgspec.Meta(
        description="Hours worked per day used for the hourly figure and the work bonus "
                    "(decimal string)")]
    gross_per_hour_cents: Annotated[int, msgspec.Meta(
        description="grossCents / (performance dates x hoursPerDay), rounded half up")]
    minimum_hourly_wage_cents: Annotated[int, msgspec.Meta(
        description="The legal minimum gross per hour that applies (national minimum wage, "
                    "joint committee 200 for employees), rounded half up; 0 when none is checked "
                    "(students: age-based scales)")]
    below_minimum_wage: Annotated[bool, msgspec.Meta(
        description="true when the gross per hour is below that minimum (exactly, before "
                    "rounding): a QuickJob like this goes to an adviser")]


class RuleParameter(msgspec.Struct, rename="camel"):
    key: str
    value: Any  # a decimal string, an integer, or a small table (brackets, holidays...)
    source: str


class RuleSetOut(msgspec.Struct, rename="camel"):
    id: str
    file_id: str
    country: str
    legal_entity: str
    valid_from: dt.date
    valid_to: dt.date
    description: str
    parameters: list[RuleParameter]


class RuleSetList(msgspec.Struct, rename="camel"):
    items: list[RuleSetOut]
    next_cursor: str | None = None
