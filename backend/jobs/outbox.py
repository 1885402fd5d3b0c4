"""Transactional outbox: a job is written with the change that causes it, then relayed to rq.

Only the worker relays (``backend.jobs.periodic.relay_forever``): woken by PostgreSQL when a
transaction that wrote jobs commits (``NOTIFY outbox``, a trigger on the table), and every
few seconds anyway. The web process never talks to rq. Nothing is lost while Redis is down:
unrelayed rows stay until ``relay_pending`` succeeds.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from backend.platform.db import fetch, unit_of_work, write

log = logging.getLogger("backend.outbox")
RELAY_BATCH = 200  # rows per relay transaction

@dataclass(frozen=True)
class Message:
    """A job to queue: its handler's name, its payload, the key that makes it once, and
    whether someone is waiting for it (``urgent``: relayed and run even while the API is
    saturated, ahead of the rest)."""

    job: str
    payload: dict
    dedupe_key: str
    urgent: bool = False


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
        "INSERT INTO outbox_message (id, job, payload, dedupe_key, urgent) "
        "SELECT id, job, payload::jsonb, dedupe_key, urgent "
        "FROM unnest({}::uuid[], {}::text[], {}::text[], {}::text[], {}::bool[]) "
        "AS m(id, job, payload, dedupe_key, urgent) "
        "ON CONFLICT (dedupe_key) DO NOTHING",
        [uuid.uuid4() for _ in messages], [m.job for m in messages],
        [json.dumps(m.payload) for m in messages], [m.dedupe_key for m in messages],
        [m.urgent for m in messages],
    )


async def pending_count() -> int:
    rows = await fetch("SELECT count(*) AS n FROM outbox_message WHERE relayed_at IS NULL")
    return rows[0]["n"]


async def relay_pending(queue, limit: int = RELAY_BATCH, *, urgent_only: bool = False) -> int:
    """Push unrelayed messages to rq (only the urgent ones with ``urgent_only``). Rows are
    locked (SKIP LOCKED) so two relays never push the same batch, and the rq job id is the
    outbox id, so a crash between push and mark cannot enqueue one twice either. The batch
    goes to rq whole, in one hop to a thread (rq's client is synchronous) and one pipeline,
    and is marked in one UPDATE; when Redis is down every row of it stays, its attempt
    counted, for the next relay."""
    async with unit_of_work():
        rows = await fetch(
            "SELECT id, job, payload, urgent FROM outbox_message WHERE relayed_at IS NULL "
            + ("AND urgent " if urgent_only else "")
            + "ORDER BY created_at LIMIT {} FOR UPDATE SKIP LOCKED",
            limit,
        )
        if not rows:
            return 0
        ids = [row["id"] for row in rows]
        jobs = [(row["job"], _payload(row["payload"]), str(row["id"]), row["urgent"])
                for row in rows]
        try:
            await asyncio.to_thread(queue.enqueue_batch, jobs)
        except Exception as exc:  # noqa: BLE001 - Redis down: keep the rows for later
            await fetch(
                "UPDATE outbox_message SET relay_attempts = relay_attempts + 1, "
                "last_error = {} WHERE id = ANY({}::uuid[])",
                repr(exc)[:500], ids,
            )
            log.warning("outbox relay failed: %r", exc)
            return 0
        await fetch("UPDATE outbox_message SET relayed_at = now() WHERE id = ANY({}::uuid[])",
                    ids)
    return len(rows)


def _payload(value) -> dict:
    return json.loads(value) if isinstance(value, str) else value
