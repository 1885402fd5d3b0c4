"""How a job runs: on its worker process's one event loop and one database pool.

Every rq job names ``run`` (``backend.jobs.queue.RUNNER``). In a job process of the worker
(``backend.jobs.worker``) it hands the handler's coroutine to the process's ``JobHost``: an
asyncio loop that lives in its own thread as long as the process, with the pool opened once
at start and the settings and their adapters (``backend.composition``) built once. No fork, no ``asyncio.run``, no new pool per
job. rq waits for the result in the main thread, where its job timeout (SIGALRM) lands: the
handler is then cancelled at its next ``await`` (its transaction rolls back) and the job fails
and is retried like any other. A handler that does not stop within ``CANCEL_GRACE_SECONDS``
(stuck in code that never awaits) holds the loop for good: the process exits, its supervisor
starts another one, which puts the job back first (``backend.jobs.recovery``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

import backend.platform.catalogues  # noqa: F401 - message templates for notifications
from backend import composition
from backend.jobs import registry
from backend.platform.db import close_pool, start_pool

if TYPE_CHECKING:
    from backend.platform.settings import Settings

log = logging.getLogger("backend.jobs.runner")
CANCEL_GRACE_SECONDS = 5.0
EXIT_LOOP_STUCK = 70  # EX_SOFTWARE: the supervisor restarts the process
POOL_MAX_SIZE = 4  # one job at a time, the outbox relay, and a handler's own reads


class JobHost:
    """The event loop (in its own thread), the pool, the settings and the adapters every job of
    a process uses."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        composition.adapters(settings)  # built now, once: every job's handler asks for them
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run_loop, name="job-loop", daemon=True)
        self._background: list = []

    def _run_loop(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def start(self) -> None:
        self._thread.start()
        self.call(start_pool(self.settings.database_url, min_size=1, max_size=POOL_MAX_SIZE))

    def call(self, coro: Coroutine[Any, Any, Any]) -> Any:
        """Run ``coro`` on the loop and wait for its result (from another thread)."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result()

    def background(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Keep ``coro`` running on the loop until ``stop`` (the outbox relay)."""
        self._background.append(asyncio.run_coroutine_threadsafe(coro, self.loop))

    def run_job(self, name: str, payload: dict) -> object:
        finished = threading.Event()  # the handler's task is over (the future says less)

        async def job() -> object:
            try:
                return await registry.call(name, payload, self.settings)
            finally:
                finished.set()

        future = asyncio.run_coroutine_threadsafe(job(), self.loop)
        try:
            return future.result()
        except BaseException:
            if not finished.is_set():
                # rq's timeout (or a cold stop) interrupted the wait: stop the handler too.
                future.cancel()
                if not finished.wait(CANCEL_GRACE_SECONDS):
                    log.critical("job %s did not stop within %.0fs of its cancellation; the "
                                 "event loop is stuck, exiting", name, CANCEL_GRACE_SECONDS)
                    logging.shutdown()
                    os._exit(EXIT_LOOP_STUCK)
            raise

    def stop(self) -> None:
        for task in self._background:
            task.cancel()
        try:
            self.call(close_pool())
        except Exception:  # noqa: BLE001 - stopping anyway
            log.exception("closing the database pool failed")
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)


_host: JobHost | None = None


def install(host: JobHost | None) -> None:
    global _host
    _host = host


def run(job: str, payload: dict) -> object:
    """The rq entry point of every job: run handler ``job`` on this process's loop."""
    if _host is None:
        raise RuntimeError("jobs run in the worker's job processes (python -m backend.jobs.worker)")
    return _host.run_job(job, payload)


async def once(key: str, job: str) -> bool:
    """Inside the job's transaction: True the first time ``key`` is seen, False after."""
    from backend.platform.db import fetch

    rows = await fetch(
        "INSERT INTO job_run (key, job) VALUES ({}, {}) ON CONFLICT (key) DO NOTHING RETURNING key",
        key, job,
    )
    return bool(rows)
