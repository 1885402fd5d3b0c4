"""The worker as it runs: long-lived job processes (one event loop and one pool each) under a
supervisor that runs rq's scheduler, on a real PostgreSQL, Redis and worker process.

A failing handler is retried with back-off then lands in the failed-job registry; a job over
its timeout is cancelled without harming the process; a handler stuck in code that never
awaits costs its process, which is replaced while the job is put back; timed work runs as
rq jobs planned once per slot; the job processes run at a lower CPU priority and import
neither the web app nor Litestar.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

from rq import Queue, Retry
from rq.job import Job
from rq.registry import FailedJobRegistry, ScheduledJobRegistry

from backend.jobs import outbox
from backend.jobs.queue import RETRY_INTERVALS, RUNNER, JobQueue, redis_connection
from backend.jobs.schedule import PeriodicPlan, slot_id
from backend.platform.db import fetch, unit_of_work
from tests.conftest import eventually, spawn_worker, stop_worker
from tests.quickjobs.conftest import adviser_headers, worker_headers  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def _job_processes(supervisor_pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == supervisor_pid and stat[0] != "Z":
                found.append(int(entry.name))
    return found


def _blocked_on_a_fifo(pid: int) -> bool:
    """A thread of ``pid`` waits in open() for a writer to a named pipe."""
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            if (task / "wchan").read_text() == "wait_for_partner":
                return True
        except OSError:
            continue
    return False


def _worker_pid(connection, job: Job) -> int:
    return int(connection.hget(f"rq:worker:{job.worker_name}", "pid"))


async def _payslip_job_started(queue: Queue, salary: dict, retry: Retry) -> tuple[Job, int]:
    """The salary's payslip job, with a one-second timeout, once started; and its process."""
    job = queue.enqueue(RUNNER, "monthly_payslip.render", {"monthlySalaryId": str(salary["id"])},
                        retry=retry, job_timeout=1)

    def started():
        job.refresh()
        return job.worker_name and _worker_pid(queue.connection, job)

    return job, await eventually(started, timeout=30)


def test_the_worker_imports_neither_the_web_app_nor_litestar():
    """Everything a job process imports: the worker module, the runner and every handler."""
    code = ("import sys, backend.jobs.worker as w; w.load_job_code(); "
            "print(sorted(m for m in sys.modules if m == 'backend.app' or m.split('.')[0] == 'litestar'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


async def test_job_processes_run_at_a_lower_cpu_priority(worker, settings):
    processes = await eventually(lambda: len(_job_processes(worker.pid)) == 2
                                 and _job_processes(worker.pid), timeout=20)
    for pid in processes:
        nice = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])
        assert nice >= settings.worker_nice > 0
        # Its session too (set as the process starts): with autogroup scheduling the kernel
        # weighs sessions first.
        autogroup = Path(f"/proc/{pid}/autogroup")
        if autogroup.exists():
            assert await eventually(
                lambda a=autogroup: a.read_text().split()[-1] == str(settings.worker_nice),
                timeout=20)


async def test_a_failing_handler_is_retried_with_back_off(worker, settings):
    """Through the outbox with the production retry policy: the first failure is retried
    RETRY_INTERVALS[0] seconds later."""
    async with unit_of_work():
        await outbox.add("monthly_payslip.render", {"monthlySalaryId": "not-a-uuid"},
                         dedupe_key="test-bad-payslip")
    [row] = await fetch("SELECT id FROM outbox_message")
    queue = JobQueue(settings.redis_url)
    job = await eventually(lambda: Job.exists(str(row["id"]), connection=queue.connection)
                           and Job.fetch(str(row["id"]), connection=queue.connection))

    def retried():
        job.refresh()
        return job.get_status(refresh=False) == "scheduled" and job.retries_left == len(RETRY_INTERVALS) - 1

    await eventually(retried, timeout=20)
    at = ScheduledJobRegistry(queue=queue.queue).get_scheduled_time(job.id)
    wait = (at - job.ended_at.replace(tzinfo=dt.UTC)).total_seconds()
    assert RETRY_INTERVALS[0] - 1 <= wait <= RETRY_INTERVALS[0] + 1


async def test_a_handler_that_keeps_failing_lands_in_the_failed_registry(worker, settings):
    connection = redis_connection(settings.redis_url)
    queue = Queue("default", connection=connection)
    job = queue.enqueue(RUNNER, "monthly_payslip.render", {"monthlySalaryId": "not-a-uuid"},
                        retry=Retry(max=2, interval=[1, 1]), job_timeout=30)

    def failed():
        job.refresh()
        return job.get_status(refresh=False) == "failed"

    await eventually(failed, timeout=30)
    assert job.retries_left == 0  # ran three times
    assert job.id in FailedJobRegistry(queue=queue)
    assert "badly formed hexadecimal UUID string" in job.latest_result().exc_string


