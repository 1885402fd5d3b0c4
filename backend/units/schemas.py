"""Wire format of the Units endpoints (api.md): camelCase, cents as integers, cursor lists."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

import msgspec

UnitMode = Literal["3in1", "activity"]
UnitStatus = Literal["open", "closed"]


class UnitSummary(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    name: str
    mode: UnitMode
    legal_entity: str
    office: str | None
    personal: bool
    status: UnitStatus
    balance_cents: int


class UnitList(msgspec.Struct, rename="camel"):
    items: list[UnitSummary]
    next_cursor: str | None = None


class UnitTotals(msgspec.Struct, rename="camel"):
    """Per-account sums as people read them (positive = more of it). Derived from the journal."""

    turnover_cents: int
    other_income_cents: int
    contribution_cents: int
    expenses_cents: int
    labour_cost_cents: int
    other_expense_cents: int
    receivable_cents: int
    bank_cents: int
    cash_cents: int
    vat_payable_cents: int
    salary_payable_cents: int
    withholding_payable_cents: int
    social_security_payable_cents: int
    expense_refund_payable_cents: int
    cooperative_payable_cents: int
    guarantee_advance_cents: int


class HolderOut(msgspec.Struct, rename="camel"):
    person_id: uuid.UUID
    first_name: str | None
    last_name: str | None
    since: dt.date


class UnitDetail(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    name: str
    mode: UnitMode
    legal_entity: str
    legal_entity_name: str
    office: str | None
    personal: bool
    status: UnitStatus
    created_at: dt.datetime
    balance_cents: int  # what the unit still has available
    totals: UnitTotals
    summary: str  # turnover − contribution − expenses − labour cost = balance, in plain words
    holders: list[HolderOut]


class LedgerLineOut(msgspec.Struct, rename="camel"):
    account: str
    account_label: str
    amount_cents: int  # debit positive, credit negative; an entry's lines sum to zero


class LedgerEntryOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    seq: int
    kind: str
    description: str
    reference: str | None
    effective_date: dt.date
    created_at: dt.datetime
    reverses: uuid.UUID | None
    reversed_by: uuid.UUID | None
    balance_effect_cents: int
    lines: list[LedgerLineOut]
    explanation: str


class LedgerPage(msgspec.Struct, rename="camel"):
    """Newest entry first; ``nextCursor`` gives the older ones."""

    items: list[LedgerEntryOut]
    next_cursor: str | None = None
