"""The QuickJob flow (domain.md §1, seed 000:697-707): quote → order → contract → invoice or
cash collection → payment → salary. Each public function is one unit of work; every binding
event posts balanced entries to the worker's unit; every state change is audited and timed.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import re
import uuid
from dataclasses import dataclass

from stdnum import exceptions as stdnum_errors
from stdnum.eu import vat as eu_vat

from backend.audit.service import record
from backend.clients import repository as clients
from backend.db import unit_of_work
from backend.engine import (
    PlatformShift,
    Simulation,
    SimulationInput,
    check_platform_work,
    simulate,
)
from backend.engine.ogm import make_ogm
from backend.formatting import Money, format_date, format_money, money_texts
from backend.http.context import Principal
from backend.http.problems import FieldError, NotFound, Problem, invalid
from backend.jobs import outbox
from backend.notifications.service import notify
from backend.people import service as people
from backend.quickjobs import documents, postings
from backend.quickjobs import repository as repo
from backend.quickjobs.policy import policy_on
from backend.quickjobs.schemas import ClientIn, QuickJobCreate
from backend.simulations.schemas import ExpenseIn
from backend.simulations.service import from_snapshot, to_snapshot
from backend.units import ledger
from backend.units import service as units

LEGAL_ENTITY = "smart"
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
RECEIPT_TYPES = {"image/jpeg", "image/png", "image/heic", "application/pdf"}
RECEIPT_MAX_BYTES = 10 * 1024 * 1024

# Statuses, in the order a QuickJob normally moves through them.
IN_REVIEW, QUOTE_SENT, ACCEPTED, INVOICED, PAID = "in_review", "quote_sent", "accepted", "invoiced", "paid"
SALARY_PAID, DECLINED, REJECTED, CANCELLED = "salary_paid", "declined", "rejected", "cancelled"


@dataclass(frozen=True)
class Ports:
    """Outside services, injected: file storage (documents, receipts) and the public base URL."""

    storage: object
    public_base_url: str
    secret_key: str

    def quote_token(self, quote_id: uuid.UUID) -> str:
        """Unguessable without the server secret, re-derivable so the worker can share it again;
        only its hash is stored, and it expires with the quote (valid_until)."""
        digest = hmac.new(self.secret_key.encode(), f"quote:{quote_id}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()

    def accept_url(self, quote_id: uuid.UUID) -> str:
        return f"{self.public_base_url}/api/v1/public/quotes/{self.quote_token(quote_id)}"


def today() -> dt.date:
    return dt.date.today()


# Validation -----------------------------------------------------------------------------------

def _text(errors: list[FieldError], field: str, value: str | None, max_len: int) -> None:
    if value is None or not value.strip() or len(value) > max_len:
        errors.append(FieldError(field, "text_required", {"max": max_len}))


def _check_client(errors: list[FieldError], client: ClientIn) -> None:
    _text(errors, "client.name", client.name, 200)
    if client.email is not None and not EMAIL_RE.match(client.email):
        errors.append(FieldError("client.email", "email_invalid"))
    if not re.fullmatch(r"[A-Za-z]{2}", client.country or ""):
        errors.append(FieldError("client.country", "country_invalid"))
    if client.vat_number is not None:
        try:
            eu_vat.validate(client.vat_number)
        except stdnum_errors.ValidationError:
            errors.append(FieldError("client.vatNumber", "vat_number_invalid"))
    if client.language is not None and client.language not in ("nl", "fr", "en"):
        errors.append(FieldError("client.language", "language_invalid"))
    if client.address is not None and len(client.address) > 500:
        errors.append(FieldError("client.address", "text_required", {"max": 500}))


def validate_create(data: QuickJobCreate, on: dt.date) -> None:
    """Field checks the engine does not do; raises one 422 listing every bad field."""
    errors: list[FieldError] = []
    if (data.client is None) == (data.client_id is None):
        errors.append(FieldError("client", "client_required"))
    if data.client is not None:
        _check_client(errors, data.client)
    _text(errors, "function", data.function, 120)
    _text(errors, "description", data.description, 2000)
    for i, day in enumerate(data.performance_dates):
        if day < on:
            errors.append(FieldError(f"performanceDates[{i}]", "date_in_past", {"date": day.isoformat()}))
        elif day > on + dt.timedelta(days=366):
            errors.append(FieldError(f"performanceDates[{i}]", "date_too_far", {"date": day.isoformat()}))
    if data.hours_per_day is not None and not 1 <= data.hours_per_day <= 12:
        errors.append(FieldError("hoursPerDay", "hours_invalid"))
    if data.sector is not None and data.sector not in policy_on(on).sectors_needing_conditions \
            and data.sector not in ("general",):
        errors.append(FieldError("sector", "sector_unknown"))
    if errors:
        raise Problem(422, "validation_failed", errors=errors)


def engine_input(data: QuickJobCreate, expenses: list[ExpenseIn] | None = None) -> SimulationInput:
    from backend.engine import ExpenseInput

    return SimulationInput(
        performance_dates=tuple(data.performance_dates),
        amount_cents=data.amount_cents,
        vat_included=data.vat_included,
        vat_rate=data.vat_rate,
        vat_exemption=data.vat_exemption,
        contract_type=data.contract_type,
        withholding_rate=data.withholding_rate,
        expenses=tuple(ExpenseInput(e.amount_cents, e.category)
                       for e in (data.expenses if expenses is None else expenses)),
        client_country=(data.client.country if data.client else "BE"),
        legal_entity=LEGAL_ENTITY,
    )


def review_reasons(data: QuickJobCreate, sim: Simulation, on: dt.date) -> list[dict]:
    """Rules, not people, validate standard cases (seed 003:91, 003:121); these go to a human."""
    policy = policy_on(on)
    reasons = []
    if sim.turnover_cents > policy.review_amount_threshold_cents:
        reasons.append({"code": "review.amount_above_threshold",
                        "params": {"threshold": money_texts(policy.review_amount_threshold_cents)}})
    function = data.function.lower()
    if any(risky in function for risky in policy.risky_functions):
        reasons.append({"code": "review.risky_function", "params": {"function": data.function}})
    if data.sector in policy.sectors_needing_conditions:
        reasons.append({"code": "review.sector_conditions",
                        "params": {"condition": policy.sectors_needing_conditions[data.sector]}})
    if data.platform_work:
        days = sorted(set(data.performance_dates))
        per_day, extra = divmod(sim.gross_cents, len(days))
        shifts = [PlatformShift(day, (data.hours_per_day or 0) * 60, per_day + (extra if i == 0 else 0))
                  for i, day in enumerate(days)]
        for violation in check_platform_work(shifts, legal_entity=LEGAL_ENTITY):
            reasons.append({"code": "review.platform_minimum",
                            "params": {"detail": violation.messages}})
    return reasons


def reason_text(reason: dict, lang: str) -> str:
    """A review reason in the reader's language (params may carry their own translations)."""
    from backend import i18n

    params = {k: (v.get(lang) or v.get("nl")) if isinstance(v, dict) else v
              for k, v in reason.get("params", {}).items()}
    return i18n.t(reason["code"], lang, **params)


