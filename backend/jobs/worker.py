"""The worker (Procfile ``worker``): a supervisor and its job processes.

``python -m backend.jobs.worker`` is the supervisor: no event loop, no database. It lowers
its CPU priority (``WORKER_NICE``, inherited by its children, so rendering PDFs never takes
the CPU from the API), runs rq's scheduler (retries' back-off and the timed jobs of
``backend.jobs.schedule``, which it plans), and keeps ``WORKER_PROCESSES`` job processes
running: one that dies is replaced at once, after its job is put back
(``backend.jobs.recovery``).

A job process (``python -m backend.jobs.worker --jobs``) is an rq ``SimpleWorker``: it takes
one job at a time from the ``default`` queue, when the API is not saturated or once it has
waited ``WORKER_YIELD_SECONDS`` for that (``backend.jobs.cpu_yield``), and runs it in its own
process, on the event loop and database pool it opened once at start, with the adapters ``backend.composition``
built once for its settings (``backend.jobs.runner``); on the same loop, one of the job
processes relays the outbox to rq as transactions that wrote jobs commit
(``backend.jobs.periodic``). It imports neither the web app nor Litestar. It runs in its own
session (a terminal's Ctrl-C reaches the supervisor alone, which stops its job processes in
order) and dies with its supervisor (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from redis.exceptions import RedisError
from rq import Queue
from rq.scheduler import RQScheduler

from backend.jobs.cpu_yield import CpuYield, saturated_flag
from backend.jobs.queue import DEFAULT_QUEUE, redis_connection
from backend.jobs.recovery import (
    forget_dead_workers,
    release_dead_schedulers,
    requeue_abandoned,
)
from backend.jobs.schedule import PeriodicPlan
from backend.platform.embedded import die_with_parent
from backend.platform.logging_setup import configure_logging
from backend.platform.settings import Settings

log = logging.getLogger("backend.worker")
TICK_SECONDS = 0.1  # how soon a dead job process is noticed
SCHEDULER_EVERY_SECONDS = 1.0
STOP_GRACE_SECONDS = 8.0  # a job process finishes its job in this time, or is killed
RESTART_BACKOFF_MAX_SECONDS = 30.0


class Supervisor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.connection = redis_connection(settings.redis_url)
        self.queues = [Queue(DEFAULT_QUEUE, connection=self.connection)]
        self.scheduler = RQScheduler(self.queues, connection=self.connection,
                                     logging_level=settings.log_level)
        self.plan = PeriodicPlan(self.queues[0], daily_work=settings.periodic_daily_work)
        self.processes: list[subprocess.Popen | None] = [None] * settings.worker_processes
        self.started_at = [0.0] * settings.worker_processes
        self.restart_at = [0.0] * settings.worker_processes
        self.quick_deaths = [0] * settings.worker_processes
        self.stopping = False
        self.scheduler_registered = False
        self.recovery_due = True
        self.last_problem: str | None = None

    def run(self) -> int:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._stop)
        self._redis(self._recover)  # a job the previous worker left half-done runs again now
        next_scheduling = 0.0
        while not self.stopping:
            now = time.monotonic()
            for slot, process in enumerate(self.processes):
                if process is not None and process.poll() is not None:
                    self._died(slot, process, now)
                if self.processes[slot] is None and now >= self.restart_at[slot]:
                    if self.recovery_due:
                        self._redis(self._recover)
                    self._start(slot)
            if now >= next_scheduling:
                next_scheduling = now + SCHEDULER_EVERY_SECONDS
                self._redis(self._schedule)
            time.sleep(TICK_SECONDS)
        self._shutdown()
        return 0

    def _stop(self, signum, frame) -> None:  # noqa: ARG002
        self.stopping = True

    def _start(self, slot: int) -> None:
        self.processes[slot] = subprocess.Popen(
            [sys.executable, "-m", "backend.jobs.worker", "--jobs"],
            preexec_fn=die_with_parent(signal.SIGKILL))
        self.started_at[slot] = time.monotonic()

    def _died(self, slot: int, process: subprocess.Popen, now: float) -> None:
        lived = now - self.started_at[slot]
        # At once, unless it keeps dying young (a bad deployment): then 1, 2, 4... 30 s apart.
        self.quick_deaths[slot] = self.quick_deaths[slot] + 1 if lived < 10 else 0
        delay = (0.0 if self.quick_deaths[slot] <= 1
                 else min(RESTART_BACKOFF_MAX_SECONDS, 2.0 ** (self.quick_deaths[slot] - 2)))
        log.warning("job process %s exited with %s after %.1fs; restarting in %.0fs",
                    process.pid, process.returncode, lived, delay)
        self.processes[slot] = None
        self.restart_at[slot] = now + delay
        self.recovery_due = True
        self._redis(self._recover)

    def _recover(self) -> None:
        requeue_abandoned(self.queues)
        forget_dead_workers(self.connection)
        release_dead_schedulers(self.connection, [DEFAULT_QUEUE])
        self.recovery_due = False

    def _schedule(self) -> None:
        if self.recovery_due:
            self._recover()
        scheduler = self.scheduler
        if not self.scheduler_registered:  # its pid and host: how a restart knows it is dead
            scheduler.register_birth()
            self.scheduler_registered = True
        if scheduler.acquired_locks != {DEFAULT_QUEUE}:
            scheduler.acquire_locks()  # another worker's scheduler may hold them
        if scheduler.acquired_locks:
            scheduler.heartbeat()
            scheduler.enqueue_scheduled_jobs()
        self.plan.plan(time.time())

    def _redis(self, step) -> None:
        """Run a step that needs Redis; a failure is logged once and the step tried again."""
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - the job processes must keep being watched
            if repr(exc) != self.last_problem:
                if isinstance(exc, RedisError):
                    log.warning("Redis unavailable: %r", exc)
                else:
                    log.exception("worker supervisor step failed")
            self.last_problem = repr(exc)
        else:
            self.last_problem = None

    def _shutdown(self) -> None:
        running = [p for p in self.processes if p is not None and p.poll() is None]
        for process in running:
            process.terminate()  # rq's warm stop: the job under way finishes first
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in running:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()  # put back at the next start (backend.jobs.recovery)
                process.wait()
        try:
            self.scheduler.stop()
        except RedisError:
            pass


def run_jobs(settings: Settings) -> None:
    """A job process: rq's in-process worker on this process's event loop and pool."""
    from rq import SimpleWorker

    from backend.jobs import runner
    from backend.jobs.periodic import relay_forever
    from backend.jobs.queue import JobQueue

    lower_session_priority(settings.worker_nice)
    load_job_code()
    host = runner.JobHost(settings)
    runner.install(host)
    host.start()
    relay_queue = JobQueue(settings.redis_url)  # its own connection: rq widens the worker's
    connection = redis_connection(settings.redis_url)
    queue = Queue(DEFAULT_QUEUE, connection=connection)
    cpu_yield = CpuYield(settings.worker_yield_seconds, saturated_flag(connection, queue.key))
    # The relay waits like the jobs (its own bound: it runs beside them).
    relay_yield = CpuYield(settings.worker_yield_seconds,
                           saturated_flag(relay_queue.connection))
    host.background(relay_forever(relay_queue, settings.database_url, relay_yield.deferring))

    class YieldingWorker(SimpleWorker):
        """rq's in-process worker that lets the API have the CPU first (``cpu_yield``)."""

        def dequeue_job_and_maintain_ttl(self, timeout, max_idle_time=None):
            cpu_yield.before_job()
            return super().dequeue_job_and_maintain_ttl(timeout, max_idle_time)

    # Job descriptions carry payloads (phone numbers, one-time codes): ids only in the log.
    worker = YieldingWorker([queue],
                            connection=connection, log_job_description=False)
    try:
        worker.work(logging_level=settings.log_level)
    finally:
        host.stop()
        runner.install(None)


