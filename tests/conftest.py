"""Test harness: a real PostgreSQL and a real Redis, embedded or from the environment.

- DATABASE_URL / REDIS_URL set: tests use a fresh database ``<name>_pytest`` on that server
  (created anew each session) and that Redis (flushed).
- unset: an embedded PostgreSQL and Redis are started for the session under a temp folder.
Each test starts from empty tables (TRUNCATE; the journal's append-only triggers are
disabled for that statement only, by the session_replication_role of the cleaning session).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest
import redis as sync_redis

from backend.platform.embedded import discard_postgres_data, start_postgres, start_redis
from backend.platform.settings import Settings

KEEP_TABLES = {"migration"}  # Piccolo's own bookkeeping


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@pytest.fixture(scope="session")
def services():
    """(database_url, redis_url) for the session; embedded ones are stopped at the end."""
    started = []
    tmp = Path(tempfile.mkdtemp(prefix="quickjob-tests-"))
    base_db = os.environ.get("DATABASE_URL")
    base_redis = os.environ.get("REDIS_URL")
    if base_db:
        test_db = (urlsplit(base_db).path.lstrip("/") or "postgres") + "_pytest"

        async def recreate():
            conn = await asyncpg.connect(base_db)
            try:
                await conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
                    test_db)
                await conn.execute(f'DROP DATABASE IF EXISTS "{test_db}"')
                await conn.execute(f'CREATE DATABASE "{test_db}"')
            finally:
                await conn.close()

        asyncio.run(recreate())
        database_url = _with_database(base_db, test_db)
    else:
        pg = start_postgres(tmp / "pg", database="quickjob_test", port=55432)
        started.append(pg)
        database_url = pg.url
    if base_redis:
        redis_url = base_redis
    else:
        rd = start_redis(tmp / "redis", port=63800, persist=False)
        started.append(rd)
        redis_url = rd.url
    sync_redis.Redis.from_url(redis_url).flushdb()

    from backend.platform.migrate import migrate

    asyncio.run(migrate(database_url))
    yield database_url, redis_url
    for proc in reversed(started):
        proc.stop()
    discard_postgres_data(tmp / "pg")  # as root it lives outside tmp (backend/platform/embedded.py)
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def settings(services, tmp_path_factory) -> Settings:
    database_url, redis_url = services
    data_dir = tmp_path_factory.mktemp("data")
    return Settings(
        app_env="test",
        database_url=database_url,
        redis_url=redis_url,
        data_dir=data_dir,
        outbox_dir=data_dir / "outbox",
        storage_dir=data_dir / "files",
        rate_limit_per_minute=100_000,
        public_rate_limit_per_minute=100_000,
        # The flow tests pay a QuickJob's salary on its pay date, one to three weeks ahead, as
        # if that day had come; tests/backoffice/test_payroll_safety.py checks the real horizon.
        salary_run_horizon_days=400,
    )


@pytest.fixture(scope="session")
async def app(settings):
    """The app with its pool open. The pool is opened directly rather than through
    ``app.lifespan()``: pytest-asyncio finalises session fixtures in another task, and
    Litestar's lifespan refuses to exit a task group from a different task."""
    from backend.app import create_app
    from backend.platform.db import close_pool, start_pool

    application = create_app(settings)
    await start_pool(settings.database_url)
    yield application
    await close_pool()
    await application.state.redis.aclose()


