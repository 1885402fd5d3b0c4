"""What the people use cases share: the sign-in context, keyed hashes, Redis counters, 422/429."""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from typing import Any

from backend.http.problems import FieldError, Problem
from backend.people.tokens import TokenService
from backend.platform.settings import Settings

RATE_WINDOW_SECONDS = 3600
STAFF_ROLES = ("adviser", "admin")


@dataclass(frozen=True)
class AuthContext:
    """What sign-in needs from the application: settings, the JWT service, Redis."""

    settings: Settings
    tokens: TokenService
    redis: Any  # redis.asyncio.Redis


def validation_problem(errors: list[FieldError]) -> Problem:
    return Problem(422, "validation_failed", errors=errors)


def keyed_hash(secret: str, *parts: str) -> str:
    message = "\x00".join(parts).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


async def hit(redis, key: str, limit: int) -> int | None:
    """Count one hit; the seconds to wait when over ``limit``, else None. Raises if Redis is down."""
    pipe = redis.pipeline()
    pipe.set(key, 0, ex=RATE_WINDOW_SECONDS, nx=True)
    pipe.incr(key)
    pipe.ttl(key)
    _, count, ttl = await pipe.execute()
    if count > limit:
        return max(int(ttl), 1)
    return None


def too_many(code: str, retry_after: int) -> Problem:
    """429 with Retry-After; the message counts in minutes (``code``) or, when the wait is
    short, in seconds (``auth_retry_soon``)."""
    headers = {"Retry-After": str(retry_after)}
    if retry_after < 120 and code == "auth_rate_limited":
        return Problem(429, "auth_retry_soon", seconds=retry_after, headers=headers)
    return Problem(429, code, minutes=max(1, math.ceil(retry_after / 60)), headers=headers)
