"""The QuickJob flow's tables: the QuickJob and its timeline, quote, order, invoices, cash
collection, expenses, contract, Dimonas and salary; the gap-free document counters."""

from piccolo.columns import (
    JSONB,
    UUID,
    Array,
    BigInt,
    BigSerial,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.clients.tables import Client
from backend.people.tables import Person
from backend.platform.db import DB
from backend.units.tables import LegalEntity, Unit


class QuickJob(Table, tablename="quickjob", db=DB):
    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    unit = ForeignKey(Unit, null=False)
    client = ForeignKey(Client, null=False)
    function = Varchar(length=120)
    description = Text()
    performance_dates = Array(Date())
    amount_cents = BigInt()
    vat_included = Boolean(default=False)
    vat_rate = Varchar(length=3)
    vat_exemption = Varchar(length=40, null=True)
    contract_type = Varchar(length=20)
    withholding_rate = Varchar(length=8, null=True)
    paid_in_cash = Boolean(default=False)
    status = Varchar(length=20)  # lifecycle.QuickJobStatus
    simulation = JSONB()  # the engine's figures (simulations.service.to_snapshot)
    rule_set = Varchar(length=60)
    pay_date = Date()
    review_reasons = Array(Text())
    language = Varchar(length=2)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class QuickJobEvent(Table, tablename="quickjob_event", db=DB):
    """The dated timeline the worker reads."""

    id = BigSerial(primary_key=True)
    quickjob = ForeignKey(QuickJob, null=False)
    at = Timestamptz()
    kind = Varchar(length=40)
    data = JSONB()


class DocumentCounter(Table, tablename="document_counter", db=DB):
    """Gap-free numbers. The key is (legal_entity, series, year); Piccolo needs one primary key
    column, so ``series`` stands for it here (the counter is only used by raw SQL)."""

    legal_entity = ForeignKey(LegalEntity, null=False)
    series = Varchar(length=20, primary_key=True)
    year = Integer()
    last_number = Integer(default=0)


class Quote(Table, tablename="quote", db=DB):
    id = UUID(primary_key=True)
    quickjob = ForeignKey(QuickJob, unique=True, null=False)
    number = Varchar(length=20, unique=True)
    issue_date = Date()
    valid_until = Date()
    accept_token_hash = Varchar(length=64, unique=True)
    status = Varchar(length=10, default="sent")  # sent | accepted | declined | expired
    decided_at = Timestamptz(null=True)
    decline_reason = Text(null=True)
    pdf_key = Text(null=True)  # made on first need
    clauses = JSONB()


class ClientOrder(Table, tablename="client_order", db=DB):
    id = UUID(primary_key=True)
    quickjob = ForeignKey(QuickJob, unique=True, null=False)
    quote = ForeignKey(Quote, null=False)
    source = Varchar(length=20)  # client_link | worker_attested
    signed_order_key = Text(null=True)
    confirmed_at = Timestamptz()
    client_ip = Varchar(length=45, null=True)
    accepted_by = Varchar(length=200, null=True)  # the name typed on the quote page


class Invoice(Table, tablename="invoice", db=DB):
    """Invoices and credit notes; numbered per (legal entity, kind, year) without gaps."""

    id = UUID(primary_key=True)
    quickjob = ForeignKey(QuickJob, null=False)
    legal_entity = ForeignKey(LegalEntity, null=False)
    kind = Varchar(length=12)  # invoice | credit_note
    year = Integer()
    sequence = Integer()
    number = Varchar(length=20)
    credits = UUID(null=True)  # the invoice a credit note cancels
    issue_date = Date()
    due_date = Date()
    structured_communication = Varchar(length=21)
    base_cents = BigInt()
    vat_cents = BigInt()
    total_cents = BigInt()
    vat_rate = Varchar(length=3)
    status = Varchar(length=10, default="issued")  # lifecycle.InvoiceStatus
    paid_cents = BigInt(default=0)
    pdf_key = Text()
    ubl_key = Text(null=True)
    peppol_transmission = Varchar(length=80, null=True)
    created_at = Timestamptz()
    public_token_hash = Varchar(length=64, null=True)  # the client's page link, hashed


class CashCollection(Table, tablename="cash_collection", db=DB):
    id = UUID(primary_key=True)
    quickjob = ForeignKey(QuickJob, unique=True, null=False)
    amount_cents = BigInt()
    collected_on = Date()
    pdf_key = Text()
    created_at = Timestamptz()


class Expense(Table, tablename="expense", db=DB):
    id = UUID(primary_key=True)
    quickjob = ForeignKey(QuickJob, null=False)
    amount_cents = BigInt()
    category = Varchar(length=20)
    spent_on = Date(null=True)
    description = Text(null=True)
    receipt_key = Text(null=True)
    receipt_content_type = Varchar(length=40, null=True)
    created_at = Timestamptz()


class Contract(Table, tablename="contract", db=DB):
    id = UUID(primary_key=True)
    quickjob = ForeignKey(QuickJob, unique=True, null=False)
    person = ForeignKey(Person, null=False)
    contract_type = Varchar(length=20)
    function = Varchar(length=120)
    work_dates = Array(Date())
    gross_cents = BigInt()
    withholding_rate = Varchar(length=8, null=True)
    status = Varchar(length=12, default="planned")  # lifecycle.ContractStatus
    pdf_key = Text(null=True)  # made once declared
    created_at = Timestamptz()


class Dimona(Table, tablename="dimona", db=DB):
    """One declaration to social security per contract and working day."""

    id = UUID(primary_key=True)
    contract = ForeignKey(Contract, null=False)
    work_date = Date()
    reference = Varchar(length=40, null=True)
    # pending | accepted | accepted_with_warning | refused | waiting | cancelled
    status = Varchar(length=24, default="pending")
    message = Text(null=True)
    updated_at = Timestamptz()


class SalaryPayment(Table, tablename="salary_payment", db=DB):
    id = UUID(primary_key=True)
    contract = ForeignKey(Contract, unique=True, null=False)
    quickjob = ForeignKey(QuickJob, null=False)
    person = ForeignKey(Person, null=False)
    pay_date = Date()
    gross_cents = BigInt()
    social_security_cents = BigInt()
    withholding_cents = BigInt()
    net_cents = BigInt()
    expenses_cents = BigInt()
    status = Varchar(length=10, default="scheduled")  # scheduled | held | paid
    guarantee_advance = Boolean(default=False)
    payslip_key = Text(null=True)
    paid_at = Timestamptz(null=True)
    created_at = Timestamptz()
