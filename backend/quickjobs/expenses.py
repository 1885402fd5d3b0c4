"""Expenses the worker adds before the order (with a receipt photo): the figures are simulated
again and the planned contract follows them. Also the upload checks other use cases share."""

from __future__ import annotations

import datetime as dt
import uuid

from backend.engine import simulate
from backend.http.context import Principal
from backend.platform.dates import check_dates
from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict, NotFound, invalid
from backend.quickjobs import lifecycle
from backend.quickjobs import repository as repo
from backend.quickjobs.creation import engine_input
from backend.quickjobs.lifecycle import Audit, QuickJobStatus
from backend.quickjobs.ports import Ports
from backend.quickjobs.reading import owned_for_update
from backend.quickjobs.rows import ExpenseRow, QuickJobRow
from backend.quickjobs.schemas import QuickJobCreate
from backend.rulesets import book as rule_books
from backend.simulations.schemas import ExpenseIn
from backend.simulations.service import to_snapshot

RECEIPT_TYPES = {"image/jpeg", "image/png", "image/heic", "application/pdf"}
RECEIPT_MAX_BYTES = 10 * 1024 * 1024


def check_upload(data: bytes, content_type: str, field: str) -> None:
    """A receipt or signed order: an image or a PDF of at most 10 MB, not empty."""
    if content_type not in RECEIPT_TYPES:
        raise invalid(field, "receipt_type")
    if len(data) > RECEIPT_MAX_BYTES:
        raise invalid(field, "receipt_size", max_mb=RECEIPT_MAX_BYTES // (1024 * 1024))
    if not data:
        raise invalid(field, "receipt_type")


def extension(content_type: str) -> str:
    return {"image/jpeg": ".jpg", "image/png": ".png", "image/heic": ".heic",
            "application/pdf": ".pdf"}[content_type]


async def add_expense(principal: Principal, quickjob_id: uuid.UUID, amount_cents: int,
                      category: str, spent_on: dt.date | None, description: str | None,
                      receipt: bytes | None, receipt_type: str | None, ports: Ports) -> ExpenseRow:
    if receipt is not None:
        check_upload(receipt, receipt_type or "", "receipt")
    check_dates([("spentOn", spent_on)])
    book = await rule_books.current()
    async with unit_of_work():
        job = await owned_for_update(principal, quickjob_id)
        # Before the order: the simulation may still change.
        lifecycle.require(job, QuickJobStatus.QUOTE_SENT, QuickJobStatus.IN_REVIEW)
        current = [ExpenseIn(e.amount_cents, e.category) for e in await repo.expenses_for(job.id)]
        sim = simulate(engine_input(_as_create(job), [*current, ExpenseIn(amount_cents, category)],
                                    client_country=job.client_country, client_vat=job.client_vat),
                       rules=book)
        expense_id = uuid.uuid4()
        key = None
        if receipt is not None:
            key = ports.storage.save(f"receipts/{job.id}/{expense_id}{extension(receipt_type)}",
                                     receipt, receipt_type)
        [row] = await repo.insert_expenses(job.id, [dict(
            id=expense_id, amount_cents=amount_cents, category=category, spent_on=spent_on,
            description=description, receipt_key=key,
            receipt_content_type=receipt_type if key else None)])
        await repo.update_quickjob(job.id, simulation=to_snapshot(sim), pay_date=sim.pay_date)
        contract = await repo.contract_for(job.id)
        await repo.update_contract(contract.id, gross_cents=sim.gross_cents)  # still planned
        await lifecycle.note(
            job, events=[("expense_added", {"amountCents": amount_cents, "category": category})],
            actor=principal.id,
            audit=Audit("expense.added", after={"expenseId": str(expense_id),
                                                "amountCents": amount_cents, "category": category}))
        return row


async def attach_receipt(principal: Principal, expense_id: uuid.UUID, receipt: bytes,
                         receipt_type: str, ports: Ports) -> ExpenseRow:
    """The receipt photo of an expense added without one (the bot's "photo after the yes"):
    the same checks and storage key as a receipt sent with the expense. A receipt is proof, not
    an amount: the figures do not change, and a stored receipt is never replaced."""
    check_upload(receipt, receipt_type or "", "receipt")
    async with unit_of_work():
        expense = await repo.get_expense(expense_id)
        if expense is None:
            raise NotFound()
        job = await owned_for_update(principal, expense.quickjob)  # another worker's: NotFound
        if job.status in (QuickJobStatus.CANCELLED, QuickJobStatus.REJECTED, QuickJobStatus.DECLINED):
            raise Conflict("wrong_state", status=job.status)
        if expense.receipt_key:
            raise Conflict("receipt_present")
        key = ports.storage.save(f"receipts/{job.id}/{expense.id}{extension(receipt_type)}",
                                 receipt, receipt_type)
        await repo.set_expense_receipt(expense.id, key, receipt_type)
        await lifecycle.note(
            job, events=[("receipt_added", {"expenseId": str(expense.id)})], actor=principal.id,
            audit=Audit("expense.receipt_attached", object_type="expense", object_id=expense.id,
                        before={"receiptKey": None},
                        after={"receiptKey": key, "contentType": receipt_type}))
        return await repo.get_expense(expense.id)


def _as_create(job: QuickJobRow) -> QuickJobCreate:
    return QuickJobCreate(
        function=job.function, description=job.description,
        performance_dates=list(job.performance_dates), amount_cents=job.amount_cents,
        client_id=job.client, vat_rate=job.vat_rate, vat_included=job.vat_included,
        vat_exemption=job.vat_exemption, contract_type=job.contract_type,
        withholding_rate=job.withholding_rate, paid_in_cash=job.paid_in_cash,
        hours_per_day=job.simulation.get("hours_per_day"),
    )