def lower_session_priority(nice: int, autogroup: Path = Path("/proc/self/autogroup")) -> bool:
    """Give this job process's session the worker's nice as well. A job process has a session
    of its own, and with Linux's autogroup scheduling (``sched_autogroup_enabled``, the
    default on desktop and many server kernels) the scheduler weighs each session as a whole
    against the others: a task's own nice (inherited from the supervisor) then only counts
    inside its session, and two job processes would take the CPU from the API as two equals.
    Measured: at nice 10 without this, the worker took 0.69 of a core during the QuickJob
    load line. False where there is no autogroup (cgroup-scheduled containers: there the
    task's nice already counts)."""
    try:
        autogroup.write_text(str(nice))
    except OSError:
        return False
    return True


def load_job_code() -> None:
    """Import what a job process runs: every job handler and what they use."""
    from backend.jobs import registry, runner  # noqa: F401

    registry.preload()


def main() -> None:
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    if not settings.database_url or not settings.redis_url:
        raise SystemExit("the worker needs DATABASE_URL and REDIS_URL")
    if sys.argv[1:] == ["--jobs"]:
        run_jobs(settings)
        return
    os.nice(settings.worker_nice)  # the job processes inherit it
    sys.exit(Supervisor(settings).run())


if __name__ == "__main__":
    main()
