"""Faults on loopback, each bounded: PostgreSQL restarted under writes, Redis down (outbox).

The PostgreSQL test runs ``pg_restart_script.py`` in a subprocess with its own embedded
PostgreSQL: ``backend.platform.db.DB`` is a module-global engine that the session's app shares.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import redis as sync_redis

from backend.platform.embedded import free_port, start_redis
from tests.conftest import bearer, sign_in

ROOT = Path(__file__).resolve().parents[2]


def test_postgres_restart_under_writes_gives_503_then_recovers_without_half_writes(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "tests.faults.pg_restart_script", str(tmp_path),
         str(free_port(55500))],
        cwd=ROOT, capture_output=True, text=True, timeout=90)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    result = json.loads(lines[-1][len("RESULT "):])
    assert result["before"] == [201] * 5
    assert result["same_url"]
    # While PostgreSQL is down or restarting: 503 problem+json with Retry-After, never 500.
    failures = [s for s in result["down"] + result["after"] if s != 201]
    assert failures and set(failures) == {503}, result
    assert result["problems"] and all(
        p["status"] == 503 and p["type"] == "application/problem+json" and p["retry_after"]
        and p["problem"].endswith("/service_unavailable") for p in result["problems"]), result
    # With an Idempotency-Key too (it answered text/plain 500 without Retry-After before).
    assert any(p["keyed"] for p in result["problems"]), result
    assert set(result["keyed"]) <= {201, 503}, result
    assert result["after"][-3:] == [201, 201, 201], result  # writes work again after restart
    created = sum(1 for s in result["before"] + result["down"] + result["after"] if s == 201)
    assert result["quickjobs"] >= created  # every 201 is in the database
    assert result["incomplete"] == [], result  # each has its quote, contract and events


async def test_redis_down_keeps_the_job_in_the_outbox_until_relayed(app, client, tmp_path,
                                                                    monkeypatch):
    """The relay pushes to a private Redis that is stopped during the write."""
    from backend.jobs import outbox
    from backend.jobs.queue import JobQueue
    from backend.platform.db import fetch

    rd = start_redis(tmp_path / "redis", port=free_port(63900), persist=False)
    port = int(rd.url.rsplit(":", 1)[1].split("/")[0])
    queue = JobQueue(rd.url)
    try:
        headers = bearer(await sign_in(client, phone="+32470123456"))
        await fetch("DELETE FROM outbox_message")  # sign-in may queue an SMS notification
        rd.stop()
        # An OTP request queues a notification through the outbox: the API answers anyway.
        r = await client.post("/api/v1/auth/otp", json={"email": "outbox@example.be"},
                              headers=headers)
        assert r.status_code == 202, r.text
        rows = await fetch("SELECT id, relayed_at FROM outbox_message")
        assert rows and all(row["relayed_at"] is None for row in rows)
        assert await outbox.relay_pending(queue) == 0  # Redis down: nothing relayed, kept
        rows = await fetch("SELECT relayed_at, relay_attempts, last_error FROM outbox_message")
        assert all(r["relayed_at"] is None and r["relay_attempts"] == 1 and r["last_error"]
                   for r in rows), rows
        # Back on the same port (free_port's plain bind() would skip it while in TIME_WAIT).
        monkeypatch.setattr("backend.platform.embedded.free_port", lambda preferred: preferred)
        rd = start_redis(tmp_path / "redis", port=port, persist=False)
        assert await outbox.relay_pending(queue) == len(rows)
        assert await outbox.pending_count() == 0
        assert sync_redis.Redis.from_url(rd.url).llen("rq:queue:default") == len(rows)
    finally:
        rd.stop()
