"""From OTP sign-in to a created QuickJob: server time of the whole flow and of each step.

Issue 4's goal: a passer-by goes from OTP sign-in to a created QuickJob in at most 4 requests,
and the server time of the whole flow stays under 150 ms at p95 on the embedded default.

One flow (a fresh phone number each time, so a new person each time): the public simulation
the worker looks at before signing in (no token; timed, not one of the four), then the four
requests from OTP sign-in to the QuickJob:

0. ``POST /api/v1/simulations``         the figures the worker sees   -> 200 (public)
1. ``POST /api/v1/auth/otp``            ``{"phone"}``                 -> 202 with ``devCode``
2. ``POST /api/v1/auth/token``          ``{"phone", "code"}``         -> 200, the token pair
3. ``PATCH /api/v1/me``                 ``{"firstName", "lastName"}`` -> 200 (a quote names the
                                        worker: issue 14's identity just in time)
4. ``POST /api/v1/quickjobs``           quote + planned contract      -> 201 (Idempotency-Key);
                                        its ``simulation`` must equal step 0's figures

Second measure: ``POST /api/v1/quickjobs/{id}/invoice`` once the client has accepted the
quote through the public link (the accept itself is timed too, reported apart).

Third measure: the SQL statements of each ``POST /api/v1/quickjobs``, counted on the asyncpg
connection (``backend.platform.statements``: every statement the request's task sends,
idempotency record, BEGIN and COMMIT included): the flow's (each a worker's first QuickJob,
which opens their personal unit), and a second QuickJob of the same worker.

How: an embedded PostgreSQL and Redis in a temp folder (as ``make run`` and the tests use),
the migrations, the real app (``create_app``, development mode so ``devCode`` is returned,
rate limits lifted) with its pool open, driven in-process through ``httpx.ASGITransport``.
*Server time* is the time spent inside the ASGI app (all middleware included) per request;
*client time* adds httpx's in-process transport. Every request carries its own
``X-Request-ID`` and the echoed one is kept with the sample. Access logs stay on (INFO, JSON)
but go to a file in the temp folder. No rq worker runs: the outbox jobs the flow enqueues
(Dimona, e-mails) only pile up in Redis, which keeps the API path honest.

Usage::

    .venv/bin/python bench/quickjob_flow.py                 # 200 iterations + 20 warm-up
    .venv/bin/python bench/quickjob_flow.py -n 50 --warmup 5
    make bench-quickjob

Writes ``bench/results/quickjob_flow.json`` (``--output`` to change).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import platform
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from backend.platform.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "bench" / "results" / "quickjob_flow.json"
FLOW_STEPS = ("simulation", "otp", "token", "name", "quickjob")
SIGNED_IN_STEPS = FLOW_STEPS[1:]  # from OTP sign-in to the QuickJob: what the goal counts
MAX_REQUESTS = 4
GOAL_P95_MS = 150.0
API = "/api/v1"
# Statements per creation before issue 15 (same counter, same body): first QuickJob, next one.
STATEMENTS_BEFORE = {"first_quickjob": 48, "next_quickjob": 42}


# --------------------------------------------------------------------------- measuring
class ServerTimer:
    """ASGI wrapper: how long the app itself worked on the request (requests run one at a time)."""

    def __init__(self, app) -> None:
        self.app = app
        self.last_ms = 0.0

    async def __call__(self, scope, receive, send):
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            self.last_ms = (time.perf_counter() - started) * 1000


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n * p / 100)
    return ordered[int(rank) - 1]


def stats(values: list[float]) -> dict:
    return {
        "count": len(values),
        "p50_ms": round(percentile(values, 50), 2),
        "p95_ms": round(percentile(values, 95), 2),
        "p99_ms": round(percentile(values, 99), 2),
        "max_ms": round(max(values), 2),
        "mean_ms": round(sum(values) / len(values), 2),
    }


def counts(values: list[int]) -> dict:
    ordered = sorted(values)
    return {"min": ordered[0], "median": ordered[len(ordered) // 2], "max": ordered[-1]}


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)


def quickjob_body(day: dt.date) -> dict:
    """The body of tests/quickjobs/conftest.py::quickjob_body, performed next week."""
    return {
        "client": {"name": "Brouwerij De Klok", "email": "boekhouding@deklok.be",
                   "vatNumber": "BE0403019261", "country": "BE",
                   "address": "Markt 1, 9000 Gent", "language": "nl"},
        "function": "graphic designer",
        "description": "Poster and flyer for the spring fair",
        "performanceDates": [day.isoformat()],
        "amountCents": 100000,
        "vatRate": "21",
        "contractType": "employee",
        "withholdingRate": "11.11",
        "expenses": [{"amountCents": 5000, "category": "travel"}],
        "paidInCash": False,
    }


SIMULATION_FIELDS = ("performanceDates", "amountCents", "vatRate", "contractType",
                     "withholdingRate", "expenses")


class Driver:
    def __init__(self, client: httpx.AsyncClient, timer: ServerTimer) -> None:
        self.client = client
        self.timer = timer

    async def call(self, method: str, path: str, request_id: str, expect: int,
                   count: bool = False, **kwargs) -> tuple[httpx.Response, dict]:
        from backend.platform.statements import counting

        headers = {"X-Request-ID": request_id, "Accept-Language": "nl",
                   **kwargs.pop("headers", {})}
        started = time.perf_counter()
        with counting() as statements:
            r = await self.client.request(method, API + path, headers=headers, **kwargs)
            sent = len(statements)
        client_ms = (time.perf_counter() - started) * 1000
        if r.status_code != expect:
            raise RuntimeError(f"{method} {path}: {r.status_code} (expected {expect}): {r.text}")
        echoed = r.headers.get("x-request-id")
        if echoed != request_id:
            raise RuntimeError(f"{method} {path}: X-Request-ID {echoed!r} != {request_id!r}")
        sample = {"server_ms": round(self.timer.last_ms, 3), "client_ms": round(client_ms, 3),
                  "request_id": echoed, "status": r.status_code}
        if count:
            sample["statements"] = sent
        return r, sample

    async def flow(self, i: int, run: str, day: dt.date) -> tuple[dict, str, str]:
        """One passer-by: the public simulation, then the four requests. Returns the samples, the
        job and its bearer."""
        phone = f"+32470{i:06d}"
        body = quickjob_body(day)
        steps: dict[str, dict] = {}
        r, steps["simulation"] = await self.call(
            "POST", "/simulations", f"{run}-{i}-simulation", 200,
            json={k: body[k] for k in SIMULATION_FIELDS})
        simulation = r.json()
        r, steps["otp"] = await self.call("POST", "/auth/otp", f"{run}-{i}-otp", 202,
                                          json={"phone": phone})
        code = r.json()["devCode"]
        r, steps["token"] = await self.call("POST", "/auth/token", f"{run}-{i}-token", 200,
                                            json={"phone": phone, "code": code})
        auth = {"Authorization": f"Bearer {r.json()['accessToken']}"}
        r, steps["name"] = await self.call("PATCH", "/me", f"{run}-{i}-name", 200, headers=auth,
                                           json={"firstName": "Pia", "lastName": f"Voorbij{i}"})
        r, steps["quickjob"] = await self.call(
            "POST", "/quickjobs", f"{run}-{i}-quickjob", 201, count=True,
            headers={**auth, "Idempotency-Key": f"{run}-{i}-{uuid.uuid4().hex}"}, json=body)
        job = r.json()
        if job["simulation"] != simulation:
            raise RuntimeError("the QuickJob's figures differ from the simulation")
        return steps, job, auth["Authorization"]

    async def again(self, i: int, run: str, day: dt.date, bearer: str) -> dict:
        """The same worker's next QuickJob (their unit and the client exist now)."""
        _, sample = await self.call(
            "POST", "/quickjobs", f"{run}-{i}-again", 201, count=True,
            headers={"Authorization": bearer, "Idempotency-Key": f"{run}-{i}-{uuid.uuid4().hex}"},
            json=quickjob_body(day))
        return sample

    async def invoice(self, i: int, run: str, job: dict, bearer: str) -> dict:
        token = job["quote"]["acceptUrl"].rsplit("/", 1)[-1]
        _, accept = await self.call("POST", f"/public/quotes/{token}/accept",
                                    f"{run}-{i}-accept", 201)
        r, invoice = await self.call("POST", f"/quickjobs/{job['id']}/invoice",
                                     f"{run}-{i}-invoice", 201,
                                     headers={"Authorization": bearer})
        if not r.json().get("number"):
            raise RuntimeError("an invoice without a number")
        return {"accept": accept, "invoice": invoice}


