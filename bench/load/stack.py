"""The stack a load run measures, started one of two ways, and what it costs in CPU.

- ``procfile``: PostgreSQL and Redis (``DATABASE_URL`` / ``REDIS_URL`` or embedded ones), the
  migrations, then the Procfile's ``web`` and ``worker`` lines with ``WEB_CONCURRENCY`` uvicorn
  processes and the rate limits lifted (the full endpoint matrix from one client address).
- ``make-run``: exactly what ``make run`` starts: ``python -m backend.main run`` with the
  environment ``make run`` gives it (``APP_ENV=development``; no ``DATABASE_URL`` /
  ``REDIS_URL``, so embedded servers; ``WEB_CONCURRENCY`` only if the caller has it), in its own
  data folder and on a free port; the rate limits are make run's unless lifted on request.

``Processes`` finds the processes of the stack in ``/proc`` (API, worker, PostgreSQL, Redis),
reads their CPU time (exited children included, through their parent's ``cutime``), and the
``configuration`` report says what actually ran: uvicorn processes, event loop and HTTP parser,
the worker's processes and nice level, PostgreSQL's and Redis's durability settings.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / ".data" / "bench-load"
API = "/api/v1"
LIFTED_LIMIT = "1000000000"  # per minute: never reached in a run
TICK = os.sysconf("SC_CLK_TCK")
PG_SETTINGS = ("fsync", "synchronous_commit", "wal_sync_method", "commit_delay",
               "commit_siblings", "shared_buffers", "wal_buffers", "max_connections",
               "shared_preload_libraries")


def log(message: str) -> None:
    print(f"[bench-load] {message}", file=sys.stderr, flush=True)


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
    """``mode``: ``procfile`` or ``make-run`` (module docstring)."""

    mode: str
    web_concurrency: int | None  # None: the caller's WEB_CONCURRENCY, else uvicorn's default
    lift_limits: bool = True
    pg_options: dict = field(default_factory=dict)  # procfile mode: extra PostgreSQL settings
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
        # Fresh per run: the previous run's thousands of QuickJobs would skew this one.
        shutil.rmtree(BENCH_DIR, ignore_errors=True)
        BENCH_DIR.mkdir(parents=True)
        if self.mode == "make-run":
            self._start_make_run()
        else:
            self._start_procfile()
        self._wait_ready()

    def _limits(self) -> dict:
        return {"RATE_LIMIT_PER_MINUTE": LIFTED_LIMIT,
                "PUBLIC_RATE_LIMIT_PER_MINUTE": LIFTED_LIMIT} if self.lift_limits else {}

    def _start_procfile(self) -> None:
        from backend.platform.embedded import free_port
        from backend.platform.migrate import migrate

        self.database_url = os.environ.get("DATABASE_URL") or ""
        self.redis_url = os.environ.get("REDIS_URL") or ""
        if not self.database_url:
            from backend.platform.embedded import start_postgres

            extra = {"options": self.pg_options} if self.pg_options else {}
            pg = start_postgres(BENCH_DIR / "postgres", database="quickjob_load", port=55741,
                                **extra)
            self.embedded.append(pg)
            self.database_url = pg.url
            log(f"embedded PostgreSQL on {pg.url} (data in {BENCH_DIR / 'postgres'})")
        if not self.redis_url:
            from backend.platform.embedded import start_redis

            rd = start_redis(BENCH_DIR / "redis", port=63991, persist=False)
            self.embedded.append(rd)
            self.redis_url = rd.url
            log(f"embedded Redis on {rd.url}")
        asyncio.run(migrate(self.database_url))
        log("migrations applied")
        self.port = free_port(8765)
        self.env = {
            **os.environ, "APP_ENV": "development", "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url, "DATA_DIR": str(BENCH_DIR / "data"),
            "WEB_CONCURRENCY": str(self.web_concurrency or 2),
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"), "PORT": str(self.port),
            **self._limits(),
        }
        commands = procfile_commands(self.port)
        for name in ("web", "worker"):
            self._spawn(name, commands[name])
        log(f"web: {shlex.join(commands['web'][1:])} (WEB_CONCURRENCY={self.env['WEB_CONCURRENCY']})")
        log(f"worker: {shlex.join(commands['worker'][1:])}")

    def _start_make_run(self) -> None:
        from backend.platform.embedded import free_port

        self.port = free_port(8765)
        env = {k: v for k, v in os.environ.items()
               if k not in ("DATABASE_URL", "REDIS_URL", "DATABASE_SYSTEM_IDENTIFIER",
                            "WEB_CONCURRENCY", "RATE_LIMIT_PER_MINUTE",
                            "PUBLIC_RATE_LIMIT_PER_MINUTE")}
        if self.web_concurrency is not None:
            env["WEB_CONCURRENCY"] = str(self.web_concurrency)
        elif os.environ.get("WEB_CONCURRENCY"):
            env["WEB_CONCURRENCY"] = os.environ["WEB_CONCURRENCY"]
        self.env = {**env, "APP_ENV": os.environ.get("APP_ENV") or "development",
                    "DATA_DIR": str(BENCH_DIR / "data"), "PORT": str(self.port),
                    **self._limits()}
        argv = [sys.executable, "-m", "backend.main", "run", "--host", "127.0.0.1",
                "--port", str(self.port)]
        self._spawn("make-run", argv)
        log(f"make run: {shlex.join(argv[1:])} (DATA_DIR={self.env['DATA_DIR']}, "
            f"WEB_CONCURRENCY={self.env.get('WEB_CONCURRENCY', 'unset')}, rate limits "
            f"{'lifted' if self.lift_limits else 'as make run has them'})")

    def _spawn(self, name: str, argv: list[str]) -> None:
        from backend.platform.embedded import die_with_parent

        out = open(BENCH_DIR / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop()
        self.logs.append(out)
        self.children.append(subprocess.Popen(
            argv, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent(signal.SIGTERM)))

    def _urls_from_make_run_log(self) -> None:
        text = (BENCH_DIR / "make-run.log").read_text(errors="replace")
        pg = re.search(r"embedded PostgreSQL on (postgresql://\S+)", text)
        rd = re.search(r"embedded Redis on ((?:redis|unix)://\S+)", text)
        if pg and rd:
            self.database_url, self.redis_url = pg.group(1), rd.group(1)

    def _wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for child in self.children:
                if child.poll() is not None:
                    raise RuntimeError(f"{child.args[1:4]} exited with {child.returncode}; "
                                       f"see {BENCH_DIR}/*.log")
            if self.mode == "make-run" and not self.redis_url:
                self._urls_from_make_run_log()
            try:
                if self.redis_url and httpx.get(f"{self.base_url}{API}/health/ready",
                                                timeout=1).status_code == 200:
                    log(f"API ready on {self.base_url}")
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the API was not ready within {timeout}s; see {BENCH_DIR}/*.log")

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
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        for out in self.logs:
            out.close()
        for proc in reversed(self.embedded):
            proc.stop()
        log("stack stopped")


# --------------------------------------------------------------------------- processes
@dataclass
class Proc:
    pid: int
    ppid: int
    nice: int
    cmdline: str
    cpu: float  # seconds, its own threads
    children_cpu: float  # seconds, its exited and reaped children


def _read_proc(pid: int) -> Proc | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return Proc(pid=pid, ppid=int(fields[1]), nice=int(fields[16]), cmdline=cmdline,
                cpu=(int(fields[11]) + int(fields[12])) / TICK,
                children_cpu=(int(fields[13]) + int(fields[14])) / TICK)


def _group(cmdline: str) -> str | None:
    if "uvicorn" in cmdline and "backend.app" in cmdline:
        return "api"
    if "backend.jobs.worker" in cmdline:
        return "worker"
    if cmdline.startswith("postgres") or "/pginstall/bin/postgres" in cmdline:
        return "postgres"
    if "redis-server" in cmdline:
        return "redis"
    return None


class Processes:
    """The stack's processes: the bench's descendants (the embedded servers run as its
    children in procfile mode, as ``backend.main``'s in make-run mode)."""

    def __init__(self, root_pid: int | None = None) -> None:
        self.root = root_pid or os.getpid()

    def all(self) -> list[tuple[str, Proc]]:
        procs = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                proc = _read_proc(int(entry))
                if proc is not None:
                    procs[proc.pid] = proc
        mine: set[int] = {self.root}
        changed = True
        while changed:  # descendants of the bench
            changed = False
            for proc in procs.values():
                if proc.ppid in mine and proc.pid not in mine:
                    mine.add(proc.pid)
                    changed = True
        groups: dict[int, str | None] = {}

        def group_of(pid: int) -> str | None:
            # Its own command line, else its parent's group (uvicorn's worker processes are
            # spawned by multiprocessing: their command line does not say uvicorn).
            if pid not in groups:
                proc = procs.get(pid)
                groups[pid] = None if proc is None else (
                    _group(proc.cmdline) or (group_of(proc.ppid) if proc.ppid in mine else None))
            return groups[pid]

        return [(group_of(pid), procs[pid]) for pid in mine if pid in procs and group_of(pid)]

    def cpu(self) -> dict[str, float]:
        """CPU seconds per group so far (children that exited included once reaped)."""
        totals: dict[str, float] = {}
        for group, proc in self.all():
            totals[group] = totals.get(group, 0.0) + proc.cpu + proc.children_cpu
        return totals


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far (every core)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    total = sum(values[:8])
    return (total - values[3] - values[4]) / TICK, total / TICK


class CpuMeter:
    """CPU spent by each part of the stack, by the load generator and by everything else on
    the machine (other sessions, the kernel) between ``start`` and ``stop``."""

    def __init__(self, processes: Processes) -> None:
        self.processes = processes

    def start(self) -> None:
        self._groups = self.processes.cpu()
        self._machine = machine_cpu()
        self._children = _children_cpu()
        self._wall = time.monotonic()

    def stop(self, requests: int) -> dict:
        groups = self.processes.cpu()
        busy, total = machine_cpu()
        wrk = _children_cpu() - self._children
        spent = {g: round(groups.get(g, 0.0) - self._groups.get(g, 0.0), 3)
                 for g in sorted(set(groups) | set(self._groups))}
        busy -= self._machine[0]
        total -= self._machine[1]
        spent["wrk"] = round(wrk, 3)
        spent["other"] = round(max(0.0, busy - sum(spent.values())), 3)
        return {
            "wall_s": round(time.monotonic() - self._wall, 2),
            "machine_busy_share": round(busy / total, 3) if total else None,
            "cpu_s": spent,
            "cpu_ms_per_request": {g: round(1000 * s / requests, 2) if requests else None
                                   for g, s in spent.items()},
        }


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --------------------------------------------------------------------------- configuration
async def _pg_settings(database_url: str) -> dict:
    import asyncpg

    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch("SELECT name, setting, unit FROM pg_settings "
                                "WHERE name = ANY($1::text[]) ORDER BY name", list(PG_SETTINGS))
        version = await conn.fetchval("SHOW server_version")
    finally:
        await conn.close()
    return {"version": version,
            **{r["name"]: r["setting"] + (f" ({r['unit']})" if r["unit"] else "") for r in rows}}


def _redis_settings(redis_url: str) -> dict:
    from redis import Redis

    redis = Redis.from_url(redis_url)
    try:
        config = {k: v for name in ("save", "appendonly", "appendfsync")
                  for k, v in redis.config_get(name).items()}
        return {"version": redis.info("server").get("redis_version"), **config}
    finally:
        redis.close()


def configuration(stack: Stack, processes: Processes) -> dict:
    """What ran, read from the running processes and servers (not from what was asked)."""
    found = processes.all()
    api = [p for g, p in found if g == "api"]
    api_pids = {p.pid for p in api}
    # With WEB_CONCURRENCY > 1 uvicorn runs a supervisor that spawns the serving processes.
    spawned = [p for p in api if "spawn_main" in p.cmdline]
    serving = spawned or api
    worker = [p for g, p in found if g == "worker"]
    jobs = [p for p in worker if "--jobs" in p.cmdline]
    has = {name: importlib.util.find_spec(name) is not None for name in ("uvloop", "httptools")}
    cmd = api[0].cmdline if api else ""
    return {
        "mode": stack.mode,
        "started_as": (".venv/bin/python -m backend.main run --host 127.0.0.1 --port <free>"
                       if stack.mode == "make-run" else "the Procfile's web and worker lines"),
        "web": {
            "command": re.sub(r"^\S+python\S* ", "python ", cmd),
            "uvicorn_processes_serving": len(serving),
            "uvicorn_supervisor": bool(spawned),
            "pids": sorted(api_pids),
            "WEB_CONCURRENCY": stack.env.get("WEB_CONCURRENCY", "unset (uvicorn's default: 1)"),
            # uvicorn's --loop auto / --http auto pick these when they are installed
            "event_loop": "uvloop" if has["uvloop"] else "asyncio",
            "http_parser": "httptools" if has["httptools"] else "h11",
            "access_log": "uvicorn's off; the app's JSON request log on (to a file)",
        },
        "worker": {
            "supervisor": len(worker) - len(jobs),
            "job_processes": len(jobs),
            "nice": sorted({p.nice for p in jobs}),
        },
        "rate_limits": ({"RATE_LIMIT_PER_MINUTE": LIFTED_LIMIT,
                         "PUBLIC_RATE_LIMIT_PER_MINUTE": LIFTED_LIMIT, "note": "lifted"}
                        if stack.lift_limits else
                        {"note": "make run's defaults (120 per person and minute, 60 per "
                                 "address on public routes); the workers sign in from "
                                 "different addresses (X-Forwarded-For, which uvicorn trusts "
                                 "from 127.0.0.1) so the OTP limits per address hold"}),
        "postgresql": asyncio.run(_pg_settings(stack.database_url)),
        "redis": _redis_settings(stack.redis_url),
    }