def _simulation_snapshot(sim: Simulation) -> dict:
    return to_snapshot(sim)


# Creation -------------------------------------------------------------------------------------

async def create(principal: Principal, data: QuickJobCreate, ports: Ports,
                 language: str) -> uuid.UUID:
    on = today()
    validate_create(data, on)
    sim = simulate(engine_input(data))  # EngineInputError -> 422 naming the field
    reasons = review_reasons(data, sim, on)
    policy = policy_on(on)
    quickjob_id = uuid.uuid4()
    async with unit_of_work():
        await people.check_can_perform(principal.id)
        person = await people.get_person(principal.id)
        unit = await units.personal_unit_for(principal.id)
        client = await _client_for(principal, data)
        status = IN_REVIEW if reasons else QUOTE_SENT
        await repo.insert_quickjob(
            id=quickjob_id, person=principal.id, unit=unit["id"], client=client["id"],
            function=data.function.strip(), description=data.description.strip(),
            performance_dates=sorted(data.performance_dates), amount_cents=data.amount_cents,
            vat_included=data.vat_included, vat_rate=data.vat_rate,
            vat_exemption=data.vat_exemption, contract_type=data.contract_type,
            withholding_rate=data.withholding_rate, paid_in_cash=data.paid_in_cash,
            status=status, simulation=_simulation_snapshot(sim), rule_set=sim.rule_set,
            pay_date=sim.pay_date, review_reasons=[r["code"] for r in reasons],
            language=client["language"],
        )
        for expense in data.expenses:
            await repo.insert_row("expense", id=uuid.uuid4(), quickjob=quickjob_id,
                                  amount_cents=expense.amount_cents, category=expense.category)
        job = await repo.get_quickjob(quickjob_id)
        # PDFs are made after the request (worker), or on first download, whichever is first.
        await outbox.add("document.render", {"quickjobId": str(quickjob_id), "document": "quote"},
                         dedupe_key=f"render:quote:{quickjob_id}")
        await _planned_contract(job, sim)
        await people.record_performance(principal.id, str(quickjob_id))
        await repo.add_event(quickjob_id, "created", {"ruleSet": sim.rule_set})
        if reasons:
            await repo.insert_row("review_item", id=uuid.uuid4(), quickjob=quickjob_id,
                                  person=principal.id, kind="quickjob",
                                  reasons=[r["code"] for r in reasons],
                                  context=json.dumps({"reasons": reasons}))
            await repo.add_event(quickjob_id, "review_requested",
                                 {"reasons": [r["code"] for r in reasons]})
        # The gap-free quote number locks one counter row for every creation until the
        # commit: taken last, so creations queue on it for as few statements as possible.
        quote_id = uuid.uuid4()
        quote_number = f"Q{on.year}-{await repo.next_number(LEGAL_ENTITY, 'quote', on.year):06d}"
        clauses = {
            "depositPercent": str(policy.deposit_percent),
            "cancellationFeePercent": str(policy.cancellation_fee_percent),
            "noticePeriodDays": policy.notice_period_days,
        }
        accept_url = ports.accept_url(quote_id)
        await repo.insert_quote(
            id=quote_id, quickjob=quickjob_id, number=quote_number, issue_date=on,
            valid_until=on + dt.timedelta(days=policy.quote_validity_days),
            accept_token_hash=_hash_token(ports.quote_token(quote_id)), pdf_key=None,
            clauses=clauses,
        )
        if not reasons:
            await _send_quote(job, person, quote_number, accept_url, sim)
        await notify_worker(job, person, "review_requested" if reasons else "quote_sent")
        await record(actor_id=principal.id, action="quickjob.created", object_type="quickjob",
                     object_id=quickjob_id, after={"status": status, "amountCents": data.amount_cents,
                                                   "quote": quote_number, "ruleSet": sim.rule_set})
    return quickjob_id


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def _client_for(principal: Principal, data: QuickJobCreate) -> dict:
    if data.client_id is not None:
        client = await clients.get(data.client_id)
        if client is None or not (principal.is_staff or await clients.used_by(client["id"], principal.id)):
            raise invalid("clientId", "client_unknown")
        return client
    given = data.client
    vat_number = eu_vat.compact(given.vat_number) if given.vat_number else None
    email = given.email.lower() if given.email else None
    existing = await clients.find(vat_number, email)
    if existing:
        return existing
    company_number = vat_number[2:] if vat_number and vat_number.startswith("BE") else None
    return await clients.insert(
        name=given.name.strip(), email=email, vat_number=vat_number, company_number=company_number,
        country=given.country.upper(), address=given.address,
        language=given.language or _guess_language(given.country), created_by=principal.id,
    )


