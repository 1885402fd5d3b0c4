"""Load run against the real stack: the API (uvicorn, as the Procfile starts it) and the rq
worker on PostgreSQL and Redis, driven by wrk in a separate process.

Endpoints, each at 1, 16 and 64 concurrent connections (``wrk -c N -t min(N, 2) --latency``):

- ``ceiling``          ``GET  /api/v1/health/live``    bare JSON: no database, no Redis, no auth
- ``simulation``       ``POST /api/v1/simulations``     public, no token
- ``quickjob_create``  ``POST /api/v1/quickjobs``       unique Idempotency-Key per request,
                                                       spread over the signed-in workers
- ``quickjob_status``  ``GET  /api/v1/quickjobs/{id}``  status and timeline, owner's token
- ``bot_message``      ``POST /api/v1/bot/messages``    a status question in a conversation

For each: requests per second, latency p50/p95/p99, errors (status >= 400 and socket errors),
and the ratio of its requests per second to the ceiling's at the same concurrency. Goals
(issue "Measure and hold"): the simulation at least 50 % of the ceiling; QuickJob creation
p99 under 50 ms at 16 concurrent clients; zero errors; (issue 15) the worker drains what the
creation line at 16 clients queued within 30 s after it.

How:

1. PostgreSQL and Redis: ``DATABASE_URL`` / ``REDIS_URL`` when set, otherwise embedded ones
   (``backend.platform.embedded``, as ``make run`` does) in ``.data/bench-load/``, recreated per run so
   runs compare (``make run`` keeps ``.data/postgres``; nothing is shared with it).
2. Migrations, then the Procfile's ``web`` and ``worker`` lines as child processes (host
   127.0.0.1, a free port), ``APP_ENV=development`` (the OTP answer carries ``devCode``) and
   the per-minute rate limits lifted through the environment (``RATE_LIMIT_PER_MINUTE``,
   ``PUBLIC_RATE_LIMIT_PER_MINUTE``). Access logs stay on (JSON, one line per request) and go
   to ``.data/bench-load/web.log``. ``WEB_CONCURRENCY`` is the number of uvicorn workers.
3. Data through the API: workers sign in with OTP, buy a share (members: the
   three-performances rule never refuses them), create a few QuickJobs (for status reads) and
   open a bot conversation. One request of each measured kind is checked before wrk runs.
4. Per endpoint, each concurrency in turn: the ceiling first, QuickJob creation last (each
   created QuickJob queues PDF and e-mail jobs for the worker). After each wrk run the
   system is left to settle: the outbox relayed and the rq queue drained, waiting at most
   ``--settle-timeout`` seconds; the backlog the line left and the time the worker took to
   drain it are recorded (``drain_after``), and what was still queued when the next line
   started (``settle_before``).
5. Everything started is stopped at the end (embedded servers included).

Usage::

    make bench-load                                  # 10 s per endpoint and concurrency
    .venv/bin/python bench/load/run.py --duration 3  # quick
    .venv/bin/python bench/load/run.py --concurrency 16 --only ceiling,quickjob_create

Writes ``bench/results/load.json`` (``--output``) and prints a markdown table. Exit code 1
when a goal is not met, 2 when wrk is missing or the stack does not start.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
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

from bench.quickjob_flow import cpu_model, next_monday  # noqa: E402

HERE = ROOT / "bench" / "load"
DEFAULT_OUTPUT = ROOT / "bench" / "results" / "load.json"
BENCH_DIR = ROOT / ".data" / "bench-load"
API = "/api/v1"
LIFTED_LIMIT = "1000000000"  # per minute: never reached in a run
ACCESS_TOKEN_REFRESH_AFTER = 5 * 60  # seconds; access tokens live 15 minutes
BOT_QUESTION = "What is the status of my QuickJobs?"

# name -> (method, path shown in the report, Lua script)
ENDPOINTS: dict[str, tuple[str, str, str]] = {
    "ceiling": ("GET", "/api/v1/health/live", "ceiling.lua"),
    "simulation": ("POST", "/api/v1/simulations", "simulation.lua"),
    "quickjob_status": ("GET", "/api/v1/quickjobs/{id}", "quickjob_status.lua"),
    "bot_message": ("POST", "/api/v1/bot/messages", "bot_message.lua"),
    # last: every QuickJob queues PDF and e-mail jobs, a backlog for the worker
    "quickjob_create": ("POST", "/api/v1/quickjobs", "quickjob_create.lua"),
}
GOAL_SIMULATION_RATIO = 0.5
GOAL_CREATE_P99_MS = 50.0
GOAL_CREATE_CONCURRENCY = 16
GOAL_DRAIN_S = 30.0  # the worker's queue drains within 30 s after the load (issue 15)


def log(message: str) -> None:
    print(f"[bench-load] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the stack
def procfile_commands(port: int) -> dict[str, list[str]]:
    """The Procfile's web and worker lines, run with this interpreter's environment."""
    commands = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, _, command = line.partition(":")
        if name.strip() not in ("web", "worker"):
            continue
        command = command.replace("${PORT:-8000}", str(port)).replace("$PORT", str(port))
        argv = shlex.split(command)
        if argv[0] == "uvicorn":
            argv = [sys.executable, "-m", "uvicorn", *argv[1:]]
        elif argv[0] in ("python", "python3"):
            argv = [sys.executable, *argv[1:]]
        if "--host" in argv:  # the bench listens on loopback only
            argv[argv.index("--host") + 1] = "127.0.0.1"
        commands[name.strip()] = argv
    if set(commands) != {"web", "worker"}:
        raise SystemExit("the Procfile must have a web and a worker line")
    return commands


@dataclass
class Stack:
    web_concurrency: int
    port: int = 0
    database_url: str = ""
    redis_url: str = ""
    embedded: list = field(default_factory=list)
    children: list = field(default_factory=list)
    logs: list = field(default_factory=list)
    env: dict = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        from backend.platform.embedded import die_with_parent, free_port
        from backend.platform.migrate import migrate

        self.database_url = os.environ.get("DATABASE_URL") or ""
        self.redis_url = os.environ.get("REDIS_URL") or ""
        if not self.database_url or not self.redis_url:
            from backend.platform.embedded import start_postgres, start_redis

            # Fresh per run: the previous run's thousands of QuickJobs would skew this one.
            shutil.rmtree(BENCH_DIR, ignore_errors=True)
            BENCH_DIR.mkdir(parents=True)
            if not self.database_url:
                pg = start_postgres(BENCH_DIR / "postgres", database="quickjob_load", port=55741)
                self.embedded.append(pg)
                self.database_url = pg.url
                log(f"embedded PostgreSQL on {pg.url} (data in {BENCH_DIR / 'postgres'})")
            if not self.redis_url:
                rd = start_redis(BENCH_DIR / "redis", port=63991, persist=False)
                self.embedded.append(rd)
                self.redis_url = rd.url
                log(f"embedded Redis on {rd.url}")
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        asyncio.run(migrate(self.database_url))
        log("migrations applied")

        self.port = free_port(8765)
        self.env = {
            **os.environ,
            "APP_ENV": "development",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "DATA_DIR": str(BENCH_DIR / "data"),
            "RATE_LIMIT_PER_MINUTE": LIFTED_LIMIT,
            "PUBLIC_RATE_LIMIT_PER_MINUTE": LIFTED_LIMIT,
            "WEB_CONCURRENCY": str(self.web_concurrency),
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
            "PORT": str(self.port),
        }
        commands = procfile_commands(self.port)
        for name in ("web", "worker"):
            out = open(BENCH_DIR / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop()
            self.logs.append(out)
            self.children.append(subprocess.Popen(
                commands[name], cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                preexec_fn=die_with_parent(signal.SIGTERM)))
        log(f"web: {shlex.join(commands['web'][1:])} (WEB_CONCURRENCY={self.web_concurrency})")
        log(f"worker: {shlex.join(commands['worker'][1:])}")
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for child in self.children:
                if child.poll() is not None:
                    raise RuntimeError(f"{child.args[1:4]} exited with {child.returncode}; "
                                       f"see {BENCH_DIR}/*.log")
            try:
                if httpx.get(f"{self.base_url}{API}/health/ready", timeout=1).status_code == 200:
                    log(f"API ready on {self.base_url}")
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the API was not ready within {timeout}s; see {BENCH_DIR}/web.log")

    def check_alive(self) -> None:
        for child in self.children:
            if child.poll() is not None:
                raise RuntimeError(f"{child.args[1:4]} died with {child.returncode}")

    def stop(self) -> None:
        for child in self.children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in self.children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        for out in self.logs:
            out.close()
        for proc in reversed(self.embedded):
            proc.stop()
        if self.embedded:
            log("embedded services stopped")


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
        self.workers = [Worker(f"+3247{stem:03d}{i:04d}") for i in range(workers)]
        self.quickjobs_each = quickjobs_each

    def close(self) -> None:
        self.http.close()

    def auth(self, worker: Worker) -> dict:
        return {"Authorization": f"Bearer {worker.access}"}

    def sign_in(self, worker: Worker) -> None:
        otp = expect(self.http.post("/auth/otp", json={"phone": worker.phone}), 202, "OTP")
        if "devCode" not in otp:
            raise RuntimeError("the OTP answer has no devCode: the API must run with "
                               "APP_ENV=development for the bench")
        pair = expect(self.http.post("/auth/token", json={"phone": worker.phone,
                                                           "code": otp["devCode"]}), 200, "token")
        worker.access, worker.refresh = pair["accessToken"], pair["refreshToken"]
        worker.signed_at = time.monotonic()

    def refresh_tokens(self, force: bool = False) -> None:
        """Access tokens live 15 minutes; a whole run can take longer."""
        for worker in self.workers:
            if force or time.monotonic() - worker.signed_at > ACCESS_TOKEN_REFRESH_AFTER:
                pair = expect(self.http.post("/auth/refresh",
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
def wrk_version() -> str:
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    text = (out.stdout + out.stderr).strip().splitlines()
    return text[0] if text else "wrk"


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


# --------------------------------------------------------------------------- report
def environment(stack: Stack, web_concurrency: int) -> dict:
    cpu = cpu_model()
    embedded = [p.name for p in stack.embedded]
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(), "platform": platform.platform(), "cpu": cpu,
        "cores": os.cpu_count(),
        "generator": f"{wrk_version()} on the same machine (it shares the cores with the stack)",
        "services": {"postgresql": "embedded (.data/bench-load)" if "postgresql" in embedded
                     else "DATABASE_URL",
                     "redis": "embedded (.data/bench-load)" if "redis" in embedded
                     else "REDIS_URL"},
        "postgres_fsync": "off" if os.environ.get("CI") else "on",
        "web": "uvicorn, Procfile web line, access log on (JSON to .data/bench-load/web.log)",
        "web_concurrency": web_concurrency,
        "worker": "the Procfile worker line (supervisor and job processes) running throughout",
        "rate_limits": {"RATE_LIMIT_PER_MINUTE": LIFTED_LIMIT,
                        "PUBLIC_RATE_LIMIT_PER_MINUTE": LIFTED_LIMIT,
                        "note": "lifted for the run through the environment; one client IP "
                                "and a dozen workers would otherwise be throttled"},
    }


def add_ratios(results: list[dict]) -> None:
    ceilings = {r["concurrency"]: r["rps"] for r in results if r["endpoint"] == "ceiling"}
    for r in results:
        ceiling = ceilings.get(r["concurrency"])
        r["ratio_to_ceiling"] = round(r["rps"] / ceiling, 3) if ceiling else None


def goals(results: list[dict]) -> dict:
    found = {}
    sims = [r for r in results if r["endpoint"] == "simulation" and r["ratio_to_ceiling"]]
    if sims:
        worst = min(sims, key=lambda r: r["ratio_to_ceiling"])
        found["simulation_at_least_50pct_of_ceiling"] = {
            "by_concurrency": {r["concurrency"]: r["ratio_to_ceiling"] for r in sims},
            "limit": GOAL_SIMULATION_RATIO, "worst": worst["ratio_to_ceiling"],
            "met": worst["ratio_to_ceiling"] >= GOAL_SIMULATION_RATIO}
    create = [r for r in results if r["endpoint"] == "quickjob_create"
              and r["concurrency"] == GOAL_CREATE_CONCURRENCY]
    if create:
        found["quickjob_create_p99_under_50ms_at_16"] = {
            "value_ms": create[0]["p99_ms"], "limit_ms": GOAL_CREATE_P99_MS,
            "met": create[0]["p99_ms"] < GOAL_CREATE_P99_MS}
        drain = create[0].get("drain_after")
        if drain:
            found["worker_drains_within_30s_after_creation_at_16"] = {
                "backlog": drain["backlog"], "value_s": drain["waited_s"],
                "limit_s": GOAL_DRAIN_S, "met": drain["settled"] and drain["waited_s"] <= GOAL_DRAIN_S}
    total = sum(r["error_count"] for r in results)
    found["zero_errors"] = {"value": total, "met": total == 0}
    return found


def markdown(result: dict) -> str:
    lines = ["| endpoint | conc. | req/s | p50 ms | p95 ms | p99 ms | errors | × ceiling "
             "| worker queue at start | worker backlog after, drained in |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result["results"]:
        ratio = f"{r['ratio_to_ceiling']:.2f}" if r["ratio_to_ceiling"] is not None else "-"
        drain = r.get("drain_after") or {}
        drained = ("-" if not drain else f"{drain['backlog']:,} in {drain['waited_s']:g} s"
                   if drain["settled"] else f"{drain['queued_jobs']} left after {drain['waited_s']} s")
        lines.append(f"| {r['method']} {r['path']} | {r['concurrency']} | {r['rps']:,.1f} | "
                     f"{r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | "
                     f"{r['error_count']} | {ratio} | {r['settle_before']['queued_jobs']} | "
                     f"{drained} |")
    lines.append("")
    for name, goal in result["goals"].items():
        shown = {k: v for k, v in goal.items() if k != "met"}
        lines.append(f"- goal `{name}`: {'MET' if goal['met'] else 'NOT MET'} ({shown})")
    return "\n".join(lines)


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
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per wrk run")
    parser.add_argument("--concurrency", default="1,16,64", help="comma-separated")
    parser.add_argument("--only", default=",".join(ENDPOINTS),
                        help="endpoints to run (the ceiling is always run)")
    parser.add_argument("--web-concurrency", type=int,
                        default=int(os.environ.get("WEB_CONCURRENCY", "2")),
                        help="uvicorn workers (WEB_CONCURRENCY); default 2")
    parser.add_argument("--workers", type=int, default=12,
                        help="signed-in worker accounts the writes are spread over")
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
    concurrencies = [int(c) for c in args.concurrency.split(",") if c.strip()]
    endpoints = ["ceiling", *[e for e in args.only.split(",") if e and e != "ceiling"]]
    unknown = [e for e in endpoints if e not in ENDPOINTS]
    if unknown or not concurrencies or args.duration <= 0:
        parser.error(f"unknown endpoint(s) {unknown}" if unknown else "bad --concurrency/--duration")
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2

    def interrupted(signum, frame):  # noqa: ARG001 - SIGTERM (and SIGINT, also in background)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    stack = Stack(web_concurrency=args.web_concurrency)
    run_id = uuid.uuid4().hex[:10]
    results: list[dict] = []
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
            log(f"preflight ok: bot says {preflight['bot_message']['reply']!r}")
            if args.hold:
                return hold(stack, prepared)
            settled = settle(stack, args.settle_timeout)
            for endpoint in endpoints:
                for concurrency in concurrencies:
                    prepared.refresh_tokens()
                    stack.check_alive()
                    row = run_wrk(stack.base_url, endpoint, concurrency, args.duration,
                                  prepared.wrk_args(endpoint))
                    row["settle_before"] = settled
                    results.append(row)
                    log_row(row)
                    if endpoint == "quickjob_create" and args.read_while_draining:
                        # Status reads at once, while the worker works through this line's jobs.
                        row = read_while_draining(stack, prepared, concurrency, args.duration)
                        results.append(row)
                        log_row(row)
                    # The worker drains what this line queued before the next one starts.
                    settled = row["drain_after"] = settle(stack, args.settle_timeout)
                    if settled["backlog"]:
                        log(f"worker backlog {settled['backlog']} drained in "
                            f"{settled['waited_s']}s")
            stack.check_alive()
            env = environment(stack, args.web_concurrency)
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
        "goals_text": ("simulation >= 50 % of the ceiling's req/s; QuickJob creation p99 < 50 ms "
                       "at 16 concurrent clients; the worker drains the backlog of that line "
                       "within 30 s; zero errors"),
        "environment": env,
        "run": {"duration_s": args.duration, "concurrencies": concurrencies,
                "wrk": "wrk -t min(c,2) -c c -d <duration> --latency --timeout 10s",
                "order": "per endpoint (ceiling first, QuickJob creation last), each at every "
                         "concurrency; after each wrk run the outbox relayed and the rq queue "
                         f"drained, waiting at most {args.settle_timeout:g}s (drain_after: the "
                         "backlog and the seconds to drain it; settle_before: what was left)",
                "preparation": preparation, "preflight": preflight},
        "results": results,
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
