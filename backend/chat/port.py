"""The bot's port to the real services (``bot.dialogue``'s ``services``).

Every answer comes from the same services as the API: the QuickJob validators and ``create``,
the one simulation path and the engine's minimum-pay check, invoicing, expenses and their
receipts (the API's checks and storage), the quote e-mail, the people profile service (PATCH
/me's), live QuickJob/salary/unit rows, and the review queue for a hand-off. Their domain errors
come back to the dialogue as field problems in the worker's language.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass

from backend.backoffice import repository as review_queue
from backend.chat import repository as conversations
from backend.engine import EngineInputError, minimum_wage_check
from backend.http.context import Principal
from backend.http.problems import Problem
from backend.people import identity, profile
from backend.people.schemas import MeUpdate
from backend.platform import i18n
from backend.platform.db import unit_of_work
from backend.platform.errors import DomainError
from backend.quickjobs import creation, expenses, invoicing, quote_email, views
from backend.quickjobs import repository as qj_repo
from backend.quickjobs.ports import Ports
from backend.quickjobs.rows import RecentQuickJobRow
from backend.quickjobs.schemas import ClientIn, QuickJobCreate
from backend.rulesets import book as rule_books
from backend.simulations.schemas import ExpenseIn, SimulationRequest
from backend.simulations.service import run_simulation, to_response
from backend.units import service as units
from bot.dialogue import FieldProblem

# API field names (problem+json errors[].field) -> dialogue fields.
FIELD_MAP = [
    (r"^amountCents", "amount_cents"),
    (r"^performanceDates", "dates"),
    (r"^client\.name|^client$", "client_name"),
    (r"^client\.email", "email"),
    (r"^client\.vatNumber", "vat_number"),
    (r"^vatRate|^vatExemption", "vat_rate"),
    (r"^contractType", "contract_type"),
    (r"^function|^description", "function"),
    (r"^firstName", "first_name"), (r"^lastName", "last_name"),
    (r"^nationalNumber", "national_number"), (r"^birthDate", "birth_date"),
    (r"^address", "address"), (r"^iban", "iban"),
]
RECENT = 3  # status answers cover the most recent QuickJobs
JOBS = 10  # the QuickJobs an invoice or an expense by conversation can name
# What the services refuse with: said back to the worker as a field problem.
REFUSALS = (DomainError, Problem, EngineInputError)
ENDED = ("cancelled", "rejected", "declined")

# What the dialogue can ask for itself (a BIC, needed only for a SEPA IBAN outside the EEA,
# stays with the app's profile screen: the status answer reminds the worker).
ASKABLE = ("first_name", "last_name", "national_number", "birth_date", "address", "iban")


def dialogue_field(api_field: str) -> str | None:
    for pattern, name in FIELD_MAP:
        if re.search(pattern, api_field):
            return name
    return None


def as_field_problem(exc: Exception, lang: str) -> FieldProblem:
    if isinstance(exc, EngineInputError):
        return FieldProblem(dialogue_field(exc.field), exc.message(lang))
    assert isinstance(exc, (DomainError, Problem))  # Problem: people's rules (membership, profile)
    if exc.errors:
        first = exc.errors[0]
        return FieldProblem(dialogue_field(first.field), i18n.t(first.code, lang, **first.params))
    return FieldProblem(None, i18n.t(exc.code, lang, **exc.params))


def _expenses(fields: dict) -> list[ExpenseIn]:
    return [ExpenseIn(e["amount_cents"], e["category"]) for e in fields.get("expenses") or []]


def quickjob_create(fields: dict) -> QuickJobCreate:
    vat_number = fields.get("vat_number")
    return QuickJobCreate(
        function=fields["function"], description=fields["function"],
        performance_dates=[dt.date.fromisoformat(d) for d in fields["dates"]],
        amount_cents=fields["amount_cents"], vat_rate=fields["vat_rate"],
        vat_included=bool(fields.get("vat_included")), vat_exemption=fields.get("vat_exemption"),
        contract_type=fields["contract_type"], expenses=_expenses(fields),
        client=ClientIn(name=fields["client_name"], email=fields.get("email"), vat_number=vat_number,
                        country=vat_number[:2] if vat_number and vat_number[:2] != "EL" else "BE"),
    )


def _figures(sim) -> dict:
    return {"turnover_cents": sim.turnover_cents, "vat_cents": sim.vat_cents,
            "total_cents": sim.total_incl_vat_cents, "contribution_cents": sim.contribution_cents,
            "expenses_cents": sim.expenses_cents, "gross_cents": sim.gross_cents,
            "net_cents": sim.net_cents, "pay_date": sim.pay_date}


def _job_line(job: RecentQuickJobRow) -> dict:
    return {"id": str(job.id), "function": job.function, "client": job.client_name,
            "status": job.status, "dates": [d.isoformat() for d in job.performance_dates]}


@dataclass
class ServicesPort:
    principal: Principal
    ports: Ports
    conversation_id: uuid.UUID
    today: dt.date
    channel: str = "api"

    # A QuickJob: preview, money question, minimum pay, creation -------------------------------

    async def preview(self, fields: dict, lang: str) -> dict:
        """The summary figures, after the API's own validation of every field."""
        try:
            data = quickjob_create(fields)
            creation.validate_create(data, self.today)
            sim = to_response(run_simulation(self._request(data)), lang)
        except REFUSALS as exc:
            raise as_field_problem(exc, lang) from exc
        return _figures(sim)

    @staticmethod
    def _request(data: QuickJobCreate) -> SimulationRequest:
        return SimulationRequest(
            performance_dates=data.performance_dates, amount_cents=data.amount_cents,
            vat_rate=data.vat_rate, vat_included=data.vat_included,
            vat_exemption=data.vat_exemption, contract_type=data.contract_type,
            expenses=data.expenses, client_country=data.client.country)

    async def simulate(self, fields: dict, lang: str) -> dict:
        """A money question: the one simulation path, creating nothing. Without dates, one
        working day (today) is simulated."""
        try:
            sim = run_simulation(SimulationRequest(
                performance_dates=[dt.date.fromisoformat(d) for d in fields.get("dates") or []]
                or [self.today], amount_cents=fields["amount_cents"], vat_rate=fields["vat_rate"],
                vat_included=bool(fields.get("vat_included")), contract_type=fields["contract_type"],
                expenses=_expenses(fields)))
        except EngineInputError as exc:
            raise as_field_problem(exc, lang) from exc
        return _figures(sim)

    async def minimum_check(self, fields: dict, lang: str) -> dict:
        """The engine's verdict on the pay for the days (``minimum_wage_check``): each day's share
        of the gross against the legal minimum per hour of the contract type on that day. The bot
        does not ask the hours, so a day counts the fewest paid hours the rule set allows
        (``platform.minimum_paid_hours_per_day``): only pay too low for any day is questioned."""
        try:
            data = quickjob_create(fields)
            sim = run_simulation(self._request(data))
            days = sorted(set(data.performance_dates))
            share, extra = divmod(sim.gross_cents, len(days))
            book = await rule_books.current()  # shipped + approved rule sets
            for i, day in enumerate(days):
                rs, _ = book.for_date("BE", "smart", day)
                check = minimum_wage_check(share + (extra if i == 0 else 0),
                                           rs.platform_min_paid_hours, day,
                                           contract_type=data.contract_type, rules=book)
                if check.below:
                    return {"below": True, "message": check.messages[lang]}
        except REFUSALS:
            pass  # the summary reports the field problem
        return {"below": False, "message": ""}

    async def create(self, fields: dict, lang: str) -> dict:
        """One QuickJob per conversation: the row lock and the stored id make a second yes (even a
        concurrent one) answer with the first QuickJob."""
        try:
            async with unit_of_work():
                existing = await conversations.lock_quickjob(self.conversation_id)
                if existing is None:
                    created = await creation.create(self.principal, quickjob_create(fields),
                                                    self.ports, lang)
                    await conversations.set_quickjob(self.conversation_id, created.job.id)
                    job, quote = created.job, created.quote
                else:  # a second yes: the QuickJob the first one made
                    job = await qj_repo.get_quickjob(existing)
                    quote = await qj_repo.quote_for(existing)
        except REFUSALS as exc:
            raise as_field_problem(exc, lang) from exc
        sent = job.status == "quote_sent"  # in review: nothing goes to the client yet
        return {"id": str(job.id), "quote": quote.number, "status": job.status,
                "accept_url": self.ports.accept_url(quote.id) if sent else None,
                "sent_to": job.client_email if sent else None}

    async def email_quote(self, job_id: str, email: str, lang: str) -> dict:
        """The client's address given after the creation: set on the QuickJob's client (the
        worker's own only) and the quote e-mail queued (outbox); in review, sent on approval."""
        try:
            result = await quote_email.email_quote(self.principal, uuid.UUID(job_id), email,
                                                   self.ports)
        except REFUSALS as exc:
            raise as_field_problem(exc, lang) from exc
        return {"status": result.status, "sent_to": result.sent_to, "accept_url": result.accept_url}

    # After the creation: the worker's QuickJobs, invoice, expenses, receipts ---------------------

    async def _recent(self, limit: int) -> list[RecentQuickJobRow]:
        async with unit_of_work():
            return await qj_repo.recent_quickjobs(self.principal.id, limit)

    async def jobs(self, lang: str) -> list[dict]:
        """The worker's recent QuickJobs (one query), for an invoice or an expense by
        conversation."""
        return [_job_line(job) for job in await self._recent(JOBS)]

    async def issue_invoice(self, job_id: str, lang: str) -> dict:
        try:
            invoice = await invoicing.issue_invoice(self.principal, uuid.UUID(job_id), self.ports)
            async with unit_of_work():
                job = await qj_repo.get_quickjob(invoice.quickjob)
        except REFUSALS as exc:
            raise as_field_problem(exc, lang) from exc
        return {"number": invoice.number, "structured_communication": invoice.structured_communication,
                "total_cents": invoice.total_cents, "due_date": invoice.due_date,
                "sent_to": job.client_email}

    def _receipt(self, attachment: dict | None, lang: str) -> tuple[bytes | None, str | None]:
        """The bytes of a photo the channel kept for this conversation (``upload:<key>``)."""
        if not attachment:
            return None, None
        ref = attachment.get("ref") or ""
        if not ref.startswith("upload:"):
            raise FieldProblem(None, i18n.t("receipt_type", lang))
        return self.ports.storage.open(ref[len("upload:"):]), attachment["contentType"]

    async def add_expense(self, job_id: str, expense: dict, attachment: dict | None,
                          lang: str) -> dict:
        """An expense line, with its receipt photo when one came with it (the API's use case:
        the same checks and the same storage)."""
        receipt, receipt_type = self._receipt(attachment, lang)
        try:
            row = await expenses.add_expense(
                self.principal, uuid.UUID(job_id), expense["amount_cents"], expense["category"],
                None, None, receipt, receipt_type, self.ports)
        except REFUSALS as exc:
            raise as_field_problem(exc, lang) from exc
        return {"id": str(row.id), "receipt": row.receipt_key is not None}

    async def attach_receipt(self, expense_id: str, attachment: dict, lang: str) -> dict:
        """The receipt photo of an expense added before it (the expenses service: the same
        checks and storage key as an upload with the expense)."""
        receipt, receipt_type = self._receipt(attachment, lang)
        try:
            row = await expenses.attach_receipt(self.principal, uuid.UUID(expense_id), receipt,
                                                receipt_type, self.ports)
        except REFUSALS as exc:
            raise as_field_problem(exc, lang) from exc
        return {"stored": row.receipt_key is not None}

    # Identity just in time -------------------------------------------------------------------

    async def identity_missing(self, steps: list[str], lang: str) -> list[str]:
        """What the worker's profile lacks for ``steps``, in the order to ask it."""
        async with unit_of_work():
            person = await profile.get_person(self.principal.id)
        out: list[str] = []
        for step in steps:
            out += [name for name in identity.missing_for(person, step)
                    if name in ASKABLE and name not in out]
        return out

    async def save_identity(self, values: dict, lang: str) -> None:
        """Saved through the profile service of PATCH /me (its checks, its audit)."""
        try:
            await profile.update_me(self.principal.id, MeUpdate(**values))
        except REFUSALS as exc:
            raise as_field_problem(exc, lang) from exc

    # Status answers, hand-off ----------------------------------------------------------------

    async def status(self, kind: str, lang: str) -> list[dict]:
        async with unit_of_work():
            if kind == "unit":
                return await self._units()
            jobs = [j for j in await qj_repo.recent_quickjobs(self.principal.id, JOBS)
                    if j.status not in ENDED][:RECENT]
            if not jobs:
                return [{"key": "status.no_quickjobs"}]
            answers: list[dict] = []
            for job in jobs:
                answers += await getattr(self, f"_{kind}")(job)
            return _dedupe(answers)

    async def _units(self) -> list[dict]:
        found = await units.units_of(self.principal.id)
        if not found:
            return [{"key": "status.no_unit"}]
        return [{"key": "status.unit", "name": u.name, "balance_cents": u.balance} for u in found]

    async def _client_paid(self, job: RecentQuickJobRow) -> list[dict]:
        base = {"client": job.client_name, "function": job.function}
        if await qj_repo.cash_collection_for(job.id):
            return [{"key": "status.client_paid.cash", **base}]
        invoice = await qj_repo.live_invoice(job.id)
        if invoice is None:
            return [{"key": "status.client_paid.no_invoice", "status": job.status, **base}]
        if invoice.status == "paid":
            return [{"key": "status.client_paid.paid", "amount_cents": invoice.total_cents, **base}]
        return [{"key": "status.client_paid.open", "due": invoice.due_date,
                 "amount_cents": invoice.total_cents - invoice.paid_cents, **base}]

    async def _salary(self, job: RecentQuickJobRow) -> list[dict]:
        base = {"client": job.client_name, "function": job.function}
        salary = await qj_repo.salary_for(job.id)
        if salary is None:
            return [{"key": "status.salary.planned", "pay_date": job.pay_date,
                     "net_cents": job.simulation["net_cents"], **base}]
        key = "status.salary.paid" if salary.status == "paid" else "status.salary.scheduled"
        return [{"key": key, "pay_date": salary.pay_date, "net_cents": salary.net_cents, **base}]

    async def _payslip(self, job: RecentQuickJobRow) -> list[dict]:
        salary = await qj_repo.salary_for(job.id)
        if salary and salary.payslip_key:
            return [{"key": "status.payslip", "function": job.function,
                     "url": views.document_url(job.id, "payslip.pdf")}]
        return [{"key": "status.no_payslip"}]

    async def _contract(self, job: RecentQuickJobRow) -> list[dict]:
        contract = await qj_repo.contract_for(job.id)
        if contract is None:
            return [{"key": "status.no_contract"}]
        return [{"key": "status.contract", "function": job.function, "status": contract.status,
                 "url": views.document_url(job.id, "contract.pdf")}]

    async def handoff(self, transcript: list, lang: str, reason: str) -> str:
        """A review-queue item for an adviser, with the (already minimised) transcript, which the
        back office shows (GET /backoffice/review-items/{id})."""
        review_id = uuid.uuid4()
        async with unit_of_work():
            await review_queue.insert_review_item(
                review_id=review_id, person=self.principal.id, kind="bot_handoff",
                reasons=[reason], context={
                    "conversationId": str(self.conversation_id), "channel": self.channel,
                    "language": lang, "transcript": transcript})
        return str(review_id)[:8].upper()


def _dedupe(items: list[dict]) -> list[dict]:
    seen, out = set(), []
    for item in items:
        key = json.dumps(item, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
