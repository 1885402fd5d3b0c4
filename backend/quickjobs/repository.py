"""Every QuickJob query. Services call these inside their unit of work."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from backend.platform.db import fetch, insert


async def insert_quickjob(**values) -> None:
    values["simulation"] = json.dumps(values["simulation"])
    columns = ", ".join(values)
    placeholders = ", ".join("{}::jsonb" if k == "simulation" else "{}" for k in values)
    await fetch(f"INSERT INTO quickjob ({columns}) VALUES ({placeholders})", *values.values())


async def get_quickjob(quickjob_id: uuid.UUID, *, for_update: bool = False) -> dict | None:
    lock = " FOR UPDATE OF q" if for_update else ""
    rows = await fetch(
        "SELECT q.*, c.name AS client_name, c.email AS client_email, c.vat_number AS client_vat, "
        "c.company_number AS client_company_number, c.country AS client_country, "
        "c.address AS client_address, c.language AS client_language "
        "FROM quickjob q JOIN client c ON c.id = q.client WHERE q.id = {}" + lock,
        quickjob_id,
    )
    return _decode(rows[0]) if rows else None


def _decode(row: dict) -> dict:
    if isinstance(row.get("simulation"), str):
        row["simulation"] = json.loads(row["simulation"])
    return row


async def list_quickjobs(person_id: uuid.UUID | None, after: tuple[dt.datetime, uuid.UUID] | None,
                         limit: int) -> list[dict]:
    conditions, args = [], []
    if person_id is not None:
        conditions.append("q.person = {}")
        args.append(person_id)
    if after is not None:
        conditions.append("(q.created_at, q.id) < ({}, {})")
        args += list(after)
    where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
    rows = await fetch(
        "SELECT q.id, q.status, q.amount_cents, q.performance_dates, q.pay_date, q.created_at, "
        f"c.name AS client_name FROM quickjob q JOIN client c ON c.id = q.client {where} "
        "ORDER BY q.created_at DESC, q.id DESC LIMIT {}",
        *args, limit,
    )
    return rows


async def update_quickjob(quickjob_id: uuid.UUID, **values) -> None:
    sets, args = [], []
    for key, value in values.items():
        if key == "simulation":
            sets.append("simulation = {}::jsonb")
            args.append(json.dumps(value))
        else:
            sets.append(f"{key} = {{}}")
            args.append(value)
    sets.append("updated_at = now()")
    await fetch(f"UPDATE quickjob SET {', '.join(sets)} WHERE id = {{}}", *args, quickjob_id)


async def add_event(quickjob_id: uuid.UUID, kind: str, data: dict | None = None) -> None:
    await fetch("INSERT INTO quickjob_event (quickjob, kind, data) VALUES ({}, {}, {}::jsonb)",
                quickjob_id, kind, json.dumps(data or {}, default=str))


async def events(quickjob_id: uuid.UUID) -> list[dict]:
    rows = await fetch("SELECT at, kind, data FROM quickjob_event WHERE quickjob = {} ORDER BY id",
                       quickjob_id)
    for row in rows:
        if isinstance(row["data"], str):
            row["data"] = json.loads(row["data"])
    return rows


async def next_number(legal_entity: str, series: str, year: int) -> int:
    """Gap-free: the counter row is locked until the transaction ends, so numbers are
    consecutive in commit order and a rolled-back transaction gives its number back."""
    await fetch(
        "INSERT INTO document_counter (legal_entity, series, year) VALUES ({}, {}, {}) "
        "ON CONFLICT DO NOTHING", legal_entity, series, year)
    rows = await fetch(
        "UPDATE document_counter SET last_number = last_number + 1 "
        "WHERE legal_entity = {} AND series = {} AND year = {} RETURNING last_number",
        legal_entity, series, year)
    return rows[0]["last_number"]


# Quotes and orders ---------------------------------------------------------------------------

async def insert_quote(**values) -> None:
    values["clauses"] = json.dumps(values["clauses"])
    columns = ", ".join(values)
    placeholders = ", ".join("{}::jsonb" if k == "clauses" else "{}" for k in values)
    await fetch(f"INSERT INTO quote ({columns}) VALUES ({placeholders})", *values.values())


async def quote_for(quickjob_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM quote WHERE quickjob = {}", quickjob_id)
    return _clauses(rows[0]) if rows else None


async def quote_by_token_hash(token_hash: str, *, for_update: bool = False) -> dict | None:
    lock = " FOR UPDATE" if for_update else ""
    rows = await fetch("SELECT * FROM quote WHERE accept_token_hash = {}" + lock, token_hash)
    return _clauses(rows[0]) if rows else None


def _clauses(row: dict) -> dict:
    if isinstance(row.get("clauses"), str):
        row["clauses"] = json.loads(row["clauses"])
    return row


async def set_quote_pdf(quote_id: uuid.UUID, key: str) -> None:
    await fetch("UPDATE quote SET pdf_key = {} WHERE id = {}", key, quote_id)


async def set_quote_status(quote_id: uuid.UUID, status: str, reason: str | None = None) -> None:
    await fetch("UPDATE quote SET status = {}, decided_at = now(), decline_reason = {} WHERE id = {}",
                status, reason, quote_id)


async def insert_order(**values) -> dict:
    return await insert_row("client_order", **values)


async def order_for(quickjob_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM client_order WHERE quickjob = {}", quickjob_id)
    return rows[0] if rows else None


# Invoices ------------------------------------------------------------------------------------

async def insert_invoice(**values) -> dict:
    return await insert_row("invoice", **values)


async def invoices_for(quickjob_id: uuid.UUID) -> list[dict]:
    return await fetch("SELECT * FROM invoice WHERE quickjob = {} ORDER BY created_at", quickjob_id)


async def live_invoice(quickjob_id: uuid.UUID) -> dict | None:
    rows = await fetch(
        "SELECT * FROM invoice WHERE quickjob = {} AND kind = 'invoice' AND status <> 'credited'",
        quickjob_id)
    return rows[0] if rows else None


async def get_invoice(invoice_id: uuid.UUID, *, for_update: bool = False) -> dict | None:
    lock = " FOR UPDATE" if for_update else ""
    rows = await fetch("SELECT * FROM invoice WHERE id = {}" + lock, invoice_id)
    return rows[0] if rows else None


async def update_invoice(invoice_id: uuid.UUID, **values) -> None:
    await _update("invoice", invoice_id, values)


async def _update(table: str, row_id: uuid.UUID, values: dict) -> None:
    """``values`` keys are column names chosen by this module, never user input."""
    sets = ", ".join(f"{k} = {{}}" for k in values)
    await fetch(f"UPDATE {table} SET {sets} WHERE id = {{}}", *values.values(), row_id)


# Cash, expenses, contracts, Dimona, salaries --------------------------------------------------

async def insert_row(table: str, **values) -> dict:
    return await insert(table, values)


async def cash_collection_for(quickjob_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM cash_collection WHERE quickjob = {}", quickjob_id)
    return rows[0] if rows else None


async def expenses_for(quickjob_id: uuid.UUID) -> list[dict]:
    return await fetch("SELECT * FROM expense WHERE quickjob = {} ORDER BY created_at, id",
                       quickjob_id)


async def contract_for(quickjob_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM contract WHERE quickjob = {}", quickjob_id)
    return rows[0] if rows else None


async def get_contract(contract_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM contract WHERE id = {}", contract_id)
    return rows[0] if rows else None


async def update_contract(contract_id: uuid.UUID, **values) -> None:
    await _update("contract", contract_id, values)


async def dimonas_for(contract_id: uuid.UUID) -> list[dict]:
    return await fetch("SELECT * FROM dimona WHERE contract = {} ORDER BY work_date", contract_id)


async def dimonas_to_follow(limit: int) -> list[dict]:
    """Dimonas still waiting for an answer (or for the worker's national number)."""
    return await fetch(
        "SELECT d.* FROM dimona d JOIN contract c ON c.id = d.contract "
        "WHERE d.status IN ('pending', 'waiting') AND c.status = 'declared' "
        "ORDER BY d.updated_at LIMIT {}", limit)


async def get_dimona(dimona_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM dimona WHERE id = {}", dimona_id)
    return rows[0] if rows else None


async def update_dimona(dimona_id: uuid.UUID, **values) -> None:
    await _update("dimona", dimona_id, {**values, "updated_at": dt.datetime.now(dt.UTC)})


async def salary_for(quickjob_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM salary_payment WHERE quickjob = {}", quickjob_id)
    return rows[0] if rows else None


async def get_salary(salary_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM salary_payment WHERE id = {}", salary_id)
    return rows[0] if rows else None


async def due_salaries(on: dt.date, after_id: uuid.UUID | None, limit: int) -> list[dict]:
    """Scheduled salaries due by ``on``, in id order after ``after_id``, locked so two runs
    never pay one twice (a concurrent run skips what this one holds)."""
    return await fetch(
        "SELECT * FROM salary_payment WHERE status = 'scheduled' AND pay_date <= {} "
        "AND id > {} ORDER BY id LIMIT {} FOR UPDATE SKIP LOCKED",
        on, after_id or uuid.UUID(int=0), limit)


async def update_salary(salary_id: uuid.UUID, **values) -> None:
    await _update("salary_payment", salary_id, values)


async def overdue_invoices(on: dt.date) -> list[dict]:
    return await fetch("SELECT * FROM invoice WHERE kind = 'invoice' AND status = 'issued' "
                       "AND due_date < {} ORDER BY due_date FOR UPDATE SKIP LOCKED", on)
