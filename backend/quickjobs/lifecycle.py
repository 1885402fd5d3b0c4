"""The one home of the QuickJob lifecycle (domain.md §1, seed 000:697-707), and of the invoice's
and contract's statuses.

A QuickJob's status changes only here: ``start`` (its first status, written by its INSERT)
and ``transition`` check the move against ``QUICKJOB_MOVES``, then write the status, the
timeline events, the audit record and the worker's notification together, in the caller's
unit of work. ``note`` does the same bookkeeping for an event that changes no status.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import msgspec

from backend.audit.service import record
from backend.jobs.outbox import Message, add_many
from backend.notifications.service import notification
from backend.platform import i18n
from backend.platform.errors import Conflict
from backend.quickjobs import repository as repo
from backend.quickjobs.rows import ContractRow, InvoiceRow, QuickJobRow, WorkerRow


class QuickJobStatus(StrEnum):
    """In the order a QuickJob normally moves through them (the API returns the values)."""

    IN_REVIEW = "in_review"
    QUOTE_SENT = "quote_sent"
    ACCEPTED = "accepted"
    INVOICED = "invoiced"
    PAID = "paid"
    SALARY_PAID = "salary_paid"
    DECLINED = "declined"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


S = QuickJobStatus
# None: a QuickJob being created. A credit note re-opens invoicing (back to accepted), also
# after the guarantee fund paid the salary; the salary itself is never paid twice.
QUICKJOB_MOVES: dict[QuickJobStatus | None, frozenset[QuickJobStatus]] = {
    None: frozenset({S.IN_REVIEW, S.QUOTE_SENT}),
    S.IN_REVIEW: frozenset({S.QUOTE_SENT, S.REJECTED, S.CANCELLED}),
    S.QUOTE_SENT: frozenset({S.ACCEPTED, S.DECLINED, S.CANCELLED}),
    S.ACCEPTED: frozenset({S.INVOICED, S.PAID, S.SALARY_PAID, S.CANCELLED}),
    S.INVOICED: frozenset({S.ACCEPTED, S.PAID, S.SALARY_PAID}),
    S.PAID: frozenset({S.SALARY_PAID}),
    S.SALARY_PAID: frozenset({S.ACCEPTED}),
    S.DECLINED: frozenset(),
    S.REJECTED: frozenset(),
    S.CANCELLED: frozenset(),
}


class InvoiceStatus(StrEnum):
    ISSUED = "issued"
    PAID = "paid"
    CREDITED = "credited"


# A payment in part keeps an invoice issued; only an unpaid invoice is credited.
INVOICE_MOVES: dict[InvoiceStatus, frozenset[InvoiceStatus]] = {
    InvoiceStatus.ISSUED: frozenset({InvoiceStatus.ISSUED, InvoiceStatus.PAID,
                                     InvoiceStatus.CREDITED}),
    InvoiceStatus.PAID: frozenset(),
    InvoiceStatus.CREDITED: frozenset(),
}


class ContractStatus(StrEnum):
    PLANNED = "planned"  # made with the quote; its gross follows the expenses
    DECLARED = "declared"  # the order made it binding: Dimona declared, salary scheduled
    BLOCKED = "blocked"  # a Dimona was refused: no salary is paid on it
    CANCELLED = "cancelled"
    COMPLETED = "completed"  # the salary is paid


C = ContractStatus
CONTRACT_MOVES: dict[ContractStatus, frozenset[ContractStatus]] = {
    C.PLANNED: frozenset({C.DECLARED, C.CANCELLED}),
    C.DECLARED: frozenset({C.BLOCKED, C.CANCELLED, C.COMPLETED}),
    C.BLOCKED: frozenset({C.CANCELLED}),
    C.CANCELLED: frozenset(),
    C.COMPLETED: frozenset(),
}

Event = tuple[str, dict | None]  # (kind, data) of one timeline line


@dataclass(frozen=True)
class Audit:
    """The audit record of a change: by default about the QuickJob itself."""

    action: str
    object_type: str = "quickjob"
    object_id: object = None  # None: the QuickJob's id
    before: dict | None = None
    after: dict | None = None


def require(job: QuickJobRow, *statuses: QuickJobStatus) -> None:
    """``Conflict`` unless the QuickJob is in one of ``statuses`` (``under_review`` while an adviser
    has it, so the worker knows why)."""
    if job.status == S.IN_REVIEW and S.IN_REVIEW not in statuses:
        raise Conflict("under_review")
    if job.status not in statuses:
        raise Conflict("wrong_state", status=job.status)


def _check(moves: dict, current, to) -> None:
    if to not in moves.get(current, ()):
        raise Conflict("wrong_state", status=str(current))


async def start(job: QuickJobRow, *, events: Sequence[Event], actor: uuid.UUID | None, audit: Audit,
                person: WorkerRow, notify_event: str | None,
                messages: Sequence[Message] = ()) -> None:
    """A new QuickJob's first status: its INSERT wrote it (before the rows that refer to the
    QuickJob); here the move from nothing is checked and its bookkeeping written, with the
    creation's other ``messages`` (the quote to the client) in the same outbox statement."""
    _check(QUICKJOB_MOVES, None, job.status)
    await _write(job, events, actor, audit, person, notify_event, messages)


