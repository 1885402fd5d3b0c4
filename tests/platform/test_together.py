"""Writes sent together (backend.platform.db.together): the rows of one block in one statement,
foreign keys between them allowed, the transaction's time given back, nothing sent when the
block fails."""

import datetime as dt
import uuid

import asyncpg
import pytest

from backend.audit.service import record
from backend.platform.db import fetch, insert, together, unit_of_work, write
from backend.platform.statements import counting
from backend.quickjobs.tables import QuickJob, QuickJobEvent
from tests.conftest import bearer, sign_in
from tests.quickjobs.conftest import quickjob_body


async def _a_quickjob_row(client) -> dict:
    """A new QuickJob's columns, for a worker whose unit and client exist (made through the
    API), its id not yet written."""
    headers = bearer(await sign_in(client, phone=f"+3247{uuid.uuid4().int % 10**7:07d}"))
    await client.patch("/api/v1/me", json={"firstName": "Tia", "lastName": "Samen"},
                       headers=headers)
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(),
                          headers={**headers, "Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 201, r.text
    [made] = await fetch("SELECT person, unit, client FROM quickjob WHERE id = {}",
                         uuid.UUID(r.json()["id"]))
    return {"id": uuid.uuid4(), **made, "function": "designer", "description": "posters",
            "performance_dates": [dt.date(2030, 1, 7)], "amount_cents": 50_000,
            "vat_included": False, "vat_rate": "21", "vat_exemption": None,
            "contract_type": "student", "withholding_rate": None, "paid_in_cash": False,
            "status": "quote_sent", "simulation": "{}", "rule_set": "test",
            "pay_date": dt.date(2030, 1, 31), "review_reasons": [], "language": "nl"}


async def test_rows_of_a_block_go_in_one_statement_and_may_refer_to_each_other(client):
    job = await _a_quickjob_row(client)
    with counting() as statements:
        async with unit_of_work():
            [before] = await fetch("SELECT now() AS at")
            async with together() as written:
                # the event refers to the QuickJob of the same statement (checked at its end)
                await insert(QuickJobEvent, {"quickjob": job["id"], "kind": "created",
                                             "data": {"n": 1}})
                await insert(QuickJob, job)
                await record(actor_id=None, action="test.together", object_type="quickjob",
                             object_id=job["id"])
                await write("UPDATE quickjob SET description = {} WHERE id = {}",
                            "not seen: same snapshot", job["id"])
                assert written.at is None  # nothing sent yet
    assert written.at == before["at"] and written.statements == 4
    # BEGIN, the SELECT, the block's one statement, COMMIT
    assert len(statements) == 4 and statements[2].startswith("WITH w1 AS (INSERT")
    [row] = await fetch("SELECT created_at, description FROM quickjob WHERE id = {}", job["id"])
    # every part ran on the statement's snapshot: the UPDATE did not see the row inserted
    assert row["created_at"] == before["at"] and row["description"] == "posters"
    assert len(await fetch("SELECT id FROM quickjob_event WHERE quickjob = {}", job["id"])) == 1
    assert len(await fetch("SELECT id FROM audit_log WHERE action = 'test.together'")) == 1


async def test_a_failing_block_sends_nothing(client):
    job = await _a_quickjob_row(client)

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        async with unit_of_work():
            async with together():
                await insert(QuickJob, job)
                raise Boom
    assert await fetch("SELECT id FROM quickjob WHERE id = {}", job["id"]) == []


async def test_a_broken_foreign_key_fails_the_whole_statement(client):
    job = await _a_quickjob_row(client)
    with pytest.raises(asyncpg.exceptions.ForeignKeyViolationError):
        async with unit_of_work(), together():
            await insert(QuickJob, job)
            await insert(QuickJobEvent, {"quickjob": uuid.uuid4(), "kind": "created",
                                         "data": {}})
    assert await fetch("SELECT id FROM quickjob WHERE id = {}", job["id"]) == []


async def test_together_needs_a_unit_of_work():
    with pytest.raises(RuntimeError):
        async with together():
            pass
