"""Thin HTTP layer of the QuickJob flow: parse, call the service, shape the answer."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Annotated

from litestar import Controller, Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, Parameter
from litestar.response import Response

from backend.http.context import Principal
from backend.http.problems import NotFound, invalid
from backend.platform.dates import check_dates
from backend.quickjobs import (
    cancellation,
    client_answer,
    creation,
    documents,
    expenses,
    invoicing,
    reading,
    views,
)
from backend.quickjobs import repository as repo
from backend.quickjobs.schemas import (
    AcceptIn,
    CashCollectionIn,
    CashCollectionOut,
    DeclineIn,
    ExpenseOut,
    InvoiceOut,
    OrderOut,
    PublicQuoteOut,
    QuickJobCreate,
    QuickJobList,
    QuickJobListItem,
    QuickJobOut,
)
from backend.quickjobs.wording import person_name


@dataclass
class ExpenseForm:
    amount_cents: int
    category: str
    spent_on: dt.date | None = None
    description: str | None = None
    receipt: UploadFile | None = None


@dataclass
class SignedOrderForm:
    signed_order: UploadFile


def _cursor(created_at: dt.datetime, qid: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(json.dumps([created_at.isoformat(), str(qid)]).encode()).decode()


def _parse_cursor(cursor: str | None):
    if not cursor:
        return None
    try:
        at, qid = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return dt.datetime.fromisoformat(at), uuid.UUID(qid)
    except (ValueError, TypeError) as exc:
        raise invalid("cursor", "invalid_value") from exc


class QuickJobController(Controller):
    path = "/quickjobs"
    tags = ["quickjobs"]

    @post("/", operation_id="createQuickJob",
          description=("Creates a QuickJob from the work, the client, the dates and the amount: "
                       "the simulation, the quote (sent to the client by e-mail), the planned "
                       "contract and the expenses, in one request. Unusual cases (an amount "
                       "above the limit, a rule set not yet in force, a wage below the minimum) "
                       "go to an adviser first (status in_review). What the worker's profile "
                       "still lacks is listed in requirements. Send an Idempotency-Key to retry "
                       "safely."), status_code=201,
          summary="The five-minute flow: quote, planned contract and expenses in one request")
    async def create(self, data: QuickJobCreate, principal: Principal, language: str,
                     request: Request) -> QuickJobOut:
        ports = request.app.state.quickjob_ports
        created = await creation.create(principal, data, ports, language)
        return views.created_out(created, language, ports)

    @get("/", operation_id="listQuickJobs",
          description=("The signed-in worker's QuickJobs, newest first, with their status, "
                       "client, amount and pay date. Pages with cursor and limit (1 to 100)."), summary="My QuickJobs, newest first")
    async def list_quickjobs(self, principal: Principal,
                   cursor: str | None = None,
                   limit: Annotated[int, Parameter(ge=1, le=100)] = 20) -> QuickJobList:
        after = _parse_cursor(cursor)
        rows = await repo.list_quickjobs(principal.id, after, limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        return QuickJobList(
            items=[QuickJobListItem(id=r.id, status=r.status, client_name=r.client_name,
                                    amount_cents=r.amount_cents,
                                    performance_dates=list(r.performance_dates),
                                    pay_date=r.pay_date) for r in rows],
            next_cursor=_cursor(rows[-1].created_at, rows[-1].id) if more else None,
        )

    @get("/{quickjob_id:uuid}", operation_id="getQuickJob",
          description=("One QuickJob of the signed-in worker: status, simulation, quote, "
                       "invoice and credit notes, contract and Dimona, salary, expenses and the "
                       "dated timeline. 404 for someone else's QuickJob."),
         summary="Status, documents and the dated timeline")
    async def get_quickjob(self, quickjob_id: uuid.UUID, principal: Principal, language: str,
                  request: Request) -> QuickJobOut:
        job = await reading.get_for(principal, quickjob_id)
        return await views.quickjob_out(job, language, request.app.state.quickjob_ports)

    @post("/{quickjob_id:uuid}/expenses", operation_id="addQuickJobExpense",
          description=("Adds a professional expense (amount, category, date, description) with "
                       "its receipt (JPEG, PNG, HEIC or PDF) as multipart form data; it is "
                       "refunded with the salary and lowers the gross. A receipt that is not "
                       "really of its type is a 422; a QuickJob whose salary is paid is a 409."), status_code=201,
          summary="Add a professional expense with its receipt photo (multipart)")
    async def add_expense(
        self, quickjob_id: uuid.UUID, principal: Principal, request: Request,
        data: Annotated[ExpenseForm, Body(media_type=RequestEncodingType.MULTI_PART)],
    ) -> ExpenseOut:
        receipt = await data.receipt.read() if data.receipt else None
        row = await expenses.add_expense(
            principal, quickjob_id, data.amount_cents, data.category, data.spent_on,
            data.description, receipt, data.receipt.content_type if data.receipt else None,
            request.app.state.quickjob_ports)
        return ExpenseOut(id=row.id, amount_cents=row.amount_cents, category=row.category,
                          spent_on=row.spent_on, description=row.description,
                          receipt_url=views.document_url(quickjob_id, f"receipt-{row.id}")
                          if row.receipt_key else None)

    @post("/{quickjob_id:uuid}/order", operation_id="attestQuickJobOrder",
          description=("The worker uploads the order the client signed (PDF or photo), instead "
                       "of the client accepting through the link: the quote becomes the order. "
                       "A quote already answered or expired is a 409."), status_code=201,
          summary="The worker uploads the order the client signed (instead of the link)")
    async def attest_order(
        self, quickjob_id: uuid.UUID, principal: Principal, request: Request,
        data: Annotated[SignedOrderForm, Body(media_type=RequestEncodingType.MULTI_PART)],
    ) -> OrderOut:
        content = await data.signed_order.read()
        order = await client_answer.attest_order(principal, quickjob_id, content,
                                           data.signed_order.content_type,
                                           request.app.state.quickjob_ports)
        quote = await repo.quote_for(quickjob_id)
        return OrderOut(id=order.id, quote_number=quote.number, source=order.source,
                        confirmed_at=order.confirmed_at)

    @post("/{quickjob_id:uuid}/invoice", operation_id="issueQuickJobInvoice",
          description=("Issues the invoice of an accepted QuickJob: the next number without "
                       "gaps, the structured communication, the PDF and the Peppol BIS 3.0 UBL; "
                       "sent to the client. 409 when the QuickJob is not accepted or already "
                       "invoiced."), status_code=201,
          summary="Issue the invoice (gap-free number, structured communication, PDF, Peppol UBL)")
    async def issue_invoice(self, quickjob_id: uuid.UUID, principal: Principal,
                            request: Request) -> InvoiceOut:
        ports = request.app.state.quickjob_ports
        invoice = await invoicing.issue_invoice(principal, quickjob_id, ports)
        return views.invoice_out(invoice, ports)

    @post("/{quickjob_id:uuid}/invoice/cancel", operation_id="cancelQuickJobInvoice",
          description=("Cancels the issued invoice with a credit note (its own number, sent to "
                       "the client); the QuickJob can be invoiced again. Without an invoice, or "
                       "a paid one, it is a 409."),
          status_code=201, summary="Cancel the issued invoice with a credit note")
    async def cancel_invoice(self, quickjob_id: uuid.UUID, principal: Principal,
                             request: Request) -> InvoiceOut:
        ports = request.app.state.quickjob_ports
        credit = await invoicing.cancel_invoice(principal, quickjob_id, ports)
        return views.invoice_out(credit, ports)

    @post("/{quickjob_id:uuid}/cash-collection", operation_id="declareQuickJobCashCollection",
          description=("Declares that the client paid the work in cash, instead of an invoice: "
                       "the amount (the total including VAT) and the date; a cash receipt PDF "
                       "is made. Another amount is a 422; a QuickJob that cannot be paid in its "
                       "state is a 409."),
          status_code=201, summary="The client paid in cash: declare it instead of an invoice")
    async def cash_collection(self, quickjob_id: uuid.UUID, data: CashCollectionIn,
                              principal: Principal, request: Request) -> CashCollectionOut:
        check_dates([("date", data.date)])  # year 1 or 9999: 422 before anything else
        row = await invoicing.collect_cash(principal, quickjob_id, data.amount_cents, data.date,
                                         request.app.state.quickjob_ports)
        return CashCollectionOut(id=row.id, amount_cents=row.amount_cents,
                                 date=row.collected_on,
                                 pdf_url=views.document_url(quickjob_id, "cash-collection.pdf"))

    @post("/{quickjob_id:uuid}/cancel", operation_id="cancelQuickJob",
          description=("Cancels a QuickJob before its first working day: the contract and its "
                       "Dimona are withdrawn and the client is told. On or after the first "
                       "working day, or in a state that cannot be cancelled, it is a 409."), status_code=200,
          summary="Cancel before the first working day (contract and Dimona withdrawn)")
    async def cancel(self, quickjob_id: uuid.UUID, principal: Principal, language: str,
                     request: Request) -> QuickJobOut:
        await cancellation.cancel(principal, quickjob_id)
        job = await repo.get_quickjob(quickjob_id)
        return await views.quickjob_out(job, language, request.app.state.quickjob_ports)

    @get("/{quickjob_id:uuid}/documents/{name:str}", operation_id="getQuickJobDocument",
          description=("Downloads one document of a QuickJob: quote.pdf, contract.pdf, "
                       "invoice-<id>.pdf or .xml (Peppol UBL), payslip.pdf, cash-collection.pdf "
                       "or an expense receipt. 404 for an unknown name or someone else's "
                       "QuickJob."),
         summary="Download a document: quote.pdf, contract.pdf, invoice-<id>.pdf|xml, payslip.pdf",
         media_type="application/octet-stream")
    async def document(self, quickjob_id: uuid.UUID, name: str, principal: Principal,
                       request: Request) -> Response[bytes]:
        job = await reading.get_for(principal, quickjob_id)
        found = await views.document(job, name, request.app.state.quickjob_ports)
        if found is None:
            raise NotFound()
        key, content_type = found
        data = request.app.state.quickjob_ports.storage.open(key)
        return Response(data, media_type=content_type,
                        headers={"Content-Disposition": f'inline; filename="{name}"'})


class PublicQuoteController(Controller):
    """For the client, without an account: the link in the quote e-mail."""

    path = "/public/quotes"
    tags = ["public"]

    @get("/{token:str}", operation_id="getPublicQuote",
          description=("What the client sees behind the link in the quote e-mail: the work, the "
                       "dates, the amounts with VAT, the validity and the clauses. No account "
                       "needed; an unknown token is a 404."), summary="The quote behind a link (public)")
    async def get_quote(self, token: str, request: Request, language: str) -> PublicQuoteOut:
        quote, job, person = await client_answer.public_quote(token)
        sim = reading.simulation_of(job)
        worker = person_name(person)
        return PublicQuoteOut(
            number=quote.number, status=quote.status,
            supplier_name=documents.supplier(None, language).name,
            worker_name=worker, client_name=job.client_name, function=job.function,
            description=job.description, performance_dates=list(job.performance_dates),
            amount_cents=sim.turnover_cents, vat_cents=sim.vat_cents,
            total_incl_vat_cents=sim.total_incl_vat_cents, valid_until=quote.valid_until,
            pdf_url=f"/api/v1/public/quotes/{token}/pdf", clauses=quote.clauses,
        )

    @get("/{token:str}/pdf", operation_id="getPublicQuotePdf",
          description=("The quote as a PDF, for the client behind the link. No account needed; "
                       "an unknown token is a 404."), media_type="application/pdf",
         summary="The quote PDF (public)")
    async def get_pdf(self, token: str, request: Request) -> Response[bytes]:
        quote, _, _ = await client_answer.public_quote(token)
        ports = request.app.state.quickjob_ports
        key = await reading.render_document(quote.quickjob, "quote", ports)
        data = ports.storage.open(key)
        return Response(data, media_type="application/pdf")

    @post("/{token:str}/accept", operation_id="acceptPublicQuote",
          description=("The client accepts the quote behind the link, optionally with their "
                       "name: the quote becomes the order, the contract is declared (Dimona) "
                       "and the salary planned. Accepting twice (a double click) answers the "
                       "same order. An unknown or expired link is a 404; a quote no longer "
                       "open, or a first working day already past, is a 409."), status_code=201,
          summary="The client accepts: the quote becomes the order (public)")
    async def accept(self, token: str, request: Request, data: AcceptIn | None = None) -> OrderOut:
        order = await client_answer.accept_quote(
            token, request.client.host if request.client else None,
            request.app.state.quickjob_ports, accepted_by=data.name if data else None)
        quote = await repo.quote_for(order.quickjob)
        return OrderOut(id=order.id, quote_number=quote.number, source=order.source,
                        confirmed_at=order.confirmed_at, accepted_by=order.accepted_by)

    @post("/{token:str}/decline", operation_id="declinePublicQuote",
          description=("The client declines the quote behind the link, optionally saying why; "
                       "the QuickJob is declined and its planned contract cancelled. An unknown "
                       "or expired link is a 404; a quote no longer open is a 409."), status_code=200,
          summary="The client declines the quote (public)")
    async def decline(self, token: str, data: DeclineIn | None = None) -> dict[str, str]:
        await client_answer.decline_quote(token, data.reason if data else None)
        return {"status": "declined"}


CONTROLLERS = [QuickJobController, PublicQuoteController]
