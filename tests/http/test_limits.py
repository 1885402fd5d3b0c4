"""Input limits and what every failure looks like: 413/422 problem+json for bodies too large or
too deep (never a 500), 405 with Allow, the idempotency layer's 503 while PostgreSQL is away,
and an OpenAPI that documents the content types the server really sends."""

from __future__ import annotations

import asyncpg
import pytest

from backend.http import idempotency, limits
from tests.conftest import bearer, sign_in
from tests.quickjobs.conftest import quickjob_body

SIMULATION = {"amountCents": 100000, "performanceDates": ["2026-03-02"]}


def _problem(r, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json"), r.headers
    return r.json()


@pytest.mark.parametrize("body", [
    b"[" * 1000 + b"]" * 1000,  # the probe: 1,000 levels on the public simulation
    b'{"amountCents": 100000, "expenses": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b'{"unknown": ' + b'{"a": ' * 3000 + b"1" + b"}" * 3000 + b"}",
    b"[" * 200000,  # deep and not even closed
])
async def test_deep_json_is_a_422_problem_not_a_500(client, body):
    r = await client.post("/api/v1/simulations", content=body,
                          headers={"content-type": "application/json", "Accept-Language": "en"})
    problem = _problem(r, 422)
    assert problem["errors"] == [{"field": "body", "code": "json_too_deep",
                                  "message": "The JSON is nested too deeply (at most 32 levels)."}]


async def test_depth_counts_structure_not_brackets_in_strings(client):
    text = "[{" * 500
    r = await client.post("/api/v1/bot/messages", json={"text": text[:2000]},
                          headers=bearer(await sign_in(client, email="deep@example.be")))
    assert r.status_code == 200, r.text
    assert limits.json_depth(b'{"a": [1, {"b": "[[[["}]}') == 3
    assert not limits.too_deep(b"[" * 32 + b"]" * 32) and limits.too_deep(b"[" * 33 + b"]" * 33)


async def test_a_body_too_large_is_a_413_problem(client):
    big = b'{"text": "' + b"x" * (limits.JSON_MAX_BYTES + 1) + b'"}'
    r = await client.post("/api/v1/simulations", content=big,
                          headers={"content-type": "application/json", "Accept-Language": "nl"})
    assert "1024 kB" in _problem(r, 413)["detail"]

    async def chunks():  # no Content-Length: counted as it streams
        for _ in range(20):
            yield b"x" * 100_000

    r = await client.post("/api/v1/simulations", content=chunks(),
                          headers={"content-type": "application/json"})
    _problem(r, 413)


async def test_method_not_allowed_carries_allow(client):
    r = await client.delete("/api/v1/simulations")
    _problem(r, 405)
    assert set(r.headers["allow"].replace(" ", "").split(",")) >= {"POST"}
    r = await client.put("/api/v1/me")
    _problem(r, 405)
    assert {"GET", "PATCH"} <= set(r.headers["allow"].replace(" ", "").split(","))


async def _down(*args, **kwargs):
    raise asyncpg.exceptions.CannotConnectNowError("the database system is starting up")


async def test_idempotent_post_while_postgres_is_down_is_a_503_problem(client, monkeypatch):
    """The probe: with an Idempotency-Key a PostgreSQL restart gave text/plain 500. Here the
    key is claimed before the handler runs (buying shares)."""
    headers = {**bearer(await sign_in(client, phone="+32470123456")), "Idempotency-Key": "k-1",
               "Accept-Language": "en"}
    monkeypatch.setattr(idempotency, "_run", _down)
    r = await client.post("/api/v1/me/membership", json={"shares": 1}, headers=headers)
    problem = _problem(r, 503)
    assert r.headers["retry-after"] == "2" and problem["type"].endswith("/service_unavailable")


async def test_a_creation_while_postgres_is_down_is_a_503_problem_and_keeps_no_key(
        client, monkeypatch):
    """QuickJob creation claims its key with its rows (backend.platform.claims): PostgreSQL
    away at its first query is a 503, and the key stays free for the retry."""
    from backend.platform import db

    headers = {**bearer(await sign_in(client, phone="+32470123456")), "Idempotency-Key": "k-1",
               "Accept-Language": "en"}
    await client.patch("/api/v1/me", json={"firstName": "An", "lastName": "Peeters"},
                       headers=headers)
    real_run = db._run
    monkeypatch.setattr(db, "_run", _down)
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)
    problem = _problem(r, 503)
    assert r.headers["retry-after"] == "2" and problem["type"].endswith("/service_unavailable")
    monkeypatch.setattr(db, "_run", real_run)
    assert await db.fetch("SELECT scope_key FROM idempotency_record "
                          "WHERE scope_key LIKE '%|k-1'") == []


async def test_a_record_the_outage_kept_from_being_released_is_released_later(
        client, monkeypatch):
    """PostgreSQL goes away after the claim: the answer (503) is not final, the key must not
    stay "in progress" when the client retries once PostgreSQL is back."""
    from backend.quickjobs import creation

    headers = {**bearer(await sign_in(client, phone="+32470123456")), "Idempotency-Key": "k-2"}
    await client.patch("/api/v1/me", json={"firstName": "An", "lastName": "Peeters"},
                       headers=headers)
    await client.post("/api/v1/me/membership", json={"shares": 1}, headers=headers | {
        "Idempotency-Key": "k-0"})
    real_run, real_create = idempotency._run, creation.create
    calls = {"n": 0}

    async def create_then_outage(*args, **kwargs):
        async def gone(*a, **k):
            raise asyncpg.exceptions.ConnectionDoesNotExistError("connection lost")

        monkeypatch.setattr(idempotency, "_run", gone)  # from now on PostgreSQL is away
        calls["n"] += 1
        raise asyncpg.exceptions.ConnectionDoesNotExistError("connection lost")

    monkeypatch.setattr(creation, "create", create_then_outage)
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)
    assert r.status_code == 503 and calls["n"] == 1
    monkeypatch.setattr(idempotency, "_run", real_run)  # PostgreSQL is back
    monkeypatch.setattr(creation, "create", real_create)
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)
    assert r.status_code == 201, r.text
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)
    assert r.status_code == 201 and r.headers["idempotent-replayed"] == "true"


def test_the_openapi_documents_problem_json_for_every_error(app):
    schema = app.openapi_schema.to_schema()
    wrong = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            for status in ("400", "401", "413", "422", "503"):
                response = operation["responses"].get(status)
                if response is None:
                    wrong.append(f"{method.upper()} {path}: {status} undocumented")
                elif set(response.get("content", {})) != {"application/problem+json"}:
                    wrong.append(f"{method.upper()} {path}: {status} as "
                                 f"{sorted(response.get('content', {}))}")
    assert not wrong, "\n".join(wrong[:20])


async def test_options_lists_every_method_of_the_resource(client):
    for path, expected in (("/api/v1/me", {"GET", "PATCH", "OPTIONS"}),
                           ("/api/v1/quickjobs", {"GET", "POST", "OPTIONS"}),
                           ("/api/v1/me/totp", {"GET", "POST", "OPTIONS"})):
        r = await client.options(path)
        assert r.status_code == 204, r.text
        assert set(r.headers["allow"].replace(" ", "").split(",")) - {"HEAD"} == expected, path
