"""Who is calling: the bearer token of a request, checked completely before any route runs.

Called by the request-context middleware for every request that carries an ``Authorization``
header, public routes included: a header that is there but wrong (not ``Bearer <token>``, a
token that does not verify, a revoked session, a person who no longer exists or whose role
changed) is a 401 problem+json, never a silent anonymous request and never a 500.

One exception: a correctly signed token that merely expired is ignored on the sign-in routes,
where an app naturally still sends it (refreshing is what it is doing).
"""

from __future__ import annotations

import logging
import time
import uuid

from backend.http.context import Principal
from backend.http.problems import Problem
from backend.people import repository, sessions
from backend.people.tokens import ExpiredToken, InvalidToken, TokenService

log = logging.getLogger("backend.people.authentication")

SIGN_IN_PATHS = frozenset({
    "/api/v1/auth/otp", "/api/v1/auth/token", "/api/v1/auth/refresh", "/api/v1/auth/password",
    "/api/v1/auth/second-factor",
})
ROLE_CACHE_SECONDS = 30.0
ROLE_CACHE_SIZE = 10_000
REDIS_PAUSE_SECONDS = 2.0


def invalid_token() -> Problem:
    return Problem(401, "invalid_token",
                   headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


def unavailable() -> Problem:
    return Problem(503, "service_unavailable", headers={"Retry-After": "2"})


class Authenticator:
    """Token, revocation list and person, per request. Roles are cached for
    ``ROLE_CACHE_SECONDS`` per process: a demoted or removed person's tokens stop working
    within that time even without a revocation."""

    def __init__(self, tokens: TokenService, redis) -> None:
        self.tokens = tokens
        self.redis = redis
        self._roles: dict[uuid.UUID, tuple[str | None, float]] = {}
        self._redis_paused_until = 0.0

    async def authenticate(self, authorization: str | None, path: str) -> Principal | None:
        """The caller, None when no Authorization header came; raises a 401 (or 503) Problem."""
        if authorization is None:
            return None
        scheme, _, token = authorization.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or " " in token:
            raise invalid_token()
        try:
            claims = self.tokens.verify(token)
        except ExpiredToken:
            if path in SIGN_IN_PATHS:
                return None
            raise invalid_token() from None
        except InvalidToken:
            raise invalid_token() from None
        try:
            if await self._revoked(claims.session):
                raise invalid_token()
            if await self._role(claims.subject) != claims.role:
                raise invalid_token()  # unknown person, or the role changed since sign-in
        except Problem:
            raise
        except Exception as exc:
            from backend.http.errors import is_unavailable

            if is_unavailable(exc):
                raise unavailable() from exc
            raise
        return Principal(claims.subject, claims.role, session=claims.session)

    async def _revoked(self, session: uuid.UUID) -> bool:
        if time.monotonic() >= self._redis_paused_until:
            try:
                return await sessions.is_revoked(self.redis, session)
            except Exception:  # noqa: BLE001 - Redis down: the database knows too
                log.warning("redis unavailable for the revocation list; asking the database")
                self._redis_paused_until = time.monotonic() + REDIS_PAUSE_SECONDS
        return await repository.family_revoked(session)

    async def _role(self, person_id: uuid.UUID) -> str | None:
        now = time.monotonic()
        cached = self._roles.get(person_id)
        if cached is not None and cached[1] > now:
            return cached[0]
        role = await repository.person_role(person_id)
        if len(self._roles) >= ROLE_CACHE_SIZE:
            self._roles.clear()
        if role is not None:  # an unknown person is asked again next time
            self._roles[person_id] = (role, now + ROLE_CACHE_SECONDS)
        return role

    def forget(self, person_id: uuid.UUID) -> None:
        self._roles.pop(person_id, None)
