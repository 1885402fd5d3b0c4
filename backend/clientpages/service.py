"""What the client's pages show, read from the QuickJob flow: a quote or an invoice behind its
link, with everything the page needs (never the worker's phone or e-mail). Reads only; the
answers (accept, decline) are the QuickJob flow's own (``backend.quickjobs.client_answer``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from backend.documents.epc_qr import epc_payload, epc_qr
from backend.documents.legal_entity import LegalEntity
from backend.documents.parties import Party
from backend.documents.values import apply_rate
from backend.engine import Simulation
from backend.platform.db import unit_of_work
from backend.quickjobs import client_answer, documents
from backend.quickjobs import repository as repo
from backend.quickjobs.client_answer import QuoteState
from backend.quickjobs.creation import LEGAL_ENTITY
from backend.quickjobs.policy import today
from backend.quickjobs.ports import hash_token
from backend.quickjobs.reading import simulation_of, worker_of
from backend.quickjobs.rows import InvoiceRow, OrderRow, QuickJobRow, QuoteRow
from backend.quickjobs.wording import person_name
from backend.units import service as units


@dataclass(frozen=True)
class QuoteView:
    quote: QuoteRow
    job: QuickJobRow
    sim: Simulation
    state: QuoteState
    worker_name: str  # "" when the worker gave no name (never the phone number)
    order: OrderRow | None  # once accepted
    today: dt.date

    def supplier(self, language: str) -> Party:
        """The cooperative as the quote PDF names it in ``language``."""
        return documents.supplier(None, language)

    def client(self) -> Party:
        return documents.client_party(self.job)

    @property
    def cancellation_fee_cents(self) -> int:
        return apply_rate(self.sim.total_incl_vat_cents,
                          str(self.quote.clauses.get("cancellationFeePercent", "0")))

    @property
    def validity_passed(self) -> bool:
        return self.quote.valid_until < self.today

    def vat_mention(self, language: str) -> str | None:
        mention = self.sim.vat_mention
        return mention.get(language) or mention.get("nl") if mention else None


async def quote_view(token: str) -> QuoteView | None:
    """The quote behind a link, in whatever state it is; None for a link that leads nowhere."""
    async with unit_of_work():
        found = await client_answer.quote_by_token(token)
        if found is None:
            return None
        quote, job = found
        person = await worker_of(job.person)
        order = await repo.order_for(job.id) if quote.status == "accepted" else None
    on = today()
    return QuoteView(quote=quote, job=job, sim=simulation_of(job),
                     state=client_answer.quote_state(quote, job, on),
                     worker_name=person_name(person), order=order, today=on)


class InvoiceState(StrEnum):
    OPEN = "open"
    OVERDUE = "overdue"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    CREDITED = "credited"  # a credit note cancelled it: nothing to pay


@dataclass(frozen=True)
class InvoiceView:
    invoice: InvoiceRow
    job: QuickJobRow
    sim: Simulation
    worker_name: str
    entity: LegalEntity  # with the bank account the invoice asks payment to
    credit_note: InvoiceRow | None
    order_number: str | None  # the quote the client accepted
    today: dt.date

    @property
    def outstanding_cents(self) -> int:
        return max(0, self.invoice.total_cents - self.invoice.paid_cents)

    @property
    def state(self) -> InvoiceState:
        if self.invoice.status == "credited" or self.credit_note is not None:
            return InvoiceState.CREDITED
        if self.invoice.status == "paid" or self.outstanding_cents == 0:
            return InvoiceState.PAID
        if self.invoice.due_date < self.today:
            return InvoiceState.OVERDUE
        if self.invoice.paid_cents > 0:
            return InvoiceState.PARTLY_PAID
        return InvoiceState.OPEN

    @property
    def payable(self) -> bool:
        return self.state in (InvoiceState.OPEN, InvoiceState.OVERDUE, InvoiceState.PARTLY_PAID)

    def supplier(self, language: str) -> Party:
        return self.entity.party(language)

    def client(self) -> Party:
        return documents.client_party(self.job)

    def vat_mention(self, language: str) -> str | None:
        mention = self.sim.vat_mention
        return mention.get(language) or mention.get("nl") if mention else None

    def epc_payload(self, language: str) -> str:
        """The EPC069-12 payload of what is still to pay, as the invoice PDF's QR code has it."""
        party = self.supplier(language)
        return epc_payload(name=party.name[:70], iban=party.iban, bic=party.bic,
                           amount_cents=self.outstanding_cents,
                           structured_communication=self.invoice.structured_communication)

    def qr_svg(self, language: str, title: str) -> str:
        """The EPC QR code as inline SVG (no script, no style attribute: the page's CSP holds),
        white around it so a phone camera reads it on any background."""
        return epc_qr(self.epc_payload(language)).svg_inline(
            scale=1, border=4, omitsize=True, svgclass="qr", lineclass=None, dark="#000",
            light="#fff", title=title)


async def invoice_view(token: str) -> InvoiceView | None:
    """The invoice behind a link; None for a link that leads nowhere."""
    async with unit_of_work():
        invoice = await repo.invoice_by_token_hash(hash_token(token))
        if invoice is None or invoice.kind != "invoice":
            return None
        job = await repo.get_quickjob(invoice.quickjob)
        person = await worker_of(job.person)
        credit_note = await repo.credit_note_of(invoice.id)
        quote = await repo.quote_for(job.id)
    entity = await units.legal_entity(LEGAL_ENTITY)
    return InvoiceView(invoice=invoice, job=job, sim=simulation_of(job),
                       worker_name=person_name(person),
                       entity=documents.issuing_entity(entity), credit_note=credit_note,
                       order_number=quote.number if quote else None, today=today())
