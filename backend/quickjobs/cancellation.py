"""Undoing a QuickJob before the work: the worker cancels; the contract and its Dimonas go with
it (also when the client declines or an adviser rejects)."""

from __future__ import annotations

import uuid

from backend.http.context import Principal
from backend.jobs import outbox
from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict
from backend.quickjobs import lifecycle
from backend.quickjobs import repository as repo
from backend.quickjobs.lifecycle import Audit, ContractStatus, QuickJobStatus
from backend.quickjobs.policy import today
from backend.quickjobs.reading import owned_for_update
from backend.quickjobs.rows import QuickJobRow
from backend.units import ledger

S = QuickJobStatus


async def cancel(principal: Principal, quickjob_id: uuid.UUID) -> None:
    async with unit_of_work():
        job = await owned_for_update(principal, quickjob_id)
        lifecycle.require(job, S.QUOTE_SENT, S.IN_REVIEW, S.ACCEPTED)
        if min(job.performance_dates) <= today():
            raise Conflict("already_started")
        await cancel_contract(job, actor=principal.id)
        await lifecycle.transition(
            job, S.CANCELLED, events=[("cancelled", None)], actor=principal.id,
            audit=Audit("quickjob.cancelled", before={"status": job.status},
                        after={"status": S.CANCELLED.value}))


async def cancel_contract(job: QuickJobRow, actor: uuid.UUID | None) -> None:
    """Withdraw the contract and its Dimonas; a declared one also gives back its salary and
    reverses its labour-cost entry."""
    contract = await repo.contract_for(job.id)
    if contract is None or contract.status == ContractStatus.CANCELLED:
        return
    was_declared = contract.status == ContractStatus.DECLARED
    await lifecycle.move_contract(contract, ContractStatus.CANCELLED)
    for dimona in await repo.dimonas_for(contract.id):
        await outbox.add("dimona.cancel", {"dimonaId": str(dimona.id)},
                         dedupe_key=f"dimona-cancel:{dimona.id}")
    if was_declared:
        salary = await repo.salary_for(job.id)
        if salary and salary.status in ("scheduled", "held"):
            await repo.update_salary(salary.id, status="paid", net_cents=0)  # nothing to pay
        entry = await ledger.entry_by_reference(job.unit, f"contract:{contract.id}")
        if entry:
            await ledger.reverse_entry(entry, actor, "Contract cancelled before the start")
