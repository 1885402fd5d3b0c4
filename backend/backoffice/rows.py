"""Back-office rows as the repository returns them: typed, read by attribute."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec


class ReviewRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    quickjob: uuid.UUID | None
    person: uuid.UUID | None
    kind: str
    reasons: list[str]
    status: str
    decided_by: uuid.UUID | None
    decided_at: dt.datetime | None
    decision_reason: str | None
    context: dict
    created_at: dt.datetime


class CorrectionRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    unit: uuid.UUID
    entry: uuid.UUID
    amount_cents: int
    reason: str
    requested_by: uuid.UUID
    status: str
    approved_by: uuid.UUID | None
    reversal: uuid.UUID | None
    decided_at: dt.datetime | None
    created_at: dt.datetime


class AuditRow(msgspec.Struct, frozen=True):
    id: int
    at: dt.datetime
    actor_id: uuid.UUID | None
    action: str
    object_type: str
    object_id: str
    before: dict | None
    after: dict | None
    request_id: str | None


class QuarterlyRow(msgspec.Struct, frozen=True):
    """One worker's salaries paid for work in a quarter."""

    person_id: uuid.UUID
    first_name: str | None
    last_name: str | None
    national_number: str | None
    contracts: int
    days: int | None
    gross_cents: int
    social_security_cents: int
    withholding_cents: int
    special_social_security_cents: int | None
    net_cents: int
    employer_cost_cents: int | None


class HoldRow(msgspec.Struct, frozen=True):
    """Pay a payroll run held (backend/backoffice/holds.py)."""

    id: uuid.UUID
    key: str
    kind: str
    reason: str
    person: uuid.UUID
    salary: uuid.UUID | None
    quickjob: uuid.UUID | None
    employment: uuid.UUID | None
    month: dt.date | None
    params: dict
    status: str
    requested_by: uuid.UUID | None
    approved_by: uuid.UUID | None
    approved_at: dt.datetime | None
    held_at: dt.datetime
    last_held_at: dt.datetime
    released_at: dt.datetime | None
