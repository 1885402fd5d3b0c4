"""An approval applies in every process without a restart: each keeps its rule book in memory
and reloads it when the version marker in Redis changed (one GET every few seconds, the
database only then); a real rq worker pays with the new rules; a QuickJob creation sends no
more SQL statements than before."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import redis as sync_redis
from rq import Queue
from rq.job import Job

from backend.engine import RuleBook, last_day_of_month, month_pay
from backend.jobs.queue import RUNNER, redis_connection
from backend.platform.db import fetch
from backend.platform.settings import Settings
from backend.platform.statements import counting
from backend.rulesets import book as rule_books
from backend.rulesets.book import VERSION_KEY, RuleBookSource
from tests.conftest import eventually, spawn_worker, stop_worker
from tests.employment.conftest import hire, second_adviser
from tests.quickjobs.conftest import quickjob_body
from tests.rulesets.rule_files import (
    COUNTRY,
    ENTITY,
    book_with,
    corrected_document,
    next_year_document,
    upload_and_approve,
)


async def test_another_process_reloads_when_the_marker_changes(
        client, settings, admin_headers, second_admin_headers):
    other = RuleBookSource(settings.redis_url, check_seconds=0)  # as a worker process holds it
    doc = next_year_document()
    year_day = dt.date(int(doc["valid_from"][:4]), 6, 1)
    assert not (await other.current()).in_force(COUNTRY, ENTITY, year_day)
    approved = await upload_and_approve(client, admin_headers, second_admin_headers, doc)
    marker = sync_redis.Redis.from_url(settings.redis_url).get(VERSION_KEY).decode()
    assert marker == f"{approved['id']}:approved"
    book = await other.current()
    assert book.in_force(COUNTRY, ENTITY, year_day) and other.version == marker
    assert other.applied == (uuid.UUID(approved["id"]),)

    # Redis forgot the marker (a restart): the process reloads from PostgreSQL, same book.
    sync_redis.Redis.from_url(settings.redis_url).delete(VERSION_KEY)
    assert (await other.current()).in_force(COUNTRY, ENTITY, year_day) and other.version is None

    # Redis out of reach: the book in memory is kept, nothing fails.
    unreachable = RuleBookSource("redis://127.0.0.1:1/0", check_seconds=0)
    assert (await unreachable.current()).in_force(COUNTRY, ENTITY, year_day)  # first load: DB
    unreachable.book = RuleBook.default()
    assert not (await unreachable.current()).in_force(COUNTRY, ENTITY, year_day)


async def test_a_creation_sends_no_more_statements_when_the_book_reloads(
        client, settings, worker_headers, monkeypatch):
    from backend.units.service import ensure_reference_data

    await ensure_reference_data()
    source = rule_books.source()
    monkeypatch.setattr(source, "check_seconds", 0)  # a check on every creation

    async def create() -> int:
        with counting() as statements:
            r = await client.post("/api/v1/quickjobs", json=quickjob_body(),
                                  headers={**worker_headers, "Idempotency-Key": uuid.uuid4().hex})
        assert r.status_code == 201, r.text
        return len(statements)

    await create()  # the worker's first QuickJob opens their unit
    steady = await create()
    sync_redis.Redis.from_url(settings.redis_url).set(VERSION_KEY, "changed-elsewhere")
    assert await create() == steady  # the reload ran in its own task
    assert source.version == "changed-elsewhere"
    assert await create() == steady


async def test_the_worker_pays_with_rules_approved_after_it_started(
        client, settings, worker_headers, adviser_headers, admin_headers, second_admin_headers,
        monkeypatch):
    """One job process, so the reload is the one it did itself (not a fresh start)."""
    monkeypatch.setenv("WORKER_PROCESSES", "1")
    proc = spawn_worker(settings)
    try:
        queue = Queue("default", connection=redis_connection(settings.redis_url))

        async def daily_work() -> Job:
            job = queue.enqueue(RUNNER, "periodic.daily_work", {}, job_timeout=120)
            return await eventually(lambda: job.get_status(refresh=True) == "finished" and job,
                                    timeout=60)

        await daily_work()  # the job process loads its book: the shipped rule sets
        today = dt.date.today()
        month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month
        shipped = RuleBook.default()
        rs, fallback = shipped.for_date(COUNTRY, ENTITY, month)
        # The rule set of last month corrected (or, in a year without one yet, that year's).
        doc, replace = ((next_year_document(), False) if fallback
                        else (corrected_document(rs.file_id), True))
        await upload_and_approve(client, admin_headers, second_admin_headers, doc, replace)
        me = (await client.get("/api/v1/me", headers=worker_headers)).json()
        hired = await hire(client, adviser_headers, me["id"], startDate=month.isoformat(),
                           monthlyGrossCents=300_000, approver=await second_adviser(client))
        # The job process looks at the marker at most every RULE_SET_CHECK_SECONDS (default).
        await asyncio.sleep(Settings().rule_set_check_seconds + 0.2)
        await daily_work()
        [paid] = await fetch("SELECT * FROM monthly_salary WHERE employment = {} AND month = {}",
                             uuid.UUID(hired["id"]), month)
        new_book = book_with(doc, replace)
        expected = month_pay(300_000, month, month, None, _single(), rules=new_book).payslip
        old = month_pay(300_000, month, month, None, _single(), rules=shipped).payslip
        assert paid["rule_set"] == expected.rule_set and not paid["rule_set_fallback"]
        assert (paid["social_security_cents"], paid["withholding_cents"], paid["net_cents"]) == (
            expected.personal_social_security_cents, expected.withholding_tax_cents,
            expected.net_cents)
        assert paid["net_cents"] != old.net_cents  # 13.5 %, not 13.07 %
        assert month <= last_day_of_month(today.year, today.month)
    finally:
        stop_worker(proc)


def _single():
    from backend.engine import FamilySituation

    return FamilySituation("single")