# --------------------------------------------------------------------------- the run
def bench_settings(database_url: str, redis_url: str, data_dir: Path) -> Settings:
    return Settings(
        app_env="development",  # the embedded default: devCode in the OTP answer
        database_url=database_url,
        redis_url=redis_url,
        data_dir=data_dir,
        outbox_dir=data_dir / "outbox",
        storage_dir=data_dir / "files",
        rate_limit_per_minute=10_000_000,
        public_rate_limit_per_minute=10_000_000,
        otp_per_ip_per_hour=10_000_000,
        otp_per_destination_per_hour=10_000_000,
    )


async def drive(settings: Settings, iterations: int, warmup: int, log_file: Path) -> dict:
    from backend.app import create_app
    from backend.platform.db import start_pool
    from backend.platform.logging_setup import JsonFormatter

    app = create_app(settings)
    handler = logging.FileHandler(log_file)  # keep the access log (and its cost), off screen
    handler.setFormatter(JsonFormatter())
    logging.getLogger().handlers[:] = [handler]
    await start_pool(settings.database_url)
    timer = ServerTimer(app)
    transport = httpx.ASGITransport(app=timer, client=("192.0.2.10", 40000))
    day = next_monday(dt.date.today())
    flows: list[dict] = []
    jobs: list[tuple[int, dict, str]] = []
    invoices: list[dict] = []
    again: list[dict] = []
    run = uuid.uuid4().hex[:6]
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            driver = Driver(client, timer)
            started = time.perf_counter()
            for i in range(warmup + iterations):
                steps, job, bearer = await driver.flow(i, run, day)
                total = {"server_ms": round(sum(s["server_ms"] for s in steps.values()), 3),
                         "client_ms": round(sum(s["client_ms"] for s in steps.values()), 3)}
                flows.append({"iteration": i, "warmup": i < warmup, "steps": steps,
                              "total": total, "quickjob_id": job["id"]})
                jobs.append((i, job, bearer))
            flow_seconds = time.perf_counter() - started
            for i, _, bearer in jobs:
                again.append({"iteration": i, "warmup": i < warmup,
                              **await driver.again(i, run, day, bearer)})
            started = time.perf_counter()
            for i, job, bearer in jobs:
                sample = await driver.invoice(i, run, job, bearer)
                invoices.append({"iteration": i, "warmup": i < warmup, **sample})
            invoice_seconds = time.perf_counter() - started
    finally:
        await close_app(app)
    return {"flows": flows, "invoices": invoices, "again": again, "flow_seconds": flow_seconds,
            "invoice_seconds": invoice_seconds, "performance_date": day.isoformat()}


