"""The worker killed with SIGKILL in the middle of a job: the job runs again, its effect happens
once. Two cases, each a real process kill:

- the job process that runs the job dies (the OOM killer's usual victim); its supervisor puts
  the job back and starts another job process, which runs it;
- the whole worker (the supervisor) dies: its job processes die with it, nothing finishes the
  job behind anyone's back, and the restarted worker puts the job back at once.

Jobs run inside long-lived job processes now (no work horse forked per job), so "the work
horse" of the first case is the job process itself.

The job is a real one (a monthly payslip); it is held in mid-flight by a table lock the test
takes, so the kill lands while the job is running, every time.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import asyncpg
from rq import Queue
from rq.job import Job
from rq.registry import StartedJobRegistry

from backend.jobs.queue import RETRY_INTERVALS, redis_connection
from backend.platform.db import fetch
from tests.conftest import eventually, spawn_worker, stop_worker
from tests.employment.conftest import hire
from tests.quickjobs.conftest import adviser_headers, worker_headers  # noqa: F401

JOB = "monthly_payslip.render"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead too
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


async def _month_to_render(client, worker_headers, adviser_headers) -> dict:  # noqa: F811
    me = (await client.get("/api/v1/me", headers=worker_headers)).json()
    # A start this far back is paid once a second adviser approved it (issue 12).
    await hire(client, adviser_headers, me["id"], startDate="2025-03-01",
               monthlyGrossCents=300_000)
    r = await client.post("/api/v1/backoffice/salary-runs", json={"date": "2025-03-31"},
                          headers=adviser_headers)
    assert r.status_code == 201, r.text
    [salary] = await fetch("SELECT * FROM monthly_salary")
    return salary


async def _hold_the_job(settings) -> asyncpg.Connection:
    """The payslip job reads monthly_salary first: while this lock is held it waits there."""
    conn = await asyncpg.connect(settings.database_url)
    await conn.execute("BEGIN")
    await conn.execute("LOCK TABLE monthly_salary IN ACCESS EXCLUSIVE MODE")
    return conn


async def _running_job(settings) -> tuple[Job, int]:
    """The payslip job once a job process has started it, and that process's pid."""
    connection = redis_connection(settings.redis_url)
    registry = StartedJobRegistry(queue=Queue("default", connection=connection))

    def started():
        for job in Job.fetch_many(registry.get_job_ids(), connection=connection):
            if job is not None and job.args and job.args[0] == JOB and job.worker_name:
                pid = connection.hget(f"rq:worker:{job.worker_name}", "pid")
                return pid and (job, int(pid))
        return None

    return await eventually(started, timeout=30)


async def _rendered_once(settings, salary_id) -> None:
    async def rendered():
        rows = await fetch("SELECT payslip_key FROM monthly_salary WHERE id = {}", salary_id)
        return rows[0]["payslip_key"]

    key = await eventually(rendered, timeout=40)
    files = list((settings.storage_dir / "payslips").glob(f"monthly-{salary_id}*"))
    assert len(files) == 1 and files[0].read_bytes().startswith(b"%PDF")
    assert key.endswith(f"monthly-{salary_id}.pdf")


async def _ran_twice(job: Job) -> None:
    async def finished():
        job.refresh()
        return job.get_status() == "finished"

    await eventually(finished, timeout=40)
    assert job.retries_left == len(RETRY_INTERVALS) - 1  # the killed run, then one retry


async def test_a_killed_job_process_runs_the_job_again(client, settings, worker_headers,  # noqa: F811
                                                       adviser_headers):  # noqa: F811
    salary = await _month_to_render(client, worker_headers, adviser_headers)
    lock = await _hold_the_job(settings)
    proc = spawn_worker(settings)
    try:
        job, runner = await _running_job(settings)
        assert _parent_of(runner) == proc.pid  # a job process of this worker runs it
        dead_worker = job.worker_name
        os.kill(runner, signal.SIGKILL)
        await eventually(lambda: not _alive(runner), timeout=10)

        def put_back():  # at once, not after rq's heartbeat expiry (minutes)
            job.refresh()
            status = job.get_status(refresh=False)
            return status == "queued" or (status == "started" and job.worker_name != dead_worker)

        await eventually(put_back, timeout=5)
        await lock.execute("ROLLBACK")
        await _ran_twice(job)
        await _rendered_once(settings, salary["id"])
        assert proc.poll() is None  # the worker itself carried on
        assert not _alive(runner)
    finally:
        await lock.close()
        stop_worker(proc)


async def test_a_killed_worker_is_restarted_and_the_job_runs_again(client, settings,  # noqa: F811
                                                                   worker_headers,  # noqa: F811
                                                                   adviser_headers):  # noqa: F811
    salary = await _month_to_render(client, worker_headers, adviser_headers)
    lock = await _hold_the_job(settings)
    first = spawn_worker(settings)
    second = None
    try:
        job, runner = await _running_job(settings)
        assert _parent_of(runner) == first.pid
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        # The job process does not outlive its worker (it would finish the job behind our back).
        await eventually(lambda: not _alive(runner), timeout=10)
        await lock.execute("ROLLBACK")
        await asyncio.sleep(0.5)
        assert await fetch("SELECT payslip_key FROM monthly_salary WHERE payslip_key IS NOT NULL") == []
        assert job.get_status(refresh=True) == "started"  # as the dead worker left it
        second = spawn_worker(settings)  # e.g. the Procfile's process manager restarting it
        await _ran_twice(job)
        await _rendered_once(settings, salary["id"])
    finally:
        await lock.close()
        if second is not None:
            stop_worker(second)
