"""Jobs whose worker died mid-job (SIGKILL, the OOM killer, a crash) run again, at once.

rq notices a dead *work horse* itself: the worker fails the job and its retry runs it again.
When the whole worker dies, rq only gives the job up once its heartbeat expires (a minute or
more) at a later maintenance pass. Our worker's horse dies with its worker (``HorseDiesWithWorker``),
so a job still marked as started by a worker of this host whose process is gone is certainly
not running: a restarted worker puts it back through its retry straight away. Workers on
other hosts are left to rq's own expiry. Every job is idempotent, so a second run of a job
that had half-happened does its effect once.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import socket

import rq.scheduler as rq_scheduler
from rq import Queue, Worker
from rq.executions import Execution
from rq.job import Job, JobStatus
from rq.registry import StartedJobRegistry

log = logging.getLogger("backend.jobs.recovery")
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class HorseDiesWithWorker(Worker):
    """An rq worker whose work horse (and scheduler) are killed when the worker itself dies."""

    def main_work_horse(self, job: Job, queue: Queue):
        _die_with_parent()
        return super().main_work_horse(job, queue)


def scheduler_dies_with_worker() -> None:
    """rq forks its scheduler from the worker; an orphan scheduler would outlive a killed
    worker. The forked child runs ``rq.scheduler.run``: wrap it to die with its parent."""
    if getattr(rq_scheduler.run, "dies_with_worker", False):
        return
    original = rq_scheduler.run

    def run(scheduler):
        _die_with_parent()
        return original(scheduler)

    run.dies_with_worker = True
    rq_scheduler.run = run


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _dead_here(connection, worker_name: str, hostname: str) -> bool:
    data = connection.hgetall(f"rq:worker:{worker_name}")
    if not data:
        return False  # unknown worker: leave it to rq's heartbeat expiry
    if (data.get(b"hostname") or b"").decode() != hostname:
        return False
    pid = int(data.get(b"pid") or 0)
    return pid > 0 and not _alive(pid)


def requeue_abandoned(queue: Queue, hostname: str | None = None) -> list[str]:
    """Retry the jobs left started by dead workers of this host; returns their ids."""
    hostname = hostname or socket.gethostname()
    connection = queue.connection
    registry = StartedJobRegistry(queue=queue)
    requeued = []
    for job_id, execution_id in registry.get_job_and_execution_ids():
        execution = Execution(id=execution_id, job_id=job_id, connection=connection)
        try:
            execution.refresh()
        except Exception:  # noqa: BLE001 - an execution already gone is nothing to recover
            continue
        if not _dead_here(connection, execution.worker_name, hostname):
            continue
        try:
            job = Job.fetch(job_id, connection=connection)
        except Exception:  # noqa: BLE001
            continue
        try:
            retry = bool(job.retries_left)
            with connection.pipeline() as pipe:
                registry.remove_execution(execution, pipeline=pipe)
                if not retry:
                    job.set_status(JobStatus.FAILED, pipeline=pipe)
                    job.failed_job_registry.add(job, ttl=job.failure_ttl,
                                                exc_string="worker died during the job",
                                                pipeline=pipe)
                else:
                    job.retries_left -= 1  # the killed run spent one retry
                    job.save(pipeline=pipe)
                pipe.execute()
            if retry:
                # Its worker is certainly gone: back in the queue now, not at a back-off.
                queue.enqueue_job(job)
        except Exception:  # noqa: BLE001 - recovery must never stop the worker from starting
            log.exception("could not put back job %s", job_id)
            continue
        log.warning("job %s of dead worker %s put back", job_id, execution.worker_name)
        requeued.append(job_id)
    return requeued
