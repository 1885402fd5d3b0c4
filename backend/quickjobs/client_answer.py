"""The client's answer: the quote behind the public link accepted or declined, or the order the
client signed on paper uploaded by the worker. An order makes the work binding: the contract is
declared (one Dimona per day), booked, and the salary scheduled."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from backend.http.context import Principal
from backend.jobs import outbox
from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict, NotFound, invalid
from backend.quickjobs import lifecycle, postings, requirements
from backend.quickjobs import repository as repo
from backend.quickjobs.cancellation import cancel_contract
from backend.quickjobs.expenses import check_upload, extension
from backend.quickjobs.lifecycle import Audit, ContractStatus, QuickJobStatus
from backend.quickjobs.policy import today
from backend.quickjobs.ports import Ports, hash_token
from backend.quickjobs.reading import owned_for_update, simulation_of, worker_of
from backend.quickjobs.rows import OrderRow, QuickJobRow, QuoteRow
from backend.units import ledger

S = QuickJobStatus
NAME_MAX = 200


class QuoteState(StrEnum):
    """What the client can do with a quote, as its page shows it."""

    OPEN = "open"  # accept or decline
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"  # past its validity, or the first working day has passed
    WITHDRAWN = "withdrawn"  # the worker cancelled, or an adviser rejected it
    IN_REVIEW = "in_review"  # an adviser checks it before it is sent


def quote_state(quote: QuoteRow, job: QuickJobRow, on: dt.date) -> QuoteState:
    if job.status in (S.CANCELLED, S.REJECTED):
        return QuoteState.WITHDRAWN
    if quote.status == "accepted":
        return QuoteState.ACCEPTED
    if quote.status == "declined":
        return QuoteState.DECLINED
    if job.status == S.IN_REVIEW:
        return QuoteState.IN_REVIEW
    if quote.status == "expired" or quote.valid_until < on or min(job.performance_dates) < on:
        return QuoteState.EXPIRED
    return QuoteState.OPEN


async def quote_by_token(token: str) -> tuple[QuoteRow, QuickJobRow] | None:
    """(quote, QuickJob) behind a quote link whatever its state; None for an unknown token."""
    quote = await repo.quote_by_token_hash(hash_token(token))
    if quote is None:
        return None
    return quote, await repo.get_quickjob(quote.quickjob)


async def public_quote(token: str) -> tuple[QuoteRow, QuickJobRow, dict]:
    """(quote, QuickJob, worker) behind a quote link; ``NotFound`` once it expired."""
    quote = await repo.quote_by_token_hash(hash_token(token))
    if quote is None or quote.valid_until < today():
        raise NotFound("quote_link_invalid")
    job = await repo.get_quickjob(quote.quickjob)
    person = await worker_of(job.person)
    return quote, job, person


def tidy_name(name: str | None) -> str | None:
    """The name the client gives when accepting, spaces tidied; None when not given (the page
    requires it, the API does not); ``Invalid`` when longer than ``NAME_MAX``."""
    name = " ".join((name or "").split())
    if len(name) > NAME_MAX:
        raise invalid("name", "text_required", max=NAME_MAX)
    return name or None


async def accept_quote(token: str, client_ip: str | None, ports: Ports,
                       accepted_by: str | None = None) -> OrderRow:
    """The quote becomes the order; a second acceptance (a double click, a reload) returns the
    first order unchanged."""
    name = tidy_name(accepted_by)
    async with unit_of_work():
        quote = await repo.quote_by_token_hash(hash_token(token), for_update=True)
        if quote is not None and quote.status == "accepted":
            return await repo.order_for(quote.quickjob)  # the client clicked twice: same order
        if quote is None or quote.valid_until < today():
            raise NotFound("quote_link_invalid")
        job = await repo.get_quickjob(quote.quickjob, for_update=True)
        lifecycle.require(job, S.QUOTE_SENT)
        _check_not_started(job)
        order = await _confirm_order(job, quote, "client_link", None, client_ip, actor=None,
                                     accepted_by=name)
    return order


async def decline_quote(token: str, reason: str | None) -> None:
    reason = " ".join((reason or "").split())[:500] or None
    async with unit_of_work():
        quote = await repo.quote_by_token_hash(hash_token(token), for_update=True)
        if quote is None or quote.valid_until < today():
            raise NotFound("quote_link_invalid")
        job = await repo.get_quickjob(quote.quickjob, for_update=True)
        lifecycle.require(job, S.QUOTE_SENT)
        await repo.set_quote_status(quote.id, "declined", reason)
        await cancel_contract(job, actor=None)
        await lifecycle.transition(
            job, S.DECLINED, events=[("quote_declined", {"reason": reason})], actor=None,
            person=await worker_of(job.person), notify_event="quote_declined",
            audit=Audit("quote.declined", before={"status": job.status},
                        after={"status": S.DECLINED.value, "reason": reason}))


async def attest_order(principal: Principal, quickjob_id: uuid.UUID, signed_order: bytes,
                       content_type: str, ports: Ports) -> OrderRow:
    check_upload(signed_order, content_type, "signedOrder")
    async with unit_of_work():
        job = await owned_for_update(principal, quickjob_id)
        lifecycle.require(job, S.QUOTE_SENT)
        _check_not_started(job)
        quote = await repo.quote_for(job.id)
        key = ports.storage.save(f"orders/{job.id}{extension(content_type)}", signed_order,
                                 content_type)
        return await _confirm_order(job, quote, "worker_attested", key, None, actor=principal.id)


def _check_not_started(job: QuickJobRow) -> None:
    """Dimona must precede the work (domain.md §5): an order after the first day is too late."""
    if min(job.performance_dates) < today():
        raise Conflict("too_late_to_declare", date=min(job.performance_dates).isoformat())


async def _confirm_order(job: QuickJobRow, quote: QuoteRow, source: str, signed_key: str | None,
                         client_ip: str | None, actor: uuid.UUID | None,
                         accepted_by: str | None = None) -> OrderRow:
    """Binding: the order makes the guarantee fund's promise; the contract is declared and the
    salary scheduled 7 working days after the last day worked (001:111, 000:339)."""
    await repo.set_quote_status(quote.id, "accepted")
    order = await repo.insert_order(id=uuid.uuid4(), quickjob=job.id, quote=quote.id,
                                    source=source, signed_order_key=signed_key, client_ip=client_ip,
                                    accepted_by=accepted_by)
    sim = simulation_of(job)
    contract = await repo.contract_for(job.id)
    await lifecycle.move_contract(contract, ContractStatus.DECLARED, gross_cents=sim.gross_cents)
    # Day contracts: one Dimona per working day.
    for dimona_id in await repo.insert_dimonas(contract.id, job.performance_dates):
        await outbox.add("dimona.declare", {"dimonaId": str(dimona_id)},
                         dedupe_key=f"dimona:{dimona_id}")
    await outbox.add("document.render", {"quickjobId": str(job.id), "document": "contract"},
                     dedupe_key=f"render:contract:{job.id}")
    await ledger.post_entry(
        job.unit, "labour_cost", f"Labour cost {job.function}",
        postings.labour_cost(sim.employer_cost_cents, sim.gross_cents, sim.social_security_cents,
                             sim.withholding_tax_cents, sim.net_cents)
        + postings.expenses(sim.expenses_cents),
        effective_date=max(job.performance_dates), reference=f"contract:{contract.id}",
        actor_id=actor,
    )
    # What really happens: the Dimona and the salary wait for missing details (issue 14).
    person = await worker_of(job.person)
    steps, salary_status, notices = await requirements.at_order(job, person, sim)
    await repo.insert_salary(id=uuid.uuid4(), contract=contract.id, quickjob=job.id,
                             person=job.person, pay_date=sim.pay_date, gross_cents=sim.gross_cents,
                             social_security_cents=sim.social_security_cents,
                             withholding_cents=sim.withholding_tax_cents, net_cents=sim.net_cents,
                             expenses_cents=sim.expenses_cents, status=salary_status)
    await outbox.add_many(notices)
    await lifecycle.transition(
        job, S.ACCEPTED, actor=actor,
        events=[("quote_accepted" if source == "client_link" else "order_attested",
                 {"source": source, **({"acceptedBy": accepted_by} if accepted_by else {})}),
                *steps],
        person=person, notify_event="quote_accepted",
        audit=Audit("order.confirmed", before={"status": job.status},
                    after={"status": S.ACCEPTED.value, "source": source,
                           "acceptedBy": accepted_by, "clientIp": client_ip,
                           "payDate": sim.pay_date.isoformat()}))
    return order