async def test_a_job_over_its_timeout_is_cancelled_and_the_process_goes_on(
        client, settings, worker_headers, adviser_headers):  # noqa: F811
    from tests.faults.test_worker_killed import _hold_the_job, _month_to_render, _rendered_once

    salary = await _month_to_render(client, worker_headers, adviser_headers)
    connection = redis_connection(settings.redis_url)
    queue = Queue("default", connection=connection)
    queue.empty()  # the run's own payslip job: this test queues its own
    lock = await _hold_the_job(settings)
    proc = spawn_worker(settings)
    try:
        job, runner = await _payslip_job_started(queue, salary, Retry(max=1, interval=1))
        processes = set(_job_processes(proc.pid))
        assert runner in processes

        def failed():
            job.refresh()
            return job.get_status(refresh=False) == "failed"

        await eventually(failed, timeout=30)  # timed out, retried, timed out again
        assert "JobTimeoutException" in job.latest_result().exc_string
        assert job.retries_left == 0
        # Both runs were cancelled mid-query and rolled back; no job process was lost.
        await lock.execute("ROLLBACK")
        assert await fetch("SELECT payslip_key FROM monthly_salary WHERE payslip_key IS NOT NULL") == []
        FailedJobRegistry(queue=queue).requeue(job.id)  # as the back office does
        await _rendered_once(settings, salary["id"])
        await eventually(lambda: job.get_status(refresh=True) == "finished", timeout=10)
        assert set(_job_processes(proc.pid)) == processes
    finally:
        await lock.close()
        stop_worker(proc)


async def test_a_handler_stuck_in_blocking_code_costs_its_process_not_the_job(
        client, settings, worker_headers, adviser_headers):  # noqa: F811
    """The payslip is saved to a named pipe nobody writes to: reading it never returns, and
    never awaits, so the job's cancellation cannot land. The process exits, the supervisor
    puts the job back and starts another job process."""
    from tests.faults.test_worker_killed import _month_to_render, _rendered_once

    salary = await _month_to_render(client, worker_headers, adviser_headers)
    connection = redis_connection(settings.redis_url)
    queue = Queue("default", connection=connection)
    queue.empty()
    pipe = settings.storage_dir / "payslips" / f"monthly-{salary['id']}.pdf"
    pipe.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(pipe)
    proc = spawn_worker(settings)
    try:
        job, runner = await _payslip_job_started(queue, salary, Retry(max=3, interval=1))
        await eventually(lambda: _blocked_on_a_fifo(runner), timeout=30)
        pipe.unlink()  # the stuck read waits on as it is; later runs find no pipe
        stuck = time.monotonic()
        await eventually(lambda: runner not in _job_processes(proc.pid), timeout=20)
        assert time.monotonic() - stuck < 10  # the timeout (1 s), then the grace (5 s)
        await _rendered_once(settings, salary["id"])
        await eventually(lambda: job.get_status(refresh=True) == "finished", timeout=10)
        job.refresh()
        assert job.retries_left == 2  # put back once, by the supervisor
        assert _worker_pid(connection, job) != runner
        assert proc.poll() is None and len(_job_processes(proc.pid)) == 2
    finally:
        if pipe.exists():
            pipe.unlink()
        stop_worker(proc)


async def test_timed_work_is_planned_once_per_slot(services, clean_db):
    connection = redis_connection(services[1])
    queue = Queue("default", connection=connection)
    first, second = PeriodicPlan(queue), PeriodicPlan(queue, daily_work=False)
    now = 1_800_000_015.0  # 15 s into a 30 s slot
    planned = first.plan(now)
    assert sorted(planned) == sorted([
        slot_id("periodic.dimona_follow_up", 1_800_000_000),
        slot_id("periodic.dimona_follow_up", 1_800_000_030),
        slot_id("periodic.daily_work", 1_800_000_000),  # an hour starts there too
        slot_id("periodic.daily_work", 1_800_003_600)])
    assert first.plan(now + 1) == []  # asked already
    assert second.plan(now) == []  # another worker: the slots exist
    assert second.plan(now + 30) == [slot_id("periodic.dimona_follow_up", 1_800_000_060)]
    assert first.plan(now + 30) == []
    registry = ScheduledJobRegistry(queue=queue)
    when = registry.get_scheduled_time(slot_id("periodic.dimona_follow_up", 1_800_000_030))
    assert when == dt.datetime.fromtimestamp(1_800_000_030, dt.UTC)


async def test_the_dimona_follow_up_runs_as_an_rq_job_of_its_slot(worker, settings):
    connection = redis_connection(settings.redis_url)
    start = int(time.time() // 30) * 30

    def ran():
        for at in (start, start + 30):
            job = Job.fetch_many([slot_id("periodic.dimona_follow_up", at)], connection=connection)[0]
            if job is not None and job.get_status(refresh=False) == "finished":
                return job
        return None

    job = await eventually(ran, timeout=45)
    assert job.return_value() == 0  # no Dimona to follow
    daily = slot_id("periodic.daily_work", int(time.time() // 3600) * 3600)
    assert not Job.exists(daily, connection=connection)  # PERIODIC_DAILY_WORK=off in the tests


async def test_the_outbox_is_relayed_by_the_worker_while_idle(worker, settings):
    """Written outside any request (nothing relays after a response): the worker's own relay
    loop pushes it within its 2 s rhythm."""
    async with unit_of_work():
        await outbox.add("notify", {"key": "relay-1", "channel": "sms", "to": "+32470123456",
                                    "template": "otp", "language": "en",
                                    "params": {"code": "1", "minutes": 5}},
                         dedupe_key="notify:relay-1")
    await eventually(lambda: fetch("SELECT 1 FROM job_run WHERE key = 'notify:relay-1'"),
                     timeout=20)
    assert await outbox.pending_count() == 0
