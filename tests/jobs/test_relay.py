"""The outbox relay: woken by the commit, one relay at a time, a batch pushed whole and once."""

import asyncio
import uuid

from backend.jobs import outbox, periodic
from backend.jobs.cpu_yield import URGENT_KEY
from backend.jobs.queue import RUNNER, JobQueue
from backend.platform.db import fetch, unit_of_work
from tests.conftest import eventually


def _private_queue(settings) -> JobQueue:
    """A queue of its own on the test Redis: no worker takes from it."""
    return JobQueue(settings.redis_url, name=f"relay-test-{uuid.uuid4().hex[:8]}")


async def _relay_holders() -> int:
    rows = await fetch("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' "
                       "AND granted AND ((classid::bigint << 32) | objid::bigint) = {}",
                       periodic.RELAY_LOCK)
    return rows[0]["n"]


async def test_a_commit_wakes_the_relay_long_before_its_timer(app, clean_db, settings,
                                                              monkeypatch):
    monkeypatch.setattr(periodic, "RELAY_EVERY_SECONDS", 120.0)  # the timer cannot be it
    queue = _private_queue(settings)
    relay = asyncio.create_task(periodic.relay_forever(queue, settings.database_url))
    try:
        await eventually(lambda: _relay_holders())  # listening
        async with unit_of_work():
            await outbox.add("notify", {"key": "woken"}, dedupe_key="relay-woken")
        await eventually(lambda: _relayed("relay-woken"), timeout=10)
        assert queue.queue.count == 1
        [job] = queue.queue.jobs
        assert job.func_name == RUNNER and job.args == ("notify", {"key": "woken"})
        assert job.retries_left == 5  # the relayed job keeps the retry policy
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)
        queue.queue.delete(delete_jobs=True)
        queue.close()


async def _relayed(dedupe_key: str) -> bool:
    rows = await fetch("SELECT relayed_at FROM outbox_message WHERE dedupe_key = {}", dedupe_key)
    return bool(rows) and rows[0]["relayed_at"] is not None


async def test_a_rolled_back_change_wakes_nothing_and_queues_nothing(app, clean_db, settings,
                                                                     monkeypatch):
    monkeypatch.setattr(periodic, "RELAY_EVERY_SECONDS", 0.2)
    queue = _private_queue(settings)
    relay = asyncio.create_task(periodic.relay_forever(queue, settings.database_url))
    try:
        await eventually(lambda: _relay_holders())
        try:
            async with unit_of_work():
                await outbox.add("notify", {"key": "never"}, dedupe_key="relay-never")
                raise LookupError
        except LookupError:
            pass
        await asyncio.sleep(1.0)  # five rounds of the timer
        assert await fetch("SELECT id FROM outbox_message") == []
        assert queue.queue.count == 0
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)
        queue.queue.delete(delete_jobs=True)
        queue.close()


async def test_one_relay_at_a_time_and_the_other_takes_over(app, clean_db, settings,
                                                            monkeypatch):
    monkeypatch.setattr(periodic, "RELAY_EVERY_SECONDS", 0.2)
    queue = _private_queue(settings)
    first = asyncio.create_task(periodic.relay_forever(queue, settings.database_url))
    await eventually(lambda: _relay_holders())
    second = asyncio.create_task(periodic.relay_forever(queue, settings.database_url))
    try:
        await asyncio.sleep(1.0)  # the second asks for the lock five times
        assert await _relay_holders() == 1
        first.cancel()  # its connection, and the lock with it, goes
        await asyncio.gather(first, return_exceptions=True)
        async with unit_of_work():
            await outbox.add("notify", {"key": "taken-over"}, dedupe_key="relay-taken-over")
        await eventually(lambda: _relayed("relay-taken-over"), timeout=10)
        assert await _relay_holders() == 1
        assert queue.queue.count == 1
    finally:
        for task in (first, second):
            task.cancel()
        await asyncio.gather(first, second, return_exceptions=True)
        queue.queue.delete(delete_jobs=True)
        queue.close()


async def test_a_batch_pushed_before_a_crash_is_not_pushed_twice(settings):
    """The relay pushed, then died before marking the rows: the next push of the same ids
    queues only the ones Redis does not hold."""
    queue = _private_queue(settings)
    try:
        pushed = [("notify", {"n": 1}, str(uuid.uuid4()), False),
                  ("notify", {"n": 2}, str(uuid.uuid4()), True)]
        queue.enqueue_batch(pushed)
        later = ("notify", {"n": 3}, str(uuid.uuid4()), False)
        queue.enqueue_batch([*pushed, later])
        ids = queue.queue.job_ids
        assert sorted(ids) == sorted(job_id for _, _, job_id, _ in [*pushed, later])
        assert len(ids) == 3
    finally:
        queue.queue.delete(delete_jobs=True)
        queue.close()


async def test_a_deferring_relay_pushes_only_the_urgent_messages_first_in_line(
        app, clean_db, settings, monkeypatch):
    """While the API is saturated the relay holds back what can wait and pushes what someone
    is waiting for (a sign-in code), at the front of the queue; the rest follows the break."""
    monkeypatch.setattr(periodic, "DEFER_STEP_SECONDS", 0.05)
    queue = _private_queue(settings)
    saturated = asyncio.Event()
    saturated.set()
    relay = asyncio.create_task(periodic.relay_forever(queue, settings.database_url,
                                                       saturated.is_set))
    try:
        await eventually(lambda: _relay_holders())
        async with unit_of_work():
            await outbox.add("notify", {"key": "can-wait"}, dedupe_key="relay-can-wait")
            await outbox.add_many([outbox.Message("notify", {"key": "code"},
                                                  dedupe_key="relay-code", urgent=True)])
        await eventually(lambda: _relayed("relay-code"), timeout=10)
        await asyncio.sleep(0.5)  # ten rounds of deferral
        assert not await _relayed("relay-can-wait")
        [urgent] = queue.queue.jobs
        assert urgent.args == ("notify", {"key": "code"})
        assert queue.connection.sismember(URGENT_KEY, urgent.id)
        saturated.clear()
        await eventually(lambda: _relayed("relay-can-wait"), timeout=10)
        assert [job.args[1]["key"] for job in queue.queue.jobs] == ["code", "can-wait"]
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)
        queue.queue.delete(delete_jobs=True)
        queue.close()
