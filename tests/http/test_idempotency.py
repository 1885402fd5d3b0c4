"""Idempotency-Key where the key is claimed with the change (QuickJob creation,
``backend.platform.claims``): a retry, two requests at once and a refused request each leave
exactly what one request would, the claim costs no statement of its own, and answers are
forgotten after a week."""

from __future__ import annotations

import asyncio

from backend.http import idempotency
from backend.platform.db import fetch
from backend.platform.statements import counting
from tests.quickjobs import conftest as quickjob_fixtures
from tests.quickjobs.conftest import quickjob_body

worker_headers = quickjob_fixtures.worker_headers  # the fixture, for this folder's tests

TABLES = ("quickjob", "quote", "contract", "performance", "audit_log", "outbox_message",
          "quickjob_event", "idempotency_record")


async def _counts() -> dict[str, int]:
    return {t: (await fetch(f"SELECT count(*) AS n FROM {t}"))[0]["n"] for t in TABLES}


async def test_a_retry_after_success_is_answered_from_the_record_and_adds_nothing(
        client, worker_headers):
    headers = {**worker_headers, "Idempotency-Key": "retry-1"}
    first = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)
    assert first.status_code == 201, first.text
    before = await _counts()
    again = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.content == first.content
    assert await _counts() == before  # the retry's rows, audit and messages all undone
    [record] = await fetch("SELECT status_code FROM idempotency_record")
    assert record["status_code"] == 201


async def test_two_requests_at_once_with_one_key_make_one_quickjob(client, worker_headers):
    headers = {**worker_headers, "Idempotency-Key": "twice-at-once"}
    answers = await asyncio.gather(*(
        client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)
        for _ in range(3)))
    made = [a for a in answers if a.status_code == 201 and "idempotent-replayed" not in a.headers]
    assert len(made) == 1, [(a.status_code, a.text[:200]) for a in answers]
    for other in answers:
        if other is made[0]:
            continue
        if other.status_code == 201:  # the first had finished: its answer again
            assert other.headers["idempotent-replayed"] == "true"
            assert other.json()["id"] == made[0].json()["id"]
        else:  # still being answered: come back in a second
            assert other.status_code == 409 and other.headers["retry-after"] == "1"
            assert other.json()["type"].endswith("/idempotency_in_progress")
    assert (await _counts())["quickjob"] == 1


async def test_a_refused_creation_is_the_final_answer_for_its_key(client, worker_headers):
    headers = {**worker_headers, "Idempotency-Key": "refused-1", "Accept-Language": "fr"}
    body = quickjob_body(function=" ")
    first = await client.post("/api/v1/quickjobs", json=body, headers=headers)
    assert first.status_code == 422, first.text
    again = await client.post("/api/v1/quickjobs", json=body, headers=headers)
    assert again.status_code == 422 and again.headers["idempotent-replayed"] == "true"
    assert again.content == first.content
    assert (await _counts())["quickjob"] == 0
    other = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)
    assert other.status_code == 409  # the key answered another body


async def test_the_claim_goes_in_the_statement_that_writes_the_rows(client, worker_headers):
    await client.post("/api/v1/quickjobs", json=quickjob_body(),  # the year's numbering
                      headers={**worker_headers, "Idempotency-Key": "warm"})
    with counting() as statements:
        r = await client.post("/api/v1/quickjobs", json=quickjob_body(),
                              headers={**worker_headers, "Idempotency-Key": "counted"})
    assert r.status_code == 201, r.text
    statements = list(statements)
    claims = [s for s in statements if "idempotency_record" in s]
    # One to write the claim, with the rows; one to store the answer after the commit.
    assert len(claims) == 2, "\n".join(statements)
    assert claims[0].startswith("WITH") and "INSERT INTO quickjob" in claims[0].replace('"', "")
    assert statements.index(claims[0]) < statements.index("COMMIT;") < statements.index(claims[1])
    assert len(statements) == 6  # BEGIN, the worker, the client, the rows, COMMIT, the answer


async def test_answers_older_than_a_week_are_forgotten(client, worker_headers):
    for key, age in (("old", 8), ("recent", 6)):
        r = await client.post("/api/v1/quickjobs", json=quickjob_body(),
                              headers={**worker_headers, "Idempotency-Key": key})
        assert r.status_code == 201, r.text
        await fetch("UPDATE idempotency_record SET created_at = now() - make_interval(days => {}) "
                    "WHERE scope_key LIKE {}", age, f"%|{key}")
    assert await idempotency.forget_old_answers() == 1
    [kept] = await fetch("SELECT scope_key FROM idempotency_record")
    assert kept["scope_key"].endswith("|recent")
    # The forgotten key is a new request again; the kept one still answers from its record.
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(),
                          headers={**worker_headers, "Idempotency-Key": "old"})
    assert r.status_code == 201 and "idempotent-replayed" not in r.headers
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(),
                          headers={**worker_headers, "Idempotency-Key": "recent"})
    assert r.status_code == 201 and r.headers["idempotent-replayed"] == "true"
    assert (await _counts())["quickjob"] == 3
