"""The worker's timed work, as it runs in a job process (the timetable: ``backend.jobs.schedule``).

- ``relay_forever``: the outbox relay, a task on the job process's event loop. One job
  process relays at a time (it holds an advisory lock on its listening connection; another
  takes over within ``RELAY_EVERY_SECONDS`` when it dies). It relays when PostgreSQL notifies
  ``outbox`` (a transaction that wrote jobs committed) and every ``RELAY_EVERY_SECONDS``
  anyway. Not an rq job: it must keep trying while Redis is down, and relays as soon as it is
  back. While the API is saturated it waits like the job processes (``deferring``, a
  ``backend.jobs.cpu_yield.CpuYield``: bounded), relaying only the urgent messages meanwhile:
  queued jobs would wait anyway, and pushing them costs the CPU the API needs.
- ``follow_up_dimonas`` and ``daily_work``: the handlers of the periodic rq jobs (the daily
  work also forgets the Idempotency-Key answers older than a week).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable

import asyncpg

from backend import composition
from backend.backoffice import payroll, reminders
from backend.chat.telegram import repository as telegram
from backend.http import idempotency
from backend.jobs.outbox import RELAY_BATCH, relay_pending
from backend.jobs.queue import JobQueue
from backend.people import erasure
from backend.platform.db import unit_of_work
from backend.platform.settings import Settings
from backend.quickjobs.tasks import poll_dimonas

log = logging.getLogger("backend.periodic")
RELAY_EVERY_SECONDS = 2.0
DEFER_STEP_SECONDS = 0.25


# Any fixed number: the advisory lock whose holder is the one relay (pg_try_advisory_lock).
RELAY_LOCK = 0x6F7574626F78  # "outbox"


async def relay_forever(queue: JobQueue, database_url: str,
                        deferring: Callable[[], bool] = lambda: False) -> None:
    wake = asyncio.Event()
    conn: asyncpg.Connection | None = None  # its own: holds the lock and listens
    holding = False
    try:
        while True:
            try:
                if conn is None or conn.is_closed():
                    conn, holding = await asyncpg.connect(database_url), False
                if not holding:  # another job process may relay: asked again next round
                    holding = await conn.fetchval("SELECT pg_try_advisory_lock($1)", RELAY_LOCK)
                    if holding:
                        await conn.add_listener("outbox", lambda *_: wake.set())
                if holding and deferring():
                    # The API is saturated: the jobs would wait anyway (``CpuYield``), except
                    # the ones someone is waiting for.
                    await relay_pending(queue, urgent_only=True)
                    await asyncio.sleep(DEFER_STEP_SECONDS)
                    continue
                if holding:
                    wake.clear()  # a commit from now on wakes the next round
                    while await relay_pending(queue) == RELAY_BATCH:
                        pass  # more are waiting
            except Exception:  # noqa: BLE001 - keep the rhythm; log and try again
                log.exception("outbox relay failed")
                await _close(conn)
                conn, holding = None, False
            try:
                await asyncio.wait_for(wake.wait(), RELAY_EVERY_SECONDS)
            except TimeoutError:
                pass
    finally:
        await _close(conn)  # the lock goes with it: another process takes over


async def _close(conn: asyncpg.Connection | None) -> None:
    if conn is not None and not conn.is_closed():
        conn.terminate()


async def follow_up_dimonas(payload: dict, settings: Settings) -> int:
    return await poll_dimonas(settings=settings)


async def daily_work(payload: dict, settings: Settings) -> None:
    """The payroll run (salaries due today paid, their SEPA file made), invoice reminders and
    the erasures waiting or whose retention ended; every step idempotent."""
    today = dt.date.today()
    ports = composition.adapters(settings).quickjobs
    result = await payroll.run(today, ports, None, settings=settings)
    sent, escalated = await reminders.send_reminders(today, ports)
    async with unit_of_work():
        forgotten = await telegram.forget_old_telegram_rows()
    erasures = await erasure.daily(settings, today)  # waiting requests, ended retentions
    answers = await idempotency.forget_old_answers()
    log.info("daily work", extra={"fields": {
        "salariesPaid": len(result.paid_salary_ids),
        "monthlySalariesPaid": len(result.paid_monthly_salary_ids),
        "held": [f"{h.reason}:{h.key}" for h in result.held],
        "paymentFiles": [str(f.id) for f in result.payment_files],
        "paymentFileProblem": result.payment_file_problem,
        "reminders": sent, "escalated": escalated, "telegramRowsForgotten": forgotten,
        "erasures": erasures, "idempotencyAnswersForgotten": answers}})
