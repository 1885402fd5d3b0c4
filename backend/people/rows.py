"""The people context's rows as the repository returns them: typed, read by attribute."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec


class PersonRow(msgspec.Struct, frozen=True):
    """A person as other contexts may see it (never the password hash)."""

    id: uuid.UUID
    phone: str | None
    email: str | None
    role: str
    first_name: str | None
    last_name: str | None
    language: str
    national_number: str | None
    iban: str | None
    bic: str | None
    address: str | None
    birth_date: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    erased_at: dt.datetime | None = None


class StaffCredentialsRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    role: str
    email: str
    language: str
    password_hash: str


class ChallengeRow(msgspec.Struct, frozen=True):
    """A one-time sign-in code sent by SMS or e-mail (its hash)."""

    id: uuid.UUID
    destination: str
    channel: str
    expires_at: dt.datetime
    created_at: dt.datetime
    code_hash: str = ""
    attempts: int = 0
    consumed_at: dt.datetime | None = None
    expired: bool = False  # by the database's clock, when read


class RefreshTokenRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    person: uuid.UUID
    family_id: uuid.UUID
    role: str | None
    used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    expires_at: dt.datetime
    expired: bool


class StaffChallengeRow(msgspec.Struct, frozen=True):
    """Between a staff member's right password and their second factor, with the person's
    e-mail and role."""

    id: uuid.UUID
    person: uuid.UUID
    method: str
    expires_at: dt.datetime
    code_hash: str | None = None
    attempts: int = 0
    consumed_at: dt.datetime | None = None
    expired: bool = False
    email: str | None = None
    role: str | None = None


class TotpCredentialRow(msgspec.Struct, frozen=True):
    person: uuid.UUID
    secret_encrypted: str
    confirmed_at: dt.datetime | None
    last_step: int | None
    created_at: dt.datetime


class SharePurchaseRow(msgspec.Struct, frozen=True):
    """A share subscription: a payment request until it is paid (by bank transfer, matched by
    its structured communication, or withheld from a salary with the member's consent)."""

    id: uuid.UUID
    person: uuid.UUID
    shares: int
    category: str
    amount_cents: int
    purchased_on: dt.date
    status: str  # requested | paid | cancelled
    structured_communication: str
    paid_at: dt.datetime | None
    paid_via: str | None  # bank | salary
    bank_movement: uuid.UUID | None
    salary: uuid.UUID | None
    withhold_consent_at: dt.datetime | None
    withhold_consent_ip: str | None
    created_at: dt.datetime


class AgreementRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    version: str
    accepted_at: dt.datetime
    ip: str | None = None
    text_sha256: str | None = None
    language: str | None = None


class PerformanceRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    person: uuid.UUID
    reference: str
    with_share: bool
    created_at: dt.datetime


class StandingRow(msgspec.Struct, frozen=True):
    """For the three-performances rule: paid shares, performances without one, and whether a
    performance is already recorded under the reference asked about."""

    shares: int
    without_share: int
    recorded: bool
    at: dt.datetime  # the transaction's now(): what DEFAULT now() gives the rows it writes


class ErasureRequestRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    person: uuid.UUID
    status: str  # requested | waiting | done
    requested_at: dt.datetime
    ip: str | None
    blockers: list[str]
    retained: dict
    retain_until: dt.date | None
    executed_at: dt.datetime | None
    updated_at: dt.datetime
