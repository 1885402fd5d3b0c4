"""The worker process (Procfile `worker`): an rq worker with its scheduler, plus periodic jobs.

Periodic work (the outbox relay now; payroll runs and reminders later) runs in a separate
child process (``backend.jobs.periodic``): rq forks a work horse per job, and forking a
process that has other threads can deadlock the child on a lock one of them held.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys

from backend.jobs.queue import JobQueue
from backend.jobs.recovery import (
    HorseDiesWithWorker,
    requeue_abandoned,
    scheduler_dies_with_worker,
)
from backend.platform.embedded import die_with_parent
from backend.platform.logging_setup import configure_logging
from backend.platform.settings import Settings

log = logging.getLogger("backend.worker")


def main() -> None:
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    if not settings.database_url or not settings.redis_url:
        raise SystemExit("the worker needs DATABASE_URL and REDIS_URL")
    periodic = subprocess.Popen([sys.executable, "-m", "backend.jobs.periodic"],
                                preexec_fn=die_with_parent(signal.SIGTERM))
    queue = JobQueue(settings.redis_url)
    # A job its previous (killed) worker left half-done runs again now, not in minutes.
    requeue_abandoned(queue.queue)
    scheduler_dies_with_worker()
    worker = HorseDiesWithWorker([queue.queue], connection=queue.connection)
    try:
        worker.work(with_scheduler=True, logging_level=settings.log_level)
    finally:
        periodic.terminate()
        try:
            periodic.wait(timeout=5)
        except subprocess.TimeoutExpired:
            periodic.kill()


if __name__ == "__main__":
    main()
