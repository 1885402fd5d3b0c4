"""Every QuickJob query, through Piccolo's query builder, with typed rows (``rows.py``).
Services call these inside their unit of work."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import msgspec
from piccolo.query.methods.select import Select
from piccolo.querystring import QueryString

from backend.people import repository as membership
from backend.people.rows import StandingRow
from backend.people.tables import Person, UsageAgreement
from backend.platform.db import NOW, compiled, fetch, insert, new_row, row, rows, unit_of_work_apart
from backend.quickjobs.rows import (
    CashCollectionRow,
    ContractRow,
    DimonaRow,
    EventRow,
    ExpenseRow,
    InvoiceRow,
    OrderRow,
    QuickJobListRow,
    QuickJobRow,
    QuoteRow,
    RecentQuickJobRow,
    SalaryRow,
    WorkerRow,
)
from backend.quickjobs.tables import (
    CashCollection,
    ClientOrder,
    Contract,
    Dimona,
    Expense,
    Invoice,
    QuickJob,
    QuickJobEvent,
    Quote,
    SalaryPayment,
)
from backend.units import repository as units
from backend.units.tables import Unit


def _job_columns() -> tuple:
    client = QuickJob.client
    return (*QuickJob.all_columns(), client.name.as_alias("client_name"),
            client.email.as_alias("client_email"), client.vat_number.as_alias("client_vat"),
            client.company_number.as_alias("client_company_number"),
            client.country.as_alias("client_country"), client.address.as_alias("client_address"),
            client.language.as_alias("client_language"))


# Workers -------------------------------------------------------------------------------------

_WORKER_COLUMNS = (Person.id, Person.phone, Person.email, Person.first_name, Person.last_name,
                   Person.language, Person.national_number, Person.iban, Person.address,
                   Person.birth_date, Person.bic)


async def worker(person_id: uuid.UUID) -> WorkerRow | None:
    return await row(Person.select(*_WORKER_COLUMNS).where(Person.id == person_id), WorkerRow)


def _worker_with_personal_unit(slot) -> Select:
    unit = units.personal_unit_query(slot("person"), slot("legal_entity"), Unit.id).querystrings[0]
    agreed = UsageAgreement.exists().where(UsageAgreement.person == slot("person")).querystrings[0]
    return Person.select(*_WORKER_COLUMNS, QueryString("({})", unit).as_alias("personal_unit"),
                         QueryString("({})", agreed).as_alias("agreement_accepted")) \
        .where(Person.id == slot("person"))


def _worker_for_creation(slot) -> Select:
    # The membership rule's standing beside it, the person row locked as the rule needs, and
    # the quote's number (see take_number; NULL while the year's sequence does not exist).
    return _worker_with_personal_unit(slot).columns(
        *membership.standing_columns(slot("reference")),
        QueryString("nextval(to_regclass({}::text))", slot("numbering")).as_alias("number"),
    ).lock_rows(of=(Person,))


async def worker_for_creation(person_id: uuid.UUID, legal_entity: str, reference: str,
                              numbering: str) -> tuple[WorkerRow, StandingRow, int | None] | None:
    """The worker and, in the same query, their personal unit (None before their first job),
    whether they accepted the usage agreement, their standing for the membership rule (a
    performance recorded under ``reference``), their row locked until the transaction ends
    (``people.repository.performance_standing``), and the next number of the sequence
    ``numbering`` (``sequence_name``; None while it does not exist). Compiled once (a
    creation's first query)."""
    query = compiled("worker_for_creation", _worker_for_creation)
    found = await query.fetch({"person": person_id, "legal_entity": legal_entity,
                               "reference": reference, "numbering": numbering})
    if not found:
        return None
    return (msgspec.convert(found[0], WorkerRow), membership.standing_of(found[0]),
            found[0]["number"])


# QuickJobs and their timeline -----------------------------------------------------------------

# The inserts of a creation go through ``insert``: Piccolo's query, compiled once per shape.

async def insert_quickjob(**values) -> None:
    """Its ``created_at`` and ``updated_at`` are the transaction's ``now()`` (inside
    ``together()`` the block gives it)."""
    await insert(QuickJob, values)


async def get_quickjob(quickjob_id: uuid.UUID, *, for_update: bool = False) -> QuickJobRow | None:
    query = QuickJob.select(*_job_columns()).where(QuickJob.id == quickjob_id)
    if for_update:
        query = query.lock_rows(of=(QuickJob,))
    return await row(query, QuickJobRow)


async def list_quickjobs(person_id: uuid.UUID | None, after: tuple[dt.datetime, uuid.UUID] | None,
                         limit: int) -> list[QuickJobListRow]:
    """Newest first; ``after`` is the (created_at, id) of the last row of the previous page."""
    query = QuickJob.select(
        QuickJob.id, QuickJob.status, QuickJob.amount_cents, QuickJob.performance_dates,
        QuickJob.pay_date, QuickJob.created_at, QuickJob.client.name.as_alias("client_name"),
    ).order_by(QuickJob.created_at, QuickJob.id, ascending=False).limit(limit)
    if person_id is not None:
        query = query.where(QuickJob.person == person_id)
    if after is not None:
        at, last = after
        query = query.where((QuickJob.created_at < at)
                            | ((QuickJob.created_at == at) & (QuickJob.id < last)))
    return await rows(query, QuickJobListRow)


async def recent_quickjobs(person_id: uuid.UUID, limit: int) -> list[RecentQuickJobRow]:
    """The person's newest QuickJobs, each with its work, client, days, status, pay date and
    figures, in one query (the bot's answers about "my QuickJobs")."""
    return await rows(QuickJob.select(
        QuickJob.id, QuickJob.function, QuickJob.status, QuickJob.performance_dates,
        QuickJob.pay_date, QuickJob.simulation, QuickJob.client.name.as_alias("client_name"),
    ).where(QuickJob.person == person_id)
        .order_by(QuickJob.created_at, QuickJob.id, ascending=False).limit(limit),
        RecentQuickJobRow)


async def update_quickjob(quickjob_id: uuid.UUID, **values) -> None:
    changes = {getattr(QuickJob, name): value for name, value in values.items()}
    await QuickJob.update({**changes, QuickJob.updated_at: NOW}).where(QuickJob.id == quickjob_id)


async def add_events(quickjob_id: uuid.UUID, events: list[tuple[str, dict | None]]) -> None:
    """The events in one INSERT, in their order (the timeline reads them by id)."""
    if events:
        await insert(QuickJobEvent, *({"quickjob": quickjob_id, "kind": kind, "data": data or {}}
                                      for kind, data in events))


async def events(quickjob_id: uuid.UUID) -> list[EventRow]:
    return await rows(QuickJobEvent.select(QuickJobEvent.at, QuickJobEvent.kind, QuickJobEvent.data)
                      .where(QuickJobEvent.quickjob == quickjob_id).order_by(QuickJobEvent.id),
                      EventRow)


# Raw SQL: an upsert that increments and returns in one statement (ON CONFLICT DO UPDATE with
# an expression and RETURNING), which Piccolo's on_conflict cannot say.
_INCREMENT = (
    "INSERT INTO document_counter (legal_entity, series, year, last_number) "
    "VALUES ({}, {}, {}, 1) ON CONFLICT (legal_entity, series, year) "
    "DO UPDATE SET last_number = document_counter.last_number + 1 RETURNING last_number")


async def next_number(legal_entity: str, series: str, year: int) -> int:
    """Gap-free (invoices, credit notes): the counter row is locked until the transaction
    ends, so numbers are consecutive in commit order and a rolled-back transaction gives its
    number back. Every caller queues on that row until the holder commits."""
    found = await fetch(_INCREMENT, legal_entity, series, year)
    return found[0]["last_number"]


async def take_number(legal_entity: str, series: str, year: int) -> int | None:
    """Unique and increasing per year, not gap-free (quotes): a PostgreSQL sequence per legal
    entity, series and year. ``nextval`` locks no row and is never rolled back, so it commits
    nothing of its own and no creation waits for another one's transaction; a number whose
    transaction then fails is not reused. Same call inside or outside a unit of work. None
    while the legal entity is not in the database (a fresh one: its reference data comes
    with the first unit)."""
    name = sequence_name(legal_entity, series, year)
    # Raw SQL: a sequence named at run time; to_regclass gives NULL (nextval of NULL is NULL)
    # rather than an error that would abort the caller's transaction, while it is not there.
    found = await fetch("SELECT nextval(to_regclass({}::text)) AS n", name)
    if found[0]["n"] is not None:
        return found[0]["n"]
    if not await _start_sequence(name, legal_entity, series, year):
        return None
    return (await fetch("SELECT nextval({}::text::regclass) AS n", name))[0]["n"]


_SEQUENCE_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")


def sequence_name(legal_entity: str, series: str, year: int) -> str:
    name = f"{series}_number_{legal_entity}_{year}".replace("-", "_").lower()
    if not _SEQUENCE_NAME.fullmatch(name):
        raise ValueError(f"no sequence name for {legal_entity!r}, {series!r}, {year}")
    return name


async def start_numbering(legal_entity: str, series: str, year: int) -> bool:
    """The year's sequence exists from now on (made if needed, taking no number); False while
    the legal entity is not in the database."""
    name = sequence_name(legal_entity, series, year)
    found = await fetch("SELECT to_regclass({}::text) IS NOT NULL AS there", name)
    return found[0]["there"] or await _start_sequence(name, legal_entity, series, year)


async def _start_sequence(name: str, legal_entity: str, series: str, year: int) -> bool:
    """The year's sequence, once (an advisory lock makes concurrent first creations wait for
    one another). It goes on from the counter row where numbers were taken before sequences,
    and is owned by that column, so ``TRUNCATE ... RESTART IDENTITY`` restarts it too."""
    async with unit_of_work_apart():
        # Raw SQL below: catalogue statements (advisory lock, CREATE SEQUENCE) Piccolo has no
        # words for; the name is checked by sequence_name, so it is safe to place in the text.
        if not await fetch("SELECT 1 FROM legal_entity WHERE id = {}", legal_entity):
            return False
        await fetch("SELECT pg_advisory_xact_lock(hashtext({}))", name)
        before = await fetch("SELECT last_number FROM document_counter "
                             "WHERE legal_entity = {} AND series = {} AND year = {}",
                             legal_entity, series, year)
        start = before[0]["last_number"] + 1 if before else 1
        await fetch(f"CREATE SEQUENCE IF NOT EXISTS {name} START WITH {int(start)} MINVALUE 1 "
                    "OWNED BY document_counter.last_number")
    return True


# Quotes and orders ---------------------------------------------------------------------------

async def insert_quote(**values) -> None:
    await insert(Quote, values)


async def quote_for(quickjob_id: uuid.UUID) -> QuoteRow | None:
    return await row(Quote.select().where(Quote.quickjob == quickjob_id), QuoteRow)


async def quote_by_token_hash(token_hash: str, *, for_update: bool = False) -> QuoteRow | None:
    query = Quote.select().where(Quote.accept_token_hash == token_hash)
    if for_update:
        query = query.lock_rows()
    return await row(query, QuoteRow)


async def set_quote_pdf(quote_id: uuid.UUID, key: str) -> None:
    await Quote.update({Quote.pdf_key: key}).where(Quote.id == quote_id)


async def set_quote_status(quote_id: uuid.UUID, status: str, reason: str | None = None) -> None:
    await Quote.update({Quote.status: status, Quote.decided_at: NOW,
                        Quote.decline_reason: reason}).where(Quote.id == quote_id)


async def insert_order(**values) -> OrderRow:
    return await row(ClientOrder.insert(new_row(ClientOrder, **values))
                     .returning(*ClientOrder.all_columns()), OrderRow)


async def order_for(quickjob_id: uuid.UUID) -> OrderRow | None:
    return await row(ClientOrder.select().where(ClientOrder.quickjob == quickjob_id), OrderRow)


# Invoices ------------------------------------------------------------------------------------

async def insert_invoice(**values) -> InvoiceRow:
    return await row(Invoice.insert(new_row(Invoice, **values))
                     .returning(*Invoice.all_columns()), InvoiceRow)


async def invoices_for(quickjob_id: uuid.UUID) -> list[InvoiceRow]:
    return await rows(Invoice.select().where(Invoice.quickjob == quickjob_id)
                      .order_by(Invoice.created_at), InvoiceRow)


async def live_invoice(quickjob_id: uuid.UUID) -> InvoiceRow | None:
    """The QuickJob's invoice that no credit note cancelled (at most one: a unique index)."""
    return await row(Invoice.select().where(
        (Invoice.quickjob == quickjob_id) & (Invoice.kind == "invoice")
        & (Invoice.status != "credited")), InvoiceRow)


async def get_invoice(invoice_id: uuid.UUID, *, for_update: bool = False) -> InvoiceRow | None:
    query = Invoice.select().where(Invoice.id == invoice_id)
    if for_update:
        query = query.lock_rows()
    return await row(query, InvoiceRow)


async def invoice_by_token_hash(token_hash: str) -> InvoiceRow | None:
    """The invoice behind a client's page link (credit notes have no page of their own)."""
    return await row(Invoice.select().where(Invoice.public_token_hash == token_hash), InvoiceRow)


async def credit_note_of(invoice_id: uuid.UUID) -> InvoiceRow | None:
    """The credit note that cancels an invoice, if any."""
    return await row(Invoice.select().where(
        (Invoice.credits == invoice_id) & (Invoice.kind == "credit_note")), InvoiceRow)


async def update_invoice(invoice_id: uuid.UUID, **values) -> None:
    await Invoice.update({getattr(Invoice, k): v for k, v in values.items()}) \
        .where(Invoice.id == invoice_id)


async def overdue_invoices(on: dt.date) -> list[InvoiceRow]:
    """Issued invoices past their due date, locked (a concurrent run skips them)."""
    return await rows(Invoice.select().where(
        (Invoice.kind == "invoice") & (Invoice.status == "issued") & (Invoice.due_date < on))
        .order_by(Invoice.due_date).lock_rows(skip_locked=True), InvoiceRow)


# Cash, expenses ------------------------------------------------------------------------------

async def insert_cash_collection(**values) -> CashCollectionRow:
    return await row(CashCollection.insert(new_row(CashCollection, **values))
                     .returning(*CashCollection.all_columns()), CashCollectionRow)


async def cash_collection_for(quickjob_id: uuid.UUID) -> CashCollectionRow | None:
    return await row(CashCollection.select().where(CashCollection.quickjob == quickjob_id),
                     CashCollectionRow)


async def add_expenses(quickjob_id: uuid.UUID, expenses: list[dict]) -> None:
    """Several expenses of a QuickJob in one INSERT, nothing read back (joins ``together()``);
    the columns not given take their defaults: no date, description or receipt."""
    if expenses:
        await insert(Expense, *({"quickjob": quickjob_id, **e} for e in expenses))


async def insert_expenses(quickjob_id: uuid.UUID, expenses: list[dict]) -> list[ExpenseRow]:
    """Several expenses of a QuickJob in one INSERT."""
    if not expenses:
        return []
    inserted = await insert(Expense, *({"quickjob": quickjob_id, **e} for e in expenses),
                            returning=Expense.all_columns())
    return msgspec.convert(inserted, list[ExpenseRow])


async def expenses_for(quickjob_id: uuid.UUID) -> list[ExpenseRow]:
    return await rows(Expense.select().where(Expense.quickjob == quickjob_id)
                      .order_by(Expense.created_at, Expense.id), ExpenseRow)


async def get_expense(expense_id: uuid.UUID) -> ExpenseRow | None:
    return await row(Expense.select().where(Expense.id == expense_id), ExpenseRow)


async def set_expense_receipt(expense_id: uuid.UUID, key: str, content_type: str) -> None:
    await Expense.update({Expense.receipt_key: key, Expense.receipt_content_type: content_type}) \
        .where(Expense.id == expense_id)


# Contracts, Dimonas, salaries ----------------------------------------------------------------

async def insert_contract(**values) -> None:
    await insert(Contract, values)


async def contract_for(quickjob_id: uuid.UUID) -> ContractRow | None:
    return await row(Contract.select().where(Contract.quickjob == quickjob_id), ContractRow)


async def get_contract(contract_id: uuid.UUID) -> ContractRow | None:
    return await row(Contract.select().where(Contract.id == contract_id), ContractRow)


async def update_contract(contract_id: uuid.UUID, **values) -> None:
    await Contract.update({getattr(Contract, k): v for k, v in values.items()}) \
        .where(Contract.id == contract_id)


async def insert_dimonas(contract_id: uuid.UUID, work_dates: list[dt.date]) -> list[uuid.UUID]:
    """One Dimona per working day, in one INSERT; their ids in the order of ``work_dates``."""
    ids = [uuid.uuid4() for _ in work_dates]
    if ids:
        await Dimona.insert(*(new_row(Dimona, id=i, contract=contract_id, work_date=day)
                              for i, day in zip(ids, work_dates, strict=True)))
    return ids


async def dimonas_for(contract_id: uuid.UUID) -> list[DimonaRow]:
    return await rows(Dimona.select().where(Dimona.contract == contract_id)
                      .order_by(Dimona.work_date), DimonaRow)


async def dimonas_to_follow(limit: int) -> list[DimonaRow]:
    """Dimonas still waiting for an answer (or for the worker's national number)."""
    return await rows(Dimona.select(*Dimona.all_columns()).where(
        Dimona.status.is_in(["pending", "waiting"]) & (Dimona.contract.status == "declared"))
        .order_by(Dimona.updated_at).limit(limit), DimonaRow)


async def get_dimona(dimona_id: uuid.UUID) -> DimonaRow | None:
    return await row(Dimona.select().where(Dimona.id == dimona_id), DimonaRow)


async def update_dimona(dimona_id: uuid.UUID, **values) -> None:
    changes = {getattr(Dimona, k): v for k, v in values.items()}
    await Dimona.update({**changes, Dimona.updated_at: dt.datetime.now(dt.UTC)}) \
        .where(Dimona.id == dimona_id)


async def insert_salary(**values) -> None:
    await SalaryPayment.insert(new_row(SalaryPayment, **values))


async def salary_for(quickjob_id: uuid.UUID) -> SalaryRow | None:
    return await row(SalaryPayment.select().where(SalaryPayment.quickjob == quickjob_id),
                     SalaryRow)


async def get_salary(salary_id: uuid.UUID) -> SalaryRow | None:
    return await row(SalaryPayment.select().where(SalaryPayment.id == salary_id), SalaryRow)


async def due_salaries(on: dt.date, after_id: uuid.UUID | None, limit: int) -> list[SalaryRow]:
    """Scheduled (or held: waiting for the worker's details) salaries due by ``on``, in id
    order after ``after_id``, locked so two runs never pay one twice (a concurrent run skips
    what this one holds)."""
    return await rows(SalaryPayment.select().where(
        SalaryPayment.status.is_in(["scheduled", "held"]) & (SalaryPayment.pay_date <= on)
        & (SalaryPayment.id > (after_id or uuid.UUID(int=0))))
        .order_by(SalaryPayment.id).limit(limit).lock_rows(skip_locked=True), SalaryRow)


async def update_salary(salary_id: uuid.UUID, **values) -> None:
    await SalaryPayment.update({getattr(SalaryPayment, k): v for k, v in values.items()}) \
        .where(SalaryPayment.id == salary_id)
