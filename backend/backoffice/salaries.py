"""Money out: every QuickJob salary due is paid, by the guarantee fund when the client has not
paid yet (001:111); its payslip follows from the worker.

A salary whose figures were computed while no rule set was in force for the last day worked
(``rule_set_fallback``) is never paid on them: while that is still so, the run holds it
(``backend.backoffice.holds``, visible to advisers, the worker told once); once the rule set is
approved, the run computes the QuickJob again with it (same invoice amount and inputs), books
the difference by reversing the labour-cost entry and posting the right one, and pays that.
"""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec

from backend.backoffice import holds
from backend.backoffice.rows import HoldRow
from backend.engine import RuleBook, Simulation, simulate
from backend.jobs import outbox
from backend.people import service as people
from backend.platform.db import unit_of_work
from backend.quickjobs import lifecycle, postings, requirements
from backend.quickjobs import repository as quickjobs
from backend.quickjobs.lifecycle import Audit, ContractStatus, InvoiceStatus, QuickJobStatus
from backend.quickjobs.ports import Ports
from backend.quickjobs.reading import simulation_of, worker_of
from backend.quickjobs.rows import ContractRow, QuickJobRow, SalaryRow
from backend.simulations.schemas import ExpenseIn, SimulationRequest
from backend.simulations.service import to_engine_input, to_snapshot
from backend.units import ledger

COUNTRY, LEGAL_ENTITY = "BE", "smart"


async def pay_due_salaries(on: dt.date, ports: Ports, actor: uuid.UUID | None = None,
                           batch_size: int = 200, *, book: RuleBook | None = None,
                           held: list[HoldRow] | None = None) -> list[uuid.UUID]:
    """Pay every scheduled salary due by ``on``. Idempotent: a paid salary is never paid again,
    and concurrent runs skip rows another run holds. Commits batch by batch, so a crash loses
    at most the batch in progress (and that batch is simply paid by the next run). Salaries
    held for want of a rule set are appended to ``held``."""
    if book is None:
        from backend.rulesets import book as rule_books

        book = await rule_books.current()
    held = held if held is not None else []
    paid: list[uuid.UUID] = []
    after: uuid.UUID | None = None
    while True:
        async with unit_of_work():
            batch = await quickjobs.due_salaries(on, after, batch_size)
            for salary in batch:
                if await _pay_salary(salary, on, actor, book, held):
                    paid.append(salary.id)
        if len(batch) < batch_size:
            return paid
        after = batch[-1].id


async def _pay_salary(salary: SalaryRow, on: dt.date, actor: uuid.UUID | None, book: RuleBook,
                      held: list[HoldRow]) -> bool:
    job = await quickjobs.get_quickjob(salary.quickjob, for_update=True)
    contract = await quickjobs.contract_for(job.id)
    if contract.status != ContractStatus.DECLARED:
        return False  # a refused Dimona or a cancelled contract blocks the pay
    person = await worker_of(job.person)
    if missing := await requirements.missing(person, "salary"):
        # No IBAN (or no declared identity): held, the worker told; the next run pays it.
        await requirements.hold_salary(job, salary, person, missing, actor)
        return False
    sim = simulation_of(job)
    if sim.rule_set_fallback:
        last = max(job.performance_dates)
        if not book.in_force(COUNTRY, LEGAL_ENTITY, last):
            held.append(await _hold(job, salary, sim, last, book, actor))
            return False
        salary = await _recompute(job, contract, salary, sim, on, book, actor)
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
    if sim.rule_set_fallback:  # only a salary computed on a fallback set was ever held
        await holds.release_salary(salary.id, actor)
    await lifecycle.move_contract(contract, ContractStatus.COMPLETED)
    events.append(("salary_paid", {"netCents": salary.net_cents}))
    await lifecycle.transition(
        job, QuickJobStatus.SALARY_PAID, events=events, actor=actor,
        person=person, notify_event="salary_paid",
        audit=Audit("salary.paid", object_type="salary_payment", object_id=salary.id,
                    before={"status": salary.status},
                    after={"status": "paid", "guaranteeAdvance": not client_paid}))
    return True


