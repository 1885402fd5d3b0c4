"""Queries for bank statements, unmatched payments and SEPA payment files, through Piccolo's
query builder with typed rows (``rows.py``)."""

from __future__ import annotations

import uuid

import msgspec
from piccolo.columns.combination import WhereRaw

from backend.backoffice.banking.rows import (
    MatchableInvoiceRow,
    MovementRow,
    PaymentFileRow,
    StatementRow,
    TransferRow,
    UnmatchedRow,
)
from backend.backoffice.banking.tables import (
    BankMovement,
    BankStatement,
    PaymentFile,
    PaymentFileItem,
    UnmatchedPayment,
)
from backend.platform.db import NOW, fetch, new_row, row, rows
from backend.quickjobs.tables import Invoice

# Statements and movements ---------------------------------------------------------------------


async def insert_statement(**values) -> StatementRow | None:
    """None when this statement is already there (same content, or account+number+date)."""
    return await row(BankStatement.insert(new_row(BankStatement, **values))
                     .on_conflict(action="DO NOTHING")
                     .returning(BankStatement.id, BankStatement.account, BankStatement.number),
                     StatementRow)


async def insert_movement(**values) -> MovementRow:
    return await row(BankMovement.insert(new_row(BankMovement, **values)).returning(
        BankMovement.id, BankMovement.statement, BankMovement.amount_cents, BankMovement.status),
        MovementRow)


async def update_movement(movement_id: uuid.UUID, **values) -> None:
    await BankMovement.update({getattr(BankMovement, k): v for k, v in values.items()}) \
        .where(BankMovement.id == movement_id)


def _matchable():
    return Invoice.select(*Invoice.all_columns(),
                          Invoice.quickjob.client.name.as_alias("client_name")) \
        .where(Invoice.kind == "invoice").order_by(Invoice.created_at)


async def invoices_by_communication(digits: str) -> list[MatchableInvoiceRow]:
    # WhereRaw: the match is on the digits of the communication (an expression).
    return await rows(_matchable().where(WhereRaw(
        "regexp_replace(\"invoice\".\"structured_communication\", '[^0-9]', '', 'g') = {}",
        digits)), MatchableInvoiceRow)


async def open_invoices_by_amount(outstanding_cents: int) -> list[MatchableInvoiceRow]:
    # WhereRaw: the match is on what is still due (a difference of two columns).
    return await rows(_matchable().where(
        (Invoice.status == "issued")
        & WhereRaw('"invoice"."total_cents" - "invoice"."paid_cents" = {}', outstanding_cents)),
        MatchableInvoiceRow)


# Unmatched payments ---------------------------------------------------------------------------


async def insert_unmatched(**values) -> uuid.UUID:
    await UnmatchedPayment.insert(new_row(UnmatchedPayment, **values))
    return values["id"]


def _unmatched():
    movement = UnmatchedPayment.movement
    return UnmatchedPayment.select(
        UnmatchedPayment.id, UnmatchedPayment.reason, UnmatchedPayment.status,
        UnmatchedPayment.invoice, UnmatchedPayment.resolved_by, UnmatchedPayment.resolved_at,
        UnmatchedPayment.created_at, UnmatchedPayment.movement, movement.amount_cents,
        movement.value_date, movement.entry_date, movement.structured_communication,
        movement.communication, movement.counterparty_name, movement.counterparty_account,
        movement.bank_reference, movement.statement.account,
        movement.statement.number.as_alias("statement_number"))


def _as_unmatched(found: list[dict]) -> list[UnmatchedRow]:
    # Piccolo names joined columns by their path ("movement.amount_cents"): keep the last part.
    return msgspec.convert([{k.rsplit(".", 1)[-1]: v for k, v in r.items()} for r in found],
                           list[UnmatchedRow])


async def list_unmatched(status: str, limit: int) -> list[UnmatchedRow]:
    return _as_unmatched(await _unmatched().where(UnmatchedPayment.status == status)
                         .order_by(UnmatchedPayment.created_at, UnmatchedPayment.id).limit(limit))


