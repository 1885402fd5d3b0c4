"""Banking rows as the repository returns them: typed, read by attribute."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec

from backend.quickjobs.rows import InvoiceRow


class StatementRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    account: str
    number: int


class MovementRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    statement: uuid.UUID
    amount_cents: int
    status: str


class MatchableInvoiceRow(InvoiceRow, frozen=True):
    """An invoice with its client's name (matching by amount and name)."""

    client_name: str


class UnmatchedRow(msgspec.Struct, frozen=True):
    """A bank credit waiting for an adviser, with its movement and statement; once assigned,
    what the payment did (``applied_cents``, ``overpaid_cents``, ``fully_paid``)."""

    id: uuid.UUID
    reason: str
    status: str
    invoice: uuid.UUID | None
    resolved_by: uuid.UUID | None
    resolved_at: dt.datetime | None
    created_at: dt.datetime
    movement: uuid.UUID
    amount_cents: int
    value_date: dt.date | None
    entry_date: dt.date | None
    structured_communication: str | None
    communication: str
    counterparty_name: str | None
    counterparty_account: str | None
    bank_reference: str
    account: str
    statement_number: int
    applied_cents: int | None = None
    overpaid_cents: int | None = None
    fully_paid: bool | None = None


class TransferRow(msgspec.Struct, frozen=True):
    """A paid salary to transfer: QuickJob (``kind`` quickjob) or monthly, with the worker."""

    kind: str
    id: uuid.UUID
    person: uuid.UUID
    pay_date: dt.date
    net_cents: int
    expenses_cents: int
    function: str | None
    iban: str | None
    first_name: str | None
    last_name: str | None
    email: str | None
    phone: str | None
    bic: str | None = None  # an account outside the EEA needs its bank's BIC
    withheld_cents: int = 0  # the member's share withheld from this salary


class PaymentFileRow(msgspec.Struct, frozen=True):
    """A SEPA payment file; ``id`` None when a run had nothing to transfer."""

    id: uuid.UUID | None
    message_id: str | None
    execution_date: dt.date
    transaction_count: int
    control_sum_cents: int
    skipped: list[dict]
    storage_key: str | None = None
    legal_entity: str | None = None
    created_by: uuid.UUID | None = None
    created_at: dt.datetime | None = None
