"""The worker's timed work, as it runs in a job process (the timetable: ``backend.jobs.schedule``).

- ``relay_forever``: the outbox relay every 2 s, a task on the job process's event loop. Not
  an rq job: it must keep trying while Redis is down, and relays as soon as it is back.
- ``follow_up_dimonas`` and ``daily_work``: the handlers of the periodic rq jobs.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from backend import composition
from backend.backoffice import payroll, reminders
from backend.chat.telegram import repository as telegram
from backend.jobs.outbox import RELAY_BATCH, relay_pending
from backend.jobs.queue import JobQueue
from backend.people import erasure
from backend.platform.db import unit_of_work
from backend.platform.settings import Settings
from backend.quickjobs.tasks import poll_dimonas

log = logging.getLogger("backend.periodic")
RELAY_EVERY_SECONDS = 2.0


async def relay_forever(queue: JobQueue) -> None:
    while True:
        try:
            while await relay_pending(queue) == RELAY_BATCH:
                pass  # more are waiting
        except Exception:  # noqa: BLE001 - keep the rhythm; log and try again
            log.exception("periodic relay failed")
        await asyncio.sleep(RELAY_EVERY_SECONDS)


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
    log.info("daily work", extra={"fields": {
        "salariesPaid": len(result.paid_salary_ids),
        "monthlySalariesPaid": len(result.paid_monthly_salary_ids),
        "held": [f"{h.reason}:{h.key}" for h in result.held],
        "paymentFiles": [str(f.id) for f in result.payment_files],
        "paymentFileProblem": result.payment_file_problem,
        "reminders": sent, "escalated": escalated, "telegramRowsForgotten": forgotten,
        "erasures": erasures}})
