"""The load run's report: ratios to the ceiling, spread over rounds, goals, the markdown
table, and PostgreSQL's own view of a line (pg_stat_statements)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import statistics
import subprocess

from bench.load.stack import Stack
from bench.quickjob_flow import cpu_model

# name -> (method, path shown in the report, Lua script)
ENDPOINTS: dict[str, tuple[str, str, str]] = {
    "ceiling": ("GET", "/api/v1/health/live", "ceiling.lua"),
    "simulation": ("POST", "/api/v1/simulations", "simulation.lua"),
    "quickjob_status": ("GET", "/api/v1/quickjobs/{id}", "quickjob_status.lua"),
    "bot_message": ("POST", "/api/v1/bot/messages", "bot_message.lua"),
    # last: every QuickJob queues e-mail jobs, a backlog for the worker
    "quickjob_create": ("POST", "/api/v1/quickjobs", "quickjob_create.lua"),
}
GOAL_SIMULATION_RATIO = 0.5
# Issue 15, with make run's defaults and 16 concurrent clients.
GOAL_CREATE_CONCURRENCY = 16
GOAL_CREATE_RPS = 150.0
GOAL_CREATE_P99_MS = 150.0
GOAL_CREATE_CEILING_RATIO = 0.05
GOAL_DRAIN_S = 30.0  # the worker's queue drains within 30 s after the load


def wrk_version() -> str:
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    text = (out.stdout + out.stderr).strip().splitlines()
    return text[0] if text else "wrk"


def environment(stack: Stack, config: dict) -> dict:
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(), "platform": platform.platform(),
        "cpu": cpu_model(), "cores": os.cpu_count(),
        "generator": f"{wrk_version()} on the same machine (it shares the cores with the stack)",
        "services": {"postgresql": "embedded (.data/bench-load)"
                     if stack.mode == "make-run" or not os.environ.get("DATABASE_URL")
                     else "DATABASE_URL",
                     "redis": "embedded (.data/bench-load)"
                     if stack.mode == "make-run" or not os.environ.get("REDIS_URL")
                     else "REDIS_URL"},
        "configuration": config,
    }


def add_ratios(results: list[dict]) -> None:
    """Each line against the ceiling of its own round (the same run, minutes apart)."""
    ceilings = {(r["round"], r["concurrency"]): r["rps"]
                for r in results if r["endpoint"] == "ceiling"}
    for r in results:
        ceiling = ceilings.get((r["round"], r["concurrency"]))
        r["ratio_to_ceiling"] = round(r["rps"] / ceiling, 4) if ceiling else None


def spread(results: list[dict]) -> list[dict]:
    """Per endpoint and concurrency over the rounds: min, median, max."""
    keys = sorted({(r["endpoint"], r["concurrency"]) for r in results},
                  key=lambda k: (list(ENDPOINTS).index(k[0].split()[0]), k[1]))
    out = []
    for endpoint, concurrency in keys:
        rows = [r for r in results if (r["endpoint"], r["concurrency"]) == (endpoint, concurrency)]
        entry = {"endpoint": endpoint, "concurrency": concurrency, "rounds": len(rows)}
        for name in ("rps", "p50_ms", "p95_ms", "p99_ms", "ratio_to_ceiling"):
            values = [r[name] for r in rows if r.get(name) is not None]
            if values:
                entry[name] = {"min": min(values), "median": statistics.median(values),
                               "max": max(values)}
        cpu = [r["cpu"]["cpu_ms_per_request"] for r in rows if r.get("cpu")]
        if cpu:
            entry["cpu_ms_per_request_median"] = {
                g: statistics.median(c[g] for c in cpu if c.get(g) is not None)
                for g in cpu[0] if any(c.get(g) is not None for c in cpu)}
        out.append(entry)
    return out


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
        # The median round decides; every round is listed (the machine is shared).
        def goal(values: list[float], limit: float, at_least: bool) -> dict:
            median = statistics.median(values)
            return {"by_round": values, "median": median, "limit": limit,
                    "met": median >= limit if at_least else median < limit}

        found["quickjob_create_at_least_150_per_s_at_16"] = goal(
            [r["rps"] for r in create], GOAL_CREATE_RPS, True)
        found["quickjob_create_p99_under_150ms_at_16"] = goal(
            [r["p99_ms"] for r in create], GOAL_CREATE_P99_MS, False)
        if all(r["ratio_to_ceiling"] is not None for r in create):
            found["quickjob_create_at_least_0.05_of_ceiling_at_16"] = goal(
                [r["ratio_to_ceiling"] for r in create], GOAL_CREATE_CEILING_RATIO, True)
        drains = [r["drain_after"] for r in create if r.get("drain_after")]
        if drains:
            found["worker_drains_within_30s_after_creation_at_16"] = {
                "by_round": [{"backlog": d["backlog"], "seconds": d["waited_s"]} for d in drains],
                "limit_s": GOAL_DRAIN_S,
                "met": all(d["settled"] and d["waited_s"] <= GOAL_DRAIN_S for d in drains)}
    total = sum(r["error_count"] for r in results)
    found["zero_errors"] = {"value": total, "met": total == 0}
    return found


CPU_GROUPS = ("api", "postgres", "redis", "worker", "wrk", "other")


def markdown(result: dict) -> str:
    config = result["environment"]["configuration"]
    web, worker, pg = config["web"], config["worker"], config["postgresql"]
    lines = [f"Stack: {config['mode']} ({config['started_as']}); uvicorn processes serving: "
             f"{web['uvicorn_processes_serving']} (WEB_CONCURRENCY {web['WEB_CONCURRENCY']}), "
             f"{web['event_loop']} + {web['http_parser']}; worker: {worker['job_processes']} job "
             f"processes at nice {worker['nice']}; PostgreSQL {pg.get('version')}: fsync "
             f"{pg.get('fsync')}, synchronous_commit {pg.get('synchronous_commit')}, "
             f"commit_delay {pg.get('commit_delay')}, shared_buffers {pg.get('shared_buffers')}; "
             f"rate limits: {config['rate_limits']['note'][:40]}", "",
             "| round | endpoint | conc. | req/s | p50 ms | p95 ms | p99 ms | errors | × ceiling "
             "| worker queue at start | worker backlog after, drained in | CPU ms/request: "
             "API / PG / Redis / worker / wrk / other |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in result["results"]:
        ratio = f"{r['ratio_to_ceiling']:.3f}" if r["ratio_to_ceiling"] is not None else "-"
        drain = r.get("drain_after") or {}
        drained = ("-" if not drain else f"{drain['backlog']:,} in {drain['waited_s']:g} s"
                   if drain["settled"] else f"{drain['queued_jobs']} left after {drain['waited_s']} s")
        cpu = r.get("cpu", {}).get("cpu_ms_per_request", {})
        cpu_text = " / ".join(f"{cpu.get(g, 0) or 0:.2f}" for g in CPU_GROUPS) if cpu else "-"
        lines.append(f"| {r['round']} | {r['method']} {r['path']} | {r['concurrency']} | "
                     f"{r['rps']:,.1f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
                     f"{r['p99_ms']:.1f} | {r['error_count']} | {ratio} | "
                     f"{r['settle_before']['queued_jobs']} | {drained} | {cpu_text} |")
    if result["run"]["rounds"] > 1:
        lines += ["", "| endpoint | conc. | rounds | req/s min / median / max "
                  "| p99 ms min / median / max | × ceiling min / median / max |",
                  "|---|---:|---:|---|---|---|"]
        for e in result["spread"]:
            def mmm(name: str, fmt: str, e=e) -> str:
                v = e.get(name)
                return " / ".join(format(v[k], fmt) for k in ("min", "median", "max")) if v else "-"
            lines.append(f"| {e['endpoint']} | {e['concurrency']} | {e['rounds']} | "
                         f"{mmm('rps', ',.1f')} | {mmm('p99_ms', '.1f')} | "
                         f"{mmm('ratio_to_ceiling', '.3f')} |")
    lines.append("")
    for name, g in result["goals"].items():
        shown = {k: v for k, v in g.items() if k != "met"}
        lines.append(f"- goal `{name}`: {'MET' if g['met'] else 'NOT MET'} ({shown})")
    return "\n".join(lines)


async def pg_stat_reset(database_url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        await conn.execute("SELECT pg_stat_statements_reset()")
    finally:
        await conn.close()


async def pg_stat_top(database_url: str, requests: int, top: int = 25) -> dict:
    """Where PostgreSQL spent its time in the line: per statement, calls and ms per request."""
    import asyncpg

    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch(
            "SELECT query, calls, total_exec_time, total_plan_time, wal_bytes, shared_blks_hit, "
            "shared_blks_read FROM pg_stat_statements ORDER BY total_exec_time DESC")
    finally:
        await conn.close()
    total = sum(r["total_exec_time"] for r in rows)
    per = max(requests, 1)
    return {
        "exec_ms_per_request": round(total / per, 3),
        "calls_per_request": round(sum(r["calls"] for r in rows) / per, 2),
        "wal_bytes_per_request": round(sum(int(r["wal_bytes"]) for r in rows) / per),
        "top": [{"query": re.sub(r"\s+", " ", r["query"])[:160],
                 "calls_per_request": round(r["calls"] / per, 3),
                 "exec_ms_per_request": round(r["total_exec_time"] / per, 4),
                 "mean_ms": round(r["total_exec_time"] / r["calls"], 4) if r["calls"] else None}
                for r in rows[:top]],
    }
