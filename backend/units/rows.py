"""Units and ledger rows as the repository returns them: typed, read by attribute."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec


class LegalEntityRow(msgspec.Struct, frozen=True):
    id: str
    name: str
    country: str
    vat_number: str
    company_number: str
    address: str
    iban: str
    bic: str


class PersonRef(msgspec.Struct, frozen=True):
    id: uuid.UUID
    first_name: str | None
    last_name: str | None
    role: str


class UnitRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    name: str
    mode: str
    legal_entity: str
    office: str | None
    personal: bool
    status: str
    created_at: dt.datetime


class UnitDetailRow(UnitRow, frozen=True):
    legal_entity_name: str


class UnitBalanceRow(UnitRow, frozen=True):
    balance: int  # cents: what the unit still has available


class HolderRow(msgspec.Struct, frozen=True):
    person_id: uuid.UUID
    first_name: str | None
    last_name: str | None
    since: dt.date


class EntryRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    seq: int
    unit: uuid.UUID
    kind: str
    description: str
    reference: str | None
    effective_date: dt.date
    reverses: uuid.UUID | None
    created_by: uuid.UUID | None
    created_at: dt.datetime
    reversed_by: uuid.UUID | None = None


class EntryRef(msgspec.Struct, frozen=True):
    id: uuid.UUID
    seq: int
    effective_date: dt.date


class LineRow(msgspec.Struct, frozen=True):
    entry: uuid.UUID
    account: str
    amount_cents: int