async def _truncate(database_url: str) -> None:
    conn = await asyncpg.connect(database_url)
    try:
        tables = [r["tablename"] for r in await conn.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        tables = [t for t in tables if t not in KEEP_TABLES]
        if tables:
            # replica role skips the append-only triggers: only the test harness does this.
            await conn.execute("SET session_replication_role = replica")
            await conn.execute(
                "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
    finally:
        await conn.close()


@pytest.fixture
async def clean_db(services, settings):
    await _truncate(services[0])
    sync_redis.Redis.from_url(services[1]).flushdb()
    from backend.rulesets import book as rule_books

    rule_books.source().reset()  # approved rule sets went with the tables
    # Numbers restart with the tables, so yesterday's files in the outbox must go too.
    shutil.rmtree(settings.outbox_dir, ignore_errors=True)
    yield


@pytest.fixture
async def client(app, clean_db):
    """An httpx client on the app in this event loop (see DEVELOPERS.md: not AsyncTestClient)."""
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


async def sign_in(client: httpx.AsyncClient, phone: str | None = None,
                  email: str | None = None) -> dict:
    """OTP sign-in through the API with the development code; returns the token pair."""
    who = {"phone": phone} if phone else {"email": email or f"{uuid.uuid4().hex[:8]}@example.be"}
    r = await client.post("/api/v1/auth/otp", json=who)
    assert r.status_code == 202, r.text
    r = await client.post("/api/v1/auth/token", json={**who, "code": r.json()["devCode"]})
    assert r.status_code == 200, r.text
    return r.json()


async def staff_sign_in(client: httpx.AsyncClient, email: str, password: str) -> dict:
    """An adviser's or admin's sign-in through the API: password, then the second factor (the
    e-mailed code, given as devCode outside production); returns the token pair."""
    r = await client.post("/api/v1/auth/password", json={"email": email, "password": password})
    assert r.status_code == 200, r.text
    challenge = r.json()
    assert challenge["secondFactorRequired"] and challenge["method"] == "email", challenge
    r = await client.post("/api/v1/auth/second-factor",
                          json={"challengeToken": challenge["challengeToken"],
                                "code": challenge["devCode"]})
    assert r.status_code == 200, r.text
    return r.json()


def bearer(tokens: dict) -> dict:
    return {"Authorization": f"Bearer {tokens['accessToken']}"}


def spawn_worker(settings, **overrides: str):
    """A real rq worker process (``backend.jobs.worker``, with its periodic outbox relay) on
    the test database and Redis, ``overrides`` added to its environment; it dies with the test
    run even when pytest is killed."""
    import signal
    import subprocess
    import sys

    from backend.platform.embedded import die_with_parent

    env = {**os.environ, "APP_ENV": "test", "DATABASE_URL": settings.database_url,
           "REDIS_URL": settings.redis_url, "DATA_DIR": str(settings.data_dir),
           "OUTBOX_DIR": str(settings.outbox_dir), "STORAGE_DIR": str(settings.storage_dir),
           "LOG_LEVEL": "WARNING",
           # Tests run the payroll themselves, on the dates they choose.
           "PERIODIC_DAILY_WORK": "off",
           # Tests wait for their jobs on a busy machine: no deferral to the API here
           # (tests/jobs/test_cpu_yield.py tests it).
           "WORKER_YIELD_SECONDS": "0", **overrides}
    return subprocess.Popen([sys.executable, "-m", "backend.jobs.worker"], env=env,
                            preexec_fn=die_with_parent(signal.SIGTERM))


def stop_worker(proc) -> None:
    import subprocess

    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@contextlib.contextmanager
def serve_api(env: dict, ready: str = "/api/v1/health/ready", **popen):
    """The API as `make run` serves it (uvicorn, its own process) with ``env``: yields its URL
    once ``ready`` answers, stops it afterwards; it dies with the test run too."""
    import signal
    import subprocess
    import sys
    import time
    import urllib.request

    from backend.platform.embedded import die_with_parent, free_port

    port = free_port(18400)
    env = {"PORT": str(port), **env}  # as `make run`: links to clients follow the port
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "backend.app:asgi", "--host", "127.0.0.1",
         "--port", str(port), "--no-access-log", "--lifespan", "on"],
        env=env, preexec_fn=die_with_parent(signal.SIGTERM), **popen)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}{ready}", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("uvicorn did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        stop_worker(proc)  # the same polite stop as a worker's


@pytest.fixture
def worker(settings, clean_db):
    proc = spawn_worker(settings)
    yield proc
    stop_worker(proc)


async def eventually(check, timeout: float = 15.0, interval: float = 0.1):
    """Poll an async or sync ``check`` until it returns a truthy value (bounded)."""
    import inspect
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(interval)


# A passer-by's identity, as the contract and the salary need it (backend.people.identity).
FULL_PROFILE = {"firstName": "Lena", "lastName": "Peeters", "nationalNumber": "85073003328",
                "birthDate": "1985-07-30", "address": "Markt 1, 9000 Gent",
                "iban": "BE71096123456769"}


async def complete_profile(client: httpx.AsyncClient, headers: dict, **fields) -> dict:
    """PATCH /me with a full identity (names, national number, birth date, address, IBAN) and
    accept the current usage agreement: what a contract and a salary need."""
    r = await client.patch("/api/v1/me", json={**FULL_PROFILE, **fields}, headers=headers)
    assert r.status_code == 200, r.text
    version = (await client.get("/api/v1/usage-agreement")).json()["version"]
    r = await client.post("/api/v1/me/usage-agreement", json={"version": version},
                          headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


async def become_member(client: httpx.AsyncClient, headers: dict) -> dict:
    """Subscribe one share and pay it as the bank statement import does (its structured
    communication, the exact amount); returns the membership."""
    from backend.people import service as people
    from backend.platform.db import unit_of_work

    r = await client.post("/api/v1/me/membership", json={"shares": 1}, headers=headers)
    assert r.status_code == 201, r.text
    request = r.json()["paymentRequest"]
    digits = "".join(c for c in request["structuredCommunication"] if c.isdigit())
    async with unit_of_work():
        share, reason = await people.pay_share_by_bank(digits, request["amountCents"], None,
                                                       None)
    assert share is not None and reason is None, reason
    r = await client.get("/api/v1/me/membership", headers=headers)
    assert r.json()["isMember"] is True, r.text
    return r.json()
