"""Background work waits while the API is saturated: the API's flag, the job process's wait,
its bound, and the flag through a real Redis."""

import asyncio

import pytest
from redis import Redis
from redis.asyncio import Redis as AsyncRedis

from backend.jobs.cpu_yield import (
    BUSY_IN_FLIGHT,
    BUSY_KEY,
    STEP_SECONDS,
    ApiLoad,
    CpuYield,
    saturated_flag,
)


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
