"""Queries for bank statements, unmatched payments and SEPA payment files."""

from __future__ import annotations

import json
import uuid

from backend.platform.db import fetch


def _insert_sql(table: str, values: dict, suffix: str = "") -> tuple[str, list]:
    columns = ", ".join(values)
    placeholders = ", ".join("{}::jsonb" if k == "skipped" else "{}" for k in values)
    return f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) {suffix}", list(values.values())


# Statements and movements ---------------------------------------------------------------------

async def insert_statement(**values) -> dict | None:
    """None when this statement is already there (same content, or account+number+date)."""
    sql, args = _insert_sql("bank_statement", values, "ON CONFLICT DO NOTHING RETURNING *")
    rows = await fetch(sql, *args)
    return rows[0] if rows else None


async def insert_movement(**values) -> dict:
    sql, args = _insert_sql("bank_movement", values, "RETURNING *")
    return (await fetch(sql, *args))[0]


async def update_movement(movement_id: uuid.UUID, **values) -> None:
    sets = ", ".join(f"{k} = {{}}" for k in values)
    await fetch(f"UPDATE bank_movement SET {sets} WHERE id = {{}}", *values.values(), movement_id)


async def get_movement(movement_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM bank_movement WHERE id = {}", movement_id)
    return rows[0] if rows else None


async def invoices_by_communication(digits: str) -> list[dict]:
    return await fetch(
        "SELECT i.*, c.name AS client_name FROM invoice i JOIN quickjob q ON q.id = i.quickjob "
        "JOIN client c ON c.id = q.client WHERE i.kind = 'invoice' "
        "AND regexp_replace(i.structured_communication, '[^0-9]', '', 'g') = {} "
        "ORDER BY i.created_at", digits)


async def open_invoices_by_amount(outstanding_cents: int) -> list[dict]:
    return await fetch(
        "SELECT i.*, c.name AS client_name FROM invoice i JOIN quickjob q ON q.id = i.quickjob "
        "JOIN client c ON c.id = q.client WHERE i.kind = 'invoice' AND i.status = 'issued' "
        "AND i.total_cents - i.paid_cents = {} ORDER BY i.created_at", outstanding_cents)


# Unmatched payments ---------------------------------------------------------------------------

async def insert_unmatched(**values) -> dict:
    sql, args = _insert_sql("unmatched_payment", values, "RETURNING *")
    return (await fetch(sql, *args))[0]


_UNMATCHED = (
    "SELECT u.id, u.reason, u.status, u.invoice, u.resolved_by, u.resolved_at, u.created_at, "
    "m.id AS movement, m.amount_cents, m.value_date, m.entry_date, m.structured_communication, "
    "m.communication, m.counterparty_name, m.counterparty_account, m.bank_reference, "
    "s.account, s.number AS statement_number "
    "FROM unmatched_payment u JOIN bank_movement m ON m.id = u.movement "
    "JOIN bank_statement s ON s.id = m.statement"
)


async def list_unmatched(status: str, limit: int) -> list[dict]:
    return await fetch(_UNMATCHED + " WHERE u.status = {} ORDER BY u.created_at, u.id LIMIT {}",
                       status, limit)


async def get_unmatched(unmatched_id: uuid.UUID, *, for_update: bool = False) -> dict | None:
    lock = " FOR UPDATE OF u" if for_update else ""
    rows = await fetch(_UNMATCHED + " WHERE u.id = {}" + lock, unmatched_id)
    return rows[0] if rows else None


async def resolve_unmatched(unmatched_id: uuid.UUID, invoice_id: uuid.UUID,
                            by: uuid.UUID) -> None:
    await fetch("UPDATE unmatched_payment SET status = 'assigned', invoice = {}, resolved_by = {}, "
                "resolved_at = now() WHERE id = {}", invoice_id, by, unmatched_id)


# Payment files --------------------------------------------------------------------------------

FILE_LIMIT = 5000  # transfers per SEPA file: a bigger payroll run makes several files


async def salaries_to_transfer(limit: int | None = None) -> list[dict]:
    """Salaries paid by a salary run, with something to transfer, in no payment file yet;
    locked so two concurrent requests never put one salary in two files. Workers with an IBAN
    first, so those without one (skipped) never crowd them out of a file."""
    limit = limit or FILE_LIMIT
    quickjob = await fetch(
        "SELECT 'quickjob' AS kind, s.id, s.person, s.pay_date, s.net_cents, s.expenses_cents, "
        "q.function, p.iban, p.first_name, p.last_name, p.email, p.phone "
        "FROM salary_payment s JOIN quickjob q ON q.id = s.quickjob "
        "JOIN person p ON p.id = s.person "
        "WHERE s.status = 'paid' AND s.paid_at IS NOT NULL AND s.net_cents + s.expenses_cents > 0 "
        "AND NOT EXISTS (SELECT 1 FROM payment_file_item i WHERE i.salary = s.id) "
        "ORDER BY p.iban IS NULL, s.pay_date, s.id LIMIT {} FOR UPDATE OF s SKIP LOCKED", limit)
    # Monthly salaries of open-ended contracts (no expense refunds: those go by QuickJob).
    monthly = await fetch(
        "SELECT 'monthly' AS kind, m.id, m.person, m.pay_date, m.net_cents, 0::bigint AS expenses_cents, "
        "NULL AS function, p.iban, p.first_name, p.last_name, p.email, p.phone "
        "FROM monthly_salary m JOIN person p ON p.id = m.person "
        "WHERE m.net_cents > 0 "
        "AND NOT EXISTS (SELECT 1 FROM payment_file_item i WHERE i.monthly_salary = m.id) "
        "ORDER BY p.iban IS NULL, m.pay_date, m.id LIMIT {} FOR UPDATE OF m SKIP LOCKED",
        max(0, limit - len(quickjob)))
    return quickjob + monthly


async def insert_payment_file(**values) -> dict:
    values["skipped"] = json.dumps(values["skipped"], default=str)
    sql, args = _insert_sql("payment_file", values, "RETURNING *")
    return _decode((await fetch(sql, *args))[0])


async def insert_payment_item(**values) -> None:
    sql, args = _insert_sql("payment_file_item", values)
    await fetch(sql, *args)


async def get_payment_file(file_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM payment_file WHERE id = {}", file_id)
    return _decode(rows[0]) if rows else None


def _decode(row: dict) -> dict:
    if isinstance(row.get("skipped"), str):
        row["skipped"] = json.loads(row["skipped"])
    return row
