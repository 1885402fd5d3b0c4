"""Periodic work of the worker: relay the outbox to rq every few seconds (more to come:
salary runs, reminders). Started by ``backend.jobs.worker``; stops on SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal
import time

from backend.jobs.outbox import relay_pending
from backend.jobs.queue import JobQueue
from backend.platform.db import close_pool, start_pool
from backend.platform.logging_setup import configure_logging
from backend.platform.settings import Settings
from backend.quickjobs.tasks import poll_dimonas

log = logging.getLogger("backend.periodic")
RELAY_EVERY_SECONDS = 2.0
DIMONA_EVERY_SECONDS = 30.0
DAILY_WORK_EVERY_SECONDS = 3600.0  # idempotent, so running it hourly is harmless and catches up


async def run(settings: Settings, stop: asyncio.Event) -> None:
    queue = JobQueue(settings.redis_url)
    await start_pool(settings.database_url, min_size=1, max_size=2)
    next_dimona = next_daily = 0.0
    try:
        while not stop.is_set():
            try:
                await relay_pending(queue)
            except Exception:  # noqa: BLE001 - keep the rhythm; log and try again
                log.exception("periodic relay failed")
            if time.monotonic() >= next_dimona:
                next_dimona = time.monotonic() + DIMONA_EVERY_SECONDS
                try:
                    await poll_dimonas()
                except Exception:  # noqa: BLE001
                    log.exception("Dimona follow-up failed")
            if settings.periodic_daily_work and time.monotonic() >= next_daily:
                next_daily = time.monotonic() + DAILY_WORK_EVERY_SECONDS
                try:
                    await daily_work(settings)
                except Exception:  # noqa: BLE001
                    log.exception("daily work failed")
            try:
                await asyncio.wait_for(stop.wait(), RELAY_EVERY_SECONDS)
            except TimeoutError:
                pass
    finally:
        await close_pool()


async def daily_work(settings: Settings) -> None:
    """The payroll run (salaries due today paid, their SEPA file made) and invoice reminders;
    every step idempotent."""
    import datetime as dt

    from backend import composition
    from backend.backoffice import payroll, reminders
    from backend.chat.telegram import repository as telegram
    from backend.platform.db import unit_of_work

    today = dt.date.today()
    result = await payroll.run(today, composition.adapters(settings).quickjobs, None)
    sent, escalated = await reminders.send_reminders(today)
    async with unit_of_work():
        forgotten = await telegram.forget_old_telegram_rows()
    log.info("daily work", extra={"fields": {
        "salariesPaid": len(result.paid_salary_ids),
        "monthlySalariesPaid": len(result.paid_monthly_salary_ids),
        "paymentFiles": [str(f.id) for f in result.payment_files],
        "paymentFileProblem": result.payment_file_problem,
        "reminders": sent, "escalated": escalated, "telegramRowsForgotten": forgotten}})


def main() -> None:
    settings = Settings.from_env()
    configure_logging(settings.log_level)

    async def start() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await run(settings, stop)

    asyncio.run(start())


if __name__ == "__main__":
    main()