def _guess_language(country: str) -> str:
    return {"BE": "nl", "NL": "nl", "FR": "fr", "LU": "fr"}.get(country.upper(), "en")


async def _planned_contract(job: dict, sim: Simulation) -> None:
    """The contract is planned now; its PDF is made once it is declared (final gross known)."""
    await repo.insert_row("contract", id=uuid.uuid4(), quickjob=job["id"], person=job["person"],
                          contract_type=job["contract_type"], function=job["function"],
                          work_dates=job["performance_dates"], gross_cents=sim.gross_cents,
                          withholding_rate=job["withholding_rate"], pdf_key=None)


async def render_document(quickjob_id: uuid.UUID, document: str, ports: Ports) -> str | None:
    """Make the quote or contract PDF if it is not there yet; returns its storage key.

    Idempotent and safe to race: the row is locked, and a second caller finds the key set.
    The contract PDF exists only once the contract is declared (its gross is final then).
    """
    async with unit_of_work():
        job = await repo.get_quickjob(quickjob_id, for_update=True)
        if job is None:
            return None
        person = await people.get_person(job["person"])
        sim = _stored_simulation(job)
        if document == "quote":
            quote = await repo.quote_for(quickjob_id)
            if quote["pdf_key"]:
                return quote["pdf_key"]
            pdf = documents.quote_pdf(job, person, sim, quote["number"], quote["issue_date"],
                                      quote["valid_until"], quote["clauses"],
                                      ports.accept_url(quote["id"]))
            key = ports.storage.save(f"quotes/{quickjob_id}.pdf", pdf, "application/pdf")
            await repo.set_quote_pdf(quote["id"], key)
            return key
        contract = await repo.contract_for(quickjob_id)
        if contract is None or contract["pdf_key"]:
            return contract["pdf_key"] if contract else None
        if contract["status"] not in ("declared", "completed"):
            return None
        pdf = documents.contract_pdf(job, person, sim)
        key = ports.storage.save(f"contracts/{quickjob_id}.pdf", pdf, "application/pdf")
        await repo.update_contract(contract["id"], pdf_key=key)
        return key


async def _send_quote(job: dict, person: dict, number: str, accept_url: str, sim: Simulation) -> None:
    await repo.add_event(job["id"], "quote_sent", {"number": number})
    if job["client_email"]:
        await notify(key=f"quote:{job['id']}", channel="email", to=job["client_email"],
                     template="quote_to_client", language=job["client_language"],
                     params={"number": number, "worker": _name(person),
                             "amount": format_money(sim.total_incl_vat_cents, job["client_language"]),
                             "url": accept_url})


def _name(person: dict) -> str:
    full = " ".join(p for p in (person.get("first_name"), person.get("last_name")) if p)
    return full or (person.get("email") or person.get("phone") or "")


async def notify_worker(job: dict, person: dict, event: str) -> None:
    from backend import i18n

    lang = person.get("language") or "nl"
    to, channel = (person["email"], "email") if person.get("email") else (person["phone"], "sms")
    await notify(key=f"qj:{job['id']}:{event}", channel=channel, to=to, template="quickjob_update",
                 language=lang, params={"function": job["function"], "client": job["client_name"],
                                        "event": i18n.t(f"event.{event}", lang)})


# Reading --------------------------------------------------------------------------------------

async def get_for(principal: Principal, quickjob_id: uuid.UUID) -> dict:
    job = await repo.get_quickjob(quickjob_id)
    if job is None or (job["person"] != principal.id and not principal.is_staff):
        raise NotFound()  # another worker's QuickJob does not exist for you
    return job


async def _owned_for_update(principal: Principal, quickjob_id: uuid.UUID) -> dict:
    job = await repo.get_quickjob(quickjob_id, for_update=True)
    if job is None or (job["person"] != principal.id and not principal.is_staff):
        raise NotFound()
    return job


def _require(job: dict, *statuses: str) -> None:
    if job["status"] == IN_REVIEW and IN_REVIEW not in statuses:
        raise Problem(409, "under_review")
    if job["status"] not in statuses:
        raise Problem(409, "wrong_state", status=job["status"])


# The client's answer ----------------------------------------------------------------------------

