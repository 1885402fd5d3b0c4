"""Advisers' side of the QuickJob flow: money received, review decisions, salary runs."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Annotated

from litestar import Controller, Request, get, post
from litestar.params import Parameter

from backend.backoffice.schemas import (
    PaymentIn,
    PaymentOut,
    ReviewDecisionIn,
    ReviewItemList,
    ReviewItemOut,
    SalaryRunIn,
    SalaryRunOut,
)
from backend.http.context import Principal
from backend.quickjobs import repository as repo
from backend.quickjobs import service
from backend.quickjobs.service import reason_text


def _review_out(row: dict, lang: str) -> ReviewItemOut:
    context = row["context"]
    context = json.loads(context) if isinstance(context, str) else context
    return ReviewItemOut(
        id=row["id"], kind=row["kind"], status=row["status"],
        reasons=[reason_text(r, lang) for r in context.get("reasons", [])] or list(row["reasons"]),
        quickjob_id=row["quickjob"], person_id=row["person"], decided_by=row["decided_by"],
        decided_at=row["decided_at"], decision_reason=row["decision_reason"],
        created_at=row["created_at"],
    )


class BackOfficeController(Controller):
    path = "/backoffice"
    tags = ["backoffice"]

    @post("/invoices/{invoice_id:uuid}/payments", operation_id="recordInvoicePayment",
          status_code=201, summary="Record money received for an invoice (adviser)")
    async def record_payment(self, invoice_id: uuid.UUID, data: PaymentIn,
                             principal: Principal) -> PaymentOut:
        result = await service.record_payment(principal, invoice_id, data.amount_cents, data.date,
                                              data.reference)
        return PaymentOut(**{_snake(k): v for k, v in result.items()})

    @get("/review-items", operation_id="listReviewItems", summary="The review queue (adviser)")
    async def list_reviews(self, principal: Principal, language: str,
                           status: str = "open",
                           limit: Annotated[int, Parameter(ge=1, le=100)] = 50) -> ReviewItemList:
        principal.require("adviser", "admin")
        rows = await repo.list_reviews(status, limit)
        return ReviewItemList(items=[_review_out(r, language) for r in rows])

    @post("/review-items/{review_id:uuid}/approve", operation_id="approveReviewItem",
          status_code=200, summary="Approve an exception (adviser)")
    async def approve(self, review_id: uuid.UUID, principal: Principal, language: str,
                      request: Request, data: ReviewDecisionIn | None = None) -> ReviewItemOut:
        row = await service.decide_review(principal, review_id, True, data.reason if data else None,
                                          request.app.state.quickjob_ports)
        return _review_out(row, language)

    @post("/review-items/{review_id:uuid}/reject", operation_id="rejectReviewItem",
          status_code=200, summary="Reject an exception with a reason the worker sees (adviser)")
    async def reject(self, review_id: uuid.UUID, data: ReviewDecisionIn, principal: Principal,
                     language: str, request: Request) -> ReviewItemOut:
        row = await service.decide_review(principal, review_id, False, data.reason,
                                          request.app.state.quickjob_ports)
        return _review_out(row, language)

    @post("/salary-runs", operation_id="runSalaries", status_code=201,
          summary="Pay every salary due by the date (idempotent; adviser)")
    async def run_salaries(self, principal: Principal, request: Request,
                           data: SalaryRunIn | None = None) -> SalaryRunOut:
        principal.require("adviser", "admin")
        on = (data.date if data and data.date else None) or dt.date.today()
        paid = await service.pay_due_salaries(on, request.app.state.quickjob_ports, principal.id)
        return SalaryRunOut(date=on, paid_salary_ids=paid)


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


CONTROLLERS = [BackOfficeController]
