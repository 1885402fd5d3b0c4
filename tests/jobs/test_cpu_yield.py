"""Background work waits while the API is saturated: the API's flag, the job process's wait,
its bound, the flag through a real Redis, and a sign-in code that never waits (a real worker)."""

import asyncio
import json
import threading
import time
import uuid
from pathlib import Path

import pytest
from redis import Redis
from redis.asyncio import Redis as AsyncRedis

from backend.jobs import outbox
from backend.jobs.cpu_yield import (
    BUSY_IN_FLIGHT,
    BUSY_KEY,
    STEP_SECONDS,
    ApiLoad,
    CpuYield,
    saturated_flag,
)
from backend.jobs.queue import JobQueue
from backend.notifications.service import notify
from backend.platform.db import fetch, unit_of_work
from tests.conftest import eventually, spawn_worker, stop_worker


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds


def test_an_api_with_a_break_runs_the_job_at_once():
    clock = Clock()
    policy = CpuYield(5.0, lambda: False, clock=clock, sleep=clock.sleep)
    assert policy.before_job() == 0.0
    assert clock.slept == 0.0


def test_a_saturated_api_defers_the_job_until_it_has_a_break():
    clock = Clock()
    policy = CpuYield(5.0, lambda: clock.slept < 1.0, clock=clock, sleep=clock.sleep)
    waited = policy.before_job()
    assert 1.0 <= waited <= 1.0 + 2 * STEP_SECONDS
    assert policy.before_job() == 0.0  # free now: the next job goes at once


def test_the_wait_is_bounded_then_jobs_run_until_the_api_has_a_break():
    clock = Clock()
    load = {"saturated": True}
    policy = CpuYield(2.0, lambda: load["saturated"], clock=clock, sleep=clock.sleep)
    waited = policy.before_job()
    assert 2.0 - STEP_SECONDS <= waited <= 2.0 + 2 * STEP_SECONDS
    for _ in range(5):  # still saturated: the backlog is worked off, no more waiting
        clock.now += 0.2  # a job
        assert policy.before_job() == 0.0
    load["saturated"] = False
    assert policy.before_job() == 0.0
    load["saturated"] = True  # a new burst: deferred again, from zero
    assert policy.before_job() >= 2.0 - STEP_SECONDS


def test_off_or_redis_away_nothing_waits():
    clock = Clock()
    assert CpuYield(0, lambda: True, clock=clock, sleep=clock.sleep).before_job() == 0.0

    def unreachable() -> bool:
        raise ConnectionError("redis down")

    assert CpuYield(5.0, unreachable, clock=clock, sleep=clock.sleep).before_job() == 0.0
    assert clock.slept == 0.0


@pytest.fixture
def redis_url(settings):
    connection = Redis.from_url(settings.redis_url)
    connection.delete(BUSY_KEY)
    yield settings.redis_url
    connection.delete(BUSY_KEY)
    connection.close()


async def test_the_api_flags_itself_saturated_only_with_enough_requests_at_once(redis_url):
    asynchronous = AsyncRedis.from_url(redis_url)
    ask = saturated_flag(Redis.from_url(redis_url))
    load = ApiLoad(asynchronous)
    try:
        for _ in range(BUSY_IN_FLIGHT - 1):  # an ordinary moment
            load.started()
        await asyncio.sleep(0.1)
        assert not ask()
        load.started()  # one more at once: saturated
        await asyncio.sleep(0.1)
        assert ask()
        for _ in range(BUSY_IN_FLIGHT):
            load.ended()
        assert load.in_flight == 0
        deadline = asyncio.get_running_loop().time() + 3
        while ask():  # the flag lapses on its own once the API has a break
            assert asyncio.get_running_loop().time() < deadline
            await asyncio.sleep(0.1)
    finally:
        await asynchronous.aclose()


def test_an_urgent_job_at_the_head_of_the_queue_is_never_kept_waiting(redis_url):
    connection = Redis.from_url(redis_url)
    queue = JobQueue(redis_url, name=f"urgent-test-{uuid.uuid4().hex[:8]}")
    ask = saturated_flag(connection, queue.queue.key)
    later, code = str(uuid.uuid4()), str(uuid.uuid4())
    try:
        connection.set(BUSY_KEY, 1, px=5000)
        queue.enqueue_batch([("notify", {"n": 1}, later, False)])
        assert ask()  # saturated, and the next job can wait
        queue.enqueue_batch([("notify", {"n": 2}, code, True)])
        assert queue.queue.job_ids == [code, later]  # the urgent one goes first
        assert not ask()  # it is next: no wait
        queue.queue.remove(code)
        assert ask()  # the one after it waits again
        connection.delete(BUSY_KEY)
        assert not ask()
    finally:
        connection.delete(BUSY_KEY)
        queue.queue.delete(delete_jobs=True)
        queue.close()
        connection.close()


async def test_a_sign_in_code_is_sent_while_the_api_is_saturated_and_the_rest_waits(
        settings, clean_db):
    """A real worker deferring to a saturated API (the flag kept set here, as a busy API
    does): the sign-in code is relayed and sent at once; the quote e-mail, written first,
    waits until the API has a break."""
    flag = Redis.from_url(settings.redis_url)
    api_busy = threading.Event()
    api_busy.set()

    def busy_api() -> None:
        while api_busy.is_set():
            flag.set(BUSY_KEY, 1, px=1000)
            time.sleep(0.2)

    keeper = threading.Thread(target=busy_api, daemon=True)
    keeper.start()
    process = spawn_worker(settings, WORKER_YIELD_SECONDS="120")
    try:
        async with unit_of_work():
            await notify(key="later-1", channel="email", to="client@example.com",
                         template="quote_to_client", language="en",
                         params={"number": "Q2026-000001", "worker": "An Peeters",
                                 "amount": "€1,234.56", "url": "https://example.com/q/x"})
        async with unit_of_work():
            await notify(key="code-1", channel="sms", to="+32470123456", template="otp",
                         language="en", params={"code": "123456", "minutes": 5})
        await eventually(lambda: _done("notify:code-1"), timeout=20)
        sent = [json.loads(p.read_text()) for p in Path(settings.outbox_dir).rglob("*.json")]
        assert [m["to"] for m in sent if "123456" in json.dumps(m)] == ["+32470123456"]
        await asyncio.sleep(2.0)  # the relay's timer went round: still held back
        assert not await _done("notify:later-1")
        [held] = await fetch("SELECT relayed_at, urgent FROM outbox_message "
                             "WHERE dedupe_key = 'notify:later-1'")
        assert held["relayed_at"] is None and held["urgent"] is False
        api_busy.clear()  # the API has a break: the rest goes out
        await eventually(lambda: _done("notify:later-1"), timeout=20)
        assert await outbox.pending_count() == 0
    finally:
        api_busy.clear()
        keeper.join(timeout=5)
        stop_worker(process)
        flag.delete(BUSY_KEY)
        flag.close()


async def _done(key: str) -> bool:
    return bool(await fetch("SELECT 1 FROM job_run WHERE key = {}", key))
