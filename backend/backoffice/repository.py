"""Back-office queries: the review queue, invoice reminders, the audit log and search."""

from __future__ import annotations

import json
import uuid

from backend.platform.db import fetch, insert

# Review queue --------------------------------------------------------------------------------


async def insert_review_item(*, kind: str, reasons: list[str], context: dict,
                             person: uuid.UUID | None, quickjob: uuid.UUID | None = None,
                             review_id: uuid.UUID | None = None) -> uuid.UUID:
    """An item for an adviser: ``reasons`` are codes; the context may carry them with their
    params (``{"reasons": [{"code", "params"}]}``) so each reader gets them in their language."""
    review_id = review_id or uuid.uuid4()
    await insert("review_item", {"id": review_id, "quickjob": quickjob, "person": person,
                                 "kind": kind, "reasons": reasons, "context": json.dumps(context)})
    return review_id


async def open_review_for(quickjob_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM review_item WHERE quickjob = {} AND status = 'open'",
                       quickjob_id)
    return rows[0] if rows else None


async def get_review(review_id: uuid.UUID, *, for_update: bool = False) -> dict | None:
    lock = " FOR UPDATE" if for_update else ""
    rows = await fetch("SELECT * FROM review_item WHERE id = {}" + lock, review_id)
    return rows[0] if rows else None


async def list_reviews(status: str, limit: int) -> list[dict]:
    return await fetch(
        "SELECT r.*, q.function, q.amount_cents FROM review_item r "
        "LEFT JOIN quickjob q ON q.id = r.quickjob WHERE r.status = {} "
        "ORDER BY r.created_at LIMIT {}", status, limit)


async def decide_review(review_id: uuid.UUID, status: str, by: uuid.UUID, reason: str | None) -> None:
    await fetch("UPDATE review_item SET status = {}, decided_by = {}, decided_at = now(), "
                "decision_reason = {} WHERE id = {}", status, by, reason, review_id)


async def mark_reminder(invoice_id: uuid.UUID, stage: int) -> bool:
    """True the first time this stage of reminders is reached for the invoice."""
    rows = await fetch("INSERT INTO invoice_reminder (invoice, stage) VALUES ({}, {}) "
                       "ON CONFLICT DO NOTHING RETURNING stage", invoice_id, stage)
    return bool(rows)


# Audit log and search ------------------------------------------------------------------------


async def audit_entries(object_type: str | None, object_id: str | None, actor_id, before_id: int | None,
                        limit: int) -> list[dict]:
    conditions, args = [], []
    for column, value in (("object_type", object_type), ("object_id", object_id),
                          ("actor_id", actor_id)):
        if value is not None:
            conditions.append(f"{column} = {{}}")
            args.append(value)
    if before_id is not None:
        conditions.append("id < {}")
        args.append(before_id)
    where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
    return await fetch(f"SELECT * FROM audit_log {where} ORDER BY id DESC LIMIT {{}}", *args, limit)


async def search(term: str, limit: int) -> dict[str, list[dict]]:
    like = f"%{term.lower()}%"
    people = await fetch(
        "SELECT id, role, first_name, last_name, phone, email FROM person "
        "WHERE lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) LIKE {} "
        "OR phone LIKE {} OR lower(email) LIKE {} ORDER BY created_at DESC LIMIT {}",
        like, like, like, limit)
    units = await fetch("SELECT id, name, mode FROM unit WHERE lower(name) LIKE {} "
                        "ORDER BY created_at DESC LIMIT {}", like, limit)
    quickjobs = await fetch(
        "SELECT q.id, q.status, q.function, c.name AS client_name, q.amount_cents "
        "FROM quickjob q JOIN client c ON c.id = q.client "
        "WHERE lower(q.function) LIKE {} OR lower(c.name) LIKE {} "
        "ORDER BY q.created_at DESC LIMIT {}", like, like, limit)
    digits = "".join(ch for ch in term if ch.isdigit())
    invoices = await fetch(
        "SELECT id, quickjob, number, kind, status, total_cents, structured_communication "
        "FROM invoice WHERE lower(number) LIKE {} OR ({} <> '' AND "
        "regexp_replace(structured_communication, '[^0-9]', '', 'g') LIKE {}) "
        "ORDER BY created_at DESC LIMIT {}", like, digits, f"%{digits}%", limit)
    return {"people": people, "units": units, "quickjobs": quickjobs, "invoices": invoices}


async def quarterly_summary(start, end) -> list[dict]:
    """Per worker, salaries paid for work in [start, end]: the DmfA and withholding base.
    QuickJob salaries count by their last day worked, monthly salaries by their month."""
    return await fetch(
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