async def get_unmatched(unmatched_id: uuid.UUID, *, for_update: bool = False
                        ) -> UnmatchedRow | None:
    query = _unmatched().where(UnmatchedPayment.id == unmatched_id)
    if for_update:
        query = query.lock_rows(of=(UnmatchedPayment,))
    found = _as_unmatched(await query)
    return found[0] if found else None


async def resolve_unmatched(unmatched_id: uuid.UUID, invoice_id: uuid.UUID,
                            by: uuid.UUID) -> None:
    await UnmatchedPayment.update({
        UnmatchedPayment.status: "assigned", UnmatchedPayment.invoice: invoice_id,
        UnmatchedPayment.resolved_by: by, UnmatchedPayment.resolved_at: NOW,
    }).where(UnmatchedPayment.id == unmatched_id)


# Payment files --------------------------------------------------------------------------------

FILE_LIMIT = 5000  # transfers per SEPA file: a bigger payroll run makes several files


async def salaries_to_transfer(limit: int | None = None) -> list[TransferRow]:
    """Salaries paid by a salary run, with something to transfer, in no payment file yet;
    locked so two concurrent requests never put one salary in two files. Workers with an IBAN
    first, so those without one (skipped) never crowd them out of a file."""
    limit = limit or FILE_LIMIT
    # Raw SQL: an anti-join (NOT EXISTS), ordering by an expression (iban IS NULL) and locking
    # only the salary rows of a join, skipping those another run holds.
    # withheld_cents: a member's share withheld from this salary (backend.people.membership).
    quickjob = await fetch(
        "SELECT 'quickjob' AS kind, s.id, s.person, s.pay_date, s.net_cents, s.expenses_cents, "
        "q.function, p.iban, p.bic, p.first_name, p.last_name, p.email, p.phone, "
        "(SELECT coalesce(sum(sp.amount_cents), 0)::bigint FROM share_purchase sp "
        "WHERE sp.salary = s.id) AS withheld_cents "
        "FROM salary_payment s JOIN quickjob q ON q.id = s.quickjob "
        "JOIN person p ON p.id = s.person "
        "WHERE s.status = 'paid' AND s.paid_at IS NOT NULL AND s.net_cents + s.expenses_cents > 0 "
        "AND NOT EXISTS (SELECT 1 FROM payment_file_item i WHERE i.salary = s.id) "
        "ORDER BY p.iban IS NULL, s.pay_date, s.id LIMIT {} FOR UPDATE OF s SKIP LOCKED", limit)
    # Monthly salaries of open-ended contracts (no expense refunds: those go by QuickJob).
    # Raw SQL: as above.
    monthly = await fetch(
        "SELECT 'monthly' AS kind, m.id, m.person, m.pay_date, m.net_cents, 0::bigint AS expenses_cents, "
        "NULL AS function, p.iban, p.bic, p.first_name, p.last_name, p.email, p.phone, "
        "0::bigint AS withheld_cents "
        "FROM monthly_salary m JOIN person p ON p.id = m.person "
        "WHERE m.net_cents > 0 "
        "AND NOT EXISTS (SELECT 1 FROM payment_file_item i WHERE i.monthly_salary = m.id) "
        "ORDER BY p.iban IS NULL, m.pay_date, m.id LIMIT {} FOR UPDATE OF m SKIP LOCKED",
        max(0, limit - len(quickjob)))
    return msgspec.convert(quickjob + monthly, list[TransferRow])


async def insert_payment_file(**values) -> PaymentFileRow:
    return await row(PaymentFile.insert(new_row(PaymentFile, **values))
                     .returning(*PaymentFile.all_columns()), PaymentFileRow)


async def insert_payment_items(file_id: uuid.UUID, items: list[dict]) -> None:
    """A file's lines in one INSERT."""
    await PaymentFileItem.insert(*(new_row(PaymentFileItem, payment_file=file_id, **item)
                                   for item in items))


async def get_payment_file(file_id: uuid.UUID) -> PaymentFileRow | None:
    return await row(PaymentFile.select().where(PaymentFile.id == file_id), PaymentFileRow)
