"""Money in: the back office records what the bank says a client paid for an invoice (by hand,
or from a CODA statement). A full payment settles the guarantee fund's advance, if any."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict, NotFound, invalid
from backend.quickjobs import lifecycle, postings
from backend.quickjobs import repository as quickjobs
from backend.quickjobs.lifecycle import Audit, InvoiceStatus, QuickJobStatus
from backend.quickjobs.reading import worker_of
from backend.units import ledger

if TYPE_CHECKING:  # annotations only: the worker runs this module without the web stack
    from backend.http.context import Principal


async def record_payment(actor: Principal, invoice_id: uuid.UUID, amount_cents: int,
                         paid_on: dt.date, reference: str | None) -> dict:
    actor.require("adviser", "admin")
    if amount_cents <= 0:
        raise invalid("amountCents", "amount_positive")
    async with unit_of_work():
        invoice = await quickjobs.get_invoice(invoice_id, for_update=True)
        if invoice is None or invoice.kind != "invoice":
            raise NotFound()
        if invoice.status != InvoiceStatus.ISSUED:
            raise Conflict("wrong_state", status=invoice.status)
        job = await quickjobs.get_quickjob(invoice.quickjob, for_update=True)
        applied = min(amount_cents, invoice.total_cents - invoice.paid_cents)
        salary = await quickjobs.salary_for(job.id)
        paid_cents = invoice.paid_cents + applied
        fully = paid_cents >= invoice.total_cents
        await ledger.post_entry(job.unit, "client_payment", f"Payment {invoice.number}",
                                postings.client_paid(applied), effective_date=paid_on,
                                reference=f"payment:{invoice_id}:{paid_cents}", actor_id=actor.id)
        if fully and salary and salary.guarantee_advance:
            advanced = salary.net_cents + salary.expenses_cents
            await ledger.post_entry(job.unit, "guarantee_settled",
                                    f"Guarantee fund advance settled {invoice.number}",
                                    postings.advance_settled(advanced), effective_date=paid_on,
                                    reference=f"advance-settled:{salary.id}", actor_id=actor.id)
        status = InvoiceStatus.PAID if fully else InvoiceStatus.ISSUED
        await lifecycle.move_invoice(invoice, status, paid_cents=paid_cents)
        event = "paid" if fully else "partly_paid"
        bookkeeping = dict(
            events=[(event, {"amountCents": applied, "reference": reference})], actor=actor.id,
            person=await worker_of(job.person), notify_event=event,
            audit=Audit("invoice.payment", object_type="invoice", object_id=invoice_id,
                        before={"paidCents": invoice.paid_cents},
                        after={"paidCents": paid_cents, "status": status.value}))
        if fully and job.status == QuickJobStatus.INVOICED:
            await lifecycle.transition(job, QuickJobStatus.PAID, **bookkeeping)
        else:  # paid in part, or the guarantee fund already paid the salary
            await lifecycle.note(job, **bookkeeping)
        return {"invoiceId": invoice_id, "appliedCents": applied, "paidCents": paid_cents,
                "fullyPaid": fully, "overpaidCents": amount_cents - applied}
