"""Repository for idempotency records (see IdempotencyMiddleware)."""

from __future__ import annotations

from dataclasses import dataclass

from backend.platform.db import fetch


@dataclass
class Claim:
    conflict: bool = False
    in_progress: bool = False
    replay: tuple[int, str, bytes] | None = None


async def claim(scope_key: str, request_hash: str, pending_timeout: int) -> Claim:
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
    await fetch(
        "UPDATE idempotency_record SET status_code = {}, content_type = {}, body = {} "
        "WHERE scope_key = {}",
        status, content_type, body, scope_key,
    )


async def release(scope_key: str) -> None:
    await fetch("DELETE FROM idempotency_record WHERE scope_key = {}", scope_key)
