"""Wrong credentials slow down the one who types them, not the person they belong to.

Every sign-in path (password, second factor, TOTP enrolment, one-time code) counts failures
per account *and* caller IP in Redis. After ``FREE_FAILURES`` the pair waits 2 s, doubling at
each further failure up to ``MAX_BACKOFF_SECONDS``; a complete sign-in clears it. A stranger guessing an adviser's
password from elsewhere therefore never locks the adviser out, while each guessing IP is
slowed to a few attempts per quarter hour. Each IP also has a ceiling over all accounts
(``IP_FAILURES_PER_HOUR``) against spraying one password over many accounts.

Redis down: no counting (availability first); scrypt's cost and the per-challenge attempt
limits of the second factor and of one-time codes remain.
"""

from __future__ import annotations

import logging

from backend.people.common import RATE_WINDOW_SECONDS, AuthContext, keyed_hash, too_many

log = logging.getLogger("backend.people.lockout")

FREE_FAILURES = 3
BACKOFF_BASE_SECONDS = 2
MAX_BACKOFF_SECONDS = 15 * 60
IP_FAILURES_PER_HOUR = 50


def backoff_seconds(failures: int, free: int = FREE_FAILURES) -> int:
    """Wait after ``failures`` consecutive failures of one account from one IP."""
    if failures <= free:
        return 0
    return min(BACKOFF_BASE_SECONDS * 2 ** (failures - free - 1), MAX_BACKOFF_SECONDS)


def _keys(ctx: AuthContext, account: str, ip: str | None) -> tuple[str, str, str]:
    who = keyed_hash(ctx.settings.secret_key, "account", account)[:32]
    where = ip or "unknown"
    return f"lock:fail:{who}:{where}", f"lock:wait:{who}:{where}", f"lock:ip:{where}"


async def check(ctx: AuthContext, account: str, ip: str | None) -> None:
    """429 with Retry-After while this account is backing off for this IP, or the IP is over
    its hourly ceiling."""
    _, wait_key, ip_key = _keys(ctx, account, ip)
    try:
        pipe = ctx.redis.pipeline()
        pipe.ttl(wait_key)
        pipe.get(ip_key)
        pipe.ttl(ip_key)
        wait, ip_failures, ip_ttl = await pipe.execute()
    except Exception:  # noqa: BLE001 - see the module docstring
        log.warning("redis unavailable for the sign-in lockout")
        return
    if int(ip_failures or 0) >= IP_FAILURES_PER_HOUR:
        raise too_many("auth_rate_limited", max(int(ip_ttl), 1))
    if wait is not None and int(wait) > 0:
        raise too_many("auth_rate_limited", int(wait))


async def failed(ctx: AuthContext, account: str, ip: str | None,
                 free: int = FREE_FAILURES) -> int:
    """Count a failure; returns the back-off it started (seconds, 0 for none). ``free``:
    failures before the back-off starts (a one-time code has its own attempt limit)."""
    fail_key, wait_key, ip_key = _keys(ctx, account, ip)
    try:
        pipe = ctx.redis.pipeline()
        pipe.incr(fail_key)
        pipe.expire(fail_key, RATE_WINDOW_SECONDS)
        pipe.set(ip_key, 0, ex=RATE_WINDOW_SECONDS, nx=True)
        pipe.incr(ip_key)
        failures, *_ = await pipe.execute()
        wait = backoff_seconds(int(failures), free)
        if wait:
            await ctx.redis.set(wait_key, 1, ex=wait)
            log.info("sign-in back-off", extra={"fields": {"failures": failures, "wait": wait}})
        return wait
    except Exception:  # noqa: BLE001
        log.warning("redis unavailable for the sign-in lockout")
        return 0


async def succeeded(ctx: AuthContext, account: str, ip: str | None) -> None:
    fail_key, wait_key, _ = _keys(ctx, account, ip)
    try:
        await ctx.redis.delete(fail_key, wait_key)
    except Exception:  # noqa: BLE001
        log.warning("redis unavailable for the sign-in lockout")
