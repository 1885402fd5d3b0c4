"""`make run`: everything a newcomer needs, in one process tree.

Embedded PostgreSQL / Redis when DATABASE_URL / REDIS_URL are unset (development only),
migrations, demo data, then the API (uvicorn) and the rq worker as children. Ctrl-C or
SIGTERM stops the children first, then the embedded servers: nothing is left running.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace

from backend.platform.settings import Settings, SettingsError


def _log(message: str) -> None:
    print(f"[run] {message}", flush=True)


def run(host: str, port: int, with_worker: bool = True) -> int:
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        _log(f"refusing to start: {exc}")
        return 2
    started = time.monotonic()
    embedded = []
    env = dict(os.environ)
    try:
        if settings.database_url is None or settings.redis_url is None:
            from backend.platform.embedded import start_postgres, start_redis

            if settings.database_url is None:
                pg = start_postgres(settings.data_dir / "postgres", over_socket=True)
                embedded.append(pg)
                env["DATABASE_URL"] = pg.url
                # The API and the worker refuse any other server that might answer on that port.
                env["DATABASE_SYSTEM_IDENTIFIER"] = pg.system_identifier
                settings = replace(settings, database_system_identifier=pg.system_identifier)
                _log(f"embedded PostgreSQL on {pg.url} (data in {pg.data_path}, "
                     f"system identifier {pg.system_identifier})")
            if settings.redis_url is None:
                rd = start_redis(settings.data_dir / "redis", over_socket=True)
                embedded.append(rd)
                env["REDIS_URL"] = rd.url
                _log(f"embedded Redis on {rd.url}")
        settings = settings.with_urls(env["DATABASE_URL"], env["REDIS_URL"])

        from backend.platform.migrate import migrate

        asyncio.run(migrate(settings.database_url))
        _log("migrations applied")
        if settings.is_development:
            from backend.demo import seed

            summary = asyncio.run(seed(settings))
            _log(f"demo data ready: {summary}")

        children = [subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "backend.app:asgi", "--host", host,
             "--port", str(port), "--no-access-log", "--lifespan", "on"],
            env=env,
        )]
        if with_worker:
            children.append(subprocess.Popen([sys.executable, "-m", "backend.jobs.worker"], env=env))
        _wait_ready(port, children[0])
        _log(f"ready in {time.monotonic() - started:.1f}s: http://localhost:{port}/api/v1/health/ready"
             f" · docs http://localhost:{port}/schema · Ctrl-C stops everything")
        return _supervise(children)
    finally:
        for proc in reversed(embedded):
            proc.stop()
        if embedded:
            _log("embedded services stopped")


def _wait_ready(port: int, api: subprocess.Popen, timeout: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and api.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health/ready", timeout=1):
                return
        except OSError:
            time.sleep(0.1)


def _supervise(children: list[subprocess.Popen]) -> int:
    stopping = False

    def stop(signum, frame):  # noqa: ARG001
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    while not stopping:
        for child in children:
            if child.poll() is not None:
                _log(f"child {child.args[2]} exited with {child.returncode}; stopping")
                stopping, code = True, child.returncode or 1
                break
        time.sleep(0.2)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return code


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m backend.main")
    sub = parser.add_subparsers(dest="command", required=True)
    run_cmd = sub.add_parser("run", help="start embedded services if needed, the API and the worker")
    run_cmd.add_argument("--host", default="0.0.0.0")
    run_cmd.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    run_cmd.add_argument("--no-worker", action="store_true")
    args = parser.parse_args()
    if args.command == "run":
        sys.exit(run(args.host, args.port, with_worker=not args.no_worker))


if __name__ == "__main__":
    main()
