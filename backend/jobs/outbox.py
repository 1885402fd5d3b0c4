"""Transactional outbox: a job is written with the change that causes it, then relayed to rq.

Nothing is lost while Redis is down: unrelayed rows stay until ``relay_pending`` succeeds
(right after the commit, and periodically from the worker).
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from backend.platform.db import fetch, write

log = logging.getLogger("backend.outbox")
RELAY_BATCH = 200  # rows per relay transaction

# Set per request by the middleware: a list that ``add`` marks, so the request relays after
# its response instead of every request querying the outbox.
written_in_request: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "outbox_written_in_request", default=None)


@dataclass(frozen=True)
class Message:
    """A job to queue: its handler's name, its payload, and the key that makes it once."""

    job: str
    payload: dict
    dedupe_key: str


async def add(job: str, payload: dict, dedupe_key: str) -> None:
    """Queue ``job`` in the current transaction; a second call with the same key is a no-op."""
    await add_many([Message(job, payload, dedupe_key)])


async def add_many(messages: Sequence[Message]) -> None:
    """Queue several jobs of one change in one statement (``add``'s rules for each)."""
    if not messages:
        return
    # Raw SQL: one INSERT of n rows from arrays (unnest), the same text whatever n is; inside
    # ``together()`` it joins that block's statement.
    await write(
        "INSERT INTO outbox_message (id, job, payload, dedupe_key) "
        "SELECT id, job, payload::jsonb, dedupe_key "
        "FROM unnest({}::uuid[], {}::text[], {}::text[], {}::text[]) AS m(id, job, payload, dedupe_key) "
        "ON CONFLICT (dedupe_key) DO NOTHING",
        [uuid.uuid4() for _ in messages], [m.job for m in messages],
        [json.dumps(m.payload) for m in messages], [m.dedupe_key for m in messages],
    )
    marker = written_in_request.get()
    if marker is not None:
        marker.extend(m.job for m in messages)


async def pending_count() -> int:
    rows = await fetch("SELECT count(*) AS n FROM outbox_message WHERE relayed_at IS NULL")
    return rows[0]["n"]


async def relay_pending(queue, limit: int = RELAY_BATCH) -> int:
    """Push unrelayed messages to rq. Rows are locked (SKIP LOCKED) so two relays never push
    the same one, and the rq job id is the outbox id, so a crash between push and mark
    cannot enqueue it twice either. The batch goes to rq in one hop to a thread and is marked
    in one UPDATE; on the first failure (Redis down) the rest stays for the next relay."""
    from backend.platform.db import unit_of_work

    async with unit_of_work():
        rows = await fetch(
            "SELECT id, job, payload FROM outbox_message WHERE relayed_at IS NULL "
            "ORDER BY created_at LIMIT {} FOR UPDATE SKIP LOCKED",
            limit,
        )
        if not rows:
            return 0
        # rq's client is synchronous: keep the event loop free while it talks to Redis.
        relayed, failure = await asyncio.to_thread(_enqueue_in_order, queue, rows)
        if relayed:
            await fetch("UPDATE outbox_message SET relayed_at = now() WHERE id = ANY({}::uuid[])",
                        relayed)
        if failure is not None:
            row_id, exc = failure
            await fetch(
                "UPDATE outbox_message SET relay_attempts = relay_attempts + 1, "
                "last_error = {} WHERE id = {}",
                repr(exc)[:500], row_id,
            )
            log.warning("outbox relay failed: %r", exc)
    return len(relayed)


def _enqueue_in_order(queue, rows: list[dict]) -> tuple[list, tuple | None]:
    """Enqueue ``rows`` in their order until one fails: (ids enqueued, (failed id, error))."""
    relayed = []
    for row in rows:
        payload = row["payload"]
        if isinstance(payload, str):
            payload = json.loads(payload)
        try:
            queue.enqueue_job_by_name(row["job"], payload, str(row["id"]))
        except Exception as exc:  # noqa: BLE001 - Redis down: keep the rows for later
            return relayed, (row["id"], exc)
        relayed.append(row["id"])
    return relayed, None


class RelayAfterResponse:
    """The relay a process runs after the responses that queued jobs: one at a time. A
    request that asks while one runs makes it go round once more instead of starting its own
    (under load one pass relays the jobs of many requests, in one transaction)."""

    def __init__(self, queue) -> None:
        self.queue = queue
        self._running = False
        self._again = False

    async def __call__(self) -> int:
        if self._running:
            self._again = True  # the running relay looks again once it is done
            return 0
        self._running = True
        relayed = 0
        try:
            while True:
                self._again = False
                done = await relay_pending(self.queue)
                relayed += done
                if not self._again and done < RELAY_BATCH:
                    return relayed
        finally:
            self._running = False