async def public_quote(token: str) -> tuple[dict, dict, dict]:
    quote = await repo.quote_by_token_hash(_hash_token(token))
    if quote is None or quote["valid_until"] < today():
        raise Problem(404, "quote_link_invalid")
    job = await repo.get_quickjob(quote["quickjob"])
    person = await people.get_person(job["person"])
    return quote, job, person


async def accept_quote(token: str, client_ip: str | None, ports: Ports) -> dict:
    async with unit_of_work():
        quote = await repo.quote_by_token_hash(_hash_token(token), for_update=True)
        if quote is None or quote["valid_until"] < today():
            raise Problem(404, "quote_link_invalid")
        job = await repo.get_quickjob(quote["quickjob"], for_update=True)
        if quote["status"] == "accepted":
            return await repo.order_for(job["id"])  # the client clicked twice: same order
        _require(job, QUOTE_SENT)
        _check_not_started(job)
        order = await _confirm_order(job, quote, "client_link", None, client_ip, actor=None)
    return order


async def decline_quote(token: str, reason: str | None) -> None:
    async with unit_of_work():
        quote = await repo.quote_by_token_hash(_hash_token(token), for_update=True)
        if quote is None or quote["valid_until"] < today():
            raise Problem(404, "quote_link_invalid")
        job = await repo.get_quickjob(quote["quickjob"], for_update=True)
        _require(job, QUOTE_SENT)
        await repo.set_quote_status(quote["id"], "declined", (reason or "")[:500] or None)
        await repo.update_quickjob(job["id"], status=DECLINED)
        await _cancel_contract(job, actor=None)
        await repo.add_event(job["id"], "quote_declined", {"reason": reason})
        await notify_worker(job, await people.get_person(job["person"]), "quote_declined")
        await record(actor_id=None, action="quote.declined", object_type="quickjob",
                     object_id=job["id"], before={"status": job["status"]},
                     after={"status": DECLINED, "reason": reason})


async def attest_order(principal: Principal, quickjob_id: uuid.UUID, signed_order: bytes,
                       content_type: str, ports: Ports) -> dict:
    _check_upload(signed_order, content_type, "signedOrder")
    async with unit_of_work():
        job = await _owned_for_update(principal, quickjob_id)
        _require(job, QUOTE_SENT)
        _check_not_started(job)
        quote = await repo.quote_for(job["id"])
        key = ports.storage.save(f"orders/{job['id']}{_extension(content_type)}", signed_order,
                                 content_type)
        return await _confirm_order(job, quote, "worker_attested", key, None, actor=principal.id)


def _check_not_started(job: dict) -> None:
    """Dimona must precede the work (domain.md §5): an order after the first day is too late."""
    if min(job["performance_dates"]) < today():
        raise Problem(409, "too_late_to_declare", date=min(job["performance_dates"]).isoformat())


async def _confirm_order(job: dict, quote: dict, source: str, signed_key: str | None,
                         client_ip: str | None, actor: uuid.UUID | None) -> dict:
    """Binding: the order makes the guarantee fund's promise; the contract is declared and the
    salary scheduled 7 working days after the last day worked (001:111, 000:339)."""
    await repo.set_quote_status(quote["id"], "accepted")
    order = await repo.insert_order(id=uuid.uuid4(), quickjob=job["id"], quote=quote["id"],
                                    source=source, signed_order_key=signed_key, client_ip=client_ip)
    await repo.add_event(job["id"], "quote_accepted" if source == "client_link" else "order_attested",
                         {"source": source})
    await repo.update_quickjob(job["id"], status=ACCEPTED)
    sim = _stored_simulation(job)
    contract = await repo.contract_for(job["id"])
    await repo.update_contract(contract["id"], status="declared", gross_cents=sim.gross_cents)
    for work_date in job["performance_dates"]:  # day contracts: one Dimona per working day
        dimona_id = uuid.uuid4()
        await repo.insert_row("dimona", id=dimona_id, contract=contract["id"], work_date=work_date)
        await outbox.add("dimona.declare", {"dimonaId": str(dimona_id)},
                         dedupe_key=f"dimona:{dimona_id}")
    await repo.add_event(job["id"], "contract_declared", {"days": len(job["performance_dates"])})
    await outbox.add("document.render", {"quickjobId": str(job["id"]), "document": "contract"},
                     dedupe_key=f"render:contract:{job['id']}")
    await ledger.post_entry(
        job["unit"], "labour_cost", f"Labour cost {job['function']}",
        postings.labour_cost(sim.employer_cost_cents, sim.gross_cents, sim.social_security_cents,
                             sim.withholding_tax_cents, sim.net_cents)
        + postings.expenses(sim.expenses_cents),
        effective_date=max(job["performance_dates"]), reference=f"contract:{contract['id']}",
        actor_id=actor,
    )
    await repo.insert_row("salary_payment", id=uuid.uuid4(), contract=contract["id"],
                          quickjob=job["id"], person=job["person"], pay_date=sim.pay_date,
                          gross_cents=sim.gross_cents,
                          social_security_cents=sim.social_security_cents,
                          withholding_cents=sim.withholding_tax_cents, net_cents=sim.net_cents,
                          expenses_cents=sim.expenses_cents)
    await repo.add_event(job["id"], "salary_scheduled", {"payDate": sim.pay_date.isoformat(),
                                                         "netCents": sim.net_cents})
    await notify_worker(job, await people.get_person(job["person"]), "quote_accepted")
    await record(actor_id=actor, action="order.confirmed", object_type="quickjob",
                 object_id=job["id"], before={"status": job["status"]},
                 after={"status": ACCEPTED, "source": source, "payDate": sim.pay_date.isoformat()})
    return order


