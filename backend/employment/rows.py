"""Employment rows as the repository returns them: typed, read by attribute."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec


class EmploymentRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    person: uuid.UUID
    unit: uuid.UUID
    contract_type: str
    monthly_gross_cents: int
    family_status: str
    dependent_children: int
    start_date: dt.date
    end_date: dt.date | None
    status: str
    projected_income_cents: int | None
    created_by: uuid.UUID | None
    created_at: dt.datetime
    single_parent: bool = False
    approval: str = "not_needed"
    approved_by: uuid.UUID | None = None
    approved_at: dt.datetime | None = None
    pay_approved_through: dt.date | None = None


class MonthlySalaryRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    employment: uuid.UUID
    person: uuid.UUID
    unit: uuid.UUID
    month: dt.date
    pay_date: dt.date
    days_employed: int
    days_in_month: int
    gross_cents: int
    social_security_cents: int
    withholding_cents: int
    special_social_security_cents: int
    net_cents: int
    employer_cost_cents: int
    rule_set: str
    rule_set_fallback: bool
    payslip: dict
    payslip_key: str | None
    paid_at: dt.datetime
