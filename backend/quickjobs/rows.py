"""The QuickJob flow's rows as the repository returns them: typed, read by attribute."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec


class QuickJobRow(msgspec.Struct, frozen=True):
    """A QuickJob with its client's details (documents and e-mails need them)."""

    id: uuid.UUID
    person: uuid.UUID
    unit: uuid.UUID
    client: uuid.UUID
    function: str
    description: str
    performance_dates: list[dt.date]
    amount_cents: int
    vat_included: bool
    vat_rate: str
    vat_exemption: str | None
    contract_type: str
    withholding_rate: str | None
    paid_in_cash: bool
    status: str
    simulation: dict
    rule_set: str
    pay_date: dt.date
    review_reasons: list[str]
    language: str
    created_at: dt.datetime
    updated_at: dt.datetime
    client_name: str
    client_email: str | None
    client_vat: str | None
    client_company_number: str | None
    client_country: str
    client_address: str | None
    client_language: str


class QuickJobListRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    status: str
    amount_cents: int
    performance_dates: list[dt.date]
    pay_date: dt.date
    created_at: dt.datetime
    client_name: str


class RecentQuickJobRow(msgspec.Struct, frozen=True):
    """What a status line says of a QuickJob: the work, the client, the days, where it stands."""

    id: uuid.UUID
    function: str
    status: str
    performance_dates: list[dt.date]
    pay_date: dt.date
    simulation: dict
    client_name: str


class EventRow(msgspec.Struct, frozen=True):
    at: dt.datetime
    kind: str
    data: dict


class QuoteRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    quickjob: uuid.UUID
    number: str
    issue_date: dt.date
    valid_until: dt.date
    accept_token_hash: str
    status: str
    decided_at: dt.datetime | None
    decline_reason: str | None
    pdf_key: str | None
    clauses: dict


class OrderRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    quickjob: uuid.UUID
    quote: uuid.UUID
    source: str
    signed_order_key: str | None
    confirmed_at: dt.datetime
    client_ip: str | None
    accepted_by: str | None  # the name the client typed on the quote page


class InvoiceRow(msgspec.Struct, frozen=True):
    """An invoice or a credit note (``kind``)."""

    id: uuid.UUID
    quickjob: uuid.UUID
    legal_entity: str
    kind: str
    year: int
    sequence: int
    number: str
    credits: uuid.UUID | None
    issue_date: dt.date
    due_date: dt.date
    structured_communication: str
    base_cents: int
    vat_cents: int
    total_cents: int
    vat_rate: str
    status: str
    paid_cents: int
    pdf_key: str
    ubl_key: str | None
    peppol_transmission: str | None
    created_at: dt.datetime
    public_token_hash: str | None  # the client's page link (hashed); None before it existed


class CashCollectionRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    quickjob: uuid.UUID
    amount_cents: int
    collected_on: dt.date
    pdf_key: str
    created_at: dt.datetime


class ExpenseRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    quickjob: uuid.UUID
    amount_cents: int
    category: str
    spent_on: dt.date | None
    description: str | None
    receipt_key: str | None
    receipt_content_type: str | None
    created_at: dt.datetime


class ContractRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    quickjob: uuid.UUID
    person: uuid.UUID
    contract_type: str
    function: str
    work_dates: list[dt.date]
    gross_cents: int
    withholding_rate: str | None
    status: str
    pdf_key: str | None
    created_at: dt.datetime


class DimonaRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    contract: uuid.UUID
    work_date: dt.date
    reference: str | None
    status: str
    message: str | None
    updated_at: dt.datetime


class SalaryRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    contract: uuid.UUID
    quickjob: uuid.UUID
    person: uuid.UUID
    pay_date: dt.date
    gross_cents: int
    social_security_cents: int
    withholding_cents: int
    net_cents: int
    expenses_cents: int
    status: str
    guarantee_advance: bool
    payslip_key: str | None
    paid_at: dt.datetime | None
    created_at: dt.datetime


class WorkerRow(msgspec.Struct, frozen=True):
    """What the flow needs of its worker: names, contacts and language, and for documents and
    declarations the national number, IBAN and address."""

    id: uuid.UUID
    phone: str | None
    email: str | None
    first_name: str | None
    last_name: str | None
    language: str
    national_number: str | None
    iban: str | None
    address: str | None
    birth_date: dt.date | None = None  # with the national number: what a contract needs
    bic: str | None = None  # an account outside the EEA (backend.people.identity)
    personal_unit: uuid.UUID | None = None  # read with the worker at creation
    agreement_accepted: bool | None = None  # the usage agreement, read at creation too
