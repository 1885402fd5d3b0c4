"""Wire format of the QuickJob flow (api.md): camelCase, cents, ISO dates."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from backend.http.values import (
    ContractType,
    ContractTypeValue,
    ExpenseCategoryValue,
    LanguageIn,
    PositiveCents,
    VatExemption,
    VatRate,
)
from backend.quickjobs.lifecycle import ContractStatus, InvoiceStatus, QuickJobStatus
from backend.simulations.schemas import ExpenseIn, SimulationResponse

QuickJobStatusValue = Literal[tuple(s.value for s in QuickJobStatus)]  # type: ignore[misc]
InvoiceStatusValue = Literal[tuple(s.value for s in InvoiceStatus)]  # type: ignore[misc]
ContractStatusValue = Literal[tuple(s.value for s in ContractStatus)]  # type: ignore[misc]
QuoteStatus = Literal["sent", "accepted", "declined", "expired"]
InvoiceKind = Literal["invoice", "credit_note"]
SalaryStatus = Literal["scheduled", "held", "paid"]
OrderSource = Literal["client_link", "worker_attested"]


class ClientIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    name: str
    email: str | None = None
    vat_number: str | None = None
    country: str = "BE"
    address: str | None = None
    language: LanguageIn | None = None


class QuickJobCreate(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    function: str
    description: str
    performance_dates: list[dt.date]
    amount_cents: PositiveCents
    client: ClientIn | None = None
    client_id: uuid.UUID | None = None
    vat_rate: VatRate = "21"
    vat_included: bool = False
    vat_exemption: VatExemption | None = None
    contract_type: ContractType = "employee"
    withholding_rate: str | None = None
    expenses: list[ExpenseIn] = msgspec.field(default_factory=list)
    paid_in_cash: bool = False
    hours_per_day: Annotated[int | str | None, msgspec.Meta(
        description="Hours worked each day (1 to 12; a whole number or a decimal string such "
                    "as \"7.6\"). Printed on the contract, used for the gross per hour (checked "
                    "against the legal minimum) and the work bonus. Default: the full-time day "
                    "of the rule set (7.6 h).")] = None
    platform_work: bool = False
    sector: str | None = None


class QuoteOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    number: str
    status: QuoteStatus
    pdf_url: str
    accept_url: str | None = None
    valid_until: dt.date | None = None


class InvoiceOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    kind: InvoiceKind
    number: str
    issue_date: dt.date
    due_date: dt.date
    structured_communication: str
    base_cents: int
    vat_cents: int
    total_cents: int
    status: InvoiceStatusValue
    pdf_url: str
    ubl_url: str | None = None
    credits_invoice_id: uuid.UUID | None = None
    page_url: str | None = None  # the client's page of an invoice (pay by QR code)


class TimelineEvent(msgspec.Struct, rename="camel"):
    at: dt.datetime
    kind: str
    label: str
    data: dict = msgspec.field(default_factory=dict)


class ExpenseOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    amount_cents: int
    category: ExpenseCategoryValue
    spent_on: dt.date | None = None
    description: str | None = None
    receipt_url: str | None = None


class ContractOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    contract_type: ContractTypeValue
    status: ContractStatusValue
    work_dates: list[dt.date]
    gross_cents: int
    pdf_url: str
    dimona: list[dict] = msgspec.field(default_factory=list)


class SalaryOut(msgspec.Struct, rename="camel"):
    pay_date: dt.date
    status: SalaryStatus
    gross_cents: int
    net_cents: int
    expenses_cents: int
    guarantee_advance: bool
    payslip_url: str | None = None


class QuickJobOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    status: QuickJobStatusValue
    unit_id: uuid.UUID
    client_id: uuid.UUID
    client_name: str
    function: str
    description: str
    performance_dates: list[dt.date]
    amount_cents: int
    pay_date: dt.date
    simulation: SimulationResponse
    quote: QuoteOut
    review_reasons: list[str] = msgspec.field(default_factory=list)
    invoice: InvoiceOut | None = None
    credit_notes: list[InvoiceOut] = msgspec.field(default_factory=list)
    contract: ContractOut | None = None
    salary: SalaryOut | None = None
    expenses: list[ExpenseOut] = msgspec.field(default_factory=list)
    timeline: list[TimelineEvent] = msgspec.field(default_factory=list)
    # What the steps still ahead (contract, salary) need of the worker, by PATCH /me names and
    # usageAgreement; empty lists when nothing is missing, no key once a step is done.
    requirements: dict[str, list[str]] = msgspec.field(default_factory=dict)


class QuickJobListItem(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    status: QuickJobStatusValue
    client_name: str
    amount_cents: int
    performance_dates: list[dt.date]
    pay_date: dt.date


class QuickJobList(msgspec.Struct, rename="camel"):
    items: list[QuickJobListItem]
    next_cursor: str | None = None


class CashCollectionIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    amount_cents: PositiveCents
    date: dt.date


class CashCollectionOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    amount_cents: int
    date: dt.date
    pdf_url: str


class DeclineIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    reason: str | None = None


class AcceptIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    """Optional: the name of who accepts (the quote page asks for it; blank: not given)."""

    name: Annotated[str, msgspec.Meta(max_length=200)] | None = None


class PaymentIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    amount_cents: PositiveCents
    date: dt.date
    reference: str | None = None


class PublicQuoteOut(msgspec.Struct, rename="camel"):
    number: str
    status: QuoteStatus
    supplier_name: str
    worker_name: str
    client_name: str
    function: str
    description: str
    performance_dates: list[dt.date]
    amount_cents: int
    vat_cents: int
    total_incl_vat_cents: int
    valid_until: dt.date
    pdf_url: str
    clauses: dict


class OrderOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    quote_number: str
    source: OrderSource
    confirmed_at: dt.datetime
    accepted_by: str | None = None
