"""The back office's tables: the review queue, ledger correction requests, invoice reminders,
pay the payroll run holds."""

from piccolo.columns import (
    JSONB,
    UUID,
    Array,
    BigInt,
    Date,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.employment.tables import Employment
from backend.people.tables import Person
from backend.platform.db import DB
from backend.quickjobs.tables import Invoice, QuickJob, SalaryPayment
from backend.units.tables import JournalEntry, Unit


class ReviewItem(Table, tablename="review_item", db=DB):
    id = UUID(primary_key=True)
    quickjob = ForeignKey(QuickJob, null=True)
    person = ForeignKey(Person, null=True)
    kind = Varchar(length=30)  # quickjob | overdue_invoice | bot_handoff | monthly_salary_uncovered
    reasons = Array(Text())  # codes; the context may hold them with their params
    status = Varchar(length=10, default="open")  # open | approved | rejected
    decided_by = ForeignKey(Person, null=True)
    decided_at = Timestamptz(null=True)
    decision_reason = Text(null=True)
    context = JSONB()
    created_at = Timestamptz()


class CorrectionRequest(Table, tablename="correction_request", db=DB):
    id = UUID(primary_key=True)
    unit = ForeignKey(Unit, null=False)
    entry = ForeignKey(JournalEntry, null=False)
    amount_cents = BigInt()
    reason = Text()
    requested_by = ForeignKey(Person, null=False)
    status = Varchar(length=10, default="pending")  # pending | applied | rejected
    approved_by = ForeignKey(Person, null=True)
    reversal = ForeignKey(JournalEntry, null=True)
    decided_at = Timestamptz(null=True)
    created_at = Timestamptz()


class InvoiceReminder(Table, tablename="invoice_reminder", db=DB):
    """One row per (invoice, stage) reached. The key is both; ``invoice`` stands for it here."""

    invoice = ForeignKey(Invoice, primary_key=True, null=False)
    stage = Integer()
    sent_at = Timestamptz()


class PayrollHold(Table, tablename="payroll_hold", db=DB):
    """Pay a payroll run did not make, and why (no rule set in force for its date; more months
    of one contract than a run may pay without a second adviser). One row per thing held
    (``key``), updated by each run that holds it again, released when paid."""

    id = UUID(primary_key=True)
    key = Text(unique=True)
    kind = Varchar(length=20)  # quickjob_salary | monthly_salary
    reason = Varchar(length=30)  # rule_set_fallback | months_above_limit
    person = ForeignKey(Person, null=False)
    salary = ForeignKey(SalaryPayment, null=True)
    quickjob = ForeignKey(QuickJob, null=True)
    employment = ForeignKey(Employment, null=True)
    month = Date(null=True)
    params = JSONB()
    status = Varchar(length=10, default="held")  # held | approved | released
    requested_by = ForeignKey(Person, null=True)
    approved_by = ForeignKey(Person, null=True)
    approved_at = Timestamptz(null=True)
    held_at = Timestamptz()
    last_held_at = Timestamptz()
    released_at = Timestamptz(null=True)
