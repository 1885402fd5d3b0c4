"""Jobs whose process died mid-job (SIGKILL, the OOM killer, a crash, a stuck event loop) run
again, at once.

A job runs inside a job process of the worker (``backend.jobs.worker``). When that process
dies, rq would only give its job up once the job's heartbeat expires (minutes) at a later
maintenance pass. The supervisor knows better: a job still marked as started by an rq worker
of this host whose process is gone is certainly not running, so it puts the job back through
its retry straight away, before it starts a new job process; a restarted supervisor does the
same first thing. Job processes die with their supervisor (``PR_SET_PDEATHSIG``), so a killed
worker leaves no process behind that could finish a job behind the restarted one's back.
Workers of other hosts are left to rq's own expiry. Every job is idempotent, so a second run
of a job that had half-happened does its effect once.
"""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

from redis import Redis
from rq import Queue, Worker, worker_registration
from rq.executions import Execution
from rq.job import Job, JobStatus
from rq.registry import StartedJobRegistry
from rq.scheduler import SCHEDULER_KEY_TEMPLATE, RQScheduler
from rq.scripts import release_lock

log = logging.getLogger("backend.jobs.recovery")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is dead too (its parent has not reaped it yet)
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _dead_here(data: dict, hostname: str) -> bool:
    """``data``: the hash of an rq worker or scheduler."""
    if not data or (data.get(b"hostname") or b"").decode() != hostname:
        return False  # unknown, or another host's: leave it to rq's heartbeat expiry
    pid = int(data.get(b"pid") or 0)
    return pid > 0 and not _alive(pid)


def requeue_abandoned(queues: list[Queue], hostname: str | None = None) -> list[str]:
    """Retry the jobs left started by dead workers of this host; returns their ids."""
    hostname = hostname or socket.gethostname()
    requeued = []
    for queue in queues:
        connection = queue.connection
        registry = StartedJobRegistry(queue=queue)
        for job_id, execution_id in registry.get_job_and_execution_ids():
            execution = Execution(id=execution_id, job_id=job_id, connection=connection)
            try:
                execution.refresh()
            except Exception:  # noqa: BLE001 - an execution already gone is nothing to recover
                continue
            worker = connection.hgetall(f"{Worker.redis_worker_namespace_prefix}{execution.worker_name}")
            if not _dead_here(worker, hostname):
                continue
            # Whoever removes the entry puts the job back: two recoveries never both do.
            if not connection.zrem(registry.key, execution.composite_key):
                continue
            try:
                _put_back(queue, job_id)
            except Exception:  # noqa: BLE001 - recovery must never stop the worker from starting
                log.exception("could not put back job %s", job_id)
                continue
            log.warning("job %s of dead worker %s put back", job_id, execution.worker_name)
            requeued.append(job_id)
    return requeued


def _put_back(queue: Queue, job_id: str) -> None:
    job = Job.fetch(job_id, connection=queue.connection)
    if not job.retries_left:
        with queue.connection.pipeline() as pipe:
            job.set_status(JobStatus.FAILED, pipeline=pipe)
            job.failed_job_registry.add(job, ttl=job.failure_ttl,
                                        exc_string="worker died during the job", pipeline=pipe)
            pipe.execute()
        return
    job.retries_left -= 1  # the killed run spent one retry
    job.save()
    # Its worker is certainly gone: back in the queue now, not at a back-off.
    queue.enqueue_job(job)


def forget_dead_workers(connection: Redis, hostname: str | None = None) -> list[str]:
    """Unregister the rq workers of this host whose process is gone (they could not)."""
    hostname = hostname or socket.gethostname()
    forgotten = []
    for key in Worker.all_keys(connection=connection):
        if not _dead_here(connection.hgetall(key), hostname):
            continue
        worker = Worker.find_by_key(key, connection=connection)
        if worker is None:
            continue
        with connection.pipeline() as pipe:
            worker_registration.unregister(worker, pipe)
            pipe.delete(key)
            pipe.execute()
        forgotten.append(worker.name)
    return forgotten


def release_dead_schedulers(connection: Redis, queue_names: list[str],
                            hostname: str | None = None) -> list[str]:
    """Free the scheduler locks a dead scheduler of this host holds (else held for a minute)."""
    hostname = hostname or socket.gethostname()
    released = []
    for name in queue_names:
        key = RQScheduler.get_locking_key(name)
        owner = connection.get(key)
        if owner and _dead_here(connection.hgetall(SCHEDULER_KEY_TEMPLATE % owner.decode()),
                                hostname):
            release_lock(connection, key, owner.decode())
            released.append(name)
    return released
