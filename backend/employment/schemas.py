"""Request and response bodies of open-ended employment."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from backend.http.values import ContractTypeValue, FamilyStatus


class EmploymentIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    person_id: uuid.UUID
    start_date: dt.date
    # Either the agreed monthly gross, or the projected yearly turnover it is derived from.
    monthly_gross_cents: Annotated[int, msgspec.Meta(gt=0, le=10_000_000)] | None = None
    projected_annual_turnover_cents: Annotated[int, msgspec.Meta(gt=0, le=1_000_000_000)] | None = None
    unit_id: uuid.UUID | None = None  # default: the person's own unit
    family_status: FamilyStatus = "single"
    dependent_children: Annotated[int, msgspec.Meta(ge=0, le=20)] = 0
    single_parent: Annotated[bool, msgspec.Meta(
        description="A single person with dependent children who does not live with a partner: "
                    "the key formula's extra reduction (Annex III KB/WIB 92). Needs "
                    "familyStatus single and at least one dependent child.")] = False


class EmploymentEndIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    end_date: dt.date


class EmploymentOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    person_id: uuid.UUID
    unit_id: uuid.UUID
    contract_type: ContractTypeValue
    monthly_gross_cents: int
    family_status: FamilyStatus
    dependent_children: int
    start_date: dt.date
    status: Literal["active", "ended"]
    end_date: dt.date | None = None
    projected_annual_turnover_cents: int | None = None
    single_parent: bool = False
    approval: Annotated[Literal["not_needed", "pending", "approved"], msgspec.Meta(
        description="not_needed; pending: the start is further back than the back office "
                    "allows alone, nothing is paid until a second adviser approves; approved")
    ] = "not_needed"
    approved_by: uuid.UUID | None = None
    approved_at: dt.datetime | None = None


class EmploymentList(msgspec.Struct):
    items: list[EmploymentOut]


class MonthlySalaryOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    employment_id: uuid.UUID
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
    payslip_url: str | None = None


class MonthlySalaryList(msgspec.Struct):
    items: list[MonthlySalaryOut]
