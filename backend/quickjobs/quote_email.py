"""The quote e-mailed to the client after the QuickJob was made without an address (the bot asks
for it): the address is set on the QuickJob's client, only when that client is the worker's own,
and the quote e-mail is queued with the change (outbox). In review, nothing leaves yet: the
adviser's approval sends it to the new address."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import msgspec

from backend.audit.service import record
from backend.clients import repository as clients
from backend.http.context import Principal
from backend.jobs.outbox import Message, add_many
from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict, invalid
from backend.quickjobs import lifecycle
from backend.quickjobs import repository as repo
from backend.quickjobs.creation import EMAIL_RE, quote_to_client
from backend.quickjobs.lifecycle import Audit, QuickJobStatus
from backend.quickjobs.ports import Ports
from backend.quickjobs.reading import owned_for_update, simulation_of, worker_of


@dataclass(frozen=True)
class QuoteEmail:
    status: str  # the QuickJob's: quote_sent (e-mailed now) or in_review (sent on approval)
    sent_to: str | None  # the address the quote e-mail was queued for, None when not now
    quote: str
    accept_url: str


async def email_quote(principal: Principal, quickjob_id: uuid.UUID, email: str,
                      ports: Ports) -> QuoteEmail:
    address = (email or "").strip().lower()
    if len(address) > 254 or not EMAIL_RE.match(address):
        raise invalid("client.email", "email_invalid")
    async with unit_of_work():
        job = await owned_for_update(principal, quickjob_id)
        lifecycle.require(job, QuickJobStatus.QUOTE_SENT, QuickJobStatus.IN_REVIEW)
        client = await clients.get(job.client)
        if (client.email or "") != address:
            # Only the worker's own client (clients are each worker's own: nothing is looked up
            # across workers); one another worker's QuickJobs use is not this worker's to change.
            if (client.created_by != principal.id
                    or await clients.used_by_others(client.id, principal.id)):
                raise Conflict("client_email_shared")
            await clients.set_email(client.id, address)
            await record(actor_id=principal.id, action="client.email_set", object_type="client",
                         object_id=client.id, before={"email": client.email},
                         after={"email": address, "quickjob": str(job.id)})
        job = msgspec.structs.replace(job, client_email=address)
        quote = await repo.quote_for(job.id)
        url = ports.accept_url(quote.id)
        if job.status != QuickJobStatus.QUOTE_SENT:
            return QuoteEmail(job.status, None, quote.number, url)
        message = quote_to_client(job, await worker_of(job.person), quote.number, url,
                                  simulation_of(job))
        # Its own key per address: a quote first sent elsewhere is sent again, to this one.
        key = f"quote:{job.id}:{address}"
        await add_many([Message(message.job, {**message.payload, "key": key},
                                dedupe_key=f"notify:{key}")])
        await lifecycle.note(job, events=[("quote_emailed", {"to": address})], actor=principal.id,
                             audit=Audit("quote.emailed", after={"quote": quote.number,
                                                                 "to": address}))
    return QuoteEmail(job.status, address, quote.number, url)
