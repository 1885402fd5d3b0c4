"""What the request carries into controllers: who is calling, in which language, which request."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from litestar import Request

from backend.http.problems import Forbidden, Problem


@dataclass(frozen=True)
class Principal:
    id: uuid.UUID
    role: str  # worker | adviser | admin
    session: uuid.UUID | None = None  # the refresh family of the token (logout revokes it)

    @property
    def is_staff(self) -> bool:
        return self.role in ("adviser", "admin")

    def require(self, *roles: str) -> Principal:
        if self.role not in roles:
            raise Forbidden()
        return self


def language_of(request: Request) -> str:
    return request.scope["state"].get("language", "nl")


def request_id_of(request: Request) -> str | None:
    return request.scope["state"].get("request_id")


async def provide_principal(request: Request) -> Principal:
    """Dependency for authenticated routes: 401 unless a valid bearer token came in."""
    principal = request.scope["state"].get("principal")
    if principal is None:
        raise Problem(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"})
    return principal


async def provide_language(request: Request) -> str:
    return language_of(request)
