"""Back-office queries: the review queue, invoice reminders, corrections, the audit log and
search, through Piccolo's query builder with typed rows (``rows.py``)."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec
from piccolo.columns.combination import WhereRaw
from piccolo.query.functions.aggregate import Sum

from backend.audit.tables import AuditLog
from backend.backoffice.rows import AuditRow, CorrectionRow, QuarterlyRow, ReviewRow
from backend.backoffice.tables import CorrectionRequest, InvoiceReminder, ReviewItem
from backend.people.tables import Person
from backend.platform.db import NOW, fetch, insert, new_row, row, rows
from backend.quickjobs.tables import Invoice, QuickJob
from backend.units.tables import JournalEntry, JournalLine, Unit

# Review queue --------------------------------------------------------------------------------


async def insert_review_item(*, kind: str, reasons: list[str], context: dict,
                             person: uuid.UUID | None, quickjob: uuid.UUID | None = None,
                             review_id: uuid.UUID | None = None) -> uuid.UUID:
    """An item for an adviser: ``reasons`` are codes; the context may carry them with their
    params (``{"reasons": [{"code", "params"}]}``) so each reader gets them in their language."""
    review_id = review_id or uuid.uuid4()
    # Compiled once (``insert``): inside ``together()`` it joins that block's statement.
    await insert(ReviewItem, {"id": review_id, "quickjob": quickjob, "person": person,
                              "kind": kind, "reasons": reasons, "context": context})
    return review_id


async def open_review_for(quickjob_id: uuid.UUID) -> ReviewRow | None:
    return await row(ReviewItem.select().where((ReviewItem.quickjob == quickjob_id)
                                               & (ReviewItem.status == "open")), ReviewRow)


async def get_review(review_id: uuid.UUID, *, for_update: bool = False) -> ReviewRow | None:
    query = ReviewItem.select().where(ReviewItem.id == review_id)
    if for_update:
        query = query.lock_rows()
    return await row(query, ReviewRow)


async def list_reviews(status: str, limit: int) -> list[ReviewRow]:
    return await rows(ReviewItem.select().where(ReviewItem.status == status)
                      .order_by(ReviewItem.created_at).limit(limit), ReviewRow)


async def decide_review(review_id: uuid.UUID, status: str, by: uuid.UUID, reason: str | None) -> None:
    await ReviewItem.update({ReviewItem.status: status, ReviewItem.decided_by: by,
                             ReviewItem.decided_at: NOW, ReviewItem.decision_reason: reason}) \
        .where(ReviewItem.id == review_id)


async def mark_reminder(invoice_id: uuid.UUID, stage: int) -> bool:
    """True the first time this stage of reminders is reached for the invoice."""
    inserted = await InvoiceReminder.insert(new_row(InvoiceReminder, invoice=invoice_id,
                                                    stage=stage)) \
        .on_conflict(action="DO NOTHING").returning(InvoiceReminder.stage)
    return bool(inserted)


# Corrections ---------------------------------------------------------------------------------


async def entry_of_unit(entry_id: uuid.UUID, unit_id: uuid.UUID) -> bool:
    return await JournalEntry.exists().where((JournalEntry.id == entry_id)
                                             & (JournalEntry.unit == unit_id))


async def entry_debits(entry_id: uuid.UUID) -> int:
    """What an entry moves: the sum of its debit lines."""
    found = await JournalLine.select(Sum(JournalLine.amount_cents).as_alias("debit")) \
        .where((JournalLine.entry == entry_id) & (JournalLine.amount_cents > 0))
    return int(found[0]["debit"] or 0) if found else 0


async def correction_pending_for(entry_id: uuid.UUID) -> bool:
    return await CorrectionRequest.exists().where((CorrectionRequest.entry == entry_id)
                                                  & (CorrectionRequest.status == "pending"))


async def insert_correction(**values) -> None:
    await CorrectionRequest.insert(new_row(CorrectionRequest, **values))


async def get_correction(correction_id: uuid.UUID, *, for_update: bool = False
                         ) -> CorrectionRow | None:
    query = CorrectionRequest.select().where(CorrectionRequest.id == correction_id)
    if for_update:
        query = query.lock_rows()
    return await row(query, CorrectionRow)


async def apply_correction(correction_id: uuid.UUID, approved_by: uuid.UUID | None,
                           reversal: uuid.UUID) -> None:
    await CorrectionRequest.update({
        CorrectionRequest.status: "applied", CorrectionRequest.approved_by: approved_by,
        CorrectionRequest.reversal: reversal, CorrectionRequest.decided_at: NOW,
    }).where(CorrectionRequest.id == correction_id)


# Audit log and search ------------------------------------------------------------------------


async def audit_entries(object_type: str | None, object_id: str | None,
                        actor_id: uuid.UUID | None, before_id: int | None,
                        limit: int) -> list[AuditRow]:
    query = AuditLog.select().order_by(AuditLog.id, ascending=False).limit(limit)
    for column, value in ((AuditLog.object_type, object_type), (AuditLog.object_id, object_id),
                          (AuditLog.actor_id, actor_id)):
        if value is not None:
            query = query.where(column == value)
    if before_id is not None:
        query = query.where(AuditLog.id < before_id)
    return await rows(query, AuditRow)


async def search(term: str, limit: int) -> dict[str, list[dict]]:
    """People, units, QuickJobs and invoices whose names, numbers or contacts hold ``term``."""
    like = f"%{term.lower()}%"
    # WhereRaw where the match is on an expression (a full name, the digits of a communication).
    people = await Person.select(
        Person.id, Person.role, Person.first_name, Person.last_name, Person.phone, Person.email,
    ).where(WhereRaw("lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) LIKE {} "
                     "OR phone LIKE {} OR lower(email) LIKE {}", like, like, like)) \
        .order_by(Person.created_at, ascending=False).limit(limit)
    units = await Unit.select(Unit.id, Unit.name, Unit.mode) \
        .where(Unit.name.ilike(like)) \
        .order_by(Unit.created_at, ascending=False).limit(limit)
    quickjobs = await QuickJob.select(
        QuickJob.id, QuickJob.status, QuickJob.function,
        QuickJob.client.name.as_alias("client_name"), QuickJob.amount_cents,
    ).where(QuickJob.function.ilike(like) | QuickJob.client.name.ilike(like)) \
        .order_by(QuickJob.created_at, ascending=False).limit(limit)
    digits = "".join(ch for ch in term if ch.isdigit())
    invoices = await Invoice.select(
        Invoice.id, Invoice.quickjob, Invoice.number, Invoice.kind, Invoice.status,
        Invoice.total_cents, Invoice.structured_communication,
    ).where(WhereRaw("lower(number) LIKE {} OR ({} <> '' AND "
                     "regexp_replace(structured_communication, '[^0-9]', '', 'g') LIKE {})",
                     like, digits, f"%{digits}%")) \
        .order_by(Invoice.created_at, ascending=False).limit(limit)
    return {"people": people, "units": units, "quickjobs": quickjobs, "invoices": invoices}


async def quarterly_summary(start: dt.date, end: dt.date) -> list[QuarterlyRow]:
    """Per worker, salaries paid for work in [start, end]: the DmfA and withholding base.
    QuickJob salaries count by their last day worked, monthly salaries by their month."""
    # Raw SQL: a UNION ALL of two tables summed per person in a CTE, and the last day of an
    # array of dates (unnest): more than Piccolo's query builder says.
    found = await fetch(
        "WITH lines AS ("
        " SELECT s.person, 1 AS contracts, cardinality(c.work_dates) AS days, s.gross_cents,"
        " s.social_security_cents, s.withholding_cents, 0::bigint AS special_social_security_cents,"
        " s.net_cents, (q.simulation->>'employer_cost_cents')::bigint AS employer_cost_cents"
        " FROM salary_payment s JOIN contract c ON c.id = s.contract"
        " JOIN quickjob q ON q.id = s.quickjob"
        " WHERE s.status = 'paid' AND s.net_cents > 0"
        " AND (SELECT max(d) FROM unnest(c.work_dates) d) BETWEEN {} AND {}"
        " UNION ALL"
        " SELECT m.person, 1, m.days_employed, m.gross_cents, m.social_security_cents,"
        " m.withholding_cents, m.special_social_security_cents, m.net_cents, m.employer_cost_cents"
        " FROM monthly_salary m WHERE m.month BETWEEN {} AND {}) "
        "SELECT p.id AS person_id, p.first_name, p.last_name, p.national_number, "
        "sum(l.contracts)::bigint AS contracts, sum(l.days)::bigint AS days, "
        "sum(l.gross_cents)::bigint AS gross_cents, "
        "sum(l.social_security_cents)::bigint AS social_security_cents, "
        "sum(l.withholding_cents)::bigint AS withholding_cents, "
        "sum(l.special_social_security_cents)::bigint AS special_social_security_cents, "
        "sum(l.net_cents)::bigint AS net_cents, "
        "sum(l.employer_cost_cents)::bigint AS employer_cost_cents "
        "FROM lines l JOIN person p ON p.id = l.person "
        "GROUP BY p.id ORDER BY p.last_name, p.first_name, p.id", start, end, start, end)
    return [msgspec.convert(r, QuarterlyRow) for r in found]
