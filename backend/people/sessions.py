"""Sessions: token pairs, refresh rotation, logout, and the revocation list checked per request.

A session is a refresh-token family. Every access token carries its family as ``sid``, so
revoking the family (logout, a reused refresh token, a role change) also stops the access
tokens it issued: the family goes on a revocation list in Redis for as long as any of them can
still be valid, and ``backend.people.authentication`` checks that list on every request (the
database's ``revoked_at`` answers when Redis cannot).

Workers' sessions slide (each refresh lasts another ``refresh_token_ttl_seconds``); staff
sessions end ``staff_session_ttl_seconds`` after the sign-in, however often they are refreshed.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from typing import TYPE_CHECKING

from backend.audit.service import record
from backend.http.problems import Problem
from backend.people import repository
from backend.people.common import STAFF_ROLES, AuthContext, keyed_hash
from backend.people.rows import RefreshTokenRow
from backend.people.schemas import TokenPair
from backend.platform.db import unit_of_work

if TYPE_CHECKING:  # annotations only: the worker imports this without the web stack
    from backend.http.context import Principal

log = logging.getLogger("backend.people.sessions")

REVOKED_PREFIX = "revoked:sid:"
CLOCK_SKEW_SECONDS = 5


def _refresh_hash(ctx: AuthContext, token: str) -> str:
    return keyed_hash(ctx.settings.secret_key, "refresh", token)


async def issue_pair(ctx: AuthContext, person_id: uuid.UUID, role: str,
                     family: RefreshTokenRow | None = None) -> TokenPair:
    """A new session (``family`` None) or the next pair of ``family`` (its refresh-token row).
    Joins the caller's transaction."""
    refresh = secrets.token_urlsafe(32)
    family_id = family.family_id if family else uuid.uuid4()
    if role in STAFF_ROLES:
        ttl = None if family else ctx.settings.staff_session_ttl_seconds
        expires_at = family.expires_at if family else None
    else:
        ttl, expires_at = ctx.settings.refresh_token_ttl_seconds, None
    await repository.insert_refresh_token(
        person_id=person_id, family_id=family_id, token_hash=_refresh_hash(ctx, refresh),
        role=role, ttl_seconds=ttl, expires_at=expires_at)
    return TokenPair(access_token=ctx.tokens.issue(person_id, role, family_id),
                     refresh_token=refresh, expires_in=ctx.tokens.ttl_for(role))


async def refresh(ctx: AuthContext, refresh_token: str) -> TokenPair:
    """Rotate: the presented token is used up, a new one of the same family is issued.

    Presenting an already rotated token again means it leaked: the whole family is revoked
    (the legitimate holder signs in again). A family signed in for another role than the
    person has now (a worker since made adviser) is revoked too: staff sign in with their
    second factor.
    """
    failure: Problem | None = None
    pair: TokenPair | None = None
    revoked: uuid.UUID | None = None
    async with unit_of_work():
        row = await repository.refresh_token_by_hash(_refresh_hash(ctx, refresh_token))
        if row is None or row.revoked_at is not None or row.expired:
            failure = Problem(401, "refresh_invalid")
        elif row.used_at is not None:
            await _revoke_in_db(row.family_id, row.person, "reuse", reused_token=row.id)
            revoked, failure = row.family_id, Problem(401, "refresh_invalid")
        else:
            person = await repository.person_by_id(row.person)
            if person is None or person.erased_at is not None:
                failure = Problem(401, "refresh_invalid")
            elif (row.role or "worker") != person.role:
                await _revoke_in_db(row.family_id, row.person, "role_changed")
                revoked, failure = row.family_id, Problem(401, "refresh_invalid")
            else:
                await repository.mark_refresh_used(row.id)
                pair = await issue_pair(ctx, person.id, person.role, family=row)
    if revoked is not None:
        await publish_revocation(ctx, revoked, strict=False)
    if failure is not None:
        raise failure
    assert pair is not None
    return pair


async def logout(ctx: AuthContext, principal: Principal) -> None:
    """End the caller's session: its refresh tokens and the access tokens it issued.

    Answered only once the revocation list has it (else 503: the client tries again, and
    revoking twice changes nothing)."""
    if principal.session is None:
        raise Problem(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"})
    async with unit_of_work():
        await _revoke_in_db(principal.session, principal.id, "logout", actor=principal.id)
    await publish_revocation(ctx, principal.session, strict=True)


async def revoke_person_sessions(ctx: AuthContext, person_id: uuid.UUID, reason: str,
                                 actor: uuid.UUID | None = None) -> int:
    """Every open session of a person (e.g. a new second factor was enrolled)."""
    async with unit_of_work():
        families = await repository.open_families(person_id)
        for family_id in families:
            await _revoke_in_db(family_id, person_id, reason, actor=actor)
    for family_id in families:
        await publish_revocation(ctx, family_id, strict=False)
    return len(families)


async def _revoke_in_db(family_id: uuid.UUID, person_id: uuid.UUID, reason: str,
                        actor: uuid.UUID | None = None, **details: object) -> None:
    count = await repository.revoke_family(family_id)
    await record(actor_id=actor or person_id, action="refresh_family.revoked",
                 object_type="refresh_family", object_id=family_id,
                 after={"reason": reason, "tokens_revoked": count, "person": person_id,
                        **details})


async def publish_revocation(ctx: AuthContext, family_id: uuid.UUID, *, strict: bool) -> None:
    """Put the family on the revocation list for the longest an access token of it can live.
    ``strict``: a Redis failure is a 503 (the database already has the revocation, and the
    per-request check falls back to it only when Redis is unreachable)."""
    try:
        await ctx.redis.set(REVOKED_PREFIX + str(family_id), 1,
                            ex=ctx.tokens.longest_ttl + CLOCK_SKEW_SECONDS)
    except Exception:
        log.warning("could not publish a session revocation", exc_info=True)
        if strict:
            raise Problem(503, "service_unavailable", headers={"Retry-After": "2"}) from None


async def is_revoked(redis, family_id: uuid.UUID) -> bool:
    """From Redis; raises when Redis cannot answer (the caller falls back to the database)."""
    return bool(await redis.exists(REVOKED_PREFIX + str(family_id)))
