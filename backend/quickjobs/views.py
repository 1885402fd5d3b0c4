"""Assemble the QuickJob read model (status, documents, timeline) for the API and the bot."""

from __future__ import annotations

import uuid

from backend.backoffice import repository as review_queue
from backend.people import service as people
from backend.platform import i18n
from backend.platform.db import unit_of_work
from backend.quickjobs import repository as repo
from backend.quickjobs import requirements
from backend.quickjobs.creation import Created
from backend.quickjobs.ports import Ports
from backend.quickjobs.reading import render_document, simulation_of
from backend.quickjobs.rows import (
    ContractRow,
    DimonaRow,
    EventRow,
    ExpenseRow,
    InvoiceRow,
    QuickJobRow,
    QuoteRow,
    SalaryRow,
)
from backend.quickjobs.schemas import (
    ContractOut,
    ExpenseOut,
    InvoiceOut,
    QuickJobOut,
    QuoteOut,
    SalaryOut,
    TimelineEvent,
)
from backend.quickjobs.wording import reason_text
from backend.simulations.service import to_response


def document_url(quickjob_id: uuid.UUID, name: str) -> str:
    return f"/api/v1/quickjobs/{quickjob_id}/documents/{name}"


def invoice_out(invoice: InvoiceRow, ports: Ports) -> InvoiceOut:
    qid = invoice.quickjob
    return InvoiceOut(
        id=invoice.id, kind=invoice.kind, number=invoice.number,
        issue_date=invoice.issue_date, due_date=invoice.due_date,
        structured_communication=invoice.structured_communication,
        base_cents=invoice.base_cents, vat_cents=invoice.vat_cents,
        total_cents=invoice.total_cents, status=invoice.status,
        pdf_url=document_url(qid, f"invoice-{invoice.id}.pdf"),
        ubl_url=document_url(qid, f"invoice-{invoice.id}.xml") if invoice.ubl_key else None,
        credits_invoice_id=invoice.credits,
        page_url=ports.invoice_url(invoice.id) if invoice.public_token_hash else None,
    )


async def quickjob_out(job: QuickJobRow, lang: str, ports: Ports) -> QuickJobOut:
    # One connection for the dozen reads (a consistent snapshot, no pool round trip each).
    async with unit_of_work():
        return await _quickjob_out(job, lang, ports)


async def _quickjob_out(job: QuickJobRow, lang: str, ports: Ports) -> QuickJobOut:
    qid = job.id
    contract = await repo.contract_for(qid)
    review = await review_queue.open_review_for(qid)
    dimonas = await repo.dimonas_for(contract.id) if contract else []
    salary = await repo.salary_for(qid)
    needs = requirements.for_quickjob(
        job, await repo.worker(job.person), await people.has_accepted_agreement(job.person),
        contract_status=contract.status if contract else None,
        dimona_waiting=any(d.status == "waiting" for d in dimonas),
        salary_status=salary.status if salary else None)
    return assemble(
        job, lang, ports, quote=await repo.quote_for(qid), invoices=await repo.invoices_for(qid),
        contract=contract, dimonas=dimonas, salary=salary, expenses=await repo.expenses_for(qid),
        events=await repo.events(qid), reasons=review.context.get("reasons", []) if review else [],
        needs=needs)


def created_out(created: Created, lang: str, ports: Ports) -> QuickJobOut:
    """A QuickJob just created, from what its creation wrote (no read needed)."""
    return assemble(created.job, lang, ports, quote=created.quote, invoices=[],
                    contract=created.contract, dimonas=[], salary=None,
                    expenses=created.expenses, events=created.events,
                    reasons=created.review_reasons, needs=created.requirements)


def assemble(job: QuickJobRow, lang: str, ports: Ports, *, quote: QuoteRow,
             invoices: list[InvoiceRow], contract: ContractRow | None, dimonas: list[DimonaRow],
             salary: SalaryRow | None, expenses: list[ExpenseRow], events: list[EventRow],
             reasons: list[dict], needs: dict[str, list[str]] | None = None) -> QuickJobOut:
    """The QuickJob as the API shows it, in ``lang``, from its rows."""
    qid = job.id
    live = [i for i in invoices if i.kind == "invoice"]
    contract_out = None
    if contract:
        contract_out = ContractOut(
            id=contract.id, contract_type=contract.contract_type, status=contract.status,
            work_dates=list(contract.work_dates), gross_cents=contract.gross_cents,
            pdf_url=document_url(qid, "contract.pdf"),
            dimona=[{"workDate": d.work_date.isoformat(), "status": d.status,
                     "reference": d.reference, "message": d.message} for d in dimonas],
        )
    return QuickJobOut(
        id=qid, status=job.status, unit_id=job.unit, client_id=job.client,
        client_name=job.client_name, function=job.function, description=job.description,
        performance_dates=list(job.performance_dates), amount_cents=job.amount_cents,
        pay_date=job.pay_date, simulation=to_response(simulation_of(job), lang),
        quote=QuoteOut(
            id=quote.id, number=quote.number, status=quote.status,
            pdf_url=document_url(qid, "quote.pdf"),
            accept_url=ports.accept_url(quote.id) if quote.status == "sent" else None,
            valid_until=quote.valid_until,
        ),
        review_reasons=[reason_text(r, lang) for r in reasons],
        invoice=invoice_out(live[-1], ports) if live else None,
        credit_notes=[invoice_out(i, ports) for i in invoices if i.kind == "credit_note"],
        contract=contract_out,
        salary=SalaryOut(
            pay_date=salary.pay_date, status=salary.status,
            gross_cents=salary.gross_cents, net_cents=salary.net_cents,
            expenses_cents=salary.expenses_cents, guarantee_advance=salary.guarantee_advance,
            payslip_url=document_url(qid, "payslip.pdf") if salary.payslip_key else None,
        ) if salary else None,
        expenses=[ExpenseOut(
            id=e.id, amount_cents=e.amount_cents, category=e.category,
            spent_on=e.spent_on, description=e.description,
            receipt_url=document_url(qid, f"receipt-{e.id}") if e.receipt_key else None,
        ) for e in expenses],
        timeline=[TimelineEvent(at=e.at, kind=e.kind, label=i18n.t(f"event.{e.kind}", lang),
                                data=e.data) for e in events],
        requirements=needs or {},
    )


async def document(job: QuickJobRow, name: str, ports: Ports) -> tuple[str, str] | None:
    """(storage key, content type) of a named document of this QuickJob, if it exists.
    A quote or contract PDF the worker has not made yet is made now."""
    qid = job.id
    if name in ("quote.pdf", "contract.pdf"):
        key = await render_document(qid, name.removesuffix(".pdf"), ports)
        return (key, "application/pdf") if key else None
    if name == "payslip.pdf":
        salary = await repo.salary_for(qid)
        return (salary.payslip_key, "application/pdf") if salary and salary.payslip_key else None
    if name == "cash-collection.pdf":
        cash = await repo.cash_collection_for(qid)
        return (cash.pdf_key, "application/pdf") if cash else None
    if name.startswith("invoice-"):
        stem, _, ext = name.removeprefix("invoice-").rpartition(".")
        for invoice in await repo.invoices_for(qid):
            if str(invoice.id) == stem:
                if ext == "pdf":
                    return invoice.pdf_key, "application/pdf"
                if ext == "xml" and invoice.ubl_key:
                    return invoice.ubl_key, "application/xml"
        return None
    if name.startswith("receipt-"):
        for expense in await repo.expenses_for(qid):
            if f"receipt-{expense.id}" == name and expense.receipt_key:
                return expense.receipt_key, expense.receipt_content_type
    return None
