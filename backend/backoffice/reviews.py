"""Review decisions: an adviser approves an exception (the quote then goes to the client) or
rejects it with a reason the worker sees (the QuickJob stops, its contract is withdrawn)."""

from __future__ import annotations

import uuid

from backend.audit.service import record
from backend.backoffice import repository as backoffice
from backend.backoffice.rows import ReviewRow
from backend.http.context import Principal
from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict, NotFound, invalid
from backend.quickjobs import lifecycle
from backend.quickjobs import repository as quickjobs
from backend.quickjobs.cancellation import cancel_contract
from backend.quickjobs.creation import send_quote
from backend.quickjobs.lifecycle import Audit, QuickJobStatus
from backend.quickjobs.ports import Ports
from backend.quickjobs.reading import simulation_of, worker_of

S = QuickJobStatus


async def decide_review(actor: Principal, review_id: uuid.UUID, approve: bool,
                        reason: str | None, ports: Ports) -> ReviewRow:
    actor.require("adviser", "admin")
    if not approve and not (reason and reason.strip()):
        raise invalid("reason", "reason_required")
    decision = "approved" if approve else "rejected"
    audit = Audit(f"review.{decision}", object_type="review_item", object_id=review_id,
                  before={"status": "open"}, after={"status": decision, "reason": reason})
    async with unit_of_work():
        item = await backoffice.get_review(review_id, for_update=True)
        if item is None:
            raise NotFound()
        if item.status != "open":
            raise Conflict("review_decided")
        await backoffice.decide_review(review_id, decision, actor.id, reason)
        job = None
        if item.quickjob:
            job = await quickjobs.get_quickjob(item.quickjob, for_update=True)
        if job is not None and job.status == S.IN_REVIEW:
            person = await worker_of(job.person)
            if approve:
                quote = await quickjobs.quote_for(job.id)
                await lifecycle.transition(
                    job, S.QUOTE_SENT, actor=actor.id, audit=audit, person=person,
                    notify_event="review_approved",
                    events=[("review_approved", {"reason": reason}),
                            ("quote_sent", {"number": quote.number})])
                await send_quote(job, person, quote.number, ports.accept_url(quote.id),
                                 simulation_of(job))
            else:
                await cancel_contract(job, actor=actor.id)
                await lifecycle.transition(
                    job, S.REJECTED, events=[("review_rejected", {"reason": reason})],
                    actor=actor.id, audit=audit, person=person, notify_event="review_rejected")
        else:  # not a QuickJob's review (a hand-off, an overdue invoice), or decided otherwise
            await record(actor_id=actor.id, action=audit.action, object_type=audit.object_type,
                         object_id=review_id, before=audit.before, after=audit.after)
        return await backoffice.get_review(review_id)
