"""Invoicing by the worker once the order is there: the invoice (gap-free number, structured
communication, PDF and Peppol UBL), its cancellation by a credit note, or the declaration of a
cash collection instead. Each is booked on the unit at once."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from backend.documents.legal_entity import (
    LegalEntity,
    PaymentAccountError,
    require_payment_account,
)
from backend.engine import Simulation
from backend.engine.ogm import make_ogm
from backend.http.context import Principal
from backend.jobs import outbox
from backend.notifications.service import notify
from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict, invalid
from backend.platform.formatting import Money, format_date, format_money
from backend.quickjobs import documents, lifecycle, postings
from backend.quickjobs import repository as repo
from backend.quickjobs.creation import LEGAL_ENTITY
from backend.quickjobs.lifecycle import Audit, InvoiceStatus, QuickJobStatus
from backend.quickjobs.policy import policy_on, today
from backend.quickjobs.ports import Ports, hash_token
from backend.quickjobs.reading import owned_for_update, page_url_of, simulation_of, worker_of
from backend.quickjobs.rows import CashCollectionRow, InvoiceRow, QuickJobRow
from backend.units import ledger
from backend.units import service as units

S = QuickJobStatus


@dataclass(frozen=True)
class EntityName:
    """The cooperative's name, written in the reader's language when the message is."""

    entity: LegalEntity

    def localize(self, language: str) -> str:
        return self.entity.name(language)

    def __str__(self) -> str:
        return self.entity.name("nl")


async def _to_be_paid(principal: Principal, quickjob_id: uuid.UUID
                      ) -> tuple[QuickJobRow, Simulation]:
    """The worker's accepted QuickJob, locked, that no invoice asks payment for yet."""
    job = await owned_for_update(principal, quickjob_id)
    if await repo.live_invoice(job.id) is not None:
        raise Conflict("already_invoiced")
    lifecycle.require(job, S.ACCEPTED)
    return job, simulation_of(job)


async def issue_invoice(principal: Principal, quickjob_id: uuid.UUID, ports: Ports) -> InvoiceRow:
    on = today()
    async with unit_of_work():
        job, sim = await _to_be_paid(principal, quickjob_id)
        entity = await units.legal_entity(LEGAL_ENTITY)
        # Before the number is taken: an invoice the client cannot pay is never issued.
        issuer = documents.issuing_entity(entity)
        try:
            require_payment_account(issuer, production=ports.production)
        except PaymentAccountError as exc:
            raise Conflict(exc.code, **{**exc.params, "entity": EntityName(issuer)}) from None
        sequence = await repo.next_number(LEGAL_ENTITY, "invoice", on.year)
        number = f"{on.year}/{sequence:06d}"
        # OGM: year and sequence make a unique 10-digit reference for bank matching.
        communication = make_ogm(on.year % 100 * 10**8 + sequence)
        due = on + dt.timedelta(days=policy_on(on).payment_term_days)
        invoice_id = uuid.uuid4()
        page_url = ports.invoice_url(invoice_id)  # the client's page: pay by QR code
        person = await worker_of(job.person)
        quote = await repo.quote_for(job.id)  # the offer the client accepted: the order
        pdf, ubl = documents.invoice_files(job, person, entity, sim, number, on, due, communication,
                                           kind="invoice", credited=None,
                                           order_reference=quote.number if quote else None,
                                           page_url=page_url)
        pdf_key = ports.storage.save(f"invoices/{invoice_id}.pdf", pdf, "application/pdf")
        ubl_key = None
        if ubl is not None:
            ubl_key = ports.storage.save(f"invoices/{invoice_id}.xml", ubl, "application/xml")
        invoice = await repo.insert_invoice(
            id=invoice_id, quickjob=job.id, legal_entity=LEGAL_ENTITY, kind="invoice",
            year=on.year, sequence=sequence, number=number, issue_date=on, due_date=due,
            structured_communication=communication, base_cents=sim.turnover_cents,
            vat_cents=sim.vat_cents, total_cents=sim.total_incl_vat_cents, vat_rate=job.vat_rate,
            pdf_key=pdf_key, ubl_key=ubl_key,
            public_token_hash=hash_token(ports.invoice_token(invoice_id)),
        )
        await ledger.post_entry(
            job.unit, "invoice", f"Invoice {number}",
            postings.invoice_issued(sim.turnover_cents, sim.vat_cents)
            + postings.contribution(sim.contribution_cents),
            effective_date=on, reference=f"invoice:{invoice_id}", actor_id=principal.id,
        )
        if ubl_key:
            await outbox.add("peppol.send", {"invoiceId": str(invoice_id)},
                             dedupe_key=f"peppol:{invoice_id}")
        if job.client_email:
            await notify(key=f"invoice:{invoice_id}", channel="email", to=job.client_email,
                         template="invoice_to_client", language=job.client_language,
                         params={"number": number,
                                 "amount": format_money(sim.total_incl_vat_cents,
                                                        job.client_language),
                                 "communication": communication,
                                 "due": format_date(due, job.client_language),
                                 "url": page_url, **documents.payment_params(entity)})
        await lifecycle.transition(
            job, S.INVOICED, events=[("invoice_issued", {"number": number})],
            actor=principal.id, person=person, notify_event="invoice_issued",
            audit=Audit("invoice.issued", object_type="invoice", object_id=invoice_id,
                        after={"number": number, "totalCents": sim.total_incl_vat_cents}))
        return invoice


