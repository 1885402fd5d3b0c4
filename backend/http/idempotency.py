"""Repository for idempotency records (see IdempotencyMiddleware).

While PostgreSQL is down a claim raises (the outermost ``ProblemGuard`` answers 503 with
Retry-After). A record that could not be released or completed because the database went away
in between is remembered by this process and written at its next claim, so the client's retry
with the same key is not told "in progress" for the whole pending timeout.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from backend.platform.db import fetch

log = logging.getLogger("backend.idempotency")

# scope_key -> None (release it) or (status, content_type, body) (complete it); this process's.
_unwritten: dict[str, tuple[int, str, bytes] | None] = {}
UNWRITTEN_MAX = 10_000


@dataclass
class Claim:
    conflict: bool = False
    in_progress: bool = False
    replay: tuple[int, str, bytes] | None = None


async def claim(scope_key: str, request_hash: str, pending_timeout: int) -> Claim:
    await _write_remembered()
    inserted = await fetch(
        "INSERT INTO idempotency_record (scope_key, request_hash) VALUES ({}, {}) "
        "ON CONFLICT (scope_key) DO NOTHING RETURNING scope_key",
        scope_key, request_hash,
    )
    if inserted:
        return Claim()
    rows = await fetch(
        "SELECT request_hash, status_code, content_type, body, "
        "created_at < now() - make_interval(secs => {}) AS abandoned "
        "FROM idempotency_record WHERE scope_key = {}",
        pending_timeout, scope_key,
    )
    if not rows:  # released in between: try once more
        return await claim(scope_key, request_hash, pending_timeout)
    row = rows[0]
    if row["request_hash"] != request_hash:
        return Claim(conflict=True)
    if row["status_code"] is None:
        if row["abandoned"]:
            await release(scope_key)
            return await claim(scope_key, request_hash, pending_timeout)
        return Claim(in_progress=True)
    return Claim(replay=(row["status_code"], row["content_type"], bytes(row["body"])))


async def complete(scope_key: str, status: int, content_type: str, body: bytes) -> None:
    try:
        await _complete(scope_key, status, content_type, body)
    except Exception:  # noqa: BLE001 - the response is already sent
        _remember(scope_key, (status, content_type, body))


async def release(scope_key: str) -> None:
    try:
        await _release(scope_key)
    except Exception:  # noqa: BLE001 - the response is already sent (or being replaced)
        _remember(scope_key, None)


async def _complete(scope_key: str, status: int, content_type: str, body: bytes) -> None:
    await fetch(
        "UPDATE idempotency_record SET status_code = {}, content_type = {}, body = {} "
        "WHERE scope_key = {}",
        status, content_type, body, scope_key,
    )


async def _release(scope_key: str) -> None:
    await fetch("DELETE FROM idempotency_record WHERE scope_key = {}", scope_key)


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
