"""Ledger corrections by advisers: only ever reversal entries; above a configurable amount a
second adviser must approve, and nobody approves their own request (four-eyes rule)."""

from __future__ import annotations

import uuid

from backend.audit.service import record
from backend.backoffice import repository as repo
from backend.backoffice.rows import CorrectionRow
from backend.http.context import Principal
from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict, Forbidden, NotFound, invalid
from backend.units import ledger


async def request(actor: Principal, unit_id: uuid.UUID, entry_id: uuid.UUID, reason: str,
                  second_approval_above_cents: int) -> CorrectionRow:
    actor.require("adviser", "admin")
    if not reason or not reason.strip():
        raise invalid("reason", "reason_required")
    async with unit_of_work():
        if not await repo.entry_of_unit(entry_id, unit_id):
            raise NotFound()
        amount = await repo.entry_debits(entry_id)
        if await repo.correction_pending_for(entry_id):
            raise Conflict("correction_pending")
        correction_id = uuid.uuid4()
        await repo.insert_correction(id=correction_id, unit=unit_id, entry=entry_id,
                                     amount_cents=amount, reason=reason.strip(),
                                     requested_by=actor.id)
        await record(actor_id=actor.id, action="correction.requested",
                     object_type="correction_request", object_id=correction_id,
                     after={"entry": str(entry_id), "amountCents": amount})
        if amount <= second_approval_above_cents:
            return await _apply(correction_id, actor, approved_by=None)
        return await repo.get_correction(correction_id)


async def approve(actor: Principal, correction_id: uuid.UUID) -> CorrectionRow:
    actor.require("adviser", "admin")
    async with unit_of_work():
        correction = await repo.get_correction(correction_id, for_update=True)
        if correction is None:
            raise NotFound()
        if correction.status != "pending":
            raise Conflict("review_decided")
        if correction.requested_by == actor.id:
            raise Forbidden("own_correction")
        return await _apply(correction_id, actor, approved_by=actor.id)


async def _apply(correction_id: uuid.UUID, actor: Principal,
                 approved_by: uuid.UUID | None) -> CorrectionRow:
    correction = await repo.get_correction(correction_id)
    reversal = await ledger.reverse_entry(correction.entry, actor.id,
                                          f"Correction: {correction.reason}")
    await repo.apply_correction(correction_id, approved_by, reversal)
    await record(actor_id=actor.id, action="correction.applied", object_type="correction_request",
                 object_id=correction_id, before={"status": "pending"},
                 after={"status": "applied", "reversal": str(reversal),
                        "approvedBy": str(approved_by) if approved_by else None})
    return await repo.get_correction(correction_id)