def _stored_simulation(job: dict) -> Simulation:
    return from_snapshot(job["simulation"])


# Expenses ---------------------------------------------------------------------------------------

def _check_upload(data: bytes, content_type: str, field: str) -> None:
    if content_type not in RECEIPT_TYPES:
        raise invalid(field, "receipt_type")
    if len(data) > RECEIPT_MAX_BYTES:
        raise invalid(field, "receipt_size", max_mb=RECEIPT_MAX_BYTES // (1024 * 1024))
    if not data:
        raise invalid(field, "receipt_type")


def _extension(content_type: str) -> str:
    return {"image/jpeg": ".jpg", "image/png": ".png", "image/heic": ".heic",
            "application/pdf": ".pdf"}[content_type]


async def add_expense(principal: Principal, quickjob_id: uuid.UUID, amount_cents: int,
                      category: str, spent_on: dt.date | None, description: str | None,
                      receipt: bytes | None, receipt_type: str | None, ports: Ports) -> dict:
    if receipt is not None:
        _check_upload(receipt, receipt_type or "", "receipt")
    async with unit_of_work():
        job = await _owned_for_update(principal, quickjob_id)
        _require(job, QUOTE_SENT, IN_REVIEW)  # before the order: the simulation may still change
        current = [ExpenseIn(e["amount_cents"], e["category"]) for e in await repo.expenses_for(job["id"])]
        data = _as_create(job)
        sim = simulate(engine_input(data, [*current, ExpenseIn(amount_cents, category)]))
        expense_id = uuid.uuid4()
        key = None
        if receipt is not None:
            key = ports.storage.save(f"receipts/{job['id']}/{expense_id}{_extension(receipt_type)}",
                                     receipt, receipt_type)
        row = await repo.insert_row("expense", id=expense_id, quickjob=job["id"],
                                    amount_cents=amount_cents, category=category, spent_on=spent_on,
                                    description=description, receipt_key=key,
                                    receipt_content_type=receipt_type if key else None)
        await repo.update_quickjob(job["id"], simulation=_simulation_snapshot(sim),
                                   pay_date=sim.pay_date)
        contract = await repo.contract_for(job["id"])
        await repo.update_contract(contract["id"], gross_cents=sim.gross_cents)
        await repo.add_event(job["id"], "expense_added", {"amountCents": amount_cents,
                                                           "category": category})
        await record(actor_id=principal.id, action="expense.added", object_type="quickjob",
                     object_id=job["id"], after={"expenseId": str(expense_id),
                                                 "amountCents": amount_cents, "category": category})
        return row


def _as_create(job: dict) -> QuickJobCreate:
    return QuickJobCreate(
        function=job["function"], description=job["description"],
        performance_dates=list(job["performance_dates"]), amount_cents=job["amount_cents"],
        client_id=job["client"], vat_rate=job["vat_rate"], vat_included=job["vat_included"],
        vat_exemption=job["vat_exemption"], contract_type=job["contract_type"],
        withholding_rate=job["withholding_rate"], paid_in_cash=job["paid_in_cash"],
    )


# Invoice, credit note, cash ---------------------------------------------------------------------

async def issue_invoice(principal: Principal, quickjob_id: uuid.UUID, ports: Ports) -> dict:
    on = today()
    async with unit_of_work():
        job = await _owned_for_update(principal, quickjob_id)
        if await repo.live_invoice(job["id"]) is not None:
            raise Problem(409, "already_invoiced")
        _require(job, ACCEPTED)
        sim = _stored_simulation(job)
        sequence = await repo.next_number(LEGAL_ENTITY, "invoice", on.year)
        number = f"{on.year}/{sequence:06d}"
        # OGM: year and sequence make a unique 10-digit reference for bank matching.
        communication = make_ogm(on.year % 100 * 10**8 + sequence)
        due = on + dt.timedelta(days=policy_on(on).payment_term_days)
        invoice_id = uuid.uuid4()
        person = await people.get_person(job["person"])
        entity = await units.legal_entity(LEGAL_ENTITY)
        pdf, ubl = documents.invoice_files(job, person, entity, sim, number, on, due, communication,
                                           kind="invoice", credited=None)
        pdf_key = ports.storage.save(f"invoices/{invoice_id}.pdf", pdf, "application/pdf")
        ubl_key = None
        if ubl is not None:
            ubl_key = ports.storage.save(f"invoices/{invoice_id}.xml", ubl, "application/xml")
        invoice = await repo.insert_invoice(
            id=invoice_id, quickjob=job["id"], legal_entity=LEGAL_ENTITY, kind="invoice",
            year=on.year, sequence=sequence, number=number, issue_date=on, due_date=due,
            structured_communication=communication, base_cents=sim.turnover_cents,
            vat_cents=sim.vat_cents, total_cents=sim.total_incl_vat_cents, vat_rate=job["vat_rate"],
            pdf_key=pdf_key, ubl_key=ubl_key,
        )
        await ledger.post_entry(
            job["unit"], "invoice", f"Invoice {number}",
            postings.invoice_issued(sim.turnover_cents, sim.vat_cents)
            + postings.contribution(sim.contribution_cents),
            effective_date=on, reference=f"invoice:{invoice_id}", actor_id=principal.id,
        )
        if ubl_key:
            await outbox.add("peppol.send", {"invoiceId": str(invoice_id)},
                             dedupe_key=f"peppol:{invoice_id}")
        if job["client_email"]:
            await notify(key=f"invoice:{invoice_id}", channel="email", to=job["client_email"],
                         template="invoice_to_client", language=job["client_language"],
                         params={"number": number,
                                 "amount": format_money(sim.total_incl_vat_cents, job["client_language"]),
                                 "communication": communication,
                                 "due": format_date(due, job["client_language"]),
                                 **documents.payment_params(entity)})
        await repo.update_quickjob(job["id"], status=INVOICED)
        await repo.add_event(job["id"], "invoice_issued", {"number": number})
        await notify_worker(job, person, "invoice_issued")
        await record(actor_id=principal.id, action="invoice.issued", object_type="invoice",
                     object_id=invoice_id, after={"number": number, "totalCents": sim.total_incl_vat_cents})
        return invoice


async def cancel_invoice(principal: Principal, quickjob_id: uuid.UUID, ports: Ports) -> dict:
    """An issued invoice is never deleted: a credit note cancels it and its entries are reversed."""
    on = today()
    async with unit_of_work():
        job = await _owned_for_update(principal, quickjob_id)
        invoice = await repo.live_invoice(job["id"])
        if invoice is None:
            raise Problem(409, "no_invoice")
        if invoice["paid_cents"] > 0:
            raise Problem(409, "invoice_paid")
        sequence = await repo.next_number(LEGAL_ENTITY, "credit_note", on.year)
        number = f"CN{on.year}/{sequence:06d}"
        credit_id = uuid.uuid4()
        sim = _stored_simulation(job)
        person = await people.get_person(job["person"])
        entity = await units.legal_entity(LEGAL_ENTITY)
        pdf, ubl = documents.invoice_files(job, person, entity, sim, number, on, on,
                                           invoice["structured_communication"],
                                           kind="credit_note", credited=invoice)
        pdf_key = ports.storage.save(f"invoices/{credit_id}.pdf", pdf, "application/pdf")
        ubl_key = ports.storage.save(f"invoices/{credit_id}.xml", ubl, "application/xml") if ubl else None
        credit = await repo.insert_invoice(
            id=credit_id, quickjob=job["id"], legal_entity=LEGAL_ENTITY, kind="credit_note",
            year=on.year, sequence=sequence, number=number, credits=invoice["id"], issue_date=on,
            due_date=on, structured_communication=invoice["structured_communication"],
            base_cents=-invoice["base_cents"], vat_cents=-invoice["vat_cents"],
            total_cents=-invoice["total_cents"], vat_rate=invoice["vat_rate"],
            pdf_key=pdf_key, ubl_key=ubl_key,
        )
        await repo.update_invoice(invoice["id"], status="credited")
        entry = await ledger.entry_by_reference(job["unit"], f"invoice:{invoice['id']}")
        await ledger.reverse_entry(entry, principal.id, f"Credit note {number}")
        if ubl_key:
            await outbox.add("peppol.send", {"invoiceId": str(credit_id)},
                             dedupe_key=f"peppol:{credit_id}")
        await repo.update_quickjob(job["id"], status=ACCEPTED)
        await repo.add_event(job["id"], "credit_note_issued", {"number": number,
                                                                "credits": invoice["number"]})
        await record(actor_id=principal.id, action="invoice.credited", object_type="invoice",
                     object_id=invoice["id"], before={"status": invoice["status"]},
                     after={"status": "credited", "creditNote": number})
        return credit


async def collect_cash(principal: Principal, quickjob_id: uuid.UUID, amount_cents: int,
                       collected_on: dt.date, ports: Ports) -> dict:
    if amount_cents <= 0:
        raise invalid("amountCents", "amount_positive")
    async with unit_of_work():
        job = await _owned_for_update(principal, quickjob_id)
        if await repo.live_invoice(job["id"]) is not None:
            raise Problem(409, "already_invoiced")
        _require(job, ACCEPTED)
        sim = _stored_simulation(job)
        if amount_cents != sim.total_incl_vat_cents:
            raise invalid("amountCents", "cash_amount_mismatch", amount=Money(amount_cents),
                          expected=Money(sim.total_incl_vat_cents))
        person = await people.get_person(job["person"])
        cash_id = uuid.uuid4()
        pdf = documents.cash_collection_pdf(job, person, amount_cents, collected_on)
        key = ports.storage.save(f"cash/{cash_id}.pdf", pdf, "application/pdf")
        row = await repo.insert_row("cash_collection", id=cash_id, quickjob=job["id"],
                                    amount_cents=amount_cents, collected_on=collected_on,
                                    pdf_key=key)
        await ledger.post_entry(
            job["unit"], "cash_collection", f"Cash collection {job['function']}",
            postings.cash_collected(sim.turnover_cents, sim.vat_cents)
            + postings.contribution(sim.contribution_cents),
            effective_date=collected_on, reference=f"cash:{cash_id}", actor_id=principal.id,
        )
        await repo.update_quickjob(job["id"], status=PAID)
        await repo.add_event(job["id"], "cash_collected", {"amountCents": amount_cents})
        await record(actor_id=principal.id, action="cash.collected", object_type="quickjob",
                     object_id=job["id"], after={"amountCents": amount_cents})
        return row


# Money in (the back office records what the bank says) -------------------------------------------

async def record_payment(actor: Principal, invoice_id: uuid.UUID, amount_cents: int,
                         paid_on: dt.date, reference: str | None) -> dict:
    actor.require("adviser", "admin")
    if amount_cents <= 0:
        raise invalid("amountCents", "amount_positive")
    async with unit_of_work():
        invoice = await repo.get_invoice(invoice_id, for_update=True)
        if invoice is None or invoice["kind"] != "invoice":
            raise NotFound()
        if invoice["status"] != "issued":
            raise Problem(409, "wrong_state", status=invoice["status"])
        job = await repo.get_quickjob(invoice["quickjob"], for_update=True)
        applied = min(amount_cents, invoice["total_cents"] - invoice["paid_cents"])
        lines = postings.client_paid(applied)
        salary = await repo.salary_for(job["id"])
        paid_cents = invoice["paid_cents"] + applied
        fully = paid_cents >= invoice["total_cents"]
        await ledger.post_entry(job["unit"], "client_payment", f"Payment {invoice['number']}",
                                lines, effective_date=paid_on,
                                reference=f"payment:{invoice_id}:{paid_cents}", actor_id=actor.id)
        if fully and salary and salary["guarantee_advance"]:
            advanced = salary["net_cents"] + salary["expenses_cents"]
            await ledger.post_entry(job["unit"], "guarantee_settled",
                                    f"Guarantee fund advance settled {invoice['number']}",
                                    postings.advance_settled(advanced), effective_date=paid_on,
                                    reference=f"advance-settled:{salary['id']}", actor_id=actor.id)
        await repo.update_invoice(invoice_id, paid_cents=paid_cents,
                                  status="paid" if fully else "issued")
        if fully and job["status"] == INVOICED:
            await repo.update_quickjob(job["id"], status=PAID)
        await repo.add_event(job["id"], "paid" if fully else "partly_paid",
                             {"amountCents": applied, "reference": reference})
        await notify_worker(job, await people.get_person(job["person"]),
                             "paid" if fully else "partly_paid")
        await record(actor_id=actor.id, action="invoice.payment", object_type="invoice",
                     object_id=invoice_id, before={"paidCents": invoice["paid_cents"]},
                     after={"paidCents": paid_cents, "status": "paid" if fully else "issued"})
        return {"invoiceId": invoice_id, "appliedCents": applied, "paidCents": paid_cents,
                "fullyPaid": fully, "overpaidCents": amount_cents - applied}


# Money out: salaries due ----------------------------------------------------------------------

async def pay_due_salaries(on: dt.date, ports: Ports, actor: uuid.UUID | None = None,
                           batch_size: int = 200) -> list[uuid.UUID]:
    """Pay every scheduled salary due by ``on``. Idempotent: a paid salary is never paid again,
    and concurrent runs skip rows another run holds. Commits batch by batch, so a crash loses
    at most the batch in progress (and that batch is simply paid by the next run)."""
    paid: list[uuid.UUID] = []
    after: uuid.UUID | None = None
    while True:
        async with unit_of_work():
            batch = await repo.due_salaries(on, after, batch_size)
            for salary in batch:
                if await _pay_salary(salary, on, ports, actor):
                    paid.append(salary["id"])
        if len(batch) < batch_size:
            return paid
        after = batch[-1]["id"]


async def _pay_salary(salary: dict, on: dt.date, ports: Ports, actor: uuid.UUID | None) -> bool:
    job = await repo.get_quickjob(salary["quickjob"], for_update=True)
    contract = await repo.contract_for(job["id"])
    if contract["status"] != "declared":
        return False  # a refused Dimona or a cancelled contract blocks the pay
    invoice = await repo.live_invoice(job["id"])
    cash = await repo.cash_collection_for(job["id"])
    client_paid = cash is not None or (invoice is not None and invoice["status"] == "paid")
    payout = salary["net_cents"] + salary["expenses_cents"]
    if not client_paid:
        # The guarantee fund pays the worker anyway (001:111); settled when the client pays.
        await ledger.post_entry(job["unit"], "guarantee_advance",
                                f"Guarantee fund advance {job['function']}",
                                postings.guarantee_advance(payout), effective_date=on,
                                reference=f"advance:{salary['id']}", actor_id=actor)
        await repo.add_event(job["id"], "guarantee_advance", {"amountCents": payout})
    await ledger.post_entry(job["unit"], "salary_paid", f"Salary {job['function']}",
                            postings.salary_paid(salary["net_cents"], salary["expenses_cents"],
                                                 from_cash=cash is not None),
                            effective_date=on, reference=f"salary:{salary['id']}", actor_id=actor)
    person = await people.get_person(job["person"])
    # The payslip PDF is made by the worker: a salary run moves money, documents follow.
    await outbox.add("payslip.render", {"salaryId": str(salary["id"])},
                     dedupe_key=f"payslip:{salary['id']}")
    await repo.update_salary(salary["id"], status="paid", paid_at=dt.datetime.now(dt.UTC),
                             guarantee_advance=not client_paid)
    await repo.update_contract(contract["id"], status="completed")
    await repo.update_quickjob(job["id"], status=SALARY_PAID)
    await repo.add_event(job["id"], "salary_paid", {"netCents": salary["net_cents"]})
    await notify_worker(job, person, "salary_paid")
    await record(actor_id=actor, action="salary.paid", object_type="salary_payment",
                 object_id=salary["id"], before={"status": "scheduled"},
                 after={"status": "paid", "guaranteeAdvance": not client_paid})
    return True


# Cancellation and review --------------------------------------------------------------------------

async def cancel(principal: Principal, quickjob_id: uuid.UUID) -> None:
    async with unit_of_work():
        job = await _owned_for_update(principal, quickjob_id)
        _require(job, QUOTE_SENT, IN_REVIEW, ACCEPTED)
        if min(job["performance_dates"]) <= today():
            raise Problem(409, "already_started")
        await _cancel_contract(job, actor=principal.id)
        await repo.update_quickjob(job["id"], status=CANCELLED)
        await repo.add_event(job["id"], "cancelled")
        await record(actor_id=principal.id, action="quickjob.cancelled", object_type="quickjob",
                     object_id=job["id"], before={"status": job["status"]},
                     after={"status": CANCELLED})


async def _cancel_contract(job: dict, actor: uuid.UUID | None) -> None:
    contract = await repo.contract_for(job["id"])
    if contract is None or contract["status"] == "cancelled":
        return
    was_declared = contract["status"] == "declared"
    await repo.update_contract(contract["id"], status="cancelled")
    for dimona in await repo.dimonas_for(contract["id"]):
        await outbox.add("dimona.cancel", {"dimonaId": str(dimona["id"])},
                         dedupe_key=f"dimona-cancel:{dimona['id']}")
    if was_declared:
        salary = await repo.salary_for(job["id"])
        if salary and salary["status"] == "scheduled":
            await repo.update_salary(salary["id"], status="paid", net_cents=0)  # nothing to pay
        entry = await ledger.entry_by_reference(job["unit"], f"contract:{contract['id']}")
        if entry:
            await ledger.reverse_entry(entry, actor, "Contract cancelled before the start")


async def decide_review(actor: Principal, review_id: uuid.UUID, approve: bool,
                        reason: str | None, ports: Ports) -> dict:
    actor.require("adviser", "admin")
    if not approve and not (reason and reason.strip()):
        raise invalid("reason", "reason_required")
    async with unit_of_work():
        item = await repo.get_review(review_id, for_update=True)
        if item is None:
            raise NotFound()
        if item["status"] != "open":
            raise Problem(409, "review_decided")
        await repo.decide_review(review_id, "approved" if approve else "rejected", actor.id, reason)
        if item["quickjob"]:
            job = await repo.get_quickjob(item["quickjob"], for_update=True)
            person = await people.get_person(job["person"])
            if approve and job["status"] == IN_REVIEW:
                await repo.update_quickjob(job["id"], status=QUOTE_SENT)
                await repo.add_event(job["id"], "review_approved", {"reason": reason})
                quote = await repo.quote_for(job["id"])
                await _send_quote(job, person, quote["number"], ports.accept_url(quote["id"]),
                                  _stored_simulation(job))
                await notify_worker(job, person, "review_approved")
            elif not approve and job["status"] == IN_REVIEW:
                await repo.update_quickjob(job["id"], status=REJECTED)
                await _cancel_contract(job, actor=actor.id)
                await repo.add_event(job["id"], "review_rejected", {"reason": reason})
                await notify_worker(job, person, "review_rejected")
        await record(actor_id=actor.id, action="review.approved" if approve else "review.rejected",
                     object_type="review_item", object_id=review_id, before={"status": "open"},
                     after={"status": "approved" if approve else "rejected", "reason": reason})
        return await repo.get_review(review_id)



# Overdue invoices ---------------------------------------------------------------------------------

async def send_reminders(on: dt.date) -> tuple[int, int]:
    """Remind clients of overdue invoices at the policy's stages; after the last stage an
    adviser takes over (review queue). Idempotent per (invoice, stage)."""
    stages = policy_on(on).reminder_days_after_due
    sent = escalated = 0
    async with unit_of_work():
        for invoice in await repo.overdue_invoices(on):
            days_late = (on - invoice["due_date"]).days
            due_stages = [i for i, days in enumerate(stages, 1) if days_late >= days]
            if not due_stages:
                continue
            stage = due_stages[-1]
            if not await repo.mark_reminder(invoice["id"], stage):
                continue  # this stage was handled before
            job = await repo.get_quickjob(invoice["quickjob"])
            if job["client_email"]:
                await notify(key=f"reminder:{invoice['id']}:{stage}", channel="email",
                             to=job["client_email"], template="invoice_reminder",
                             language=job["client_language"],
                             params={"number": invoice["number"], "stage": stage,
                                     "amount": format_money(invoice["total_cents"] - invoice["paid_cents"],
                                                            job["client_language"]),
                                     "communication": invoice["structured_communication"]})
            await repo.add_event(job["id"], "reminder_sent", {"stage": stage})
            sent += 1
            if stage == len(stages):
                reasons = [{"code": "review.overdue_invoice",
                            "params": {"number": invoice["number"], "days": days_late}}]
                await repo.insert_row("review_item", id=uuid.uuid4(), quickjob=job["id"],
                                      person=job["person"], kind="overdue_invoice",
                                      reasons=[r["code"] for r in reasons],
                                      context=json.dumps({"reasons": reasons}))
                escalated += 1
            await record(actor_id=None, action="invoice.reminded", object_type="invoice",
                         object_id=invoice["id"], after={"stage": stage})
    return sent, escalated
