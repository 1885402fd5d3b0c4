"""A job written with a change reaches a real rq worker, runs once, and is not lost meanwhile."""

import json

from backend.jobs import outbox
from backend.notifications.service import notify
from backend.platform.db import fetch, unit_of_work
from tests.conftest import eventually


async def _queue_otp_notification(key: str) -> None:
    async with unit_of_work():
        await notify(key=key, channel="sms", to="+32470123456", template="otp",
                     language="fr", params={"code": "123456", "minutes": 5})


async def test_notification_is_delivered_by_a_real_worker_exactly_once(app, worker, settings):
    await _queue_otp_notification("otp-test-1")
    await _queue_otp_notification("otp-test-1")  # same key: one message
    folder = settings.outbox_dir / "messages"

    files = await eventually(lambda: sorted(folder.glob("*otp-test-1.json")) if folder.exists() else [])
    message = json.loads(files[0].read_text())
    assert message["to"] == "+32470123456"
    assert "123456" in message["body"]
    assert message["channel"] == "sms"
    rows = await eventually(lambda: fetch("SELECT key FROM job_run WHERE key = {}", "notify:otp-test-1"))
    assert len(rows) == 1
    assert await outbox.pending_count() == 0
    assert len(list(folder.glob("*otp-test-1.json"))) == 1


async def test_rolled_back_change_queues_nothing(app, clean_db):
    class Boom(Exception):
        pass

    try:
        async with unit_of_work():
            await notify(key="never", channel="sms", to="+32470123456", template="otp",
                         language="nl", params={"code": "1", "minutes": 5})
            raise Boom
    except Boom:
        pass
    assert await outbox.pending_count() == 0
