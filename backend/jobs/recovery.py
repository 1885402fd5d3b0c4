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

from rq import Queue, Worker
from rq.executions import Execution
from rq.job import Job, JobStatus
from rq.registry import StartedJobRegistry

log = logging.getLogger("backend.jobs.recovery")
_PR_SET_PDEATHSIG = 1


class HorseDiesWithWorker(Worker):
    """An rq worker whose work horse is killed when the worker itself dies."""

    def main_work_horse(self, job: Job, queue: Queue):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        return super().main_work_horse(job, queue)


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
        with connection.pipeline() as pipe:
            registry.remove_execution(execution, pipeline=pipe)
            if job.retries_left:
                job.retry(queue, pipe)
            else:
                job.set_status(JobStatus.FAILED, pipeline=pipe)
                job.failed_job_registry.add(job, ttl=job.failure_ttl,
                                            exc_string="worker died during the job", pipeline=pipe)
            pipe.execute()
        log.warning("job %s of dead worker %s put back", job_id, execution.worker_name)
        requeued.append(job_id)
    return requeued
