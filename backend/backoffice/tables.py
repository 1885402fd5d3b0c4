"""The back office's tables: the review queue, ledger correction requests, invoice reminders."""

from piccolo.columns import (
    JSONB,
    UUID,
    Array,
    BigInt,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.people.tables import Person
from backend.platform.db import DB
from backend.quickjobs.tables import Invoice, QuickJob
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