async def _hold(job: QuickJobRow, salary: SalaryRow, sim: Simulation, last: dt.date,
                book: RuleBook, actor: uuid.UUID | None) -> HoldRow:
    latest = book.latest(COUNTRY, LEGAL_ENTITY)
    hold = await holds.hold_salary(salary.id, job.id, job.person,
                                   holds.fallback_params(last, latest.id, latest.valid_to), actor)
    if hold.held_at == hold.last_held_at:  # held for the first time: the worker is told why
        await lifecycle.note(job, events=[("salary_awaits_rules", {"reason": "rule_set_fallback",
                                                           "date": last.isoformat()})],
                             actor=actor, person=await worker_of(job.person),
                             notify_event="salary_awaits_rules")
    return hold


def recomputed(job: QuickJobRow, expenses: list[ExpenseIn], book: RuleBook) -> Simulation:
    """The QuickJob's figures again, from the inputs it was agreed on (amount, VAT, contract,
    withholding rate, expenses, client country, hours per day), with the rule sets of ``book``.
    Built here rather than through the creation module, which the worker does not import (it
    carries the web stack)."""
    return simulate(to_engine_input(SimulationRequest(
        performance_dates=list(job.performance_dates), amount_cents=job.amount_cents,
        vat_rate=job.vat_rate, vat_included=job.vat_included, vat_exemption=job.vat_exemption,
        contract_type=job.contract_type, withholding_rate=job.withholding_rate,
        expenses=expenses, client_country=job.client_country or COUNTRY,
        hours_per_day=job.simulation.get("hours_per_day")), LEGAL_ENTITY), rules=book)


async def _recompute(job: QuickJobRow, contract: ContractRow, salary: SalaryRow, old: Simulation,
                     on: dt.date, book: RuleBook, actor: uuid.UUID | None) -> SalaryRow:
    """The rule set for the last day worked exists now: compute the QuickJob with it, store it,
    book the difference (the labour-cost entry is reversed and posted again) and return the
    salary as it is now to be paid."""
    expenses = [ExpenseIn(e.amount_cents, e.category) for e in await quickjobs.expenses_for(job.id)]
    sim = recomputed(job, expenses, book)
    reference = f"contract:{contract.id}"
    entry = await ledger.entry_by_reference(job.unit, reference)
    if entry is not None:
        await ledger.reverse_entry(entry, actor, f"Recomputed with {sim.rule_set}",
                                   effective_date=on)
    await ledger.post_entry(
        job.unit, "labour_cost", f"Labour cost {job.function} ({sim.rule_set})",
        postings.labour_cost(sim.employer_cost_cents, sim.gross_cents, sim.social_security_cents,
                             sim.withholding_tax_cents, sim.net_cents)
        + postings.expenses(sim.expenses_cents),
        effective_date=max(job.performance_dates), reference=reference, actor_id=actor)
    figures = {"gross_cents": sim.gross_cents, "social_security_cents": sim.social_security_cents,
               "withholding_cents": sim.withholding_tax_cents, "net_cents": sim.net_cents,
               "expenses_cents": sim.expenses_cents}
    await quickjobs.update_salary(salary.id, **figures)
    await quickjobs.update_quickjob(job.id, simulation=to_snapshot(sim), rule_set=sim.rule_set)
    if contract.gross_cents != sim.gross_cents:
        await quickjobs.update_contract(contract.id, gross_cents=sim.gross_cents)
    await lifecycle.note(
        job, events=[("salary_recomputed", {"ruleSet": sim.rule_set, "netCents": sim.net_cents})],
        actor=actor,
        audit=Audit("salary.recomputed", object_type="salary_payment", object_id=salary.id,
                    before={"ruleSet": old.rule_set, "ruleSetFallback": True,
                            "netCents": salary.net_cents, "grossCents": salary.gross_cents},
                    after={"ruleSet": sim.rule_set, "ruleSetFallback": sim.rule_set_fallback,
                           "netCents": sim.net_cents, "grossCents": sim.gross_cents}))
    return msgspec.structs.replace(salary, **figures)