async def cancel_invoice(principal: Principal, quickjob_id: uuid.UUID, ports: Ports) -> InvoiceRow:
    """An issued invoice is never deleted: a credit note cancels it and its entries are reversed."""
    on = today()
    async with unit_of_work():
        job = await owned_for_update(principal, quickjob_id)
        invoice = await repo.live_invoice(job.id)
        if invoice is None:
            raise Conflict("no_invoice")
        if invoice.paid_cents > 0:
            raise Conflict("invoice_paid")
        sequence = await repo.next_number(LEGAL_ENTITY, "credit_note", on.year)
        number = f"CN{on.year}/{sequence:06d}"
        credit_id = uuid.uuid4()
        sim = simulation_of(job)
        person = await worker_of(job.person)
        entity = await units.legal_entity(LEGAL_ENTITY)
        pdf, ubl = documents.invoice_files(job, person, entity, sim, number, on, on,
                                           invoice.structured_communication,
                                           kind="credit_note", credited=invoice)
        pdf_key = ports.storage.save(f"invoices/{credit_id}.pdf", pdf, "application/pdf")
        ubl_key = ports.storage.save(f"invoices/{credit_id}.xml", ubl, "application/xml") if ubl else None
        credit = await repo.insert_invoice(
            id=credit_id, quickjob=job.id, legal_entity=LEGAL_ENTITY, kind="credit_note",
            year=on.year, sequence=sequence, number=number, credits=invoice.id, issue_date=on,
            due_date=on, structured_communication=invoice.structured_communication,
            base_cents=-invoice.base_cents, vat_cents=-invoice.vat_cents,
            total_cents=-invoice.total_cents, vat_rate=invoice.vat_rate,
            pdf_key=pdf_key, ubl_key=ubl_key,
        )
        await lifecycle.move_invoice(invoice, InvoiceStatus.CREDITED)
        entry = await ledger.entry_by_reference(job.unit, f"invoice:{invoice.id}")
        await ledger.reverse_entry(entry, principal.id, f"Credit note {number}")
        if ubl_key:
            await outbox.add("peppol.send", {"invoiceId": str(credit_id)},
                             dedupe_key=f"peppol:{credit_id}")
        if job.client_email:  # the client who has the invoice learns not to pay it
            await notify(key=f"credit_note:{credit_id}", channel="email", to=job.client_email,
                         template="credit_note_to_client", language=job.client_language,
                         params={"number": number, "invoice": invoice.number,
                                 "amount": format_money(invoice.total_cents, job.client_language),
                                 "url": await page_url_of(invoice, ports)})
        await lifecycle.transition(
            job, S.ACCEPTED, actor=principal.id,
            events=[("credit_note_issued", {"number": number, "credits": invoice.number})],
            audit=Audit("invoice.credited", object_type="invoice", object_id=invoice.id,
                        before={"status": invoice.status},
                        after={"status": InvoiceStatus.CREDITED.value, "creditNote": number}))
        return credit


async def collect_cash(principal: Principal, quickjob_id: uuid.UUID, amount_cents: int,
                       collected_on: dt.date, ports: Ports) -> CashCollectionRow:
    if amount_cents <= 0:
        raise invalid("amountCents", "amount_positive")
    async with unit_of_work():
        job, sim = await _to_be_paid(principal, quickjob_id)
        if amount_cents != sim.total_incl_vat_cents:
            raise invalid("amountCents", "cash_amount_mismatch", amount=Money(amount_cents),
                          expected=Money(sim.total_incl_vat_cents))
        person = await worker_of(job.person)
        cash_id = uuid.uuid4()
        pdf = documents.cash_collection_pdf(job, person, amount_cents, collected_on)
        key = ports.storage.save(f"cash/{cash_id}.pdf", pdf, "application/pdf")
        row = await repo.insert_cash_collection(id=cash_id, quickjob=job.id,
                                                amount_cents=amount_cents,
                                                collected_on=collected_on, pdf_key=key)
        await ledger.post_entry(
            job.unit, "cash_collection", f"Cash collection {job.function}",
            postings.cash_collected(sim.turnover_cents, sim.vat_cents)
            + postings.contribution(sim.contribution_cents),
            effective_date=collected_on, reference=f"cash:{cash_id}", actor_id=principal.id,
        )
        await lifecycle.transition(
            job, S.PAID, events=[("cash_collected", {"amountCents": amount_cents})],
            actor=principal.id, audit=Audit("cash.collected", after={"amountCents": amount_cents}))
        return row