async def transition(job: QuickJobRow, to: QuickJobStatus, *, events: Sequence[Event],
                     actor: uuid.UUID | None, audit: Audit | None, person: WorkerRow | None = None,
                     notify_event: str | None = None) -> QuickJobRow:
    """Move ``job`` (read FOR UPDATE by the caller) to ``to``; returns the job as it is now."""
    _check(QUICKJOB_MOVES, job.status, to)
    await repo.update_quickjob(job.id, status=to.value)
    moved = msgspec.structs.replace(job, status=to.value)
    await _write(moved, events, actor, audit, person, notify_event)
    return moved


async def note(job: QuickJobRow, *, events: Sequence[Event], actor: uuid.UUID | None,
               audit: Audit | None = None, person: WorkerRow | None = None,
               notify_event: str | None = None) -> None:
    """The same bookkeeping for events that change no status (an expense, a reminder...)."""
    await _write(job, events, actor, audit, person, notify_event)


async def _write(job: QuickJobRow, events: Sequence[Event], actor: uuid.UUID | None,
                 audit: Audit | None, person: WorkerRow | None, notify_event: str | None,
                 messages: Sequence[Message] = ()) -> None:
    await repo.add_events(job.id, list(events))
    messages = list(messages)
    if notify_event is not None:
        if person is None:
            raise ValueError("a worker notification needs the person")
        messages.append(worker_notification(job, person, notify_event))
    await add_many(messages)
    if audit is not None:
        await record(actor_id=actor, action=audit.action, object_type=audit.object_type,
                     object_id=job.id if audit.object_id is None else audit.object_id,
                     before=audit.before, after=audit.after)


def worker_notification(job: QuickJobRow, person: WorkerRow, event: str) -> Message:
    """What tells the worker (e-mail, else SMS) what happened to a QuickJob, in their language."""
    lang = person.language or "nl"
    to, channel = (person.email, "email") if person.email else (person.phone, "sms")
    return notification(key=f"qj:{job.id}:{event}", channel=channel, to=to,
                        template="quickjob_update", language=lang,
                        params={"function": job.function, "client": job.client_name,
                                "event": i18n.t(f"event.{event}", lang)})


async def move_contract(contract: ContractRow, to: ContractStatus, **values) -> None:
    _check(CONTRACT_MOVES, ContractStatus(contract.status), to)
    await repo.update_contract(contract.id, status=to.value, **values)


async def move_invoice(invoice: InvoiceRow, to: InvoiceStatus, **values) -> None:
    _check(INVOICE_MOVES, InvoiceStatus(invoice.status), to)
    await repo.update_invoice(invoice.id, status=to.value, **values)
