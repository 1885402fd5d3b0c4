"""Bank statements (CODA) with their movements, unmatched payments, SEPA payment files."""

from piccolo.columns import (
    JSONB,
    UUID,
    BigInt,
    Date,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.employment.tables import MonthlySalary
from backend.people.tables import Person
from backend.platform.db import DB
from backend.quickjobs.tables import Invoice, SalaryPayment
from backend.units.tables import LegalEntity


class BankStatement(Table, tablename="bank_statement", db=DB):
    id = UUID(primary_key=True)
    content_hash = Varchar(length=64, unique=True)
    file_hash = Varchar(length=64)
    account = Varchar(length=34)
    currency = Varchar(length=3)
    number = Integer()
    old_balance_cents = BigInt()
    new_balance_cents = BigInt()
    old_balance_date = Date(null=True)
    new_balance_date = Date(null=True)
    imported_by = ForeignKey(Person, null=True)
    imported_at = Timestamptz()


class BankMovement(Table, tablename="bank_movement", db=DB):
    id = UUID(primary_key=True)
    statement = ForeignKey(BankStatement, null=False)
    sequence = Integer()
    detail = Integer()
    bank_reference = Varchar(length=21)
    amount_cents = BigInt()
    value_date = Date(null=True)
    entry_date = Date(null=True)
    transaction_code = Varchar(length=8)
    structured_communication = Varchar(length=12, null=True)
    communication = Text(default="")
    counterparty_name = Varchar(length=70, null=True)
    counterparty_account = Varchar(length=34, null=True)
    counterparty_bic = Varchar(length=11, null=True)
    status = Varchar(length=10)  # matched | unmatched | assigned | ignored
    match_method = Varchar(length=20, null=True)
    invoice = ForeignKey(Invoice, null=True)
    applied_cents = BigInt(null=True)
    overpaid_cents = BigInt(default=0)
    created_at = Timestamptz()


class UnmatchedPayment(Table, tablename="unmatched_payment", db=DB):
    id = UUID(primary_key=True)
    movement = ForeignKey(BankMovement, unique=True, null=False)
    reason = Varchar(length=30)
    status = Varchar(length=10, default="open")  # open | assigned
    invoice = ForeignKey(Invoice, null=True)
    resolved_by = ForeignKey(Person, null=True)
    resolved_at = Timestamptz(null=True)
    created_at = Timestamptz()


class PaymentFile(Table, tablename="payment_file", db=DB):
    id = UUID(primary_key=True)
    message_id = Varchar(length=35, unique=True)
    legal_entity = ForeignKey(LegalEntity, null=False)
    execution_date = Date()
    transaction_count = Integer()
    control_sum_cents = BigInt()
    storage_key = Text()
    skipped = JSONB()
    created_by = ForeignKey(Person, null=True)
    created_at = Timestamptz()


class PaymentFileItem(Table, tablename="payment_file_item", db=DB):
    """A salary, QuickJob or monthly, in at most one file. The table has no primary key (each of
    ``salary`` and ``monthly_salary`` is unique); ``end_to_end_id`` (unique) stands for it here."""

    salary = ForeignKey(SalaryPayment, null=True, unique=True)
    payment_file = ForeignKey(PaymentFile, null=False)
    end_to_end_id = Varchar(length=35, primary_key=True)
    amount_cents = BigInt()
    iban = Varchar(length=34)
    monthly_salary = ForeignKey(MonthlySalary, null=True, unique=True)
