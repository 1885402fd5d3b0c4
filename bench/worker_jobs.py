"""What a job costs the worker beyond its own work: start-up overhead and drain rate.

Issue 15's goal: job start-up overhead under 20 ms (it was about 0.5 s: a fork, an
``asyncio.run`` and a new database pool per job).

The job is a real one, and about the smallest there is: ``notify`` (an SMS rendered from its
template, one ``job_run`` insert, one file written to the outbox folder). Each is written to
the outbox table in a transaction and relayed to rq as the worker's relay does (``relay_pending``), to
the worker the Procfile starts (``python -m backend.jobs.worker``), on an embedded
PostgreSQL and Redis in a temp folder.

Two phases:

1. **one at a time** (``-n``): a job is queued only when the previous one is finished and
   every worker process is idle again, so the worker is waiting on the queue when the job
   arrives; per job:
   - *start-up* = handler start - enqueued: from rq's ``enqueued_at`` (the relay's push) to
     the start of the handler's transaction (``job_run.finished_at`` is PostgreSQL's
     ``now()``, the transaction's start). It includes the worker's wake-up from its blocking
     pop and everything rq and our runner do before the handler (for the forking worker: the
     fork, ``asyncio.run``, a new pool, the imports);
   - *from rq's start* = handler start - rq's ``started_at``, which rq sets once it has taken
     the job off the queue and marked it started (in the forking worker: inside the forked
     work horse, so the fork itself is not in it);
   - *total* = rq's ``ended_at`` - ``enqueued_at``: the whole trivial job as rq records it;
   - *handler* = ``ended_at`` - handler start.
2. **burst** (``--burst``): that many jobs written in one transaction and relayed at once;
   *drain* = last ``ended_at`` - first ``enqueued_at``, and jobs per second.

Same clock for every timestamp (one machine); rq keeps microseconds, PostgreSQL too.

Usage::

    .venv/bin/python bench/worker_jobs.py                 # 200 one at a time, burst of 1,000
    .venv/bin/python bench/worker_jobs.py -n 50 --burst 200
    make bench-worker

Writes ``bench/results/worker_jobs.json`` (``--output``). Exit code 1 when the goal (start-up
p95 under 20 ms) is not met.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.platform.settings import Settings  # noqa: E402
from bench.quickjob_flow import environment, stats  # noqa: E402

DEFAULT_OUTPUT = ROOT / "bench" / "results" / "worker_jobs.json"
GOAL_STARTUP_P95_MS = 20.0


def _ms(later: dt.datetime, earlier: dt.datetime) -> float:
    return (later - earlier).total_seconds() * 1000


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class Bench:
    def __init__(self, database_url: str, redis_url: str) -> None:
        from backend.jobs.queue import JobQueue

        self.database_url = database_url
        self.queue = JobQueue(redis_url)
        self.run = uuid.uuid4().hex[:8]

    async def queue_jobs(self, keys: list[str]) -> None:
        """The jobs written to the outbox in one transaction, then relayed as the worker's relay does."""
        from backend.jobs.outbox import relay_pending
        from backend.notifications.service import notify
        from backend.platform.db import unit_of_work

        async with unit_of_work():
            for key in keys:
                await notify(key=key, channel="sms", to="+32470000000", template="otp",
                             language="en", params={"code": "123456", "minutes": 5})
        while await relay_pending(self.queue):
            pass

    async def job_ids(self, keys: list[str]) -> dict[str, str]:
        from backend.platform.db import fetch

        rows = await fetch("SELECT id, dedupe_key FROM outbox_message WHERE dedupe_key = ANY({})",
                           [f"notify:{k}" for k in keys])
        return {r["dedupe_key"].removeprefix("notify:"): str(r["id"]) for r in rows}

    async def handler_starts(self, keys: list[str]) -> dict[str, dt.datetime]:
        from backend.platform.db import fetch

        rows = await fetch("SELECT key, finished_at FROM job_run WHERE key = ANY({})",
                           [f"notify:{k}" for k in keys])
        return {r["key"].removeprefix("notify:"): r["finished_at"] for r in rows}

    def workers_idle(self) -> bool:
        from rq import Worker

        workers = Worker.all(connection=self.queue.connection)
        return bool(workers) and all(w.get_state() == "idle" for w in workers)

    async def wait(self, check, timeout: float, what: str, interval: float = 0.005):
        deadline = time.monotonic() + timeout
        while not (value := check()):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} not within {timeout:.0f}s")
            await asyncio.sleep(interval)
        return value

    async def finished(self, job_ids: list[str], timeout: float) -> list:
        from rq.job import Job

        def done():
            jobs = Job.fetch_many(job_ids, connection=self.queue.connection)
            statuses = [j.get_status(refresh=False) if j else None for j in jobs]
            if any(s == "failed" for s in statuses):
                raise RuntimeError("a bench job failed: see the worker's log")
            return jobs if all(s == "finished" for s in statuses) else None

        return await self.wait(done, timeout, f"{len(job_ids)} jobs finished", interval=0.01)

    async def one_at_a_time(self, n: int) -> list[dict]:
        samples = []
        for i in range(n):
            await self.wait(self.workers_idle, 30, "every worker idle")
            await asyncio.sleep(0.02)  # back on its blocking pop, not just marked idle
            key = f"bench-{self.run}-one-{i}"
            await self.queue_jobs([key])
            [job_id] = (await self.job_ids([key])).values()
            [job] = await self.finished([job_id], 60)
            handler = (await self.handler_starts([key]))[key]
            enqueued, ended = _aware(job.enqueued_at), _aware(job.ended_at)
            samples.append({"job_id": job_id,
                            "startup_ms": round(_ms(handler, enqueued), 3),
                            "from_rq_start_ms": round(_ms(handler, _aware(job.started_at)), 3),
                            "handler_ms": round(_ms(ended, handler), 3),
                            "total_ms": round(_ms(ended, enqueued), 3)})
        return samples

    async def burst(self, n: int) -> dict:
        await self.wait(self.workers_idle, 30, "every worker idle")
        keys = [f"bench-{self.run}-burst-{i}" for i in range(n)]
        started = time.monotonic()
        await self.queue_jobs(keys)
        relayed_s = time.monotonic() - started
        ids = await self.job_ids(keys)
        jobs = await self.finished(list(ids.values()), timeout=max(120, n * 2))
        first = min(_aware(j.enqueued_at) for j in jobs)
        last = max(_aware(j.ended_at) for j in jobs)
        ends = sorted(_aware(j.ended_at) for j in jobs)
        gaps = [_ms(b, a) for a, b in zip(ends, ends[1:], strict=False)]
        drain_s = (last - first).total_seconds()
        return {"jobs": n, "relay_s": round(relayed_s, 2), "drain_s": round(drain_s, 2),
                "jobs_per_s": round(n / drain_s, 1) if drain_s else None,
                "gap_between_completions_ms": stats(gaps) if gaps else None}


