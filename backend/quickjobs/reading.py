"""Reading a QuickJob as its worker (or staff) may, and its PDFs made on first need."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from backend.engine import Simulation
from backend.platform.db import unit_of_work
from backend.platform.errors import NotFound
from backend.quickjobs import documents
from backend.quickjobs import repository as repo
from backend.quickjobs.lifecycle import ContractStatus
from backend.quickjobs.ports import Ports, hash_token
from backend.quickjobs.rows import InvoiceRow, QuickJobRow, WorkerRow
from backend.simulations.service import from_snapshot

if TYPE_CHECKING:  # annotations only: the worker runs this module without the web stack
    from backend.http.context import Principal


async def worker_of(person_id: uuid.UUID) -> WorkerRow:
    """The QuickJob's worker (a QuickJob's person always exists: a foreign key)."""
    found = await repo.worker(person_id)
    if found is None:
        raise NotFound()
    return found


def simulation_of(job: QuickJobRow) -> Simulation:
    """The engine's figures stored with the QuickJob (the ones its quote and contract show)."""
    return from_snapshot(job.simulation)


async def get_for(principal: Principal, quickjob_id: uuid.UUID) -> QuickJobRow:
    job = await repo.get_quickjob(quickjob_id)
    if job is None or (job.person != principal.id and not principal.is_staff):
        raise NotFound()  # another worker's QuickJob does not exist for you
    return job


async def owned_for_update(principal: Principal, quickjob_id: uuid.UUID) -> QuickJobRow:
    """The QuickJob, row locked, if it is the caller's (or the caller is staff)."""
    job = await repo.get_quickjob(quickjob_id, for_update=True)
    if job is None or (job.person != principal.id and not principal.is_staff):
        raise NotFound()
    return job


async def render_document(quickjob_id: uuid.UUID, document: str, ports: Ports) -> str | None:
    """Make the quote or contract PDF if it is not there yet; returns its storage key.

    Idempotent and safe to race: the row is locked, and a second caller finds the key set.
    The contract PDF exists only once the contract is declared (its gross is final then).
    """
    async with unit_of_work():
        job = await repo.get_quickjob(quickjob_id, for_update=True)
        if job is None:
            return None
        person = await worker_of(job.person)
        sim = simulation_of(job)
        if document == "quote":
            quote = await repo.quote_for(quickjob_id)
            if quote.pdf_key:
                return quote.pdf_key
            pdf = documents.quote_pdf(job, person, sim, quote.number, quote.issue_date,
                                      quote.valid_until, quote.clauses,
                                      ports.accept_url(quote.id))
            key = ports.storage.save(f"quotes/{quickjob_id}.pdf", pdf, "application/pdf")
            await repo.set_quote_pdf(quote.id, key)
            return key
        contract = await repo.contract_for(quickjob_id)
        if contract is None or contract.pdf_key:
            return contract.pdf_key if contract else None
        if contract.status not in (ContractStatus.DECLARED, ContractStatus.COMPLETED):
            return None
        pdf = documents.contract_pdf(job, person, sim)
        key = ports.storage.save(f"contracts/{quickjob_id}.pdf", pdf, "application/pdf")
        await repo.update_contract(contract.id, pdf_key=key)
        return key


async def page_url_of(invoice: InvoiceRow, ports: Ports) -> str:
    """The invoice's page for the client (e-mails: the invoice, its credit note, reminders); an
    invoice issued before the pages existed gets its link now. In the caller's unit of work."""
    if invoice.public_token_hash is None:
        await repo.update_invoice(invoice.id,
                                  public_token_hash=hash_token(ports.invoice_token(invoice.id)))
    return ports.invoice_url(invoice.id)
