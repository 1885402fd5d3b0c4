"""Creation, the worker's five-minute flow: validated input, the engine's figures, the quote with
its number, the planned contract and the expenses, in one unit of work."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass

import msgspec

from backend.backoffice import repository as review_queue
from backend.clients import service as clients
from backend.engine import (
    PlatformShift,
    RuleBook,
    Simulation,
    SimulationInput,
    check_platform_work,
    simulate,
)
from backend.engine.vat import place_of_supply
from backend.http.context import Principal
from backend.jobs.outbox import Message, add_many
from backend.notifications.service import notification
from backend.people import identity
from backend.people import service as people
from backend.people.rows import StandingRow
from backend.platform.db import together, unit_of_work
from backend.platform.errors import FieldError, Invalid, NotFound
from backend.platform.formatting import format_money, money_texts
from backend.quickjobs import lifecycle, requirements
from backend.quickjobs import repository as repo
from backend.quickjobs.lifecycle import Audit, ContractStatus, QuickJobStatus
from backend.quickjobs.pay_rules import (
    hours_per_day_error,
    hours_text,
    minutes_per_day,
    pay_rule_reasons,
)
from backend.quickjobs.policy import policy_on, today
from backend.quickjobs.ports import Ports, hash_token
from backend.quickjobs.rows import (
    ContractRow,
    EventRow,
    ExpenseRow,
    QuickJobRow,
    QuoteRow,
    WorkerRow,
)
from backend.quickjobs.schemas import ClientIn, QuickJobCreate
from backend.quickjobs.wording import person_name
from backend.rulesets import book as rule_books
from backend.simulations.schemas import ExpenseIn, SimulationRequest
from backend.simulations.service import to_engine_input, to_snapshot
from backend.units import service as units
from backend.units.rows import PersonRef

LEGAL_ENTITY = "smart"
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


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
    if client.vat_number is not None and clients.tax_number(client.country, client.vat_number) is None:
        errors.append(FieldError("client.vatNumber", "vat_number_invalid"))
    if client.language is not None and client.language not in ("nl", "fr", "en"):
        errors.append(FieldError("client.language", "language_invalid"))
    if client.address is not None and len(client.address) > 500:
        errors.append(FieldError("client.address", "text_required", {"max": 500}))




def validate_create(data: QuickJobCreate, on: dt.date) -> None:
    """Field checks the engine does not do; raises one ``Invalid`` listing every bad field."""
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
    if (hours_error := hours_per_day_error(data.hours_per_day)) is not None:
        errors.append(hours_error)
    if data.sector is not None and data.sector not in policy_on(on).sectors_needing_conditions \
            and data.sector not in ("general",):
        errors.append(FieldError("sector", "sector_unknown"))
    if errors:
        raise Invalid(errors=errors)


def engine_input(data: QuickJobCreate, expenses: list[ExpenseIn] | None = None, *,
                 client_country: str | None = None,
                 client_vat: str | None = None) -> SimulationInput:
    """The engine's input for a QuickJob: the same mapping as a simulation's, with the VAT the
    place of supply gives for its client (``client_country`` and ``client_vat`` of a stored
    client, else the new client in ``data``)."""
    if client_country is None and data.client is not None:
        client_country, client_vat = data.client.country, data.client.vat_number
    country = client_country or "BE"
    vat_number = client_vat
    treatment = place_of_supply(country, vat_number, data.vat_rate, data.vat_exemption,
                                on=min(data.performance_dates, default=None),
                                legal_entity=LEGAL_ENTITY)
    return to_engine_input(SimulationRequest(
        performance_dates=data.performance_dates, amount_cents=data.amount_cents,
        vat_rate=treatment.rate, vat_included=data.vat_included,
        vat_exemption=treatment.exemption, contract_type=data.contract_type,
        withholding_rate=data.withholding_rate,
        expenses=data.expenses if expenses is None else expenses,
        client_country=country.upper(),
        hours_per_day=hours_text(data.hours_per_day)), LEGAL_ENTITY)


def review_reasons(data: QuickJobCreate, sim: Simulation, on: dt.date,
                   book: RuleBook | None = None) -> list[dict]:
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
        shifts = [PlatformShift(day, minutes_per_day(data.hours_per_day),
                                per_day + (extra if i == 0 else 0))
                  for i, day in enumerate(days)]
        for violation in check_platform_work(shifts, legal_entity=LEGAL_ENTITY, rules=book):
            reasons.append({"code": "review.platform_minimum",
                            "params": {"detail": violation.messages}})
    # No rule set in force, pay below the legal minimum, Sunday or holiday (issue 12).
    reasons += pay_rule_reasons(sim, data.performance_dates, book or rule_books.cached(),
                                legal_entity=LEGAL_ENTITY)
    return reasons


# Creation -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Created:
    """A QuickJob as its creation wrote it: what a read would return, without the reads."""

    job: QuickJobRow
    quote: QuoteRow
    contract: ContractRow
    expenses: list[ExpenseRow]
    events: list[EventRow]
    review_reasons: list[dict]  # {"code", "params"}: the open review's reasons, if any
    requirements: dict[str, list[str]]  # what the contract and the salary still need


async def create(principal: Principal, data: QuickJobCreate, ports: Ports,
                 language: str) -> Created:
    on = today()
    validate_create(data, on)
    book = await rule_books.current()  # shipped + approved rule sets (no SQL unless changed)
    # A new client's figures before any statement (EngineInputError -> 422 naming the field);
    # a known client's (clientId) once it is read.
    sim = simulate(engine_input(data), rules=book) if data.client is not None else None
    quickjob_id = uuid.uuid4()
    # Quote numbers are unique, not gap-free (only invoices must be: domain.md section 2,
    # VAT code art. 53 section 2 and Royal Decree no. 1 art. 5): a sequence's next value,
    # which locks nothing and commits nothing, so creations never queue on one another. It
    # is taken by the creation's first query.
    numbering = await _numbering(on.year)
    async with unit_of_work():
        # The worker, their unit, their standing for the membership rule (their row locked)
        # and the quote's number.
        found = await repo.worker_for_creation(principal.id, LEGAL_ENTITY, str(quickjob_id),
                                               numbering)
        if found is None:
            raise NotFound()
        worker, standing, sequence = found
        if sequence is None:  # the sequence went with a restored database: made again
            _NUMBERED_YEARS.discard(on.year)
            sequence = await repo.take_number(LEGAL_ENTITY, "quote", on.year)
            if sequence is None:
                raise RuntimeError("no quote numbering: the legal entity is not in the database")
        # The quote names the worker: never a phone number in their place (issue 14).
        if missing := identity.missing_for(worker, "quote"):
            raise Invalid("identity_required", errors=[
                FieldError(identity.WIRE[f], "needed_for_quote") for f in missing])
        # The rows below are written together, in one statement at the end of this block
        # (``together``): the performance and its audit row, the QuickJob, its expenses,
        # contract, review item, quote, events, outbox messages and audit row. Nothing here
        # reads them back; the reads (the person locked by the membership rule, the unit, the
        # client) and the writes that are read back (a new unit, a new client) run at once.
        async with together() as written:
            created = await _write(principal, data, ports, worker, standing, quickjob_id,
                                   sequence, sim, book, on)
    # Every row is answered from memory: its defaults are the transaction's now().
    at = written.at
    job = msgspec.structs.replace(created.job, created_at=at, updated_at=at)
    return Created(
        job=job, quote=created.quote,
        contract=msgspec.structs.replace(created.contract, created_at=at),
        expenses=[ExpenseRow(**e, quickjob=quickjob_id, spent_on=None, description=None,
                             receipt_key=None, receipt_content_type=None, created_at=at)
                  for e in created.expenses],
        events=[EventRow(at=at, kind=kind, data=data or {}) for kind, data in created.events],
        review_reasons=created.review_reasons, requirements=created.requirements)


_NUMBERED_YEARS: set[int] = set()  # this process saw the year's quote sequence


async def _numbering(year: int) -> str:
    """The name of the year's quote sequence, made first if needed (once per process and
    year; a fresh database gets its legal entities first)."""
    if year not in _NUMBERED_YEARS:
        if not await repo.start_numbering(LEGAL_ENTITY, "quote", year):
            await units.ensure_reference_data()
            await repo.start_numbering(LEGAL_ENTITY, "quote", year)
        _NUMBERED_YEARS.add(year)
    return repo.sequence_name(LEGAL_ENTITY, "quote", year)


@dataclass(frozen=True)
class _Written:
    """What ``_write`` sent, before the database gave it its time."""

    job: QuickJobRow
    quote: QuoteRow
    contract: ContractRow
    expenses: list[dict]
    events: list[lifecycle.Event]
    review_reasons: list[dict]
    requirements: dict[str, list[str]]


async def _write(principal: Principal, data: QuickJobCreate, ports: Ports, worker: WorkerRow,
                 standing: StandingRow, quickjob_id: uuid.UUID, sequence: int,
                 sim: Simulation | None, book: RuleBook, on: dt.date) -> _Written:
    """The creation's rows, inside ``create``'s unit of work and ``together`` block."""
    policy = policy_on(on)
    # The membership rule first (409 share_required before anything else is looked at).
    await people.record_performance(principal.id, str(quickjob_id), standing)
    unit_id = worker.personal_unit or (await units.personal_unit_for(
        principal.id, person=PersonRef(worker.id, worker.first_name, worker.last_name,
                                       principal.role))).id
    client = await clients.for_quickjob(principal, data.client_id, data.client)
    if sim is None:
        sim = simulate(engine_input(data, client_country=client.country,
                                    client_vat=client.vat_number), rules=book)
    reasons = _as_stored(review_reasons(data, sim, on, book))
    status = QuickJobStatus.IN_REVIEW if reasons else QuickJobStatus.QUOTE_SENT
    simulation = msgspec.json.encode(to_snapshot(sim))  # JSON types only (to_snapshot)
    values = dict(
        id=quickjob_id, person=principal.id, unit=unit_id, client=client.id,
        function=data.function.strip(), description=data.description.strip(),
        performance_dates=sorted(data.performance_dates), amount_cents=data.amount_cents,
        # The VAT the place of supply gave (reverse charge, outside scope...), as simulated.
        vat_included=data.vat_included, vat_rate=sim.vat_rate,
        vat_exemption=sim.vat_exemption, contract_type=data.contract_type,
        withholding_rate=data.withholding_rate, paid_in_cash=data.paid_in_cash,
        status=status.value, rule_set=sim.rule_set, pay_date=sim.pay_date,
        review_reasons=[r["code"] for r in reasons], language=client.language)
    await repo.insert_quickjob(**values, simulation=simulation.decode())
    # created_at / updated_at: the transaction's now(), known once the block has ended.
    job = QuickJobRow(
        **values, simulation=msgspec.json.decode(simulation), created_at=None, updated_at=None,
        client_name=client.name, client_email=client.email, client_vat=client.vat_number,
        client_company_number=client.company_number, client_country=client.country,
        client_address=client.address, client_language=client.language)
    expenses = [{"id": uuid.uuid4(), "amount_cents": e.amount_cents, "category": e.category}
                for e in data.expenses]
    await repo.add_expenses(quickjob_id, expenses)
    # The contract is planned now; its PDF is made once it is declared (final gross known).
    contract = ContractRow(
        id=uuid.uuid4(), quickjob=quickjob_id, person=principal.id,
        contract_type=job.contract_type, function=job.function,
        work_dates=job.performance_dates, gross_cents=sim.gross_cents,
        withholding_rate=job.withholding_rate, status=ContractStatus.PLANNED.value,
        pdf_key=None, created_at=None)
    await repo.insert_contract(**_columns(contract))
    events: list[lifecycle.Event] = [("created", {"ruleSet": sim.rule_set})]
    if reasons:
        await review_queue.insert_review_item(
            kind="quickjob", quickjob=quickjob_id, person=principal.id,
            reasons=[r["code"] for r in reasons], context={"reasons": reasons})
        events.append(("review_requested", {"reasons": [r["code"] for r in reasons]}))
    quote_id = uuid.uuid4()
    quote = QuoteRow(
        id=quote_id, quickjob=quickjob_id, number=f"Q{on.year}-{sequence:06d}",
        issue_date=on, valid_until=on + dt.timedelta(days=policy.quote_validity_days),
        accept_token_hash=hash_token(ports.quote_token(quote_id)), status="sent",
        decided_at=None, decline_reason=None, pdf_key=None,  # the PDF: on first download
        clauses={"depositPercent": str(policy.deposit_percent),
                 "cancellationFeePercent": str(policy.cancellation_fee_percent),
                 "noticePeriodDays": policy.notice_period_days})
    await repo.insert_quote(**_columns(quote))
    to_client = None
    if not reasons:
        events.append(("quote_sent", {"number": quote.number}))
        to_client = quote_to_client(job, worker, quote.number, ports.accept_url(quote_id), sim)
    needs = requirements.for_quickjob(
        job, worker, bool(worker.agreement_accepted),
        contract_status=contract.status, dimona_waiting=False, salary_status=None)
    await lifecycle.start(
        job, events=events, actor=principal.id, person=worker,
        notify_event="review_requested" if reasons else "quote_sent",
        messages=[to_client] if to_client else [],
        audit=Audit("quickjob.created", after={
            "status": status.value, "amountCents": data.amount_cents, "quote": quote.number,
            "ruleSet": sim.rule_set}))
    return _Written(job=job, quote=quote, contract=contract, expenses=expenses, events=events,
                    review_reasons=reasons, requirements=needs)


def _as_stored(value):
    """``value`` as JSON gives it back (what a read of a JSON column returns)."""
    return json.loads(json.dumps(value, default=str))


def _columns(row: msgspec.Struct, skip: tuple[str, ...] = ("created_at",)) -> dict:
    """A row's values to insert (without those its table's defaults give)."""
    return {k: v for k, v in msgspec.structs.asdict(row).items() if k not in skip}


def quote_to_client(job: QuickJobRow, person: WorkerRow, number: str, accept_url: str,
                    sim: Simulation) -> Message | None:
    """The quote e-mail to the client (None when the client has no address): its link and amount."""
    if not job.client_email:
        return None
    return notification(key=f"quote:{job.id}", channel="email", to=job.client_email,
                        template="quote_to_client", language=job.client_language,
                        params={"number": number, "worker": person_name(person) or "Smart",
                                "amount": format_money(sim.total_incl_vat_cents,
                                                        job.client_language),
                                "url": accept_url})


async def send_quote(job: QuickJobRow, person: WorkerRow, number: str, accept_url: str, sim: Simulation) -> None:
    """Queue the quote e-mail to the client (when the client has an address)."""
    message = quote_to_client(job, person, number, accept_url, sim)
    if message is not None:
        await add_many([message])
