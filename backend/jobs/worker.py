"""The worker process (Procfile `worker`): an rq worker with its scheduler, plus periodic jobs.

Periodic work (the outbox relay now; payroll runs and reminders later) runs from a thread in
the parent process so it keeps its rhythm while the work horse runs jobs.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time

from rq import Worker

from backend.jobs.queue import JobQueue
from backend.logging_setup import configure_logging
from backend.settings import Settings

log = logging.getLogger("backend.worker")
RELAY_EVERY_SECONDS = 2.0


def _periodic(settings: Settings, stop: threading.Event) -> None:
    from backend.db import close_pool, start_pool
    from backend.jobs.outbox import relay_pending

    queue = JobQueue(settings.redis_url)

    async def loop() -> None:
        await start_pool(settings.database_url, min_size=1, max_size=2)
        try:
            while not stop.is_set():
                try:
                    await relay_pending(queue)
                except Exception:  # noqa: BLE001 - keep the rhythm, log and try again
                    log.exception("periodic relay failed")
                await asyncio.sleep(RELAY_EVERY_SECONDS)
        finally:
            await close_pool()

    asyncio.run(loop())


def main() -> None:
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    if not settings.database_url or not settings.redis_url:
        raise SystemExit("the worker needs DATABASE_URL and REDIS_URL")
    stop = threading.Event()
    threading.Thread(target=_periodic, args=(settings, stop), daemon=True, name="periodic").start()
    queue = JobQueue(settings.redis_url)
    worker = Worker([queue.queue], connection=queue.connection)
    try:
        worker.work(with_scheduler=True, logging_level=settings.log_level)
    finally:
        stop.set()
        time.sleep(0.1)


if __name__ == "__main__":
    main()