def summarise(raw: dict, iterations: int, warmup: int) -> dict:
    measured = [f for f in raw["flows"] if not f["warmup"]]
    steps = {name: {kind: stats([f["steps"][name][kind] for f in measured])
                    for kind in ("server_ms", "client_ms")} for name in FLOW_STEPS}
    total = {kind: stats([f["total"][kind] for f in measured])
             for kind in ("server_ms", "client_ms")}
    slowest = max(measured, key=lambda f: f["total"]["server_ms"])
    inv = [s for s in raw["invoices"] if not s["warmup"]]
    invoice = {name: {kind: stats([s[name][kind] for s in inv])
                      for kind in ("server_ms", "client_ms")} for name in ("accept", "invoice")}
    p95 = total["server_ms"]["p95_ms"]
    again = [s for s in raw["again"] if not s["warmup"]]
    statements = {
        "counted": "every statement the request sends (idempotency record, BEGIN, COMMIT included)",
        "first_quickjob": counts([f["steps"]["quickjob"]["statements"] for f in measured]),
        "next_quickjob": counts([s["statements"] for s in again]),
        "next_quickjob_server_ms": stats([s["server_ms"] for s in again]),
        "before_issue_15": STATEMENTS_BEFORE,
    }
    return {
        "benchmark": "quickjob_flow",
        "goal": ("From OTP sign-in to a created QuickJob in at most 4 requests; server time "
                 "of the whole flow p95 under 150 ms on the embedded default (issue 4)"),
        "environment": environment(),
        "iterations": iterations,
        "warmup_excluded": warmup,
        "performance_date": raw["performance_date"],
        "flow": {
            "requests": len(SIGNED_IN_STEPS),
            "steps_in_order": list(FLOW_STEPS),
            "steps": steps,
            "total": total,
            "wall_seconds": round(raw["flow_seconds"], 2),
            "slowest": {"iteration": slowest["iteration"], "total": slowest["total"],
                        "request_ids": {k: v["request_id"] for k, v in slowest["steps"].items()},
                        "server_ms": {k: v["server_ms"] for k, v in slowest["steps"].items()}},
        },
        "invoice_after_accept": {**invoice, "wall_seconds": round(raw["invoice_seconds"], 2)},
        "statements_per_creation": statements,
        "goals": {
            "at_most_4_requests": {"value": len(SIGNED_IN_STEPS), "limit": MAX_REQUESTS,
                                   "met": len(SIGNED_IN_STEPS) <= MAX_REQUESTS},
            "flow_server_p95_under_150_ms": {"value_ms": p95, "limit_ms": GOAL_P95_MS,
                                             "met": p95 < GOAL_P95_MS},
        },
        "samples": {"flows": raw["flows"], "invoices": raw["invoices"], "again": raw["again"]},
    }


