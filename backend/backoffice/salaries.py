"""Money out: every QuickJob salary due is paid, by the guarantee fund when the client has not
paid yet (001:111); its payslip follows from the worker."""

from __future__ import annotations

import datetime as dt
import uuid

from backend.jobs import outbox
from backend.people import service as people
from backend.platform.db import unit_of_work
from backend.quickjobs import lifecycle, postings, requirements
from backend.quickjobs import repository as quickjobs
from backend.quickjobs.lifecycle import Audit, ContractStatus, InvoiceStatus, QuickJobStatus
from backend.quickjobs.ports import Ports
from backend.quickjobs.reading import worker_of
from backend.quickjobs.rows import SalaryRow
from backend.units import ledger


async def pay_due_salaries(on: dt.date, ports: Ports, actor: uuid.UUID | None = None,
                           batch_size: int = 200) -> list[uuid.UUID]:
    """Pay every scheduled salary due by ``on``. Idempotent: a paid salary is never paid again,
    and concurrent runs skip rows another run holds. Commits batch by batch, so a crash loses
    at most the batch in progress (and that batch is simply paid by the next run)."""
    paid: list[uuid.UUID] = []
    after: uuid.UUID | None = None
    while True:
        async with unit_of_work():
            batch = await quickjobs.due_salaries(on, after, batch_size)
            for salary in batch:
                if await _pay_salary(salary, on, actor):
                    paid.append(salary.id)
        if len(batch) < batch_size:
            return paid
        after = batch[-1].id


async def _pay_salary(salary: SalaryRow, on: dt.date, actor: uuid.UUID | None) -> bool:
    job = await quickjobs.get_quickjob(salary.quickjob, for_update=True)
    contract = await quickjobs.contract_for(job.id)
    if contract.status != ContractStatus.DECLARED:
        return False  # a refused Dimona or a cancelled contract blocks the pay
    person = await worker_of(job.person)
    if missing := await requirements.missing(person, "salary"):
        # No IBAN (or no declared identity): held, the worker told; the next run pays it.
        await requirements.hold_salary(job, salary, person, missing, actor)
        return False
    invoice = await quickjobs.live_invoice(job.id)
    cash = await quickjobs.cash_collection_for(job.id)
    client_paid = cash is not None or (invoice is not None
                                       and invoice.status == InvoiceStatus.PAID)
    payout = salary.net_cents + salary.expenses_cents
    events: list[lifecycle.Event] = []
    if not client_paid:
        # The guarantee fund pays the worker anyway (001:111); settled when the client pays.
        await ledger.post_entry(job.unit, "guarantee_advance",
                                f"Guarantee fund advance {job.function}",
                                postings.guarantee_advance(payout), effective_date=on,
                                reference=f"advance:{salary.id}", actor_id=actor)
        events.append(("guarantee_advance", {"amountCents": payout}))
    await ledger.post_entry(job.unit, "salary_paid", f"Salary {job.function}",
                            postings.salary_paid(salary.net_cents, salary.expenses_cents,
                                                 from_cash=cash is not None),
                            effective_date=on, reference=f"salary:{salary.id}", actor_id=actor)
    # The member's share, with their consent, from their first salary's transfer (the unit's
    # books are unchanged: the worker pays it out of their net pay).
    if withheld := await people.withhold_share(job.person, salary.id, payout, actor):
        events.append(("share_withheld", {"amountCents": withheld}))
    # The payslip PDF is made by the worker: a salary run moves money, documents follow.
    await outbox.add("payslip.render", {"salaryId": str(salary.id)},
                     dedupe_key=f"payslip:{salary.id}")
    await quickjobs.update_salary(salary.id, status="paid", paid_at=dt.datetime.now(dt.UTC),
                                  guarantee_advance=not client_paid)
    await lifecycle.move_contract(contract, ContractStatus.COMPLETED)
    events.append(("salary_paid", {"netCents": salary.net_cents}))
    await lifecycle.transition(
        job, QuickJobStatus.SALARY_PAID, events=events, actor=actor,
        person=person, notify_event="salary_paid",
        audit=Audit("salary.paid", object_type="salary_payment", object_id=salary.id,
                    before={"status": salary.status},
                    after={"status": "paid", "guaranteeAdvance": not client_paid}))
    return True
