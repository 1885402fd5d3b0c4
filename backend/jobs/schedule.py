"""What the worker runs on a timer, planned on rq's scheduler.

- the Dimona follow-up, every 30 s (social security's answers; a Dimona waiting for the
  worker's national number is declared once the profile has it);
- the daily work, hourly (the payroll run, invoice reminders, old Telegram rows forgotten):
  idempotent, so running it every hour is harmless and catches up after a stop.

Each occurrence is an rq job (on the one queue) whose id is its time slot
(``periodic-<name>-<slot start, epoch seconds>``), scheduled with ``unique=True``: however many
supervisors plan it, a slot runs once. The slot under way is planned too, so a worker started
mid-slot runs it at once unless it already ran (the job is kept ``2 x every`` after it ends).
rq's scheduler (run by the supervisor, ``backend.jobs.worker``) moves a due job to the queue;
a job process runs it like any other job, with its timeout, and a failure goes to the
failed-job registry (no retry: the next slot is the retry).

The outbox relay is not here: it runs every 2 s in each job process (``backend.jobs.periodic``),
because it must keep trying while Redis is down.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rq import Queue
from rq.exceptions import DuplicateJobError

from backend.jobs.queue import RUNNER


@dataclass(frozen=True)
class Periodic:
    job: str  # a handler name of backend.jobs.registry
    every: int  # seconds; slots start at multiples of it (UTC epoch)
    timeout: int  # seconds
    daily_work: bool = False  # off with PERIODIC_DAILY_WORK=off


PERIODIC = (
    Periodic("periodic.dimona_follow_up", every=30, timeout=300),
    Periodic("periodic.daily_work", every=3600, timeout=3600, daily_work=True),
)
FAILURE_TTL = 7 * 24 * 3600


def slot_id(job: str, start: int) -> str:
    """``periodic-dimona_follow_up-1796286630`` (rq ids: letters, digits, _ and -)."""
    return f"periodic-{job.removeprefix('periodic.').replace('.', '_')}-{start}"


class PeriodicPlan:
    """Keeps the slot under way and the next one of every periodic job scheduled in rq."""

    def __init__(self, queue: Queue, daily_work: bool = True) -> None:
        self.queue = queue
        self.periodic = [p for p in PERIODIC if daily_work or not p.daily_work]
        self._planned: set[str] = set()  # asked of Redis already (it answers for the rest)

    def plan(self, now: float) -> list[str]:
        """Schedule what is missing; returns the ids scheduled now (each once per slot)."""
        scheduled, keep = [], set()
        for periodic in self.periodic:
            current = int(now // periodic.every) * periodic.every
            for start in (current, current + periodic.every):
                job_id = slot_id(periodic.job, start)
                keep.add(job_id)
                if job_id in self._planned:
                    continue
                job = self.queue.create_job(
                    RUNNER, args=(periodic.job, {}), job_id=job_id, timeout=periodic.timeout,
                    result_ttl=2 * periodic.every, failure_ttl=FAILURE_TTL)
                try:
                    self.queue.schedule_job(job, dt.datetime.fromtimestamp(start, dt.UTC),
                                            unique=True)
                    scheduled.append(job_id)
                except DuplicateJobError:
                    pass  # planned by another worker, or this slot already ran
                self._planned.add(job_id)
        self._planned &= keep
        return scheduled
