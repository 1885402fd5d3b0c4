"""Advisers' side of the QuickJob flow: money received, review decisions, salary runs."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import uuid
from typing import Annotated

from litestar import Controller, Request, Response, get, post
from litestar.params import Parameter, QueryParameter
from rq.job import Job
from rq.registry import FailedJobRegistry

from backend.audit.service import record
from backend.backoffice import corrections, holds, payments, payroll, reminders, reviews
from backend.backoffice import repository as backoffice_repo
from backend.backoffice.banking.controllers import payment_file_out
from backend.backoffice.rows import CorrectionRow, HoldRow, ReviewRow
from backend.backoffice.schemas import (
    AuditEntry,
    AuditPage,
    BotHandoffOut,
    CorrectionIn,
    CorrectionOut,
    FailedJob,
    FailedJobList,
    HandoffLine,
    HeldPayList,
    HeldPayOut,
    PaymentIn,
    PaymentOut,
    QuarterlyLine,
    QuarterlySummary,
    ReminderRunOut,
    ReviewDecisionIn,
    ReviewItemList,
    ReviewItemOut,
    SalaryRunIn,
    SalaryRunOut,
    SearchResults,
)
from backend.http.context import Principal
from backend.http.problems import NotFound, invalid
from backend.platform.dates import check_dates
from backend.quickjobs.wording import reason_text


def _review_out(row: ReviewRow, lang: str) -> ReviewItemOut:
    context = row.context
    return ReviewItemOut(
        id=row.id, kind=row.kind, status=row.status,
        reasons=[reason_text(r, lang) for r in context.get("reasons", [])] or list(row.reasons),
        quickjob_id=row.quickjob, person_id=row.person, decided_by=row.decided_by,
        decided_at=row.decided_at, decision_reason=row.decision_reason,
        created_at=row.created_at,
    )


class BackOfficeController(Controller):
    path = "/backoffice"
    tags = ["backoffice"]

    @post("/invoices/{invoice_id:uuid}/payments", operation_id="recordInvoicePayment",
          description=("Records money received for an issued invoice, for example a transfer "
                       "seen outside a CODA statement. A partial payment keeps the invoice "
                       "open; a payment above what is due is booked as overpaid. A credited "
                       "invoice cannot be paid (409)."),
          status_code=201, summary="Record money received for an invoice (adviser)")
    async def record_payment(self, invoice_id: uuid.UUID, data: PaymentIn,
                             principal: Principal) -> PaymentOut:
        check_dates([("date", data.date)])
        result = await payments.record_payment(principal, invoice_id, data.amount_cents, data.date,
                                              data.reference)
        return PaymentOut(**{_snake(k): v for k, v in result.items()})

    @get("/review-items", operation_id="listReviewItems",
          description=("The review queue: QuickJobs an adviser must check, overdue invoices, "
                       "bot hand-offs, uncovered monthly salaries; optionally by status. Pages "
                       "with nextCursor. Advisers only."), summary="The review queue (adviser)")
    async def list_reviews(self, principal: Principal, language: str,
                           status: str = "open",
                           limit: Annotated[int, Parameter(ge=1, le=100)] = 50) -> ReviewItemList:
        principal.require("adviser", "admin")
        rows = await backoffice_repo.list_reviews(status, limit)
        return ReviewItemList(items=[_review_out(r, language) for r in rows])

    @get("/review-items/{review_id:uuid}", operation_id="getReviewItem",
          description=("One item of the review queue; a bot hand-off carries its conversation "
                       "with personal data masked. Advisers only; 404 for an unknown item."),
         summary="One review item; a bot hand-off with its minimised conversation (adviser)")
    async def get_review(self, review_id: uuid.UUID, principal: Principal,
                         language: str) -> ReviewItemOut:
        principal.require("adviser", "admin")
        row = await backoffice_repo.get_review(review_id)
        if row is None:
            raise NotFound()
        out = _review_out(row, language)
        if row.kind == "bot_handoff":
            context = row.context
            out.handoff = BotHandoffOut(
                conversation_id=context.get("conversationId", ""),
                channel=context.get("channel", ""), language=context.get("language", ""),
                transcript=[HandoffLine(sender=line["from"], text=line["text"])
                            for line in context.get("transcript", [])])
        return out

    @post("/review-items/{review_id:uuid}/approve", operation_id="approveReviewItem",
          description=("Approves what the item is about (a QuickJob in review gets its quote "
                       "sent). An optional reason is kept. An item already decided is a 409."),
          status_code=200, summary="Approve an exception (adviser)")
    async def approve(self, review_id: uuid.UUID, principal: Principal, language: str,
                      request: Request, data: ReviewDecisionIn | None = None) -> ReviewItemOut:
        row = await reviews.decide_review(principal, review_id, True, data.reason if data else None,
                                          request.app.state.quickjob_ports)
        return _review_out(row, language)

    @post("/review-items/{review_id:uuid}/reject", operation_id="rejectReviewItem",
          description=("Rejects what the item is about with a reason the worker sees (a "
                       "QuickJob in review is rejected). The reason is required and not blank "
                       "(422); an item already decided is a 409."),
          status_code=200, summary="Reject an exception with a reason the worker sees (adviser)")
    async def reject(self, review_id: uuid.UUID, data: ReviewDecisionIn, principal: Principal,
                     language: str, request: Request) -> ReviewItemOut:
        row = await reviews.decide_review(principal, review_id, False, data.reason,
                                          request.app.state.quickjob_ports)
        return _review_out(row, language)

    @post("/salary-runs", operation_id="runSalaries", status_code=201,
          summary="Pay every salary due by the date, QuickJob and monthly, and make the SEPA "
                  "file that transfers them (idempotent; adviser)",
          description="The date is today by default and never after today plus "
                      "SALARY_RUN_HORIZON_DAYS (422). Pay computed while no rule set was in "
                      "force for its date is not paid but listed in held (and in GET "
                      "held-pay) until the rule set is approved; so are more months of one "
                      "open-ended contract than PAYROLL_MAX_MONTHS_PER_RUN, until a second "
                      "adviser approves them.")
    async def run_salaries(self, principal: Principal, request: Request, language: str,
                           data: SalaryRunIn | None = None) -> SalaryRunOut:
        principal.require("adviser", "admin")
        on = (data.date if data and data.date else None) or payroll.today()
        result = await payroll.run(on, request.app.state.quickjob_ports, principal.id,
                                   settings=request.app.state.settings)
        return SalaryRunOut(
            date=on, paid_salary_ids=result.paid_salary_ids,
            paid_monthly_salary_ids=result.paid_monthly_salary_ids,
            payment_files=[payment_file_out(f) for f in result.payment_files],
            payment_file_problem=result.payment_file_problem,
            held=[held_out(h, language) for h in result.held])

    @get("/held-pay", operation_id="listHeldPay",
          description=("Pay a salary run did not make, with why: no rule set in force yet for "
                       "its date (paid by the first run after one is approved), or more months "
                       "of one contract than a run pays alone (needs a second adviser). "
                       "Optionally by status; pages with nextCursor."),
         summary="Pay the salary runs held, with the reason: no rule set in force for its date, "
                 "or more months at once than a run pays alone (adviser)")
    async def held_pay(self, principal: Principal, language: str, status: str | None = "held",
                       cursor: Annotated[str | None, Parameter(
                           description="nextCursor of the previous page")] = None,
                       limit: Annotated[int, Parameter(ge=1, le=200)] = 50) -> HeldPayList:
        rows = await holds.listing(principal, status or None, timestamp_cursor(cursor),
                                   limit + 1)
        items = [held_out(r, language) for r in rows[:limit]]
        more = len(rows) > limit
        return HeldPayList(items=items,
                           next_cursor=items[-1].held_at.isoformat() if more else None)

    @post("/held-pay/{hold_id:uuid}/approve", operation_id="approveHeldPay",
          description=("Approves held months of a contract so the next salary run pays them. "
                       "Never by the adviser who hired or who ran the payroll (403); a hold "
                       "that is not waiting for approval is a 409."), status_code=200,
          summary="A second adviser lets the next run pay the months of a contract held for "
                  "being too many at once (never the adviser who hired or ran the payroll)")
    async def approve_held_pay(self, hold_id: uuid.UUID, principal: Principal,
                               language: str) -> HeldPayOut:
        return held_out(await holds.approve(principal, hold_id), language)


    @get("/audit-log", operation_id="listAuditLog",
          description=("The audit trail of every state change, newest first, filtered by "
                       "objectType, objectId or actorId; each entry has the values before and "
                       "after. Admins only (403 otherwise). Pages with nextCursor."),
         summary="Every state change: who, when, what before and after (admin)")
    async def audit_log(self, principal: Principal,
                        object_type: Annotated[str | None, QueryParameter(name="objectType")] = None,
                        object_id: Annotated[str | None, QueryParameter(name="objectId")] = None,
                        actor_id: Annotated[uuid.UUID | None, QueryParameter(name="actorId")] = None,
                        cursor: str | None = None,
                        limit: Annotated[int, Parameter(ge=1, le=200)] = 50) -> AuditPage:
        principal.require("admin")
        before = None
        if cursor:
            if not cursor.isdigit():
                raise invalid("cursor", "invalid_value")
            before = int(cursor)
        rows = await backoffice_repo.audit_entries(object_type, object_id, actor_id, before, limit + 1)
        items = [AuditEntry(id=r.id, at=r.at, action=r.action, object_type=r.object_type,
                            object_id=r.object_id, actor_id=r.actor_id,
                            before=r.before, after=r.after,
                            request_id=r.request_id) for r in rows[:limit]]
        return AuditPage(items=items, next_cursor=str(items[-1].id) if len(rows) > limit else None)

    @get("/search", operation_id="searchBackOffice",
          description=("Finds people (name, phone, e-mail), units, QuickJobs and invoices "
                       "(number, structured communication) matching q (2 to 100 characters). "
                       "Advisers only."),
         summary="Find people, units, QuickJobs and invoices (adviser)")
    async def search(self, principal: Principal, q: Annotated[str, Parameter(min_length=2, max_length=100)],
                     limit: Annotated[int, Parameter(ge=1, le=50)] = 10) -> SearchResults:
        principal.require("adviser", "admin")
        return SearchResults(**await backoffice_repo.search(q.strip(), limit))

    @get("/failed-jobs", operation_id="listFailedJobs",
          description=("Background jobs (e-mails, documents, Dimona...) that failed after all "
                       "their retries, with the error. Admins only."),
         summary="Jobs that failed after all their retries (admin)")
    async def failed_jobs(self, principal: Principal, request: Request) -> FailedJobList:
        principal.require("admin")
        return FailedJobList(items=await asyncio.to_thread(_failed_jobs, request.app.state.queue))

    @post("/failed-jobs/{job_id:str}/requeue", operation_id="requeueFailedJob",
          description=("Puts a failed job back in the queue; jobs are idempotent, so running "
                       "one again never does its work twice. Admins only; 404 for an unknown "
                       "job."), status_code=200,
          summary="Run a failed job again (admin); jobs are idempotent")
    async def requeue(self, job_id: str, principal: Principal, request: Request) -> dict[str, str]:
        principal.require("admin")
        queue = request.app.state.queue
        registry = FailedJobRegistry(queue=queue.queue)
        if job_id not in await asyncio.to_thread(registry.get_job_ids):
            raise NotFound()
        await asyncio.to_thread(registry.requeue, job_id)
        await record(actor_id=principal.id, action="job.requeued", object_type="job",
                     object_id=job_id)
        return {"id": job_id, "status": "queued"}


    @post("/units/{unit_id:uuid}/corrections", operation_id="requestCorrection",
          description=("Corrects a ledger entry of the unit by booking its reversal, with a "
                       "reason. Below the limit it is applied at once; above it a second "
                       "adviser approves it (POST /backoffice/corrections/{id}/approve). An "
                       "entry already reversed is a 409."), status_code=201,
          summary="Correct a ledger entry by reversing it; above the limit a second adviser approves")
    async def request_correction(self, unit_id: uuid.UUID, data: CorrectionIn,
                                 principal: Principal, request: Request) -> CorrectionOut:
        limit = request.app.state.settings.correction_second_approval_cents
        row = await corrections.request(principal, unit_id, data.entry_id, data.reason, limit)
        return _correction_out(row)

    @post("/corrections/{correction_id:uuid}/approve", operation_id="approveCorrection",
          description=("A second adviser approves a correction above the limit an adviser may "
                       "book alone: the reversal is booked in the unit's journal. The adviser "
                       "who asked cannot approve it (403); a correction already decided is a "
                       "409."),
          status_code=200, summary="Second adviser's approval of a correction (never one's own)")
    async def approve_correction(self, correction_id: uuid.UUID,
                                 principal: Principal) -> CorrectionOut:
        return _correction_out(await corrections.approve(principal, correction_id))

    @post("/reminder-runs", operation_id="runInvoiceReminders",
          description=("Sends the reminders that are due for overdue invoices (as of date, "
                       "default today) and escalates an invoice to an adviser after the last "
                       "reminder. Running it twice the same day sends nothing twice."), status_code=201,
          summary="Send due reminders for overdue invoices; escalate after the last (adviser)")
    async def run_reminders(self, principal: Principal, request: Request,
                            data: SalaryRunIn | None = None) -> ReminderRunOut:
        principal.require("adviser", "admin")
        on = (data.date if data and data.date else None) or dt.date.today()
        check_dates([("date", on)])
        sent, escalated = await reminders.send_reminders(on, request.app.state.quickjob_ports)
        return ReminderRunOut(date=on, reminders_sent=sent, escalated=escalated)


    @get("/quarterly-summary", operation_id="getQuarterlySummary",
          description=("Per worker, for a quarter: contracts, days, gross, social security, "
                       "withholding tax, net and employer cost, for the quarterly declarations. "
                       "JSON, or CSV with format=csv. Advisers only."),
         summary="Per worker: days, gross, contributions, withholding for a quarter (adviser); "
                 "format=csv for the declarations")
    async def quarterly(self, principal: Principal,
                        year: Annotated[int, Parameter(ge=2017, le=2100)],
                        quarter: Annotated[int, Parameter(ge=1, le=4)],
                        format: str = "json") -> Response:
        principal.require("adviser", "admin")
        start = dt.date(year, 3 * quarter - 2, 1)
        end = (dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)) \
            - dt.timedelta(days=1)
        rows = await backoffice_repo.quarterly_summary(start, end)
        lines = [QuarterlyLine(
            person_id=r.person_id,
            name=" ".join(p for p in (r.first_name, r.last_name) if p) or "",
            national_number=r.national_number, contracts=r.contracts, days=r.days or 0,
            gross_cents=r.gross_cents, social_security_cents=r.social_security_cents,
            withholding_cents=r.withholding_cents, net_cents=r.net_cents,
            employer_cost_cents=r.employer_cost_cents or 0,
            special_social_security_cents=r.special_social_security_cents or 0) for r in rows]
        if format == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            fields = [f for f in QuarterlyLine.__struct_fields__]
            writer.writerow(fields)
            for line in lines:
                writer.writerow([getattr(line, f) for f in fields])
            return Response(out.getvalue(), media_type="text/csv", headers={
                "Content-Disposition": f'attachment; filename="summary-{year}-Q{quarter}.csv"'})
        return Response(QuarterlySummary(year=year, quarter=quarter, start=start, end=end,
                                         items=lines))


def timestamp_cursor(cursor: str | None) -> dt.datetime | None:
    """A page cursor this API handed out (an ISO timestamp); anything else is refused."""
    if cursor is None:
        return None
    try:
        return dt.datetime.fromisoformat(cursor)
    except ValueError:
        raise invalid("cursor", "invalid_value") from None


def held_out(row: HoldRow, lang: str) -> HeldPayOut:
    return HeldPayOut(
        id=row.id, kind=row.kind, reason=row.reason, message=holds.hold_text(row, lang),
        status=row.status, person_id=row.person, held_at=row.held_at,
        last_held_at=row.last_held_at, needs_approval=holds.needs_approval(row),
        salary_id=row.salary, quickjob_id=row.quickjob, employment_id=row.employment,
        month=row.month, requested_by=row.requested_by, approved_by=row.approved_by,
        approved_at=row.approved_at, released_at=row.released_at)


def _correction_out(row: CorrectionRow) -> CorrectionOut:
    return CorrectionOut(id=row.id, unit_id=row.unit, entry_id=row.entry,
                         amount_cents=row.amount_cents, reason=row.reason,
                         status=row.status, requested_by=row.requested_by,
                         approved_by=row.approved_by, reversal_entry_id=row.reversal)


def _failed_jobs(queue) -> list[FailedJob]:
    registry = FailedJobRegistry(queue=queue.queue)
    jobs = Job.fetch_many(registry.get_job_ids(0, 199), connection=queue.connection)
    items = []
    for job in jobs:
        if job is None:
            continue
        name, payload = (job.args + (None, None))[:2] if job.args else (None, None)
        result = job.latest_result()
        items.append(FailedJob(id=job.id, job=name, payload=payload, failed_at=job.ended_at,
                               error=(result.exc_string if result else None),
                               retries_left=job.retries_left))
    return items


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


CONTROLLERS = [BackOfficeController]
