from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

import msgspec


class StatementResult(msgspec.Struct, rename="camel"):
    account: str
    number: int
    duplicate: bool
    id: uuid.UUID | None = None


class MovementResult(msgspec.Struct, rename="camel"):
    movement_id: uuid.UUID
    amount_cents: int
    status: Literal["matched", "unmatched", "ignored"]
    invoice_id: uuid.UUID | None = None
    share_purchase_id: uuid.UUID | None = None  # a cooperative share paid by this credit
    unmatched_payment_id: uuid.UUID | None = None
    matched_by: Literal["communication", "amount_and_name", "share"] | None = None
    reason: str | None = None
    applied_cents: int = 0
    overpaid_cents: int = 0
    fully_paid: bool | None = None


class StatementImportOut(msgspec.Struct, rename="camel"):
    statements: list[StatementResult]
    imported: int
    duplicates: int
    movements: int
    matched: int
    partial: int
    overpaid: int
    unmatched: int
    ignored: int
    movement_results: list[MovementResult]
    shares: int = 0  # credits that paid a cooperative share (backend.people.membership)


class UnmatchedPaymentOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    reason: str
    status: Literal["open", "assigned"]
    movement_id: uuid.UUID
    amount_cents: int
    account: str
    statement_number: int
    bank_reference: str
    communication: str
    created_at: dt.datetime
    value_date: dt.date | None = None
    structured_communication: str | None = None
    counterparty_name: str | None = None
    counterparty_account: str | None = None
    invoice_id: uuid.UUID | None = None
    resolved_by: uuid.UUID | None = None
    resolved_at: dt.datetime | None = None
    applied_cents: int | None = None
    overpaid_cents: int | None = None
    fully_paid: bool | None = None


class UnmatchedPaymentList(msgspec.Struct, rename="camel"):
    items: list[UnmatchedPaymentOut]


class AssignPaymentIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    invoice_id: uuid.UUID


class PaymentFileIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    execution_date: dt.date | None = None


class SkippedSalary(msgspec.Struct, rename="camel"):
    salary_id: uuid.UUID
    person_id: uuid.UUID
    reason: Literal["iban_missing", "iban_invalid"]


class PaymentFileOut(msgspec.Struct, rename="camel"):
    transaction_count: int
    control_sum_cents: int
    skipped: list[SkippedSalary]
    execution_date: dt.date
    id: uuid.UUID | None = None  # None: nothing to transfer, no file made
    message_id: str | None = None
    xml_url: str | None = None
