"""A job process takes its next job when the API is not saturated, within a bound.

Background work (PDFs, e-mails, payslips) must not slow the API down: a client waits on the
API, nobody waits on a PDF made a few seconds later. A lower CPU priority (the worker's nice,
``backend.jobs.worker``) is not enough: the worker's queries run in PostgreSQL at full
priority, and a running job still holds a core when a request arrives.

So each API process says when it is saturated: ``BUSY_IN_FLIGHT`` requests or more at once
(``ApiLoad``, in the request middleware). It then sets ``BUSY_KEY`` in Redis for
``BUSY_FOR_MS`` (at most every ``PUBLISH_EVERY_SECONDS``, off the request's path). Before
each job a job process looks at that key; while it is there, it waits ``STEP_SECONDS`` and
looks again. An API serving a few requests at a time never sets it: nothing is deferred on
an ordinary day.

The wait is bounded: after ``max_defer`` seconds of saturation without a break the job
process runs its jobs regardless, one after the other, until it first finds the API no
longer saturated (an API that stays saturated delays background work by ``max_defer`` at
most, never starves it). Redis unreachable: no wait. A job someone is waiting for (a
sign-in code: ``urgent``) never waits: it is queued at the front and, while it is next, the
job process takes it at once. The outbox relay waits the same way, urgent messages apart
(``backend.jobs.periodic``). Measured on the 2-core bench machine
(bench/README.md).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

log = logging.getLogger("backend.jobs.cpu_yield")

BUSY_KEY = "api:saturated"
BUSY_IN_FLIGHT = 4  # requests at once in one API process
BUSY_FOR_MS = 1000
PUBLISH_EVERY_SECONDS = 0.25
STEP_SECONDS = 0.05
# Ids of urgent jobs (``backend.jobs.queue`` adds them as it queues them, at the front); an id
# only matters while it heads the queue, so the set simply lapses a while after the last one.
URGENT_KEY = "jobs:urgent"
URGENT_KEEP_MS = 15 * 60 * 1000


class ApiLoad:
    """The API process's side: counts the requests in flight and, while they are
    ``BUSY_IN_FLIGHT`` or more, keeps ``BUSY_KEY`` set (a Redis SET now and then, in a task
    of its own: never awaited by a request)."""

    def __init__(self, redis, clock: Callable[[], float] = time.monotonic) -> None:
        self.redis = redis
        self.clock = clock
        self.in_flight = 0
        self._published_at = float("-inf")
        self._tasks: set[asyncio.Task] = set()

    def started(self) -> None:
        self.in_flight += 1
        if self.in_flight >= BUSY_IN_FLIGHT:
            now = self.clock()
            if now - self._published_at >= PUBLISH_EVERY_SECONDS:
                self._published_at = now
                task = asyncio.get_running_loop().create_task(self._publish())
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    def ended(self) -> None:
        self.in_flight -= 1

    async def _publish(self) -> None:
        try:
            await self.redis.set(BUSY_KEY, 1, px=BUSY_FOR_MS)
        except Exception:  # noqa: BLE001 - background work then simply does not wait
            log.debug("could not flag the API as saturated", exc_info=True)


class CpuYield:
    """The job process's side: ``before_job`` waits while ``saturated()`` says so."""

    def __init__(self, max_defer: float, saturated: Callable[[], bool], *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.max_defer = max_defer
        self._saturated, self._clock, self._sleep = saturated, clock, sleep
        self._since: float | None = None

    def deferring(self) -> bool:
        """Whether background work should wait now: the API is saturated and has been for less
        than ``max_defer`` (no wait here; Redis away: no)."""
        if self.max_defer <= 0:
            return False
        try:
            saturated = self._saturated()
        except Exception:  # noqa: BLE001 - Redis away: rq's own dequeue will tell
            return False
        now = self._clock()
        if not saturated:
            self._since = None
            return False
        if self._since is None:
            self._since = now
        # Past the bound: no wait until the API is first seen not saturated again.
        return now - self._since < self.max_defer

    def before_job(self) -> float:
        """Wait while the API is saturated (within the bound); the seconds waited."""
        waited = 0.0
        while self.deferring():
            self._sleep(STEP_SECONDS)
            waited += STEP_SECONDS
        return waited


# Saturated, unless the job at the head of the queue is urgent (one round trip).
_SATURATED_FOR_QUEUE = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local head = redis.call('LINDEX', KEYS[2], 0)
if head and redis.call('SISMEMBER', KEYS[3], head) == 1 then return 0 end
return 1
"""


def saturated_flag(connection, queue_key: str | None = None) -> Callable[[], bool]:
    """``CpuYield``'s question, asked of Redis through ``connection`` (synchronous). With
    ``queue_key`` (a job process's queue), an urgent job at its head (``URGENT_KEY``:
    someone is waiting for it, a sign-in code) is never kept waiting."""
    if queue_key is None:
        return lambda: bool(connection.exists(BUSY_KEY))
    script = connection.register_script(_SATURATED_FOR_QUEUE)
    return lambda: bool(script(keys=[BUSY_KEY, queue_key, URGENT_KEY]))
