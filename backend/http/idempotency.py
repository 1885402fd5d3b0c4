"""Repository for idempotency records (see IdempotencyMiddleware).

While PostgreSQL is down a claim raises (the outermost ``ProblemGuard`` answers 503 with
Retry-After). A record that could not be released or completed because the database went away
in between is remembered by this process and written at its next claim, so the client's retry
with the same key is not told "in progress" for the whole pending timeout.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

import msgspec
from piccolo.query.base import Query
from piccolo.querystring import QueryString

from backend.http.tables import IdempotencyRecord
from backend.platform.db import Compiled, compiled, new_row, rows

log = logging.getLogger("backend.idempotency")

# A stored answer is kept a week: a phone offline for days can still retry its request
# safely; after that a retry is a new request. The answers hold personal data, and nothing
# else reads them (``forget_old_answers``, in the worker's daily work).
KEEP_ANSWERS_DAYS = 7

# scope_key -> None (release it) or (status, content_type, body) (complete it); this process's.
_unwritten: dict[str, tuple[int, str, bytes] | None] = {}
UNWRITTEN_MAX = 10_000


class RecordRow(msgspec.Struct, frozen=True):
    request_hash: str
    status_code: int | None
    content_type: str | None
    body: bytes | None
    abandoned: bool


@dataclass
class Claim:
    conflict: bool = False
    in_progress: bool = False
    replay: tuple[int, str, bytes] | None = None


async def claim(scope_key: str, request_hash: str, pending_timeout: int) -> Claim:
    await _write_remembered()
    inserted = await _run(compiled("idempotency.claim", _claim),
                          values={"scope_key": scope_key, "request_hash": request_hash})
    if inserted:
        return Claim()
    found = await _run(IdempotencyRecord.select(
        IdempotencyRecord.request_hash, IdempotencyRecord.status_code,
        IdempotencyRecord.content_type, IdempotencyRecord.body,
        # by the database's clock, like created_at
        QueryString("created_at < now() - make_interval(secs => {})",
                    float(pending_timeout)).as_alias("abandoned"),
    ).where(IdempotencyRecord.scope_key == scope_key), RecordRow)
    found = found[0] if found else None
    if found is None:  # released in between: try once more
        return await claim(scope_key, request_hash, pending_timeout)
    if found.request_hash != request_hash:
        return Claim(conflict=True)
    if found.status_code is None:
        if found.abandoned:
            await release(scope_key)
            return await claim(scope_key, request_hash, pending_timeout)
        return Claim(in_progress=True)
    return Claim(replay=(found.status_code, found.content_type or "", bytes(found.body or b"")))


async def complete(scope_key: str, status: int, content_type: str, body: bytes) -> None:
    try:
        await _complete(scope_key, status, content_type, body)
    except Exception:  # noqa: BLE001 - the response is already sent
        _remember(scope_key, (status, content_type, body))


async def complete_with_change(scope_key: str, request_hash: str, status: int,
                               content_type: str, body: bytes) -> bool:
    """The final answer of a request whose key was claimed with its change
    (``backend.platform.claims``): the record that change's transaction wrote is completed;
    or, when the request wrote nothing (a 422 before any write, a rollback), it is written
    now, complete. False when the key already has another request's answer (left as it is)."""
    try:
        return bool(await _run(compiled("idempotency.complete_with_change", _upsert), values={
            "scope_key": scope_key, "request_hash": request_hash, "status": status,
            "content_type": content_type, "body": body}))
    except Exception:  # noqa: BLE001 - the answer stands; its record is written later
        _remember(scope_key, (status, content_type, body))
        return True


async def release(scope_key: str) -> None:
    try:
        await _release(scope_key)
    except Exception:  # noqa: BLE001 - the response is already sent (or being replaced)
        _remember(scope_key, None)


async def forget_caller(person_id: uuid.UUID) -> int:
    """Erase the stored answers of a person's requests (they may hold personal data); joins
    the caller's transaction."""
    found = await IdempotencyRecord.delete().where(
        IdempotencyRecord.scope_key.like(f"p:{person_id}|%")).returning(
        IdempotencyRecord.scope_key)
    return len(found)


async def forget_old_answers(days: int = KEEP_ANSWERS_DAYS) -> int:
    """Erase the records older than ``days`` (by the database's clock); how many."""
    found = await IdempotencyRecord.delete().where(
        QueryString("created_at < now() - make_interval(days => {})", days)).returning(
        IdempotencyRecord.scope_key)
    return len(found)


# The claim and the completion, once per idempotent request, are compiled once (``compiled``).

def _claim(slot) -> Query:
    return IdempotencyRecord.insert(new_row(
        IdempotencyRecord, scope_key=slot("scope_key", IdempotencyRecord.scope_key),
        request_hash=slot("request_hash", IdempotencyRecord.request_hash),
    )).on_conflict(action="DO NOTHING").returning(IdempotencyRecord.scope_key)


def _completion(slot) -> Query:
    return IdempotencyRecord.update({
        IdempotencyRecord.status_code: slot("status", IdempotencyRecord.status_code),
        IdempotencyRecord.content_type: slot("content_type", IdempotencyRecord.content_type),
        IdempotencyRecord.body: slot("body", IdempotencyRecord.body),
    }).where(IdempotencyRecord.scope_key == slot("scope_key", IdempotencyRecord.scope_key))


def _upsert(slot) -> Query:
    record = IdempotencyRecord
    return record.insert(new_row(
        record, scope_key=slot("scope_key", record.scope_key),
        request_hash=slot("request_hash", record.request_hash),
        status_code=slot("status", record.status_code),
        content_type=slot("content_type", record.content_type),
        body=slot("body", record.body),
    )).on_conflict(
        target=record.scope_key, action="DO UPDATE",
        values=[record.status_code, record.content_type, record.body],
        where=record.status_code.is_null()
        & (record.request_hash == slot("request_hash", record.request_hash)))


async def _complete(scope_key: str, status: int, content_type: str, body: bytes) -> None:
    await _run(compiled("idempotency.complete", _completion), values={
        "scope_key": scope_key, "status": status, "content_type": content_type, "body": body})


async def _release(scope_key: str) -> None:
    await _run(IdempotencyRecord.delete().where(IdempotencyRecord.scope_key == scope_key))


async def _run(query, kind: type | None = None, values: dict | None = None) -> list:
    """Every statement of this store goes through here (tests put PostgreSQL away here):
    a Piccolo query, its rows as ``kind`` when given, or a query compiled once run with
    ``values``."""
    if isinstance(query, Compiled):
        return await query.fetch(values or {})
    return await rows(query, kind) if kind is not None else await query


def _remember(scope_key: str, outcome: tuple[int, str, bytes] | None) -> None:
    log.warning("idempotency record not written, kept for later", exc_info=True)
    if len(_unwritten) < UNWRITTEN_MAX:
        _unwritten[scope_key] = outcome


async def _write_remembered() -> None:
    for scope_key, outcome in list(_unwritten.items()):
        if outcome is None:
            await _release(scope_key)
        else:
            await _complete(scope_key, *outcome)
        del _unwritten[scope_key]