async def close_app(app) -> None:
    """Let the after-response outbox relays finish, then close the pool, Redis and the queue."""
    from backend.platform.db import close_pool

    context = app.asgi_handler
    relaying = list(getattr(context, "_relaying", ()))
    if relaying:
        await asyncio.wait(relaying, timeout=10)
    await close_pool()
    await app.state.redis.aclose()
    queue = app.state.queue
    if queue is not None and hasattr(queue, "close"):
        queue.close()


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or ""


def environment() -> dict:
    cpu = cpu_model()
    return {"python": platform.python_version(), "platform": platform.platform(), "cpu": cpu,
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "transport": "httpx.ASGITransport (in-process)",
            "services": "embedded PostgreSQL + Redis (temp folder), no rq worker"}


def print_report(result: dict) -> None:
    def row(name: str, s: dict) -> str:
        return (f"{name:<26}{s['count']:>6}{s['p50_ms']:>10.2f}{s['p95_ms']:>10.2f}"
                f"{s['p99_ms']:>10.2f}{s['max_ms']:>10.2f}")

    head = f"{'server time (ms)':<26}{'count':>6}{'p50':>10}{'p95':>10}{'p99':>10}{'max':>10}"
    flow = result["flow"]
    print(f"QuickJob flow: {result['iterations']} iterations "
          f"({result['warmup_excluded']} warm-up excluded), {flow['requests']} requests each, "
          f"performance date {result['performance_date']}")
    print(head)
    print("-" * len(head))
    for i, name in enumerate(flow["steps_in_order"]):  # 0: the public simulation
        print(row(f"{i}. {name}", flow["steps"][name]["server_ms"]))
    print(row("whole flow", flow["total"]["server_ms"]))
    print(row("whole flow (client side)", flow["total"]["client_ms"]))
    inv = result["invoice_after_accept"]
    print(row("public quote accept", inv["accept"]["server_ms"]))
    print(row("invoice after accept", inv["invoice"]["server_ms"]))
    print(row("next QuickJob, same worker", result["statements_per_creation"]["next_quickjob_server_ms"]))
    sql = result["statements_per_creation"]
    for kind in ("first_quickjob", "next_quickjob"):
        c = sql[kind]
        print(f"SQL statements per creation, {kind.replace('_', ' ')}: median {c['median']} "
              f"(min {c['min']}, max {c['max']}; {sql['before_issue_15'][kind]} before issue 15)")
    slow = flow["slowest"]
    print(f"slowest flow: iteration {slow['iteration']}, {slow['total']['server_ms']:.2f} ms, "
          f"request ids {', '.join(slow['request_ids'].values())}")
    for name, goal in result["goals"].items():
        value = goal.get("value_ms", goal.get("value"))
        limit = goal.get("limit_ms", goal.get("limit"))
        print(f"goal {name}: {value} (limit {limit}) -> {'MET' if goal['met'] else 'NOT MET'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if args.iterations < 1 or args.warmup < 0:
        parser.error("--iterations must be >= 1 and --warmup >= 0")

    from backend.platform.embedded import start_postgres, start_redis
    from backend.platform.migrate import migrate

    tmp = Path(tempfile.mkdtemp(prefix="quickjob-bench-"))
    started = []
    try:
        pg = start_postgres(tmp / "pg", database="quickjob_bench", port=55632)
        started.append(pg)
        rd = start_redis(tmp / "redis", port=63950, persist=False)
        started.append(rd)
        asyncio.run(migrate(pg.url))
        settings = bench_settings(pg.url, rd.url, tmp / "data")
        raw = asyncio.run(drive(settings, args.iterations, args.warmup, tmp / "access.log"))
    finally:
        for proc in reversed(started):
            proc.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    result = summarise(raw, args.iterations, args.warmup)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1) + "\n")
    print_report(result)
    print(f"results written to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0 if all(g["met"] for g in result["goals"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
