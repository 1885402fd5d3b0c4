"""Wire format of POST /simulations (api.md): camelCase, cents as integers, rates as strings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec


class ExpenseIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    amount_cents: int
    category: str


class SimulationRequest(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    performance_dates: list[dt.date]
    amount_cents: int
    vat_rate: str = "21"
    vat_included: bool = False
    vat_exemption: str | None = None
    contract_type: str = "employee"
    withholding_rate: str | None = None
    expenses: list[ExpenseIn] = msgspec.field(default_factory=list)
    client_country: str = "BE"


class SimulationLine(msgspec.Struct, rename="camel"):
    code: str
    label: str
    amount_cents: int
    explanation: str


class SimulationResponse(msgspec.Struct, rename="camel"):
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
    pay_date: dt.date
    lines: list[SimulationLine]


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
