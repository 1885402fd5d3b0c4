"""Ledger corrections by advisers: only ever reversal entries; above a configurable amount a
second adviser must approve, and nobody approves their own request (four-eyes rule)."""

from __future__ import annotations

import uuid

from backend.audit.service import record
from backend.http.context import Principal
from backend.platform.db import fetch, unit_of_work
from backend.platform.errors import Conflict, Forbidden, NotFound, invalid
from backend.units import ledger


async def _entry_amount(entry_id: uuid.UUID) -> int:
    rows = await fetch("SELECT coalesce(sum(amount_cents), 0) AS debit FROM journal_line "
                       "WHERE entry = {} AND amount_cents > 0", entry_id)
    return rows[0]["debit"]


async def request(actor: Principal, unit_id: uuid.UUID, entry_id: uuid.UUID, reason: str,
                  second_approval_above_cents: int) -> dict:
    actor.require("adviser", "admin")
    if not reason or not reason.strip():
        raise invalid("reason", "reason_required")
    async with unit_of_work():
        entry = await fetch("SELECT * FROM journal_entry WHERE id = {} AND unit = {}",
                            entry_id, unit_id)
        if not entry:
            raise NotFound()
        amount = await _entry_amount(entry_id)
        open_request = await fetch("SELECT 1 FROM correction_request WHERE entry = {} "
                                   "AND status = 'pending'", entry_id)
        if open_request:
            raise Conflict("correction_pending")
        correction_id = uuid.uuid4()
        await fetch("INSERT INTO correction_request (id, unit, entry, amount_cents, reason, "
                    "requested_by) VALUES ({}, {}, {}, {}, {}, {})",
                    correction_id, unit_id, entry_id, amount, reason.strip(), actor.id)
        await record(actor_id=actor.id, action="correction.requested",
                     object_type="correction_request", object_id=correction_id,
                     after={"entry": str(entry_id), "amountCents": amount})
        if amount <= second_approval_above_cents:
            return await _apply(correction_id, actor, approved_by=None)
        return await get(correction_id)


async def approve(actor: Principal, correction_id: uuid.UUID) -> dict:
    actor.require("adviser", "admin")
    async with unit_of_work():
        rows = await fetch("SELECT * FROM correction_request WHERE id = {} FOR UPDATE",
                           correction_id)
        if not rows:
            raise NotFound()
        if rows[0]["status"] != "pending":
            raise Conflict("review_decided")
        if rows[0]["requested_by"] == actor.id:
            raise Forbidden("own_correction")
        return await _apply(correction_id, actor, approved_by=actor.id)


async def _apply(correction_id: uuid.UUID, actor: Principal, approved_by: uuid.UUID | None) -> dict:
    row = (await fetch("SELECT * FROM correction_request WHERE id = {}", correction_id))[0]
    reversal = await ledger.reverse_entry(row["entry"], actor.id, f"Correction: {row['reason']}")
    await fetch("UPDATE correction_request SET status = 'applied', approved_by = {}, "
                "reversal = {}, decided_at = now() WHERE id = {}",
                approved_by, reversal, correction_id)
    await record(actor_id=actor.id, action="correction.applied", object_type="correction_request",
                 object_id=correction_id, before={"status": "pending"},
                 after={"status": "applied", "reversal": str(reversal),
                        "approvedBy": str(approved_by) if approved_by else None})
    return await get(correction_id)


async def get(correction_id: uuid.UUID) -> dict:
    return (await fetch("SELECT * FROM correction_request WHERE id = {}", correction_id))[0]