def start_worker(env: dict, log_path: Path) -> subprocess.Popen:
    """The Procfile's worker line."""
    from backend.platform.embedded import die_with_parent

    line = next(line for line in (ROOT / "Procfile").read_text().splitlines()
                if line.startswith("worker:"))
    argv = line.partition(":")[2].split()
    if argv[0] in ("python", "python3"):
        argv[0] = sys.executable
    out = open(log_path, "ab")  # noqa: SIM115 - lives as long as the worker
    return subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                            preexec_fn=die_with_parent(signal.SIGTERM))


def stop_worker(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


async def drive(database_url: str, redis_url: str, n: int, burst: int, warmup: int) -> dict:
    from backend.platform.db import close_pool, start_pool

    await start_pool(database_url, min_size=1, max_size=2)
    bench = Bench(database_url, redis_url)
    try:
        warm = await bench.one_at_a_time(warmup)
        one = await bench.one_at_a_time(n)
        drained = await bench.burst(burst) if burst else None
    finally:
        await close_pool()
        bench.queue.connection.close()
    return {"warmup": warm, "one_at_a_time": one, "burst": drained}


def summarise(raw: dict) -> dict:
    one = raw["one_at_a_time"]
    summary = {name: stats([s[name] for s in one])
               for name in ("startup_ms", "from_rq_start_ms", "handler_ms", "total_ms")}
    p95 = summary["startup_ms"]["p95_ms"]
    return {
        "benchmark": "worker_jobs",
        "goal": "job start-up overhead under 20 ms (issue 15): p95 of enqueued -> handler start",
        "environment": {**{k: v for k, v in environment().items() if k != "transport"},
                        "services": "embedded PostgreSQL + Redis (temp folder), the Procfile's "
                                    "worker line",
                        "worker_processes": int(os.environ.get("WORKER_PROCESSES",
                                                               Settings.worker_processes))},
        "job": "notify (SMS from the otp template: one job_run insert, one outbox file)",
        "one_at_a_time": {"jobs": len(one), "warmup_excluded": len(raw["warmup"]), **summary},
        "burst": raw["burst"],
        "goals": {"startup_p95_under_20_ms": {"value_ms": p95, "limit_ms": GOAL_STARTUP_P95_MS,
                                              "met": p95 < GOAL_STARTUP_P95_MS}},
        "samples": one,
    }


def print_report(result: dict) -> None:
    one = result["one_at_a_time"]
    head = f"{'one job at a time (ms)':<34}{'count':>6}{'p50':>10}{'p95':>10}{'p99':>10}{'max':>10}"
    print(f"worker jobs: {result['job']}")
    print(head)
    print("-" * len(head))
    for name, label in (("startup_ms", "start-up (enqueued -> handler)"),
                        ("from_rq_start_ms", "  of which rq started_at -> handler"),
                        ("handler_ms", "handler (-> rq ended_at)"),
                        ("total_ms", "total (enqueued -> ended_at)")):
        s = one[name]
        print(f"{label:<34}{s['count']:>6}{s['p50_ms']:>10.2f}{s['p95_ms']:>10.2f}"
              f"{s['p99_ms']:>10.2f}{s['max_ms']:>10.2f}")
    burst = result["burst"]
    if burst:
        gap = burst["gap_between_completions_ms"] or {}
        print(f"burst of {burst['jobs']}: relayed in {burst['relay_s']} s, drained in "
              f"{burst['drain_s']} s ({burst['jobs_per_s']} jobs/s; completions every "
              f"{gap.get('p50_ms')} ms p50, {gap.get('p95_ms')} ms p95)")
    for name, goal in result["goals"].items():
        print(f"goal {name}: {goal['value_ms']} (limit {goal['limit_ms']}) -> "
              f"{'MET' if goal['met'] else 'NOT MET'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--jobs", type=int, default=200, help="jobs one at a time")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--burst", type=int, default=1000, help="jobs queued at once (0: none)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if args.jobs < 1 or args.warmup < 0 or args.burst < 0:
        parser.error("--jobs must be >= 1, --warmup and --burst >= 0")

    from backend.platform.embedded import free_port, start_postgres, start_redis
    from backend.platform.migrate import migrate

    tmp = Path(tempfile.mkdtemp(prefix="quickjob-worker-bench-"))
    started = []
    worker = None
    try:
        pg = start_postgres(tmp / "pg", database="quickjob_worker_bench", port=free_port(55662))
        started.append(pg)
        rd = start_redis(tmp / "redis", port=63970, persist=False)
        started.append(rd)
        asyncio.run(migrate(pg.url))
        env = {**os.environ, "APP_ENV": "development", "DATABASE_URL": pg.url,
               "REDIS_URL": rd.url, "DATA_DIR": str(tmp / "data"), "LOG_LEVEL": "WARNING",
               "PERIODIC_DAILY_WORK": "off"}
        worker = start_worker(env, tmp / "worker.log")
        raw = asyncio.run(drive(pg.url, rd.url, args.jobs, args.burst, args.warmup))
    except Exception:
        log = tmp / "worker.log"
        if log.exists():
            sys.stderr.write(log.read_text()[-4000:])
        raise
    finally:
        if worker is not None:
            stop_worker(worker)
        for proc in reversed(started):
            proc.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    result = summarise(raw)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1) + "\n")
    print_report(result)
    shown = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    print(f"results written to {shown}")
    return 0 if all(g["met"] for g in result["goals"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
