"""Advisers at the bank: CODA statements in, unmatched payments, SEPA payment files out."""

from __future__ import annotations

import uuid
from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.params import Parameter, QueryParameter

from backend.backoffice.banking import service as banking
from backend.backoffice.banking.rows import PaymentFileRow, UnmatchedRow
from backend.backoffice.banking.schemas import (
    AssignPaymentIn,
    PaymentFileIn,
    PaymentFileOut,
    SkippedSalary,
    StatementImportOut,
    UnmatchedPaymentList,
    UnmatchedPaymentOut,
)
from backend.http.context import Principal
from backend.http.problems import Problem
from backend.platform.dates import check_dates

MAX_STATEMENT_BYTES = 10 * 1024 * 1024


def _unmatched_out(row: UnmatchedRow) -> UnmatchedPaymentOut:
    return UnmatchedPaymentOut(
        id=row.id, reason=row.reason, status=row.status, movement_id=row.movement,
        amount_cents=row.amount_cents, account=row.account,
        statement_number=row.statement_number, bank_reference=row.bank_reference,
        communication=row.communication, created_at=row.created_at,
        value_date=row.value_date, structured_communication=row.structured_communication,
        counterparty_name=row.counterparty_name,
        counterparty_account=row.counterparty_account, invoice_id=row.invoice,
        resolved_by=row.resolved_by, resolved_at=row.resolved_at,
        applied_cents=row.applied_cents, overpaid_cents=row.overpaid_cents,
        fully_paid=row.fully_paid)


def payment_file_out(row: PaymentFileRow) -> PaymentFileOut:
    file_id = row.id
    return PaymentFileOut(
        id=file_id, transaction_count=row.transaction_count,
        control_sum_cents=row.control_sum_cents, execution_date=row.execution_date,
        message_id=row.message_id,
        skipped=[SkippedSalary(salary_id=s["salaryId"], person_id=s["personId"],
                               reason=s["reason"]) for s in row.skipped],
        xml_url=f"/api/v1/backoffice/payment-files/{file_id}/xml" if file_id else None)


async def _statement_bytes(request: Request) -> bytes:
    """The CODA file as the request body (text/plain) or the first file of a multipart form."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        for value in form.values():
            if hasattr(value, "read"):
                return await value.read()
            if isinstance(value, str) and value.strip():
                return value.encode()
        raise Problem(422, "coda_invalid", line=0, reason="no file in the form")
    body = await request.body()
    if len(body) > MAX_STATEMENT_BYTES:
        raise Problem(413, "coda_too_large")
    return body


class BankingController(Controller):
    path = "/backoffice"
    tags = ["backoffice"]

    @post("/bank-statements", operation_id="importBankStatement", status_code=201,
          summary="Import a CODA bank statement and match its credits to invoices (adviser)",
          description="Body: the CODA file as text/plain, or as the file of a multipart form. "
                      "A statement already imported (same content, or same account, number "
                      "and date) is reported as a duplicate and imports nothing again.")
    async def import_statement(self, request: Request, principal: Principal) -> StatementImportOut:
        principal.require("adviser", "admin")
        result = await banking.import_statement(principal, await _statement_bytes(request))
        return msgspec.convert(result, StatementImportOut)

    @get("/unmatched-payments", operation_id="listUnmatchedPayments",
          description=("Bank credits of imported statements that no invoice or share could be "
                       "matched to, optionally by status (open or assigned). Advisers only."),
         summary="Bank credits no invoice could be matched to (adviser)")
    async def list_unmatched(self, principal: Principal,
                             # Listed in the schema; the service refuses others with its message.
                             status: Annotated[str, QueryParameter(
                                 schema_extra={"enum": ["open", "assigned"]})] = "open",
                             limit: Annotated[int, Parameter(ge=1, le=200)] = 100
                             ) -> UnmatchedPaymentList:
        rows = await banking.list_unmatched(principal, status, limit)
        return UnmatchedPaymentList(items=[_unmatched_out(r) for r in rows])

    @post("/unmatched-payments/{unmatched_id:uuid}/assign", operation_id="assignUnmatchedPayment",
          description=("Books an unmatched bank credit on an invoice chosen by the adviser; the "
                       "invoice is paid in part or in full. A credit already assigned, or a "
                       "credited invoice, is a 409."),
          status_code=200, summary="Book an unmatched bank credit on an invoice (adviser)")
    async def assign(self, unmatched_id: uuid.UUID, data: AssignPaymentIn,
                     principal: Principal) -> UnmatchedPaymentOut:
        row = await banking.assign_unmatched(principal, unmatched_id, data.invoice_id)
        return _unmatched_out(row)

    @post("/payment-files", operation_id="createPaymentFile", status_code=201,
          summary="SEPA credit transfer file (pain.001.001.09) for salaries paid and not yet "
                  "transferred (adviser)",
          description="Each salary goes in at most one file. Workers without a valid IBAN are "
                      "skipped and listed. When nothing is left to transfer the answer is 200 "
                      "with no id.")
    async def create_payment_file(self, principal: Principal, request: Request,
                                  data: PaymentFileIn | None = None) -> Response[PaymentFileOut]:
        principal.require("adviser", "admin")
        check_dates([("executionDate", data.execution_date if data else None)])
        row = await banking.create_payment_file(
            principal, request.app.state.quickjob_ports.storage,
            data.execution_date if data else None)
        return Response(payment_file_out(row), status_code=201 if row.id else 200)

    @get("/payment-files/{file_id:uuid}/xml", operation_id="downloadPaymentFile",
          description=("The SEPA pain.001.001.09 XML of a payment file, to upload in the bank's "
                       "application. Advisers only; 404 for an unknown file."),
         summary="The pain.001 XML of a payment file (adviser)", media_type="application/xml")
    async def download(self, file_id: uuid.UUID, principal: Principal,
                       request: Request) -> Response[bytes]:
        xml = await banking.payment_file_xml(principal, file_id,
                                             request.app.state.quickjob_ports.storage)
        return Response(xml, media_type="application/xml", headers={
            "Content-Disposition": f'attachment; filename="payment-file-{file_id}.xml"'})



CONTROLLERS = [BankingController]
