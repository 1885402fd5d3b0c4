"""Load run against the real stack: the API (uvicorn) and the rq worker on PostgreSQL and
Redis, driven by wrk in a separate process.

Endpoints, each at 1, 16 and 64 concurrent connections (``wrk -c N -t min(N, 2) --latency``):

- ``ceiling``          ``GET  /api/v1/health/live``    bare JSON: no database, no Redis, no auth
- ``simulation``       ``POST /api/v1/simulations``     public, no token
- ``quickjob_create``  ``POST /api/v1/quickjobs``       unique Idempotency-Key per request,
                                                       spread over the signed-in workers
- ``quickjob_status``  ``GET  /api/v1/quickjobs/{id}``  status and timeline, owner's token
- ``bot_message``      ``POST /api/v1/bot/messages``    a status question in a conversation

For each: requests per second, latency p50/p95/p99, errors (status >= 400 and socket errors),
the ratio of its requests per second to the ceiling's at the same concurrency in the same
round, and the CPU each part of the stack spent per request (API, PostgreSQL, Redis, worker,
wrk, and everything else on the machine). Goals: the simulation at least 50 % of the ceiling
(issue "Measure and hold"); zero errors; issue 15, at 16 concurrent clients: QuickJob creation
at least 150/s, p99 under 150 ms, at least 0.05 of the ceiling, and the worker drains what
that line queued within 30 s.

How:

1. The stack (``bench/load/stack.py``), ``--stack``:
   ``make-run`` starts ``python -m backend.main run`` as ``make run`` does (embedded
   PostgreSQL and Redis, migrations, demo data, uvicorn with ``WEB_CONCURRENCY`` only if the
   caller has it, the worker), in ``.data/bench-load/`` and on a free port, with make run's
   rate limits (``--lift-limits`` to lift them); ``procfile`` starts the Procfile's ``web``
   and ``worker`` lines on ``DATABASE_URL`` / ``REDIS_URL`` or embedded servers, with the
   rate limits lifted and ``--web-concurrency`` uvicorn processes (default 2). Recreated per
   run so runs compare. The configuration that actually ran (processes, event loop,
   PostgreSQL and Redis settings) is read back and reported.
2. Data through the API: workers sign in with OTP (each from its own address), buy a share
   (members: the three-performances rule never refuses them), create a few QuickJobs (for
   status reads) and open a bot conversation. One request of each kind is checked first.
3. ``--repeat`` rounds; in each, per endpoint, each concurrency in turn: the ceiling first,
   QuickJob creation last (each created QuickJob queues e-mail jobs for the worker). After
   each wrk run the system is left to settle: the outbox relayed and the rq queue drained,
   waiting at most ``--settle-timeout`` seconds; the backlog the line left and the time the
   worker took to drain it are recorded (``drain_after``), and what was still queued when
   the next line started (``settle_before``).
4. Everything started is stopped at the end (embedded servers included).

Usage::

    make bench-load                                  # procfile, 10 s per endpoint and concurrency
    .venv/bin/python bench/load/run.py --stack make-run --concurrency 16 \\
        --only quickjob_create --repeat 3            # issue 15's goals, as make run starts it
    .venv/bin/python bench/load/run.py --duration 3  # quick

Writes ``bench/results/load.json`` (``--output``) and prints a markdown table. Exit code 1
when a goal is not met, 2 when wrk is missing or the stack does not start.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bench.load.report import (  # noqa: E402
    ENDPOINTS,
    add_ratios,
    environment,
    goals,
    markdown,
    pg_stat_reset,
    pg_stat_top,
    spread,
)
from bench.load.stack import (  # noqa: E402
    API,
    BENCH_DIR,
    CpuMeter,
    Processes,
    Stack,
    configuration,
    log,
)
from bench.quickjob_flow import next_monday  # noqa: E402

HERE = ROOT / "bench" / "load"
DEFAULT_OUTPUT = ROOT / "bench" / "results" / "load.json"
ACCESS_TOKEN_REFRESH_AFTER = 5 * 60  # seconds; access tokens live 15 minutes
BOT_QUESTION = "What is the status of my QuickJobs?"

# --------------------------------------------------------------------------- test data
def working_days(start: dt.date, count: int) -> list[str]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day.isoformat())
        day += dt.timedelta(days=1)
    return days


def quickjob_body(day: str, amount_cents: int = 120000) -> dict:
    return {
        "client": {"name": "Brouwerij De Klok", "email": "boekhouding@deklok.be",
                   "vatNumber": "BE0403019261", "country": "BE",
                   "address": "Markt 1, 9000 Gent", "language": "nl"},
        "function": "graphic designer", "description": "Poster and flyers for the spring fair",
        "performanceDates": [day], "amountCents": amount_cents, "vatRate": "21",
        "contractType": "employee", "withholdingRate": "11.11",
        "expenses": [{"amountCents": 4500, "category": "travel"}], "paidInCash": False,
    }


def simulation_body(day: str) -> dict:
    return {"performanceDates": [day], "amountCents": 100000, "vatRate": "21",
            "contractType": "employee", "withholdingRate": "11.11",
            "expenses": [{"amountCents": 5000, "category": "travel"}]}


@dataclass
class Worker:
    phone: str
    address: str  # where its phone signs in from (X-Forwarded-For): OTP limits are per address
    access: str = ""
    refresh: str = ""
    signed_at: float = 0.0
    quickjobs: list[str] = field(default_factory=list)
    conversation: str = ""


def expect(response: httpx.Response, status: int, what: str) -> dict:
    if response.status_code != status:
        raise RuntimeError(f"{what}: {response.status_code} (expected {status}): "
                           f"{response.text[:500]}")
    return response.json()


class Prepared:
    """Signed-in member workers with QuickJobs and a bot conversation each."""

    def __init__(self, base_url: str, workers: int, quickjobs_each: int, run_id: str) -> None:
        self.http = httpx.Client(base_url=base_url + API, timeout=30)
        self.run_id = run_id
        self.days = working_days(next_monday(dt.date.today()), 20)
        # fresh phone numbers per run: new people even on a reused database
        stem = int(run_id[:6], 16) % 1000
        self.workers = [Worker(f"+3247{stem:03d}{i:04d}", f"127.0.{1 + i // 250}.{1 + i % 250}")
                        for i in range(workers)]
        self.quickjobs_each = quickjobs_each

    def close(self) -> None:
        self.http.close()

    def auth(self, worker: Worker) -> dict:
        return {"Authorization": f"Bearer {worker.access}"}

    def sign_in(self, worker: Worker) -> None:
        sender = {"X-Forwarded-For": worker.address}
        otp = expect(self.http.post("/auth/otp", json={"phone": worker.phone}, headers=sender),
                     202, "OTP")
        if "devCode" not in otp:
            raise RuntimeError("the OTP answer has no devCode: the API must run with "
                               "APP_ENV=development for the bench")
        pair = expect(self.http.post("/auth/token", headers=sender,
                                     json={"phone": worker.phone, "code": otp["devCode"]}),
                      200, "token")
        worker.access, worker.refresh = pair["accessToken"], pair["refreshToken"]
        worker.signed_at = time.monotonic()

    def refresh_tokens(self, force: bool = False) -> None:
        """Access tokens live 15 minutes; a whole run can take longer."""
        for worker in self.workers:
            if force or time.monotonic() - worker.signed_at > ACCESS_TOKEN_REFRESH_AFTER:
                pair = expect(self.http.post("/auth/refresh",
                                             headers={"X-Forwarded-For": worker.address},
                                             json={"refreshToken": worker.refresh}), 200, "refresh")
                worker.access, worker.refresh = pair["accessToken"], pair["refreshToken"]
                worker.signed_at = time.monotonic()

    def prepare(self) -> dict:
        started = time.perf_counter()
        for n, worker in enumerate(self.workers):
            self.sign_in(worker)
            # The quote names the worker; a member may do more than three performances.
            expect(self.http.patch("/me", json={"firstName": "Load", "lastName": f"Worker {n}"},
                                   headers=self.auth(worker)), 200, "name")
            expect(self.http.post("/me/membership", json={"shares": 1},
                                  headers=self.auth(worker)), 201, "ask for a share")
            for i in range(self.quickjobs_each):
                job = expect(self.http.post(
                    "/quickjobs", json=quickjob_body(self.days[(n + i) % len(self.days)]),
                    headers={**self.auth(worker),
                             "Idempotency-Key": f"{self.run_id}-prep-{n}-{i}"}),
                    201, "create a QuickJob")
                worker.quickjobs.append(job["id"])
            bot = expect(self.http.post("/bot/messages", json={"text": "hello"},
                                        headers={**self.auth(worker), "Accept-Language": "en"}),
                         200, "open a bot conversation")
            worker.conversation = bot["conversationId"]
        return {"workers": len(self.workers),
                "quickjobs_for_status_reads": sum(len(w.quickjobs) for w in self.workers),
                "bot_conversations": len(self.workers),
                "seconds": round(time.perf_counter() - started, 2)}

    def preflight(self) -> dict:
        """One request of each measured kind, checked, before wrk runs them by the thousand."""
        w = self.workers[0]
        samples = {}
        r = self.http.get("/health/live")
        samples["ceiling"] = expect(r, 200, "health/live")
        sim = expect(self.http.post("/simulations", json=simulation_body(self.days[0])), 200,
                     "simulation")
        samples["simulation"] = {"netCents": sim["netCents"], "ruleSet": sim["ruleSet"]}
        job = expect(self.http.get(f"/quickjobs/{w.quickjobs[0]}", headers=self.auth(w)), 200,
                     "QuickJob status")
        samples["quickjob_status"] = {"status": job["status"],
                                      "timeline": len(job.get("timeline", []))}
        created = expect(self.http.post(
            "/quickjobs", json=quickjob_body(self.days[1]),
            headers={**self.auth(w), "Idempotency-Key": f"{self.run_id}-preflight"}), 201,
            "QuickJob creation")
        samples["quickjob_create"] = {"status": created["status"]}
        bot = expect(self.http.post("/bot/messages",
                                    json={"conversationId": w.conversation, "text": BOT_QUESTION},
                                    headers={**self.auth(w), "Accept-Language": "en"}), 200,
                     "bot message")
        if bot["conversationId"] != w.conversation or not bot["replies"]:
            raise RuntimeError(f"the bot did not answer in the conversation: {bot}")
        samples["bot_message"] = {"reply": bot["replies"][0]["text"][:200]}
        return samples

    def wrk_args(self, endpoint: str) -> list[str]:
        if endpoint == "simulation":
            return [self.days[0]]
        if endpoint == "quickjob_create":
            return [f"{self.run_id}-{uuid.uuid4().hex[:8]}", "|".join(self.days),
                    *[w.access for w in self.workers]]
        if endpoint == "quickjob_status":
            return [f"{w.access}|{q}" for w in self.workers for q in w.quickjobs]
        if endpoint == "bot_message":
            return [BOT_QUESTION, *[f"{w.access}|{w.conversation}" for w in self.workers]]
        return []


async def _pay_shares(database_url: str) -> None:
    """The workers' share requests paid, as the bank statement import records a transfer (the
    quickjob_create scenario needs members: more than three performances each)."""
    import asyncpg

    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute("UPDATE share_purchase SET status = 'paid', paid_at = now(), "
                           "paid_via = 'bank' WHERE status = 'requested'")
    finally:
        await conn.close()


# --------------------------------------------------------------------------- settling
async def _backlog(database_url: str, redis_url: str) -> tuple[int, int]:
    import asyncpg
    from redis import Redis
    from rq import Queue

    conn = await asyncpg.connect(database_url)
    try:
        outbox = await conn.fetchval(
            "SELECT count(*) FROM outbox_message WHERE relayed_at IS NULL")
    finally:
        await conn.close()
    redis = Redis.from_url(redis_url)
    try:
        queue = Queue("default", connection=redis)
        jobs = queue.count + queue.started_job_registry.count
    finally:
        redis.close()
    return outbox, jobs


def settle(stack: Stack, timeout: float) -> dict:
    """Wait until the outbox is relayed and the rq queue is empty (the worker caught up).

    ``backlog``: jobs waiting (outbox + rq) when the wait began; ``waited_s``: how long the
    worker took to drain them (to the second; 0 when there was nothing)."""
    started = time.monotonic()
    backlog = None
    while True:
        outbox, jobs = asyncio.run(_backlog(stack.database_url, stack.redis_url))
        waited = time.monotonic() - started
        backlog = outbox + jobs if backlog is None else backlog
        if outbox == 0 and jobs == 0:
            time.sleep(0.5)  # let the last job's commit and the processes go quiet
            return {"backlog": backlog, "waited_s": round(waited, 1), "settled": True,
                    "queued_jobs": 0}
        if waited > timeout:
            log(f"not settled after {timeout:.0f}s (outbox {outbox}, rq {jobs}); going on")
            return {"backlog": backlog, "waited_s": round(waited, 1), "settled": False,
                    "queued_jobs": outbox + jobs, "outbox_pending": outbox, "rq_jobs": jobs}
        time.sleep(0.5)


def log_row(row: dict) -> None:
    log(f"{row['endpoint']:<16} c={row['concurrency']:<3} {row['rps']:>8.1f} req/s  "
        f"p50 {row['p50_ms']:.1f}  p95 {row['p95_ms']:.1f}  p99 {row['p99_ms']:.1f} ms  "
        f"errors {row['error_count']}"
        + (f"  worker backlog {row['worker_backlog']['start']} -> "
           f"{row['worker_backlog']['end']} during the line" if "worker_backlog" in row else ""))


def read_while_draining(stack: Stack, prepared: Prepared, concurrency: int,
                        duration: float) -> dict:
    """A status-read line started as soon as a creation line ends: the worker is busy with
    its backlog (PDFs, e-mails) the whole time; compare with the status line run idle."""
    start = sum(asyncio.run(_backlog(stack.database_url, stack.redis_url)))
    row = run_wrk(stack.base_url, "quickjob_status", concurrency, duration,
                  prepared.wrk_args("quickjob_status"))
    end = sum(asyncio.run(_backlog(stack.database_url, stack.redis_url)))
    row["path"] += " (worker draining)"
    row["worker_backlog"] = {"start": start, "end": end}
    row["settle_before"] = {"queued_jobs": start}
    return row


# --------------------------------------------------------------------------- wrk
def run_wrk(base_url: str, endpoint: str, concurrency: int, duration: float,
            args: list[str]) -> dict:
    method, path, script = ENDPOINTS[endpoint]
    threads = min(concurrency, 2)
    command = ["wrk", "-t", str(threads), "-c", str(concurrency), "-d", f"{duration:g}s",
               "--latency", "--timeout", "10s", "-s", str(HERE / script), base_url]
    if args:
        command += ["--", *args]
    out = subprocess.run(command, capture_output=True, text=True, cwd=HERE)
    match = re.search(r"^WRK_JSON (\{.*\})$", out.stdout, re.MULTILINE)
    if out.returncode != 0 or match is None:
        raise RuntimeError(f"wrk failed for {endpoint} at {concurrency}: "
                           f"{out.returncode}\n{out.stdout}\n{out.stderr}")
    raw = json.loads(match.group(1))
    seconds = raw["duration_us"] / 1e6
    lat = raw["latency_us"]
    errors = raw["errors"]
    socket_errors = errors["connect"] + errors["read"] + errors["write"] + errors["timeout"]
    return {
        "endpoint": endpoint, "method": method, "path": path,
        "concurrency": concurrency, "threads": threads,
        "requests": raw["requests"], "seconds": round(seconds, 2),
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(lat["p50"] / 1000, 2), "p95_ms": round(lat["p95"] / 1000, 2),
        "p99_ms": round(lat["p99"] / 1000, 2), "p999_ms": round(lat["p999"] / 1000, 2),
        "mean_ms": round(lat["mean"] / 1000, 2), "max_ms": round(lat["max"] / 1000, 2),
        "errors": {"status_4xx_5xx": errors["status"], "socket": socket_errors,
                   "detail": errors},
        "error_count": errors["status"] + socket_errors,
    }


def hold(stack: Stack, prepared: Prepared) -> int:
    (BENCH_DIR / "hold.json").write_text(json.dumps({
        "base_url": stack.base_url, "database_url": stack.database_url,
        "redis_url": stack.redis_url,
        "wrk_args": {name: prepared.wrk_args(name) for name in ENDPOINTS}}, indent=1))
    log(f"holding: {stack.base_url}, arguments in {BENCH_DIR / 'hold.json'}; Ctrl-C stops")
    try:
        while True:
            stack.check_alive()
            time.sleep(1)
    except KeyboardInterrupt:
        return 0


# --------------------------------------------------------------------------- main
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stack", choices=("procfile", "make-run"), default="procfile",
                        help="how the stack starts (see the module docstring); default procfile")
    parser.add_argument("--duration", type=float, default=10, help="seconds per wrk run")
    parser.add_argument("--concurrency", default="1,16,64", help="comma-separated")
    parser.add_argument("--only", default=",".join(ENDPOINTS),
                        help="endpoints to run (the ceiling is always run)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of every line (the spread is reported)")
    parser.add_argument("--web-concurrency", type=int, default=None,
                        help="uvicorn processes (WEB_CONCURRENCY); default: procfile 2, "
                             "make-run the caller's WEB_CONCURRENCY or uvicorn's default")
    parser.add_argument("--lift-limits", action=argparse.BooleanOptionalAction, default=None,
                        help="lift the per-minute rate limits (default: procfile yes, "
                             "make-run no)")
    parser.add_argument("--pg-option", action="append", default=[], metavar="NAME=VALUE",
                        help="procfile: a setting for the embedded PostgreSQL (repeatable), "
                             "e.g. commit_delay=100 to compare")
    parser.add_argument("--pg-stat", action="store_true",
                        help="procfile: load pg_stat_statements in the embedded PostgreSQL and "
                             "write its top statements per line to the results")
    parser.add_argument("--workers", type=int, default=None,
                        help="signed-in worker accounts the writes are spread over (default: "
                             "12, make-run 100 so make run's per-person limit is not reached)")
    parser.add_argument("--quickjobs-each", type=int, default=2,
                        help="QuickJobs per worker made up front for the status reads")
    parser.add_argument("--settle-timeout", type=float, default=120,
                        help="seconds to wait for the worker's backlog before each wrk run")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--read-while-draining", action="store_true",
                        help="after each QuickJob creation line, status reads at once, while "
                             "the worker drains that line's jobs (does the worker slow the API?)")
    parser.add_argument("--hold", action="store_true",
                        help="start and prepare, write the wrk arguments to "
                             ".data/bench-load/hold.json, then wait for Ctrl-C (profiling)")
    args = parser.parse_args(argv)
    args.concurrencies = [int(c) for c in args.concurrency.split(",") if c.strip()]
    args.endpoints = ["ceiling", *[e for e in args.only.split(",") if e and e != "ceiling"]]
    unknown = [e for e in args.endpoints if e not in ENDPOINTS]
    if unknown or not args.concurrencies or args.duration <= 0 or args.repeat < 1:
        parser.error(f"unknown endpoint(s) {unknown}" if unknown
                     else "bad --concurrency/--duration/--repeat")
    if (args.pg_stat or args.pg_option) and args.stack != "procfile":
        parser.error("--pg-stat and --pg-option need --stack procfile (make run starts its "
                     "own PostgreSQL)")
    if any("=" not in o for o in args.pg_option):
        parser.error("--pg-option takes NAME=VALUE")
    make_run = args.stack == "make-run"
    args.lift_limits = (not make_run) if args.lift_limits is None else args.lift_limits
    args.workers = args.workers or (100 if make_run else 12)
    return args


def measure(stack: Stack, prepared: Prepared, args: argparse.Namespace) -> list[dict]:
    processes = Processes()
    meter = CpuMeter(processes)
    results: list[dict] = []
    settled = settle(stack, args.settle_timeout)
    for round_no in range(1, args.repeat + 1):
        for endpoint in args.endpoints:
            for concurrency in args.concurrencies:
                prepared.refresh_tokens()
                stack.check_alive()
                if args.pg_stat:
                    asyncio.run(pg_stat_reset(stack.database_url))
                meter.start()
                row = run_wrk(stack.base_url, endpoint, concurrency, args.duration,
                              prepared.wrk_args(endpoint))
                row["cpu"] = meter.stop(row["requests"])
                if args.pg_stat:
                    row["pg_stat_statements"] = asyncio.run(pg_stat_top(stack.database_url,
                                                                        row["requests"]))
                row["round"] = round_no
                row["settle_before"] = settled
                results.append(row)
                log_row(row)
                if endpoint == "quickjob_create" and args.read_while_draining:
                    # Status reads at once, while the worker works through this line's jobs.
                    row = read_while_draining(stack, prepared, concurrency, args.duration)
                    row["round"] = round_no
                    results.append(row)
                    log_row(row)
                # The worker drains what this line queued before the next one starts.
                settled = row["drain_after"] = settle(stack, args.settle_timeout)
                if settled["backlog"]:
                    log(f"worker backlog {settled['backlog']} drained in {settled['waited_s']}s")
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2

    def interrupted(signum, frame):  # noqa: ARG001 - SIGTERM (and SIGINT, also in background)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    stack = Stack(mode=args.stack, web_concurrency=args.web_concurrency,
                  lift_limits=args.lift_limits,
                  pg_options={**({"shared_preload_libraries": "pg_stat_statements",
                                  "pg_stat_statements.track_planning": "on"}
                                 if args.pg_stat else {}),
                              **dict(o.split("=", 1) for o in args.pg_option)})
    run_id = uuid.uuid4().hex[:10]
    try:
        try:
            stack.start()
        except Exception as exc:  # noqa: BLE001 - reported, exit code 2
            log(f"the stack did not start: {exc}")
            return 2
        prepared = Prepared(stack.base_url, args.workers, args.quickjobs_each, run_id)
        try:
            preparation = prepared.prepare()
            asyncio.run(_pay_shares(stack.database_url))
            log(f"prepared: {preparation}")
            preflight = prepared.preflight()
            log(f"preflight ok: bot says {preflight['bot_message']['reply'][:60]!r}")
            config = configuration(stack, Processes())
            log(f"configuration: {json.dumps(config)}")
            if args.hold:
                return hold(stack, prepared)
            results = measure(stack, prepared, args)
            stack.check_alive()
            env = environment(stack, config)
        finally:
            prepared.close()
    finally:
        stack.stop()

    add_ratios(results)
    command = "make bench-load" if argv is None and len(sys.argv) == 1 else \
        shlex.join([".venv/bin/python", "bench/load/run.py", *(sys.argv[1:] if argv is None else argv)])
    result = {
        "benchmark": "load",
        "command": command,
        "goals_text": ("simulation >= 50 % of the ceiling's req/s; zero errors; issue 15, at 16 "
                       "concurrent clients with make run's defaults: QuickJob creation >= 150/s, "
                       "p99 < 150 ms, >= 0.05 of the ceiling measured in the same round, the "
                       "worker drains that line's backlog within 30 s (the median round decides)"),
        "environment": env,
        "run": {"duration_s": args.duration, "concurrencies": args.concurrencies,
                "rounds": args.repeat,
                "wrk": "wrk -t min(c,2) -c c -d <duration> --latency --timeout 10s",
                "order": "per round, per endpoint (ceiling first, QuickJob creation last), each "
                         "at every concurrency; after each wrk run the outbox relayed and the "
                         f"rq queue drained, waiting at most {args.settle_timeout:g}s "
                         "(drain_after: the backlog and the seconds to drain it; "
                         "settle_before: what was left)",
                "cpu": "CPU seconds of each part of the stack during the wrk run, from /proc "
                       "(exited children through their parent); wrk: the load generator; "
                       "other: the rest of the machine's busy time (other sessions, kernel)",
                "preparation": preparation, "preflight": preflight},
        "results": results,
        "spread": spread(results),
        "goals": goals(results),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(markdown(result))
    shown = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    print(f"\nresults written to {shown}")
    return 0 if all(g["met"] for g in result["goals"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
